/**
 * Story and event text in the reader's language: an editor's translation where there is one (title, summary,
 * place), else the text as written, in the story's own language. Nothing is machine-translated. Each field
 * remembers the language it is written in, so HTML can mark a field that is not in the reader's language with
 * its `lang` (screen readers and fonts then read it right).
 */
import { escapeHtml } from '../email/fill.ts';
import type { Language } from '../model/language.ts';
import type { EventTranslation, StoryTranslation, Translations } from '../model/translations.ts';

/** A value with the language each text field is written in (`own`: the story's language, for any other text). */
export type Localized<T> = T & {
  textLanguage?: Readonly<Record<string, string>>;
  /** The place as stored (the story's language): what a change of place is measured against. */
  ownPlace?: string;
};

type EventText = {
  title: string; summary: string; place: string; translations?: Translations<EventTranslation> | undefined;
};

/** The event as a `lang` reader reads it; `own` is its story's language (BCP 47). */
export function localizeEvent<E extends EventText>(event: E, lang: Language, own: string): Localized<E> {
  const t = event.translations?.[lang];
  const pick = (field: 'title' | 'summary' | 'place') =>
    (t?.[field] ? { text: t[field], written: lang } : { text: event[field], written: own });
  const title = pick('title');
  const summary = pick('summary');
  const place = pick('place');
  return {
    ...event, title: title.text, summary: summary.text, place: place.text, ownPlace: event.place,
    textLanguage: { title: title.written, summary: summary.written, place: place.written, own },
  };
}

type StoryText = {
  title: string; summary?: string | undefined; translations?: Translations<StoryTranslation> | undefined;
};

/** The story as a `lang` reader reads it: its title and summary translated where an editor gave them. */
export function localizeStory<S extends StoryText>(story: S, lang: Language, own: string): Localized<S> {
  const t = story.translations?.[lang];
  return {
    ...story,
    title: t?.title || story.title,
    ...(story.summary !== undefined || t?.summary ? { summary: t?.summary || story.summary } : {}),
    textLanguage: { title: t?.title ? lang : own, summary: t?.summary ? lang : own, own },
  };
}

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** True when `written` (a BCP 47 tag) is not the reader's language: the text needs its own `lang`. */
export function foreign(written: string | undefined, lang: Language): written is string {
  return written !== undefined && primary(written) !== lang;
}

/** A field as escaped HTML, wrapped in `<span lang="…">` when it is written in another language than the reader's. */
export function textHtml<T extends object>(value: Localized<T>, field: keyof T & string, lang: Language): string {
  const text = String(value[field] ?? '');
  const written = value.textLanguage?.[field];
  return foreign(written, lang) ? `<span lang="${escapeHtml(written)}">${escapeHtml(text)}</span>` : escapeHtml(text);
}

/** What the subscribe and preferences pages list,
  as a `lang` reader reads it: stories and events by their story's language. */
export function localizeUpcoming<S extends StoryText & { id: string; language: string },
  E extends EventText & { storyId: string }>(
  upcoming: { stories: readonly S[]; events: readonly E[] }, lang: Language,
): { stories: Localized<S>[]; events: Localized<E>[] } {
  const own = new Map(upcoming.stories.map((s) => [s.id, s.language]));
  return {
    stories: upcoming.stories.map((s) => localizeStory(s, lang, s.language)),
    events: upcoming.events.map((e) => localizeEvent(e, lang, own.get(e.storyId) ?? 'en')),
  };
}

/** A digest's groups and new stories as a `lang` reader reads them: each story's events by that story's language. */
export function localizeDigest<S extends StoryText & { language?: string | undefined }, E extends EventText>(
  digest: { groups: readonly { story: S; events: readonly E[] }[]; newStories: readonly S[] } | undefined,
  lang: Language,
): { groups: { story: Localized<S>; events: Localized<E>[] }[]; newStories: Localized<S>[] } {
  const own = (s: S) => s.language ?? 'en';
  return {
    groups: (digest?.groups ?? []).map((g) => ({
      story: localizeStory(g.story, lang, own(g.story)),
      events: g.events.map((e) => localizeEvent(e, lang, own(g.story))),
    })),
    newStories: (digest?.newStories ?? []).map((s) => localizeStory(s, lang, own(s))),
  };
}
