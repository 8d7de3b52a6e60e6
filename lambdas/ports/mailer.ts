export interface OutgoingMessage {
  to: string;
  /** A complete RFC 5322 message (headers and MIME body). */
  raw: string;
}

export interface Mailer {
  /** Hands the message to the transport; resolves with the transport's message id. */
  sendRaw(message: OutgoingMessage): Promise<{ messageId: string }>;
}

/** The transport asked us to slow down (SES Throttling / MaxSendingRateExceeded): retry later, nothing was sent. */
export class MailerThrottledError extends Error {
  constructor(message = 'the mail transport is throttling') { super(message); this.name = 'MailerThrottledError'; }
}

/** The transport refused this message to this reader for good (a suppressed or malformed address): retrying will not help. */
export class MailerRejectedError extends Error {
  constructor(message: string) { super(message); this.name = 'MailerRejectedError'; }
}

/**
 * This function may not send (SES AccessDenied: its role lacks a grant). A configuration error, not the account's
 * state: it alarms at once (MailRejected, Reason configuration) instead of being retried quietly as "not ready";
 * the message is kept (retried, then dead-lettered) so nothing is lost once the grant is fixed.
 */
export class MailerForbiddenError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`this function may not send through the mail transport (${code}): a missing permission, fix the role`);
    this.name = 'MailerForbiddenError';
    this.code = code;
  }
}

/**
 * The transport refused to send for the whole account or identity (SES sandbox, an unverified identity, sending
 * paused, a missing configuration set): nothing is wrong with the reader. Retry once it is fixed, and alarm.
 */
export class MailerNotReadyError extends Error {
  /** The transport's own error name, e.g. MessageRejected or AccountSendingPausedException. */
  readonly code: string;
  /** The transport's words, which may name addresses: for a log that masks them, never for the error's message. */
  readonly detail: string;
  constructor(code: string, detail: string) {
    // The message travels where nothing masks it (Lambda logs an uncaught error as it is): the code only.
    super(`the mail transport refuses to send for the account or identity (${code})`);
    this.name = 'MailerNotReadyError';
    this.code = code;
    this.detail = detail;
  }
}
