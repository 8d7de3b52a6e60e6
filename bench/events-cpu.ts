/**
 * `npx tsx bench/events-cpu.ts`: GET /events at 200 connections with the load generator (autocannon's CLI) in a
 * process of its own, so the figures are the service's: requests per second, and the CPU per request of the
 * stack's process (HTTP API, handler, SDK, gateway) and of dynalite's, apart from the load generator's. A cold
 * window builds the function's environments first; the warm window that follows is the one reported.
 * BENCH_API_SECONDS sets each window (default 10); BENCH_CPU_PROFILE=<file> writes a V8 CPU profile of the stack's
 * process during the warm window.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { freePort } from '#local/free-port.ts';
import { startLocalStack } from '#local/stack.ts';
import { childProcesses, loadAverage, mainThreadCpuMs, ownCpuMs, processCpuMs, progress, round } from './lib.ts';

interface CannonJson {
  requests: { total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** autocannon in a child process; resolves with its JSON result and the CPU that process used. */
function cannon(
  url: string, connections: number, seconds: number, amount = 0,
): Promise<{ result: CannonJson; cpuMs: number }> {
  const howMuch = amount ? ['-a', String(amount)] : ['-d', String(seconds)];
  const child = spawn(process.execPath, [cli, '-c', String(connections), ...howMuch, '-j', url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  let cpuMs = 0;
  const sampler = setInterval(() => { cpuMs = Math.max(cpuMs, processCpuMs(child.pid!)); }, 200);
  child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // The last reading before it exits: /proc forgets the process once it is reaped.
    child.stdout.once('end', () => { cpuMs = Math.max(cpuMs, processCpuMs(child.pid!)); });
    child.once('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      resolve({ result: JSON.parse(out) as CannonJson, cpuMs });
    });
  });
}

const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 200);
const amount = Number(process.env.BENCH_AMOUNT ?? 0);
const [port, sesPort, dynamoPort] = [await freePort(), await freePort(), await freePort()];
const stack = await startLocalStack({ port, sesPort, dynamoPort, clockMode: 'manual', outbox: false });
stack.clock.set(new Date('2016-11-25T00:00:00Z'));
const dynalitePid = [...childProcesses()].find(([, cmd]) => cmd.includes('dynalite'))?.[0];
const url = `${stack.apiUrl}/events`;
const coldStarts = () => [...stack.cloud.functions.values()].filter((f) => f.spec.handler === 'public-pages')
  .reduce((n, f) => n + f.stats.coldStarts, 0);
try {
  progress(`events-cpu: cold window, ${connections} connections for ${seconds} s (load ${loadAverage()})`);
  const session = new Session();
  const profile = async (file: string | undefined, stop: boolean) => {
    if (!file) return;
    if (!stop) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      return;
    }
    writeFileSync(file, JSON.stringify((await session.post('Profiler.stop')).profile));
    session.disconnect();
  };
  await profile(process.env.BENCH_CPU_PROFILE_COLD, false);
  const coldCpu0 = [ownCpuMs(), dynalitePid ? processCpuMs(dynalitePid) : 0];
  const cold = await cannon(url, connections, seconds, amount);
  const coldCpu1 = [ownCpuMs(), dynalitePid ? processCpuMs(dynalitePid) : 0];
  await profile(process.env.BENCH_CPU_PROFILE_COLD, true);
  const c = cold.result;
  progress(`events-cpu: cold ${round(c.requests.total / c.duration, 0)} req/s, p99 ${c.latency.p99} ms,`
    + ` errors ${c.errors}`
    + ` timeouts ${c.timeouts}, stack CPU ${round(coldCpu1[0]! - coldCpu0[0]!, 0)} ms,`
    + ` dynalite ${round(coldCpu1[1]! - coldCpu0[1]!, 0)} ms,`
    + ` autocannon ${round(cold.cpuMs, 0)} ms, environments ${coldStarts()}`);
  await profile(process.env.BENCH_CPU_PROFILE, false);
  const load = loadAverage();
  const [own0, dyn0, main0] = [ownCpuMs(), dynalitePid ? processCpuMs(dynalitePid) : 0, mainThreadCpuMs()];
  const warm = await cannon(url, connections, seconds, amount);
  const [own1, dyn1, main1] = [ownCpuMs(), dynalitePid ? processCpuMs(dynalitePid) : 0, mainThreadCpuMs()];
  await profile(process.env.BENCH_CPU_PROFILE, true);
  const r = warm.result;
  const n = r.requests.total;
  const figures = {
    requestsPerSecond: round(n / r.duration, 0), requests: n, p50Ms: r.latency.p50, p99Ms: r.latency.p99,
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
    stackCpuMsPerRequest: round((own1 - own0) / n, 3), mainThreadCpuMsPerRequest: round((main1 - main0) / n, 3),
    dynaliteCpuMsPerRequest: round((dyn1 - dyn0) / n, 3),
    loadGeneratorCpuMsPerRequest: round(warm.cpuMs / n, 3), loadAverageAtStart: load, loadAverageAtEnd: loadAverage(),
    coldRequestsPerSecond: round(cold.result.requests.total / cold.result.duration, 0),
  };
  console.log(JSON.stringify(figures));
} finally {
  await stack.close();
}
process.exit(0);
