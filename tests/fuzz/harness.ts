/**
 * Runs fuzz requests through the real public and admin handlers over a real dynalite table, with the local
 * JWT authorizer in front of /admin/* as API Gateway would be, and checks every answer:
 * never a 5xx; a rejected request writes nothing and mails no one (the whole table is scanned before and after);
 * an error body says what is wrong and carries no stack or internals; pages never echo markup; no response header
 * carries CR/LF or sends the browser to another site; every mail sent has only the headers we write.
 */
import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { makeTestDependencies } from '../support/wiring.ts';
import { makeTokens, type TokenPurpose } from '#core/tokens.ts';
import { makeCatalog } from '#core/catalog.ts';
import { storeSeed } from '#core/seed.ts';
import { makeStoriesService } from '#core/stories-service.ts';
import { limaSeed, SEED_STORY_ID } from '#core/model/story.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { makeAdminApi } from '#handlers/admin-api.ts';
import { makePreferencesApi } from '#handlers/preferences.ts';
import { makePublicApi } from '#handlers/public-api.ts';
import { makeSubscribeApi } from '#handlers/subscribe.ts';
import { makePublicPages } from '#handlers/public-pages.ts';
import { makeMailJobs } from '#handlers/mail-jobs.ts';
import { makeProposals } from '#handlers/proposals.ts';
import { makeStaticFiles } from '#handlers/static-files.ts';
import { readBuiltFile, routedByFunction } from '../support/http-functions.ts';
import type { HttpEvent, HttpResult } from '#handlers/http/types.ts';
import { makeLocalClock } from '#local/clock.ts';
import { issueAdminToken, loadOrCreateSigningKey, makeLocalAuthorizer } from '#local/local-auth.ts';
import { routeKey } from '#lambdas/routes.ts';
import type { Mailer } from '#ports/mailer.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';
import { forgeAdminHeaders } from '../support/forged-tokens.ts';
import { HEADER_MARKER, IMG_MARKER, SCRIPT_MARKER, type FuzzRequest } from './arbitraries.ts';
import { LOCAL_CONSOLE_SIGN_IN } from '#local/local-routes.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

export interface Finding { route: string; status: number; problem: string; example: string; /** UTF-8 bytes of the path parameter, if any. */ paramBytes: number }

export interface FuzzReport {
  inputs: number;
  perRoute: Map<string, { inputs: number; statuses: Map<number, number> }>;
  findings: Finding[];
  mailsSent: number;
  ms: number;
}

export interface FuzzTarget {
  table: TestTable;
  run(requests: FuzzRequest[], options?: { onProgress?: (done: number) => void }): Promise<FuzzReport>;
  close(): Promise<void>;
}

const ACTIVE_EMAIL = 'reader@example.com';
const PENDING_EMAIL = 'pending@example.com';
/** Headers our messages may carry; anything else in a raw message came from data. */
const MAIL_HEADERS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'auto-submitted', 'content-type',
  'list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'x-ses-message-tags', 'x-datewatch-job', 'content-language']);
