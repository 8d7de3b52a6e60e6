/**
 * Every mail kind and every reader page in Japanese and Russian, in Debian's chromium at 375 px (a small phone):
 * nothing wider than the screen, the right `lang`, and a screenshot of each in SCREENSHOT_DIR (a temporary
 * directory unless set). This machine has no CJK font installed; with DATEWATCH_CJK_FONT_CSS pointing at a
 * fontsource CSS file (its woff2 files beside it) the pages and mails load it as the web font 'Noto Sans JP',
 * put first for the picture, so the screenshots show Japanese as a reader's phone would (docs/screenshots).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAlert, renderConfirmation, renderDigest, renderReminder } from '#core/email/render.ts';
import { renderUpdate } from '#core/email/render-update.ts';
import { localizeEvent, localizeStory } from '#core/i18n/localize.ts';
import type { DatedEvent } from '#core/model/event.ts';
import { limaSeed, SEED_STORY_ID } from '#core/model/story.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { storedSeedEvent } from '../support/events.ts';

const ARGS = [...CHROMIUM_ARGS];
const WIDTH = 375;
const fontCss = process.env.DATEWATCH_CJK_FONT_CSS;
const FONT_HOST = 'http://fonts.datewatch.test';

let stack: LocalStack;
let browser: Browser;
let outDir: string;
const keepOut = Boolean(process.env.SCREENSHOT_DIR);

beforeAll(async () => {
  outDir = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'datewatch-shots-'));
  mkdirSync(outDir, { recursive: true });
  stack = await startTestStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (!keepOut && outDir) rmSync(outDir, { recursive: true, force: true });
});

async function newPage(lang: 'ja' | 'ru'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: WIDTH, height: 740 },
    deviceScaleFactor: 1,
    locale: lang === 'ja' ? 'ja-JP' : 'ru-RU',
    timezoneId: lang === 'ja' ? 'Asia/Tokyo' : 'Europe/Moscow',
    bypassCSP: Boolean(fontCss),
  });
  const page = await context.newPage();
  if (fontCss) {
    await page.route(`${FONT_HOST}/**`, (route) =>
      route.fulfill({
        body: readFileSync(join(dirname(fontCss), new URL(route.request().url()).pathname)),
        contentType: 'font/woff2',
        headers: { 'access-control-allow-origin': '*' },
      }),
    );
  }
  return page;
}

/** The web font, when one is given: the fontsource rules with their files served from FONT_HOST. */
async function withFont(page: Page): Promise<void> {
  if (!fontCss) return;
  const css = readFileSync(fontCss, 'utf8').replace(
    /url\(\.\/(files\/[^)]+\.woff2)\) format\('woff2'\)(, url\([^)]+\) format\('woff'\))?/g,
    `url(${FONT_HOST}/$1) format('woff2')`,
  );
  // Headless chromium here resolves the stack's earlier names to fonts without CJK and stops there (tofu); a phone or
  // desktop has Hiragino, Meiryo, Yu Gothic or Noto CJK under those names. For the picture, the web font comes first.
  await page.addStyleTag({ content: `${css}\nbody, body * { font-family: 'Noto Sans JP', sans-serif !important; }` });
  // Load every subset the page's text needs (they load lazily, per unicode-range), then wait for them.
  await page.evaluate(async () => {
    await Promise.all(
      ['400', '700'].map((w) => document.fonts.load(`${w} 16px "Noto Sans JP"`, document.body.innerText)),
    );
    await document.fonts.ready;
  });
  const failed = await page.evaluate(() => {
    let n = 0;
    document.fonts.forEach((f) => {
      if (f.status === 'error') n++;
    });
    return n;
  });
  expect(failed, 'web font faces that failed to load').toBe(0);
}

async function shoot(page: Page, lang: 'ja' | 'ru', name: string): Promise<void> {
  await withFont(page);
  expect(await page.evaluate(() => document.documentElement.lang), name).toBe(lang);
  // Nothing sticks out past a 375 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(WIDTH);
  await page.screenshot({ path: join(outDir, `${lang}-${name}.png`), fullPage: true });
}

const seed = limaSeed();
const stored = storedSeedEvent;
const links = {
  preferencesUrl: 'https://datewatch.example/preferences?token=t',
  unsubscribeUrl: 'https://datewatch.example/unsubscribe?token=t',
};

