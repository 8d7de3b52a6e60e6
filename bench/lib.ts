/** What every measurement shares: progress lines, statistics, our own and our children's CPU, memory sampling. */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readdirSync, readFileSync } from 'node:fs';

/** When the bench began (epoch ms): a stage in a fresh process (fresh-process.ts) counts from its parent's start. */
const started = Number(process.env.BENCH_STARTED_AT) || performance.timeOrigin + performance.now();
process.env.BENCH_STARTED_AT = String(started);

/** A progress line on stderr, so the table on stdout stays clean. */
export function progress(line: string): void {
  const s = ((performance.timeOrigin + performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${line}\n`);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (n: number, digits = 1) => Number.isFinite(n) ? Number(n.toFixed(digits)) : n;

export function machineInfo() {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    /** Other work on the machine skews every figure here: the 1-minute load average when the run began. */
    loadAverageAtStart: round(loadavg()[0]!, 2),
  };
}

export const loadAverage = () => round(loadavg()[0]!, 2);

/** A full garbage collection, so a memory peak measured next starts from live data only. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** CPU of this process (dispatcher, queue, sender, SDK clients) in milliseconds. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** The processes this one started (the emulators), from /proc: pid → command line. */
export function childProcesses(): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      found.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    } catch { /* gone meanwhile */ }
  }
  return found;
}

/** User + system CPU of a process in milliseconds (Linux /proc; 0 when it cannot be read). */
export function processCpuMs(pid: number, file = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU of this process's main thread alone (the event loop that runs the HTTP API and the functions), without its
 * worker threads, in milliseconds (Linux /proc; 0 when it cannot be read).
 */
export const mainThreadCpuMs = (): number => processCpuMs(process.pid, `/proc/${process.pid}/task/${process.pid}/stat`);

/** Samples this process's resident memory every `everyMs` until stopped; returns the peak in MiB. */
export function sampleRss(everyMs = 100): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, everyMs);
  timer.unref();
  return { stop() { clearInterval(timer); return round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20, 0); } };
}

/** Runs `task` `concurrency` at a time until `durationMs` has passed; returns completed calls per second. */
export async function rateOf(task: (i: number) => Promise<unknown>, concurrency: number, durationMs: number): Promise<{ perSecond: number; calls: number }> {
  const deadline = performance.now() + durationMs;
  let calls = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) { await task(next++); calls++; }
  }));
  return { perSecond: calls / ((performance.now() - t0) / 1000), calls };
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) await task(items[i++]!);
  }));
}

/**
 * A CPU profile of this process over one stretch of a bench, when BENCH_CPU_PROFILE names a directory: the
 * stretch alone (not the stack's start or the readers' load), for `node --cpu-prof`'s tools and DevTools.
 * Returns what writes `<dir>/<name>-<time>.cpuprofile`; a no-op without the variable.
 */
export async function profileStretch(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return async () => {};
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${name}-${Date.now()}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    progress(`CPU profile of ${name} in ${file}`);
  };
}

/**
 * Runs node with `args` (this process's loader flags first, so TypeScript runs as here), its progress lines going
 * where ours go, and resolves with the JSON of the last line it writes on stdout; `what` names it in an error.
 */
export function lastJsonLineOf<T>(args: string[], what: string): Promise<T> {
  const child = spawn(process.execPath, [...process.execArgv, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${what} exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}
