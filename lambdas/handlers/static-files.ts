import type { ConsoleSignIn } from '#lambdas/config.ts';
import { consoleRoutes, type ConsoleFiles } from '#lambdas/console/serve.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import type { StaticFileName } from '#lambdas/static-files.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import { requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { text } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';

export interface StaticFilesDeps {
  /** A built file's text (lambdas/static-files.ts): read on its first request, then kept. */
  read: (name: StaticFileName) => Promise<string>;
  /** How the editors' console at /console signs in: the one answer here made from the environment. */
  consoleSignIn: ConsoleSignIn;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

/** Built files served as they were built: the editors' console and the OpenAPI document. No table, no secret. */
export function makeStaticFiles({ read, consoleSignIn, telemetry, edge }: StaticFilesDeps) {
  const kept = new Map<StaticFileName, Promise<string>>();
  const file = (name: StaticFileName) => {
    let text = kept.get(name);
    if (!text) {
      text = read(name);
      kept.set(name, text);
      text.catch(() => kept.delete(name));
    }
    return text;
  };
  let consoleFiles: Promise<ConsoleFiles> | undefined;
  const table: RouteTable<RouteKeyOf<'staticFiles'>> = {
    ...consoleRoutes(consoleSignIn, () => {
      consoleFiles ??= file('console.json').then((t) => JSON.parse(t) as ConsoleFiles);
      return consoleFiles;
    }),
    'GET /openapi.json': async () => {
      const document = await file('openapi.json');
      return text(200, document, 'application/json; charset=utf-8', { 'cache-control': 'public, max-age=300' });
    },
  };
  return makeRouter(table, requireEdge(edge), telemetry);
}
