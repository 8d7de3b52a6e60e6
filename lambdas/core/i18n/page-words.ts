/**
 * The words of pages, feeds and calendars in a language: what a function that serves pages looks up (`messagesFor`
 * in catalogues.ts gives the mail's words). English is in the code; another language is its catalogue, from the
 * same file beside the bundle on its first use (`#asset/catalogues`). When-words and the invitation's are looked up
 * apart (mail says them too), so a mail function does not bundle the pages' words.
 */
import { otherCatalogue } from '#asset/catalogues';
import { DEFAULT_LANGUAGE, type Language } from '../model/language.ts';
import type { Messages, PageWords, StoryPageWords } from './messages.ts';
import { enInvite, enPageWords, enWhen } from './page-words-en.ts';
import { storyPagesEn } from './story-pages-en.ts';

const others: Partial<Record<Exclude<Language, 'en'>, Messages>> = {};

/** Another language's catalogue, read on its first use and kept. */
function other(lang: Exclude<Language, 'en'>): Messages {
  others[lang] ??= otherCatalogue(lang);
  return others[lang];
}

const otherThanEnglish = (lang: Language | undefined): Exclude<Language, 'en'> | undefined =>
  (lang ?? DEFAULT_LANGUAGE) === 'en' ? undefined : (lang as Exclude<Language, 'en'>);

/** The page words for `lang`; absent (a reader from before languages) is English. */
export function pageWordsFor(lang: Language | undefined): PageWords {
  const language = otherThanEnglish(lang);
  return language ? other(language) : enPageWords;
}

/** How an event's time is put in `lang` (pages, feeds and mail). */
export function whenWordsFor(lang: Language | undefined): PageWords['when'] {
  const language = otherThanEnglish(lang);
  return language ? other(language).when : enWhen;
}

/** The calendar invitation's words in `lang`. */
export function inviteWordsFor(lang: Language | undefined): PageWords['invite'] {
  const language = otherThanEnglish(lang);
  return language ? other(language).invite : enInvite;
}

/** The words of the stories page and a story's page in `lang` (public-pages alone shows them). */
export function storyPageWordsFor(lang: Language | undefined): StoryPageWords {
  const language = otherThanEnglish(lang);
  return language ? other(language).pages : storyPagesEn;
}
