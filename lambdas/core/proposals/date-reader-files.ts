/**
 * The Japanese and Russian date readers in a deployed proposals function (`#asset/date-readers` under esbuild's
 * `datewatch-asset` condition): each is a CommonJS file beside index.mjs, `proposals/<lang>.cjs` (dates-ja.ts, or
 * dates-ru.ts with chrono's Russian parser, built by `npm run build:catalogues`, copied into the asset by the stack:
 * lambdas/asset-files.ts), required on the first story in that language, so an English story never pays for them.
 * Each takes the engine's modules it imports from this bundle (date-reader-shared.ts) instead of a copy of its own.
 */
import { createRequire } from 'node:module';
import { SHARED_MODULES, SHARED_MODULES_KEY } from './date-reader-shared.ts';
import type { DateReader } from './dates.ts';

// Relative to the bundle (index.mjs), not to this source file: this module only runs bundled.
const requireBeside = createRequire(import.meta.url);

/** The export of each file that is its reader (what dates-ja.ts and dates-ru.ts call it). */
const EXPORT_OF = { ja: 'JAPANESE', ru: 'RUSSIAN' } as const;

export function otherDateReader(lang: keyof typeof EXPORT_OF): DateReader {
  // The engine's modules the reader imports, handed over rather than bundled twice (date-reader-shared.ts).
  (globalThis as Record<symbol, unknown>)[Symbol.for(SHARED_MODULES_KEY)] ??= SHARED_MODULES;
  const exports = requireBeside(`./proposals/${lang}.cjs`) as Record<string, DateReader | undefined>;
  const reader = exports[EXPORT_OF[lang]];
  if (!reader) throw new Error(`proposals/${lang}.cjs beside the function's code holds no ${EXPORT_OF[lang]} reader`);
  return reader;
}
