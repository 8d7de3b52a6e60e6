/** One error type per kind of failure; handlers/http/errors.ts maps them to HTTP statuses in one place. */
export class DomainError extends Error {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}
export class ValidationError extends DomainError {}
export class NotFoundError extends DomainError {}
export class VersionConflictError extends DomainError {}
/** The thing to create exists already (an id taken). */
export class ConflictError extends DomainError {}
export class UnauthorizedError extends DomainError {}
export class ForbiddenError extends DomainError {}
export class UnsupportedMediaTypeError extends DomainError {}
export class PayloadTooLargeError extends DomainError {}
export class RateLimitedError extends DomainError {}
export class PreconditionRequiredError extends DomainError {}
