/**
 * The request schemas' machinery: a string, a boolean, an enum, a literal, an array, an object (strict or loose),
 * optional, nullable, a default, a union, a pipe into a transform, lazy; and the checks of checks.ts. Exactly what
 * the handlers' schemas use, answering as zod 4 did when they were written with it (which checks run after which
 * failure, which message an issue carries): tests/unit/validation-parity.test.ts compares the answers case by case.
 * Each node keeps its arguments, so the OpenAPI build (lambdas/openapi/zod-of.ts) can describe it.
 */
import type { Check, Issue, Payload, RawIssue } from './issues.ts';
import { localeMessage } from './messages.ts';

/** Whether an absent key is fine (`optional`), or filled in (`defaulted`). */
export type Presence = 'optional' | 'defaulted' | undefined;

export type SafeParseResult<O> =
  | { success: true; data: O; error?: undefined }
  | { success: false; data?: undefined; error: { issues: Issue[] } };

const isAborted = (p: Payload, from = 0): boolean =>
  p.aborted === true || p.issues.slice(from).some((i) => i.continue !== true);

export abstract class Schema<O = unknown> {
  /** The parsed value's type (never set: read by Infer). */
  declare readonly output: O;
  abstract readonly kind: string;
  readonly checks: readonly Check[] = [];
  readonly error: string | undefined;
  constructor(error?: string) {
    this.error = error;
  }

  /** Whether an absent key is fine (`optional`), or filled in (`defaulted`). */
  get optin(): Presence {
    return undefined;
  }
  get optout(): 'optional' | undefined {
    return undefined;
  }

  /** The schema's own test of the value (its type, its fields), before its checks. */
  protected abstract take(payload: Payload): Payload;

  run(payload: Payload): Payload {
    const result = this.take(payload);
    if (this.checks.length === 0) return result;
    let aborted = isAborted(result);
    for (const check of this.checks) {
      if (check.when) {
        if (result.aborted || result.issues.some((i) => i.continue === false) || !check.when(result)) continue;
      } else if (aborted) continue;
      const before = result.issues.length;
      check.run(result, result.value);
      if (result.issues.length === before) continue;
      for (const issue of result.issues.slice(before)) issue.owner ??= this;
      aborted ||= isAborted(result, before);
    }
    return result;
  }

  /** The same schema with more checks, run in order after its own (a new schema: this one is unchanged). */
  check(...checks: Check<O>[]): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this, { checks: [...this.checks, ...checks] });
    return copy;
  }

  safeParse(value: unknown): SafeParseResult<O> {
    const result = this.run({ value, issues: [] });
    if (result.issues.length === 0) return { success: true, data: result.value as O };
    return { success: false, error: { issues: result.issues.map(finalize) } };
  }

  /** The parsed value, or an Error whose message lists every issue's. */
  parse(value: unknown): O {
    const result = this.safeParse(value);
    if (result.success) return result.data;
    throw new Error(
      result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; '),
    );
  }
}

function finalize(raw: RawIssue): Issue {
  const { raisedBy, owner, continue: _, path = [], ...rest } = raw;
  const message = raisedBy?.error ?? (owner !== raisedBy ? owner?.error : undefined) ?? localeMessage(raw);
  return { ...rest, path, message };
}

export type Infer<S extends Schema> = S['output'];

const prefixed = (key: PropertyKey, issues: RawIssue[]): RawIssue[] =>
  issues.map((issue) => {
    (issue.path ??= []).unshift(key);
    return issue;
  });

export class StringSchema extends Schema<string> {
  readonly kind = 'string';
  protected take(p: Payload): Payload {
    if (typeof p.value !== 'string')
      p.issues.push({ code: 'invalid_type', expected: 'string', input: p.value, raisedBy: this });
    return p;
  }
}

export class BooleanSchema extends Schema<boolean> {
  readonly kind = 'boolean';
  protected take(p: Payload): Payload {
    if (typeof p.value !== 'boolean')
      p.issues.push({ code: 'invalid_type', expected: 'boolean', input: p.value, raisedBy: this });
    return p;
  }
}