/** What a response must never show: stack frames, file paths, SDK and database error names. */
const INTERNALS = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|\/work\/|\/home\/|ConditionalCheckFailed|ValidationException|ResourceNotFound|DynamoDB|dynalite|TypeError|ReferenceError|SyntaxError|RangeError|Cannot read propert|undefined is not|ZodError|"stack"|\bstack trace\b/i;
const REJECTED_EXAMPLE_CHARS = 300;
/** Routes whose 200 body is a fixed file, not built from the request: code and prose may say "stack" or "at now (". */
const FIXED_DOCUMENTS = new Set(['GET /console', 'GET /console/app.js', 'GET /console/config.json', 'GET /openapi.json']);

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const table = await startTestTable();
  const clock = makeLocalClock('manual');
  const mails: { to: string; raw: string }[] = [];
  const mailer: Mailer = { async sendRaw(m) { mails.push(m); return { messageId: `fuzz-${mails.length}` }; } };
  const tokenKeys = { current: randomBytes(32).toString('base64url') };
  const publicBaseUrl = 'https://datewatch.example';
  const deps = makeTestDependencies({
    doc: table.doc, tableName: table.tableName, mailer, clock, tokenKeys,
    publicBaseUrl, sender: 'Datewatch <alerts@datewatch.example>',
  });
  await storeSeed({ events: deps.eventStore, stories: deps.storyStore, clock }, { story: seedStory, events: storyEvents });
  const at = clock.now().toISOString();
  const NONCE = 'fuzz-current-nonce';
  const reader = (email: string, status: Subscriber['status']): Subscriber => ({
    id: subscriberIdOf(email), email, status,
    preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D'], digest: 'weekly', events: 'all' },
    consent: { requestedAt: at, requestIpHash: 'fuzz', requestUserAgent: 'fuzz', ...(status === 'active' ? { confirmedAt: at } : {}) },
    createdAt: at, updatedAt: at,
    ...(status === 'active' ? { confirmedAt: at } : { signUp: { requestId: 'fuzz', nonce: NONCE, requestedAt: at, mailedAt: at } }),
  });
  const active = reader(ACTIVE_EMAIL, 'active');
  const pending = reader(PENDING_EMAIL, 'pending');
  for (const r of [active, pending]) {
    await deps.subscriberStore.put(r, null);
    await deps.subscriberStore.claimAddress(r.email, r.id, undefined);
  }

  const catalog = makeCatalog({ stories: deps.storyStore, events: deps.events, listing: deps.catalogStore, clock });
  // Every function behind routes but previews, story updates and the CSV routes (which answer 404 here, as before
  // the split); the send jobs' list as admin-api served it before mail-jobs did.
  const handler = routedByFunction({
    publicPages: makePublicPages({ catalog, publicBaseUrl, clock }),
    subscribe: makeSubscribeApi({ subscriptions: deps.subscriptions }),
    publicApi: makePublicApi({ subscriptions: deps.subscriptions, links: deps.links }),
    preferences: makePreferencesApi({ catalog, subscriptions: deps.subscriptions, links: deps.links }),
    staticFiles: makeStaticFiles({ read: readBuiltFile, consoleSignIn: LOCAL_CONSOLE_SIGN_IN }),
    adminApi: makeAdminApi({
      ...deps, stories: makeStoriesService({ stories: deps.storyStore, events: deps.events, clock, newId: randomSlug }),
    }),
    mailJobs: makeMailJobs({ jobs: deps.jobs }),
    proposals: makeProposals(),
  });
  const authKeys = await loadOrCreateSigningKey();
  const authorize = makeLocalAuthorizer(authKeys);
  const adminHeaders: Record<string, string | undefined> = {
    ...await forgeAdminHeaders(authKeys),
    // API Gateway flattens the groups to "[x,admins editors]": a comma is part of a name, never a separator.
    'comma-group': `Bearer ${await issueAdminToken(authKeys, { groups: ['x,admins', 'editors'] })}`,
  };
  const otherKeyTokens = makeTokens({ keys: { current: randomBytes(32).toString('base64url') }, clock });
  const pastTokens = makeTokens({ keys: tokenKeys, clock: { now: () => new Date('2016-01-01T00:00:00Z') } });

  function tokenFor(req: FuzzRequest): string | undefined {
    const purposeOfRoute: TokenPurpose = req.route.path.includes('confirm') ? 'confirm' : req.route.path.includes('preferences') ? 'preferences' : 'unsubscribe';
    switch (req.token) {
      case 'valid-confirm': return deps.tokens.issue('confirm', pending.id, NONCE);
      // A link mailed for an earlier sign-up of the same address: its nonce is no longer the pending one.
      case 'stale-confirm': return deps.tokens.issue('confirm', pending.id, 'fuzz-older-nonce');
      // A valid token spelt another way: the MAC's last character with a spare bit set.
      case 'non-canonical': return respell(deps.tokens.issue(purposeOfRoute, purposeOfRoute === 'confirm' ? pending.id : active.id, purposeOfRoute === 'confirm' ? NONCE : undefined));
      case 'valid-preferences': return deps.tokens.issue('preferences', active.id);
      case 'valid-unsubscribe': return deps.tokens.issue('unsubscribe', active.id);
      case 'valid-erased': return deps.tokens.issue(purposeOfRoute, subscriberIdOf('nobody@example.com'));
      case 'wrong-purpose': return deps.tokens.issue(purposeOfRoute === 'confirm' ? 'unsubscribe' : 'confirm', active.id);
      case 'expired-confirm': return pastTokens.issue('confirm', pending.id, NONCE);
      case 'tampered': { const t = deps.tokens.issue(purposeOfRoute, active.id); return `${t.slice(0, -2)}${t.endsWith('A') ? 'B' : 'A'}${t.slice(-1)}`; }
      case 'other-key': return otherKeyTokens.issue(purposeOfRoute, active.id);
      case 'random': return `${Buffer.from(req.param.value).toString('base64url') || 'a'}.${randomBytes(12).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
      case 'huge': return `${'a'.repeat(600)}.b.c`;
      case 'empty': return '';
      case 'hostile': return wellFormed(req.param.value);
    }
  }

  function toEvent(req: FuzzRequest, authorizer?: HttpEvent['requestContext']['authorizer']): HttpEvent {
    const paramName = /\{(\w+)\}/.exec(req.route.path)?.[1];
    // A URL carries UTF-8: a lone surrogate cannot reach the handler, it arrives as U+FFFD.
    const knownValue = paramName === 'email' ? ACTIVE_EMAIL
      : req.route.path.startsWith('/stories/') || req.route.path.startsWith('/admin/stories/') ? SEED_STORY_ID
        : storyEvents[req.param.value.length % storyEvents.length]!.id;
    const paramValue = req.param.known ? knownValue : wellFormed(req.param.value);
    const path = paramName ? req.route.path.replace(`{${paramName}}`, encodeURIComponent(paramValue)) : req.route.path;
    const query: Record<string, string> = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, wellFormed(v)]));
    const token = tokenFor(req);
    if (req.tokenIn === 'query' && token !== undefined) query.token = token;
    let bodyBytes = req.body?.bytes;
    if (req.tokenIn === 'body' && token !== undefined && req.body && /form/.test(req.body.contentType ?? '')) {
      bodyBytes = Buffer.concat([bodyBytes ?? Buffer.alloc(0), Buffer.from(`&token=${encodeURIComponent(token)}`)]);
    }
    const headers: Record<string, string> = { host: 'datewatch.example', 'user-agent': req.userAgent };
    if (req.body?.contentType) headers['content-type'] = req.body.contentType;
    if (req.accept) headers.accept = req.accept;
    if (req.ifMatch) headers['if-match'] = req.ifMatch;
    const authHeader = adminHeaders[req.auth];
    if (authHeader) headers.authorization = authHeader;
    const rawQuery = new URLSearchParams(query).toString();
    return {
      version: '2.0', routeKey: routeKey(req.route), rawPath: path, rawQueryString: rawQuery, headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters: paramName ? { [paramName]: paramValue } : undefined,
      body: bodyBytes && bodyBytes.length ? (req.base64 ? bodyBytes.toString('base64') : bodyBytes.toString('utf8')) : undefined,
      isBase64Encoded: Boolean(bodyBytes && bodyBytes.length && req.base64),
      requestContext: {
        accountId: 'fuzz', apiId: 'fuzz', domainName: 'datewatch.example', domainPrefix: 'datewatch', requestId: randomBytes(8).toString('hex'),
        routeKey: routeKey(req.route), stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(),
        http: { method: req.route.method, path, protocol: 'HTTP/1.1', sourceIp: req.ip, userAgent: req.userAgent },
        ...(authorizer ? { authorizer } : {}),
      },
    } as HttpEvent;
  }

  /** API Gateway's part for /admin/*: the JWT authorizer, then claims flattened to strings as it does. */
  async function gateway(req: FuzzRequest): Promise<{ event: HttpEvent; result: HttpResult }> {
    if (!req.route.admin) { const event = toEvent(req); return { event, result: await handler(event) }; }
    const auth = await authorize(adminHeaders[req.auth]);
    if (!auth.ok) {
      const event = toEvent(req);
      return { event, result: { statusCode: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Unauthorized', error: auth.reason }) } };
    }
    const claims: Record<string, string | number | boolean | string[]> = {};
    for (const [k, v] of Object.entries(auth.claims)) claims[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : (v as string);
    const event = toEvent(req, { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } });
    return { event, result: await handler(event) };
  }

  async function snapshot(): Promise<string> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await table.doc.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    items.sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));
    return JSON.stringify(items);
  }

  return {
    table,
    async run(requests, options = {}) {
      const started = performance.now();
      const report: FuzzReport = { inputs: 0, perRoute: new Map(), findings: [], mailsSent: 0, ms: 0 };
      let before = await snapshot();
      for (const req of requests) {
        const mailsBefore = mails.length;
        let event: HttpEvent | undefined;
        let result: HttpResult;
        try {
          ({ event, result } = await gateway(req));
        } catch (err) {
          result = { statusCode: 599, headers: {}, body: `handler threw: ${(err as Error).name}` };
        }
        const after = await snapshot();
        const key = routeKey(req.route);
        const route = report.perRoute.get(key) ?? { inputs: 0, statuses: new Map() };
        route.inputs++;
        route.statuses.set(result.statusCode, (route.statuses.get(result.statusCode) ?? 0) + 1);
        report.perRoute.set(key, route);
        report.inputs++;
        const newMails = mails.slice(mailsBefore);
        report.mailsSent += newMails.length;
        for (const problem of check(req, event, result, before !== after, newMails)) {
          const param = Object.values(event?.pathParameters ?? {})[0] ?? '';
          report.findings.push({ route: key, status: result.statusCode, problem, example: describe(event, result), paramBytes: Buffer.byteLength(param) });
        }
        before = after;
        options.onProgress?.(report.inputs);
      }
      report.ms = performance.now() - started;
      return report;
    },
    async close() { await table.close(); },
  };
}

/** New ids as the roots make them: the slug and a random suffix, so fuzzed creates do not collide. */
const randomSlug = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same token with the last character's spare bits changed: the bytes decode the same, the spelling does not. */
const respell = (token: string) => `${token.slice(0, -1)}${B64URL[B64URL.indexOf(token.at(-1)!) ^ 1]}`;

const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

function requestText(event: HttpEvent | undefined): string {
  if (!event) return '';
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  return [event.rawPath, decodeURIComponentSafe(event.rawQueryString), JSON.stringify(event.queryStringParameters ?? {}), JSON.stringify(event.pathParameters ?? {}),
    JSON.stringify(event.headers), body, decodeURIComponentSafe(body.replace(/\+/g, ' '))].join('\n');
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** Every rule a response must keep, as a list of what was broken. */
export function check(req: FuzzRequest, event: HttpEvent | undefined, result: HttpResult, tableChanged: boolean, newMails: { to: string; raw: string }[]): string[] {
  const problems: string[] = [];
  const status = result.statusCode;
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');
  const type = Object.entries(result.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (status >= 500) problems.push(`${status}: a server error for a client's input`);
  if (status >= 400) {
    if (tableChanged) problems.push('a rejected request changed the table');
    if (newMails.length) problems.push('a rejected request sent mail');
    if (/json/.test(type)) {
      let parsed: { error?: unknown; message?: unknown } | undefined;
      try { parsed = JSON.parse(body); } catch { problems.push('an error body that is not the JSON it claims to be'); }
      const message = parsed?.error ?? parsed?.message;
      if (parsed && (typeof message !== 'string' || message.trim().length < 8)) problems.push('an error body that does not say what is wrong');
    } else if (/html/.test(type)) {
      if (!/<(h1|p)\b[^>]*>[^<]{8,}/.test(body)) problems.push('an error page that does not say what is wrong');
    } else {
      problems.push(`an error answered as "${type || 'no content type'}"`);
    }
  }
  // Internals: flagged only when the request did not itself carry the text (an id may be echoed back, escaped).
  // A fixed document (the console's script, the OpenAPI description) answered with 200 is the same for every request.
  const internals = FIXED_DOCUMENTS.has(routeKey(req.route)) && status === 200 ? null : INTERNALS.exec(body);
  if (internals && !requestText(event).toLowerCase().includes(internals[0].toLowerCase())) problems.push(`the body shows internals ("${internals[0]}")`);
  if (/html/.test(type) && (body.includes(SCRIPT_MARKER) || body.includes(IMG_MARKER) || /<img src=x/i.test(body))) problems.push('a page echoes markup unescaped');
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (/[\r\n]/.test(String(value))) problems.push(`response header ${name} carries CR/LF`);
    if (name.toLowerCase() === HEADER_MARKER.toLowerCase()) problems.push('a response carries an injected header');
    if (name.toLowerCase() === 'location' && !/^\/(?!\/)/.test(String(value))) problems.push(`a redirect to ${String(value).slice(0, 60)} (not a path on this site)`);
  }
  for (const mail of newMails) problems.push(...checkMail(mail));
  // Scanners fetch links: a GET (or HEAD) may never change anything, whatever it answers.
  if (req.route.method === 'GET' && tableChanged) problems.push('a GET changed the table (a link scanner would have)');
  if (req.route.method === 'GET' && newMails.length) problems.push('a GET sent mail');
  const linkRoute = /^\/(subscriptions\/confirm|preferences|unsubscribe)$/.test(req.route.path);
  if (linkRoute && req.tokenIn === 'query' && req.token === 'non-canonical' && status < 400) problems.push(`a second spelling of a token was accepted (${status})`);
  if (linkRoute && req.token === 'stale-confirm' && tableChanged) problems.push('an old confirmation link changed a subscription');
  if (req.route.admin && /^\/admin\/(events|stories)(\/\{id\})?$/.test(req.route.path) && status >= 200 && status < 300) problems.push(...eventProblems(body));
  if (status >= 200 && status < 300 && req.route.admin && req.auth !== 'admin') problems.push(`an admin route answered ${status} to a "${req.auth}" token`);
  return problems;
}

