import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { MailerRejectedError, MailerThrottledError, type Mailer } from '#ports/mailer.ts';

export interface SesMailerOptions {
  region: string;
  /** The SES emulator's URL on one machine. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  configurationSet?: string;
  /** The emulator hangs on some calls: never wait forever. */
  requestTimeoutMs?: number;
}

const THROTTLE = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);

export function makeSesClient({ region, endpoint, credentials, requestTimeoutMs = 5_000 }: Omit<SesMailerOptions, 'configurationSet'>): SESClient {
  return new SESClient({
    region,
    ...(endpoint ? { endpoint, credentials: credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' } } : credentials ? { credentials } : {}),
    // Throttling is retried by our queue with backoff, not by the SDK (which would hide it from the rate limiter).
    maxAttempts: 1,
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: requestTimeoutMs },
  });
}

export function makeSesMailer(client: SESClient, options: Pick<SesMailerOptions, 'configurationSet'> = {}): Mailer {
  return {
    async sendRaw({ raw }) {
      try {
        const out = await client.send(new SendRawEmailCommand({
          RawMessage: { Data: Buffer.from(raw, 'utf8') },
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        }));
        if (!out.MessageId) throw new Error('SES answered without a MessageId');
        return { messageId: out.MessageId };
      } catch (err) {
        const e = err as { name?: string; message?: string; Code?: string };
        if (e.name && THROTTLE.has(e.name)) throw new MailerThrottledError(e.message);
        if (e.message && /Maximum sending rate exceeded/i.test(e.message)) throw new MailerThrottledError(e.message);
        if (e.name === 'MessageRejected' || e.name === 'MailFromDomainNotVerifiedException') throw new MailerRejectedError(e.message ?? e.name);
        throw err;
      }
    },
  };
}
