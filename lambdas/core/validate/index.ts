/**
 * Our request validation, written as the handlers' schemas read: `v.strictObject({ title: v.optional(text(…)) })`,
 * `v.string({ error }).check(v.trim(), v.maxLength(200, { error }))`. A few KB where zod/mini took 27 in each
 * function; what it answers is zod's, word for word (schema.ts). Build-time code may describe these schemas with zod
 * (lambdas/openapi/zod-of.ts); nothing a handler imports reaches zod (tests/unit/zod-imports.test.ts).
 */
import {
  ArraySchema,
  BooleanSchema,
  DefaultSchema,
  LazySchema,
  NullableSchema,
  ObjectSchema,
  OptionalSchema,
  PipeSchema,
  type Infer,
  type ObjectOutput,
  type Schema,
  type Shape,
  StringSchema,
  TransformSchema,
  UnionSchema,
  ValuesSchema,
} from './schema.ts';

export { maxLength, minLength, refine, regex, trim } from './checks.ts';
export type { Check, Issue } from './issues.ts';
export type { Infer, SafeParseResult, Schema } from './schema.ts';
export type { OptionalSchema, LazySchema, ObjectSchema } from './schema.ts';

interface Params {
  error?: string;
}

export const string = (params: Params = {}) => new StringSchema(params.error);
export const boolean = (params: Params = {}) => new BooleanSchema(params.error);
export const enumOf = <const T extends string>(values: readonly T[], params: Params = {}) =>
  new ValuesSchema('enum', values, params.error);
export const literal = <const T extends string>(value: T, params: Params = {}) =>
  new ValuesSchema('literal', [value], params.error);
export const array = <E extends Schema>(element: E, params: Params = {}) => new ArraySchema(element, params.error);
export const strictObject = <S extends Shape>(shape: S, params: Params = {}) =>
  new ObjectSchema(shape, 'strict', params.error);
export const looseObject = <S extends Shape>(shape: S, params: Params = {}) =>
  new ObjectSchema<S, ObjectOutput<S> & Record<string, unknown>>(shape, 'loose', params.error);
export const optional = <S extends Schema>(inner: S) => new OptionalSchema(inner);
export const nullable = <S extends Schema>(inner: S) => new NullableSchema(inner);
/** The value when the key is absent (an array is copied for each parse). */
export const withDefault = <S extends Schema>(inner: S, value: Exclude<Infer<S>, undefined>) =>
  new DefaultSchema(inner, value);
export const union = <const S extends readonly Schema[]>(options: S, params: Params = {}) =>
  new UnionSchema(options, params.error);
export const pipe = <A extends Schema, B extends Schema>(from: A, to: B) => new PipeSchema(from, to);
export const transform = <I, O>(fn: (value: I) => O) => new TransformSchema(fn);
export const lazy = <S extends Schema>(getter: () => S) => new LazySchema(getter);
