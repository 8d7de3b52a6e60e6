/**
 * `npm run lifecycle -- --runs N [--seed S] [--max-commands M]`: N random sequences of readers', editors' and
 * mail servers' acts against the local stack, checked after every step (see run-lifecycle.ts). A failure prints
 * the shrunk sequence; the last line is always `lifecycle: N sequences, S steps, V violations`.
 */
import { parseArgs } from 'node:util';
import { runLifecycle, summaryLine } from './run-lifecycle.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, 'max-commands': { type: 'string' } } });
const runs = Number(values.runs ?? 100);
const seed = Number(values.seed ?? 20161119);
const maxCommands = Number(values['max-commands'] ?? 25);
if (!(Number.isInteger(runs) && runs > 0) || !Number.isInteger(seed) || !(Number.isInteger(maxCommands) && maxCommands > 0)) {
  console.error('usage: npm run lifecycle -- --runs N [--seed S] [--max-commands M] (whole numbers)');
  process.exit(2);
}

const started = performance.now();
console.log(`lifecycle model: ${runs} sequences of up to ${maxCommands} steps (seed ${seed}) against the local stack…`);
const result = await runLifecycle({ runs, seed, maxCommands, log: (line) => console.log(line) });
if (result.violations > 0) {
  console.log('violations by kind:');
  for (const [kind, n] of [...result.kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${kind}`);
  console.log('first failing sequence:');
  for (const line of result.examples) console.log(`  ${line}`);
  if (result.shrunk) {
    console.log(`shrunk sequence: ${result.shrunk.commands}`);
    for (const line of result.shrunk.violations) console.log(`  ${line}`);
  }
}
console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(summaryLine(result));
process.exitCode = result.violations > 0 ? 1 : 0;
