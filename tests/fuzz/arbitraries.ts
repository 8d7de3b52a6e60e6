/**
 * fast-check generators for hostile HTTP requests: every route of the shared table, with random and hostile
 * bodies (JSON, forms, multipart, garbage, huge, empty, invalid UTF-8), wrong types, odd Unicode, CRLF and
 * markup in every string, and forged tokens of both kinds (signed links and admin JWTs).
 */
import fc from 'fast-check';
import { routes, type RouteSpec } from '#lambdas/routes.ts';

/** Markers the checks look for: if one comes back unescaped in a page, data reached HTML as markup. */
export const SCRIPT_MARKER = '<script>alert("dw-xss")</script>';
export const IMG_MARKER = '"><img src=x onerror=alert(1)>';
export const HEADER_MARKER = 'X-Dw-Injected';

export const hostileConstants = [
  SCRIPT_MARKER, IMG_MARKER, `a\r\n${HEADER_MARKER}: 1`, `x\r\nBcc: victim@example.net`, '\r\n\r\n<html>', 'a\nb', 'a\rb',
  '%0d%0aSet-Cookie:%20a=b', 'javascript:alert(1)', '//evil.example/', 'https://evil.example/login', '../../etc/passwd',
  "'; DROP TABLE datewatch; --", '{{title}}', '${process.env.SECRET}', '__proto__', 'constructor', 'prototype', 'NaN', 'null',
  'undefined', 'true', '-1', '1e309', '0x10', '\u0000', '\u0000\u0001\u0007', '\u202eevil', '\u200b', '\ufeff', '\ud800', '\udfff',
  'Ω≈ç√∫', '日本語のタイトル', '🎉'.repeat(50), 'ﷺ'.repeat(20), 'a'.repeat(201), 'a'.repeat(5000), ' ', '', '   trailing   ',
  'reader@example.com', 'READER@EXAMPLE.COM', 'a@b', 'a@@b.example', 'a@b.example\r\nBcc: x@y.example', '"a b"@example.com',
  'user@xn--80ak6aa92e.com', 'user@пример.рф', 'P7D', 'P99D', 'weekly', 'all', 'Asia/Tokyo', 'Mars/Olympus', 'UTC',
  '2016-12-03', '2016-02-30', '2016-12-03T25:00', '9999-99-99', 'abe-putin-summit-yamaguchi', 'kishida-visits-russia',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileConstants) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...hostileConstants), fc.string({ maxLength: 10 }), fc.constantFrom(...hostileConstants)).map((p) => p.join('')) },
);

/** A value of any JSON type, strings hostile. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const FIELD_NAMES = [
  'email', 'timeZone', 'reminders', 'digest', 'events', 'website', 'token', 'eventsScope', 'List-Unsubscribe',
  'title', 'summary', 'date', 'startTime', 'place', 'source', 'status', 'version', 'id', '__proto__', 'constructor',
  'storyId', 'changeSource', 'stories', 'publisher', 'publishedOn', 'language', 'background', 'range',
];

/** Values an editor's URL (or any field) must never carry into the feed or a message. */
export const hostileUrls = [
  'https://example.com/\u0000x', 'https://example.com/\u0001unsubscribe\u0001', 'https://example.com/a b', 'https://example.com/\r\nX-Dw-Injected: 1',
  'javascript:alert(1)', '//example.com/x', 'ftp://example.com/x', 'https://example.com/{{unsubscribeUrl}}', 'https://exa mple.com/',
  'https://example.com/\u0085', 'https://example.com/\u2028', 'https:example.com', 'http://',
];

const validSource = { publisher: 'Kyodo', quote: 'a quote', url: 'https://example.com/story' };
const validEvent = {
  storyId: 'abe-putin-lima-2016', title: 'A title', summary: 'A summary.', date: '2016-12-20', timeZone: 'Asia/Tokyo', place: 'Tokyo',
  source: { publisher: 'Kyodo', quote: 'a quote', url: 'https://example.com/story' },
};
const validSubscribe = { email: 'fuzz@example.com', timeZone: 'Asia/Tokyo', reminders: ['P7D'], digest: 'weekly', events: 'all' };
const validStory = { title: 'A story', publisher: 'Kyodo', publishedOn: '2016-11-19', summary: 'A summary.', background: ['Some context.'] };
/** A move (and a cancellation) says on whose word. */
const validMove = { date: '2016-12-21', changeSource: validSource };
const validCancel = { changeSource: validSource };

