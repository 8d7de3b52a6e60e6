/**
 * The languages a reader can read Datewatch in. A reader stored before languages existed (no `language`) reads
 * English; so does a CSV row without the column.
 */
export const LANGUAGES = ['en', 'ja', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** A reader's language, absent meaning English. */
export const languageOf = (p: { language?: Language | undefined }): Language => p.language ?? DEFAULT_LANGUAGE;

/**
 * The language an `Accept-Language` header prefers among ours (RFC 9110 §12.5.4): the highest q-value wins, ties
 * by order; `ja-JP` counts as `ja`, `*` as English, q=0 rules a language out. None of ours: English.
 */
export function preferredLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranges = header.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';').map((s) => s.trim());
    const q = params.find((p) => /^q=/i.test(p));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
  }).filter((r) => r.tag !== '' && r.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return DEFAULT_LANGUAGE;
    const primary = tag.split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The language a page is shown in: the reader's stored one when the page is theirs (preferences, confirm), else
 * the `lang` the page was asked for (the language links, a form's action), else the browser's Accept-Language.
 */
export function pageLanguage(request: {
  stored?: Language | undefined; query?: string | undefined; acceptLanguage?: string | undefined;
}): Language {
  if (request.stored) return request.stored;
  if (isLanguage(request.query)) return request.query;
  return preferredLanguage(request.acceptLanguage);
}