/**
 * An event or story the admin API answered with (one, or a list): no field carries a control character or a
 * placeholder, and every URL (a story's, an event's source, each change's source) is a clean http(s) URL.
 */
function eventProblems(body: string): string[] {
  let parsed: unknown;
  try { parsed = JSON.parse(body); } catch { return []; }
  const list = (parsed as { events?: unknown[]; stories?: unknown[] }).events ?? (parsed as { stories?: unknown[] }).stories ?? [parsed];
  type Source = { url?: unknown } & Record<string, unknown>;
  const problems: string[] = [];
  for (const e of list as ({ url?: unknown; source?: Source; history?: { source?: Source }[] } & Record<string, unknown>)[]) {
    const sources = [e?.source, ...(Array.isArray(e?.history) ? e.history.map((c) => c?.source) : [])].filter((x): x is Source => Boolean(x));
    for (const url of [e?.url, ...sources.map((x) => x.url)]) {
      if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\/[^\s\u0000-\u001f\u007f-\u009f]+$/.test(url))) problems.push('an event or story stored a url that is not a clean http(s) URL');
    }
    for (const value of [...Object.values(e ?? {}), ...sources.flatMap((x) => Object.values(x)), ...(Array.isArray(e?.background) ? e.background : [])] as unknown[]) {
      if (typeof value === 'string' && (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value) || /\{\{|\}\}/.test(value))) problems.push('an event or story stored a control character or a placeholder');
    }
  }
  return problems;
}