describe.each(['ja', 'ru'] as const)('%s at 375 px', (lang) => {
  const tz = lang === 'ja' ? 'Asia/Tokyo' : 'Europe/Moscow';
  const story = localizeStory(
    {
      id: SEED_STORY_ID,
      title: seed.story.title,
      publisher: seed.story.publisher,
      language: 'en',
      background: seed.story.background,
      translations: seed.story.translations,
    },
    lang,
    'en',
  );
  const event = (i: number, change: Partial<DatedEvent> = {}) => localizeEvent({ ...stored(i), ...change }, lang, 'en');
  const now = new Date('2016-11-28T00:00:00Z');

  it('every mail kind', async () => {
    const mails = {
      confirmation: renderConfirmation({
        confirmUrl: 'https://datewatch.example/subscriptions/confirm?token=t',
        events: [event(0), event(1), event(2)],
        stories: [story],
        readerTimeZone: tz,
        now,
        language: lang,
      }),
      reminder: renderReminder({
        event: event(1),
        story,
        readerTimeZone: tz,
        links,
        now: new Date('2016-12-13T23:00:00Z'),
        language: lang,
      }),
      digest: renderDigest({
        groups: [{ story, events: [event(0), event(1), event(2)] }],
        readerTimeZone: tz,
        period: 'weekly',
        links,
        now,
        language: lang,
      }),
      moved: renderAlert({
        event: event(2, { date: '2016-12-17', version: 2 }),
        story,
        kind: 'moved',
        previous: { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo, Japan' },
        readerTimeZone: tz,
        links,
        now,
        language: lang,
      }),
      confirmed: renderAlert({
        event: event(1, { version: 2 }),
        story,
        kind: 'confirmed',
        previous: {
          range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' },
          timeZone: 'Asia/Tokyo',
          place: 'Yamaguchi, Japan',
        },
        readerTimeZone: tz,
        links,
        now,
        language: lang,
      }),
      cancelled: renderAlert({
        event: event(0, { status: 'cancelled' }),
        story,
        kind: 'cancelled',
        readerTimeZone: tz,
        links,
        now,
        language: lang,
      }),
      update: renderUpdate({
        story,
        subject: lang === 'ja' ? '首脳会談の週' : 'Неделя саммита',
        body: lang === 'ja' ? '両国が日程を確認しました。' : 'Стороны подтвердили график.',
        readerTimeZone: tz,
        links,
        storyPageUrl: 'https://datewatch.example/stories/x',
        now,
        language: lang,
      }),
    };
    const page = await newPage(lang);
    for (const [kind, mail] of Object.entries(mails)) {
      await page.setContent(mail.html);
      await shoot(page, lang, `mail-${kind}`);
    }
    await page.context().close();
  });

  it('every page a reader opens', async () => {
    const page = await newPage(lang);
    const base = stack.apiUrl;
    const email = `${lang}-shots@example.com`;
    await page.goto(`${base}/?lang=${lang}`);
    await shoot(page, lang, 'page-subscribe');
    // Sign up through the form as a reader would: the language is preselected from the page's.
    expect(await page.locator('#language').inputValue()).toBe(lang);
    await page.fill('#email', email);
    await Promise.all([page.waitForURL('**/subscriptions'), page.click('button[type=submit]')]);
    await shoot(page, lang, 'page-check-inbox');
    await stack.cloud.drainQueues(10_000);
    const text = (await readSesStore(Number(new URL(stack.sesUrl).port))).find((m) => m.destination.to.includes(email))!
      .body.text!;
    const confirm = /https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(text)![0];
    // An automated browser says so (navigator.webdriver): the page waits for its button.
    await page.goto(confirm);
    await shoot(page, lang, 'page-confirm');
    await Promise.all([page.waitForURL((u) => !u.search.includes('token')), page.click('#confirm button')]);
    await shoot(page, lang, 'page-confirmed');
    const prefs = await page.locator('a[href*="/preferences?token="]').first().getAttribute('href');
    await page.goto(new URL(prefs!, base).toString());
    await shoot(page, lang, 'page-preferences');
    await Promise.all([
      page.waitForURL('**/unsubscribe?token=*'),
      page.locator('a[href*="/unsubscribe?token="]').first().click(),
    ]);
    await shoot(page, lang, 'page-unsubscribe');
    await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
    await shoot(page, lang, 'page-unsubscribed');
    await page.goto(`${base}/stories/${SEED_STORY_ID}?lang=${lang}&timeZone=${tz}`);
    await shoot(page, lang, 'page-story');
    await page.goto(`${base}/stories?lang=${lang}`);
    await shoot(page, lang, 'page-stories');
    const token2 = await stack.adminToken();
    expect((await api(stack, 'GET', `/admin/subscribers/${email}`, { token: token2 })).json.preferences.language).toBe(
      lang,
    );
    await page.context().close();
  });
});
