/**
 * autocannon in a node process of its own (api-load.ts starts it): on a two-core machine the load generator in
 * the stack's own process took the event loop that serves the requests (about a fifth of its CPU per request),
 * so the figure was the stack's and the client's throughput together. Here it is the service's, as on AWS where
 * the clients are elsewhere; this process's CPU is measured and reported beside it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { lastJsonLineOf } from './lib.ts';

// autocannon ships no types; this is the part of its result we read.
export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  /** Every failed request, the timed-out ones included (`timeouts` counts those again on their own). */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
}

/** What to load: a URL, and for POST /subscriptions a new sign-up body for every request. */
export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Each request's body is a sign-up with an address of its own (`load-<n>@bench.example.com`). */
  signUpBodies?: boolean;
}

export interface LoadRun {
  result: AutocannonResult;
  /** CPU of the load generator's process during the run (user + system), in milliseconds. */
  cpuMs: number;
}

const self = fileURLToPath(import.meta.url);

/** Runs one load in a fresh node process (this one's loader flags) and resolves with its result. */
export function loadInOwnProcess(spec: LoadSpec): Promise<LoadRun> {
  return lastJsonLineOf<LoadRun>([self, JSON.stringify(spec)], 'load generator');
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

/**
 * Runs one load in this process. `cpuMs` is this process's CPU during the run: the load generator's alone only in
 * a process of its own.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadRun> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let n = 0;
  const bodies = spec.signUpBodies
    ? {
      setupClient: (client: { setBody(b: string): void; on(e: string, f: () => void): void }) => {
        const next = () => client.setBody(
          JSON.stringify({ email: `load-${n++}@bench.example.com`, timeZone: 'Asia/Tokyo' }),
        );
        next();
        client.on('response', next);
      },
    }
    : {};
  const before = process.cpuUsage();
  const result = await autocannon({
    url: spec.url, connections: spec.connections, duration: spec.seconds,
    ...(spec.method ? { method: spec.method } : {}), ...(spec.headers ? { headers: spec.headers } : {}), ...bodies,
  });
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

if (process.argv[1] === self) {
  const outcome = await runLoad(JSON.parse(process.argv[2]!) as LoadSpec);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  process.exit(0);
}
