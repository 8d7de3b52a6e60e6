/**
 * Cold start: each Lambda bundled as the CDK construct bundles it (esbuild, ESM, minified, everything
 * bundled), its size and the time a fresh node process takes to load it, beside two floors measured in the
 * same run: an empty node process, and a handler that imports the same AWS SDK clients and commands and nothing else.
 * The files a package carries beside its bundle (lambdas/asset-files.ts) are not loaded with it, so they are not in
 * these figures: their bytes are given apart (`besideKB`), and what reading one costs on its first use (`firstUse`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { DATEWATCH_ESBUILD, handlerEntry } from '../infra/aws/datewatch-function.ts';
import {
  ASSET_FILES, CATALOGUE_FILES, FRAGMENT_FILES, GAZETTEER_FILES, TEMPLATE_FILES,
} from '../lambdas/asset-files.ts';
import { benchFirstProposals, type FirstRequestFigures } from './first-proposal.ts';
import { benchFirstPreviews, type FirstPreviewFigures } from './first-preview.ts';
import { median, progress, round } from './lib.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = `${root}bench/tmp/bundles/`;
/** The functions behind HTTP routes (routes.ts), the budget's subject. */
const HTTP_LAMBDAS = [
  'public-pages', 'subscribe', 'public-api', 'preferences', 'static-files', 'admin-api', 'subscriber-csv', 'mail-jobs',
  'editor-mail', 'proposals',
] as const;
/** Every function's entry, those behind routes first. */
export const LAMBDAS = [...HTTP_LAMBDAS, 'sign-ups', 'dispatcher', 'sender', 'ses-events', 'seed'] as const;
const API_LAMBDAS = new Set<string>(HTTP_LAMBDAS);

/** The stack's own esbuild options (what NodejsFunction runs), without the source map, with a metafile to read. */
const esbuildOptions = { ...DATEWATCH_ESBUILD, sourcemap: false, logLevel: 'error' as const, metafile: true };

export interface BundleFigures {
  lambda: string;
  bytes: number;
  breakdownKB: { awsSdk: number; zod: number; templates: number; ours: number; other: number; mjml: number };
  sdkPackages: string[];
  floorBytes: number;
  /** Files beside the bundle (catalogues, gazetteer, built files), read on first use: not loaded here. */
  besideKB: number;
  /** Median ms of the import, timed inside a fresh process (the load: what init pays for the code). */
  loadMs: number;
  floorLoadMs: number;
  /** Median wall ms of the whole fresh process (node's own start included: the same for every file, and noisy). */
  processMs: number;
  floorProcessMs: number;
  /** CPU time of the process during the import: less disturbed than wall time when other work shares the machine. */
  loadCpuMs: number;
  floorLoadCpuMs: number;
  addedCpuMs: number;
  addedKB: number;
  /** Median over rounds of the import's ms minus its floor's in the same round. */
  addedMs: number;
  targetKB?: number;
  targetMs?: number;
  met?: boolean;
}

export interface ColdStartResult {
  runs: number;
  /** Wall ms of an empty node process: node's own start, which every figure here leaves out. */
  emptyNodeMs: number;
  bundles: BundleFigures[];
  /**
   * What the first request needing a file beside the bundle pays to read it (median ms over fresh processes, in
   * process: the read and the require or JSON.parse): a Japanese or Russian reader's first page or mail, the first
   * mail of a kind (its template), the first mail at all (the fragments, one JSON file, besides its template), the
   * first proposal (the gazetteer's data; building its index was on first use before and is not counted).
   */
  firstUse: Record<string, { kb: number; ms: number }>;
  /**
   * The proposals function's load beside its first request, per language (bench/first-proposal.ts): what a load
   * figure alone would hide when code or data moves into files read on first use. Also under `proposals.firstRequest`.
   */
  proposalsFirstRequest: Record<string, FirstRequestFigures>;
  /**
   * The editor-mail function's load beside its first preview, per kind (bench/first-preview.ts): each kind's code is
   * a file beside the bundle, read on the first preview of that kind. Also under `editorMail.firstRequest`.
   */
  editorMailFirstRequest: Record<string, FirstPreviewFigures>;
  /**
   * The figures by name, per function (camelCase, e.g. `coldStart.publicApi.kbOverFloor`): bytes and
   * median wall ms over the function's SDK-only floor, and the CPU ms beside them (steadier on a shared machine).
   */
  [fn: string]: unknown;
  /** The same API bundles if the zod schemas imported `* as z` (tree-shakable) instead of `{ z }`. */
}

