/**
 * Prints what the cloud model costs on this machine: `npx tsx infra/local/cloud/timings.ts`, and with
 * `--cached` what `npm start` pays when the default cache is fresh (run that twice: the first may synthesize).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeIamGuard } from './iam-guard.ts';
import { readCloud } from './read-cloud.ts';
import { synthTemplates } from './synth.ts';

const since = (started: number) => performance.now() - started;
const cdkLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/aws-cdk-lib/'));
if (process.argv.includes('--cached')) {
  const lines: string[] = [];
  const started = performance.now();
  await synthTemplates({ log: (line) => lines.push(line) });
  console.log(`${lines.join(' ')}; ${since(started).toFixed(1)} ms in all; aws-cdk-lib loaded: ${cdkLoaded()}`);
  process.exit(0);
}

const cacheDir = mkdtempSync(join(tmpdir(), 'cloud-timings-'));
try {
  let started = performance.now();
  await synthTemplates({ cacheDir: join(cacheDir, 'warm') });
  const synthCold = since(started);

  started = performance.now();
  const templates = await synthTemplates({ cacheDir: join(cacheDir, 'warm') });
  const cached = since(started);

  started = performance.now();
  await synthTemplates({ cacheDir: join(cacheDir, 'other') });
  const synthWarm = since(started);

  started = performance.now();
  const model = readCloud(templates, { apiUrl: 'http://127.0.0.1:3000', awsEndpoint: 'http://127.0.0.1:4566' });
  const read = since(started);

  const iam = makeIamGuard(model);
  const dispatcher = model.functions.find((f) => f.handler === 'dispatcher')!.logicalId;
  const queue = model.queues.find((q) => q.logicalId.startsWith('SendQueue'))!.arn;
  started = performance.now();
  await iam.authorize(dispatcher, 'sqs:SendMessage', [queue]);
  const authorizeFirst = since(started);
  started = performance.now();
  await iam.authorize(dispatcher, 'sqs:ReceiveMessage', [queue]);
  const authorizeNext = since(started);
  const calls = 100_000;
  started = performance.now();
  for (let i = 0; i < calls; i++) await iam.authorize(dispatcher, 'sqs:SendMessage', [queue]);
  const authorizeCached = since(started) / calls;

  console.log([
    `synth, cold process (imports aws-cdk-lib and the app): ${synthCold.toFixed(0)} ms`,
    `synth, modules already loaded:                        ${synthWarm.toFixed(0)} ms`,
    `templates from the cache (hash inputs, read JSON):     ${cached.toFixed(1)} ms`,
    `readCloud over both stacks:                            ${read.toFixed(1)} ms`,
    `authorize, first call of the process (loads IAM data): ${authorizeFirst.toFixed(1)} ms`,
    `authorize, a new (action, resource):                   ${authorizeNext.toFixed(2)} ms`,
    `authorize, a cached decision:                          ${(authorizeCached * 1000).toFixed(2)} µs per call`,
  ].join('\n'));
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