/** One of the values (an enum), or the one value (a literal). */
export class ValuesSchema<T extends string> extends Schema<T> {
  constructor(
    readonly kind: 'enum' | 'literal',
    readonly values: readonly T[],
    error?: string,
  ) {
    super(error);
  }
  protected take(p: Payload): Payload {
    if (!(this.values as readonly unknown[]).includes(p.value)) {
      p.issues.push({ code: 'invalid_value', values: this.values, input: p.value, raisedBy: this });
    }
    return p;
  }
}

export class ArraySchema<E extends Schema> extends Schema<Infer<E>[]> {
  readonly kind = 'array';
  constructor(
    readonly element: E,
    error?: string,
  ) {
    super(error);
  }
  protected take(p: Payload): Payload {
    const input = p.value;
    if (!Array.isArray(input)) {
      p.issues.push({ code: 'invalid_type', expected: 'array', input, raisedBy: this });
      return p;
    }
    // Longer than a leading maxLength allows: that one issue, and no item is read (a huge list costs nothing).
    const cap = leadingLengthChecks(this.checks).find((c) => c.kind === 'maxLength' && input.length > c.limit!);
    if (cap) {
      const start = p.issues.length;
      cap.run(p, input);
      p.issues[start]!.continue = false;
      p.issues[start]!.owner ??= this;
      return p;
    }
    const out: unknown[] = Array(input.length);
    p.value = out;
    input.forEach((item: unknown, index) => {
      const result = this.element.run({ value: item, issues: [] });
      if (result.issues.length) p.issues.push(...prefixed(index, result.issues));
      out[index] = result.value;
    });
    return p;
  }
}

/** The checks before the first that is not a length check: a list's cap is read from those alone. */
function leadingLengthChecks(checks: readonly Check[]): readonly Check[] {
  const end = checks.findIndex((c) => c.kind !== 'minLength' && c.kind !== 'maxLength');
  return end === -1 ? checks : checks.slice(0, end);
}

export type Shape = Record<string, Schema>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<Schema> ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOutput<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** An object of the shape's fields; `strict` refuses any other key, `loose` keeps it as it is. */
export class ObjectSchema<S extends Shape, O = ObjectOutput<S>> extends Schema<O> {
  readonly kind = 'object';
  constructor(
    readonly shape: S,
    readonly unknownKeys: 'strict' | 'loose',
    error?: string,
  ) {
    super(error);
  }
  protected take(p: Payload): Payload {
    const input = p.value;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      p.issues.push({ code: 'invalid_type', expected: 'object', input, raisedBy: this });
      return p;
    }
    const fields = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    p.value = out;
    for (const [key, field] of Object.entries(this.shape)) {
      if (key === '__proto__') continue;
      const result = field.run({ value: fields[key], issues: [] });
      propertyResult(result, p, out, key, key in fields, field.optin, field.optout);
    }
    const unrecognized: string[] = [];
    for (const key in fields) {
      if (Object.hasOwn(this.shape, key)) continue;
      if (this.unknownKeys === 'strict') unrecognized.push(key);
      else if (key !== '__proto__') out[key] = fields[key];
    }
    if (unrecognized.length) {
      p.issues.push({ code: 'unrecognized_keys', keys: unrecognized, input, raisedBy: this, continue: true });
    }
    return p;
  }
}

/** A field's answer into its object: an absent optional key stays absent; an absent required key is an issue. */
function propertyResult(
  result: Payload,
  p: Payload,
  out: Record<string, unknown>,
  key: string,
  present: boolean,
  optin: Presence,
  optout: string | undefined,
): void {
  const optionalOut = optout === 'optional';
  if (!present && optionalOut && optin === 'optional') return;
  if (result.issues.length) {
    if (optin !== undefined && optionalOut && !present) return;
    p.issues.push(...prefixed(key, result.issues));
  }
  if (!present && optin === undefined) {
    if (!result.issues.length)
      p.issues.push({ code: 'invalid_type', expected: 'nonoptional', input: undefined, path: [key] });
    return;
  }
  if (result.value !== undefined) out[key] = result.value;
  else if (present || (optin === 'defaulted' && !optionalOut)) out[key] = undefined;
}

export class OptionalSchema<S extends Schema> extends Schema<Infer<S> | undefined> {
  readonly kind = 'optional';
  constructor(readonly inner: S) {
    super();
  }
  override get optin(): Presence {
    return this.inner.optin === 'defaulted' ? 'defaulted' : 'optional';
  }
  override get optout(): 'optional' {
    return 'optional';
  }
  protected take(p: Payload): Payload {
    if (p.value !== undefined) return this.inner.run(p);
    if (this.inner.optin !== 'defaulted') return p;
    const result = this.inner.run({ value: undefined, issues: [] });
    p.value = result.issues.length ? undefined : result.value;
    return p;
  }
}