function breakdown(meta: Metafile) {
  const out = Object.values(meta.outputs)[0]!;
  const kb = { awsSdk: 0, zod: 0, templates: 0, ours: 0, other: 0, mjml: 0 };
  const sdk = new Set<string>();
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    if (pkg && /^@(aws-sdk|smithy|aws-crypto)\//.test(pkg)) { kb.awsSdk += bytesInOutput; if (/^@aws-sdk\/(client-|lib-)/.test(pkg)) sdk.add(pkg); }
    else if (pkg === 'zod') kb.zod += bytesInOutput;
    else if (pkg?.startsWith('mjml')) kb.mjml += bytesInOutput;
    else if (pkg) kb.other += bytesInOutput;
    else if (file.startsWith('templates/')) kb.templates += bytesInOutput;
    else kb.ours += bytesInOutput;
  }
  for (const k of Object.keys(kb) as (keyof typeof kb)[]) kb[k] = round(kb[k] / 1024, 1);
  return { kb, sdk: [...sdk].sort(), inputs: Object.keys(out.inputs) };
}

/** The value imports our bundled sources take from the AWS SDK packages: what the floor handler imports too. */
function sdkImportsOf(inputs: string[]): Map<string, Set<string>> {
  const byPackage = new Map<string, Set<string>>();
  for (const file of inputs.filter((f) => f.startsWith('lambdas/') && f.endsWith('.ts'))) {
    const source = readFileSync(`${root}${file}`, 'utf8');
    for (const [, names, pkg] of source.matchAll(/^import\s+\{([^}]+)\}\s+from\s+'(@aws-sdk\/[^']+)'/gm)) {
      const set = byPackage.get(pkg!) ?? new Set<string>();
      for (const raw of names!.split(',')) {
        const name = raw.trim();
        if (name && !name.startsWith('type ')) set.add(name.split(/\s+as\s+/)[0]!);
      }
      byPackage.set(pkg!, set);
    }
  }
  return byPackage;
}

function floorSource(imports: Map<string, Set<string>>): string {
  const lines = [...imports].map(([pkg, names]) => `import { ${[...names].sort().join(', ')} } from '${pkg}';`);
  const all = [...imports.values()].flatMap((s) => [...s]);
  return `${lines.join('\n')}\n// Referenced so that nothing is tree-shaken: the SDK's own cost, with no code of ours.\nexport const handler = async () => [${all.join(', ')}].length;\n`;
}

/** Bytes of the files `lambda`'s package carries beside its bundle. */
const besideBytes = (lambda: string) =>
  Object.values(ASSET_FILES[lambda] ?? {}).reduce((sum, path) => sum + statSync(`${root}${path}`).size, 0);

/** In a fresh `node`: the ms to read one file beside a bundle as its loader does (require a catalogue, parse JSON). */
function firstUseOnce(path: string): number {
  const file = JSON.stringify(`${root}${path}`);
  const text = `require('node:fs').readFileSync(${file}, 'utf8')`;
  const read = path.endsWith('.cjs') ? `require(${file})` : path.endsWith('.json') ? `JSON.parse(${text})` : text;
  const code = `const t = performance.now(); ${read}; process.stdout.write(String(performance.now() - t));`;
  const r = spawnSync(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`reading ${path} failed: ${r.stderr.toString().slice(0, 500)}`);
  return Number(r.stdout.toString());
}

/**
 * A fresh `node` that imports the file (none: an empty process): the ms the import itself took and the CPU time the
 * process used meanwhile (all its threads), both measured inside the process (what a Lambda's init pays for the code,
 * without node's own start, which is the same for every file and is most of the noise between processes), and the
 * process's wall time.
 */
function loadOnce(file: string | undefined): { importMs: number; wallMs: number; cpuMs: number } {
  const load = file ? `await import(${JSON.stringify(pathToFileURL(file).href)});` : '';
  const code = `const c = process.cpuUsage(); const t = performance.now(); ${load} const importMs = performance.now() - t;`
    + ' const u = process.cpuUsage(c); process.stdout.write(JSON.stringify([importMs, (u.user + u.system) / 1000]));';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`loading ${file} failed: ${r.stderr.toString().slice(0, 500)}`);
  const [importMs, cpuMs] = JSON.parse(r.stdout.toString()) as [number, number];
  return { importMs, wallMs, cpuMs };
}

