import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { synthInputsHash } from './synth-inputs.ts';
import type { CfnTemplates } from './template.ts';

export interface SynthOptions {
  /** Changes the app after buildApp() and before synthesis (a test removing a grant); never cached. */
  customize?: (app: App) => void;
  /** CDK context on top of cdk.json's, as `-c key=value` would give it; part of the cache key. */
  context?: Record<string, unknown>;
  /** Where the cached templates live; `<repo>/.local/cache/` by default. */
  cacheDir?: string;
  /** Says whether the templates came from the cache or a synth, and how long it took. */
  log?: (line: string) => void;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** One file per input hash, so `npm start`, the tests and the benchmarks (each with its own context) don't evict each other. */
export const cacheFileFor = (cacheDir: string, key: string) => join(cacheDir, `cloud-templates-${key.slice(0, 16)}.json`);
const KEEP_CACHE_FILES = 8;

interface CacheEntry {
  key: string;
  templates: CfnTemplates;
}

/** The CloudFormation templates of infra/aws/app.ts, by stack name: from the cache when no input changed. */
export async function synthTemplates(opts: SynthOptions = {}): Promise<CfnTemplates> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const ms = () => `${Math.round(performance.now() - started)} ms`;
  if (opts.customize) {
    const templates = await synthesize(opts);
    log(`synthesized (customized, not cached) in ${ms()}`);
    return templates;
  }
  const cacheDir = opts.cacheDir ?? join(repoRoot, '.local', 'cache');
  const key = synthInputsHash(repoRoot, opts.context ?? {});
  const file = cacheFileFor(cacheDir, key);
  const cached = readCache(file);
  if (cached?.key === key) {
    log(`templates from cache in ${ms()}`);
    return cached.templates;
  }
  const templates = await synthesize(opts);
  writeCache(file, { key, templates });
  pruneCache(cacheDir);
  log(`synthesized in ${ms()}`);
  return templates;
}

/** Builds the app in process, without bundling: the templates are what `cdk synth` gives, minus the code assets. */
async function synthesize(opts: SynthOptions): Promise<CfnTemplates> {
  // Imported here so a cache hit never loads aws-cdk-lib (about 1.5 s).
  const [{ App }, { buildApp }] = await Promise.all([import('aws-cdk-lib'), import('../../aws/app.ts')]);
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const outdir = mkdtempSync(join(tmpdir(), 'datewatch-synth-'));
  const validation = process.env.CDK_VALIDATION;
  // CDK's built-in CloudFormation rule check costs seconds per synth; `cdk synth` still runs it, and cdk-nag runs here.
  process.env.CDK_VALIDATION = 'false';
  try {
    const app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...opts.context } });
    buildApp(app);
    opts.customize?.(app);
    const assembly = app.synth();
    return Object.fromEntries(assembly.stacksRecursively.map((stack) => [stack.stackName, stack.template]));
  } finally {
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
    rmSync(outdir, { recursive: true, force: true });
  }
}

function readCache(file: string): CacheEntry | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
  } catch {
    return undefined; // missing or half-written by an older version: synthesize
  }
}

/** Temp file and rename, so a test worker racing this one reads the old cache or the new, never half of one. */
/** Keeps the newest few cache files: every edit of infra/ makes a new one. */
function pruneCache(cacheDir: string): void {
  try {
    const files = readdirSync(cacheDir).filter((f) => /^cloud-templates-.*\.json$/.test(f))
      .map((f) => ({ f, at: statSync(join(cacheDir, f)).mtimeMs })).sort((a, b) => b.at - a.at);
    for (const { f } of files.slice(KEEP_CACHE_FILES)) rmSync(join(cacheDir, f), { force: true });
  } catch {
    // another process pruned first: nothing to do
  }
}

function writeCache(file: string, entry: CacheEntry): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(entry));
  renameSync(tmp, file);
}
