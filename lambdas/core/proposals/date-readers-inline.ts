/**
 * The Japanese and Russian date readers as modules: what `#asset/date-readers` is wherever the code runs from its
 * sources or is bundled without the `datewatch-asset` condition (tests, the local stack, the benches).
 */
import type { DateReader } from './dates.ts';
import { JAPANESE } from './dates-ja.ts';
import { RUSSIAN } from './dates-ru.ts';

const READERS = { ja: JAPANESE, ru: RUSSIAN } as const;

export const otherDateReader = (lang: keyof typeof READERS): DateReader => READERS[lang];
