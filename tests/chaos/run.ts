/**
 * `npm run chaos`: the delivery pipeline under faults, 10,000 readers across zones (see scenario.ts).
 * Options: --readers N, --seed N. Exits non-zero when a mail was lost, duplicated outside the unavoidable
 * window, or sent where it should not have been.
 */
import { parseArgs } from 'node:util';
import { FULL_RUN, formatChaosTable, runChaos } from './scenario.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { readers: { type: 'string' }, seed: { type: 'string' } } });
const options = {
  ...FULL_RUN,
  ...(values.readers ? { readers: Number(values.readers) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  log: (line: string) => console.log(line),
};
console.log(`chaos run: ${options.readers} readers, seed ${options.seed}; SES throttling ${options.sesThrottleRate * 100}% and 5xx ${options.sesServerErrorRate * 100}%, `
  + `DynamoDB faults ${options.dynamoFaultRate * 100}% of attempts, each kill point ${options.killRate * 100}% of sends, ${options.duplicateMessageRate * 100}% of queue messages twice`);
const result = await runChaos(options);
console.log(formatChaosTable(result));
const outside = result.duplicates.filter((d) => !d.inWindow).length;
const ok = result.lost.length === 0 && outside === 0 && result.unexpected.length === 0;
console.log(ok ? '\nOK: nothing lost, no duplicate outside the window, nothing sent that should not have been.' : '\nFAILED: see the rows above.');
process.exit(ok ? 0 : 1);
