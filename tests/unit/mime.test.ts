import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRawMessage, HeaderInjectionError, prepareQuotedPrintable, quotedPrintable, spliceQuotedPrintable, type RawMessageInput } from '#core/email/mime.ts';

const base: RawMessageInput = {
  from: 'Datewatch <news@datewatch.example>',
  to: 'reader@example.com',
  subject: 'In 7 days: Kishida visits Russia',
  text: 'Plain text body\nSecond line',
  html: '<!doctype html><html lang="en"><body><p>Hello</p></body></html>',
  messageDate: new Date('2016-11-26T09:05:03Z'),
  headers: { 'List-Unsubscribe': '<https://datewatch.example/unsubscribe?token=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; charset=UTF-8; method=REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' }],
};

interface Part { headers: Record<string, string>; body: string }

/** A tolerant reader: unfolds headers, splits on the boundary the message declares. */
function parse(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(split + 4) };
}

function children(part: Part): Part[] {
  const boundary = /boundary="([^"]+)"/.exec(part.headers['content-type']!)![1]!;
  const [, ...rest] = part.body.split(`--${boundary}`);
  expect(rest.at(-1)!.startsWith('--')).toBe(true); // the closing delimiter
  return rest.slice(0, -1).map((p) => parse(p.replace(/^\r\n/, '').replace(/\r\n$/, '')));
}

