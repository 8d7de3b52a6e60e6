/**
 * Before any test: the built files the static-files function serves (lambdas/static-files.ts), made afresh, so
 * `npx vitest run` never serves a console or an OpenAPI document older than the code (`npm test` builds them too).
 */
import { buildConsole } from '#lambdas/console/build.ts';
import { buildOpenApi } from '#lambdas/openapi/build.ts';

export default async function setup(): Promise<void> {
  await Promise.all([buildConsole(), buildOpenApi()]);
}
