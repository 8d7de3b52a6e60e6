/**
 * Readers in Japanese (Tokyo), Russian (Moscow) and English (New York) on the local stack: every kind of mail they
 * get, read from the outbox with mailparser (not our code): subjects decoded, Content-Language and <html lang>
 * right, reminder labels true on their own calendar, dates as Intl writes them in their language and zone. Where
 * languages meet other features: a reader who changes language, an unsubscribe link mailed before the change,
 * re-subscription, an import and export with a language column, and the pages each reader opens.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limaSeed, SEED_STORY_ID } from '#core/model/story.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

type Lang = 'ja' | 'ru' | 'en';
const READERS = [
  { email: 'ja@example.com', zone: 'Asia/Tokyo', language: 'ja' as Lang },
  { email: 'ru@example.com', zone: 'Europe/Moscow', language: 'ru' as Lang },
  { email: 'en@example.com', zone: 'America/New_York', language: 'en' as Lang },
  // Reads Japanese until 27 November, then Russian.
  { email: 'switch@example.com', zone: 'Europe/Moscow', language: 'ja' as Lang },
];
const SWITCH_AT = Date.parse('2016-11-27T00:00:00Z');
const START = new Date('2016-11-20T00:00:00+09:00');
const END = new Date('2016-12-04T00:00:00Z');
const SOURCE = { publisher: 'Kyodo News', quote: 'The talks move to Dec. 17.' };

interface Mail {
  raw: string;
  parsed: ParsedMail;
  to: string;
  date: Date;
  subject: string;
  text: string;
  html: string;
  kind: string;
  lang: string;
}
let stack: LocalStack;
let dataDir: string;
let token: string;
let mails: Mail[] = [];
let switchPreferences: { status: number; language?: string } | undefined;
let oldUnsubscribeUrl = '';
/** Each reader's latest reminder, and the event page its text part links to, opened while the event was to come. */
const eventPages: { lang: Lang; zone: string; mail: Mail; link: string; status: number; language: string | null;
  html: string }[] = [];

const kindOf = (m: Pick<Mail, 'kind' | 'html'>) =>
  m.kind !== 'alert' ? m.kind : /#b91c1c/.test(m.html) ? 'cancelled' : /#047857/.test(m.html) ? 'confirmed' : 'moved';
const mailsOf = (email: string) => mails.filter((m) => m.to === email);
const kinds = ['confirmation', 'reminder', 'digest', 'moved', 'confirmed', 'cancelled', 'update'];
const startOf = (date: string, zone: string) =>
  Temporal.PlainDate.from(date).toPlainDateTime().toZonedDateTime(zone).toInstant();
