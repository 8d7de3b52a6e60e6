/**
 * The editors' desk, second pass (issue 25, items 3, 5, 6 and 7): a story managed whole, the stack's clock and
 * the editor's zone, /console/ and the readers' feed words, in Debian's Chromium at a laptop's and a phone's size,
 * driven by the keyboard where the editor acts, with axe-core on each state.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { api, startTestStack } from '../support/local-stack.ts';
import { freePort } from '../support/dynalite.ts';
import type { LocalStack } from '#local/stack.ts';
import { axeViolations } from '../support/axe.ts';
import { launchEditorBrowser, signInLocally, type EditorBrowser } from '../support/chromium.ts';

const SHOTS = join(process.cwd(), 'tests', 'output', 'screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

let stack: LocalStack;
let context: BrowserContext;
let browser: EditorBrowser | undefined;
const cspViolations: string[] = [];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  // Through the edge built from the template's CloudFront distribution, as on AWS; the manual clock stands at the
  // story's date, 2016-11-20 00:00 in Tokyo, where the browser is.
  const port = await freePort();
  stack = await startTestStack({
    port,
    context: {
      region: 'eu-west-1',
      publicBaseUrl: `http://127.0.0.1:${port}`,
      sendRatePerSecond: '1000',
      maxSendRate: '100000',
    },
  });
  // Every request below crosses the edge made from the template's CloudFront distribution.
  expect(stack.model.edges).toHaveLength(1);
  browser = await launchEditorBrowser('desk', SIZES[0]);
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const token = () => stack.adminToken();

async function signedIn(hash: string, size: { width: number; height: number }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${stack.apiUrl}/console${hash}`);
  await signInLocally(page);
  return page;
}

/**
 * Reaches `target` with the Tab key alone from where focus is (at most 300 presses), then presses `key` on it:
 * what a keyboard-only editor does. Fails when Tab never lands on it.
 */
