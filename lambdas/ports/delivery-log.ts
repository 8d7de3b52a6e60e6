export interface DeliveryRecord {
  jobId: string;
  kind: 'reminder' | 'digest' | 'alert' | 'confirmation';
  status: 'INPROGRESS' | 'SENT' | 'SKIPPED' | 'FAILED';
  subject?: string;
  messageId?: string;
  reason?: string;
  at: string;
}

/** The send ledger, read per reader (admin lookups show recent deliveries). */
export interface DeliveryLog {
  recentFor(subscriberId: string, limit: number): Promise<DeliveryRecord[]>;
}
