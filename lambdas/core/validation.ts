import { safeParse, type core } from './zod.ts';
import { ValidationError } from './errors.ts';

/** Parses with a zod schema; failures become a ValidationError whose message names each field. */
export function parseWith<S extends core.$ZodType>(schema: S, value: unknown): core.output<S> {
  // reportInput: each issue keeps the value it is about, so a field of the wrong type is told from a missing one.
  const result = safeParse(schema, value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((i) => {
    const field = i.path.length ? i.path.join('.') : undefined;
    const message = i.code === 'unrecognized_keys'
      ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}; remove ${i.keys.length > 1 ? 'them' : 'it'}`
      : i.code === 'invalid_type' ? wrongType(i, field) : i.message;
    return { field: field ?? (i.code === 'unrecognized_keys' ? i.keys.join(',') : '(body)'), message };
  });
  throw new ValidationError(issues.map((i) => i.message).join('; '), { issues });
}

/**
 * A missing field is required; a field of the wrong type is named with the type it must be, even where the schema's
 * own message says "is required" (`z.string({ error: 'email is required' })` answers a number with it too).
 */
function wrongType(i: core.$ZodIssueInvalidType, field: string | undefined): string {
  if (i.input === undefined) return `${field ?? 'value'} is required`;
  if (!/\bis required\b/.test(i.message)) return i.message;
  const a = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
  const got = i.input === null ? 'null' : Array.isArray(i.input) ? 'an array' : a(typeof i.input);
  return i.message.replace(/\bis required\b/, `must be ${a(i.expected)}, not ${got}`);
}
