/**
 * The handlers' request schemas (core/validate/) as zod schemas, for zod-openapi to describe: node for node, with
 * the same arguments, so the document says what it said when the handlers validated with zod. Build-time only
 * (npm run build:openapi): no function bundles it. The same node gives the same zod schema each time, so a schema
 * used in two places is one schema to zod-openapi, as before.
 */
import * as z from 'zod/mini';
import type { Check, Schema } from '#core/validate/index.ts';
import {
  ArraySchema,
  BooleanSchema,
  DefaultSchema,
  LazySchema,
  NullableSchema,
  ObjectSchema,
  OptionalSchema,
  PipeSchema,
  StringSchema,
  TransformSchema,
  UnionSchema,
  ValuesSchema,
} from '#core/validate/schema.ts';

const converted = new WeakMap<Schema, z.ZodMiniType>();
const params = (error: string | undefined) => (error === undefined ? undefined : { error });

function checkOf(check: Check): z.core.$ZodCheck<unknown> {
  switch (check.kind) {
    case 'trim':
      return z.trim() as z.core.$ZodCheck<unknown>;
    case 'minLength':
      return z.minLength(check.limit!, params(check.error));
    case 'maxLength':
      return z.maxLength(check.limit!, params(check.error));
    case 'regex':
      return z.regex(check.pattern!, params(check.error)) as z.core.$ZodCheck<unknown>;
    case 'refine':
      return z.refine(check.test!, { error: check.error, ...(check.path ? { path: check.path } : {}) });
  }
}

function build(schema: Schema): z.ZodMiniType {
  if (schema instanceof StringSchema) return z.string(params(schema.error));
  if (schema instanceof BooleanSchema) return z.boolean(params(schema.error));
  if (schema instanceof ValuesSchema) {
    return schema.kind === 'literal'
      ? z.literal(schema.values[0]!)
      : z.enum(schema.values as [string, ...string[]], params(schema.error));
  }
  if (schema instanceof ArraySchema) return z.array(zodOf(schema.element), params(schema.error));
  if (schema instanceof ObjectSchema) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, Schema>).map(([k, s]) => [k, zodOf(s)]),
    );
    return schema.unknownKeys === 'strict'
      ? z.strictObject(shape, params(schema.error))
      : z.looseObject(shape, params(schema.error));
  }
  if (schema instanceof OptionalSchema) return z.optional(zodOf(schema.inner));
  if (schema instanceof NullableSchema) return z.nullable(zodOf(schema.inner));
  if (schema instanceof DefaultSchema) return z._default(zodOf(schema.inner), schema.defaultValue as never);
  if (schema instanceof UnionSchema) return z.union(schema.options.map(zodOf), params(schema.error));
  if (schema instanceof PipeSchema) return z.pipe(zodOf(schema.from), zodOf(schema.to));
  if (schema instanceof TransformSchema) return z.transform(schema.transform);
  if (schema instanceof LazySchema) return z.lazy(() => zodOf(schema.inner));
  throw new Error(`no zod schema for a ${schema.kind}`);
}

/** The zod schema of one of ours, checks and all. */
export function zodOf(schema: Schema): z.ZodMiniType {
  let zod = converted.get(schema);
  if (!zod) {
    const base = build(schema);
    zod = schema.checks.length ? base.check(...schema.checks.map(checkOf)) : base;
    converted.set(schema, zod);
  }
  return zod;
}

/** The object a lazy schema of ours stands for, as zod's (what the document lists field by field). */
export const zodObjectOf = (schema: LazySchema<ObjectSchema<never>> | Schema): z.ZodMiniObject =>
  zodOf(schema instanceof LazySchema ? schema.inner : schema) as z.ZodMiniObject;
