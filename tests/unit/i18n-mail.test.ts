/**
 * Languages in the mail's own terms: the browser's Accept-Language, labels by Intl.PluralRules, dates and zones by
 * Intl in the reader's language and zone, the story's text per language with its own marked, and an English
 * reader's mail exactly as before.
 */
import { describe, expect, it } from 'vitest';
import { distanceLabel } from '#core/due.ts';
import { dateAndTime, longDate, rangeText, zoneName } from '#core/i18n/dates.ts';
import { localizeEvent } from '#core/i18n/localize.ts';
import { preferredLanguage } from '#core/model/language.ts';
import { limaSeed } from '#core/model/story.ts';
import { renderAlert, renderConfirmation, renderDigest, renderReminder } from '#core/email/render.ts';
import { storedSeedEvent } from '../support/events.ts';

const seed = limaSeed();
const stored = storedSeedEvent;
const story = {
  id: seed.story.id,
  title: seed.story.title,
  publisher: seed.story.publisher,
  language: 'en',
  background: seed.story.background,
};
const links = { preferencesUrl: 'https://d.example/p', unsubscribeUrl: 'https://d.example/u' };

describe('Accept-Language', () => {
  it.each([
    ['ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7', 'ja'],
    ['ru-RU,ru;q=0.9', 'ru'],
    ['en-US,ru;q=0.9', 'en'],
    ['fr-FR;q=1, ru;q=0.5, ja;q=0.7', 'ja'],
    ['de, ru;q=0', 'en'],
    ['*', 'en'],
    ['', 'en'],
    ['q=;;,', 'en'],
  ])('%s → %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});

describe("labels on the reader's calendar, in the reader's grammar", () => {
  const summit = stored(1); // all day on 15 December in Tokyo
  const morning = (day: string, zone: string) =>
    new Date(new Date(`${day}T08:00:00Z`).getTime() - (zone === 'Asia/Tokyo' ? 9 : 3) * 3_600_000);
  it('Tokyo: 明日 the day before, N日後 before that', () => {
    expect(distanceLabel(summit, 'Asia/Tokyo', morning('2016-12-14', 'Asia/Tokyo'), 'ja')).toBe('明日');
    expect(distanceLabel(summit, 'Asia/Tokyo', morning('2016-12-08', 'Asia/Tokyo'), 'ja')).toBe('7日後');
    expect(distanceLabel(summit, 'Asia/Tokyo', morning('2016-12-15', 'Asia/Tokyo'), 'ja')).toBe('開催中');
  });
  it('Moscow: Завтра, and the day counts by Intl.PluralRules (one, few, many)', () => {
    // The summit begins at midnight in Tokyo: 18:00 on the 14th in Moscow, so "tomorrow" there is the 13th.
    expect(distanceLabel(summit, 'Europe/Moscow', morning('2016-12-13', 'Europe/Moscow'), 'ru')).toBe('Завтра');
    expect(distanceLabel(summit, 'Europe/Moscow', morning('2016-12-12', 'Europe/Moscow'), 'ru')).toBe('Через 2 дня');
    expect(distanceLabel(summit, 'Europe/Moscow', morning('2016-12-09', 'Europe/Moscow'), 'ru')).toBe('Через 5 дней');
    expect(distanceLabel(summit, 'Europe/Moscow', morning('2016-11-23', 'Europe/Moscow'), 'ru')).toBe('Через 21 день');
  });
  it('English reads as it always did', () => {
    expect(distanceLabel(summit, 'America/New_York', new Date('2016-12-08T13:00:00Z'))).toBe('In 6 days');
    expect(distanceLabel(summit, 'America/New_York', new Date('2016-12-13T13:00:00Z'))).toBe('Tomorrow');
  });
});

describe("dates and zones from Intl in the reader's language and zone", () => {
  const start = new Date('2016-12-15T07:00:00Z'); // 16:00 in Tokyo, 10:00 in Moscow
  const judge = (locale: string, zone: string, o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, ...o }).format(start);
  it('Japanese: 2016年12月15日(木) 16:00 日本標準時, as Intl writes it', () => {
    const text = dateAndTime(start, 'Asia/Tokyo', 'ja');
    expect(text).toBe(
      judge('ja-JP', 'Asia/Tokyo', {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    );
    expect(text).toContain('12月15日(木) 16:00');
    expect(zoneName('Asia/Tokyo', start, 'ja')).toBe('日本標準時');
    expect(zoneName('Europe/Moscow', start, 'ja')).toBe('モスクワ時間');
  });
  it('Russian: чт, 15 декабря 2016 г. в 10:00 (Москва)', () => {
    const text = dateAndTime(start, 'Europe/Moscow', 'ru');
    expect(text).toBe(
      judge('ru-RU', 'Europe/Moscow', {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    );
    expect(text).toMatch(/^чт, 15 декабря 2016 г\.? в 10:00$/);
    expect(zoneName('Europe/Moscow', start, 'ru')).toBe('Москва');
    // ICU writes "г." after a narrow no-break space.
    expect(rangeText({ from: '2016-12-11', to: '2016-12-20' }, 'ru')).toMatch(/^11–20 декабря 2016\s?г\.$/u);
  });
  it('English keeps its own words', () => {
    expect(longDate('2016-12-15')).toBe('Thursday 15 December 2016');
    expect(dateAndTime(start, 'Asia/Tokyo')).toBe('Thursday 15 December 2016, 16:00');
    expect(zoneName('Asia/Tokyo', start)).toBe('Japan time');
  });
});

describe("the story's text per language", () => {
  it("takes the editor's translation where there is one, else the story's own text, marked with its language", () => {
    const e = localizeEvent({ ...stored(1), translations: { ja: { title: '山口県で日露首脳会談' } } }, 'ja', 'en');
    expect(e.title).toBe('山口県で日露首脳会談');
    expect(e.summary).toBe(stored(1).summary);
    expect(e.textLanguage).toMatchObject({ title: 'ja', summary: 'en', place: 'en' });
    const mail = renderReminder({
      event: e,
      story,
      readerTimeZone: 'Asia/Tokyo',
      links,
      now: new Date('2016-12-13T23:00:00Z'),
      language: 'ja',
    });
    expect(mail.subject).toBe('【明日】山口県で日露首脳会談');
    expect(mail.html).toMatch(/^<!doctype html><html lang="ja"/);
    expect(mail.html).toContain(`<span lang="en">${stored(1).summary.replace(/'/g, '&#39;')}</span>`);
    expect(mail.html).not.toContain('<span lang="ja">');
  });

  it('the seed carries careful Japanese and Russian titles and places for each event', () => {
    for (const e of seed.events) {
      expect(e.translations?.ja?.title, e.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(e.translations?.ru?.title, e.id).toMatch(/[А-Яа-яЁё]/);
      expect(e.translations?.ja?.place, e.id).toBeTruthy();
      expect(e.translations?.ru?.place, e.id).toBeTruthy();
    }
    expect(seed.events.find((e) => e.id === 'abe-putin-summit-yamaguchi')!.translations!.ja!.place).toBe(
      '山口県長門市',
    );
  });
});

describe('every mail kind in three languages', () => {
  const ja = (i: number) => localizeEvent(stored(i), 'ja', 'en');
  const ru = (i: number) => localizeEvent(stored(i), 'ru', 'en');
  it('Japanese and Russian mails carry no English frame words; English ones are unchanged', () => {
    const now = new Date('2016-11-28T00:00:00Z');
    const previous = { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo, Japan' };
    const moved = { ...stored(2), date: '2016-12-17', version: 2 };
    const build = (lang: 'ja' | 'ru', tz: string, loc: (i: number) => ReturnType<typeof ja>) => [
      renderConfirmation({
        confirmUrl: 'https://d.example/c',
        events: [loc(0), loc(1)],
        stories: [story],
        readerTimeZone: tz,
        now,
        language: lang,
      }),
      renderReminder({ event: loc(0), story, readerTimeZone: tz, links, now, language: lang }),
      renderDigest({
        groups: [{ story, events: [loc(0), loc(1), loc(2)] }],
        readerTimeZone: tz,
        period: 'daily',
        links,
        now,
        language: lang,
      }),
      renderAlert({
        event: localizeEvent(moved, lang, 'en'),
        story,
        kind: 'moved',
        previous,
        readerTimeZone: tz,
        links,
        now,
        language: lang,
      }),
      renderAlert({
        event: { ...loc(2), status: 'cancelled' },
        story,
        kind: 'cancelled',
        readerTimeZone: tz,
        links,
        now,
        language: lang,
      }),
    ];
    const english =
      /\b(From the story|Where|When|Your time|Unsubscribe|Email preferences|digest|Moved|Cancelled|Confirm)\b/;
    for (const [lang, tz, loc] of [
      ['ja', 'Asia/Tokyo', ja],
      ['ru', 'Europe/Moscow', ru],
    ] as const) {
      for (const mail of build(lang, tz, loc)) {
        expect(mail.language).toBe(lang);
        expect(mail.subject, mail.subject).not.toMatch(english);
        // The text part without the story's own (English) background, quotes and links.
        const frame = mail.text
          .split('\n')
          .filter((l) => !/^(- |"|— |https?:|.*https?:\/\/)/.test(l) && !story.background.includes(l.slice(2)));
        expect(frame.join('\n'), `${lang} ${mail.subject}`).not.toMatch(english);
      }
    }
    const en = renderReminder({ event: stored(0), story, readerTimeZone: 'America/New_York', links, now });
    // All day on 3 December in Moscow begins on 2 December at 16:00 in New York: five days from 27 November there.
    expect(en.subject).toBe('In 5 days: Foreign Minister Kishida visits Russia for talks with Lavrov');
    expect(en.language).toBe('en');
    expect(en.html).not.toMatch(/<span lang=/);
  });
});
