/**
 * Before any test: the built files deployed beside the functions' code (lambdas/asset-files.ts), made afresh, so
 * `npx vitest run` never serves a console, an OpenAPI document or a catalogue older than the code (`npm test`
 * builds them too).
 */
import { buildConsole } from '#lambdas/console/build.ts';
import { buildOpenApi } from '#lambdas/openapi/build.ts';
import { buildCatalogues } from '../../scripts/build-catalogues.ts';

export default async function setup(): Promise<void> {
  await Promise.all([buildConsole(), buildOpenApi(), buildCatalogues()]);
}
