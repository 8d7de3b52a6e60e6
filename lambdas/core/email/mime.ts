/**
 * Builds the raw RFC 5322 / MIME message that SES SendRawEmail takes: multipart/alternative (text as
 * quoted-printable, then HTML as base64) inside multipart/mixed when there are attachments (base64).
 * Header injection: the subject is sanitised (control characters, CR and LF become a space), because it is
 * made from editors' data; every other header name or value, and the addresses, are rejected with a
 * HeaderInjectionError when they carry CR, LF or any other control character, since those come from code.
 */
import { randomUUID } from 'node:crypto';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** A body already encoded as quoted-printable (see spliceQuotedPrintable), passed through as it is. */
export interface QuotedPrintableBody {
  quotedPrintable: string;
}

export interface RawMessageInput {
  from: string;
  to: string;
  subject: string;
  html: string | QuotedPrintableBody;
  text: string | QuotedPrintableBody;
  headers?: Record<string, string>;
  attachments?: readonly MailAttachment[];
  messageDate: Date;
  messageIdDomain?: string;
}

export class HeaderInjectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeaderInjectionError';
  }
}

const CRLF = '\r\n';
const encoder = new TextEncoder();
const controlChars = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const addressPattern = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const headerNamePattern = /^[!-9;-~]+$/;
const contentTypePattern = /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*(?:\s*;\s*[A-Za-z0-9-]+=(?:"[ !#-~]*"|[\w.+-]+))*$/;
const filenamePattern = /^[A-Za-z0-9][\w.-]{0,99}$/;
/** Headers the builder owns; letting a caller set them would duplicate or redirect the message. */
const reservedHeaders = new Set(['from', 'to', 'cc', 'bcc', 'sender', 'return-path', 'subject', 'date', 'message-id',
  'mime-version', 'content-type', 'content-transfer-encoding']);
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function buildRawMessage(input: RawMessageInput): string {
  const from = mailbox(input.from, 'from');
  const to = mailbox(input.to, 'to');
  const domain = input.messageIdDomain ?? from.address.slice(from.address.indexOf('@') + 1);
  if (!addressPattern.test(`x@${domain}`)) throw new HeaderInjectionError('messageIdDomain must be a plain domain name');
  const headers = [
    header('From', from.rendered),
    header('To', to.rendered),
    `Subject: ${encodeUnstructured(sanitizeSubject(input.subject), 'Subject: '.length)}`,
    header('Date', rfc5322Date(input.messageDate)),
    header('Message-ID', `<${randomUUID()}@${domain}>`),
    header('MIME-Version', '1.0'),
    ...Object.entries(input.headers ?? {}).map(([name, value]) => customHeader(name, value)),
  ];
  const qp = 'Content-Transfer-Encoding: quoted-printable';
  const alternative = multipart('alternative', [
    part(['Content-Type: text/plain; charset=UTF-8', qp], typeof input.text === 'string' ? quotedPrintable(input.text) : input.text.quotedPrintable),
    // Base64 for HTML given whole: three times faster to encode than quoted-printable for minified markup.
    typeof input.html === 'string'
      ? part(['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: base64'], base64Lines(input.html))
      : part(['Content-Type: text/html; charset=UTF-8', qp], input.html.quotedPrintable),
  ]);
  const attachments = input.attachments ?? [];
  const body = attachments.length === 0 ? alternative : multipart('mixed', [alternative, ...attachments.map(attachmentPart)]);
  return [...headers, body].join(CRLF);
}

