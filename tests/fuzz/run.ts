/**
 * `npm run fuzz`: hostile requests to every public and admin route through the real handlers and dynalite
 * (see harness.ts for what is checked). Options: --runs N (default 10,000), --seed N. Exits non-zero on a finding.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { anyRequest } from './arbitraries.ts';
import { formatFuzzReport, startFuzzTarget } from './harness.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 10_000);
const seed = Number(values.seed ?? 20161119);
// The handlers log unexpected errors with console.error; a fuzz input must never cause one, so count them.
const unexpectedLogs: string[] = [];
const consoleError = console.error;
console.error = (...args: unknown[]) => { unexpectedLogs.push(args.map(String).join(' ')); };

const target = await startFuzzTarget();
try {
  const requests = fc.sample(anyRequest, { numRuns: runs, seed });
  console.log(`fuzzing ${runs} requests (seed ${seed}) through the public and admin handlers over dynalite…`);
  const report = await target.run(requests, { onProgress: (n) => { if (n % 2000 === 0) console.log(`  ${n} done`); } });
  console.log(formatFuzzReport(report));
  if (unexpectedLogs.length) console.log(`handler error logs: ${unexpectedLogs.length}, e.g. ${unexpectedLogs[0]!.slice(0, 200)}`);
  process.exitCode = report.findings.length || unexpectedLogs.length ? 1 : 0;
} finally {
  console.error = consoleError;
  await target.close();
}
