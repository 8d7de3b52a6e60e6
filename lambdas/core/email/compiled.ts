/**
 * The templates compiled by templates/build.ts; nothing loads mjml at send time. A whole template comes from
 * `#asset/templates` on its first use (in a deployed function a file beside its code, since a request renders one or
 * two of seven), and so do the fragments (the repeated pieces: a digest's items, a when line, a note), all read at
 * once on the first mail that uses one: no function's cold start loads them.
 */
import { compiledFragments, compiledTemplate } from '#asset/templates';
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

/** The fragments by name, each read on first use (all of them from one file). */
export const fragments: Readonly<Record<FragmentName, string>> = /* @__PURE__ */ fragmentsOnFirstUse();

function fragmentsOnFirstUse(): Readonly<Record<FragmentName, string>> {
  let table: Record<FragmentName, string> | undefined;
  const read = (name: FragmentName) => (table ??= pick(compiledFragments(), fragmentNames, 'fragments'))[name];
  return Object.freeze(Object.defineProperties({} as Record<FragmentName, string>, Object.fromEntries(
    fragmentNames.map((name) => [name, { get: () => read(name), enumerable: true }]),
  )));
}

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
