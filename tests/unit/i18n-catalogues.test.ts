/**
 * The message catalogues: every key in every language (the type already demands it; this checks the values at
 * run time, nested, and that none is empty), and no reader-facing English that bypasses them — in the MJML
 * templates, and in the pages as they render for a Japanese or Russian reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '#core/i18n/catalogues.ts';
import { pageWordsFor, storyPageWordsFor } from '#core/i18n/page-words.ts';
import { LANGUAGES } from '#core/model/language.ts';
import { limaSeed } from '#core/model/story.ts';
import type { DatedEvent } from '#core/model/event.ts';
import type { Story } from '#core/model/story.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { localizeUpcoming } from '#core/i18n/localize.ts';
import {
  checkInboxPage,
  confirmedPage,
  confirmPage,
  errorPage,
  preferencesPage,
  subscribePage,
  unsubscribedPage,
  unsubscribePage,
} from '#core/pages/subscription-pages.ts';
import { storyPage } from '#core/pages/story-page.ts';
import { storiesPage } from '#core/pages/stories-page.ts';

/** Every path to a leaf of a catalogue: strings, functions, plural forms (`a.b.c`). */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value))
      for (const [p, leaf] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, leaf);
  } else out.set(path, value);
  return out;
}

/** Every word of a language: the mail's, the pages' and the story pages' (page-words.ts), as its file holds them. */
const wordsOf = (lang: (typeof LANGUAGES)[number]) => leaves({
  ...messagesFor(lang), ...pageWordsFor(lang), pages: { ...pageWordsFor(lang).pages, ...storyPageWordsFor(lang) },
});

describe('the catalogues', () => {
  const english = wordsOf('en');

  it('have every key in every language, each a non-empty string, a function or a list, and no key of their own', () => {
    expect(english.size).toBeGreaterThan(250);
    for (const lang of LANGUAGES) {
      const own = wordsOf(lang);
      // Plural forms differ by language (ru has few and many, ja only other): compare up to the forms' object.
      const shape = (m: Map<string, unknown>) =>
        new Set([...m.keys()].map((k) => k.replace(/\.(zero|one|two|few|many)$/, '.other')));
      expect([...shape(own)].sort(), lang).toEqual([...shape(english)].sort());
      for (const [key, value] of own) {
        if (typeof value === 'string') expect(value.trim(), `${lang} ${key}`).not.toBe('');
        else expect(['function', 'object'], `${lang} ${key}`).toContain(typeof value);
      }
    }
  });

  it('Russian counted phrases have every form Intl.PluralRules picks (one, few, many, other)', () => {
    const categories = new Intl.PluralRules('ru').resolvedOptions().pluralCategories;
    expect([...categories].sort()).toEqual(['few', 'many', 'one', 'other']);
    const { distance, digest } = messagesFor('ru');
    for (const forms of [distance.inDays, digest.upcoming, digest.toConfirm, digest.newStories]) {
      for (const c of categories) expect(forms[c], c).toMatch(/\{n\}/);
    }
  });
});