/** A raw message may carry only the headers the builder writes, one To, and no markup from data in its HTML. */
export function checkMail(mail: { to: string; raw: string }): string[] {
  const problems: string[] = [];
  const end = mail.raw.indexOf('\r\n\r\n');
  const head = mail.raw.slice(0, end < 0 ? undefined : end);
  if (/(^|[^\r])\n|\r(?!\n)/.test(head)) problems.push('a bare CR or LF in the mail headers');
  const names = head.split('\r\n').filter((l) => !/^[ \t]/.test(l)).map((l) => l.slice(0, Math.max(0, l.indexOf(':'))).toLowerCase());
  for (const n of names) if (!MAIL_HEADERS.has(n)) problems.push(`an unexpected mail header "${n.slice(0, 40)}"`);
  if (names.filter((n) => n === 'to').length !== 1) problems.push('a mail without exactly one To header');
  // The text part may carry markup as plain text; only the HTML part must escape it.
  // Split on the message's own boundaries: a quoted-printable line may itself begin with "--".
  const boundaries = [...mail.raw.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]!);
  const htmlPart = boundaries.flatMap((b) => mail.raw.split(`--${b}`)).find((p) => p.startsWith('\r\nContent-Type: text/html'));
  if (!htmlPart) problems.push('a mail without an HTML part');
  const split = htmlPart?.indexOf('\r\n\r\n') ?? -1;
  const html = decodeTransfer(htmlPart?.slice(0, split) ?? '', htmlPart?.slice(split + 4).replace(/\r\n$/, '') ?? '');
  if (!html.includes('</html>')) problems.push('a mail whose HTML part does not decode to a whole document');
  if (html.includes(SCRIPT_MARKER) || html.includes(IMG_MARKER) || /<img src=x/i.test(html)) problems.push('a mail echoes markup unescaped');
  return problems;
}

