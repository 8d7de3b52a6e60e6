import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { api, startTestStack } from '../support/local-stack.ts';
import type { StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';

/** Debian's chromium, never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let stack: LocalStack;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  stack = await startTestStack();
  profile = await mkdtemp(join(tmpdir(), 'datewatch-chromium-'));
  // The browser says it is in Tokyo: the page's one script should pick that zone.
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
}, 60_000);
afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function confirmationFor(to: string): Promise<StoredEmail> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${stack.sesUrl}/store`);
    const { emails } = (await res.json()) as { emails: StoredEmail[] };
    const mail = emails.find((m) => m.destination.to.includes(to));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no confirmation email for ${to} in the SES emulator`);
}

describe('subscribing in a browser', () => {
  it('fills the form, gets the confirmation email, follows its link and sees the subscription confirmed', async () => {
    // Prepare
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
    await page.goto(`${stack.apiUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Follow “/);
    expect(await page.getByRole('heading', { name: 'Coming up' }).isVisible()).toBe(true);
    expect(await page.getByText('Foreign Minister Kishida visits Russia for talks with Lavrov').first().isVisible()).toBe(true);
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Asia/Tokyo');

    // Act: what a reader does
    await page.getByLabel('Email address').fill('Browser.Reader@Example.com');
    await page.getByLabel('Three days before').check();
    await page.getByLabel('Daily: every morning').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const mail = await confirmationFor('browser.reader@example.com');
    expect(mail.subject).toBe('Confirm your Datewatch subscription');
    const link = /http:\/\/127\.0\.0\.1:\d+\/subscriptions\/confirm\?token=[A-Za-z0-9._%-]+/.exec(mail.body.text ?? '')?.[0];
    expect(link).toBeDefined();

    await page.goto(link!);
    await page.getByRole('heading', { name: 'Subscription confirmed' }).waitFor();
    expect(await page.getByText('your subscription is active').isVisible()).toBe(true);

    const admin = await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent('browser.reader@example.com')}`, { token: await stack.adminToken() });
    expect(admin.status).toBe(200);
    expect(admin.json).toMatchObject({
      status: 'active',
      preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P3D', 'P1D'], digest: 'daily', events: 'all' },
    });
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('the unsubscribe page needs the button: opening the link changes nothing, pressing it unsubscribes', async () => {
    const page = await context.newPage();
    const id = (await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent('browser.reader@example.com')}`, { token: await stack.adminToken() })).json.id as string;
    await page.goto(stack.deps.links.unsubscribeUrl(id));
    await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
    const token = await stack.adminToken();
    expect((await api(stack, 'GET', '/admin/subscribers/browser.reader%40example.com', { token })).json.status).toBe('active');

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'Unsubscribed' }).waitFor();
    expect((await api(stack, 'GET', '/admin/subscribers/browser.reader%40example.com', { token })).json.status).toBe('unsubscribed');
    await page.close();
  });
});
