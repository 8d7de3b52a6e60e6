import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { AwsAccess } from '#lambdas/config.ts';
import type { ReadSendQuota } from '#ports/send-quota.ts';

/** SESv2 GetAccount, bounded in time: a cold start waits for it, and falls back to the configured rate if it fails. */
export function makeSesSendQuota(access: AwsAccess, timeoutMs = 2_000): ReadSendQuota {
  return async () => {
    const client = new SESv2Client({
      region: access.region,
      ...(access.endpoint ? { endpoint: access.endpoint } : {}),
      ...(access.credentials ? { credentials: access.credentials } : {}),
      maxAttempts: 2,
      requestHandler: access.requestHandler ?? { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
    });
    try {
      const out = await client.send(new GetAccountCommand({}));
      const quota = out.SendQuota;
      if (!quota?.MaxSendRate) throw new Error('GetAccount answered without SendQuota.MaxSendRate');
      return {
        maxSendRate: quota.MaxSendRate,
        max24HourSend: quota.Max24HourSend ?? 0,
        sentLast24Hours: quota.SentLast24Hours ?? 0,
        productionAccessEnabled: out.ProductionAccessEnabled ?? false,
        sendingEnabled: out.SendingEnabled ?? true,
      };
    } finally {
      client.destroy();
    }
  };
}
