/** The checks a schema runs after its own test, in order (see Schema.run for which run after a failure). */
import type { Check, Payload } from './issues.ts';

interface Params {
  error?: string;
}

/** Length in code points for a string (an emoji is one character), in items for an array. */
function lengthOf(value: string | unknown[]): number {
  if (typeof value !== 'string') return value.length;
  let count = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}
const originOf = (value: unknown) =>
  Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'unknown';
/** The length checks also run after a failed type test, on any value with a length (as zod's do). */
const hasLength = (p: Payload) =>
  p.value !== null && p.value !== undefined && (p.value as { length?: unknown }).length !== undefined;

/** Replaces the string with itself trimmed: the checks after it see the trimmed string, and so does the caller. */
export const trim = (): Check<string> => ({
  kind: 'trim',
  run(p) {
    p.value = (p.value as string).trim();
  },
});

export const minLength = (minimum: number, params: Params = {}): Check<{ length: number }> => ({
  kind: 'minLength',
  error: params.error,
  when: hasLength,
  limit: minimum,
  run(p, value) {
    if (lengthOf(value as string) >= minimum) return;
    p.issues.push({
      code: 'too_small',
      origin: originOf(value),
      minimum,
      input: value,
      raisedBy: this,
      continue: true,
    });
  },
});

export const maxLength = (maximum: number, params: Params = {}): Check<{ length: number }> => ({
  kind: 'maxLength',
  error: params.error,
  when: hasLength,
  limit: maximum,
  run(p, value) {
    if (lengthOf(value as string) <= maximum) return;
    p.issues.push({ code: 'too_big', origin: originOf(value), maximum, input: value, raisedBy: this, continue: true });
  },
});

export const regex = (pattern: RegExp, params: Params = {}): Check<string> => ({
  kind: 'regex',
  error: params.error,
  pattern,
  run(p, value) {
    pattern.lastIndex = 0;
    if (pattern.test(value)) return;
    p.issues.push({ code: 'invalid_format', pattern: String(pattern), input: value, raisedBy: this, continue: true });
  },
});

/** A rule of ours; `path` puts its issue on a field of the object it checks (e.g. `['to']` of a range). */
export const refine = <T>(test: (value: T) => unknown, params: Params & { path?: PropertyKey[] } = {}): Check<T> => ({
  kind: 'refine',
  error: params.error,
  test,
  ...(params.path ? { path: params.path } : {}),
  run(p, value) {
    if (test(value)) return;
    p.issues.push({ code: 'custom', input: value, path: [...(params.path ?? [])], raisedBy: this, continue: true });
  },
});
