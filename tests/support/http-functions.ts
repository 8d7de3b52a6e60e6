import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { json } from '#handlers/http/responses.ts';
import type { HttpHandler } from '#handlers/http/types.ts';
import { routeKey, routes, type LambdaName } from '#lambdas/routes.ts';
import { STATIC_FILES, type StaticFileName } from '#lambdas/static-files.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A built file where its build step wrote it (tests/support/global-setup.ts builds them before any test runs). */
export const readBuiltFile = (name: StaticFileName): Promise<string> =>
  readFile(join(repoRoot, STATIC_FILES[name]), 'utf8');

/**
 * API Gateway's part in one process: each request goes to the function routes.ts names for its route key. A
 * function left out answers 404, as a handler built without a use case does.
 */
export function routedByFunction(handlers: Partial<Record<LambdaName, HttpHandler>>): HttpHandler {
  const lambdaOf = new Map<string, LambdaName>(routes.map((r) => [routeKey(r), r.lambda]));
  return async (event) => {
    const lambda = lambdaOf.get(event.routeKey);
    const handler = lambda && handlers[lambda];
    return handler ? handler(event) : json(404, { error: `no route for ${event.routeKey}` });
  };
}
