/**
 * The API under load: autocannon against the local stack's HTTP API shim (the same handlers as on AWS), one
 * read route and one write route. POST /subscriptions comes from one address, so its per-IP rate limit answers
 * most of them with 429: those are counted apart from errors.
 */
import { createRequire } from 'node:module';
import { freePort } from '#local/free-port.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#local/stack.ts';
import { progress, round } from './lib.ts';

// autocannon ships no types; this is the part of its result we read.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface RouteLoad {
  route: string;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  totalRequests: number;
  p50Ms: number;
  p99Ms: number;
  byStatus: Record<string, number>;
  rateLimited: number;
  /** Connection errors, timeouts and 5xx: rate limiting (429) is not an error. */
  errors: number;
  /**
   * GET /events only: a second window of the same length right after the first. The first starts from a cold
   * function, so with 200 connections it includes 200 environments being built (one per concurrent request);
   * the second is the warm rate.
   */
  warm?: { requestsPerSecond: number; p50Ms: number; p99Ms: number; coldStarts: number };
}

/** Cold starts of the function behind GET /events (public-pages). */
const coldStartsOf = (stack: LocalStack) =>
  [...stack.cloud.functions.values()].filter((f) => f.spec.handler === 'public-pages')
    .reduce((n, f) => n + f.stats.coldStarts, 0);

export async function benchApiLoad({ connections = 200, seconds = 30, only, stackOptions = {} }: {
  connections?: number; seconds?: number;
  /** Load only these routes (default: both). */
  only?: string[];
  stackOptions?: Pick<LocalStackOptions, 'awsOverHttp'>;
} = {}): Promise<RouteLoad[]> {
  const [port, sesPort, dynamoPort] = [await freePort(), await freePort(), await freePort()];
  const stack = await startLocalStack({ port, sesPort, dynamoPort, clockMode: 'manual', outbox: false, ...stackOptions });
  stack.clock.set(new Date('2016-11-25T00:00:00Z'));
  try {
    let n = 0;
    const routes: { route: string; opts: Record<string, unknown> }[] = [
      { route: 'GET /events', opts: { url: `${stack.apiUrl}/events` } },
      {
        route: 'POST /subscriptions',
        opts: {
          url: `${stack.apiUrl}/subscriptions`, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
          setupClient: (client: { setBody(b: string): void; on(e: string, f: () => void): void }) => {
            const next = () => client.setBody(JSON.stringify({ email: `load-${n++}@bench.example.com`, timeZone: 'Asia/Tokyo' }));
            next();
            client.on('response', next);
          },
        },
      },
    ];
    const results: RouteLoad[] = [];
    for (const { route, opts } of routes.filter((r) => !only || only.includes(r.route))) {
      progress(`api load: ${route}, ${connections} connections for ${seconds} s`);
      const r = await autocannon({ ...opts, connections, duration: seconds });
      const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
      const fiveXx = Object.entries(byStatus).filter(([code]) => code.startsWith('5')).reduce((a, [, c]) => a + c, 0);
      const load: RouteLoad = {
        route, connections, seconds,
        requestsPerSecond: round(r.requests.total / r.duration, 0), totalRequests: r.requests.total,
        p50Ms: r.latency.p50, p99Ms: r.latency.p99, byStatus,
        rateLimited: byStatus['429'] ?? 0, errors: r.errors + r.timeouts + fiveXx,
      };
      progress(`api load: ${route} ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, statuses ${JSON.stringify(byStatus)}`);
      if (route === 'GET /events') {
        const builtBefore = coldStartsOf(stack);
        const w = await autocannon({ ...opts, connections, duration: seconds });
        load.warm = {
          requestsPerSecond: round(w.requests.total / w.duration, 0), p50Ms: w.latency.p50, p99Ms: w.latency.p99,
          coldStarts: coldStartsOf(stack) - builtBefore,
        };
        progress(`api load: ${route} warm ${load.warm.requestsPerSecond} req/s, p99 ${load.warm.p99Ms} ms`
          + ` (${builtBefore} environments built in the first window, ${load.warm.coldStarts} in this one)`);
      }
      results.push(load);
    }
    return results;
  } finally {
    await stack.close();
  }
}
