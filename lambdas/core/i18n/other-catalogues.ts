/**
 * The catalogues other than English, as modules: what `#asset/catalogues` is wherever the code runs from its
 * sources or is bundled without the `datewatch-asset` condition (tests, the local stack, the console build).
 */
import type { Language } from '../model/language.ts';
import { ja } from './ja.ts';
import type { Messages } from './messages.ts';
import { ru } from './ru.ts';

const CATALOGUES: Readonly<Record<Exclude<Language, 'en'>, Messages>> = { ja, ru };

export const otherCatalogue = (lang: Exclude<Language, 'en'>): Messages => CATALOGUES[lang];
