/**
 * The editor-mail function's first request, per preview kind: what reading a kind's code beside the bundle
 * (core/preview-kinds/kind-files.ts) costs the first preview of that kind, beside the cold start's load. For each
 * kind a fresh `node` imports the real bundle (built with the stack's options into its own folder, with the files the
 * stack puts beside it: lambdas/asset-files.ts), builds the function as its handler does on the first request (its
 * stores over a fixed story held in memory, through the build's `wrapStores`: no AWS call) and hands it one
 * `GET /admin/previews/{kind}`; the figures are the import, the first request (the build, the kind's code, its
 * template and the fragments read, the mail rendered) and their sum, medians over fresh processes, wall and CPU.
 * `tsx bench/first-preview.ts [runs]` prints them (run it from another checkout to compare).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DATEWATCH_ESBUILD, handlerEntry } from '../infra/aws/datewatch-function.ts';
import { copyAssetFiles } from '../tests/support/bundles.ts';
import { median, progress, round } from './lib.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}bench/tmp/first-preview/`;
const AT = '2016-11-25T00:00:00.000Z';

/** One query per kind (the seven of preview-query.ts), each rendered at AT. */
export const FIRST_PREVIEWS: Record<string, Record<string, string>> = {
  confirmation: { event: 'summit' },
  reminder: { event: 'summit', lead: 'P7D' },
  digest: { timeZone: 'Asia/Tokyo' },
  moved: { event: 'summit', from: '2016-12-14' },
  confirmed: { event: 'visit', date: '2016-12-11' },
  cancelled: { event: 'summit' },
  update: {
    story: 'lima', subject: 'The summit moved', body: 'The **summit** is now [on the 15th](https://example.com).',
  },
};

export interface FirstPreviewFigures {
  /** Median ms of the bundle's import, of the first request, and of the two in one process (each its own median). */
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  /** The process's CPU time (user + system) during the import and during the first request, and at the end. */
  loadCpuMs: number;
  firstRequestCpuMs: number;
  totalCpuMs: number;
}

const source = { publisher: 'Kyodo', quote: 'The talks are set for 15 December.' };
const event = (over: Record<string, unknown>) => ({
  storyId: 'lima', summary: `${over.title as string}.`, timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi', source,
  status: 'scheduled', version: 1, createdAt: '2016-11-20T00:00:00.000Z', updatedAt: '2016-11-20T00:00:00.000Z',
  ...over,
});
const FIXTURE = {
  events: [
    event({ id: 'summit', title: 'Abe and Putin meet in Nagato', date: '2016-12-15' }),
    event({
      id: 'visit', title: 'Putin visits Japan', range: { from: '2016-12-10', to: '2016-12-20' }, place: 'Japan',
    }),
  ],
  stories: [{
    id: 'lima', title: 'Abe and Putin meet in Lima', publisher: 'Kyodo News', publishedOn: '2016-11-20',
    status: 'active',
    version: 1, createdAt: '2016-11-01T00:00:00.000Z', updatedAt: '2016-11-01T00:00:00.000Z',
  }],
};

/** What the function reads from Lambda's environment (no edge secret: no AWS call before the first request). */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'editor-mail',
  TABLE_NAME: 'datewatch', PUBLIC_BASE_URL: 'https://datewatch.example', SENDER_EMAIL: 'news@datewatch.example',
  SES_CONFIGURATION_SET: 'datewatch', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench',
};

