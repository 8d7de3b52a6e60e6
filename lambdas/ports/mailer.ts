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

/** The transport refused this message for good (e.g. a rejected address): retrying will not help. */
export class MailerRejectedError extends Error {
  constructor(message: string) { super(message); this.name = 'MailerRejectedError'; }
}