describe('no reader-facing word bypasses the catalogues', () => {
  const dir = join(import.meta.dirname, '../../templates');
  const sources = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.mjml'))
      .map((f) => join(dir, f)),
    ...['layout', 'fragments'].flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f))),
  ];
  /** Words outside tags, attributes' own names, placeholders and entities: what a reader would see as written. */
  const visibleWords = (mjml: string) =>
    mjml
      .replace(/<mj-head>[\s\S]*?<\/mj-head>|<mj-style>[\s\S]*?<\/mj-style>|<!--[\s\S]*?-->/g, ' ')
      .replace(/\{\{\{?[^}]+\}?\}\}/g, ' ')
      .replace(/<[^>]*>/g, (tag) => /\b(title|alt)="([^"{]+)"/.exec(tag)?.[2] ?? ' ') // a title or alt is read too
      .replace(/&[a-z]+;/g, ' ')
      .match(/\p{L}{2,}/gu) ?? [];
  /** Names, not words: the brand and the calendar products a button names. */
  const NAMES = new Set(['Datewatch', 'Google', 'Calendar', 'Outlook', 'com']);

  it('the MJML templates hold no words of their own: everything visible is a {{t.*}} or a value', () => {
    expect(sources.length).toBeGreaterThan(8);
    for (const file of sources) {
      const words = visibleWords(readFileSync(file, 'utf8')).filter((w) => !NAMES.has(w));
      expect(words, file).toEqual([]);
    }
  });

  const seed = limaSeed();
  const now = new Date('2016-11-25T00:00:00Z');
  const story: Story = {
    ...seed.story,
    language: 'en',
    background: seed.story.background,
    status: 'active',
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const events: DatedEvent[] = seed.events.map((e) => ({
    ...e,
    status: 'scheduled',
    version: 1,
    createdAt: story.createdAt,
    updatedAt: story.createdAt,
  }));
  const reader = (language: 'ja' | 'ru'): Subscriber => ({
    id: 'r1',
    email: 'reader@example.com',
    status: 'active',
    preferences: {
      timeZone: language === 'ja' ? 'Asia/Tokyo' : 'Europe/Moscow',
      reminders: ['P7D', 'P1D'],
      digest: 'daily',
      events: 'all',
      language,
    },
    consent: { requestedAt: story.createdAt, requestIpHash: 'x', requestUserAgent: 'x' },
    createdAt: story.createdAt,
    updatedAt: story.createdAt,
  });
  /** Latin words a Japanese or Russian page may show: names, zone ids, the story's own text, units and formats. */
  const allowed = new RegExp(
    [
      'Datewatch',
      // the calendar products an event's links name (Google Календарь, Outlook.com)
      'Google',
      'Outlook',
      'Kyodo',
      'News',
      'APEC',
      'Atom-?',
      'NetNewsWire',
      'Feedly',
      'Thunderbird',
      'Atom',
      'iCalendar',
      'UTC',
      'GMT',
      // zone ids in the zone picker, and the masked address
      '[A-Z][A-Za-z_-]+/[A-Za-z_/+-]+',
      'Etc',
      'example',
      'com',
    ]
      .map((w) => `^${w}$`)
      .join('|'),
  );

  it.each(['ja', 'ru'] as const)(
    'every page a %s reader opens is in that language, but for names and the story text, marked',
    (lang) => {
      const upcoming = localizeUpcoming({ stories: [story], events }, lang);
      const pages = {
        subscribe: subscribePage({ ...upcoming, language: lang }),
        checkInbox: checkInboxPage(lang),
        confirm: confirmPage({ subscriber: reader(lang), token: 't' }),
        confirmed: confirmedPage(reader(lang), 'confirmed', '/preferences?token=t'),
        preferences: preferencesPage({
          subscriber: reader(lang),
          ...upcoming,
          actionUrl: '/preferences?token=t',
          unsubscribeUrl: '/u',
        }),
        unsubscribe: unsubscribePage({
          actionUrl: '/u',
          email: 'reader@example.com',
          status: 'active',
          language: lang,
        }),
        unsubscribed: unsubscribedPage({ outcome: 'unsubscribed', blocked: false }, lang),
        // The error's own message comes from the API (English for programs); its frame is the reader's.
        error: errorPage(404, '—', lang),
        story: storyPage({
          story,
          events,
          zones: ['UTC', 'Asia/Tokyo'],
          now,
          links: { subscribeUrl: '/s', atomUrl: '/a', icsUrl: '/i' },
          language: lang,
        }),
        stories: storiesPage(
          [story],
          { storyUrl: () => '/s', atomUrl: () => '/a', storyIcsUrl: () => '/c', icsUrl: '/i', subscribeUrl: '/' },
          lang,
        ),
      };
      for (const [name, page] of Object.entries(pages)) {
        expect(page.language, name).toBe(lang);
        expect(page.html, name).toContain(`<html lang="${lang}">`);
        const visible = page.html
          .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
          // Text marked with its own language.
          .replace(/<(span|div|option|a|blockquote)\b[^>]*\blang="(en|ja|ru)"[^>]*>[\s\S]*?<\/\1>/g, ' ')
          .replace(/<[^>]*>/g, ' ')
          .replace(/&[#\w]+;/g, ' ')
          .replace(/https?:\S+/g, ' ')
          .replace(/\S+@[\w.]+/g, ' '); // the reader's (masked) address
        const latin = (visible.match(/[A-Za-z][A-Za-z_/+-]*/g) ?? []).filter((w) => !allowed.test(w));
        expect(latin, `${lang} ${name}: ${latin.join(' ')}`).toEqual([]);
      }
    },
  );
});
