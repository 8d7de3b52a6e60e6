import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { routeKey as keyOf, routes as declaredRoutes } from '#lambdas/routes.ts';
import { matchRoute } from './route-match.ts';
import type { HttpEvent, HttpHandler, HttpResult } from '#handlers/http/types.ts';
import type { AuthResult } from './local-auth.ts';
import type { LocalEdge } from './edge.ts';
import type { LocalRouteKey } from './local-routes.ts';

/** API Gateway's own cap is 10 MB; ours is far below what any route needs, to cut off abuse early. */
const MAX_REQUEST_BYTES = 64 * 1024;
/** Routes declared with a larger body (the subscriber import): everything else is cut off at 64 KB. */
const bodyLimits = new Map<string, number>(declaredRoutes.filter((r) => r.maxBodyBytes).map((r) => [keyOf(r), r.maxBodyBytes!]));

/** One route of the deployed HTTP API: its key, whether the JWT authorizer guards it, and the function behind it. */
export interface LocalRoute {
  method: string;
  path: string;
  jwt: boolean;
  handler: HttpHandler;
}

export interface HttpApiOptions {
  port: number;
  host?: string;
  routes: readonly LocalRoute[];
  authorize: (authorization: string | undefined) => Promise<AuthResult>;
  /** Real time for the request context (API Gateway stamps requests with wall-clock time). */
  now?: () => number;
  /** Local-only operator endpoints (e.g. POST /_local/dispatch), outside the shared route table. */
  control?: Record<LocalRouteKey, (query: URLSearchParams) => Promise<HttpResult>>;
  /** Told of each failed invocation (the local stack logs it as CloudWatch would hold it). */
  onError?: (routeKey: string, err: unknown) => void;
  /** The template's CloudFront distribution, when the stack has one: what of each request reaches the API. */
  edge?: LocalEdge;
  /** Slow-client limits (tests shorten them): headers within `headersMs`, the whole request within `requestMs`. */
  timeouts?: { headersMs?: number; requestMs?: number; checkIntervalMs?: number };
}

/**
 * Stands in for API Gateway's HTTP API: matches the shared route table, runs the JWT check on admin
 * routes, turns the request into a payload v2 event and calls the same handler Lambda would.
 */