function decodeQp(body: string): string {
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeEncodedWords(value: string): string {
  return value.replace(/=\?UTF-8\?B\?([^?]+)\?=\s*/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8')).trim();
}

describe('buildRawMessage', () => {
  it('writes the headers: from, to, subject, RFC 5322 date from messageDate, message id, MIME version and custom ones', () => {
    const message = parse(buildRawMessage(base));
    expect(message.headers.from).toBe('"Datewatch" <news@datewatch.example>');
    expect(message.headers.to).toBe('reader@example.com');
    expect(message.headers.subject).toBe('In 7 days: Kishida visits Russia');
    expect(message.headers.date).toBe('Sat, 26 Nov 2016 09:05:03 +0000');
    expect(message.headers['message-id']).toMatch(/^<[0-9a-f-]{36}@datewatch\.example>$/);
    expect(message.headers['mime-version']).toBe('1.0');
    expect(message.headers['list-unsubscribe']).toBe('<https://datewatch.example/unsubscribe?token=abc>');
    expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('nests text and html in multipart/alternative inside multipart/mixed, then the calendar attachment', () => {
    const message = parse(buildRawMessage(base));
    expect(message.headers['content-type']).toMatch(/^multipart\/mixed; boundary="/);
    const [alternative, attachment, ...extra] = children(message);
    expect(extra).toEqual([]);
    expect(alternative!.headers['content-type']).toMatch(/^multipart\/alternative; boundary="/);
    const [text, html] = children(alternative!);
    expect(text!.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(text!.headers['content-transfer-encoding']).toBe('quoted-printable');
    expect(decodeQp(text!.body)).toBe('Plain text body\r\nSecond line');
    expect(html!.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(html!.headers['content-transfer-encoding']).toBe('base64');
    expect(Buffer.from(html!.body, 'base64').toString('utf8')).toBe(base.html);
    expect(attachment!.headers['content-type']).toBe('text/calendar; charset=UTF-8; method=REQUEST; name="invite.ics"');
    expect(attachment!.headers['content-disposition']).toBe('attachment; filename="invite.ics"');
    expect(attachment!.headers['content-transfer-encoding']).toBe('base64');
    expect(Buffer.from(attachment!.body, 'base64').toString('utf8')).toBe(base.attachments![0]!.content);
  });

  it('sends multipart/alternative alone when there is no attachment', () => {
    const message = parse(buildRawMessage({ ...base, attachments: [] }));
    expect(message.headers['content-type']).toMatch(/^multipart\/alternative;/);
    expect(children(message)).toHaveLength(2);
  });

  it('keeps header lines within 78 characters and body lines within 76, with CRLF only', () => {
    const long = `${'Abe–Putin summit, économie, 経済協力 '.repeat(200)}trailing space `;
    const raw = buildRawMessage({ ...base, text: long, html: `<p>${long}</p>`, attachments: [{ ...base.attachments![0]!, content: 'X'.repeat(5000) }] });
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw.split('\r\n').filter((l) => l.length > 78)).toEqual([]);
    const [alternative, attachment] = children(parse(raw));
    const [text, html] = children(alternative!);
    for (const part of [text!, html!, attachment!]) expect(part.body.split('\r\n').filter((l) => l.length > 76)).toEqual([]);
    expect(decodeQp(text!.body)).toBe(long);
  });

  it('encodes a non-ASCII subject as RFC 2047 encoded-words of at most 75 characters', () => {
    const subject = 'Tomorrow: Abe–Putin summit in Yamaguchi — 山口での首脳会談、経済協力プランについて話し合う';
    const raw = buildRawMessage({ ...base, subject });
    const subjectLines = raw.slice(raw.indexOf('Subject:'), raw.indexOf('\r\nDate:')).split('\r\n');
    expect(subjectLines.length).toBeGreaterThan(1);
    for (const word of subjectLines.join(' ').match(/=\?[^ ]+\?=/g)!) expect(word.length).toBeLessThanOrEqual(75);
    expect(raw).not.toMatch(/[^\x00-\x7f]/);
    expect(decodeEncodedWords(parse(raw).headers.subject!)).toBe(subject);
  });

  it('sanitises CR/LF out of the subject so it cannot add headers', () => {
    const raw = buildRawMessage({ ...base, subject: 'Hello\r\nBcc: victim@example.com\r\n\r\n<b>body</b>' });
    expect(raw).not.toMatch(/^Bcc:/m);
    expect(parse(raw).headers.subject).toBe('Hello Bcc: victim@example.com <b>body</b>');
  });

  it('rejects header injection through custom headers and addresses', () => {
    expect(() => buildRawMessage({ ...base, headers: { 'X-Campaign': 'a\r\nBcc: victim@example.com' } })).toThrow(HeaderInjectionError);
    expect(() => buildRawMessage({ ...base, headers: { 'X-Campaign': 'a\nb' } })).toThrow(HeaderInjectionError);
    expect(() => buildRawMessage({ ...base, headers: { 'Bad\r\nName': 'x' } })).toThrow(HeaderInjectionError);
    expect(() => buildRawMessage({ ...base, headers: { 'Bcc': 'victim@example.com' } })).toThrow(/set by the message builder/);
    expect(() => buildRawMessage({ ...base, to: 'reader@example.com\r\nBcc: victim@example.com' })).toThrow(HeaderInjectionError);
    expect(() => buildRawMessage({ ...base, from: 'Evil\n <news@datewatch.example>' })).toThrow(HeaderInjectionError);
    expect(() => buildRawMessage({ ...base, to: 'not an address' })).toThrow(/address/);
    expect(() => buildRawMessage({ ...base, attachments: [{ ...base.attachments![0]!, filename: 'x"\r\n.ics' }] })).toThrow(HeaderInjectionError);
    expect(() => buildRawMessage({ ...base, attachments: [{ ...base.attachments![0]!, contentType: 'text/calendar\r\nX: 1' }] })).toThrow(HeaderInjectionError);
  });

  it('uses fresh boundaries and message ids but the injected date', () => {
    const a = buildRawMessage(base);
    const b = buildRawMessage(base);
    expect(parse(a).headers['content-type']).not.toBe(parse(b).headers['content-type']);
    expect(parse(a).headers['message-id']).not.toBe(parse(b).headers['message-id']);
    expect(parse(a).headers.date).toBe(parse(b).headers.date);
  });
});

describe('quotedPrintable', () => {
  it('encodes =, non-ASCII and trailing blanks, and soft-breaks long lines', () => {
    expect(quotedPrintable('a=b')).toBe('a=3Db');
    expect(quotedPrintable('é')).toBe('=C3=A9');
    expect(quotedPrintable('end \nnext')).toBe('end=20\r\nnext');
    const encoded = quotedPrintable('x'.repeat(200));
    expect(encoded.split('\r\n').map((l) => l.length)).toEqual([76, 76, 50]);
    expect(decodeQp(encoded)).toBe('x'.repeat(200));
  });

  it('round-trips any text, keeps every line within 76 characters and never splits an escape', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      const encoded = quotedPrintable(text);
      for (const line of encoded.split('\r\n')) {
        expect(line.length).toBeLessThanOrEqual(76);
        expect(line).toMatch(/^(?:[\t\x20-\x3c\x3e-\x7e]|=[0-9A-F]{2})*=?$/);
      }
      expect(decodeQp(encoded)).toBe(text.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n'));
    }), { numRuns: 300, seed: 2016 });
  });

  it('decodes a body spliced from pieces encoded apart to the pieces joined, with every line within 76', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 160 }), (pieces, link) => {
      const text = pieces.join('\u0001L\u0001');
      const prepared = prepareQuotedPrintable(text, /\u0001(L)\u0001/);
      const { quotedPrintable: encoded } = spliceQuotedPrintable(prepared, { L: link });
      for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
      expect(decodeQp(encoded)).toBe(pieces.join(link).replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n'));
    }), { numRuns: 300, seed: 2017 });
  });
});

describe('header lines and encoded words (RFC 5322 2.1.1, RFC 2047 2)', () => {
  const token = 'k1.' + 'A'.repeat(120) + '.' + 'B'.repeat(43);
  const unsubscribe = `https://datewatch.example/unsubscribe?token=${token}`;
  const raw = buildRawMessage({
    ...base, subject: 'Date confirmed: Abe–Putin summit in Yamaguchi — Saturday 17 December 2016, Japan time',
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));

  it('folds every header line to 78 characters, the 177-character List-Unsubscribe too', () => {
    for (const line of head.split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(78);
    expect(head).toMatch(/^List-Unsubscribe: <https:\/\/datewatch\.example\/unsubscribe\?token=\r\n /m);
  });

  it('keeps every encoded word within 75 characters', () => {
    const words = head.match(/=\?UTF-8\?B\?[^?]*\?=/g)!;
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
  });

  it('reads back as sent in mailparser: the subject whole, the URL once its folding blanks are ignored (RFC 2369)', async () => {
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Date confirmed: Abe–Putin summit in Yamaguchi — Saturday 17 December 2016, Japan time');
    const list = parsed.headers.get('list') as { unsubscribe: { url: string } };
    expect(list.unsubscribe.url.replace(/\s+/g, '')).toBe(unsubscribe);
  });
});
