/**
 * The functions validate with our own schemas (lambdas/core/validate/), not zod: zod/mini took 27 KB of every
 * function's bundle, classic zod 85 KB. zod stays a build-time tool: the OpenAPI build (lambdas/openapi/) describes
 * the same schemas with it, and nothing else under lambdas/ imports zod or that build. (That no bundle holds zod is
 * checked on the bundles themselves: tests/infra/asset-files.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEventSchema } from '#core/model/event.ts';
import { subscribeSchema } from '#core/subscription-schema.ts';
import { parseWith } from '#core/validation.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourcesUnder(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** `from 'zod…'`, `import 'zod…'`, `import('zod…')`, `require('zod…')`: each way a module reaches zod. */
const ZOD_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](zod(?:[/-][^'"]*)?)['"]/g;
/** Any import of the OpenAPI build's modules, by path or subpath import. */
const OPENAPI_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"][^'"]*openapi\/[^'"]*\.ts['"]/g;

const importsOf = (pattern: RegExp) =>
  sourcesUnder(join(root, 'lambdas')).flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(pattern)].map((m) => ({
      file: relative(root, path),
      specifier: m[1] ?? m[0],
    })),
  );

describe('zod under lambdas/', () => {
  it('is imported by the OpenAPI build alone (lambdas/openapi/), which runs at build time', () => {
    const files = [...new Set(importsOf(ZOD_IMPORT).map((i) => i.file))].sort();
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !f.startsWith('lambdas/openapi/'))).toEqual([]);
  });

  it('the OpenAPI build is imported by nothing else under lambdas/', () => {
    expect(importsOf(OPENAPI_IMPORT).filter((i) => !i.file.startsWith('lambdas/openapi/'))).toEqual([]);
  });

  it('would catch zod in any of its spellings', () => {
    const found = (source: string) => [...source.matchAll(ZOD_IMPORT)].map((m) => m[1]);
    expect(
      found(`import * as z from 'zod';\nimport { z as y } from "zod/v4";\nconst c = await import('zod/mini');`),
    ).toEqual(['zod', 'zod/v4', 'zod/mini']);
    expect(found(`import 'zod';\nconst r = require('zod');\nimport type { ZodType } from 'zod-openapi';`)).toEqual([
      'zod',
      'zod',
      'zod-openapi',
    ]);
    expect(found(`import * as v from './validate/index.ts';\nimport { zodOf } from './zod-of.ts';`)).toEqual([]);
  });
});

describe("the messages no schema of ours words (classic zod's English, as before)", () => {
  const messageOf = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      return (err as Error).message;
    }
  };
  const issueOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

  it('words the checks that carry no message of ours as before', () => {
    expect(messageOf(() => parseWith(subscribeSchema, { email: 'a@example.com', website: 'x'.repeat(1001) }))).toBe(
      'Too big: expected string to have <=1000 characters',
    );
    // What the subscriber import shows of an issue (import-plan.ts reads issue.message itself).
    expect(issueOf(createEventSchema.safeParse([]))).toBe('Invalid input: expected object, received array');
    expect(issueOf(subscribeSchema.safeParse({ email: 'a@example.com', website: 5 }))).toBe(
      'Invalid input: expected string, received number',
    );
  });
});
