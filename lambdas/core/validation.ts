import type { Infer, Issue, Schema } from './validate/index.ts';
import { ValidationError } from './errors.ts';

/** Parses with a request schema (validate/); failures become a ValidationError whose message names each field. */
export function parseWith<S extends Schema>(schema: S, value: unknown): Infer<S> {
  // Each issue keeps the value it is about, so a field of the wrong type is told from a missing one.
  const result = schema.safeParse(value);
  if (result.success) return result.data as Infer<S>;
  const issues = result.error.issues.slice(0, 10).map((i) => {
    const field = i.path.length ? i.path.join('.') : undefined;
    const keys = i.keys ?? [];
    const message = i.code === 'unrecognized_keys'
      ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}; remove ${keys.length > 1 ? 'them' : 'it'}`
      : i.code === 'invalid_type' ? wrongType(i, field) : i.message;
    return { field: field ?? (i.code === 'unrecognized_keys' ? keys.join(',') : '(body)'), message };
  });
  throw new ValidationError(issues.map((i) => i.message).join('; '), { issues });
}

/**
 * A missing field is required; a field of the wrong type is named with the type it must be, even where the schema's
 * own message says "is required" (`v.string({ error: 'email is required' })` answers a number with it too).
 */
function wrongType(i: Issue, field: string | undefined): string {
  if (i.input === undefined) return `${field ?? 'value'} is required`;
  if (!/\bis required\b/.test(i.message)) return i.message;
  const a = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
  const got = i.input === null ? 'null' : Array.isArray(i.input) ? 'an array' : a(typeof i.input);
  return i.message.replace(/\bis required\b/, `must be ${a(i.expected ?? 'value')}, not ${got}`);
}
