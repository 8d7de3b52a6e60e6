/**
 * The API under load: autocannon against the local stack's HTTP API shim (the same handlers as on AWS), one
 * read route and one write route. POST /subscriptions comes from one address, so its per-IP rate limit answers
 * most of them with 429: those are counted apart from errors.
 *
 * The load generator runs in a process of its own (load-generator.ts), as clients are elsewhere on AWS: in the
 * stack's process it took about a fifth of the CPU of the event loop that serves the requests. BENCH_LOAD_GENERATOR
 * =in-process puts it back there, to compare with figures measured that way (before 8 December, session ten).
 * Each window reports the CPU per request of the stack's process, of dynalite's and of the load generator's.
 */
import { freePort } from '#local/free-port.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#local/stack.ts';
import { loadInOwnProcess, runLoad, type LoadRun, type LoadSpec } from './load-generator.ts';
import { childProcesses, ownCpuMs, processCpuMs, progress, round } from './lib.ts';

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
  /**
   * Requests that failed: connection errors, timeouts (autocannon's 10 s) and 5xx; rate limiting (429) is not an
   * error. Before session ten a timeout was counted twice (autocannon's `errors` already includes `timeouts`).
   */
  errors: number;
  timeouts: number;
  /** Where autocannon ran: its own process (the default) or the stack's. */
  loadGenerator: 'own-process' | 'in-process';
  /** CPU per completed request in the window, in ms: the stack's process, dynalite's, the load generator's. */
  cpuMsPerRequest: { stack: number; dynalite: number; loadGenerator: number };
  /**
   * GET /events only: a second window of the same length right after the first. The first starts from a cold
   * function, so with 200 connections it includes 200 environments being built (one per concurrent request);
   * the second is the warm rate.
   */
  warm?: {
    requestsPerSecond: number; p50Ms: number; p99Ms: number; coldStarts: number; errors: number;
    cpuMsPerRequest: { stack: number; dynalite: number; loadGenerator: number };
  };
}

/** Cold starts of the function behind GET /events (public-pages). */
const coldStartsOf = (stack: LocalStack) =>
  [...stack.cloud.functions.values()].filter((f) => f.spec.handler === 'public-pages')
    .reduce((n, f) => n + f.stats.coldStarts, 0);

/** One window of load, in the stack's process or in one of its own, with the CPU each process spent on it. */
async function window(spec: LoadSpec, inProcess: boolean, dynalitePid: number | undefined) {
  const dynaliteMs = () => (dynalitePid ? processCpuMs(dynalitePid) : 0);
  const [stack0, dynalite0] = [ownCpuMs(), dynaliteMs()];
  // In process, the stack's figure holds the load generator's too, and the load generator's own is not known.
  const run: LoadRun = inProcess ? { result: (await runLoad(spec)).result, cpuMs: 0 } : await loadInOwnProcess(spec);
  const n = Math.max(1, run.result.requests.total);
  const cpuMsPerRequest = {
    stack: round((ownCpuMs() - stack0) / n, 3), dynalite: round((dynaliteMs() - dynalite0) / n, 3),
    loadGenerator: round(run.cpuMs / n, 3),
  };
  return { r: run.result, cpuMsPerRequest };
}

export async function benchApiLoad({ connections = 200, seconds = 30, only, stackOptions = {}, loadGenerator }: {
  connections?: number; seconds?: number;
  /** Load only these routes (default: both). */
  only?: string[];
  stackOptions?: Pick<LocalStackOptions, 'awsOverHttp'>;
  /** Where autocannon runs (default: BENCH_LOAD_GENERATOR, else its own process). */
  loadGenerator?: RouteLoad['loadGenerator'];
} = {}): Promise<RouteLoad[]> {
  const where = loadGenerator ?? (process.env.BENCH_LOAD_GENERATOR === 'in-process' ? 'in-process' : 'own-process');
  const inProcess = where === 'in-process';
  const [port, sesPort, dynamoPort] = [await freePort(), await freePort(), await freePort()];
  const stack = await startLocalStack({ port, sesPort, dynamoPort, clockMode: 'manual', outbox: false, ...stackOptions });
  stack.clock.set(new Date('2016-11-25T00:00:00Z'));
  const dynalitePid = [...childProcesses()].find(([, command]) => command.includes('dynalite'))?.[0];
  try {
    const routes: { route: string; spec: LoadSpec }[] = [
      { route: 'GET /events', spec: { url: `${stack.apiUrl}/events`, connections, seconds } },
      {
        route: 'POST /subscriptions',
        spec: {
          url: `${stack.apiUrl}/subscriptions`, connections, seconds, method: 'POST', signUpBodies: true,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
        },
      },
    ];
    const results: RouteLoad[] = [];
    for (const { route, spec } of routes.filter((r) => !only || only.includes(r.route))) {
      progress(`api load: ${route}, ${connections} connections for ${seconds} s (load generator: ${where})`);
      const { r, cpuMsPerRequest } = await window(spec, inProcess, dynalitePid);
      const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
      const fiveXx = Object.entries(byStatus).filter(([code]) => code.startsWith('5')).reduce((a, [, c]) => a + c, 0);
      const load: RouteLoad = {
        route, connections, seconds,
        requestsPerSecond: round(r.requests.total / r.duration, 0), totalRequests: r.requests.total,
        p50Ms: r.latency.p50, p99Ms: r.latency.p99, byStatus,
        rateLimited: byStatus['429'] ?? 0, errors: r.errors + fiveXx, timeouts: r.timeouts,
        loadGenerator: where, cpuMsPerRequest,
      };
      progress(`api load: ${route} ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, statuses ${JSON.stringify(byStatus)}`
        + `, errors ${load.errors} (timeouts ${load.timeouts}); CPU ms per request ${JSON.stringify(cpuMsPerRequest)}`);
      if (route === 'GET /events') {
        const builtBefore = coldStartsOf(stack);
        const { r: w, cpuMsPerRequest: warmCpu } = await window(spec, inProcess, dynalitePid);
        load.warm = {
          requestsPerSecond: round(w.requests.total / w.duration, 0), p50Ms: w.latency.p50, p99Ms: w.latency.p99,
          coldStarts: coldStartsOf(stack) - builtBefore, errors: w.errors, cpuMsPerRequest: warmCpu,
        };
        progress(`api load: ${route} warm ${load.warm.requestsPerSecond} req/s, p99 ${load.warm.p99Ms} ms, errors ${w.errors}`
          + ` (${builtBefore} environments built in the first window, ${load.warm.coldStarts} in this one);`
          + ` CPU ms per request ${JSON.stringify(warmCpu)}`);
      }
      results.push(load);
    }
    return results;
  } finally {
    await stack.close();
  }
}
