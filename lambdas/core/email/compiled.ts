/**
 * The templates compiled by templates/build.ts, imported as JSON so that esbuild inlines them into each Lambda
 * bundle and nothing reads the file system or loads mjml at send time.
 */
import compiled from '#templates/compiled/templates.json' with { type: 'json' };

export type TemplateName = 'reminder' | 'digest' | 'alert-moved' | 'alert-confirmed' | 'alert-cancelled' | 'confirmation' | 'update';
export type FragmentName = 'digest-item' | 'story-heading' | 'label' | 'bullet' | 'note' | 'when-line' | 'when-line-before' | 'when-compact' | 'source';

const templateNames: readonly TemplateName[] = ['reminder', 'digest', 'alert-moved', 'alert-confirmed', 'alert-cancelled', 'confirmation', 'update'];
const fragmentNames: readonly FragmentName[] = ['digest-item', 'story-heading', 'label', 'bullet', 'note', 'when-line', 'when-line-before', 'when-compact', 'source'];

function pick<N extends string>(from: unknown, names: readonly N[], kind: string): Record<N, string> {
  const table = (from ?? {}) as Record<string, unknown>;
  const missing = names.filter((n) => typeof table[n] !== 'string');
  if (missing.length > 0) throw new Error(`compiled ${kind} missing: ${missing.join(', ')}; run npm run build:templates`);
  return table as Record<N, string>;
}

const source = compiled as { templates?: unknown; fragments?: unknown };
export const templates = pick(source.templates, templateNames, 'templates');
export const fragments = pick(source.fragments, fragmentNames, 'fragments');
