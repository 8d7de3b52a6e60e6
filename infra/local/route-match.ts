/**
 * How the local HTTP API finds the route of a request, as API Gateway does: a path segment `{name}` matches any
 * one non-empty segment and becomes a path parameter. Only the local stand-in needs it; on AWS the gateway matches.
 */
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
