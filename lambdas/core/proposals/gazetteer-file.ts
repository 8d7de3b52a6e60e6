/**
 * The gazetteer's data in a deployed proposals function (`#asset/gazetteer-data` under esbuild's `datewatch-asset`
 * condition): the JSON file beside index.mjs (data/gazetteer.json, copied into the asset by the stack:
 * lambdas/asset-files.ts), read and parsed on the first proposal, so the function's cold start does not parse it.
 */
import { readFileSync } from 'node:fs';
import type { GazetteerData } from './gazetteer-shape.ts';

export const gazetteerData = (): GazetteerData =>
  // Relative to the bundle (index.mjs), not to this source file: this module only runs bundled.
  JSON.parse(readFileSync(new URL('./data/gazetteer.json', import.meta.url), 'utf8')) as GazetteerData;