function eventFor(kind: string) {
  const query = { ...FIRST_PREVIEWS[kind], at: AT };
  return {
    version: '2.0', routeKey: 'GET /admin/previews/{kind}', rawPath: `/admin/previews/${kind}`,
    rawQueryString: new URLSearchParams(query).toString(), queryStringParameters: query,
    pathParameters: { kind }, headers: { authorization: 'Bearer x' },
    requestContext: {
      http: { method: 'GET', path: `/admin/previews/${kind}`, sourceIp: '203.0.113.7', userAgent: 'bench' },
      authorizer: { jwt: { claims: { sub: 'bench', 'cognito:groups': '[admins]' }, scopes: null } },
      routeKey: 'GET /admin/previews/{kind}', requestId: 'bench', timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

/** One fresh process: import the bundle, build the function over the fixture, hand it the event. */
export function firstPreviewOnce(bundle: string, eventFile: string, fixtureFile: string) {
  const code = `const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const c0 = cpu();
const t0 = performance.now();
const { build } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const t1 = performance.now();
const c1 = cpu();
const fs = require('node:fs');
const event = JSON.parse(fs.readFileSync(${JSON.stringify(eventFile)}, 'utf8'));
const { events, stories } = JSON.parse(fs.readFileSync(${JSON.stringify(fixtureFile)}, 'utf8'));
const memory = {
  events: { get: async (id) => events.find((e) => e.id === id), listAll: async () => events,
    listFrom: async () => events },
  stories: { get: async (id) => stories.find((s) => s.id === id), list: async () => stories },
  updates: { get: async () => undefined },
};
const t2 = performance.now();
const c2 = cpu();
const handler = await build(process.env, { wrapStores: (s) => ({ ...s, ...memory }) });
const r = await handler(event, {});
const t3 = performance.now();
const c3 = cpu();
if (r.statusCode !== 200) throw new Error(r.statusCode + ' ' + r.body);
process.stdout.write(JSON.stringify({
  load: t1 - t0, first: t3 - t2, loadCpu: c1 - c0, firstCpu: c3 - c2, cpu: c3,
}));`;
  const banner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${banner}\n${code}`],
    { stdio: ['ignore', 'pipe', 'pipe'], env: LAMBDA_ENV });
  if (r.status !== 0) throw new Error(`the first preview failed: ${r.stderr.toString().slice(-800)}`);
  return JSON.parse(r.stdout.toString()) as {
    load: number; first: number; loadCpu: number; firstCpu: number; cpu: number;
  };
}

/** The bundle with its files beside it, the fixture and one event file per kind, written under bench/tmp. */
export async function prepareFirstPreviews() {
  mkdirSync(`${dir}editor-mail`, { recursive: true });
  const bundle = `${dir}editor-mail/index.mjs`;
  await build({
    ...DATEWATCH_ESBUILD, sourcemap: false, logLevel: 'error',
    entryPoints: [handlerEntry('editor-mail')], outfile: bundle,
  });
  await copyAssetFiles('editor-mail', `${dir}editor-mail`);
  const fixture = `${dir}fixture.json`;
  writeFileSync(fixture, JSON.stringify(FIXTURE));
  const kinds = Object.keys(FIRST_PREVIEWS);
  const events = Object.fromEntries(kinds.map((kind) => {
    const file = `${dir}${kind}-event.json`;
    writeFileSync(file, JSON.stringify(eventFor(kind)));
    return [kind, file];
  }));
  return { bundle, fixture, events, kinds };
}

export async function benchFirstPreviews({ runs = 15 } = {}): Promise<Record<string, FirstPreviewFigures>> {
  const { bundle, fixture, events, kinds } = await prepareFirstPreviews();
  type Sample = ReturnType<typeof firstPreviewOnce>;
  const samples = Object.fromEntries(kinds.map((k) => [k, [] as Sample[]]));
  for (let i = 0; i < runs; i++) {
    progress(`first preview: round ${i + 1}/${runs} (each kind a fresh process)`);
    for (const kind of kinds) samples[kind]!.push(firstPreviewOnce(bundle, events[kind]!, fixture));
  }
  return Object.fromEntries(kinds.map((kind) => {
    const s = samples[kind]!;
    return [kind, {
      loadMs: round(median(s.map((x) => x.load)), 1),
      firstRequestMs: round(median(s.map((x) => x.first)), 1),
      totalMs: round(median(s.map((x) => x.load + x.first)), 1),
      loadCpuMs: round(median(s.map((x) => x.loadCpu)), 1),
      firstRequestCpuMs: round(median(s.map((x) => x.firstCpu)), 1),
      totalCpuMs: round(median(s.map((x) => x.cpu)), 1),
    }];
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 15);
  const figures = await benchFirstPreviews({ runs });
  for (const [kind, f] of Object.entries(figures)) {
    console.log(`editor-mail, first ${kind} preview: load ${f.loadMs} ms + first request ${f.firstRequestMs} ms = `
      + `${f.totalMs} ms (CPU ${f.loadCpuMs} + ${f.firstRequestCpuMs} ms; the process ${f.totalCpuMs} ms)`);
  }
}
