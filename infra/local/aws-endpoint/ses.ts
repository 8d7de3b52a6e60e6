import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forward } from './forward.ts';
import { addressIn, sesMessageOf } from './ses-message.ts';
import { getAccountAnswer, makeLocalSesAccount, SES_FAULTS, type LocalSesAccount } from './ses-account.ts';
import { ACCOUNT_ID, ServiceError, type AwsRequest, type AwsResponse, type ServiceProtocol } from './types.ts';

/** SESv2 is REST under /v2/email/ with the same signing name (`ses`) and the same IAM actions. */
const isV2 = (req: AwsRequest) => req.path.startsWith('/v2/');

/**
 * SES v1 (the query protocol): `Action=SendRawEmail` in a form body. IAM checks the sending identity (the
 * From address's domain, the identity the stack verifies) and the configuration set named in the call.
 * SESv2 GetAccount (GET /v2/email/account) answers the local account's quota; IAM checks ses:GetAccount on `*`.
 * A fault set on the account makes every SendRawEmail meet SES's refusal for an account that is not ready.
 * In the sandbox (the account's `verifiedRecipients`), IAM also checks each verified recipient identity, and a
 * message to any other recipient is refused as SES refuses it.
 */
export function sesProtocol(emulatorUrl: string, outboxDir?: string, account: LocalSesAccount = makeLocalSesAccount()): ServiceProtocol {
  return {
    authorization(req) {
      if (isV2(req)) {
        if (req.method === 'GET' && req.path.split('?')[0] === '/v2/email/account') return { action: 'ses:GetAccount', resources: ['*'] };
        throw new ServiceError('NotFoundException', `the local SES answers no ${req.method} ${req.path}`);
      }
      const { form, header } = sesMessageOf(req);
      const action = form.get('Action');
      if (!action) throw new ServiceError('InvalidAction', 'missing Action');
      const arn = (kind: string, name: string) => `arn:aws:ses:${req.region}:${ACCOUNT_ID}:${kind}/${name}`;
      const resources: string[] = [];
      if (action === 'SendRawEmail' || action === 'SendEmail') {
        const from = form.get('Source') ?? addressIn(header, 'From');
        if (!from) throw new ServiceError('InvalidParameterValue', 'the message has no From address');
        resources.push(arn('identity', from.split('@')[1] ?? from));
        const configurationSet = form.get('ConfigurationSetName');
        if (configurationSet) resources.push(arn('configuration-set', configurationSet));
        for (const to of recipientsOf(req)) if (isVerified(account, to)) resources.push(arn('identity', to));
      }
      return { action: `ses:${action}`, resources: resources.length ? resources : ['*'] };
    },
    accessDenied: (req, message) => isV2(req) ? restError(403, 'AccessDeniedException', message) : queryError(req, 403, 'AccessDenied', message),
    badRequest: (req, code, message) => isV2(req) ? restError(code === 'NotFoundException' ? 404 : 400, code, message) : queryError(req, 400, code, message),
    async serve(req) {
      if (isV2(req)) return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(getAccountAnswer(account)) };
      if (account.fault && sesMessageOf(req).form.get('Action') === 'SendRawEmail') return queryError(req, 400, SES_FAULTS[account.fault].code, faultMessage(account, req));
      const unverified = account.verifiedRecipients ? recipientsOf(req).filter((to) => !isVerified(account, to)) : [];
      if (unverified.length) {
        return queryError(req, 400, 'MessageRejected',
          'Email address is not verified. The following identities failed the check in region '
          + `${req.region.toUpperCase()}: ${unverified.join(', ')}`);
      }
      const res = await forward(emulatorUrl, req);
      if (res.status === 200) account.sent++;
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
  const { raw } = sesMessageOf(req);
  const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(answer)?.[1];
  if (!raw || !messageId) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`), raw);
}

/** The addresses a send goes to: its Destinations, or else its To, Cc and Bcc headers (as SES reads a raw message). */
function recipientsOf(req: AwsRequest): string[] {
  const { form, header } = sesMessageOf(req);
  const listed = [...form.entries()]
    .filter(([key]) => /^Destinations\.member\.\d+$/.test(key))
    .map(([, value]) => value);
  const inHeader = ['To', 'Cc', 'Bcc'].flatMap((name) => addressIn(header, name) ?? []);
  return (listed.length ? listed : inHeader).map((a) => a.toLowerCase());
}

const isVerified = (account: LocalSesAccount, address: string) =>
  account.verifiedRecipients?.some((v) => v.toLowerCase() === address) ?? false;

/** SES names the addresses that failed its check, as it does on AWS (the sender must keep them out of its logs). */
function faultMessage(account: LocalSesAccount, req: AwsRequest): string {
  const { form, header } = sesMessageOf(req);
  return SES_FAULTS[account.fault!].message
    .replace('{region}', req.region.toUpperCase())
    .replace('{to}', addressIn(header, 'To') ?? '')
    .replace('{from}', addressIn(header, 'From') ?? '')
    .replace('{configurationSet}', form.get('ConfigurationSetName') ?? '');
}

/** SESv2's REST-JSON error: the SDK reads the name from the header. */
function restError(status: number, code: string, message: string): AwsResponse {
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': code }, body: JSON.stringify({ message }) };
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
