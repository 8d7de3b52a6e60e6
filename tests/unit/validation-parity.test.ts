/**
 * The handlers' request schemas (core/validate/) answer as they did when they were zod/mini schemas: for each of
 * some 23,000 inputs (tests/support/validation-cases.ts), the same 4xx message and issues from parseWith, the same
 * issues from safeParse (code, path, message) and the same parsed value as the answers recorded with zod.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allAnswers, ANSWERS_FILE } from '../support/validation-cases.ts';

interface Recorded {
  schema: string;
  input: string;
  answer: unknown;
}

describe('request validation, beside the answers recorded with zod', () => {
  const recorded = JSON.parse(gunzipSync(readFileSync(ANSWERS_FILE)).toString('utf8')) as Recorded[];
  const today = allAnswers();

  it('asks the same inputs as were recorded', () => {
    expect(today.length).toBe(recorded.length);
    expect(today.map((a) => `${a.schema} ${a.input}`)).toEqual(recorded.map((a) => `${a.schema} ${a.input}`));
  });

  it('answers each of them as zod did, word for word', () => {
    const differing = today.filter((a, i) => JSON.stringify(a.answer) !== JSON.stringify(recorded[i]!.answer));
    // The first few differences in full, so a failure says what changed.
    expect(differing.slice(0, 5).map((a) => ({ ...a, recorded: recorded[today.indexOf(a)]!.answer }))).toEqual([]);
    expect(recorded.length).toBeGreaterThan(20_000);
  });
});
