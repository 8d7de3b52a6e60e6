/**
 * The compiled templates in a deployed function (`#asset/templates` under esbuild's `datewatch-asset` condition):
 * each is a file beside index.mjs, templates/<name>.html (written by `npm run build:templates`, copied into the
 * asset by the stack: lambdas/asset-files.ts), read on the first mail of that kind; the fragments are one file,
 * templates/fragments.json, read on the first mail that uses one.
 */
import { readFileSync } from 'node:fs';
import type { TemplateName } from './template-name.ts';

export const compiledTemplate = (name: TemplateName): string =>
  // Relative to the bundle (index.mjs), not to this source file: this module only runs bundled.
  readFileSync(new URL(`./templates/${name}.html`, import.meta.url), 'utf8');

export const compiledFragments = (): unknown =>
  JSON.parse(readFileSync(new URL('./templates/fragments.json', import.meta.url), 'utf8')) as unknown;
