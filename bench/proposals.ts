/**
 * `npm run bench:proposals`: reading stories into proposed events. Precision and recall per field on the
 * labelled stories (tests/fixtures/stories/, the held-out ones apart), the Lima story's events, the time for a
 * 1,000-word story (warm, and the first proposal of a fresh process running the bundled engine), and what the
 * engine adds to the admin Lambda's bundle. Table on stdout, figures in bench/proposals-results.json.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DATEWATCH_ESBUILD, handlerEntry } from '../infra/aws/datewatch-function.ts';
import { ASSET_FILES } from '../lambdas/asset-files.ts';
import { proposeEvents, type ProposalRequest } from '../lambdas/core/proposals/propose.ts';
import { machineInfo, median, percentile, progress, round } from './lib.ts';
import { figuresOf, labelledStories, scoreAll, scoreStory, type FieldFigures } from './proposals-score.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = `${root}bench/tmp/proposals/`;
const resultsFile = `${root}bench/proposals-results.json`;
const limaText = readFileSync(`${root}tests/fixtures/stories/seed/lima-kyodo-2016-11-19.txt`, 'utf8');
export const LIMA: ProposalRequest = { text: limaText, publishedOn: '2016-11-19', publisher: 'Kyodo News', dateline: 'Lima' };

/** The Lima story followed by labelled stories, cut at the sentence that reaches 1,000 words. */
export function thousandWordStory(): ProposalRequest {
  const parts = [limaText, ...labelledStories().map((s) => s.text)];
  const words: string[] = [];
  for (const part of parts) {
    for (const sentence of part.split(/(?<=[.!?])\s+/)) {
      words.push(...sentence.split(/\s+/).filter(Boolean));
      if (words.length >= 1000) return { ...LIMA, text: words.slice(0, 1000).join(' ') };
    }
  }
  return { ...LIMA, text: words.join(' ') };
}

function timeWarm(request: ProposalRequest, runs: number) {
  for (let i = 0; i < 20; i++) proposeEvents(request);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    proposeEvents(request);
    ms.push(performance.now() - t0);
  }
  return { runs, medianMs: round(median(ms), 2), p95Ms: round(percentile(ms, 95), 2), maxMs: round(Math.max(...ms), 2) };
}

