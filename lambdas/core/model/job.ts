import { createHash } from 'node:crypto';
import type { LeadTime } from './subscriber.ts';
import type { PendingAlert } from './event.ts';

export type JobKind = 'reminder' | 'digest' | 'alert' | 'update';

/**
 * One scheduled send to a group of readers. Its id is derived from what it is for, so the dispatcher can
 * create it with a conditional write and never twice, however often a minute is dispatched.
 */
export interface SendJob {
  id: string;
  kind: JobKind;
  /** When it fell due. Readers who confirmed after this instant do not get it. */
  dueAt: string;
  /** Readers' zone for reminders and digests; alerts go to every zone. */
  timeZone?: string;
  /** The story a reminder or alert is about (jobs stored before stories existed: the seed story). */
  storyId?: string;
  eventId?: string;
  /** The event's date in its own zone when the reminder was planned: a move makes the job stale. */
  eventDate?: string;
  lead?: LeadTime;
  /**
   * Nearer leads of the same event that fell due in the same dispatcher window (a catch-up after downtime):
   * a reader who asked for one of them gets that one, and this reminder is recorded as superseded.
   */
  supersededBy?: LeadTime[];
  /**
   * Nearer leads of the same event due later on the same calendar day in this zone (an event before 08:00 makes
   * the 1-day and the same-day reminder both fall on the evening before): one reminder per event per day, so a
   * reader who asked for one of them gets that one, and this reminder is recorded as skipped for it.
   */
  laterSameDay?: LeadTime[];
  /** Farther leads due earlier the same calendar day, which yield to this one: its mail says it stands for them. */
  standsFor?: LeadTime[];
  digest?: 'weekly' | 'daily';
  alert?: PendingAlert & { version: number };
  /** An editor's update to the story's followers (kind 'update'): the sender loads it by story and id. */
  updateId?: string;
  status: 'fanning-out' | 'queued' | 'skipped';
  reason?: string;
  recipients?: number;
  createdAt: string;
}

export const reminderJobId = (eventId: string, eventDate: string, lead: LeadTime, timeZone: string) =>
  `reminder|${eventId}|${eventDate}|${lead}|${timeZone}`;
export const digestJobId = (period: 'weekly' | 'daily', timeZone: string, localDate: string) => `digest|${period}|${timeZone}|${localDate}`;
export const alertJobId = (eventId: string, version: number) => `alert|${eventId}|v${version}`;
export const updateJobId = (storyId: string, updateId: string) => `update|${storyId}|${updateId}`;

/**
 * An opaque, stable reference to a job, for the SES message tags a raw message carries: it comes back with the
 * message's bounce and complaint events. The job's id itself stays out of every header, since it names a zone.
 */
export const jobRef = (jobId: string): string => createHash('sha256').update(jobId).digest('hex').slice(0, 16);