/** Objects with the fields the routes read, given wrong types and hostile values; and valid ones with one field spoiled. */
export const fieldObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), anyJson, { maxKeys: 6 }),
  fc.tuple(fc.constantFrom<Record<string, unknown>>(validEvent, validSubscribe, validStory, validMove, validCancel, { timeZone: 'Europe/Moscow', changeSource: validSource }),
    fc.constantFrom(...FIELD_NAMES), anyJson)
    .map(([base, field, value]) => ({ ...base, [field]: value })),
  fc.tuple(fc.constantFrom<Record<string, unknown>>(validEvent, validSubscribe, validStory), fc.constantFrom('title', 'summary', 'place', 'email', 'publisher'), hostileString)
    .map(([base, field, value]) => ({ ...base, [field]: value })),
  fc.constantFrom<Record<string, unknown>>(validEvent, validSubscribe, validStory, validMove, validCancel, { ...validSubscribe, website: 'http://spam.example' }),
  // An editor's URL with what once slipped through: control characters, a composer marker, a placeholder, spaces.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...hostileUrls), fc.constantFrom('title', 'url'))
    .map(([bad, where]) => (where === 'url' ? { ...validEvent, source: { ...validEvent.source, url: bad } } : { ...validEvent, title: `Title ${bad}` })) },
  // The same in a change's source, which the story page and its feed show.
  { weight: 1, arbitrary: fc.constantFrom(...hostileUrls).map((bad) => ({ ...validMove, changeSource: { ...validSource, url: bad } })) },
  // A fresh, valid address: the request gets past validation and mails a confirmation, whose headers are checked.
  { weight: 3, arbitrary: fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}[a-z0-9]$/), fc.constantFrom('example.com', 'EXAMPLE.org', 'xn--80ak6aa92e.com', 'пример.рф'))
    .map(([local, domain]) => ({ ...validSubscribe, email: `${local}@${domain}` })) },
);

export type BodyKind = 'json' | 'form' | 'multipart' | 'garbage' | 'empty' | 'huge' | 'invalid-utf8' | 'json-scalar';

export interface BodySpec { kind: BodyKind; bytes: Buffer; contentType?: string }

const contentTypes = [
  'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=dwbound', 'text/plain', '',
  'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/json\r\nX-Dw-Injected: 1', 'multipart/form-data',
  'application/xml', 'application/x-www-form-urlencoded; charset=utf-8',
];

function formOf(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, typeof item === 'string' ? item : JSON.stringify(item) ?? '');
  }
  return params.toString();
}

function multipartOf(fields: Record<string, unknown>): string {
  return Object.entries(fields).map(([k, v]) => `--dwbound\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`).join('') + '--dwbound--\r\n';
}

export const body: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fieldObject, fc.constantFrom('application/json', 'application/json', ...contentTypes)).map(([o, ct]) => ({ kind: 'json' as const, bytes: Buffer.from(JSON.stringify(o)), contentType: ct })) },
  { weight: 2, arbitrary: fc.tuple(anyJson, fc.constantFrom('application/json', 'application/x-www-form-urlencoded')).map(([v, ct]) => ({ kind: 'json-scalar' as const, bytes: Buffer.from(JSON.stringify(v) ?? 'null'), contentType: ct })) },
  { weight: 3, arbitrary: fc.tuple(fieldObject, fc.constantFrom(...contentTypes)).map(([o, ct]) => ({ kind: 'form' as const, bytes: Buffer.from(formOf(o)), contentType: ct })) },
  { weight: 1, arbitrary: fc.tuple(fieldObject, fc.constantFrom('multipart/form-data; boundary=dwbound', 'multipart/form-data; boundary="dwbound"', 'multipart/form-data'))
    .map(([o, ct]) => ({ kind: 'multipart' as const, bytes: Buffer.from(multipartOf({ 'List-Unsubscribe': 'One-Click', ...o })), contentType: ct })) },
  { weight: 1, arbitrary: fc.tuple(hostileString, fc.constantFrom(...contentTypes)).map(([s, ct]) => ({ kind: 'garbage' as const, bytes: Buffer.from(s), contentType: ct })) },
  { weight: 1, arbitrary: fc.constantFrom(...contentTypes).map((ct) => ({ kind: 'empty' as const, bytes: Buffer.alloc(0), contentType: ct })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(16 * 1024 + 1, 70_000, 200_000), fc.constantFrom('application/json', 'application/x-www-form-urlencoded'))
    .map(([n, ct]) => ({ kind: 'huge' as const, bytes: Buffer.from(`{"email":"${'a'.repeat(n)}@example.com"}`), contentType: ct })) },
  { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.constantFrom(...contentTypes))
    .map(([b, ct]) => ({ kind: 'invalid-utf8' as const, bytes: Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(b), Buffer.from('"}')]), contentType: ct })) },
);

