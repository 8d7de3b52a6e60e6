import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forward } from './forward.ts';
import { ACCOUNT_ID, ServiceError, type AwsRequest, type AwsResponse, type ServiceProtocol } from './types.ts';

/**
 * SES (v1, the query protocol): `Action=SendRawEmail` in a form body. IAM checks the sending identity (the
 * From address's domain, the identity the stack verifies) and the configuration set named in the call.
 */
export function sesProtocol(emulatorUrl: string, outboxDir?: string): ServiceProtocol {
  return {
    authorization(req) {
      const form = new URLSearchParams(req.body.toString('utf8'));
      const action = form.get('Action');
      if (!action) throw new ServiceError('InvalidAction', 'missing Action');
      const arn = (kind: string, name: string) => `arn:aws:ses:${req.region}:${ACCOUNT_ID}:${kind}/${name}`;
      const resources: string[] = [];
      if (action === 'SendRawEmail' || action === 'SendEmail') {
        const from = form.get('Source') ?? fromHeader(form.get('RawMessage.Data'));
        if (!from) throw new ServiceError('InvalidParameterValue', 'the message has no From address');
        resources.push(arn('identity', from.split('@')[1] ?? from));
        const configurationSet = form.get('ConfigurationSetName');
        if (configurationSet) resources.push(arn('configuration-set', configurationSet));
      }
      return { action: `ses:${action}`, resources: resources.length ? resources : ['*'] };
    },
    accessDenied: (req, message) => queryError(req, 403, 'AccessDenied', message),
    badRequest: (req, code, message) => queryError(req, 400, code, message),
    async serve(req) {
      const res = await forward(emulatorUrl, req);
      if (outboxDir && res.status === 200) await keepInOutbox(outboxDir, req, res.body.toString('utf8'));
      return res;
    },
  };
}

/**
 * Every raw message SES accepted is also written to `<dir>/<MessageId>.eml`, since the emulator drops custom
 * headers (List-Unsubscribe) from its store.
 */
async function keepInOutbox(dir: string, req: AwsRequest, answer: string): Promise<void> {
  const data = new URLSearchParams(req.body.toString('utf8')).get('RawMessage.Data');
  const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(answer)?.[1];
  if (!data || !messageId) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`), Buffer.from(data, 'base64'));
}

/** The bare address of the raw message's From header. */
function fromHeader(base64: string | null): string | undefined {
  if (!base64) return undefined;
  const head = Buffer.from(base64, 'base64').toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const line = /^From:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1];
  if (!line) return undefined;
  return (/<([^>]+)>/.exec(line)?.[1] ?? line).trim();
}

function queryError(req: AwsRequest, status: number, code: string, message: string): AwsResponse {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code>`
      + `<Message>${escape(message)}</Message></Error><RequestId>${req.requestId}</RequestId></ErrorResponse>`,
  };
}
