// Runs an emulator's command-line script (dynalite, aws-ses-v2-local) as `node <script> <args>` would, and ends it
// when its stdin closes: the test worker that started it holds the other end, so the emulator goes when the worker
// goes, however the worker ends (vitest may stop a worker without its 'exit' handlers running).
// Usage: node emulator-child.cjs <script> [args...]
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
// A child whose parent is gone is nobody's to reap, so `time` never counts its CPU: EMULATOR_CPU_LOG names a file
// where each emulator appends its own CPU seconds as it ends (for measuring the suite; unset, nothing is written).
const end = () => {
  if (process.env.EMULATOR_CPU_LOG) {
    const { user, system } = process.cpuUsage();
    require('node:fs').appendFileSync(process.env.EMULATOR_CPU_LOG, `${(user + system) / 1e6}\n`);
  }
  process.exit(0);
};
process.stdin.on('end', end);
process.stdin.on('error', end);
process.stdin.resume();
require(script);
