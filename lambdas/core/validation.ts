import { safeParse, type core } from './zod.ts';
import { ValidationError } from './errors.ts';

/** Parses with a zod schema; failures become a ValidationError whose message names each field. */
export function parseWith<S extends core.$ZodType>(schema: S, value: unknown): core.output<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((i) => {
    const field = i.path.length ? i.path.join('.') : undefined;
    const message = i.code === 'unrecognized_keys'
      ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}; remove ${i.keys.length > 1 ? 'them' : 'it'}`
      : i.code === 'invalid_type' && i.input === undefined ? `${field ?? 'value'} is required` : i.message;
    return { field: field ?? (i.code === 'unrecognized_keys' ? i.keys.join(',') : '(body)'), message };
  });
  throw new ValidationError(issues.map((i) => i.message).join('; '), { issues });
}
