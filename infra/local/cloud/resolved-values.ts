import type { Resolved } from './environment.ts';
import type { PolicyDocument } from './model.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON policy or redrive value CloudFormation accepts either as an object or as a JSON string. */
export function objectOrJson(value: Resolved | undefined, what: string): Record<string, Resolved> | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!isObject(parsed)) throw new Error(`${what} must be an object`);
  return parsed as Record<string, Resolved>;
}

/** A policy document with `Statement` always a list, as written otherwise. */
export function documentOf(value: Resolved | undefined): PolicyDocument {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { Version?: string; Statement?: unknown } | undefined;
  if (!parsed || parsed.Statement === undefined) throw new Error(`A policy document without Statement: ${JSON.stringify(value)}`);
  return { ...parsed, Statement: [parsed.Statement].flat() } as PolicyDocument;
}
