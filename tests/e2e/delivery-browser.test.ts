import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, type Page } from 'playwright-core';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { axeViolations } from '../support/axe.ts';
import { launchEditorBrowser, signInLocally, type EditorBrowser } from '../support/chromium.ts';

/**
 * Issue 25, item 4, as an editor sees it at 1280 and 390 px: a job's delivered, bounced and complained figures
 * after the local SES simulator's addresses received it, titles instead of ids, skipped digests behind a filter,
 * reader counts without the export, the update confirm with its follower count, and previews in the zone where
 * most readers are. axe-core finds nothing on any of it.
 */
const SHOTS = join(process.cwd(), 'tests', 'output', 'screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const STORY = 'abe-putin-lima-2016';
const STORY_TITLE = /Abe and Putin meet in Lima/;
/** Most readers are here: neither the story's zones nor the browser's. */
const LARGEST_ZONE = 'America/Sao_Paulo';

let stack: LocalStack;
let context: BrowserContext;
let browser: EditorBrowser | undefined;
let token: string;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  stack = await startTestStack();
  token = await stack.adminToken();
  // Prepare: readers at SES's mailbox simulator and an ordinary one, all with a weekly digest
  const readers: [string, string][] = [
    ['ordinary@example.com', 'Asia/Tokyo'],
    ['another@example.com', LARGEST_ZONE],
    ['success@simulator.amazonses.com', LARGEST_ZONE],
    ['bounce@simulator.amazonses.com', LARGEST_ZONE],
    ['complaint@simulator.amazonses.com', LARGEST_ZONE],
  ];
  for (const [email, timeZone] of readers) {
    await addActiveReader(stack.deps.subscriberStore, email, { timeZone, digest: 'weekly' });
  }
  // The first run (the dispatcher's cursor), a run after the story's last event that catches up on every job in
  // between (the last digests empty), then an update to the story's followers, dispatched
  await stack.dispatch(new Date('2016-11-19T15:05:00Z'));
  await stack.dispatch(new Date('2016-12-26T23:30:00Z'));
  const posted = await api(stack, 'POST', `/admin/stories/${STORY}/updates`, {
    token,
    body: { subject: 'Talks move to Nagato', body: 'A hot spring.' },
    headers: { 'idempotency-key': 'browser-1' },
  });
  expect(posted.status, posted.text).toBe(201);
  await stack.dispatch(new Date('2016-12-27T00:30:00Z'));
  browser = await launchEditorBrowser('delivery', { width: 1280, height: 800 });
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function signedIn(hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.apiUrl}/console${hash}`);
  await signInLocally(page);
  return page;
}

interface JobJson {
  kind: string;
  status: string;
  progress: Record<string, unknown>;
}
const jobs = async (): Promise<JobJson[]> => (await api(stack, 'GET', '/admin/jobs', { token })).json.jobs;

describe('delivery an editor can see', () => {
  it('the jobs screen names the story and the update and shows what SES said of its mail, at both sizes', async () => {
    // Prepare: SES's events arrive after its answers
    await expect
      .poll(async () => (await jobs()).find((j) => j.kind === 'update')?.progress)
      .toMatchObject({ targeted: 5, sent: 5, delivered: 4, bounced: 1, complained: 1 });
    const skippedDigests = (await jobs()).filter((j) => j.kind === 'digest' && j.status === 'skipped').length;
    expect(skippedDigests).toBeGreaterThan(0);
    const page = await signedIn('#/jobs');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // Act
      await page.goto(`${stack.apiUrl}/console#/jobs?kind=update`);
      await expect.poll(() => h1(page).textContent()).toBe('Jobs');
      // Assess: titles, not ids; the figures in words
      const row = page
        .getByRole('table', { name: 'Jobs, latest first' })
        .getByRole('row')
        .filter({ hasText: 'Talks move to Nagato' });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toMatch(STORY_TITLE);
      expect(text).not.toContain(STORY);
      for (const figure of ['5 targeted', '5 sent', '4 delivered', '1 bounced', '1 complained'])
        expect(text).toContain(figure);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `jobs-delivery-${size.width}.png`), fullPage: true });
    }
    await page.close();
  });

  it('hides skipped digests behind a filter that says how many, off by default', async () => {
    const all = await jobs();
    const skipped = all.filter((j) => j.kind === 'digest' && j.status === 'skipped').length;
    const page = await signedIn('#/jobs');
    await expect.poll(() => h1(page).textContent()).toBe('Jobs');
    const status = page.locator('[role="status"]:not(#status)').filter({ hasText: 'jobs shown' });
    const hidden = `${skipped} skipped ${skipped === 1 ? 'digest' : 'digests'} hidden`;
    await expect
      .poll(() => status.textContent())
      .toBe(`${all.length - skipped} of ${all.length} jobs shown; ${hidden}`);
    const filter = page.getByLabel(/^Show skipped digests/);
    expect(await filter.isChecked()).toBe(false);
    const label = await filter.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent);
    expect(label).toContain(`(${skipped})`);
    await filter.check();
    await expect.poll(() => status.textContent()).toBe(`${all.length} of ${all.length} jobs shown`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('counts readers from the counters, never the export, and confirms an update with its follower count', async () => {
    const audience = (await api(stack, 'GET', '/admin/audience', { token })).json;
    const followers = audience.stories.find((s: { id: string }) => s.id === STORY).followers as number;
    // The bounce and the complaint suppressed two of the five.
    expect(audience.total).toBe(3);
    const page = await signedIn('#/stories');
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${stack.apiUrl}/console#/stories`);
      await expect.poll(() => h1(page).textContent()).toBe('Stories');
      await page.goto(`${stack.apiUrl}/console#/subscribers`);
      await page.getByText(`${audience.total} active readers`).waitFor();
      expect(await page.getByRole('table', { name: 'Active readers per time zone' }).textContent()).toContain(
        'Asia/Tokyo',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
    }
    expect(asked).toContain('/admin/audience');
    expect(asked.filter((p) => p.startsWith('/admin/subscribers.csv'))).toEqual([]);

    // Act: send an update, and decline when asked
    await page.goto(`${stack.apiUrl}/console#/stories/${STORY}/update`);
    await page.getByLabel('Subject').fill('One more thing');
    await page.getByLabel('Message').fill('Nothing yet.');
    // The confirm() blocks the page until answered: answer it in the listener, so the click never waits on it
    const question = new Promise<string>((resolve) => {
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      });
    });
    await page.getByRole('button', { name: 'Send to followers' }).click();
    // Assess
    expect(await question).toMatch(
      new RegExp(
        `^Send “One more thing” to the followers of Abe and Putin meet in Lima.*\\? ${followers} readers? follows? it; `
          + 'those who turned updates off get nothing\\.$',
      ),
    );
    const updates = (await api(stack, 'GET', `/admin/stories/${STORY}/updates`, { token })).json.updates;
    expect(updates.map((u: { subject: string }) => u.subject)).toEqual(['Talks move to Nagato']);
    // The update sent before shows its progress in the story's list
    await page
      .getByRole('table', { name: /Updates to followers/ })
      .getByText('4 delivered')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('previews in the zone of the largest audience by default, and in a language the editor picks', async () => {
    const audience = (await api(stack, 'GET', '/admin/audience', { token })).json;
    expect(audience.zones[0]).toEqual({ timeZone: LARGEST_ZONE, readers: 2 });
    const page = await signedIn('#/previews');
    await expect.poll(() => h1(page).textContent()).toBe('Previews');
    await expect.poll(() => page.getByLabel("Reader's time zone").inputValue()).toBe(audience.zones[0].timeZone);
    // … and in the language a reader chose: the reminder's subject in Japanese, with the seed's Japanese title
    await expect.poll(() => page.locator('p.subject').textContent()).toMatch(/^Subject: /);
    await page.getByLabel("Reader's language").selectOption('ja');
    await page.getByRole('button', { name: 'Show preview' }).click();
    await expect.poll(() => page.locator('p.subject').textContent()).toMatch(/^Subject: 【.+】/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
