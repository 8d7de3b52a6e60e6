import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { reuseSigner } from '#adapters/aws-client.ts';
import type { AwsRequestHandler } from '#lambdas/config.ts';
import { MailerForbiddenError, MailerNotReadyError, MailerRejectedError, MailerThrottledError, type Mailer } from '#ports/mailer.ts';

export interface SesMailerOptions {
  region: string;
  /** The SES emulator's URL on one machine. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** On one machine: the local gateway's in-process transport (see AwsAccess). */
  requestHandler?: AwsRequestHandler;
  configurationSet?: string;
  /** The emulator hangs on some calls: never wait forever. */
  requestTimeoutMs?: number;
}

const THROTTLE = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);

/** SendRawEmail's errors that concern the account, the sending identity or the configuration set, never the reader. */
const NOT_READY = new Set([
  'AccountSendingPausedException', 'ConfigurationSetDoesNotExistException', 'ConfigurationSetSendingPausedException',
  'MailFromDomainNotVerifiedException',
]);

/** The role may not make the call: a configuration error of ours, never retried as "not ready". */
const FORBIDDEN = new Set(['AccessDenied', 'AccessDeniedException']);

/**
 * MessageRejected covers both kinds: "Email address is not verified. The following identities failed the check in
 * region …" is the sandbox (or an unverified From), and so is a paused account; anything else (a suppressed address,
 * the content) concerns this one message.
 */
const NOT_READY_REJECTION = /not verified|failed the check|sending paused|sending is paused|suspended/i;

/** Sorts an SES error into the port's kinds: slow down, fix the account, fix our role, or skip this reader. */
export function classifySesError(err: unknown): unknown {
  const e = err as { name?: string; message?: string };
  const name = e.name ?? '';
  const message = e.message ?? name;
  if (THROTTLE.has(name) || /Maximum sending rate exceeded/i.test(message)) return new MailerThrottledError(message);
  if (FORBIDDEN.has(name)) return new MailerForbiddenError(name);
  if (NOT_READY.has(name) || (name === 'MessageRejected' && NOT_READY_REJECTION.test(message))) return new MailerNotReadyError(name, message);
  if (name === 'MessageRejected' || name === 'InvalidParameterValue') return new MailerRejectedError(message);
  return err;
}

export function makeSesClient({ region, endpoint, credentials, requestHandler, requestTimeoutMs = 5_000 }: Omit<SesMailerOptions, 'configurationSet'>): SESClient {
  const client = new SESClient({
    region,
    ...(endpoint ? { endpoint, credentials: credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' } } : credentials ? { credentials } : {}),
    // Throttling is retried by our queue with backoff, not by the SDK (which would hide it from the rate limiter).
    maxAttempts: 1,
    requestHandler: requestHandler ?? { requestTimeout: requestTimeoutMs, connectionTimeout: requestTimeoutMs },
    // No cacheMiddleware: the SDK would share one handler context among concurrent sends of a command type and
    // keep the first send's command (a reader's whole message) for the container's life (review10).
  });
  reuseSigner(client);
  return client;
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
        throw classifySesError(err);
      }
    },
  };
}
