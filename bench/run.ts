/**
 * `npm run bench`: rendering, cold start, the API under load, fan-out with the emulators' own rates, and the
 * cost per 1,000 emails, in one run; progress on stderr, the table on stdout, the figures in bench/results.json.
 *
 * BENCH_READERS sets the fan-out sizes (default 10,000 then 100,000, about 7.5 minutes in all on two
 * cores; BENCH_READERS=10000,30000 takes about 4); BENCH_SENDER_CONCURRENCY and
 * BENCH_RECIPIENTS_PER_MESSAGE tune the sender; BENCH_API_SECONDS shortens the load test.
 */
import { fileURLToPath } from 'node:url';
import { benchColdStart } from './cold-start.ts';
import { costPer1000 } from './cost.ts';
import { deployedFigures } from './deployed.ts';
import { inFreshProcess } from './fresh-process.ts';
import { machineInfo, progress, round } from './lib.ts';
import { benchRender } from './render.ts';
import { mergeResults, onPaper, table, writeResults, type BenchResults } from './report.ts';

const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));
const numberList = (raw: string | undefined, fallback: number[]) => raw ? raw.split(',').map(Number).filter((n) => n > 0) : fallback;
const numberOf = (raw: string | undefined, fallback: number) => (raw && Number(raw) > 0 ? Number(raw) : fallback);

async function main(): Promise<void> {
  const t0 = performance.now();
  const machine = machineInfo();
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}`);
  const render = await benchRender({ emails: 10_000, mjmlRenders: 30 });
  const coldStart = await benchColdStart({ runs: 15 });
  // The two stages that load the local stack each run in a process of their own (fresh-process.ts), as
  // `npm run bench:events` does: not in this one, after the renders and the bundling (see the README).
  const apiSeconds = numberOf(process.env.BENCH_API_SECONDS, 30);
  const apiLoad = await inFreshProcess('apiLoad', { connections: 200, seconds: apiSeconds });
  const fanout = await inFreshProcess('fanout', {
    sizes: numberList(process.env.BENCH_READERS, [10_000, 100_000]),
    settings: {
      senderConcurrency: numberOf(process.env.BENCH_SENDER_CONCURRENCY, 16),
      recipientsPerMessage: numberOf(process.env.BENCH_RECIPIENTS_PER_MESSAGE, 50),
      // No throttle: the point is what the code and the emulators can do; the throttle is tested elsewhere.
      sendRatePerSecond: 100_000,
      sesFeedback: process.env.BENCH_SES_FEEDBACK === '1',
    },
  });
  const deployed = await deployedFigures();
  const cost = costPer1000(fanout, deployed);
  const results: BenchResults = {
    machine, durationSeconds: round((performance.now() - t0) / 1000, 0),
    render, fanout, coldStart, cost, apiLoad, onPaper: onPaper(fanout, deployed),
  };
  writeResults(resultsFile, results);
  // The figures by name (issue #23), from this run; bench:local, bench:sender and bench:proposals-worst write theirs.
  const events = apiLoad.find((a) => a.route === 'GET /events');
  mergeResults(resultsFile, {
    local: {
      cpuMsPerEmail: fanout.runs.at(-1)!.ownCpuMsPerEmail, getEventsRps: events?.requestsPerSecond,
      getEventsRpsWarm: events?.warm?.requestsPerSecond,
      readers: fanout.runs.at(-1)!.readers, apiSeconds: events?.seconds, apiConnections: events?.connections,
      measuredAt: machine.date, machine: { cpuModel: machine.cpuModel, cores: machine.cores, loadAverageAtStart: machine.loadAverageAtStart },
      command: 'npm run bench',
    },
  });
  progress(`done in ${results.durationSeconds} s; figures written to bench/results.json`);
  process.stdout.write(`\nDatewatch bench, ${machine.date.slice(0, 10)}: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}\n\n${table(results)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
