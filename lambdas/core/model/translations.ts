/**
 * An editor's text for a story or event in another reader language: `{"ja": {"title": …, "place": …}, "ru": {…}}`.
 * Any field may be left out, and any language: readers of a language without it read the story's own text,
 * marked with the story's language. Never filled in by a machine.
 */
import * as v from '../validate/index.ts';
import { oneLine, text } from '../fields.ts';
import { LANGUAGES, type Language } from './language.ts';

export interface EventTranslation { title?: string; summary?: string; place?: string }
export interface StoryTranslation { title?: string; summary?: string }
export type Translations<T> = Partial<Record<Language, T>>;

const nonEmpty = (o: object) => Object.values(o).some((v) => v !== undefined);
const each = <S extends v.Schema>(of: (lang: Language) => S) => v.strictObject(
  Object.fromEntries(LANGUAGES.map((l) => [l, v.optional(of(l))])) as Record<Language, v.OptionalSchema<S>>,
  { error: `translations must be an object keyed by language (${LANGUAGES.join(', ')})` },
);

/** Built on first use, as the event and story schemas that hold them (model/event.ts). */
export const eventTranslationsSchema = /* @__PURE__ */ v.lazy(() => each((l) => v.strictObject({
  title: v.optional(oneLine(`translations.${l}.title`, 200)),
  summary: v.optional(text(`translations.${l}.summary`, 2000)),
  place: v.optional(oneLine(`translations.${l}.place`, 200)),
}, { error: `translations.${l} must be an object with title, summary and/or place` })
  .check(v.refine(nonEmpty, { error: `translations.${l} must give at least one of title, summary, place` }))));

export const storyTranslationsSchema = /* @__PURE__ */ v.lazy(() => each((l) => v.strictObject({
  title: v.optional(oneLine(`translations.${l}.title`, 200)),
  summary: v.optional(text(`translations.${l}.summary`, 2000)),
}, { error: `translations.${l} must be an object with title and/or summary` })
  .check(v.refine(nonEmpty, { error: `translations.${l} must give at least one of title, summary` }))));