const dayOn = (t: Temporal.Instant, zone: string) => t.toZonedDateTimeISO(zone).toPlainDate();
/** The label a reader should see, in their grammar, judged without our catalogues. */
function label(days: number, lang: Lang): string {
  if (lang === 'ja') return days === 0 ? '今日' : days === 1 ? '明日' : `${days}日後`;
  if (lang === 'ru') {
    if (days === 0) return 'Сегодня';
    if (days === 1) return 'Завтра';
    const word =
      days % 10 === 1 && days % 100 !== 11
        ? 'день'
        : [2, 3, 4].includes(days % 10) && ![12, 13, 14].includes(days % 100)
          ? 'дня'
          : 'дней';
    return `Через ${days} ${word}`;
  }
  return days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : `In ${days} days`;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'datewatch-lang-'));
  stack = await startTestStack({ dataDir });
  token = await stack.adminToken();
  const sesPort = Number(new URL(stack.sesUrl).port);
  const edit = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await api(stack, method, path, { token, body, headers });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };
  // Prepare: an event to cancel and one whose date is not known yet, both with Japanese and Russian text.
  const add = (body: Record<string, unknown>) =>
    edit('POST', '/admin/events', { storyId: SEED_STORY_ID, summary: `${String(body.title)}.`, ...body });
  const press = await add({
    title: 'Joint press conference',
    startTime: '2016-12-12T10:00',
    timeZone: 'Asia/Tokyo',
    place: 'Tokyo',
    source: { publisher: 'Kyodo News', quote: 'a press conference on Dec. 12' },
    translations: {
      ja: { title: '日露共同記者会見', place: '東京' },
      ru: { title: 'Совместная пресс-конференция', place: 'Токио' },
    },
  });
  const forum = await add({
    title: 'Japan-Russia business forum',
    range: { from: '2016-12-10', to: '2016-12-14', label: 'mid-December' },
    timeZone: 'Asia/Tokyo',
    place: 'Tokyo',
    source: { publisher: 'Kyodo News', quote: 'a business forum in mid-December' },
    translations: { ja: { title: '日露ビジネスフォーラム' }, ru: { title: 'Российско-японский бизнес-форум' } },
  });
  // Readers subscribe through the API (the en reader sends no language) and confirm from their mail.
  for (const r of READERS) {
    const res = await api(stack, 'POST', '/subscriptions', {
      body: {
        email: r.email,
        timeZone: r.zone,
        reminders: ['P7D', 'P1D'],
        digest: 'daily',
        ...(r.language === 'en' ? {} : { language: r.language }),
      },
    });
    if (res.status !== 202) throw new Error(`subscribe ${r.email}: ${res.status} ${res.text}`);
    await stack.cloud.drainQueues(10_000);
    const text = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(r.email))?.body.text ?? '';
    const link = /https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(text)![0];
    const ok = await fetch(`${stack.apiUrl}/subscriptions/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: new URL(link).searchParams.get('token')! }).toString(),
    });
    if (!ok.ok) throw new Error(`confirm ${r.email}: ${ok.status}`);
  }
  const readOutbox = async () => {
    const out: Mail[] = [];
    for (const file of readdirSync(join(dataDir, 'outbox'))) {
      const raw = readFileSync(join(dataDir, 'outbox', file), 'utf8');
      const parsed = await simpleParser(raw);
      const to = (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)!.value[0]!.address!;
      const kind = /kind=(\w+)/.exec(String(parsed.headers.get('x-ses-message-tags') ?? ''))?.[1] ?? 'confirmation';
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      const mail = {
        raw,
        parsed,
        to,
        date: parsed.date!,
        subject: parsed.subject!,
        text: parsed.text ?? '',
        html,
        kind,
        lang: String(parsed.headers.get('content-language') ?? ''),
      };
      out.push({ ...mail, kind: kindOf(mail) });
    }
    return out.sort((a, b) => a.date.getTime() - b.date.getTime());
  };

  const edits: [string, () => Promise<unknown>][] = [
    [
      '2016-11-27T00:00:00Z',
      async () => {
        // The switching reader keeps the unsubscribe link of a mail from before, then changes language.
        const before = (await readOutbox()).filter((m) => m.to === 'switch@example.com').at(-1)!;
        oldUnsubscribeUrl = (before.parsed.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;
        const prefs = /https?:\/\/\S+\/preferences\?token=\S+/.exec(before.text)![0];
        const res = await fetch(prefs, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ language: 'ru' }),
        });
        switchPreferences = {
          status: res.status,
          language: ((await res.json()) as { preferences: { language?: string } }).preferences.language,
        };
      },
    ],
    [
      '2016-11-27T00:00:00Z',
      async () => {
        // A reminder's text part gives one link, to the event on its story page; the page is opened as a reader would.
        const outbox = await readOutbox();
        for (const r of READERS.filter((x) => x.email !== 'switch@example.com')) {
          const mail = outbox.filter((m) => m.to === r.email && m.kind === 'reminder').at(-1)!;
          const link = /https?:\/\/\S+\/stories\/\S+#event-\S+/.exec(mail.text)?.[0] ?? '';
          const page = await fetch(link);
          eventPages.push({ lang: r.language, zone: r.zone, mail, link, status: page.status,
            language: page.headers.get('content-language'), html: await page.text() });
        }
      },
    ],
    [
      '2016-11-28T09:00:00+09:00',
      () =>
        edit(
          'PATCH',
          '/admin/events/abe-putin-economic-talks-tokyo',
          { date: '2016-12-17', changeSource: SOURCE },
          { 'if-match': '"1"' },
        ),
    ],
    [
      '2016-11-29T09:00:00+09:00',
      () =>
        edit(
          'POST',
          `/admin/stories/${SEED_STORY_ID}/updates`,
          { subject: 'Summit week', body: 'Both sides confirm the schedule.' },
          { 'idempotency-key': 'languages' },
        ),
    ],
    [
      '2016-11-30T09:00:00+09:00',
      () =>
        edit('DELETE', `/admin/events/${press.id}`, {
          changeSource: { publisher: 'TASS', quote: 'The press conference is off.' },
        }),
    ],
    [
      '2016-12-01T09:00:00+09:00',
      () =>
        edit(
          'PATCH',
          `/admin/events/${forum.id}`,
          {
            startTime: '2016-12-13T19:30',
            changeSource: { publisher: 'Jiji Press', quote: 'The forum opens on Dec. 13.' },
          },
          { 'if-match': '"1"' },
        ),
    ],
  ];
  for (let t = START.getTime() + 3_600_000; t <= END.getTime(); t += 3_600_000) {
    for (const [, run] of edits.filter(([when]) => Date.parse(when) === t)) {
      await stack.dispatch(new Date(t - 60_000));
      await run();
    }
    await stack.dispatch(new Date(t));
  }
  await stack.cloud.drainQueues(10_000);
  mails = await readOutbox();
}, 600_000);

afterAll(async () => {
  await stack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("each reader's mail in their language", () => {
  it.each(['ja', 'ru', 'en'] as const)(
    '%s: every kind arrives, labelled with Content-Language, lang on the HTML, subjects decoded',
    (lang) => {
      const own = mailsOf(`${lang}@example.com`);
      expect([...new Set(own.map((m) => m.kind))].sort()).toEqual([...kinds].sort());
      for (const m of own) {
        expect(m.lang, `${m.kind} ${m.subject}`).toBe(lang);
        expect(m.html, m.subject).toMatch(new RegExp(`^<!doctype html><html lang="${lang}"`, 'i'));
        expect(m.parsed.headers.get('content-type')).toMatchObject({ value: expect.stringMatching(/^multipart\//) });
        // The raw Subject is RFC 2047 (UTF-8, base64) when it is not plain ASCII, and mailparser gives it back whole.
        const rawSubject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(m.raw)![1]!;
        if (/[^\x00-\x7f]/.test(m.subject)) expect(rawSubject).toMatch(/^=\?UTF-8\?B\?/);
        expect(m.subject).not.toMatch(/=\?|\uFFFD/);
      }
      const frame = { ja: /[\u3040-\u30ff\u4e00-\u9fff]/, ru: /[А-Яа-яЁё]/, en: /^[\x00-\x7f—–…“”‘’·•\u00a0]*$/ }[lang];
      for (const kind of kinds.filter((k) => k !== 'update')) {
        for (const m of own.filter((x) => x.kind === kind)) expect(m.subject, `${lang} ${kind}`).toMatch(frame);
      }
      // An update's subject is the editors' own; its frame is the reader's.
      const update = own.find((m) => m.kind === 'update')!;
      expect(update.subject).toBe('Summit week');
      expect(update.text).toContain(
        { ja: '編集部からのお知らせ', ru: 'НОВОСТЬ ОТ РЕДАКЦИИ', en: 'UPDATE FROM THE EDITORS' }[lang],
      );
    },
  );

  it("reminders: the true distance on the reader's calendar, the day as Intl writes it in their language", () => {
    let checked = 0;
    const kishida = startOf('2016-12-03', 'Europe/Moscow');
    for (const r of READERS.filter((x) => x.email !== 'switch@example.com')) {
      for (const m of mailsOf(r.email).filter((x) => x.kind === 'reminder')) {
        const days = dayOn(Temporal.Instant.fromEpochMilliseconds(m.date.getTime()), r.zone).until(
          dayOn(kishida, r.zone),
        ).days;
        const sep = r.language === 'ja' ? '】' : ':';
        expect(m.subject, `${r.email} ${m.date.toISOString()}`).toContain(`${label(days, r.language)}${sep}`);
        if (r.language === 'ja') expect(m.subject).toMatch(/^【[^】]+】岸田外相が訪露、ラブロフ外相と会談$/);
        if (r.language === 'ru')
          expect(m.subject).toMatch(/: Глава МИД Японии Кисида посещает Россию для переговоров с Лавровым$/);
        if (r.language === 'en')
          expect(m.subject).toMatch(/: Foreign Minister Kishida visits Russia for talks with Lavrov$/);
        // The event's day in its own zone, as Intl writes it in the reader's language.
        const locale = { ja: 'ja-JP', ru: 'ru-RU', en: 'en-GB' }[r.language];
        const day = new Intl.DateTimeFormat(locale, {
          timeZone: 'Europe/Moscow',
          day: 'numeric',
          month: 'long',
        }).format(new Date(kishida.epochMilliseconds));
        expect(m.text.replace(/\u202f/g, ' ')).toContain(r.language === 'en' ? '3 December 2016' : day);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it("alerts: the Tokyo reader's in Japanese and Tokyo time, the Moscow reader's in Russian and Moscow time", () => {
    const ja = mailsOf('ja@example.com').find((m) => m.kind === 'confirmed')!;
    expect(ja.subject).toBe('【日付確定】日露ビジネスフォーラム（2016年12月13日(火)）');
    expect(ja.text).toContain('2016年12月13日(火) 19:30 日本標準時（あなたの時間）');
    const ru = mailsOf('ru@example.com').find((m) => m.kind === 'confirmed')!;
    expect(ru.subject.replace(/\u202f/g, ' ')).toBe(
      'Дата подтверждена: Российско-японский бизнес-форум — вт, 13 декабря 2016 г.',
    );
    expect(ru.text.replace(/\u202f/g, ' ')).toContain('вт, 13 декабря 2016 г. в 13:30 (Москва)');
    const moved = mailsOf('ja@example.com').find((m) => m.kind === 'moved')!;
    expect(moved.subject).toBe('【日程変更】安倍首相とプーチン大統領、東京で経済問題を協議');
    expect(moved.text).toContain('2016年12月17日(土)');
    // A summary no editor translated is marked as English inside the Japanese mail; a translated one is not marked.
    expect(moved.html).toContain('安倍首相とプーチン大統領が東京で');
    // Its invitation speaks Japanese too: the title, and the DESCRIPTION's words and dates.
    const invite = moved.parsed.attachments.find((x) => /calendar/.test(x.contentType))!.content.toString('utf8');
    expect(invite.replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:安倍首相とプーチン大統領、東京で経済問題を協議');
    expect(invite.replace(/\r\n[ \t]/g, '')).toMatch(/DESCRIPTION:変更されました：[^\r]*変更の情報源: Kyodo News/);
    const cancelled = mailsOf('ja@example.com').find((m) => m.kind === 'cancelled')!;
    expect(cancelled.html).toContain('<span lang="en">Joint press conference.</span>');
  });

  it("a reminder's text part links to the event's page, which offers the mail's own calendar links", () => {
    expect(eventPages.map((p) => p.lang)).toEqual(['ja', 'ru', 'en']);
    const decode = (href: string) => href.replace(/&amp;/g, '&');
    for (const p of eventPages) {
      // One short link instead of two raw calendar URLs; the reader's language and zone ride along.
      expect(p.mail.text, p.lang).not.toMatch(/calendar\.google\.com|outlook\.live\.com/);
      const url = new URL(p.link);
      expect([url.searchParams.get('lang'), url.searchParams.get('timeZone')]).toEqual([p.lang, p.zone]);
      expect([p.status, p.language]).toEqual([200, p.lang]);
      const id = url.hash.slice(1);
      const start = p.html.indexOf(`<li id="${id}"`);
      expect(start, `${p.lang}: ${id} on the page`).toBeGreaterThan(-1);
      const item = p.html.slice(start, p.html.indexOf('</h4>', start));
      const onPage = [...(/<p class="calendar">.*?<\/p>/.exec(item)?.[0] ?? '').matchAll(/href="([^"]+)"/g)];
      // The page's Google and Outlook.com links are the very ones behind the mail's buttons.
      const inMail = [...p.mail.html.matchAll(/href="(https:\/\/(?:calendar\.google\.com|outlook\.live\.com)[^"]+)"/g)];
      expect(onPage.map((m) => decode(m[1]!)), p.lang).toEqual(inMail.map((m) => decode(m[1]!)));
      expect(onPage).toHaveLength(2);
    }
  });

  it("the English reader's mail reads as before: English words, English dates, no language marks", () => {
    const en = mailsOf('en@example.com');
    expect(en.find((m) => m.kind === 'moved')!.subject).toBe('Moved: Abe and Putin discuss economic issues in Tokyo');
    expect(en.find((m) => m.kind === 'digest')!.subject).toMatch(/^Daily digest: \d+ upcoming events?/);
    expect(en.find((m) => m.kind === 'confirmation')!.subject).toBe('Confirm your Datewatch subscription');
    for (const m of en) expect(m.html, m.subject).not.toMatch(/<(span|blockquote)[^>]* lang=/);
  });
});

describe('where languages meet other features', () => {
  it('a reader who changes language gets the next mail in it; a link mailed before still unsubscribes', async () => {
    expect(switchPreferences).toEqual({ status: 200, language: 'ru' });
    const own = mailsOf('switch@example.com');
    const before = own.filter((m) => m.date.getTime() < SWITCH_AT);
    const after = own.filter((m) => m.date.getTime() > SWITCH_AT);
    expect(before.length).toBeGreaterThan(3);
    expect(after.length).toBeGreaterThan(3);
    for (const m of before) expect(m.lang, m.subject).toBe('ja');
    for (const m of after) expect(m.lang, m.subject).toBe('ru');
    // The unsubscribe link from a Japanese mail: its page now speaks Russian (the reader's language), and it works.
    const page = await fetch(oldUnsubscribeUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-language')).toBe('ru');
    const html = await page.text();
    expect(html).toContain('<html lang="ru">');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const done = await fetch(new URL(action, stack.apiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Вы отписались');
    expect((await stack.deps.subscriberStore.findByAddress('switch@example.com'))?.status).toBe('unsubscribed');
  });

  it("re-subscribing takes the new sign-up's language (the form preselects the browser's)", async () => {
    const sesPort = Number(new URL(stack.sesUrl).port);
    const res = await fetch(`${stack.apiUrl}/subscriptions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        'accept-language': 'ja-JP,ja;q=0.9',
      },
      body: new URLSearchParams({
        email: 'switch@example.com',
        timeZone: 'Europe/Moscow',
        reminders: 'P1D',
        digest: 'none',
        eventsScope: 'all',
        language: 'ja',
      }).toString(),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-language')).toBe('ja');
    expect(await res.text()).toContain('メールをご確認ください');
    await stack.cloud.drainQueues(10_000);
    const confirmation = (await readSesStore(sesPort))
      .filter((m) => m.destination.to.includes('switch@example.com'))
      .at(-1)!;
    expect(confirmation.subject).toBe('Datewatch の購読を確認してください');
  });

  it('imports a language column (absent or empty: English; a bad value: that row, named) and exports it', async () => {
    const csv = [
      'email;timeZone;language;consentDate;consentSource',
      'imp-ja@example.com;Asia/Tokyo;ja;2015-06-01;newsletter form',
      'imp-ru@example.com;Europe/Moscow;RU;2015-06-01;newsletter form',
      'imp-en@example.com;UTC;;2015-06-01;newsletter form',
      'imp-fr@example.com;UTC;fr;2015-06-01;newsletter form',
    ].join('\r\n');
    const res = await api(stack, 'POST', '/admin/subscribers/import', {
      token,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    expect(res.json.rows.map((r: { outcome: string; reason?: string }) => [r.outcome, r.reason])).toEqual([
      ['activated', undefined],
      ['activated', undefined],
      ['activated', undefined],
      ['invalid', 'bad-language'],
    ]);
    expect(res.json.rows[3].message).toMatch(/language "fr": language must be one of en, ja, ru/);
    const lookup = async (email: string) =>
      (await api(stack, 'GET', `/admin/subscribers/${email}`, { token })).json.preferences;
    expect((await lookup('imp-ja@example.com')).language).toBe('ja');
    expect((await lookup('imp-ru@example.com')).language).toBe('ru');
    expect((await lookup('imp-en@example.com')).language).toBeUndefined();
    // Without the column at all, too, a reader reads English.
    const plain = await api(stack, 'POST', '/admin/subscribers/import', {
      token,
      body: 'email;consentDate;consentSource\r\nimp-plain@example.com;2015-06-01;form',
      headers: { 'content-type': 'text/csv' },
    });
    expect(plain.json.rows[0].outcome).toBe('activated');
    expect((await lookup('imp-plain@example.com')).language).toBeUndefined();
    const exported = (await api(stack, 'GET', '/admin/subscribers.csv', { token })).text.split(/\r?\n/);
    const header = exported[0]!.split(',');
    const column = header.indexOf('language');
    expect(column).toBeGreaterThan(0);
    const languageOf = (email: string) => exported.find((l) => l.startsWith(email))!.split(',')[column];
    expect([
      languageOf('imp-ja@example.com'),
      languageOf('imp-ru@example.com'),
      languageOf('imp-en@example.com'),
      languageOf('en@example.com'),
    ]).toEqual(['ja', 'ru', 'en', 'en']);
  });

  it("pages: the subscribe page follows Accept-Language and ?lang=, a reader's own pages their language", async () => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${stack.apiUrl}${path}`, { headers: { accept: 'text/html', ...headers } });
    const ja = await get('/', { 'accept-language': 'en;q=0.5, ja-JP;q=0.9' });
    expect(ja.headers.get('content-language')).toBe('ja');
    const jaHtml = await ja.text();
    expect(jaHtml).toContain('<html lang="ja">');
    expect(jaHtml).toContain('<option value="ja" lang="ja" selected>日本語</option>');
    expect(jaHtml).toContain(limaSeed().story.translations!.ja!.title!);
    const ru = await get('/?lang=ru', { 'accept-language': 'ja' });
    expect(ru.headers.get('content-language')).toBe('ru');
    expect(await ru.text()).toContain('<h1>Следить за сюжетом «Абэ и Путин встретились в Лиме');
    const story = await get(`/stories/${SEED_STORY_ID}?lang=ru&timeZone=Europe/Moscow`);
    const storyHtml = await story.text();
    expect(storyHtml).toContain(
      '<h1>Абэ и Путин встретились в Лиме и договорились продолжить работу над мирным договором</h1>',
    );
    expect(storyHtml).toContain('Нагато, префектура Ямагути');
    // The Tokyo reader's preferences page, from their mail's link, is Japanese whatever the browser says.
    const prefs = /https?:\/\/\S+\/preferences\?token=\S+/.exec(mailsOf('ja@example.com').at(-1)!.text)![0];
    const page = await fetch(prefs, { headers: { 'accept-language': 'en' } });
    expect(page.headers.get('content-language')).toBe('ja');
    expect(await page.text()).toContain('<h1>メール設定</h1>');
  });

  /**
   * Stock SpamAssassin 4.0.1 (72_active.cf) scores Japanese and English mail at 0. Russian mail draws MIXED_ES
   * (1.0, "too many es are not es"): it fires when the body has more than 20 Latin e's and the e-like letters
   * (Latin e, and Cyrillic е among others) number 1.4 to 10 times the Latin ones. The body it counts is the Subject,
   * the text part as written (URLs included) and the HTML part's rendered text (its <title> too, not its hrefs),
   * one after the other: every word a mail says twice counts twice. A Russian mail's Latin e's come from its links
   * (/preferences, /unsubscribe, ?token=, the tokens, the event link), the name Datewatch, publishers and English
   * quotes: a reminder has 33 to 37 after its text part gave up the two calendar URLs (60 before), so its Cyrillic
   * е's (79) would have to reach 9 times that; the confirmation has 19 to 21, by the letters of its token. The
   * rules' own file waives the rule for Polish, Czech, Slovak and Croatian only. This test states it instead of
   * hiding it: MIXED_ES aside, no rule scores, in any language.
   */
  it.skipIf(spawnSync('spamassassin', ['--version']).status !== 0)(
    'SpamAssassin: every kind in every language at 0, no rule but informational ones (Russian: MIXED_ES aside)',
    async () => {
      const samples = (['ja', 'ru', 'en'] as const).flatMap((lang) =>
        kinds.map((k) => mailsOf(`${lang}@example.com`).find((m) => m.kind === k)!),
      );
      const asMbox = (raw: string) => raw.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ');
      const mbox = samples.map((m) => `From datewatch@localhost Thu Jan  1 00:00:00 2026\n${asMbox(m.raw)}\n`).join('');
      const report = await new Promise<string>((resolve, reject) => {
        const child = execFile(
          'spamassassin',
          ['-L', '-t', '--mbox'],
          { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
          (err, out) => (err ? reject(err) : resolve(out)),
        );
        child.stdin!.end(mbox);
      });
      // One report per message, in order: each begins at its mbox "From " line.
      const reports = report.split(/^From datewatch@localhost .*$/m).slice(1);
      expect(reports).toHaveLength(samples.length);
      // Each report carries its message: matched by Message-ID, not by position.
      const results = reports.map((r) => {
        const id = /^Message-ID: (\S+)/im.exec(r)![1]!;
        const sample = samples.find((m) => m.raw.includes(`Message-ID: ${id}`))!;
        const details = r.slice(r.indexOf('Content analysis details'));
        const rules = [...details.matchAll(/^\s*(-?\d+\.\d+) ([A-Z0-9_]+)/gm)].map((m) => ({
          score: Number(m[1]),
          rule: m[2]!,
        }));
        return { lang: sample.lang, kind: sample.kind, score: Number(/\((-?[\d.]+) points/.exec(details)![1]), rules };
      });
      console.log(
        `languages SpamAssassin: ${results
          .map(
            (r) =>
              `${r.lang} ${r.kind} ${r.score}${r.rules
                .filter((x) => x.score > 0)
                .map((x) => ` ${x.rule}`)
                .join('')}`,
          )
          .join(', ')}`,
      );
      // Rules that describe and do not score: no Received header or relay (the mail never crossed SMTP), an HTML
      // part, and a port in the URLs (the local stack's; the public links have none).
      const informational = ['NO_RECEIVED', 'NO_RELAYS', 'HTML_MESSAGE', 'WEIRD_PORT'];
      expect(results.map((r) => `${r.lang} ${r.kind}`).sort()).toEqual(
        (['ja', 'ru', 'en'] as const).flatMap((lang) => kinds.map((k) => `${lang} ${k}`)).sort(),
      );
      for (const r of results) {
        const known = r.lang === 'ru' ? [...informational, 'MIXED_ES'] : informational;
        expect(r.rules.map((x) => x.rule).filter((x) => !known.includes(x)), `${r.lang} ${r.kind}`).toEqual([]);
        expect(r.rules.filter((x) => x.score !== 0 && x.rule !== 'MIXED_ES'), `${r.lang} ${r.kind}`).toEqual([]);
        if (r.lang !== 'ru') expect(r.score, `${r.lang} ${r.kind}: ${JSON.stringify(r.rules)}`).toBe(0);
        else expect(r.score, `${r.lang} ${r.kind}`).toBeLessThanOrEqual(1);
      }
    },
    180_000,
  );
});
