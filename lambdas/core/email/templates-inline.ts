/**
 * The compiled templates as JSON imported whole: what `#asset/templates` is wherever the code runs from its sources
 * or is bundled without the `datewatch-asset` condition (tests, the local stack, the benches).
 */
import compiled from '#templates/compiled/templates.json' with { type: 'json' };
import type { TemplateName } from './template-name.ts';

export const compiledTemplate = (name: TemplateName): string | undefined => compiled.templates[name];

export const compiledFragments = (): unknown => compiled.fragments;
