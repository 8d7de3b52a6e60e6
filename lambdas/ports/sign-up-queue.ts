import type { Consent, Preferences } from '#core/model/subscriber.ts';

/** One subscribe request, handed from the public API to the sign-up worker exactly as the reader sent it. */
export interface SignUpMessage {
  /** Random: the new subscription's id if the request makes one, and how a redelivery knows its own work. */
  requestId: string;
  /** As typed (normalised), never folded. */
  email: string;
  preferences: Preferences;
  consent: Pick<Consent, 'requestedAt' | 'requestIpHash' | 'requestUserAgent'>;
}

export interface SignUpQueue {
  /** Resolves once the queue holds the message. */
  enqueue(message: SignUpMessage): Promise<void>;
  /** Several at once where the queue batches them (an import); resolves once the queue holds them all. */
  enqueueMany?(messages: readonly SignUpMessage[]): Promise<void>;
}
