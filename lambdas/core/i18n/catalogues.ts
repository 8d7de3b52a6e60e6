/** Every language's catalogue, by its code: the one place the code looks words up. */
import type { Language } from '../model/language.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { ru } from './ru.ts';
import type { Messages } from './messages.ts';

export const CATALOGUES: Readonly<Record<Language, Messages>> = { en, ja, ru };

/** The words for `lang`; absent (a reader from before languages) is English. */
export const messagesFor = (lang: Language | undefined): Messages => CATALOGUES[lang ?? 'en'];
