/** What SES said became of a job's mail: its own Delivery, Bounce and Complaint events, counted per job. */
export type FeedbackKind = 'delivered' | 'bounced' | 'complained';

/** A job's figures, kept by ADD as they happen: sends and skips by the sender, the rest from SES's events. */
export interface JobFigures {
  sent: number;
  /** Readers skipped at send time, per reason code (see core/audience.ts SkipCode). */
  skipped: Record<string, number>;
  delivered: number;
  bounced: number;
  complained: number;
}

export interface JobStats {
  /** The figures of several jobs, by their ref (core/model/job.ts jobRef); a job with none yet is left out. */
  figures(refs: readonly string[]): Promise<Map<string, JobFigures>>;
  /**
   * Counts one SES event (`eventKey`: its SES message id and type) against the job once, however often SNS delivers
   * it: false when it was counted before. Throws while another invocation is counting the same event.
   */
  countFeedback(ref: string, eventKey: string, kind: FeedbackKind, recipients: number, now: Date): Promise<boolean>;
}

/** Another invocation holds the event (SNS delivered it twice at once): retry later, it is counted once. */
export class FeedbackBusyError extends Error {
  constructor() {
    super('another invocation is counting this SES event; retry later');
    this.name = 'FeedbackBusyError';
  }
}