/** How a signed link token in a request is made; the harness turns the kind into a string. */
export type TokenKind =
  | 'valid-confirm' | 'valid-preferences' | 'valid-unsubscribe' | 'valid-erased' | 'wrong-purpose' | 'expired-confirm'
  | 'stale-confirm' | 'non-canonical' | 'tampered' | 'other-key' | 'random' | 'huge' | 'empty' | 'hostile';
export const tokenKind = fc.constantFrom<TokenKind>(
  'valid-confirm', 'valid-preferences', 'valid-unsubscribe', 'valid-erased', 'wrong-purpose', 'expired-confirm',
  'stale-confirm', 'non-canonical', 'tampered', 'other-key', 'random', 'huge', 'empty', 'hostile',
);

/** How the admin request is authorised: a real token, the forgeries API Gateway's JWT authorizer refuses, or none. */
export type AdminAuth =
  | 'admin' | 'not-admin' | 'comma-group' | 'alg-none' | 'hs256-public-key' | 'wrong-issuer' | 'wrong-audience' | 'expired' | 'no-exp'
  | 'other-key' | 'garbage' | 'basic' | 'none';
export const adminAuth = fc.oneof(
  { weight: 6, arbitrary: fc.constant<AdminAuth>('admin') },
  { weight: 4, arbitrary: fc.constantFrom<AdminAuth>('not-admin', 'comma-group', 'alg-none', 'hs256-public-key', 'wrong-issuer', 'wrong-audience', 'expired', 'no-exp', 'other-key', 'garbage', 'basic', 'none') },
);

export interface FuzzRequest {
  route: RouteSpec;
  /** A path parameter: `known` picks an existing event id, story id or subscriber address. */
  param: { known: boolean; value: string };
  query: Record<string, string>;
  token: TokenKind;
  tokenIn: 'query' | 'body' | 'none';
  body?: BodySpec;
  accept?: string;
  ifMatch?: string;
  auth: AdminAuth;
  ip: string;
  userAgent: string;
  base64: boolean;
}

export const request = (route: RouteSpec): fc.Arbitrary<FuzzRequest> => fc.record({
  route: fc.constant(route),
  param: fc.record({ known: fc.boolean(), value: hostileString }),
  query: fc.dictionary(fc.constantFrom('token', 'redirect', 'next', 'returnTo', 'url', 'email', 'x'), hostileString, { maxKeys: 3 }),
  token: tokenKind,
  tokenIn: fc.constantFrom<'query' | 'body' | 'none'>('query', 'query', 'body', 'none'),
  body: route.method === 'GET' || route.method === 'DELETE' ? fc.option(body, { freq: 8 }).map((b) => b ?? undefined) : body,
  accept: fc.constantFrom(undefined, 'text/html', 'application/json', '*/*', 'text/html,application/json'),
  ifMatch: fc.constantFrom(undefined, '"1"', '1', 'W/"2"', '"99999999999"', '*', 'garbage', '"1"\r\nX-Dw-Injected: 1'),
  auth: adminAuth,
  ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('unknown', '')),
  userAgent: hostileString,
  base64: fc.boolean(),
});

/** One request for any route, routes equally likely. */
export const anyRequest: fc.Arbitrary<FuzzRequest> = fc.constantFrom(...routes).chain(request);
export { routes };
