import * as v from './validate/index.ts';

/**
 * The field checks every editor-written record shares (events, stories, change sources): one message per rule,
 * naming the field, and nothing a template, a feed or a header could misread.
 */

/** What a template or the mail composer would read as its own: `{{name}}` placeholders. */
const PLACEHOLDER = /\{\{|\}\}/;

export const text = (field: string, max: number) =>
  v.string({ error: `${field} must be a string` }).check(
    v.trim(),
    v.minLength(1, { error: `${field} must not be empty` }),
    v.maxLength(max, { error: `${field} must be at most ${max} characters` }),
    v.refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: `${field} must not contain control characters` }),
    v.refine((s) => !PLACEHOLDER.test(s), { error: `${field} must not contain {{ or }}` }),
  );

export const oneLine = (field: string, max: number) =>
  text(field, max).check(v.refine((s) => !/[\r\n]/.test(s), { error: `${field} must be a single line` }));

/** An absolute http: or https: URL with a host, and nothing a feed line, a header or a template could misread. */
export const httpUrl = (field: string, max: number) =>
  v.string({ error: `${field} must be a string` }).check(
    v.trim(),
    v.maxLength(max, { error: `${field} must be at most ${max} characters` }),
    v.refine((s) => !/[\s\u0000-\u001f\u007f-\u009f]/.test(s), { error: `${field} must not contain whitespace or control characters` }),
    v.refine((s) => !PLACEHOLDER.test(s), { error: `${field} must not contain {{ or }}` }),
    v.refine(isAbsoluteHttpUrl, { error: `${field} must be an absolute http: or https: URL, such as https://example.com/story` }),
  );

function isAbsoluteHttpUrl(s: string): boolean {
  if (!/^https?:\/\/[^/?#]/i.test(s)) return false;
  try {
    const url = new URL(s);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A patch's field: absent leaves it as it is, null clears it. */
export const clearable = <S extends v.Schema>(schema: S) => v.optional(v.nullable(schema));

/** Who said it: the publisher, the words, and where to read them. Events carry one; so does every move and cancellation. */
export const sourceSchema = (field: string) => v.strictObject({
  publisher: oneLine(`${field}.publisher`, 100),
  quote: text(`${field}.quote`, 1000),
  url: v.optional(httpUrl(`${field}.url`, 500)),
}, { error: `${field} must be an object with publisher and quote (and optionally url)` });

/** Story and event ids: lower-case slugs, safe in a path, a key and a feed's entry id. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
export const slugField = (field: string) => v.string({ error: `${field} must be a string` }).check(
  v.regex(SLUG, { error: `${field} must be a slug: lower-case letters, digits and single hyphens, 1 to 80 characters, such as lima-talks-2016` }),
);

/** A slug made from a title: "Abe–Putin talks" → "abe-putin-talks". */
export function slugOf(title: string, fallback: string, max = 40): string {
  return title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '') || fallback;
}
