/**
 * How the local HTTP API finds the route of a request, as API Gateway does: a path segment `{name}` matches any
 * one non-empty segment and becomes a path parameter; a last segment `{name+}` (greedy) matches the rest of the
 * path, and only when no other route does. Only the local stand-in needs it; on AWS the gateway matches.
 */
/** Matches a concrete path against a route table; returns the route and its path parameters. */
export function matchRoute<R extends { method: string; path: string }>(
  method: string, path: string, table: readonly R[],
): { route: R; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of greedyLast(table)) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

const isGreedy = (pattern: string) => /\{[^/]+\+\}$/.test(pattern);

/** The table with its greedy routes last, worked out once per table (the server matches every request against it). */
const ordered = new WeakMap<readonly object[], readonly object[]>();
function greedyLast<R extends { path: string }>(table: readonly R[]): readonly R[] {
  let found = ordered.get(table) as readonly R[] | undefined;
  if (!found) {
    found = [...table.filter((r) => !isGreedy(r.path)), ...table.filter((r) => isGreedy(r.path))];
    ordered.set(table, found);
  }
  return found;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  if (isGreedy(pattern)) {
    const prefix = pattern.slice(0, pattern.lastIndexOf('{'));
    if (!path.startsWith(prefix)) return undefined;
    const name = pattern.slice(prefix.length + 1, -2);
    return { [name]: path.slice(prefix.length) };
  }
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
