import type { JobStore } from '#ports/job-store.ts';
import type { SendJob } from './model/job.ts';

export interface JobsAdmin {
  recent(): Promise<SendJob[]>;
}

/** Delivery status for editors: the latest send jobs, with their state and recipient counts. */
export function makeJobsAdmin(jobs: JobStore): JobsAdmin {
  return { recent: () => jobs.recent(50) };
}
