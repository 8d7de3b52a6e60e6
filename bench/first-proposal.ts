/**
 * The proposals function's first request, per language: what moving code or data out of the bundle into files
 * read on first use would otherwise hide. For each language a fresh `node` imports the real bundle (built with the
 * stack's options into its own folder, with the files the stack puts beside it: lambdas/asset-files.ts) and hands
 * its handler one `POST /admin/stories/proposals` with a labelled wire story in that language; the figures are the
 * import (the cold start's load), the first request (reading the files beside the bundle it needs, building the
 * gazetteer's index, reading the story) and their sum, medians over fresh processes, wall and CPU.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DATEWATCH_ESBUILD, handlerEntry } from '../infra/aws/datewatch-function.ts';
import { copyAssetFiles } from '../tests/support/bundles.ts';
import { median, progress, round } from './lib.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}bench/tmp/first-proposal/`;

/** One wire story per language, of the held-out kind (tests/fixtures/stories/). */
export const FIRST_STORIES = {
  en: 's01-en-reuters-easter-island-ministers.json',
  ja: 's13-ja-kyodo-nusantara-independence-day.json',
  ru: 's22-ru-tass-sakhalin-cyclone.json',
} as const;
export type StoryLanguage = keyof typeof FIRST_STORIES;

export interface FirstRequestFigures {
  story: string;
  /** Median ms of the bundle's import, of the first request, and of the two in one process (each its own median). */
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  /** The same process's CPU time (user + system) at the end: steadier than wall time on a shared machine. */
  totalCpuMs: number;
}

/** The `POST /admin/stories/proposals` event of API Gateway for one labelled story, from an admin. */
export function eventFor(file: string) {
  const story = JSON.parse(readFileSync(`${root}tests/fixtures/stories/${file}`, 'utf8')) as Record<string, unknown>;
  const body = JSON.stringify({
    text: story.text, publishedOn: story.publishedOn, publisher: story.publisher,
    ...(story.dateline ? { dateline: story.dateline } : {}),
  });
  return {
    version: '2.0', routeKey: 'POST /admin/stories/proposals', rawPath: '/admin/stories/proposals', rawQueryString: '',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    requestContext: {
      http: { method: 'POST', path: '/admin/stories/proposals', sourceIp: '203.0.113.7', userAgent: 'bench' },
      authorizer: { jwt: { claims: { sub: 'bench', 'cognito:groups': '[admins]' }, scopes: null } },
      routeKey: 'POST /admin/stories/proposals', requestId: 'bench', timeEpoch: 0,
    },
    body: Buffer.from(body, 'utf8').toString('base64'), isBase64Encoded: true,
  };
}

/** What the function reads from Lambda's environment (no edge secret: no AWS call before the first request). */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'proposals',
};

/** One fresh process: import the bundle, hand it the event; ms of each step and the process's CPU time. */
export function firstProposalOnce(bundle: string, eventFile: string) {
  const code = `const t0 = performance.now();
const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const t1 = performance.now();
const event = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(eventFile)}, 'utf8'));
const t2 = performance.now();
const r = await handler(event, {});
const t3 = performance.now();
const u = process.cpuUsage();
if (r.statusCode !== 200) throw new Error(r.statusCode + ' ' + r.body);
process.stdout.write(JSON.stringify({ load: t1 - t0, first: t3 - t2, cpu: (u.user + u.system) / 1000,
  events: JSON.parse(r.body).events.length }));`;
  const banner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${banner}\n${code}`],
    { stdio: ['ignore', 'pipe', 'pipe'], env: LAMBDA_ENV });
  if (r.status !== 0) throw new Error(`the first proposal failed: ${r.stderr.toString().slice(-800)}`);
  return JSON.parse(r.stdout.toString()) as { load: number; first: number; cpu: number; events: number };
}

export async function benchFirstProposals({ runs = 15 } = {}): Promise<Record<StoryLanguage, FirstRequestFigures>> {
  mkdirSync(`${dir}proposals`, { recursive: true });
  const bundle = `${dir}proposals/index.mjs`;
  await build({
    ...DATEWATCH_ESBUILD, sourcemap: false, logLevel: 'error',
    entryPoints: [handlerEntry('proposals')], outfile: bundle,
  });
  await copyAssetFiles('proposals', `${dir}proposals`);
  const langs = Object.keys(FIRST_STORIES) as StoryLanguage[];
  const events = Object.fromEntries(langs.map((lang) => {
    const file = `${dir}${lang}-event.json`;
    writeFileSync(file, JSON.stringify(eventFor(FIRST_STORIES[lang])));
    return [lang, file];
  })) as Record<StoryLanguage, string>;
  type Sample = ReturnType<typeof firstProposalOnce>;
  const samples = Object.fromEntries(langs.map((l) => [l, [] as Sample[]])) as Record<StoryLanguage, Sample[]>;
  for (let i = 0; i < runs; i++) {
    progress(`first proposal: round ${i + 1}/${runs} (en, ja, ru, each a fresh process)`);
    for (const lang of langs) samples[lang].push(firstProposalOnce(bundle, events[lang]));
  }
  return Object.fromEntries(langs.map((lang) => {
    const s = samples[lang];
    return [lang, {
      story: FIRST_STORIES[lang],
      loadMs: round(median(s.map((x) => x.load)), 1),
      firstRequestMs: round(median(s.map((x) => x.first)), 1),
      totalMs: round(median(s.map((x) => x.load + x.first)), 1),
      totalCpuMs: round(median(s.map((x) => x.cpu)), 1),
    }];
  })) as Record<StoryLanguage, FirstRequestFigures>;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 15);
  const figures = await benchFirstProposals({ runs });
  for (const [lang, f] of Object.entries(figures)) {
    console.log(`proposals, first ${lang} story: load ${f.loadMs} ms + first request ${f.firstRequestMs} ms = `
      + `${f.totalMs} ms (CPU ${f.totalCpuMs} ms)`);
  }
}
