import {
  DomainError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError, UnauthorizedError,
  UnsupportedMediaTypeError, ValidationError, VersionConflictError, ConflictError, PreconditionRequiredError,
} from '#core/errors.ts';
import { type LogFields, noTelemetry, type Telemetry } from '#ports/telemetry.ts';
import { json } from './responses.ts';
import type { HttpResult } from './types.ts';

const statusOf = new Map<Function, number>([
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [VersionConflictError, 412],
  [ConflictError, 409],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [PreconditionRequiredError, 428],
  [RateLimitedError, 429],
]);

/** The one place where failures become HTTP: known errors keep their message, anything else is a bare 500. */
export function errorResponse(err: unknown, telemetry: Pick<Telemetry, 'error'> = noTelemetry): HttpResult {
  if (err instanceof DomainError) {
    const status = statusOf.get(err.constructor) ?? 400;
    const retryAfter = err instanceof RateLimitedError ? err.details?.retryAfterSeconds : undefined;
    return json(status, { error: err.message, ...(err.details ?? {}) }, typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {});
  }
  telemetry.error('unhandled error: answered 500', err instanceof Error ? errorFields(err) : { error: 'non-error thrown' });
  return json(500, { error: 'Internal error. The request was not completed; try again later.' });
}

/**
 * What the log says of an error: its name and message, and its cause's (what `fetch failed` or a wrapped SDK error
 * really was), which the reader's 500 never shows. The telemetry adapter masks addresses and tokens in both.
 */
function errorFields(err: Error): LogFields {
  const { cause } = err;
  const why = cause instanceof Error ? `${cause.name}: ${cause.message}`
    : cause === undefined ? undefined : String(cause);
  return { error: err.name, detail: err.message, ...(why ? { cause: why } : {}) };
}
