/**
 * A withdraw that stopped half-way, as the editor meets it in the console (Debian's Chromium): the story says the
 * withdraw did not finish and which events are left, and "Finish the withdraw" sends it again. The fault is the one
 * mock: the events store's cancelling write fails once, as a crash between two events would leave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { LocalStack } from '#local/stack.ts';
import type { EventStore } from '#ports/event-store.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { axeViolations } from '../support/axe.ts';
import { launchEditorBrowser, signInLocally, type EditorBrowser } from '../support/chromium.ts';

const SOURCE = { publisher: 'TASS', quote: 'TASS withdraws its report of the fishing talks.' };
let stack: LocalStack;
let token: string;
let browser: EditorBrowser | undefined;
let context: BrowserContext;
let crashNext = false;

/** The first cancelling write after `crashNext` is set goes through; the second fails (the function died). */
const crashingAfterOne = (events: EventStore): EventStore => {
  let cancelled = 0;
  return {
    ...events,
    replace: async (event, expected, alert) => {
      if (crashNext && alert?.kind === 'cancelled' && cancelled++ === 1) {
        crashNext = false;
        throw new Error('the function stopped before this cancellation');
      }
      return events.replace(event, expected, alert);
    },
  };
};

beforeAll(async () => {
  stack = await startTestStack({
    wrap: { wrapStores: (s) => (s.events ? { ...s, events: crashingAfterOne(s.events) } : s) },
  });
  token = await stack.adminToken();
  browser = await launchEditorBrowser('withdraw', { width: 1280, height: 800 });
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a withdraw that did not finish, in the console', () => {
  it('says so, names the events left, and finishes it on the stored word', async () => {
    // Prepare: a story with two events; its withdraw dies after the first cancellation.
    const story = await api(stack, 'POST', '/admin/stories', {
      token, body: { title: 'Sakhalin fishing talks', publisher: 'TASS', publishedOn: '2016-11-18' },
    });
    expect(story.status, story.text).toBe(201);
    const ids: string[] = [];
    for (const [title, date] of [['Fishing talks open', '2016-12-05'], ['Fishing deal signed', '2016-12-09']]) {
      const res = await api(stack, 'POST', '/admin/events', {
        token,
        body: {
          storyId: story.json.id, title, summary: 'Talks.', date, timeZone: 'Asia/Tokyo', place: 'Tokyo',
          source: { publisher: 'TASS', quote: 'Talks are set.' },
        },
      });
      expect(res.status, res.text).toBe(201);
      ids.push(res.json.id);
    }
    crashNext = true;
    const crashed = await api(stack, 'PATCH', `/admin/stories/${story.json.id}`, {
      token, headers: { 'if-match': '"1"' }, body: { status: 'cancelled', changeSource: SOURCE },
    });
    expect(crashed.status).toBe(500);

    // Act: the editor opens the story.
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/console#/stories/${story.json.id}`);
    await signInLocally(page);
    const finish = page.getByRole('region', { name: 'Finish the withdraw' });
    await finish.waitFor();

    // Assess: the banner and the section name what is left and on whose word it will be cancelled.
    await page.getByRole('note').filter({ hasText: 'the withdraw did not finish' }).waitFor();
    expect(await finish.getByRole('listitem').allTextContents()).toEqual(['Fishing deal signed']);
    expect(await finish.textContent()).toContain('TASS: “TASS withdraws its report of the fishing talks.”');
    expect(await axeViolations(page)).toEqual([]);

    // Act: finish it.
    await finish.getByRole('button', { name: 'Finish the withdraw' }).click();
    await page.waitForFunction(() => /^The withdraw is finished/.test(document.activeElement?.textContent ?? ''));

    // Assess: every event cancelled on the stored word; the screen is read-only again, nothing left to finish.
    for (const id of ids) {
      const e = (await api(stack, 'GET', `/admin/events/${id}`, { token })).json;
      expect(e.status).toBe('cancelled');
      expect(e.history.at(-1)).toMatchObject({ kind: 'cancelled', source: SOURCE });
    }
    await page.getByRole('note').filter({ hasText: 'This story is withdrawn' }).waitFor();
    expect(await page.getByRole('region', { name: 'Finish the withdraw' }).count()).toBe(0);
    expect(await page.locator('main button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
