/**
 * The functions validate with zod/mini (lambdas/core/zod.ts says why): classic zod weighs about 85 KB in every
 * bundle and builds schemas at twice the cost. Every import of the zod package under lambdas/ goes through
 * core/zod.ts, which takes zod/mini and the English messages, never classic zod ('zod', 'zod/v4', 'zod/v4/classic').
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
const ZOD_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](zod(?:\/[^'"]*)?)['"]/g;

function zodImports(): { file: string; specifier: string }[] {
  return sourcesUnder(join(root, 'lambdas')).flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(ZOD_IMPORT)]
      .map((m) => ({ file: relative(root, path), specifier: m[1]! })));
}

describe('zod under lambdas/', () => {
  it('is imported from the zod package by lambdas/core/zod.ts alone, as zod/mini and its English messages', () => {
    expect(zodImports()).toEqual([
      { file: 'lambdas/core/zod.ts', specifier: 'zod/mini' },
      { file: 'lambdas/core/zod.ts', specifier: 'zod/v4/locales/en.js' },
      { file: 'lambdas/core/zod.ts', specifier: 'zod/mini' },
    ]);
  });

  it('would catch classic zod in any of its spellings', () => {
    const found = (source: string) => [...source.matchAll(ZOD_IMPORT)].map((m) => m[1]);
    const classic = `import * as z from 'zod';\nimport { z as y } from "zod/v4";\n`
      + `const c = await import('zod/v4/classic');`;
    expect(found(classic))
      .toEqual(['zod', 'zod/v4', 'zod/v4/classic']);
    expect(found(`import 'zod';\nconst r = require('zod');\nimport type { ZodType } from 'zod';`))
      .toEqual(['zod', 'zod', 'zod']);
    expect(found(`import * as z from './zod.ts';\nimport { createDocument } from 'zod-openapi';`)).toEqual([]);
  });
});

describe('zod/mini with classic zod\'s English messages (core/zod.ts)', () => {
  const messageOf = (run: () => unknown) => { try { run(); } catch (err) { return (err as Error).message; } };
  const issueOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

  it('words the checks that carry no message of ours as before', () => {
    expect(messageOf(() => parseWith(subscribeSchema, { email: 'a@example.com', website: 'x'.repeat(1001) })))
      .toBe('Too big: expected string to have <=1000 characters');
    // What the subscriber import shows of an issue (import-plan.ts reads issue.message itself).
    expect(issueOf(createEventSchema.safeParse([]))).toBe('Invalid input: expected object, received array');
    expect(issueOf(subscribeSchema.safeParse({ email: 'a@example.com', website: 5 })))
      .toBe('Invalid input: expected string, received number');
  });
});
