import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, type Page } from 'playwright-core';
import { api, startTestStack } from '../support/local-stack.ts';
import { freePort } from '../support/dynalite.ts';
import type { StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { DEMO_READER, seedDemoReader } from '#local/demo-reader.ts';
import { axeViolations } from '../support/axe.ts';
import { launchEditorBrowser, signInLocally, type EditorBrowser } from '../support/chromium.ts';

const SHOTS = join(process.cwd(), 'tests', 'output', 'screenshots');

let stack: LocalStack;
let context: BrowserContext;
let browser: EditorBrowser | undefined;
const cspViolations: string[] = [];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  // Through the edge built from the template's CloudFront distribution (-c region puts it in), as on AWS.
  const port = await freePort();
  stack = await startTestStack({
    port, context: { region: 'eu-west-1', publicBaseUrl: `http://127.0.0.1:${port}`, sendRatePerSecond: '1000', maxSendRate: '100000' },
  });
  expect(stack.model.edges).toHaveLength(1);
  browser = await launchEditorBrowser('console', { width: 1280, height: 900 });
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function openConsole(hash = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text()); });
  await page.goto(`${stack.apiUrl}/console${hash}`);
  return page;
}

async function signedIn(hash = ''): Promise<Page> {
  const page = await openConsole(hash);
  await signInLocally(page);
  return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The SES emulator's store: every mail the stack sent. */
const sentMail = async (): Promise<StoredEmail[]> => ((await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

/** A reader as the admin API has them (404 when the address is unknown). */
const reader = async (email: string) => api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(email)}`, { token: await stack.adminToken() });

const STORY = 'abe-putin-lima-2016';
/** An import with consent evidence (active at once), one bad row (an unknown zone), and one without evidence (a confirmation email). */
const IMPORT_CSV = [
  'email,timeZone,stories,consentDate,consentSource',
  `first.import@example.com,Asia/Tokyo,${STORY},2016-11-01,newsletter sign-up form 2016`,
  'second.import@example.com,Mars/Olympus,,,',
  `third.import@example.com,America/New_York,${STORY},,`,
].join('\r\n') + '\r\n';

/** A screen's own status line, not the page-wide live region (#status) that repeats it for screen readers. */
const visibleStatus = (page: Page) => page.locator('[role="status"]:not(#status)');

/** The two sizes the desk is used at: a laptop and a phone. */
const SIZES = [{ width: 1280, height: 800 }, { width: 390, height: 844 }] as const;
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A story with one event, through the admin API, as an editor would have made it. */
async function storyWithEvent(title: string): Promise<{ storyId: string; eventId: string }> {
  const token = await stack.adminToken();
  const body = { title, publisher: 'Kyodo News', publishedOn: '2016-11-19' };
  const story = (await api(stack, 'POST', '/admin/stories', { token, body })).json;
  const event = (await api(stack, 'POST', '/admin/events', {
    token,
    body: {
      storyId: story.id, title: `${title}: the talks`, summary: 'Talks in Tokyo.',
      date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo',
      source: { publisher: 'Kyodo News', quote: 'The talks are set for 16 December.' },
    },
  })).json;
  return { storyId: story.id, eventId: event.id };
}

describe("the editors' console", () => {
  it('is served with a strict policy: one script from this origin, no inline script, and its sign-in config', async () => {
    const res = await fetch(`${stack.apiUrl}/console`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const src = /<script src="(\/console\/app\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    const js = await fetch(`${stack.apiUrl}${src}`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${stack.apiUrl}/console/config.json`)).json()).toEqual({ signIn: 'local', tokenUrl: '/_local/console-token' });
  });

  it('signs in locally with the token `npm run admin-token` issues, and signs out', async () => {
    const page = await openConsole();
    expect(await h1(page).textContent()).toBe('Sign in');
    await page.getByRole('button', { name: 'Sign in locally' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Stories');
    // Focus moves to the screen's heading, and the token is in sessionStorage only.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Stories');
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([1, 0]);
    await shot(page, 'stories');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Sign in');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  });

  it('creates a story and an event, moves the event with its source, and shows the alert followers will get', async () => {
    // Prepare
    const page = await signedIn('#/stories');
    await expect.poll(() => h1(page).textContent()).toBe('Stories');

    // Act: a new story
    await page.getByLabel('Title').fill('Putin visits Japan');
    await page.getByLabel('Publisher').fill('Kyodo News');
    await page.getByLabel('Published on').fill('2016-11-19');
    await page.getByRole('button', { name: 'Create story' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Putin visits Japan');

    // … an event of it
    const newEvent = page.locator('form', { has: page.getByRole('button', { name: 'Create event' }) });
    await newEvent.getByLabel('Title').fill('Putin visits Nagato');
    await newEvent.getByLabel('Summary').fill('Informal talks at a hot spring.');
    await newEvent.getByLabel('Date').fill('2016-12-15');
    await newEvent.getByLabel("Event's time zone").fill('Asia/Tokyo');
    await newEvent.getByLabel('Place').fill('Nagato, Yamaguchi');
    await newEvent.getByRole('group', { name: 'Source' }).getByLabel('Publisher').fill('Kyodo News');
    await newEvent.getByRole('group', { name: 'Source' }).getByLabel('Their words').fill('Putin may visit Japan in mid-December.');
    await shot(page, 'story');
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Putin visits Nagato');
    const eventId = decodeURIComponent(/#\/events\/(.+)$/.exec(page.url())![1]!);

    // … moved a day later: the form asks on whose word
    const changeSource = page.getByRole('group', { name: 'Source of this change' });
    expect(await changeSource.isVisible()).toBe(false);
    await page.getByLabel('Date', { exact: true }).fill('2016-12-16');
    expect(await changeSource.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await changeSource.getByLabel('Publisher').evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
    // … and, before saving, the alert followers would get for the unsaved date
    const preview = page.getByRole('region', { name: 'What followers will get' });
    await page.getByRole('button', { name: 'Preview the alert' }).click();
    await expect.poll(() => preview.locator('pre').textContent()).toMatch(/Friday 16 December 2016/);
    expect(await preview.locator('pre').textContent()).toMatch(/Thursday 15 December 2016/);
    await shot(page, 'event-alert-before-saving');
    await changeSource.getByLabel('Publisher').fill('NHK');
    await changeSource.getByLabel('Their words').fill('The visit to Nagato moves to 16 December.');
    // … the unsaved move's alert now quotes that source, as the mail will
    await page.getByRole('button', { name: 'Preview the alert' }).click();
    await expect.poll(() => preview.locator('pre').textContent())
      .toMatch(/"The visit to Nagato moves to 16 December\."\n— NHK/);
    await page.getByRole('button', { name: 'Save changes' }).click();

    // Assess: saved as a move with its source, and the moved alert previewed (or the API's own error while that backend is missing)
    await expect.poll(async () => (await api(stack, 'GET', `/admin/events/${eventId}`, { token: await stack.adminToken() })).json?.version).toBe(2);
    // … and focus lands on what the save did, not on <body>
    await page.waitForFunction(() => /^Event moved; version 2/.test(document.activeElement?.textContent ?? ''));
    const saved = (await api(stack, 'GET', `/admin/events/${eventId}`, { token: await stack.adminToken() })).json;
    expect(saved.date).toBe('2016-12-16');
    expect(saved.history.at(-1)).toMatchObject({ kind: 'moved', source: { publisher: 'NHK' } });
    const frame = preview.locator('iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect.poll(() => preview.locator('pre').textContent()).toMatch(/16 December 2016|Nagato/);
    // The HTML part, too, quotes the source of the change
    await page.frameLocator('iframe[title^="HTML version"]').getByText('Source of the change').first().waitFor();
    await shot(page, 'event-moved');

    // … and a changed zone previews as the event's would-be zone (eventTimeZone), the reader's zone apart (timeZone)
    await page.getByLabel("Event's time zone").fill('Europe/Moscow');
    const asked = page.waitForRequest((r) => r.url().includes('/admin/previews/moved'));
    await page.getByRole('button', { name: 'Preview the alert' }).click();
    const query = new URL((await asked).url()).searchParams;
    expect(Object.fromEntries(query)).toEqual({ event: eventId, timeZone: 'Asia/Tokyo', eventTimeZone: 'Europe/Moscow' });
    await expect.poll(() => preview.locator('pre').textContent()).toMatch(/Moscow/);
    await page.close();
  });

  it('shows an edit that lost the race as "changed by someone else", and saves it again on the current version', async () => {
    // Prepare: an editor has the event open …
    const token = await stack.adminToken();
    const page = await signedIn('#/events/abe-putin-summit-yamaguchi');
    await expect.poll(() => h1(page).textContent()).toMatch(/Yamaguchi/);
    const before = (await api(stack, 'GET', '/admin/events/abe-putin-summit-yamaguchi', { token })).json;
    // … when another one changes it
    await api(stack, 'PATCH', '/admin/events/abe-putin-summit-yamaguchi', { token, headers: { 'if-match': `"${before.version}"` }, body: { summary: 'Changed elsewhere.' } });

    // Act
    await page.getByLabel('Title').fill('Abe–Putin summit in Nagato, Yamaguchi');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Changed by someone else' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`now at version ${before.version + 1}`);
    await shot(page, 'conflict');
    await page.getByRole('button', { name: 'Reload and re-apply my changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();

    // Assess: both changes kept
    await expect.poll(async () => (await api(stack, 'GET', '/admin/events/abe-putin-summit-yamaguchi', { token })).json?.version).toBe(before.version + 2);
    const after = (await api(stack, 'GET', '/admin/events/abe-putin-summit-yamaguchi', { token })).json;
    expect(after).toMatchObject({ title: 'Abe–Putin summit in Nagato, Yamaguchi', summary: 'Changed elsewhere.' });
    await page.close();
  });

  it('renders a preview in a sandboxed frame under the page policy, text beside it (answer stubbed in the browser)', async () => {
    // A UI check independent of the preview backend: the frame is sandboxed, and the page's CSP lets it show styled mail.
    const page = await signedIn('#/previews');
    await page.route('**/admin/previews/**', (route) => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({
        subject: 'Tomorrow: Abe–Putin summit in Yamaguchi',
        html: '<!doctype html><html><head><style>h1{color:#1d4ed8;font-family:sans-serif}</style></head><body><h1>Tomorrow</h1><p style="color:#b91c1c">Abe–Putin summit in Yamaguchi</p><script>parent.document.title="escaped"</script></body></html>',
        text: 'Tomorrow\n\nAbe–Putin summit in Yamaguchi\nDate: Thursday 15 December 2016',
      }),
    }));
    await expect.poll(() => h1(page).textContent()).toBe('Previews');
    await page.getByRole('button', { name: 'Show preview' }).click();
    const frame = page.frameLocator('iframe[title^="HTML version"]');
    await expect.poll(() => frame.locator('h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(29, 78, 216)');
    expect(await page.title()).not.toBe('escaped');
    await shot(page, 'previews');
    await page.close();
  });

  it('previews a reminder at the moment it would go out, offers the "confirmed" alert, and sends a test to the editor', async () => {
    const page = await signedIn('#/previews?kind=reminder&event=abe-putin-economic-talks-tokyo&timeZone=Asia/Tokyo');
    await expect.poll(() => h1(page).textContent()).toBe('Previews');
    expect(await page.getByLabel('Email', { exact: true }).locator('option').allTextContents()).toContain('Date confirmed alert');
    await page.getByText('the moment this reminder would go out').waitFor();
    const region = page.getByRole('region', { name: 'Preview' });
    await region.locator('pre').waitFor();
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await expect.poll(() => region.getByRole('status').textContent()).toMatch(/Test email sent/);
    await expect.poll(async () => (await sentMail()).some((m) => /^\[Test\]/.test(m.subject ?? ''))).toBe(true);
    await page.close();
  });

  it('imports a CSV: a dry run names the bad row by row, line and reason and writes nothing; the import then adds the readers', async () => {
    // Prepare
    const page = await signedIn('#/subscribers');
    await expect.poll(() => h1(page).textContent()).toBe('Subscribers');
    // A file that is not UTF-8 is refused before it is sent
    await page.getByLabel('CSV file').setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from('email\r\nren\xe9@example.com\r\n', 'latin1') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'latin1.csv is not UTF-8' }).count()).toBe(1);

    // Act: the dry run of a file
    await page.getByLabel('CSV file').setInputFiles({ name: 'readers.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    await expect.poll(() => page.getByLabel('Or paste the CSV').inputValue()).toBe(IMPORT_CSV.replace(/\r\n/g, '\n'));
    await page.getByRole('button', { name: 'Check (dry run)' }).click();

    // Assess: the bad row named, and nothing written
    const report = page.locator('.report');
    await report.getByRole('heading', { name: 'Dry run: nothing was written or sent' }).waitFor();
    const bad = report.locator('> table tr.bad');
    expect(await bad.count()).toBe(1);
    const cells = await bad.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['2', '3', 'second.import@example.com', 'invalid']);
    expect(cells[4]).toMatch(/^timeZone "Mars\/Olympus": .*IANA time zone.*unknown-zone$/);
    expect(await report.textContent()).toMatch(/1 would be active at once.*1 would get a confirmation email.*1 invalid/s);
    expect((await reader('first.import@example.com')).status).toBe(404);
    expect((await reader('third.import@example.com')).status).toBe(404);
    await shot(page, 'subscribers-dry-run');

    // Act: import what was checked
    await page.getByRole('button', { name: 'Import now (2 readers)' }).click();
    await report.getByRole('heading', { name: 'Import done' }).waitFor();

    // Assess
    expect(await report.textContent()).toMatch(/1 active at once.*1 sent a confirmation email.*1 invalid/s);
    expect((await reader('first.import@example.com')).json).toMatchObject({ status: 'active', preferences: { stories: [STORY] }, consent: { source: 'newsletter sign-up form 2016' } });
    expect((await reader('second.import@example.com')).status).toBe(404);
    await stack.cloud.drainQueues(10_000);
    expect((await reader('third.import@example.com')).json?.status).toBe('pending');
    await shot(page, 'subscribers');
    await page.close();
  });

  it('exports every page of the CSV with the token (following x-next-cursor); counts readers without it', async () => {
    // Prepare: pages of one row each, so the console has to follow the cursor
    const page = await signedIn('#/stories');
    const asked: string[] = [];
    await page.route('**/admin/subscribers.csv*', (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '1');
      asked.push(url.search);
      return route.continue({ url: url.toString() });
    });
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await page.getByRole('table', { name: 'Active readers per time zone' }).waitFor();
    // The counts come from the readers' counters: showing them fetched no page of the export
    expect(asked).toEqual([]);

    // Act
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download all as CSV' }).click();
    const file = await (await download).path();

    // Assess: one header, each reader once (the API answers 401 without the token)
    const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^email,status,timeZone,reminders,digest,stories,events,consentDate,consentSource,requestedAt,/);
    expect(lines.filter((l) => l.startsWith('email,'))).toHaveLength(1);
    const first = lines.filter((l) => l.startsWith('first.import@example.com,active,Asia/Tokyo,'));
    expect(first).toHaveLength(1);
    expect(first[0]!.split(',').slice(5, 9)).toEqual([STORY, 'all', '2016-11-01T00:00:00.000Z', 'newsletter sign-up form 2016']);
    expect(lines.filter((l) => l.startsWith('third.import@example.com,pending,'))).toHaveLength(1);
    expect(asked.filter((q) => q.includes('cursor=')).length).toBeGreaterThanOrEqual(lines.length - 2);
    await expect.poll(() => visibleStatus(page).filter({ hasText: 'Downloaded' }).textContent()).toContain(`Downloaded ${lines.length - 1} readers`);
    // The counts: active readers per zone, and each story's followers (named by title)
    const zones = page.getByRole('table', { name: 'Active readers per time zone' });
    expect(await zones.getByRole('cell', { name: 'Asia/Tokyo', exact: true }).count()).toBe(1);
    const followers = page.getByRole('table', { name: 'Followers per story' });
    expect(await followers.getByRole('cell', { name: /Abe and Putin meet in Lima/ }).count()).toBe(1);
    await shot(page, 'subscribers-counts');
    await page.close();
  });

  it('shows jobs per kind with their state, and looks up a reader and their suppression', async () => {
    // Prepare: a confirmed reader in Tokyo, and the dispatcher's run for Monday's 08:00 there (the weekly digest)
    await seedDemoReader(stack.deps);
    await stack.dispatch(new Date('2016-11-20T23:00:00Z'));
    const page = await signedIn('#/jobs');
    await expect.poll(() => h1(page).textContent()).toBe('Jobs');
    await expect.poll(() => visibleStatus(page).filter({ hasText: 'jobs shown' }).textContent()).not.toMatch(/^0 of 0/);
    expect(await page.getByRole('table', { name: 'Jobs per kind and status' }).isVisible()).toBe(true);
    await shot(page, 'jobs');
    await page.getByRole('link', { name: 'Suppressions' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Suppressions');
    await page.getByLabel('Email address').fill(DEMO_READER.email);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText(`${DEMO_READER.email} is not suppressed`).waitFor();
    await shot(page, 'suppressions');
    await page.close();
  });

  it('sends a story update to followers once, though the first answer was lost, lists it, and the dispatcher mails it', async () => {
    // Prepare: the first send reaches the API, but its answer never reaches the browser
    const page = await signedIn(`#/stories/${STORY}/update`);
    page.on('dialog', (d) => void d.accept());
    await expect.poll(() => h1(page).textContent()).toMatch(/^Update to followers of Abe and Putin/);
    const keys: string[] = [];
    let lost = false;
    await page.route('**/admin/stories/*/updates', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByLabel('Subject').fill('Talks continue in Nagato');
    await page.getByLabel('Message').fill('The leaders meet again on **15 December**, at a hot spring in Nagato.');
    const preview = page.getByRole('region', { name: 'Preview' });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => preview.locator('pre').textContent()).toMatch(/The leaders meet again on 15 December/);
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await expect.poll(() => preview.getByRole('status').textContent()).toMatch(/Test email sent/);

    // Act: send, lose the answer, send again
    await page.getByRole('button', { name: 'Send to followers' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'No answer from the API' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Send to followers' }).click();

    // Assess: the same key twice, one update stored, and listed
    await expect.poll(() => visibleStatus(page).filter({ hasText: 'already been stored' }).count()).toBe(1);
    await page.waitForFunction(() => (document.activeElement?.textContent ?? '').includes('already been stored'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const { json } = await api(stack, 'GET', `/admin/stories/${STORY}/updates`, { token: await stack.adminToken() });
    expect(json.updates).toMatchObject([{ subject: 'Talks continue in Nagato', status: 'pending', job: null }]);
    await page.getByRole('table', { name: 'Updates to followers, newest first' }).getByText('Talks continue in Nagato').waitFor();
    await shot(page, 'story-update');

    // Act: the next dispatcher run
    await stack.dispatch(new Date('2016-11-21T00:00:00Z'));

    // Assess: the imported follower has it, and the story lists it as dispatched with its job
    const mail = (await sentMail()).filter((m) => m.destination.to.includes('first.import@example.com'));
    expect(mail.map((m) => m.subject)).toContain('Talks continue in Nagato');
    await page.goto(`${stack.apiUrl}/console#/stories/${STORY}`);
    const listed = page.getByRole('table', { name: 'Updates to followers, newest first' }).getByRole('row', { name: /Talks continue in Nagato/ });
    await expect.poll(() => listed.textContent()).toMatch(/dispatched.*queued.*\d+ targeted.*\d+ sent/);
    await shot(page, 'story-updates');
    await page.close();
  });

  it('reads a story: proposes its events with their quotes marked in the text, and creates the story with the chosen events', async () => {
    // Prepare: a made-up story with one exact date and one vague one
    const text = [
      'VIENNA (Danube Wire) -- Foreign ministers of the Danube states will meet on Dec. 12 in Vienna to sign a river shipping pact, officials said on Tuesday.',
      'The ministers have argued over dredging rules for two years. A follow-up conference on flood defences will be held in Budapest in mid-January, though no day has been set.',
      'A meeting of their deputies set for Dec. 2 in Linz was called off.',
      'Environmental groups welcomed the talks.',
    ].join('\n');
    const page = await signedIn('#/stories');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Read a story' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Read a story');

    // Act: propose
    await page.getByLabel("The story's text").fill(text);
    await page.getByLabel('Published on').fill('2016-11-22');
    await page.getByLabel('Publisher').fill('Danube Wire');
    await page.getByLabel('Dateline city').fill('Vienna');
    await page.getByRole('button', { name: 'Propose events' }).click();

    // Assess: two ticked cards, each quote marked in the text (as text, not markup), focus on the results
    await page.waitForFunction(() => document.activeElement?.textContent === 'Proposed story and events');
    const cards = page.locator('section.proposal');
    expect(await cards.count()).toBe(2);
    const marks = page.locator('.story-text mark');
    expect(await marks.count()).toBe(2);
    expect(await marks.nth(0).textContent()).toContain('will meet on Dec. 12 in Vienna');
    expect(await marks.nth(1).textContent()).toContain('in Budapest in mid-January');
    expect(await page.locator('.story-text').textContent()).toContain('Environmental groups welcomed the talks.');
    for (const i of [0, 1]) expect(await cards.nth(i).getByRole('checkbox', { name: `Include event ${i + 1}` }).isChecked()).toBe(true);
    // … and the call-off is listed apart as a notice, not proposed as an event
    const notices = page.getByRole('region', { name: 'Notices (1)' });
    expect(await notices.textContent()).toMatch(/cancelled.*Linz.*\(2016-12-02\)/);
    expect(await cards.nth(0).textContent()).toMatch(/Readers see: Monday 12 December 2016 · Europe\/Vienna/);
    expect(await cards.nth(1).textContent()).toMatch(/Readers see: date to be confirmed \(mid-January\) · Europe\/Budapest/);
    expect(await cards.nth(1).textContent()).toContain('zone from the city named');
    await cards.nth(1).getByRole('button', { name: 'Show in text' }).click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'MARK' && document.activeElement.textContent!.includes('mid-January'));
    await shot(page, 'proposals');
    // … and at a phone's width nothing scrolls sideways, every input labelled
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML))).toEqual([]);
    await shot(page, 'phone-proposals');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Act: create; the first event's zone is refused (a typo), the second is created all the same
    const title = await page.getByLabel('Title').first().inputValue();
    const zone = cards.nth(0).getByLabel("Event's time zone");
    await zone.fill('Europe/Viena');
    await page.getByRole('button', { name: 'Create story and 2 events' }).click();
    const refused = cards.nth(0).getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Event 1 was not created.*timeZone/);
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await visibleStatus(page).filter({ hasText: 'Event 2 of 2' }).textContent()).toMatch(/created/);
    // The status line and the card are two updates of the page: wait for the card's own
    await expect.poll(() => cards.nth(1).textContent()).toMatch(/Created as /);
    await shot(page, 'proposals-refused');
    // … the editor fixes it and presses again: only the first event is sent
    await zone.fill('Europe/Vienna');
    await page.getByRole('button', { name: 'Create 1 event' }).click();

    // Assess: the story's screen opens; the story and both events are stored with their zones and source
    await expect.poll(() => h1(page).textContent()).toBe(title);
    const storyId = decodeURIComponent(/#\/stories\/(.+)$/.exec(page.url())![1]!);
    const token = await stack.adminToken();
    expect((await api(stack, 'GET', `/admin/stories/${storyId}`, { token })).json).toMatchObject({ title, publisher: 'Danube Wire', publishedOn: '2016-11-22', language: 'en' });
    const events = ((await api(stack, 'GET', '/admin/events', { token })).json.events as Array<Record<string, any>>).filter((e) => e.storyId === storyId);
    expect(events).toHaveLength(2);
    const firm = events.find((e) => e.date);
    const provisional = events.find((e) => e.range);
    expect(firm).toMatchObject({ date: '2016-12-12', timeZone: 'Europe/Vienna', place: 'Vienna', source: { publisher: 'Danube Wire' } });
    expect(firm!.source.quote).toContain('on Dec. 12 in Vienna');
    expect(provisional).toMatchObject({ range: { from: '2017-01-11', to: '2017-01-20', label: 'mid-January' }, timeZone: 'Europe/Budapest', place: 'Budapest' });
    expect(provisional!.summary).toContain('mid-January');
    await page.getByText('date to be confirmed').or(page.getByText('2017-01-11 to 2017-01-20')).first().waitFor();
    await page.close();
  });

  it('shows a cancelled event and an archived story read-only: a banner, nothing to edit, both sizes', async () => {
    // Prepare: a cancelled event, and an archived story with a scheduled event
    const token = await stack.adminToken();
    const cancelled = await storyWithEvent('Tokyo talks called off');
    await api(stack, 'DELETE', `/admin/events/${cancelled.eventId}`, {
      token, headers: { 'if-match': '"1"' }, body: { changeSource: { publisher: 'NHK', quote: 'The talks are off.' } },
    });
    const archived = await storyWithEvent('Old summit');
    const archive = { token, headers: { 'if-match': '"1"' }, body: { status: 'archived' } };
    await api(stack, 'PATCH', `/admin/stories/${archived.storyId}`, archive);
    const page = await signedIn('#/stories');
    const screens = [
      { hash: `#/events/${cancelled.eventId}`, banner: 'This event is cancelled', name: 'event-cancelled' },
      { hash: `#/events/${archived.eventId}`, banner: 'This story is archived', name: 'event-of-archived-story' },
      { hash: `#/stories/${archived.storyId}`, banner: 'This story is archived', name: 'story-archived' },
      { hash: `#/stories/${archived.storyId}/update`, banner: 'This story is archived', name: 'story-archived-update' },
    ];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const { hash, banner, name } of screens) {
        // Act
        await page.goto(`${stack.apiUrl}/console${hash}`);
        await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

        // Assess: the banner says why, and nothing offers a change
        await page.getByRole('note').filter({ hasText: banner }).waitFor();
        const offers = ['Save changes', 'Cancel this event', 'Preview the alert', 'Create event', 'Send to followers'];
        for (const offer of offers) {
          expect(await page.getByRole('button', { name: offer }).count(), `${hash}: ${offer}`).toBe(0);
        }
        expect(await page.getByRole('link', { name: 'Write an update to followers' }).count(), hash).toBe(0);
        expect(await page.locator('main input, main textarea').count(), hash).toBe(0);
        expect(await sideways(page), hash).toBeLessThanOrEqual(0);
        expect(await axeViolations(page), hash).toEqual([]);
        await shot(page, `${name}-${size.width}`);
      }
    }
    // The cancelled event still reads in full: when, where and on whose word it was cancelled
    await page.goto(`${stack.apiUrl}/console#/events/${cancelled.eventId}`);
    await expect.poll(() => page.getByRole('note').textContent()).toMatch(/on the word of NHK/);
    expect(await page.locator('dl.facts').textContent()).toMatch(/2016-12-16, all day · Asia\/Tokyo.*Tokyo/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.close();
  });

  it('renders every kind of preview from its defaults: next event, the main zone, would-be date', async () => {
    // Prepare: a story whose dated event is months away, and one still to be confirmed
    const token = await stack.adminToken();
    const body = { title: 'Kuril islands talks', publisher: 'Kyodo News', publishedOn: '2016-11-19' };
    const kuril = (await api(stack, 'POST', '/admin/stories', { token, body })).json;
    const said = { publisher: 'Kyodo News', quote: 'Talks are planned for next year.' };
    const common = { storyId: kuril.id, summary: 'Talks on the islands.', timeZone: 'Asia/Vladivostok', source: said };
    const dated = { ...common, title: 'Talks in Vladivostok', date: '2017-06-12', place: 'Vladivostok' };
    await api(stack, 'POST', '/admin/events', { token, body: dated });
    const range = { from: '2017-07-01', to: '2017-07-10', label: 'early July' };
    const provisional = { ...common, title: 'Visit to Kunashir', range, place: 'Kunashir' };
    await api(stack, 'POST', '/admin/events', { token, body: provisional });
    for (const size of SIZES) {
      const page = await signedIn(`#/previews?story=${kuril.id}`);
      await page.setViewportSize(size);
      const region = page.getByRole('region', { name: 'Preview' });
      const kind = page.getByLabel('Email', { exact: true });
      const eventList = page.getByLabel('Event', { exact: true });

      // Assess: on arrival, a reminder of the story's next event in the zone most readers are in (the readers'
      // counters), else the event's; only this story's events, named with it
      await expect.poll(() => region.locator('pre').textContent()).toMatch(/Talks in Vladivostok/);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await eventList.locator('option').allTextContents())
        .toEqual(['Kuril islands talks — Talks in Vladivostok',
          'Kuril islands talks — Visit to Kunashir (to be confirmed)']);
      const largest = (await api(stack, 'GET', '/admin/audience', { token })).json.zones[0]?.timeZone;
      expect(await page.getByLabel("Reader's time zone").inputValue()).toBe(largest ?? 'Asia/Vladivostok');
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `previews-arrival-${size.width}`);

      // Act and assess: each kind from its defaults
      const expected: Record<string, RegExp> = {
        confirmation: /Confirm/, digest: /TALKS IN VLADIVOSTOK|Talks in Vladivostok|DIGEST/, cancelled: /Cancelled/,
        moved: /Tuesday 13 June 2017/, confirmed: /Saturday 1 July 2017/, reminder: /Talks in Vladivostok/,
      };
      for (const [k, text] of Object.entries(expected)) {
        await kind.selectOption(k);
        await page.getByRole('button', { name: 'Show preview' }).click();
        // The preview's text, or the API's refusal in its place (so a failure says why)
        const shown = () => region.locator('pre, [role="alert"]').first().textContent();
        await expect.poll(shown, { message: k }).toMatch(text);
      }
      // The digest says when readers would get one; the would-be date is there for "date confirmed"
      await kind.selectOption('digest');
      await page.getByRole('button', { name: 'Show preview' }).click();
      await expect.poll(() => region.locator('.notice').textContent())
        .toMatch(/No dated event .* next is “Talks in Vladivostok”/);
      await kind.selectOption('confirmed');
      expect(await page.getByLabel('Would-be date').inputValue()).toBe('2017-07-01');
      expect(await eventList.inputValue()).toMatch(/visit-to-kunashir/);
      // … and a move quotes the change's source, as the mail will
      await kind.selectOption('moved');
      const change = page.getByRole('group', { name: 'Source of the change' });
      await change.getByLabel('Publisher').fill('TASS');
      await change.getByLabel('Their words').fill('The talks move by a day.');
      await page.getByRole('button', { name: 'Show preview' }).click();
      await expect.poll(() => region.locator('pre').textContent()).toMatch(/"The talks move by a day\."\n— TASS/);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `previews-moved-${size.width}`);
      await page.close();
    }
  });

  it('answers "not suppressed" for an unknown address, wraps between words, gives readers their stories', async () => {
    for (const size of SIZES) {
      // Act: an address never seen
      const page = await signedIn('#/suppressions');
      await page.setViewportSize(size);
      await expect.poll(() => h1(page).textContent()).toBe('Suppressions');
      await page.getByLabel('Email address').fill('never.seen@example.com');
      await page.getByRole('button', { name: 'Look up' }).click();

      // Assess: an answer, not a red error
      await visibleStatus(page).filter({ hasText: 'never.seen@example.com is not suppressed' }).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `suppressions-unknown-${size.width}`);

      // Words wrap between words: no badge or cell broken inside a word
      expect(await page.evaluate(() => getComputedStyle(document.body).overflowWrap)).not.toBe('anywhere');
      if (size.width === 1280) {
        // The story's events table: cells of titles, dates and zones (the jobs' badges when other tests made jobs)
        await page.goto(`${stack.apiUrl}/console#/stories/${STORY}`);
        await page.locator('main td').first().waitFor();
        const broken = await page.evaluate(() => Array.from(document.querySelectorAll('main .badge, main td'))
          .flatMap((el) => Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE))
          .filter((n) => {
            // A word split across lines: one word's characters in more than one line box
            const range = document.createRange();
            return (n.textContent ?? '').split(/(\s+)/).some((word, i, all) => {
              if (!word.trim()) return false;
              const start = all.slice(0, i).join('').length;
              range.setStart(n, start); range.setEnd(n, start + word.length);
              return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1;
            });
          }).map((n) => n.textContent));
        expect(broken).toEqual([]);
      }

      // Readers: /stories in a browser is a page, with feeds explained; a program still gets JSON
      await page.goto(`${stack.apiUrl}/stories`);
      await expect.poll(() => h1(page).textContent()).toBe('Stories');
      await page.getByRole('link', { name: /Abe and Putin meet in Lima/ }).first().waitFor();
      expect(await page.locator('main').textContent()).toMatch(/feed of changes is for a feed reader app/);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `reader-stories-${size.width}`);
      await page.close();
    }
    const res = await fetch(`${stack.apiUrl}/stories`);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(((await res.json()) as { stories: unknown[] }).stories.length).toBeGreaterThan(0);
  });

  it('fits a phone: no screen scrolls sideways at 375×667, and every input has a label', async () => {
    const page = await signedIn('#/stories');
    await page.setViewportSize({ width: 375, height: 667 });
    for (const hash of ['#/stories', '#/stories/abe-putin-lima-2016', '#/stories/abe-putin-lima-2016/update', '#/events/abe-putin-economic-talks-tokyo', '#/jobs', '#/subscribers', '#/suppressions', '#/previews']) {
      await page.goto(`${stack.apiUrl}/console${hash}`);
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      if (hash === '#/subscribers') {
        // The import report's row table, as cards
        await page.getByLabel('Or paste the CSV').fill(IMPORT_CSV);
        await page.getByRole('button', { name: 'Check (dry run)' }).click();
        await page.locator('.report tr.bad').first().waitFor();
        await shot(page, 'phone-subscribers');
      }
      if (hash === '#/stories/abe-putin-lima-2016') await shot(page, 'phone-story');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, hash).toBeLessThanOrEqual(0);
      const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML));
      expect(unlabelled, hash).toEqual([]);
      if (hash === '#/events/abe-putin-economic-talks-tokyo') await shot(page, 'phone-event');
      if (hash === '#/stories') await shot(page, 'phone-stories');
    }
    await page.close();
    expect(cspViolations).toEqual([]);
    // The README's pictures (docs/console-*.png) are copies of console-desk-browser.test.ts's readme-*.png, made by
    // hand when the screens change: a test run writes only its own output folder.
  });
});
