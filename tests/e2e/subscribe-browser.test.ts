import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { api, startTestStack } from '../support/local-stack.ts';
import type { StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';

/** Debian's chromium, never a downloaded browser. */
const ARGS = [...CHROMIUM_ARGS];

let stack: LocalStack;
let context: BrowserContext;
let noScripts: BrowserContext;
let profile: string;
let noScriptsProfile: string;

beforeAll(async () => {
  stack = await startTestStack();
  profile = await mkdtemp(join(tmpdir(), 'datewatch-chromium-'));
  noScriptsProfile = await mkdtemp(join(tmpdir(), 'datewatch-chromium-noscript-'));
  // The browser says it is in Tokyo: the page's one script should pick that zone. It is a person's browser, not an
  // automated one (navigator.webdriver false), as the reader's own would be.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: [...ARGS, '--disable-blink-features=AutomationControlled'], timezoneId: 'Asia/Tokyo', locale: 'en-GB',
  });
  // A reader whose mail client opens links in a browser with scripts off.
  noScripts = await chromium.launchPersistentContext(noScriptsProfile, { executablePath: CHROMIUM, headless: true, args: ARGS, javaScriptEnabled: false, locale: 'en-GB' });
});
afterAll(async () => {
  await context?.close();
  await noScripts?.close();
  await stack?.close();
  for (const dir of [profile, noScriptsProfile]) if (dir) await rm(dir, { recursive: true, force: true });
});

const statusOf = async (email: string) => (await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(email)}`, { token: await stack.adminToken() })).json.status as string;
const linkIn = (mail: StoredEmail) => /http:\/\/127\.0\.0\.1:\d+\/subscriptions\/confirm\?token=[A-Za-z0-9._%-]+/.exec(mail.body.text ?? '')?.[0];

/** Counts a person's clicks in the page (trusted events only, so the page's own form.submit() is not one). */
async function countClicks(page: import('playwright-core').Page): Promise<() => Promise<number>> {
  let clicks = 0;
  await page.exposeFunction('__dwClick', () => { clicks++; }).catch(() => undefined);
  await page.addInitScript("document.addEventListener('click', function (e) { if (e.isTrusted) window.__dwClick(); }, true);");
  return async () => clicks;
}

/** The confirmation mailed to `to`: once the queues rest, the sign-up worker has handed it to SES, or never will. */
async function confirmationFor(to: string): Promise<StoredEmail> {
  await stack.cloud.drainQueues(60_000);
  const res = await fetch(`${stack.sesUrl}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  const mail = emails.find((m) => m.destination.to.includes(to));
  if (!mail) throw new Error(`no confirmation email for ${to} in the SES emulator`);
  return mail;
}

/** The POST requests a page makes, so a test can say that none confirmed the reader. */
function postsOf(page: import('playwright-core').Page): string[] {
  const posts: string[] = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(new URL(r.url()).pathname); });
  return posts;
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
    const mail = await confirmationFor('Browser.Reader@example.com');
    expect(mail.subject).toBe('Confirm your Datewatch subscription');
    const link = linkIn(mail);
    expect(link).toBeDefined();

    // One click for a person: following the link is all; the page submits its form itself where scripts run.
    const confirming = await context.newPage();
    confirming.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
    const clicks = await countClicks(confirming);
    await confirming.goto(link!);
    await confirming.getByRole('heading', { name: 'Subscription confirmed' }).waitFor();
    expect(await confirming.getByText('your subscription is active').isVisible()).toBe(true);
    expect(await clicks()).toBe(0); // no click in the page: the link in the email was the one click
    await confirming.close();

    const admin = await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent('browser.reader@example.com')}`, { token: await stack.adminToken() });
    expect(admin.status).toBe(200);
    expect(admin.json).toMatchObject({
      status: 'active',
      preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P3D', 'P1D'], digest: 'daily', events: 'all' },
    });
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('a link scanner running scripts in an automated browser (navigator.webdriver) leaves the reader pending', async () => {
    // Prepare
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: 'scanned.reader@example.com' } })).status).toBe(202);
    const link = linkIn(await confirmationFor('scanned.reader@example.com'));
    const scanner = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    try {
      // Act: what a detonating scanner does with every link of new mail.
      const page = await scanner.newPage();
      const posts = postsOf(page);
      // Counts the form submissions the page's scripts start (its one script decides inline, as the page loads).
      await page.addInitScript(`(function () {
        var submit = HTMLFormElement.prototype.submit, requestSubmit = HTMLFormElement.prototype.requestSubmit;
        window.__dwSubmits = 0;
        HTMLFormElement.prototype.submit = function () { window.__dwSubmits++; return submit.call(this); };
        HTMLFormElement.prototype.requestSubmit = function (b) { window.__dwSubmits++; return requestSubmit.call(this, b); };
      })();`);
      await page.goto(link!); // resolves at the load event: every script of the page has run and decided
      await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor();
      // Assess: the script saw the automation and started no submission, so nothing was posted and nothing changed.
      expect(await page.evaluate('navigator.webdriver')).toBe(true);
      expect(await page.evaluate('window.__dwSubmits')).toBe(0);
      expect(posts).toEqual([]);
      expect(await statusOf('scanned.reader@example.com')).toBe('pending');
    } finally {
      await scanner.close();
    }
  });

  it('with scripts off the confirmation page waits for the button: the link, then one press (two clicks)', async () => {
    // Prepare
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: 'no.scripts@example.com' } })).status).toBe(202);
    const link = linkIn(await confirmationFor('no.scripts@example.com'));
    const page = await noScripts.newPage();
    const posts = postsOf(page);
    let readerActions = 0;
    // Act: the link opens the page; nothing is confirmed until the reader presses the button.
    readerActions++;
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor();
    // With scripts off only a press can post the form: none was made, none was posted.
    expect(posts).toEqual([]);
    expect(await statusOf('no.scripts@example.com')).toBe('pending');
    readerActions++;
    await page.getByRole('button', { name: 'Confirm subscription' }).click();
    // Assess
    await page.getByRole('heading', { name: 'Subscription confirmed' }).waitFor();
    expect(await statusOf('no.scripts@example.com')).toBe('active');
    expect(readerActions).toBe(2);
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
