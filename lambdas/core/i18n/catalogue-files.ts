/**
 * The catalogues other than English in a deployed function (`#asset/catalogues` under esbuild's `datewatch-asset`
 * condition): each is a CommonJS file beside index.mjs, `i18n/<lang>.cjs` (built by `npm run build:catalogues`,
 * copied into the asset by the stack: lambdas/asset-files.ts), required synchronously on the first message in
 * that language, so callers stay synchronous and an English request reads no file.
 */
import { createRequire } from 'node:module';
import type { Language } from '../model/language.ts';
import type { Messages } from './messages.ts';

// Relative to the bundle (index.mjs), not to this source file: this module only runs bundled.
const requireBeside = createRequire(import.meta.url);

export function otherCatalogue(lang: Exclude<Language, 'en'>): Messages {
  const exports = requireBeside(`./i18n/${lang}.cjs`) as Partial<Record<Language, Messages>>;
  const messages = exports[lang];
  if (!messages) throw new Error(`i18n/${lang}.cjs beside the function's code holds no '${lang}' catalogue`);
  return messages;
}