/** One line, no control characters, no runs of blanks: what a reader's inbox should show. */
export function sanitizeSubject(subject: string): string {
  return subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

interface Mailbox { address: string; rendered: string }

/** Accepts `local@domain` or `Display Name <local@domain>`. */
function mailbox(value: string, field: string): Mailbox {
  if (controlChars.test(value)) throw new HeaderInjectionError(`${field} must not contain control characters`);
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(value.trim());
  const address = named ? named[2]! : value.trim();
  if (!addressPattern.test(address) || address.length > 254) throw new HeaderInjectionError(`${field} must be an address such as name@example.com`);
  const name = named?.[1]?.trim();
  if (!name) return { address, rendered: address };
  const displayName = /^[ -~]*$/.test(name)
    ? `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"`
    : encodedWords(name).join(' ');
  return { address, rendered: `${displayName} <${address}>` };
}

function header(name: string, value: string): string {
  return `${name}: ${value}`;
}

function customHeader(name: string, value: string): string {
  if (!headerNamePattern.test(name)) throw new HeaderInjectionError(`header name ${JSON.stringify(name)} is not a valid field name`);
  if (reservedHeaders.has(name.toLowerCase())) throw new HeaderInjectionError(`header ${name} is set by the message builder`);
  if (!/^[\t -~]*$/.test(value)) throw new HeaderInjectionError(`header ${name} must be printable ASCII without CR or LF`);
  const line = URL_LIST_HEADERS.has(name.toLowerCase()) ? foldUrlList(value.trim(), name.length + 2) : foldAtBlanks(value.trim(), name.length + 2);
  if (line.split(CRLF).some((l) => l.length > 998)) throw new HeaderInjectionError(`header ${name} is longer than 998 characters`);
  return `${name}: ${line}`;
}

/** ASCII text is folded at blanks; anything else becomes RFC 2047 encoded-words of at most 75 characters. */
function encodeUnstructured(text: string, used: number): string {
  if (/^[ -~]*$/.test(text) && !text.includes('=?')) return foldAtBlanks(text, used);
  return encodedWords(text, used).join(`${CRLF} `);
}

/** Octets whose base64 fits `room` characters after the 12 of "=?UTF-8?B?" and "?=". */
const octetsFor = (room: number) => Math.floor((room - 12) / 4) * 3;

/**
 * RFC 2047 encoded-words, one per line: each at most 75 characters (45 octets encode to 60 base64 characters,
 * 72 with the wrapper), and the first short enough that its line, after `used` characters of field name, stays
 * within 78 (RFC 5322 2.1.1); continuation lines start with one blank.
 */
function encodedWords(text: string, used = 0): string[] {
  const words: string[] = [];
  let chunk = '';
  let octets = 0;
  let limit = Math.min(45, octetsFor(78 - used));
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      words.push(chunk);
      chunk = '';
      octets = 0;
      limit = 45;
    }
    chunk += ch;
    octets += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`);
}

/** Headers whose value is a list of <URL>s (RFC 2369), which may be folded inside the brackets. */
const URL_LIST_HEADERS = new Set(['list-unsubscribe', 'list-help', 'list-subscribe', 'list-archive', 'list-post', 'list-owner']);

/**
 * Folds a list of <URL>s to lines of at most 78 characters. RFC 2369 lets a long URL be split by whitespace
 * inside its angle brackets, which readers of the field ignore; it is split after a "?", "&" or "=" where one
 * falls in reach, else at the limit (a signed token has no natural break).
 */
function foldUrlList(value: string, used: number): string {
  const lines: string[] = [];
  let line = '';
  let width = used;
  let rest = value;
  while (width + rest.length > 78) {
    const room = 78 - width;
    const window = rest.slice(0, room);
    const breakAt = Math.max(window.lastIndexOf('?'), window.lastIndexOf('&'), window.lastIndexOf('='), window.lastIndexOf(', '));
    // A break point too near the start of the line would waste it: split at the limit instead.
    const cut = breakAt > room / 2 ? breakAt + 1 : room;
    lines.push(line + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    line = '';
    width = 1; // the continuation line starts with the folding blank
  }
  lines.push(line + rest);
  return lines.join(`${CRLF} `);
}

function foldAtBlanks(value: string, used: number): string {
  const lines: string[] = [];
  let line = '';
  let width = used;
  for (const word of value.split(' ')) {
    if (line === '') {
      line = word;
      width += word.length;
    } else if (width + 1 + word.length > 78) {
      lines.push(line);
      line = word;
      width = 1 + word.length; // the continuation line starts with the folding blank
    } else {
      line += ` ${word}`;
      width += 1 + word.length;
    }
  }
  lines.push(line);
  return lines.join(`${CRLF} `);
}

function rfc5322Date(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('messageDate must be a valid date');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${weekdays[date.getUTCDay()]}, ${p(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} `
    + `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

function part(headers: string[], body: string): string {
  return `${headers.join(CRLF)}${CRLF}${CRLF}${body}`;
}

function multipart(subtype: 'mixed' | 'alternative', parts: string[]): string {
  const boundary = `=_${subtype}_${randomUUID()}`;
  return [
    `Content-Type: multipart/${subtype};${CRLF} boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}${CRLF}${p}`),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

function attachmentPart(a: MailAttachment): string {
  if (!filenamePattern.test(a.filename)) throw new HeaderInjectionError('attachment filename must be a plain file name such as event.ics');
  if (!contentTypePattern.test(a.contentType)) throw new HeaderInjectionError(`attachment content type ${JSON.stringify(a.contentType)} is not valid`);
  const base64 = base64Lines(a.content);
  return part([
    `Content-Type: ${a.contentType};${CRLF} name="${a.filename}"`,
    `Content-Disposition: attachment; filename="${a.filename}"`,
    'Content-Transfer-Encoding: base64',
  ], base64);
}

/** Base64 (RFC 2045 6.8) in lines of 76 characters. */
function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

/**
 * Quoted-printable lets a body be encoded in pieces: each piece encoded alone, joined by soft line breaks,
 * decodes to the pieces joined. So the parts of a message that every reader shares are encoded once, and only
 * each reader's own values (their links) are encoded per email.
 */
export function prepareQuotedPrintable(text: string, slot: RegExp): { segments: string[]; slots: string[] } {
  const pieces = text.split(slot);
  // split with one capture group alternates text and captured slot names.
  const segments = pieces.filter((_, i) => i % 2 === 0).map(quotedPrintable);
  return {
    segments: segments.map((seg, i) => (i < segments.length - 1 ? roomForSoftBreak(seg) : seg)),
    slots: pieces.filter((_, i) => i % 2 === 1),
  };
}

export function spliceQuotedPrintable(prepared: { segments: string[]; slots: string[] }, values: Readonly<Record<string, string>>): QuotedPrintableBody {
  const out: string[] = [prepared.segments[0]!];
  prepared.slots.forEach((name, i) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for slot ${name}`);
    out.push(roomForSoftBreak(quotedPrintable(value)), prepared.segments[i + 1]!);
  });
  return { quotedPrintable: out.join(`=${CRLF}`) };
}

