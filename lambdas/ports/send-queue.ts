/** One queue message: a page of readers for one job. */
export interface SendMessage {
  jobId: string;
  recipients: string[];
}

export interface SendQueue {
  /** Queues the messages; resolves once the queue has accepted all of them. */
  sendAll(messages: SendMessage[]): Promise<void>;
}