async function byKeyboard(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) {
      // A focused control shows it: the house's outline (3px amber) is drawn.
      expect(await page.evaluate((el) => getComputedStyle(el as Element).outlineStyle, handle)).not.toBe('none');
      if (key) await page.keyboard.press(key);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${await target.evaluate((el) => el.outerHTML.slice(0, 120))}`);
}

/**
 * A picture for the README: the window from `from` down, `height` pixels tall (the README's copies in docs/ are
 * made by hand from these; a test run writes only its own output folder).
 */
async function readmeShot(page: Page, from: Locator, name: string, height: number): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height });
  await from.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // The mail's HTML is a sandboxed frame: wait for it to have loaded and shown its text, then for the page to have
  // drawn two frames since (the next paint after that state), before the picture.
  for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
    await frame.waitForLoadState('load');
    await frame.locator('body').waitFor({ state: 'visible' });
  }
  await page.evaluate(() => new Promise<void>((done) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  }));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Focus back at the screen's heading, so each keyboard walk starts from the top of the screen. */
const fromTop = (page: Page) => h1(page).focus();

async function storyWithEvent(title: string) {
  const t = await token();
  const story = (
    await api(stack, 'POST', '/admin/stories', {
      token: t,
      body: { title, publisher: 'TASS', publishedOn: '2016-11-18', url: 'https://tass.example/sakhalin' },
    })
  ).json;
  const event = (
    await api(stack, 'POST', '/admin/events', {
      token: t,
      body: {
        storyId: story.id,
        title: `${title}: the talks`,
        summary: 'Talks in Tokyo.',
        date: '2016-12-16',
        timeZone: 'Asia/Tokyo',
        place: 'Tokyo',
        source: { publisher: 'TASS', quote: 'The talks are set for 16 December.' },
      },
    })
  ).json;
  return { storyId: story.id as string, eventId: event.id as string };
}

describe("the editors' desk: a story managed whole", () => {
  for (const size of SIZES) {
    it(`edits, archives and withdraws a story by keyboard, followers' alert first (${size.width} px)`, async () => {
      // Prepare
      const title = `Sakhalin fishing talks ${size.width}`;
      const { storyId, eventId } = await storyWithEvent(title);
      const page = await signedIn(`#/stories/${storyId}`, size);
      await expect.poll(() => h1(page).textContent()).toBe(title);

      // Assess on arrival: the public page, the last change by the stack's clock, nothing to fix for axe
      expect(await page.getByRole('link', { name: 'its public page' }).getAttribute('href')).toBe(
        `/stories/${storyId}`,
      );
      expect(await page.locator('dl.facts').textContent()).toMatch(
        /Last changed2016-11-20 00:00 GMT\+9 \(just now by the stack's clock\)/,
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      if (size.width === 390) await readmeShot(page, page.locator('header.top'), 'readme-console-phone', size.height);

      // Act: edit the title and summary, add three background points, move the third up, remove the first
      const edit = page.locator('form[aria-labelledby="edit-story"]');
      await edit.getByLabel('Title').fill(`${title}, resumed`);
      await edit.getByLabel('Summary').fill('Japan and Russia talk about fishing rights off Sakhalin.');
      // … and its title for Japanese readers (the story's translations, edited where the story is)
      await edit.locator('details.translations > summary').click();
      await edit.getByLabel('タイトル（日本語）').fill('サハリン沖の漁業協議');
      await fromTop(page);
      const add = edit.getByRole('button', { name: 'Add a point' });
      await byKeyboard(page, add);
      await page.keyboard.type('Fishing rights were last agreed in 1998.');
      for (const text of ['Talks stalled in 2014.', 'Both sides named envoys.']) {
        await add.focus();
        await page.keyboard.press('Enter');
        await page.keyboard.type(text);
      }
      await fromTop(page);
      await byKeyboard(page, edit.getByRole('button', { name: 'Move up point 3' }));
      // … focus stays with the point that moved, on its own "move up" button
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move up point 2');
      await fromTop(page);
      await byKeyboard(page, edit.getByRole('button', { name: 'Remove point 1' }));
      expect(
        await edit.locator('ol.points textarea').evaluateAll((ts) => ts.map((t) => (t as HTMLTextAreaElement).value)),
      ).toEqual(['Both sides named envoys.', 'Talks stalled in 2014.']);

      // … while another editor changes the publication date: the save is refused, the text kept
      const t = await token();
      const current = (await api(stack, 'GET', `/admin/stories/${storyId}`, { token: t })).json;
      const theirs = await api(stack, 'PATCH', `/admin/stories/${storyId}`, {
        token: t,
        headers: { 'if-match': `"${current.version}"` },
        body: { publishedOn: '2016-11-17' },
      });
      expect(theirs.status).toBe(200);
      await fromTop(page);
      await byKeyboard(page, edit.getByRole('button', { name: 'Save the story' }));
      await page.waitForFunction(() => /^Changed by someone else/.test(document.activeElement?.textContent ?? ''));
      expect(await page.locator(':focus').textContent()).toMatch(
        /they changed the published on.*your text is still in the form/,
      );
      expect(await edit.getByLabel('Title').inputValue()).toBe(`${title}, resumed`);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `desk-story-conflict-${size.width}`);
      await edit.getByRole('button', { name: 'Save the story' }).focus();
      await page.keyboard.press('Enter');

      // Assess: saved over their version, their date kept, the points in the editor's order
      await page.waitForFunction(() => /^Story saved; version 3/.test(document.activeElement?.textContent ?? ''));
      const saved = (await api(stack, 'GET', `/admin/stories/${storyId}`, { token: t })).json;
      expect(saved).toMatchObject({
        title: `${title}, resumed`,
        publishedOn: '2016-11-17',
        summary: 'Japan and Russia talk about fishing rights off Sakhalin.',
        background: ['Both sides named envoys.', 'Talks stalled in 2014.'],
        translations: { ja: { title: 'サハリン沖の漁業協議' } },
      });
      const inJapanese = await api(stack, 'GET', `/stories/${storyId}?lang=ja`, { headers: { accept: 'text/html' } });
      expect(inJapanese.text).toContain('<h1>サハリン沖の漁業協議</h1>');

      // Act: a new event takes the story's publisher, and its zone from the place
      const newEvent = page.locator('form', { has: page.getByRole('button', { name: 'Create event' }) });
      const source = newEvent.getByRole('group', { name: 'Source' });
      expect(await source.getByLabel('Publisher').inputValue()).toBe('TASS');
      expect(await source.getByLabel('Link').inputValue()).toBe('https://tass.example/sakhalin');
      expect(await newEvent.getByLabel("Event's time zone").inputValue()).toBe('');
      await newEvent.getByLabel('Place').fill('Lima, Peru');
      await expect.poll(() => newEvent.getByLabel("Event's time zone").inputValue()).toBe('America/Lima');
      expect(await newEvent.locator('.zone-hint').textContent()).toMatch(
        /Zone from the place: America\/Lima \(Lima, PE\)/,
      );
      await newEvent.getByLabel('Title').fill('Envoys meet in Lima');
      await newEvent.getByLabel('Summary').fill('The envoys meet at the summit.');
      await newEvent.getByLabel('Date').fill('2016-11-21');
      await source.getByLabel('Their words').fill('The envoys will meet in Lima.');
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `desk-story-edited-${size.width}`);
      await newEvent.getByRole('button', { name: 'Create event' }).click();
      await expect.poll(() => h1(page).textContent()).toBe('Envoys meet in Lima');
      const limaId = decodeURIComponent(/#\/events\/(.+)$/.exec(page.url())![1]!);
      expect((await api(stack, 'GET', `/admin/events/${limaId}`, { token: t })).json).toMatchObject({
        timeZone: 'America/Lima',
        place: 'Lima, Peru',
        source: { publisher: 'TASS' },
      });
      expect(await page.locator('main p.hint').first().textContent()).toMatch(
        /last changed .*just now by the stack's clock/,
      );

      // Act: archive, then make it active again
      await page.goto(`${stack.apiUrl}/console#/stories/${storyId}`);
      await expect.poll(() => h1(page).textContent()).toBe(`${title}, resumed`);
      await fromTop(page);
      await byKeyboard(page, page.getByRole('button', { name: 'Archive the story' }));
      await page.waitForFunction(() => /^The story is archived/.test(document.activeElement?.textContent ?? ''));
      await page.getByRole('note').filter({ hasText: 'This story is archived' }).waitFor();
      expect(await page.getByRole('button', { name: 'Create event' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Withdraw the story' }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await fromTop(page);
      await byKeyboard(page, page.getByRole('button', { name: 'Make the story active' }));
      await page.waitForFunction(() => /^The story is active again/.test(document.activeElement?.textContent ?? ''));
      expect((await api(stack, 'GET', `/admin/stories/${storyId}`, { token: t })).json.status).toBe('active');

      // Act: withdraw: the first press shows what followers will be told, and withdraws nothing
      const withdraw = page.locator('form[aria-labelledby="withdraw-heading"]');
      expect(await withdraw.textContent()).toMatch(/Withdrawing cancels its 2 scheduled events/);
      // … and says how many readers follow the story, as the counters hold it
      const audience = (await api(stack, 'GET', '/admin/audience', { token: await token() })).json;
      const followers = audience.stories.find((s: { id: string }) => s.id === storyId)?.followers ?? 0;
      const counted = new RegExp(` ${followers.toLocaleString('en')} readers? follows? this story now`);
      await expect.poll(() => withdraw.textContent()).toMatch(counted);
      await withdraw.getByLabel('Their words').fill('TASS retracts its report of fishing talks.');
      await fromTop(page);
      await byKeyboard(page, withdraw.getByRole('button', { name: 'Withdraw the story' }));
      const told = page.getByRole('region', { name: 'What followers will be told' });
      await expect.poll(() => told.locator('pre').textContent()).toMatch(/TASS retracts its report of fishing talks\./);
      expect(await told.locator('.subject').textContent()).toMatch(/[Cc]ancel/);
      await page.waitForFunction(() => /again to withdraw it/.test(document.activeElement?.textContent ?? ''));
      expect((await api(stack, 'GET', `/admin/stories/${storyId}`, { token: t })).json.status).toBe('active');
      expect(await axeViolations(page)).toEqual([]);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await shot(page, `desk-withdraw-told-${size.width}`);
      if (size.width === 1280) await readmeShot(page, page.locator('#withdraw-heading'), 'readme-console', 1500);
      // … and in a follower's language, chosen as on the Previews screen (the same source, quoted as written)
      await withdraw.getByLabel("Reader's language").selectOption('ru');
      await expect.poll(() => told.locator('.subject').textContent()).toMatch(/Отменено: /);
      expect(await told.locator('pre').textContent()).toMatch(/TASS retracts its report of fishing talks\./);
      expect(await told.locator('iframe').getAttribute('srcdoc')).toMatch(/<html lang="ru"/i);
      // … the second press withdraws it
      await withdraw.getByRole('button', { name: 'Withdraw the story' }).focus();
      await page.keyboard.press('Enter');

      // Assess: withdrawn, each scheduled event cancelled on that word, the screen read-only
      await page.waitForFunction(() => /^The story is withdrawn/.test(document.activeElement?.textContent ?? ''));
      await page.getByRole('note').filter({ hasText: 'This story is withdrawn' }).waitFor();
      for (const id of [eventId, limaId]) {
        const e = (await api(stack, 'GET', `/admin/events/${id}`, { token: t })).json;
        expect(e.status).toBe('cancelled');
        expect(e.history.at(-1)).toMatchObject({
          kind: 'cancelled',
          source: { quote: 'TASS retracts its report of fishing talks.' },
        });
      }
      expect(await page.locator('main input, main textarea, main button').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
      expect(cspViolations).toEqual([]);
    });
  }
});

describe("the stack's clock and the editor's zone", () => {
  it('answers GET /admin/clock to editors only: the manual clock, simulated, standing still', async () => {
    expect((await api(stack, 'GET', '/admin/clock')).status).toBe(401);
    const { status, json } = await api(stack, 'GET', '/admin/clock', { token: await token() });
    expect(status).toBe(200);
    expect(json).toEqual({ now: '2016-11-19T15:00:00.000Z', simulated: true, speed: 0, mode: 'manual' });
  });

  for (const size of SIZES) {
    it(`shows the stack's clock, in a zone the editor chooses and keeps (${size.width} px)`, async () => {
      // Prepare
      const { eventId } = await storyWithEvent(`Clock check ${size.width}`);
      const page = await signedIn(`#/events/${eventId}`, size);
      await expect.poll(() => h1(page).textContent()).toBe(`Clock check ${size.width}: the talks`);
      const clock = page.getByRole('group', { name: "The stack's clock and your time zone" });

      // Assess: the stack's time (2016, not today), how it runs, in the browser's zone to begin with
      await expect.poll(() => clock.textContent()).toMatch(/Stack clock 2016-11-20 00:00 GMT\+9 · set by hand/);
      const zone = clock.getByLabel('Show times in');
      expect(await zone.inputValue()).toBe('Asia/Tokyo');
      expect(await axeViolations(page)).toEqual([]);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await shot(page, `desk-clock-${size.width}`);

      // Act: the editor reads times in London, chosen with the keyboard
      await fromTop(page);
      await page.keyboard.down('Shift');
      await byKeyboard(page, zone, '');
      await page.keyboard.up('Shift');
      await zone.selectOption('Europe/London');

      // Assess: the clock and the screen's times follow, focus stays on the list, and the choice is kept
      await expect.poll(() => clock.textContent()).toMatch(/2016-11-19 15:00 GMT/);
      await expect
        .poll(() => page.locator('main p.hint').first().textContent())
        .toMatch(/last changed 2016-11-19 15:00 GMT \(just now/);
      expect(await zone.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.reload();
      await expect.poll(() => h1(page).textContent()).toBe(`Clock check ${size.width}: the talks`);
      expect(await clock.getByLabel('Show times in').inputValue()).toBe('Europe/London');
      await expect.poll(() => clock.textContent()).toMatch(/2016-11-19 15:00 GMT/);
      // … and choosing the browser's own zone again forgets the choice
      await clock.getByLabel('Show times in').selectOption('Asia/Tokyo');
      expect(await page.evaluate(() => localStorage.getItem('datewatch.console.timeZone'))).toBeNull();

      // The event's place offers its zone on an edit, and changes nothing until the editor takes it (a move)
      const place = page.getByLabel('Place');
      await place.fill('Kremlin, Moscow');
      const offer = page.getByRole('button', { name: /^Use Europe\/Moscow/ });
      await offer.waitFor();
      expect(await page.locator('.zone-hint').textContent()).toMatch(
        /The place suggests Europe\/Moscow \(Moscow, RU\)/,
      );
      expect(await page.getByLabel("Event's time zone").inputValue()).toBe('Asia/Tokyo');
      expect(await page.getByRole('group', { name: 'Source of this change' }).isVisible()).toBe(true);
      await fromTop(page);
      await byKeyboard(page, offer);
      expect(await page.getByLabel("Event's time zone").inputValue()).toBe('Europe/Moscow');
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it("follows the stack's clock when it moves: the time in the header and how long ago a change was", async () => {
    // Prepare
    const { eventId } = await storyWithEvent('Clock moves');
    const page = await signedIn(`#/events/${eventId}`, SIZES[0]);
    await expect.poll(() => page.locator('main p.hint').first().textContent()).toMatch(/just now by the stack's clock/);

    // Act: the manual clock set six days on (what npm run dispatch -- --at does), and the console read again
    stack.clock.set(new Date('2016-11-26T00:00:00+09:00'));
    await page.reload();

    // Assess
    const clock = page.getByRole('group', { name: "The stack's clock and your time zone" });
    await expect.poll(() => clock.textContent()).toMatch(/Stack clock 2016-11-26 00:00 GMT\+9/);
    await expect
      .poll(() => page.locator('main p.hint').first().textContent())
      .toMatch(/last changed 2016-11-20 00:00 GMT\+9 \(6 days ago by the stack's clock\)/);
    await page.close();
  });
});

describe('the addresses and words around the console', () => {
  it('sends /console/ (through the edge) to /console, the query left behind; the browser lands there', async () => {
    const slash = await api(stack, 'GET', '/console/');
    expect([slash.status, slash.headers.get('location')]).toEqual([308, '/console']);
    // … the query left behind: a redirect carries nothing a link put in it
    const withQuery = await api(stack, 'GET', '/console/stories?next=https://evil.example/');
    expect([withQuery.status, withQuery.headers.get('location')]).toEqual([308, '/console']);
    const page = await signedIn('/#/stories', SIZES[1]);
    await expect.poll(() => h1(page).textContent()).toBe('Stories');
    expect(new URL(page.url()).pathname).toBe('/console');
    await page.close();
  });

  it("says on a story's page what its calendar file and its feed are for, at a phone's width", async () => {
    const { storyId } = await storyWithEvent('Feed words');
    const page = await context.newPage();
    await page.setViewportSize(SIZES[1]);
    await page.goto(`${stack.apiUrl}/stories/${storyId}`);
    const follow = page.locator('h2#follow + ul');
    const items = (await follow.locator('li').allTextContents()).map((t) => t.trim());
    expect(items.at(-2)).toMatch(/^Calendar file \(iCalendar\): open it on a phone/);
    expect(items.at(-1)).toMatch(/^Atom feed of changes, for a feed reader app .*paste the link there.*raw text\.$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.close();
  });
});
