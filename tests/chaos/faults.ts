/**
 * The chaos run's fault injectors. Each wraps one adapter or port from the outside and counts what it did,
 * so the run's table can say which faults were met and how the pipeline coped.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { jobRef } from '#core/model/job.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import { MailerThrottledError, type Mailer } from '#ports/mailer.ts';
import type { SendLedger } from '#ports/send-ledger.ts';
import type { Clock } from '#ports/clock.ts';

/** A small seeded generator (mulberry32): the same seed replays the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Thrown where the chaos run "kills" the sender: the process is gone, so no catch block of it runs. */
export class SimulatedCrash extends Error {
  constructor(where: string) { super(`sender killed ${where}`); this.name = 'SimulatedCrash'; }
}

export interface DynamoFaultStats { calls: number; throttled: number; droppedBeforeApply: number; droppedAfterApply: number; surfaced: number }

/**
 * Injects DynamoDB faults on `rate` of the attempts, below the SDK's retry layer (as the network and the service
 * do): ProvisionedThroughputExceeded before the request is applied, and a reset connection either before the
 * request reaches the table or after it was applied (the response is lost, the retry meets its own write).
 * The SDK keeps its production number of attempts (4); only the backoff is shortened so the run takes minutes.
 */
export function injectDynamoFaults(doc: DynamoDBDocumentClient, opts: { rate: number; random: () => number; enabled: () => boolean }) {
  const stats: DynamoFaultStats = { calls: 0, throttled: 0, droppedBeforeApply: 0, droppedAfterApply: 0, surfaced: 0 };
  const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: {} });
  doc.middlewareStack.add((next) => async (args) => {
    if (!opts.enabled()) return next(args);
    stats.calls++;
    const roll = opts.random();
    if (roll < opts.rate / 2) {
      stats.throttled++;
      throw Object.assign(new Error('The level of configured provisioned throughput for the table was exceeded'), {
        name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 },
      });
    }
    if (roll < (opts.rate * 3) / 4) { stats.droppedBeforeApply++; throw reset(); }
    const out = await next(args);
    if (roll < opts.rate) { stats.droppedAfterApply++; throw reset(); }
    return out;
  }, { step: 'deserialize', name: 'chaosFaults', priority: 'low' });

  const maxAttempts = 4;
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 2 * count });
  (doc.config as { retryStrategy: unknown }).retryStrategy = async () => ({
    mode: 'standard',
    async acquireInitialRetryToken() { return token(0); },
    async refreshRetryTokenForRetry(previous: ReturnType<typeof token>, info: { errorType: string; error?: unknown }) {
      const count = previous.getRetryCount() + 1;
      if (count >= maxAttempts || info.errorType === 'CLIENT_ERROR') {
        if (info.errorType !== 'CLIENT_ERROR') stats.surfaced++;
        throw info.error ?? new Error('retries exhausted');
      }
      return token(count);
    },
    recordSuccess() {},
  });
  return stats;
}

/**
 * Which (job, reader) a raw message is for: the job from the opaque reference in its SES message tags (resolved
 * through the jobs the sender claimed for), the reader from the address.
 */
export function pairOf(to: string, raw: string, jobsByRef: ReadonlyMap<string, string>): { jobId: string; readerId: string } {
  const ref = /^X-SES-MESSAGE-TAGS: .*\bjob=([0-9a-f]+)/m.exec(raw)?.[1];
  return { jobId: (ref && jobsByRef.get(ref)) ?? 'unknown', readerId: subscriberIdOf(to.trim().toLowerCase()) };
}
export const pairKey = (jobId: string, readerId: string) => `${jobId} ${readerId}`;

export interface AcceptedSend { jobId: string; readerId: string; messageId: string; claimId: string | undefined; at: string }

export interface SenderChaos {
  throttleRate: number;
  serverErrorRate: number;
  killBeforeClaim: number;
  killAfterClaim: number;
  killAfterSend: number;
}

export interface SenderChaosStats {
  sesThrottled: number; sesServerErrors: number;
  killedBeforeClaim: number; killedAfterClaim: number; killedAfterSend: number;
  leaseTakeovers: number;
}

/**
 * Wraps the mailer and the ledger of one running stack. It records every message SES accepted with the claim
 * that sent it, and which claims were marked SENT: that is what tells a duplicate inside the unavoidable window
 * (SES accepted, the ledger never heard) from one outside it.
 *
 * The lease: the local queue redelivers after real milliseconds, while the lease runs on the stack's manual
 * clock. On AWS a failed message comes back only after the visibility timeout (7 minutes, above the 5-minute
 * lease). So when a redelivered claim finds the pair held by nobody alive here (a killed sender, or a claim whose
 * response a dropped connection lost), the run claims again with `now` set past the lease (the ledger takes the
 * time as an argument), as the redelivery would on AWS.
 */
