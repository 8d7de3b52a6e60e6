import type { AwsRequest } from './types.ts';

interface SesMessage {
  form: URLSearchParams;
  /** The raw MIME message of a SendRawEmail, decoded. */
  raw: Buffer | undefined;
  /** Its header block, as text. */
  header: string;
}

// One parse per call: IAM, the fault check, the outbox and the mailbox simulator all read the same 20-30 KB form.
const parsed = new WeakMap<AwsRequest, SesMessage>();

/** The SES v1 call's form body and raw message, parsed once per request. */
export function sesMessageOf(req: AwsRequest): SesMessage {
  let message = parsed.get(req);
  if (!message) {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const data = form.get('RawMessage.Data');
    const raw = data ? Buffer.from(data, 'base64') : undefined;
    message = { form, raw, header: raw ? raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '' : '' };
    parsed.set(req, message);
  }
  return message;
}

/** The bare address of a header line such as From or To (the part in angle brackets, when there is one). */
export function addressIn(header: string, name: string): string | undefined {
  const line = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(header)?.[1];
  if (!line) return undefined;
  return (/<([^>]+)>/.exec(line)?.[1] ?? line).trim();
}