export async function benchColdStart({ runs = 10 } = {}): Promise<ColdStartResult> {
  mkdirSync(outDir, { recursive: true });
  progress('cold start: bundling each Lambda with esbuild (the CDK options)');
  const built: { lambda: string; file: string; bytes: number; kb: ReturnType<typeof breakdown>['kb']; sdk: string[]; floor: string }[] = [];
  const floors = new Map<string, { file: string; bytes: number }>();
  for (const lambda of LAMBDAS) {
    const file = `${outDir}${lambda}.mjs`;
    const r = await build({ ...esbuildOptions, entryPoints: [handlerEntry(lambda)], outfile: file });
    const { kb, sdk, inputs } = breakdown(r.metafile!);
    // Only the packages that survived tree-shaking: an import esbuild dropped costs this Lambda nothing.
    const imports = new Map([...sdkImportsOf(inputs)].filter(([pkg]) => sdk.includes(pkg)));
    const source = floorSource(imports);
    if (!floors.has(source)) {
      const entry = `${outDir}floor-${floors.size}.ts`;
      writeFileSync(entry, source);
      const out = `${outDir}floor-${floors.size}.mjs`;
      const fr = await build({ ...esbuildOptions, entryPoints: [entry], outfile: out });
      floors.set(source, { file: out, bytes: Object.values(fr.metafile!.outputs)[0]!.bytes });
    }
    built.push({ lambda, file, bytes: Object.values(r.metafile!.outputs)[0]!.bytes, kb, sdk, floor: source });
  }

  // Round-robin, so that drift in the machine's load spreads evenly over every file.
  const files = [undefined, ...built.map((b) => b.file), ...[...floors.values()].map((f) => f.file)];
  const times = new Map<string | undefined, number[]>(files.map((f) => [f, []]));
  const imports = new Map<string | undefined, number[]>(files.map((f) => [f, []]));
  const cpu = new Map<string | undefined, number[]>(files.map((f) => [f, []]));
  for (let i = 0; i < runs; i++) {
    progress(`cold start: round ${i + 1}/${runs} of ${files.length} fresh node processes`);
    for (const f of files) {
      const t = loadOnce(f);
      times.get(f)!.push(t.wallMs);
      imports.get(f)!.push(t.importMs);
      cpu.get(f)!.push(t.cpuMs);
    }
  }
  const ms = (f: string | undefined) => round(median(times.get(f)!), 1);
  const importMs = (f: string | undefined) => round(median(imports.get(f)!), 1);
  const cpuMs = (f: string | undefined) => round(median(cpu.get(f)!), 1);
  /** The median over rounds of (file − floor) in the same round: drift in the machine's load cancels in each pair. */
  const pairedOver = (samples: Map<string | undefined, number[]>, file: string, floor: string) => {
    const floorSamples = samples.get(floor)!;
    return round(median(samples.get(file)!.map((x, i) => x - floorSamples[i]!)), 1);
  };

  const bundles: BundleFigures[] = built.map((b) => {
    const floor = floors.get(b.floor)!;
    const addedKB = round((b.bytes - floor.bytes) / 1024, 1);
    const addedMs = pairedOver(imports, b.file, floor.file);
    const api = API_LAMBDAS.has(b.lambda);
    return {
      lambda: b.lambda, bytes: b.bytes, breakdownKB: b.kb, sdkPackages: b.sdk, floorBytes: floor.bytes,
      besideKB: round(besideBytes(b.lambda) / 1024, 1),
      loadMs: importMs(b.file), floorLoadMs: importMs(floor.file), addedKB, addedMs,
      processMs: ms(b.file), floorProcessMs: ms(floor.file),
      loadCpuMs: cpuMs(b.file), floorLoadCpuMs: cpuMs(floor.file), addedCpuMs: pairedOver(cpu, b.file, floor.file),
      ...(api ? { targetKB: 60, targetMs: 15, met: addedKB <= 60 && addedMs <= 15 } : {}),
      ...(b.lambda === 'sender' ? { met: b.kb.mjml === 0 && b.bytes < 1024 * 1024 } : {}),
    };
  });
  const named = Object.fromEntries(bundles.map((b) => [camelCase(b.lambda), {
    kbOverFloor: b.addedKB, msOverFloor: b.addedMs, cpuMsOverFloor: b.addedCpuMs,
    ...(b.met === undefined ? {} : { met: b.met }),
  }]));
  // The largest template stands for the seven (one is read on the first mail of its kind); the fragments are read
  // with the first mail's template.
  const size = (path: string) => statSync(`${root}${path}`).size;
  const largestTemplate = Object.values(TEMPLATE_FILES).sort((a, b) => size(b) - size(a))[0]!;
  const besideFiles = [
    ...Object.values(CATALOGUE_FILES), largestTemplate, ...Object.values(FRAGMENT_FILES),
    ...Object.values(GAZETTEER_FILES),
  ];
  const firstUse = Object.fromEntries(besideFiles.map((path) => {
    const samples = Array.from({ length: runs }, () => firstUseOnce(path));
    return [path, { kb: round(statSync(`${root}${path}`).size / 1024, 1), ms: round(median(samples), 1) }];
  }));
  const proposalsFirstRequest = await benchFirstProposals({ runs });
  const proposals = { ...named.proposals, firstRequest: proposalsFirstRequest };
  const editorMailFirstRequest = await benchFirstPreviews({ runs });
  const editorMail = { ...named.editorMail, firstRequest: editorMailFirstRequest };
  return {
    runs, emptyNodeMs: ms(undefined), bundles, firstUse, proposalsFirstRequest,
    editorMailFirstRequest, ...named, proposals, editorMail,
  };
}

const camelCase = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