export function makeSenderChaos(opts: { chaos: SenderChaos; random: () => number; clock: () => Clock; enabled: () => boolean }) {
  const { chaos, random } = opts;
  const clock = { now: () => opts.clock().now() };
  const stats: SenderChaosStats = { sesThrottled: 0, sesServerErrors: 0, killedBeforeClaim: 0, killedAfterClaim: 0, killedAfterSend: 0, leaseTakeovers: 0 };
  const accepted: AcceptedSend[] = [];
  const settledClaims = new Set<string>();
  const crashedClaims = new Set<string>();
  const live = new Map<string, string>();
  const lastClaim = new Map<string, string>();
  const jobsByRef = new Map<string, string>();
  /** The latest instant a claim on each pair was attempted at (a retaken claim is made in the future). */
  const claimedAt = new Map<string, number>();
  const on = (rate: number) => opts.enabled() && random() < rate;

  function wrapMailer(inner: Mailer): Mailer {
    return {
      async sendRaw(message) {
        if (on(chaos.throttleRate)) { stats.sesThrottled++; throw new MailerThrottledError('Maximum sending rate exceeded.'); }
        if (on(chaos.serverErrorRate)) {
          stats.sesServerErrors++;
          throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
        }
        const sent = await inner.sendRaw(message);
        const { jobId, readerId } = pairOf(message.to, message.raw, jobsByRef);
        const key = pairKey(jobId, readerId);
        const claimId = lastClaim.get(key);
        accepted.push({ jobId, readerId, messageId: sent.messageId, claimId, at: clock.now().toISOString() });
        if (claimId && on(chaos.killAfterSend)) {
          stats.killedAfterSend++;
          crashedClaims.add(claimId);
          live.delete(key);
          throw new SimulatedCrash('after SES accepted, before marking SENT');
        }
        return sent;
      },
    };
  }

  /** Replaces the ledger's methods on the stack's own object, which the sender calls. */
  function wrapLedger(ledger: SendLedger): void {
    const real = { claim: ledger.claim.bind(ledger), markSent: ledger.markSent.bind(ledger), markSkipped: ledger.markSkipped.bind(ledger), release: ledger.release.bind(ledger) };
    ledger.claim = async (jobId, readerId, claimId, now, leaseMs) => {
      const key = pairKey(jobId, readerId);
      jobsByRef.set(jobRef(jobId), jobId);
      if (on(chaos.killBeforeClaim)) { stats.killedBeforeClaim++; throw new SimulatedCrash('before its claim'); }
      const claimAt = (at: Date) => { claimedAt.set(key, Math.max(claimedAt.get(key) ?? 0, at.getTime())); return at; };
      let result = await real.claim(jobId, readerId, claimId, claimAt(now), leaseMs);
      if (result.outcome === 'busy' && !live.has(key)) {
        // Nobody alive holds it: on AWS this redelivery comes after the visibility timeout, so after the lease of
        // the last claim made on the pair. Only this claim is made at that later instant; moving the shared clock
        // would expire live claims of other pairs too.
        stats.leaseTakeovers++;
        live.set(key, claimId); // taken at once, in the same tick as the check: a concurrent redelivery now sees it held
        const later = new Date(Math.max(now.getTime(), claimedAt.get(key)!) + leaseMs + 1000);
        result = await real.claim(jobId, readerId, claimId, claimAt(later), leaseMs);
        if (result.outcome !== 'claimed' && live.get(key) === claimId) live.delete(key);
      }
      if (result.outcome === 'claimed') {
        live.set(key, claimId);
        lastClaim.set(key, claimId);
        if (on(chaos.killAfterClaim)) {
          stats.killedAfterClaim++;
          crashedClaims.add(claimId);
          live.delete(key);
          throw new SimulatedCrash('between claim and send');
        }
      }
      return result;
    };
    ledger.markSent = async (jobId, readerId, claimId, details) => {
      try {
        await real.markSent(jobId, readerId, claimId, details);
        settledClaims.add(claimId);
      } finally {
        if (live.get(pairKey(jobId, readerId)) === claimId) live.delete(pairKey(jobId, readerId));
      }
    };
    ledger.markSkipped = async (jobId, readerId, claimId, details) => {
      try { await real.markSkipped(jobId, readerId, claimId, details); } finally {
        if (live.get(pairKey(jobId, readerId)) === claimId) live.delete(pairKey(jobId, readerId));
      }
    };
    ledger.release = async (jobId, readerId, claimId) => {
      if (crashedClaims.has(claimId)) return; // a killed process runs no catch block
      try { await real.release(jobId, readerId, claimId); } finally {
        if (live.get(pairKey(jobId, readerId)) === claimId) live.delete(pairKey(jobId, readerId));
      }
    };
  }

  return { stats, accepted, settledClaims, wrapMailer, wrapLedger };
}

/** At-least-once delivery: some messages are handed to the queue twice (SQS may deliver any message again). */
export function duplicateSomeMessages(queue: { enqueue(bodies: string[]): void }, opts: { rate: number; random: () => number; enabled: () => boolean }) {
  const stats = { duplicated: 0 };
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (bodies: string[]) => {
    const out: string[] = [];
    for (const body of bodies) {
      out.push(body);
      if (opts.enabled() && opts.random() < opts.rate) { out.push(body); stats.duplicated++; }
    }
    enqueue(out);
  };
  return stats;
}
