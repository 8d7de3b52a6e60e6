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
    const form = parseForm(req.body.toString('utf8'));
    const data = form.get('RawMessage.Data');
    const raw = data ? Buffer.from(data, 'base64') : undefined;
    message = { form, raw, header: raw ? raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '' : '' };
    parsed.set(req, message);
  }
  return message;
}

/**
 * An application/x-www-form-urlencoded body, as `new URLSearchParams(body)` reads it: the same pairs in the same
 * order. Node's own parser walks the 20-30 KB form a character at a time (about half a millisecond per email, the
 * gateway's largest cost per send); decodeURIComponent does each value natively. A malformed escape, which
 * decodeURIComponent refuses, leaves the whole body to URLSearchParams, lenient as before.
 */
export function parseForm(body: string): URLSearchParams {
  const pairs: [string, string][] = [];
  const decode = (part: string) => decodeURIComponent(part.includes('+') ? part.replace(/\+/g, ' ') : part);
  try {
    for (const pair of body.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      pairs.push(eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))]);
    }
  } catch {
    return new URLSearchParams(body);
  }
  return new URLSearchParams(pairs);
}

/** The bare address of a header line such as From or To (the part in angle brackets, when there is one). */
export function addressIn(header: string, name: string): string | undefined {
  const line = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(header)?.[1];
  if (!line) return undefined;
  return (/<([^>]+)>/.exec(line)?.[1] ?? line).trim();
}
