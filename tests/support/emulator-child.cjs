// Runs an emulator's command-line script (dynalite, aws-ses-v2-local) as `node <script> <args>` would, and ends it
// when its stdin closes: the test worker that started it holds the other end, so the emulator goes when the worker
// goes, however the worker ends (vitest may stop a worker without its 'exit' handlers running).
// Usage: node emulator-child.cjs <script> [args...]
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
require(script);
