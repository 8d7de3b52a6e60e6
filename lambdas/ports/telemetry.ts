/**
 * Values a log line may carry: ids, counts, names and codes; never an address, a token or a key. (An SDK error's
 * message may name addresses: the adapter masks them in every line.)
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Counts per outcome of one (job, reader), and per SES feedback notification; namespace Datewatch. */
export type CountName =
  | 'MailSent' | 'MailSkipped' | 'MailRejected' | 'MailRetried' | 'MailThrottled' | 'MailBounced' | 'MailComplained'
  // Readers the sender gave back unsent, its invocation's time running short (retried at once).
  | 'MailHandedBack';

/**
 * Values recorded as they are: a dispatcher run's lag behind its scheduled time and its fan-out size, and the
 * time from a job's due time to the sender's last send of one message.
 */
export type GaugeName = 'DispatcherLagSeconds' | 'DispatcherFanOut' | 'MailLagSeconds' | 'SesQuotaUsedPercent';

export type GaugeUnit = 'Seconds' | 'Count' | 'Percent';

/** The one dimension the service uses: why a mail was skipped, rejected or bounced. The plain metric is always emitted too. */
export interface Reason {
  Reason: string;
}

/** What the core reports. Where it goes (CloudWatch Logs and EMF metrics, or the local handler log) is the adapter's business. */
export interface Telemetry {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** Something an operator must act on: it shows in the function's log at level ERROR. */
  error(message: string, fields?: LogFields): void;
  count(name: CountName, n?: number, dimension?: Reason): void;
  gauge(name: GaugeName, value: number, unit: GaugeUnit): void;
}

/**
 * What a handler adds around each invocation: its ids on every line, its metrics published when it ends. The
 * request's own id goes in `correlation_id` (API Gateway's requestId, the SQS messageId, the schedule's
 * scheduledTime, the SNS MessageId), so one Logs Insights filter finds a request whichever function served it.
 */
export interface InvocationTelemetry extends Telemetry {
  invocation<T>(ids: LogFields & { correlation_id?: string }, work: () => Promise<T>): Promise<T>;
}

/** For unit tests and factories called without a root: reports nothing. */
export const noTelemetry: InvocationTelemetry = {
  info() {}, warn() {}, error() {}, count() {}, gauge() {},
  invocation: (_ids, work) => work(),
};
