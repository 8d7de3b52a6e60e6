/**
 * `npm run bench:local`: the local stack's own cost, with the functions' SDK calls handed to the gateway in process
 * and, in the same run, over HTTP as before (SDK → gateway server → emulator). Per mode: our CPU per email in a
 * fan-out of BENCH_READERS (default 3,000) and GET /events at 200 connections for BENCH_API_SECONDS (default 10).
 * Targets on two cores: CPU ≤ 4 ms per email, GET /events ≥ 700 req/s. Figures in bench/results.json under `local`.
 */
import { fileURLToPath } from 'node:url';
import { inFreshProcess } from './fresh-process.ts';
import { loadAverage, machineInfo, progress } from './lib.ts';
import { mergeResults } from './report.ts';

const numberOf = (raw: string | undefined, fallback: number) => (raw && Number(raw) > 0 ? Number(raw) : fallback);

export interface LocalFigures {
  cpuMsPerEmail: number;
  emailsPerSecond: number;
  getEventsRps: number;
  getEventsP99Ms: number;
  loadAverageAtEnd: number;
}

export async function benchLocal(mode: { awsOverHttp: boolean }, readers: number, apiSeconds: number): Promise<LocalFigures> {
  const what = mode.awsOverHttp ? 'over HTTP' : 'in process';
  progress(`local (${what}): fan-out to ${readers} readers`);
  // Each stage in a process of its own, so the second mode does not run in what the first left behind.
  const fanout = await inFreshProcess('fanout', {
    sizes: [readers],
    // The full bench's sender settings (bench/run.ts), no throttle: the pipeline's own cost.
    settings: { senderConcurrency: 16, recipientsPerMessage: 50, sendRatePerSecond: 100_000 },
    stackOptions: mode,
  });
  const [events] = await inFreshProcess('apiLoad', {
    connections: 200, seconds: apiSeconds, only: ['GET /events'], stackOptions: mode,
  });
  const run = fanout.runs[0]!;
  return {
    cpuMsPerEmail: run.ownCpuMsPerEmail, emailsPerSecond: run.emailsPerSecond,
    getEventsRps: events!.requestsPerSecond, getEventsP99Ms: events!.p99Ms, loadAverageAtEnd: loadAverage(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const machine = machineInfo();
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, load ${machine.loadAverageAtStart}`);
  const readers = numberOf(process.env.BENCH_READERS, 3000);
  const apiSeconds = numberOf(process.env.BENCH_API_SECONDS, 10);
  const overHttp = await benchLocal({ awsOverHttp: true }, readers, apiSeconds);
  const inProcess = await benchLocal({ awsOverHttp: false }, readers, apiSeconds);
  mergeResults(fileURLToPath(new URL('./results.json', import.meta.url)), {
    local: {
      cpuMsPerEmail: inProcess.cpuMsPerEmail, getEventsRps: inProcess.getEventsRps,
      readers, apiSeconds, apiConnections: 200, measuredAt: machine.date,
      machine: { cpuModel: machine.cpuModel, cores: machine.cores, loadAverageAtStart: machine.loadAverageAtStart },
      inProcess, overHttp,
    },
  });
  const line = (name: string, f: LocalFigures) => `  ${name.padEnd(10)} CPU ${f.cpuMsPerEmail} ms/email (${f.emailsPerSecond} emails/s), GET /events ${f.getEventsRps} req/s (p99 ${f.getEventsP99Ms} ms)\n`;
  process.stdout.write(`local stack, ${readers} readers, 200 connections for ${apiSeconds} s (load average at start ${machine.loadAverageAtStart} on ${machine.cores} cores):\n`
    + line('over HTTP', overHttp) + line('in process', inProcess) + '  targets: CPU <= 4 ms per email, GET /events >= 700 req/s\n');
}