/** A MIME part's body as text, by its Content-Transfer-Encoding (base64 or quoted-printable). */
export function decodeTransfer(partHeaders: string, body: string): string {
  if (/Content-Transfer-Encoding:\s*base64/i.test(partHeaders)) return Buffer.from(body, 'base64').toString('utf8');
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function describe(event: HttpEvent | undefined, result: HttpResult): string {
  const req = event ? `${event.requestContext.http.method} ${event.rawPath}?${event.rawQueryString} ${JSON.stringify(event.headers['content-type'] ?? '')} ${(event.body ?? '').slice(0, 120)}` : '';
  return `${req} → ${result.statusCode} ${(result.body ?? '').slice(0, 160)}`.slice(0, REJECTED_EXAMPLE_CHARS);
}

/** The per-route table and the findings, grouped by problem. */
export function formatFuzzReport(r: FuzzReport): string {
  const rows = [...r.perRoute].sort(([a], [b]) => a.localeCompare(b));
  const statusCodes = [...new Set(rows.flatMap(([, v]) => [...v.statuses.keys()]))].sort((a, b) => a - b);
  const findingsByRoute = new Map<string, number>();
  for (const f of r.findings) findingsByRoute.set(f.route, (findingsByRoute.get(f.route) ?? 0) + 1);
  const head = ['route', 'inputs', ...statusCodes.map(String), 'findings'];
  const body = rows.map(([route, v]) => [route, String(v.inputs), ...statusCodes.map((s) => String(v.statuses.get(s) ?? '')), String(findingsByRoute.get(route) ?? 0)]);
  const total = ['total', String(r.inputs), ...statusCodes.map((s) => String(rows.reduce((n, [, v]) => n + (v.statuses.get(s) ?? 0), 0))), String(r.findings.length)];
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line), line(total)];
  const grouped = new Map<string, Finding[]>();
  for (const f of r.findings) grouped.set(`${f.route}: ${f.problem}`, [...(grouped.get(`${f.route}: ${f.problem}`) ?? []), f]);
  out.push('', `${r.inputs} inputs in ${(r.ms / 1000).toFixed(1)} s; ${r.mailsSent} mails sent by accepted requests; findings: ${r.findings.length}`);
  for (const [k, list] of grouped) out.push(`- ${k} (${list.length}×), e.g. ${list[0]!.example}`);
  return out.join('\n');
}
