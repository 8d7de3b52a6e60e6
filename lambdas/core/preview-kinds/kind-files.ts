/**
 * The preview kinds' code in a deployed editor-mail function (`#asset/preview-kinds` under esbuild's
 * `datewatch-asset` condition): each kind's module (confirmation.ts, reminder.ts, digest.ts, alerts.ts for the three
 * alerts, update.ts) is a CommonJS file beside index.mjs, `editor-mail/<module>.cjs` (built by
 * `npm run build:catalogues`, copied into the asset by the stack: lambdas/asset-files.ts), required on the first
 * preview or test send of that kind: a cold start loads none of them. Each takes the modules it shares with the
 * bundle (the catalogues, the templates, the errors the router answers with…) from this bundle (shared.ts).
 */
import { createRequire } from 'node:module';
import type { PreviewKind } from '../preview-query.ts';
import type { KindRenderer, KindRenderers } from './context.ts';
import { KIND_MODULE } from './kind-module.ts';
import { SHARED_MAIL_MODULES, SHARED_MAIL_MODULES_KEY } from './shared.ts';

// Relative to the bundle (index.mjs), not to this source file: this module only runs bundled.
const requireBeside = createRequire(import.meta.url);

export function kindRenderer(kind: PreviewKind): KindRenderer {
  // The modules a kind's code imports, handed over rather than bundled twice (shared.ts).
  (globalThis as Record<symbol, unknown>)[Symbol.for(SHARED_MAIL_MODULES_KEY)] ??= SHARED_MAIL_MODULES;
  const module = KIND_MODULE[kind];
  if (!module) throw new Error(`no preview kind "${kind}"`);
  const file = `./editor-mail/${module}.cjs`;
  const renderer = (requireBeside(file) as { RENDERERS?: KindRenderers }).RENDERERS?.[kind];
  if (!renderer) throw new Error(`${file} beside the function's code renders no ${kind} preview`);
  return renderer;
}
