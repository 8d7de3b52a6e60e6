import type { EdgeBehaviourSpec, EdgeSpec, Forwarded } from './cloud/edge-specs.ts';

/** What reaches the origin of one request through the edge. */
export interface EdgeRequest {
  headers: Record<string, string>;
  search: URLSearchParams;
}

/** Headers the origin gets whatever the policies say: the connection's own, which CloudFront sets itself. */
const ALWAYS = new Set(['host', 'content-length', 'transfer-encoding']);

/**
 * The template's CloudFront distribution in front of the local HTTP API: per behaviour (CloudFront's order, the
 * default last), only the headers, cookies and query strings its cache and origin request policies forward
 * reach the function, plus the origin's custom headers (the origin-verify secret) and CloudFront-Viewer-Address
 * where a policy names it. So a header CloudFront would drop is dropped here too.
 */
export function makeLocalEdge(spec: EdgeSpec, resolveValue: (value: string) => string) {
  const patterns = spec.behaviours.map((b) => ({ behaviour: b, test: globOf(b.pathPattern) }));
  const originHeaders = () => Object.fromEntries(Object.entries(spec.originHeaders).map(([k, v]) => [k, resolveValue(v)]));
  return {
    behaviourFor(path: string): EdgeBehaviourSpec {
      return patterns.find((p) => p.test.test(path))!.behaviour;
    },
    forward(path: string, viewer: { headers: Record<string, string>; search: URLSearchParams; address: string }): EdgeRequest {
      const b = this.behaviourFor(path);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(viewer.headers)) {
        if (name === 'cookie') continue;
        if (ALWAYS.has(name) || passes(b.headers, name)) headers[name] = value;
      }
      const cookies = (viewer.headers.cookie ?? '').split(';').map((c) => c.trim()).filter((c) => c && passes(b.cookies, c.split('=')[0]!.toLowerCase()));
      if (cookies.length) headers.cookie = cookies.join('; ');
      if (passes(b.headers, 'cloudfront-viewer-address')) headers['cloudfront-viewer-address'] = viewer.address;
      const search = new URLSearchParams();
      for (const [k, v] of viewer.search) if (passes(b.queryStrings, k.toLowerCase())) search.append(k, v);
      return { headers: { ...headers, ...originHeaders() }, search };
    },
  };
}

export type LocalEdge = ReturnType<typeof makeLocalEdge>;

/** Forwarded when any of the behaviour's policies forwards it. */
const passes = (rules: Forwarded[], name: string) => rules.some((r) =>
  r.kind === 'all' || (r.kind === 'only' && r.names.includes(name)) || (r.kind === 'allExcept' && !r.names.includes(name)));

/** A CloudFront path pattern: `*` any characters, `?` one, case-sensitive, matched against the whole path. */
function globOf(pattern: string): RegExp {
  if (pattern === '*') return /^/;
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern.startsWith('/') ? '' : '/'}${body}$`);
}

/** `{{resolve:secretsmanager:<arn>:SecretString:::}}`, as CloudFormation fills it in at deploy time. */
export function resolveSecretReferences(value: string, secretValue: (arn: string) => string): string {
  return value.replace(/\{\{resolve:secretsmanager:(.+?):SecretString:([^:}]*):([^:}]*):([^:}]*)\}\}/g, (_m, arn: string, jsonKey: string) => {
    const secret = secretValue(arn);
    return jsonKey ? String((JSON.parse(secret) as Record<string, unknown>)[jsonKey]) : secret;
  });
}
