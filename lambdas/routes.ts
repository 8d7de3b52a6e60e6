/**
 * Every HTTP route, declared once. The CDK stack builds the HTTP API from this list and the local
 * API server dispatches with it, so the two cannot drift apart.
 */
import { MAX_PROPOSAL_BODY_BYTES } from '#core/proposals/limits.ts';

export type LambdaName = 'publicApi' | 'adminApi';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** API Gateway HTTP API path syntax: `{name}` is a path parameter. */
  path: string;
  lambda: LambdaName;
  /** Admin routes need a JWT from the admins group (API Gateway's authorizer on AWS, the local server here). */
  admin: boolean;
  /** A larger request body than the local server's default 64 KB (API Gateway's own limit is 10 MB). */
  maxBodyBytes?: number;
}

const pub = (method: RouteSpec['method'], path: string): RouteSpec => ({ method, path, lambda: 'publicApi', admin: false });
const adm = (method: RouteSpec['method'], path: string): RouteSpec => ({ method, path, lambda: 'adminApi', admin: true });

export const routes: readonly RouteSpec[] = [
  pub('GET', '/'),
  pub('GET', '/events'),
  pub('GET', '/events.ics'),
  pub('GET', '/stories'),
  pub('GET', '/stories/{id}'),
  pub('GET', '/stories/{id}/events.ics'),
  pub('GET', '/stories/{id}/changes.atom'),
  pub('GET', '/openapi.json'),
  // The editors' console: a static page whose script calls /admin/* with the editor's token.
  pub('GET', '/console'),
  pub('GET', '/console/app.js'),
  pub('GET', '/console/config.json'),
  pub('POST', '/subscriptions'),
  pub('GET', '/subscriptions/confirm'),
  pub('POST', '/subscriptions/confirm'),
  pub('GET', '/preferences'),
  pub('POST', '/preferences'),
  pub('GET', '/unsubscribe'),
  pub('POST', '/unsubscribe'),
  adm('GET', '/admin/stories'),
  adm('POST', '/admin/stories'),
  adm('GET', '/admin/stories/{id}'),
  adm('PATCH', '/admin/stories/{id}'),
  adm('GET', '/admin/events'),
  adm('POST', '/admin/events'),
  adm('GET', '/admin/events/{id}'),
  adm('PATCH', '/admin/events/{id}'),
  adm('DELETE', '/admin/events/{id}'),
  adm('GET', '/admin/subscribers/{email}'),
  adm('DELETE', '/admin/subscribers/{email}'),
  adm('GET', '/admin/jobs'),
  adm('GET', '/admin/subscribers.csv'),
  // A CSV of up to 4 MiB (the handler's limit), sent as is or base64-encoded by API Gateway.
  { ...adm('POST', '/admin/subscribers/import'), maxBodyBytes: 6 * 1024 * 1024 },
  { ...adm('POST', '/admin/stories/proposals'), maxBodyBytes: MAX_PROPOSAL_BODY_BYTES },
  adm('GET', '/admin/stories/{id}/updates'),
  adm('POST', '/admin/stories/{id}/updates'),
  adm('GET', '/admin/previews/{kind}'),
  adm('POST', '/admin/test-sends'),
];

/**
 * The header CloudFront adds, with a secret value, to every request it forwards (when AWS WAF is on): declared
 * here, beside the routes, so the stack that sets it and the public API that checks it cannot drift apart.
 */
export const ORIGIN_VERIFY_HEADER = 'x-datewatch-origin-verify';

/** The route key API Gateway puts in `event.routeKey`, e.g. "PATCH /admin/events/{id}". */
export const routeKey = (r: RouteSpec): string => `${r.method} ${r.path}`;

/** Matches a concrete path against a route table; returns the route and its path parameters. */
export function matchRoute<R extends { method: string; path: string }>(
  method: string, path: string, table: readonly R[],
): { route: R; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of table) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!g) return undefined;
      try { params[w.slice(1, -1)] = decodeURIComponent(g); } catch { return undefined; }
    } else if (w !== g) return undefined;
  }
  return params;
}
