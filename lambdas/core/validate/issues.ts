/** What a schema raises and what a check is (schema.ts runs them; messages.ts words an issue). */

export type IssueCode =
  | 'invalid_type'
  | 'too_big'
  | 'too_small'
  | 'invalid_format'
  | 'invalid_value'
  | 'invalid_union'
  | 'unrecognized_keys'
  | 'custom';

/** An issue as it is raised, before its message is chosen. */
export interface RawIssue {
  code: IssueCode;
  input: unknown;
  path?: PropertyKey[];
  /** true: the checks after it still run (a check's failure); absent: later checks are skipped. */
  continue?: boolean;
  expected?: string;
  keys?: string[];
  origin?: string;
  maximum?: number;
  minimum?: number;
  values?: readonly unknown[];
  pattern?: string;
  /** What raised it (a schema or a check), and the schema whose checks it came from: their errors word it. */
  raisedBy?: { readonly error?: string | undefined };
  owner?: { readonly error?: string | undefined };
}

export interface Issue {
  code: IssueCode;
  path: PropertyKey[];
  message: string;
  /** The value the issue is about (undefined: the field is missing). */
  input: unknown;
  expected?: string;
  keys?: string[];
}

export interface Payload {
  value: unknown;
  issues: RawIssue[];
  /** Set by a pipe whose first half failed: no check after it runs. */
  aborted?: boolean;
}

/** A check on a value that passed (or, for the length checks, merely has a length): see checks.ts. */
export interface Check<in T = unknown> {
  readonly kind: 'trim' | 'minLength' | 'maxLength' | 'regex' | 'refine';
  readonly error?: string | undefined;
  /** Runs even after a failure, when this says so (the length checks: any value with a length). */
  readonly when?: (payload: Payload) => boolean;
  /** What the OpenAPI build reads: a length check's bound, a regex, a rule's test and the field it names. */
  readonly limit?: number;
  readonly pattern?: RegExp;
  readonly test?: (value: T) => unknown;
  readonly path?: PropertyKey[];
  run(payload: Payload, value: T): void;
}
