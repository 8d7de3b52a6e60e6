import type { Language } from '../model/language.ts';

/**
 * Each language's own name, as the language picker and the preferences show it. Kept apart from the catalogues,
 * since a page lists every language and must not load the other catalogues to name them (catalogues.ts).
 */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ja: '日本語', ru: 'Русский' };

export const languageName = (lang: Language): string => LANGUAGE_NAMES[lang];