export class NullableSchema<S extends Schema> extends Schema<Infer<S> | null> {
  readonly kind = 'nullable';
  constructor(readonly inner: S) {
    super();
  }
  override get optin(): Presence {
    return this.inner.optin;
  }
  override get optout(): 'optional' | undefined {
    return this.inner.optout;
  }
  protected take(p: Payload): Payload {
    return p.value === null ? p : this.inner.run(p);
  }
}

export class DefaultSchema<S extends Schema> extends Schema<Exclude<Infer<S>, undefined>> {
  readonly kind = 'default';
  constructor(
    readonly inner: S,
    readonly defaultValue: Exclude<Infer<S>, undefined>,
  ) {
    super();
  }
  override get optin(): Presence {
    return 'defaulted';
  }
  /** A fresh copy of an array default each time, so no caller shares it. */
  private fresh(): unknown {
    return Array.isArray(this.defaultValue) ? [...this.defaultValue] : this.defaultValue;
  }
  protected take(p: Payload): Payload {
    if (p.value === undefined) {
      p.value = this.fresh();
      return p;
    }
    const result = this.inner.run(p);
    if (result.value === undefined) result.value = this.fresh();
    return result;
  }
}

/** The first option that takes the value; when none does, one issue with the union's message. */
export class UnionSchema<S extends readonly Schema[]> extends Schema<Infer<S[number]>> {
  readonly kind = 'union';
  constructor(
    readonly options: S,
    error?: string,
  ) {
    super(error);
  }
  override get optin(): Presence {
    if (this.options.some((o) => o.optin === 'defaulted')) return 'defaulted';
    return this.options.some((o) => o.optin !== undefined) ? 'optional' : undefined;
  }
  override get optout(): 'optional' | undefined {
    return this.options.some((o) => o.optout === 'optional') ? 'optional' : undefined;
  }
  protected take(p: Payload): Payload {
    if (this.options.length === 1) return this.options[0]!.run(p);
    const results: Payload[] = [];
    for (const option of this.options) {
      const result = option.run({ value: p.value, issues: [] });
      if (result.issues.length === 0) return result;
      results.push(result);
    }
    const standing = results.filter((r) => !isAborted(r));
    if (standing.length === 1) {
      p.value = standing[0]!.value;
      return standing[0]!;
    }
    p.issues.push({ code: 'invalid_union', input: p.value, raisedBy: this });
    return p;
  }
}

/** The value through `from`, then (if it passed) through `to`: a check, then a transform. */
export class PipeSchema<A extends Schema, B extends Schema> extends Schema<Infer<B>> {
  readonly kind = 'pipe';
  constructor(
    readonly from: A,
    readonly to: B,
  ) {
    super();
  }
  override get optin(): Presence {
    return this.from.optin;
  }
  override get optout(): 'optional' | undefined {
    return this.to.optout;
  }
  protected take(p: Payload): Payload {
    const left = this.from.run(p);
    if (left.issues.some((i) => i.code !== 'unrecognized_keys')) {
      left.aborted = true;
      return left;
    }
    return this.to.run({ value: left.value, issues: left.issues });
  }
}

export class TransformSchema<I, O> extends Schema<O> {
  readonly kind = 'transform';
  constructor(readonly transform: (value: I) => O) {
    super();
  }
  override get optin(): Presence {
    return 'optional';
  }
  protected take(p: Payload): Payload {
    p.value = this.transform(p.value as I);
    return p;
  }
}

/** A schema built on its first use, then kept (the handlers' schemas are: see core/model/event.ts). */
export class LazySchema<S extends Schema> extends Schema<Infer<S>> {
  readonly kind = 'lazy';
  private built: S | undefined;
  constructor(private readonly getter: () => S) {
    super();
  }
  get inner(): S {
    this.built ??= this.getter();
    return this.built;
  }
  override get optin(): Presence {
    return this.inner.optin;
  }
  override get optout(): 'optional' | undefined {
    return this.inner.optout;
  }
  protected take(p: Payload): Payload {
    return this.inner.run(p);
  }
}