/** The "=" of a soft break must fit in the encoded line's 76 characters: split a full last line first. */
function roomForSoftBreak(encoded: string): string {
  const lineStart = encoded.lastIndexOf(CRLF) + (encoded.includes(CRLF) ? 2 : 0);
  if (encoded.length - lineStart <= 75) return encoded;
  let cut = lineStart + 75;
  if (encoded[cut - 1] === '=') cut -= 1;
  else if (encoded[cut - 2] === '=') cut -= 2;
  return `${encoded.slice(0, cut)}=${CRLF}${encoded.slice(cut)}`;
}

/** Quoted-printable (RFC 2045 6.7): CRLF line breaks kept as hard breaks, encoded lines at most 76 characters. */
export function quotedPrintable(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(encodeQpLine).join(CRLF);
}

function encodeQpLine(line: string): string {
  // One character per octet, so lengths below count octets; then escape all but printable ASCII other than "=".
  const octets = /^[\x00-\x7f]*$/.test(line) ? line : Buffer.from(line, 'utf8').toString('latin1');
  const escaped = octets
    .replace(/[^\t\x20-\x3c\x3e-\x7e]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/[\t ]$/, (c) => (c === ' ' ? '=20' : '=09'));
  if (escaped.length <= 76) return escaped;
  const lines: string[] = [];
  let start = 0;
  while (escaped.length - start > 76) {
    // A soft break "=" must fit in 76 characters, and must not split an "=XX" escape.
    let cut = start + 75;
    if (escaped[cut - 1] === '=') cut -= 1;
    else if (escaped[cut - 2] === '=') cut -= 2;
    lines.push(`${escaped.slice(start, cut)}=`);
    start = cut;
  }
  lines.push(escaped.slice(start));
  return lines.join(CRLF);
}