export function startHttpApi(opts: HttpApiOptions): Promise<Server> {
  // Node checks those limits every connectionsCheckingInterval (30 s by default): check every second instead.
  const server = createServer({ connectionsCheckingInterval: opts.timeouts?.checkIntervalMs ?? 1_000 }, (req, res) => {
    handle(req, res, opts).catch(() => send(res, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: '{"error":"Internal error"}' }));
  });
  server.requestTimeout = opts.timeouts?.requestMs ?? 10_000;
  server.headersTimeout = opts.timeouts?.headersMs ?? 5_000;
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve(server));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: HttpApiOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = (req.method ?? 'GET').toUpperCase();
  const control = opts.control?.[`${method} ${url.pathname}` as LocalRouteKey];
  if (control) {
    const refusal = foreignToLocalStack(req);
    if (refusal) return send(res, jsonResult(403, { error: refusal }));
    return send(res, await control(url.searchParams));
  }
  let viewerHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) viewerHeaders[k] = Array.isArray(v) ? v.join(',') : v;
  if (opts.edge) {
    // Through the edge, as on AWS: only what the behaviour's policies forward, before API Gateway sees it.
    const forwarded = opts.edge.forward(url.pathname, { headers: viewerHeaders, search: url.searchParams, address: `${req.socket.remoteAddress}:${req.socket.remotePort}` });
    viewerHeaders = forwarded.headers;
    url.search = forwarded.search.toString();
  }
  const match = matchRoute(method === 'HEAD' ? 'GET' : method, url.pathname, opts.routes);
  if (!match) return send(res, jsonResult(404, { message: 'Not Found' }));
  if ('allowed' in match) return send(res, jsonResult(405, { message: `Method ${method} not allowed; use ${match.allowed.join(', ')}` }, { allow: match.allowed.join(', ') }));

  const routeKey = `${match.route.method} ${match.route.path}`;
  const limit = bodyLimits.get(routeKey) ?? MAX_REQUEST_BYTES;
  const body = await readBody(req, limit);
  if (body === 'too-large') return send(res, jsonResult(413, { message: `Request body must be at most ${limit} bytes` }), true);

  let authorizer: HttpEvent['requestContext']['authorizer'];
  if (match.route.jwt) {
    const auth = await opts.authorize(viewerHeaders.authorization);
    if (!auth.ok) return send(res, jsonResult(401, { message: 'Unauthorized', error: auth.reason }, { 'www-authenticate': 'Bearer' }));
    authorizer = { principalId: '', integrationLatency: 0, jwt: { claims: apiGatewayClaims(auth.claims), scopes: [] } };
  }

  const headers = viewerHeaders;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const now = (opts.now ?? Date.now)();
  const event: HttpEvent = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(match.params).length ? match.params : undefined,
    body: body.length ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
    requestContext: {
      accountId: 'local', apiId: 'local', domainName: req.headers.host ?? 'localhost', domainPrefix: 'local',
      requestId: randomUUID(), routeKey, stage: '$default', time: new Date(now).toUTCString(), timeEpoch: now,
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      ...(authorizer ? { authorizer } : {}),
    },
  } as HttpEvent;
  let result: HttpResult;
  try {
    result = refuseOversized(await match.route.handler(event));
  } catch (err) {
    // What HTTP API answers when its Lambda fails or times out; the reason stays in the function's log.
    opts.onError?.(routeKey, err);
    result = jsonResult(err instanceof Error && err.name === 'LambdaTimeoutError' ? 503 : 500, { message: err instanceof Error && err.name === 'LambdaTimeoutError' ? 'Service Unavailable' : 'Internal Server Error' });
  }
  send(res, method === 'HEAD' ? { ...result, body: '' } : result);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Why a request to a control route (/_local/*: an admin token, the clock, SES faults) does not come from this
 * machine's own stack, if it does not. A page elsewhere in the browser could otherwise reach them: by DNS
 * rebinding (its own name resolving to 127.0.0.1, so Host is that name) or by a cross-site form POST (Origin is
 * that site). Tools such as curl and `npm run dispatch` send no Origin and are let through.
 */
export function foreignToLocalStack(req: IncomingMessage): string | undefined {
  const port = req.socket.localPort;
  const own = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  const host = (req.headers.host ?? '').toLowerCase();
  if (!own.has(host)) {
    return `the local control routes answer only requests for this stack itself: Host must be 127.0.0.1:${port} or localhost:${port}, not "${host.slice(0, 100)}"`;
  }
  const origin = req.headers.origin?.toLowerCase();
  if (origin !== undefined && !LOOPBACK_NAMES.some((name) => origin === `http://${name}:${port}`)) {
    return `the local control routes refuse requests from other sites: Origin must be http://127.0.0.1:${port} or http://localhost:${port}, not "${origin.slice(0, 100)}"`;
  }
  if (origin === undefined && req.headers['sec-fetch-site'] === 'cross-site') {
    return 'the local control routes refuse requests from other sites (Sec-Fetch-Site: cross-site)';
  }
  return undefined;
}

/** Lambda's limit on a synchronous invocation's response payload: 6 MB (6,291,556 bytes as Lambda counts them). */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** What Lambda reports when a function answers more than it may return (Function.ResponseSizeTooLarge). */
export class LambdaResponseTooLargeError extends Error {
  override name = 'LambdaResponseTooLargeError';
}

/** Lambda refuses a response over 6 MB and API Gateway answers 500: so here, so a route that can answer too much fails on one machine first. */
function refuseOversized(result: HttpResult): HttpResult {
  // JSON escapes a character in at most 6 bytes (\u001f): a body far below the limit is under it however it is
  // written, and only one that could be near it is written out again to count.
  const rest = Buffer.byteLength(JSON.stringify({ ...result, body: '' }));
  if (rest + (result.body?.length ?? 0) * 6 <= MAX_RESPONSE_BYTES) return result;
  const bytes = Buffer.byteLength(JSON.stringify(result));
  if (bytes > MAX_RESPONSE_BYTES) {
    throw new LambdaResponseTooLargeError(`response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes)`);
  }
  return result;
}

/** API Gateway flattens claims to strings; arrays arrive as "[a b]". */
function apiGatewayClaims(claims: Record<string, unknown>): Record<string, string | number | boolean | string[]> {
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(claims)) {
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return out;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { req.removeAllListeners('data'); req.resume(); resolve('too-large'); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function jsonResult(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function send(res: ServerResponse, result: HttpResult, close = false): void {
  if (res.headersSent) return;
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : Buffer.from(result.body ?? '', 'utf8');
  res.writeHead(result.statusCode, { ...result.headers, 'content-length': String(body.length), ...(close ? { connection: 'close' } : {}) });
  res.end(body);
}
