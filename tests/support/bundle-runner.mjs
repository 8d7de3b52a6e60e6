// Runs one built Lambda bundle as the Lambda runtime would: import its file, call the exported `handler` once.
// Usage: node bundle-runner.mjs <bundle.mjs> [--warm], with the event as JSON on stdin (with --warm, a list of
// events, each handled in turn by the same loaded module, as one warm container; the result is the list).
// Plain JavaScript, so plain `node` runs it with nothing of the test process (no tsx, no vitest) between the
// bundle and the runtime.
// The result is the only thing on stdout; console output goes to stderr, as Lambda keeps logs apart from the
// response. A throw exits 1 with { errorType, errorMessage, stack } as the last line of stderr.
import { pathToFileURL } from 'node:url';

const toStderr = (...args) => process.stderr.write(`${args.map(String).join(' ')}\n`);
for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace']) console[level] = toStderr;
// Powertools writes its log and metric lines straight to process.stdout, as Lambda expects: they are logs too.
const writeResult = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  const [file, mode] = process.argv.slice(2);
  if (!file) throw new Error('give the bundle file: node bundle-runner.mjs <index.mjs> [--warm]');
  const event = JSON.parse(await readStdin());
  const { handler } = await import(pathToFileURL(file).href);
  if (typeof handler !== 'function') throw new TypeError(`${file} exports no handler function`);
  // Lambda answers null for a handler that returns nothing.
  if (mode === '--warm') {
    const results = [];
    for (const each of event) results.push((await handler(each)) ?? null);
    writeResult(JSON.stringify(results));
  } else {
    writeResult(JSON.stringify((await handler(event)) ?? null));
  }
} catch (err) {
  const error = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`${JSON.stringify({ errorType: error.name, errorMessage: error.message, stack: error.stack })}\n`);
  process.exitCode = 1;
}
