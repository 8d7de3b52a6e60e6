import type { ReadSendQuota, SendQuota } from '#ports/send-quota.ts';
import type { Telemetry } from '#ports/telemetry.ts';

export interface SendRateSettings {
  /** Per instance, when the account's quota is unknown (SEND_RATE_PER_SECOND). */
  perInstance: number;
  /** The whole sender never exceeds it (MAX_SEND_RATE_PER_SECOND). */
  ceiling: number;
  /** Instances that may run at once; unknown means each one also keeps to `perInstance`. */
  instances?: number;
}

/**
 * The rate one sender instance keeps to: the account's rate and the ceiling, shared among the instances that may
 * run at once. Without the account's quota, `perInstance`; without the instance count, no more than `perInstance`
 * either, since the stack sized it so that all instances together stay under the account's rate.
 */
export function instanceSendRate(settings: SendRateSettings, quota?: Pick<SendQuota, 'maxSendRate'>): number {
  const share = (total: number) => total / (settings.instances ?? 1);
  const ceilingShare = share(settings.ceiling);
  if (!quota) return Math.min(settings.perInstance, ceilingShare);
  const accountShare = Math.min(share(quota.maxSendRate), ceilingShare);
  return settings.instances ? accountShare : Math.min(settings.perInstance, accountShare);
}

/** Reads the account's quota once (a cold start) and says what it means for sending; a failure falls back to the settings. */
export async function resolveSendRate(settings: SendRateSettings, readQuota: ReadSendQuota, telemetry: Telemetry): Promise<number> {
  let quota: SendQuota | undefined;
  try {
    quota = await readQuota();
  } catch (err) {
    telemetry.warn('could not read the SES send quota (GetAccount); keeping to SEND_RATE_PER_SECOND', { error: (err as Error).name, detail: (err as Error).message });
  }
  // The 24-hour quota's use, for its alarm (SesQuotaNearlyUsed): read here, so only as often as a sender starts.
  if (quota && quota.max24HourSend > 0) telemetry.gauge('SesQuotaUsedPercent', (100 * quota.sentLast24Hours) / quota.max24HourSend, 'Percent');
  if (quota && !quota.sendingEnabled) telemetry.error('SES sending is disabled for this account: every send will be refused until it is enabled again');
  if (quota && !quota.productionAccessEnabled) telemetry.warn('the SES account is in the sandbox: only verified addresses receive mail, at most 200 a day');
  if (!settings.instances) telemetry.warn('SENDER_MAX_CONCURRENCY is not set: each sender instance keeps to SEND_RATE_PER_SECOND as well');
  const rate = instanceSendRate(settings, quota);
  telemetry.info('send rate', {
    ratePerSecond: rate, accountMaxSendRate: quota?.maxSendRate, ceiling: settings.ceiling, instances: settings.instances, fallback: settings.perInstance,
  });
  return rate;
}