/** The engine bundled as the Lambda bundles it, loaded by a fresh node: the cost the first proposal pays. */
async function timeFirstProposal(request: ProposalRequest, runs: number) {
  mkdirSync(outDir, { recursive: true });
  const engine = `${outDir}engine.mjs`;
  await build({ ...DATEWATCH_ESBUILD, sourcemap: false, logLevel: 'error', entryPoints: [`${root}lambdas/core/proposals/propose.ts`], outfile: engine });
  // The gazetteer (and the other languages' date readers) are files beside the bundle, as in the deployed package;
  // the first proposal reads them.
  for (const [name, path] of Object.entries(ASSET_FILES.proposals ?? {})) {
    mkdirSync(dirname(`${outDir}${name}`), { recursive: true });
    copyFileSync(`${root}${path}`, `${outDir}${name}`);
  }
  writeFileSync(`${outDir}request.json`, JSON.stringify(request));
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(engine)}); const t1 = performance.now();
const req = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(`${outDir}request.json`)}, 'utf8'));
const r = m.proposeEvents(req); const t2 = performance.now(); m.proposeEvents(req); const t3 = performance.now();
console.log(JSON.stringify({ loadMs: t1 - t0, firstMs: t2 - t1, secondMs: t3 - t2, events: r.events.length }));`;
  const samples: Array<{ loadMs: number; firstMs: number; secondMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    samples.push(JSON.parse(out.stdout));
  }
  const med = (k: 'loadMs' | 'firstMs' | 'secondMs') => round(median(samples.map((s) => s[k])), 1);
  return { runs, loadMs: med('loadMs'), firstProposalMs: med('firstMs'), secondProposalMs: med('secondMs') };
}

/** The admin Lambda's bundle as `cdk synth` builds it, and the bytes the proposals engine and its data add. */
async function adminBundle() {
  mkdirSync(outDir, { recursive: true });
  const result = await build({ ...DATEWATCH_ESBUILD, sourcemap: false, logLevel: 'error', metafile: true, entryPoints: [handlerEntry('proposals')], outfile: `${outDir}proposals.mjs` });
  const output = Object.values(result.metafile.outputs)[0]!;
  let proposals = 0;
  // The gazetteer's data (distilled from city-timezones and countries-list) apart from the code that reads it.
  const byPackage: Record<string, number> = { 'chrono-node': 0, 'lambdas/core/proposals/gazetteer-data.json': 0, 'lambdas/core/proposals': 0 };
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = Object.keys(byPackage).find((k) => file.includes(`node_modules/${k}/`) || file.startsWith(k));
    if (key) { byPackage[key]! += bytesInOutput; proposals += bytesInOutput; }
  }
  return { bytes: output.bytes, proposalsBytes: proposals, byPackageBytes: byPackage };
}

const pct = (n: number) => `${(n * 100).toFixed(0)}%`.padStart(5);

type Figures = {
  stories: number; proposed: number; expected: number; fields: FieldFigures[];
  notices: { expected: number; precision: number; recall: number };
};

function fieldTable(title: string, r: Figures) {
  const lines = [`${title}: ${r.stories} stories, ${r.expected} events expected, ${r.proposed} proposed`, '  field          precision  recall'];
  for (const f of r.fields) lines.push(`  ${f.field.padEnd(14)} ${pct(f.precision)}      ${pct(f.recall)}`);
  const { notices } = r;
  if (notices.expected) {
    const figures = `${pct(notices.precision)}      ${pct(notices.recall)}   (${notices.expected} expected)`;
    lines.push(`  ${'notices'.padEnd(14)} ${figures}`);
  }
  return lines.join('\n');
}

/** The figures of each language apart (English, Japanese, Russian). */
function byLanguage(stories: ReturnType<typeof labelledStories>) {
  const scored = stories.map(scoreStory);
  const languages = [...new Set(scored.map((s) => s.language))].sort();
  return Object.fromEntries(languages.map((l) => [l, figuresOf(scored.filter((s) => s.language === l))]));
}

async function main(): Promise<void> {
  const machine = machineInfo();
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverageAtStart}`);
  const all = labelledStories();
  const fitted = scoreAll(all.filter((s) => !s.heldOut));
  const heldOut = scoreAll(all.filter((s) => s.heldOut));
  const combined = scoreAll(all);
  const languages = byLanguage(all);
  const heldOutLanguages = byLanguage(all.filter((s) => s.heldOut));
  const groups = [...new Set(all.filter((s) => s.heldOut).map((s) => s.group))].sort();
  const heldOutGroups = Object.fromEntries(groups.map((g) => [g, scoreAll(all.filter((s) => s.heldOut && s.group === g))]));
  const lima = proposeEvents(LIMA);
  const story = thousandWordStory();
  const words = story.text.split(/\s+/).length;
  progress(`timing a ${words}-word story`);
  const warm = timeWarm(story, 200);
  const fresh = await timeFirstProposal(story, 5);
  progress('bundling the admin Lambda');
  const bundle = await adminBundle();

  const results = {
    machine,
    labelled: {
      fitted: strip(fitted), heldOut: strip(heldOut), combined: strip(combined),
      heldOutGroups: Object.fromEntries(Object.entries(heldOutGroups).map(([g, r]) => [g, strip(r)])),
      byLanguage: Object.fromEntries(Object.entries(languages).map(([l, r]) => [l, strip(r)])),
      heldOutByLanguage: Object.fromEntries(Object.entries(heldOutLanguages).map(([l, r]) => [l, strip(r)])),
    },
    lima: lima.events.map((e) => ({ date: e.date ?? e.startTime ?? e.range, timeZone: e.timeZone, zoneFrom: e.zoneFrom, place: e.place, title: e.title })),
    thousandWords: { words, warm, fresh }, adminBundle: bundle,
  };
  // What each batch of stories gave before the reader was changed for it: the nearest figure to unseen text.
  const firstRuns = JSON.parse(readFileSync(`${root}bench/proposals-first-runs.json`, 'utf8'));
  writeFileSync(resultsFile, `${JSON.stringify({ ...results, firstRuns }, null, 2)}\n`);

  const out = [
    `Datewatch proposals bench, ${machine.date.slice(0, 10)}: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}`,
    '',
    fieldTable('Labelled stories (rules fitted on them)', fitted),
    '',
    // Held out = never moved into the fitted set. A group whose misses were then fixed is no longer unseen: its
    // unseen figures are its first run, in bench/proposals-first-runs.json.
    fieldTable('Held-out stories (kept apart from the fitted set; first runs in bench/proposals-first-runs.json)',
      heldOut),
    '',
    ...Object.entries(heldOutGroups).flatMap(([g, r]) => [fieldTable(`Held-out group ${g}`, r), '']),
    fieldTable('All labelled stories', combined),
    '',
    ...Object.entries(languages).flatMap(([l, r]) => [fieldTable(`All labelled stories in ${l}`, r), '']),
    ...Object.entries(heldOutLanguages).flatMap(([l, r]) => [fieldTable(`Held-out stories in ${l}`, r), '']),
    'Lima story (Kyodo, Saturday 19 November 2016, dateline Lima):',
    ...lima.events.map((e) => `  ${String(e.date ?? e.startTime ?? `${e.range!.from}..${e.range!.to}`).padEnd(22)} ${e.timeZone.padEnd(16)} ${e.zoneFrom.padEnd(8)} ${e.place.padEnd(10)} ${e.title}`),
    '',
    `machine load average at the start: ${machine.loadAverageAtStart} (2 cores; other work on the machine inflates every time below)`,
    `${words}-word story: warm median ${warm.medianMs} ms, p95 ${warm.p95Ms} ms (${warm.runs} runs); fresh process: load ${fresh.loadMs} ms, first proposal ${fresh.firstProposalMs} ms, second ${fresh.secondProposalMs} ms`,
    `proposals bundle: ${round(bundle.bytes / 1024, 0)} KB, of which the proposals engine and its data ${round(bundle.proposalsBytes / 1024, 0)} KB (${Object.entries(bundle.byPackageBytes).map(([k, v]) => `${k} ${round(v / 1024, 0)} KB`).join(', ')})`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function strip(r: ReturnType<typeof scoreAll>) {
  return {
    stories: r.stories, proposed: r.proposed, expected: r.expected,
    fields: r.fields.map((f) => ({ ...f, precision: round(f.precision, 3), recall: round(f.recall, 3) })),
    notices: { ...r.notices, precision: round(r.notices.precision, 3), recall: round(r.notices.recall, 3) },
    misses: Object.fromEntries(r.perStory.filter((s) => s.misses.length).map((s) => [s.id, s.misses])),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
}
