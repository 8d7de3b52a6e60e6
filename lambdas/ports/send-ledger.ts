export type ClaimResult =
  | { outcome: 'claimed' }
  /** Already sent or settled: nothing to do. */
  | { outcome: 'done' }
  /** Another sender holds a live claim: retry later. */
  | { outcome: 'busy' };

/**
 * One item per (job, reader): the claim made before a send, so no email goes out twice. A claim has a
 * lease; a sender that dies mid-send leaves it to expire, and the retry takes it over.
 */
export interface SendLedger {
  claim(jobId: string, subscriberId: string, claimId: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  markSent(jobId: string, subscriberId: string, claimId: string, details: { messageId: string; subject: string; kind: string; at: Date }): Promise<void>;
  /** `code` is the reason's short code, counted in the job's figures ('other' when absent). */
  markSkipped(
    jobId: string, subscriberId: string, claimId: string,
    details: { reason: string; code?: string; kind: string; at: Date },
  ): Promise<void>;
  /** Gives a claim back after a failure that sent nothing, so a retry can take it at once. */
  release(jobId: string, subscriberId: string, claimId: string): Promise<void>;
  /**
   * Adds what markSent and markSkipped settled since the last call to their jobs' figures: one write per job, not
   * one per reader. The sender calls it once a message's readers are done; a sender that dies before it leaves
   * those readers out of the figures (the ledger entries themselves are written and keep the truth).
   */
  flushFigures(): Promise<void>;
}
