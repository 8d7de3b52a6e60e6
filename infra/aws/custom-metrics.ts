/*
 * The metrics the Lambdas emit themselves, as CloudWatch embedded metric format (EMF) written to stdout, in one
 * namespace and with no dimensions (a second dimension set [["Kind"]] may be added; alarms read the plain one).
 */
export const DATEWATCH_NAMESPACE = 'Datewatch';

/** Seconds from a run's scheduled time to the end of that run, emitted by the dispatcher once per run. */
export const DISPATCHER_LAG = 'DispatcherLagSeconds';

/** The share (percent) of the account's 24-hour SES quota already used, emitted by the sender when it reads the quota. */
export const SES_QUOTA_USED = 'SesQuotaUsedPercent';

/** Counts per outcome of a (job, reader), emitted by the sender (bounces and complaints by ses-events). */
export const MAIL_OUTCOMES = [
  'MailSent', 'MailSkipped', 'MailRejected', 'MailRetried', 'MailThrottled', 'MailBounced', 'MailComplained',
  'MailHandedBack',
] as const;
