/**
 * Every language's catalogue, by its code: the one place the code looks words up. English is part of the code;
 * the others come from `#asset/catalogues` on a reader's first message in them (in a deployed function a file
 * beside its code, so a bundle does not load two languages most requests never use; elsewhere the modules).
 */
import { otherCatalogue } from '#asset/catalogues';
import { DEFAULT_LANGUAGE, type Language } from '../model/language.ts';
import { en } from './en.ts';
import type { MailWords } from './messages.ts';

const loaded: Partial<Record<Language, MailWords>> = { en };

/** The words for `lang`; absent (a reader from before languages) is English. */
export function messagesFor(lang: Language | undefined): MailWords {
  const language = lang ?? DEFAULT_LANGUAGE;
  // English is always loaded, so only the first message in another language reaches the loader.
  const messages = loaded[language] ?? otherCatalogue(language as Exclude<Language, 'en'>);
  loaded[language] = messages;
  return messages;
}
