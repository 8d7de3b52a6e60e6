import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFileFor, synthTemplates } from '#local/cloud/synth.ts';
import { repoRoot } from '../../infra/aws/datewatch-function.ts';
import { synthInputsHash } from '#local/cloud/synth-inputs.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cloud-synth-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs one synthTemplates call and says where its templates came from. */
async function timed(opts: Parameters<typeof synthTemplates>[0]) {
  const lines: string[] = [];
  const started = performance.now();
  const templates = await synthTemplates({ ...opts, log: (line) => lines.push(line) });
  return { templates, ms: performance.now() - started, source: lines.join(' ') };
}

const senderEmail = (templates: Awaited<ReturnType<typeof synthTemplates>>) =>
  Object.values(templates.DatewatchStateless!.Resources)
    .map((r) => (r.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.SENDER_EMAIL)
    .find((v) => v !== undefined);

describe('synthTemplates', () => {
  const cacheDir = join(scratch, 'cache');

  it('synthesizes both stacks once, then serves them from the cache', async () => {
    const cold = await timed({ cacheDir });
    const warm = await timed({ cacheDir });

    expect(Object.keys(cold.templates).sort()).toEqual(['DatewatchStateful', 'DatewatchStateless']);
    expect(cold.source).toMatch(/^synthesized in/);
    expect(warm.source).toMatch(/^templates from cache in/);
    expect(warm.templates).toEqual(cold.templates);
  });

  it('synthesizes again when an input changes, here the context', async () => {
    await timed({ cacheDir });
    const changed = await timed({ cacheDir, context: { senderEmail: 'news@example.org' } });

    expect(changed.source).toMatch(/^synthesized in/);
    expect(senderEmail(changed.templates)).toBe('news@example.org');
    expect((await timed({ cacheDir, context: { senderEmail: 'news@example.org' } })).source).toMatch(/from cache/);
  });

  it('synthesizes again when the cache file is unreadable or for another key', async () => {
    const file = cacheFileFor(cacheDir, synthInputsHash(repoRoot, {}));
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), key: 'stale' }));
    expect((await timed({ cacheDir })).source).toMatch(/^synthesized/);
    writeFileSync(file, '{"key": "half a fi');
    expect((await timed({ cacheDir })).source).toMatch(/^synthesized/);
  });

  it('never caches a customized app', async () => {
    const own = join(scratch, 'customized');
    const custom = await timed({ cacheDir: own, customize: () => {} });
    expect(custom.source).toMatch(/customized, not cached/);
    expect((await timed({ cacheDir: own })).source).toMatch(/^synthesized in/);
  });
});

describe('the cache key', () => {
  /** A tiny repository: an app that imports a route table, a handler folder, a lock file. */
  function repo(): string {
    const root = mkdtempSync(join(scratch, 'repo-'));
    for (const dir of ['infra/aws', 'lambdas/functions', 'lambdas/data', 'lambdas/core']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ imports: { '#core/*': './lambdas/core/*' } }));
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'infra/aws/app.ts'), "import { routes } from '../../lambdas/routes.ts';\nimport type { X } from '#core/x.ts';\n");
    writeFileSync(join(root, 'lambdas/routes.ts'), 'export const routes = [];\n');
    writeFileSync(join(root, 'lambdas/core/x.ts'), 'export type X = 1;\n');
    writeFileSync(join(root, 'lambdas/core/unrelated.ts'), 'export const y = 1;\n');
    writeFileSync(join(root, 'lambdas/functions/sender.ts'), 'export const handler = 1;\n');
    return root;
  }

  it('changes with what the app imports (relative or #alias), its data, context and handler names', () => {
    const root = repo();
    const before = synthInputsHash(root, {});
    const change = (file: string, text: string) => {
      writeFileSync(join(root, file), text);
      return synthInputsHash(root, {});
    };
    expect(synthInputsHash(root, { senderEmail: 'x' })).not.toBe(before);
    const afterRoutes = change('lambdas/routes.ts', 'export const routes = [1];\n');
    expect(afterRoutes).not.toBe(before);
    const afterAlias = change('lambdas/core/x.ts', 'export type X = 2;\n');
    expect(afterAlias).not.toBe(afterRoutes);
    const afterData = change('lambdas/data/story.json', '{}');
    expect(afterData).not.toBe(afterAlias);
    const afterNewHandler = change('lambdas/functions/seed.ts', '');
    expect(afterNewHandler).not.toBe(afterData);
  });

  it('ignores what synth does not read: handler code (bundling is skipped) and unimported modules', () => {
    const root = repo();
    const before = synthInputsHash(root, {});
    writeFileSync(join(root, 'lambdas/functions/sender.ts'), 'export const handler = 2;\n');
    writeFileSync(join(root, 'lambdas/core/unrelated.ts'), 'export const y = 2;\n');
    expect(synthInputsHash(root, {})).toBe(before);
  });
});
