/**
 * `npm run bench:cold`: the cold starts alone (see cold-start.ts), median of 15 fresh processes per file,
 * with what reading each file beside a bundle costs on its first use and the proposals function's first request in
 * each language (its load, then one story: bench/first-proposal.ts) and the editor-mail function's first preview of
 * each kind (bench/first-preview.ts),
 * merged into bench/results.json under `coldStart` (e.g. `coldStart.publicApi.kbOverFloor`).
 */
import { fileURLToPath } from 'node:url';
import { benchColdStart } from './cold-start.ts';
import { machineInfo, round } from './lib.ts';
import { mergeResults } from './report.ts';

const result = await benchColdStart({ runs: 15 });
mergeResults(fileURLToPath(new URL('./results.json', import.meta.url)), {
  coldStart: { ...result, measuredAt: new Date().toISOString(), machine: machineInfo() },
});
for (const b of result.bundles) {
  const signed = (n: number) => (n < 0 ? `${n}` : `+${n}`);
  console.log(`${b.lambda}: ${round(b.bytes / 1024, 0)} KB, ${signed(b.addedKB)} KB, ${signed(b.addedMs)} ms `
    + `(CPU ${signed(b.addedCpuMs)} ms) over its SDK-only floor`
    + `${b.besideKB ? `; ${b.besideKB} KB of files beside it` : ''}`);
}
for (const [lang, f] of Object.entries(result.proposalsFirstRequest)) {
  console.log(`proposals, a fresh process's first ${lang} story (${f.story}): load ${f.loadMs} ms + first request `
    + `${f.firstRequestMs} ms = ${f.totalMs} ms (process CPU ${f.totalCpuMs} ms)`);
}
for (const [kind, f] of Object.entries(result.editorMailFirstRequest)) {
  console.log(`editor-mail, a fresh process's first ${kind} preview: load ${f.loadMs} ms + first request `
    + `${f.firstRequestMs} ms = ${f.totalMs} ms (CPU ${f.loadCpuMs} + ${f.firstRequestCpuMs} ms; `
    + `process ${f.totalCpuMs} ms)`);
}
for (const [path, { kb, ms }] of Object.entries(result.firstUse)) {
  console.log(`first use of ${path} (${kb} KB, beside the bundle): ${ms} ms`);
}
