import type { SendJob } from '#core/model/job.ts';

export interface JobStore {
  /** Creates the job unless one with its id exists; returns the stored job and whether this call created it. */
  createOnce(job: SendJob): Promise<{ job: SendJob; created: boolean }>;
  get(id: string): Promise<SendJob | undefined>;
  /** Records that every recipient page was queued. */
  markQueued(id: string, recipients: number): Promise<void>;
  /** The latest jobs by due time, newest first. */
  recent(limit: number): Promise<SendJob[]>;
  /** The end of the last window the dispatcher finished, if any. */
  cursor(): Promise<Date | undefined>;
  /** Moves the cursor forward to `to` (never back: overlapping runs cannot rewind it). */
  advanceCursor(to: Date): Promise<void>;
}
