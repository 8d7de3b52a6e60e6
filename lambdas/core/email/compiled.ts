/**
 * The templates compiled by templates/build.ts; nothing loads mjml at send time. The fragments (small, used by
 * every digest) are JSON that esbuild inlines into each bundle; a whole template comes from `#asset/templates` on
 * its first use (in a deployed function a file beside its code, since a request renders one or two of seven).
 */
import { compiledTemplate } from '#asset/templates';
import compiledFragments from '#templates/compiled/fragments.json' with { type: 'json' };
import type { TemplateName } from './template-name.ts';

export type { TemplateName };

export type FragmentName = 'digest-item' | 'story-heading' | 'label' | 'bullet' | 'note' | 'when-line' | 'when-line-before' | 'when-compact' | 'source';

const templateNames: readonly TemplateName[] = ['reminder', 'digest', 'alert-moved', 'alert-confirmed', 'alert-cancelled', 'confirmation', 'update'];
const fragmentNames: readonly FragmentName[] = ['digest-item', 'story-heading', 'label', 'bullet', 'note', 'when-line', 'when-line-before', 'when-compact', 'source'];

function pick<N extends string>(from: unknown, names: readonly N[], kind: string): Record<N, string> {
  const table = (from ?? {}) as Record<string, unknown>;
  const missing = names.filter((n) => typeof table[n] !== 'string');
  if (missing.length > 0) throw new Error(`compiled ${kind} missing: ${missing.join(', ')}; run npm run build:templates`);
  return table as Record<N, string>;
}

export const fragments = pick(compiledFragments, fragmentNames, 'fragments');

const loaded = new Map<TemplateName, string>();

/** The compiled HTML of one template, with `{{placeholders}}` for fill(). */
export function template(name: TemplateName): string {
  let html = loaded.get(name);
  if (html === undefined) {
    html = pick({ [name]: compiledTemplate(name) }, [name], 'templates')[name];
    loaded.set(name, html);
  }
  return html;
}

/** Every template name (tests/infra/asset-files.test.ts checks each deployed package that renders mail has them). */
export const TEMPLATE_NAMES = templateNames;
