/**
 * The words of pages, feeds and calendars in a language: what a function that serves pages looks up (`messagesFor`
 * in catalogues.ts gives the mail's words too). English is in the code; another language is its catalogue, from the
 * same file beside the bundle on its first use (`#asset/catalogues`).
 */
import { otherCatalogue } from '#asset/catalogues';
import { DEFAULT_LANGUAGE, type Language } from '../model/language.ts';
import type { PageWords } from './messages.ts';
import { enPageWords } from './page-words-en.ts';

const loaded: Partial<Record<Language, PageWords>> = { en: enPageWords };

/** The page words for `lang`; absent (a reader from before languages) is English. */
export function pageWordsFor(lang: Language | undefined): PageWords {
  const language = lang ?? DEFAULT_LANGUAGE;
  const words = loaded[language] ?? otherCatalogue(language as Exclude<Language, 'en'>);
  loaded[language] = words;
  return words;
}
