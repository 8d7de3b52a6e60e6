import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { parseCsv } from '#core/subscriber-csv/csv.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

let stack: LocalStack;
let token: string;
let sesPort: number;
let doc: ReturnType<typeof makeDocumentClient>;

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
  sesPort = Number(new URL(stack.sesUrl).port);
  doc = makeDocumentClient({ region: 'us-east-1', endpoint: stack.dynamoEndpoint });
});
afterAll(async () => {
  doc?.destroy();
  await stack?.close();
});

const importCsv = (csv: string, query = '') => api(stack, 'POST', `/admin/subscribers/import${query}`, { token, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
const lookup = async (email: string) => api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(email)}`, { token });
/** The sign-up worker mails off the request path: wait until the queues are idle. */
const settled = () => stack.cloud.drainQueues(10_000);
const inboxOf = async (to: string) => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
async function tableSnapshot(): Promise<string[]> {
  const items: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: stack.cloud.tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(out.Items ?? []).map((i) => JSON.stringify(i)));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort();
}
/** The export's rows as objects keyed by the header. */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(csv).records;
  return records.map((r) => Object.fromEntries(header!.fields.map((name, i) => [name, r.fields[i]!])));
}

// Semicolons, a BOM, CRLF, a quoted source holding the separator, a quote and a line break.
/** The source as kept: one line (a line break in the cell becomes a space). */
const SOURCE = 'Lima fair; "paper" sheet stand 4';
const CSV = '\uFEFF' + [
  'Email;timeZone;Reminders;digest;consentDate;consentSource',
  'Consented@Example.com;Asia/Tokyo;P7D P1D;daily;2015-06-01;"Lima fair; ""paper"" sheet\r\nstand 4"',
  'asks@example.com;Europe/Moscow;;weekly;;',
  'zone@example.com;Mars/Olympus;;;;',
  'blocked@example.com;UTC;;;;',
  'already@example.com;UTC;P0D;none;2015-06-01;old list',
  'consented@example.com;UTC;;;;',
].join('\r\n') + '\r\n';

describe('importing and exporting subscribers', () => {
  it('answers 401 without a token on both routes', async () => {
    expect((await api(stack, 'GET', '/admin/subscribers.csv')).status).toBe(401);
    expect((await api(stack, 'POST', '/admin/subscribers/import', { body: 'email\r\na@example.com\r\n', headers: { 'content-type': 'text/csv' } })).status).toBe(401);
  });

  it('a dry run reports what would happen, row by row, and writes and sends nothing', async () => {
    // Prepare
    await stack.deps.suppressions.add('blocked@example.com', 'complaint', stack.clock.now());
    await addActiveReader(stack.deps.subscriberStore, 'already@example.com', { timeZone: 'UTC' });
    await settled();
    await clearSesStore(sesPort);
    const before = await tableSnapshot();
    // Act
    const res = await importCsv(CSV, '?dryRun=true');
    await settled();
    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      dryRun: true, delimiter: ';',
      counts: { rows: 6, activated: 1, 'confirmation-queued': 1, invalid: 2, skipped: 1, unchanged: 1, failed: 0 },
    });
    expect(res.json.rows.map((r: { row: number; line: number; outcome: string; reason?: string }) => [r.row, r.line, r.outcome, r.reason])).toEqual([
      [1, 2, 'activated', undefined],
      [2, 4, 'confirmation-queued', undefined],
      [3, 5, 'invalid', 'unknown-zone'],
      [4, 6, 'skipped', 'suppressed'],
      [5, 7, 'unchanged', 'already-active'],
      [6, 8, 'invalid', 'duplicate-in-file'],
    ]);
    // Suppressed: nothing said beyond that.
    expect(res.json.rows[3]).toEqual({ row: 4, line: 6, email: 'blocked@example.com', outcome: 'skipped', reason: 'suppressed' });
    expect(await tableSnapshot()).toEqual(before);
    expect(await readSesStore(sesPort)).toEqual([]);
  });

  it('imports: consent rows active with their evidence, the others pending with a confirmation email, bad rows named', async () => {
    // Act
    const res = await importCsv(CSV);
    await settled();
    // Assess
    expect(res.status).toBe(200);
    expect(res.json.dryRun).toBe(false);
    expect(res.json.counts).toMatchObject({ activated: 1, 'confirmation-queued': 1, invalid: 2, skipped: 1, unchanged: 1, failed: 0 });
    expect(res.json.rows[2]).toMatchObject({ row: 3, outcome: 'invalid', reason: 'unknown-zone', message: expect.stringContaining('Mars/Olympus') });

    const consented = await lookup('consented@example.com');
    expect(consented.json).toMatchObject({
      status: 'active', confirmedAt: stack.clock.now().toISOString(),
      preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'daily', stories: 'all', events: 'all' },
      consent: { confirmedAt: '2015-06-01T00:00:00.000Z', source: SOURCE, importedAt: stack.clock.now().toISOString(), requestIpHash: 'import' },
    });
    expect(await inboxOf('Consented@example.com')).toEqual([]);

    expect((await lookup('asks@example.com')).json).toMatchObject({ status: 'pending', preferences: { timeZone: 'Europe/Moscow', digest: 'weekly' } });
    const [confirmation, ...more] = await inboxOf('asks@example.com');
    expect(more).toEqual([]);
    expect(confirmation!.body.text).toMatch(/\/subscriptions\/confirm\?token=/);

    expect((await lookup('zone@example.com')).status).toBe(404);
    expect((await lookup('blocked@example.com')).json.status).toBe('none');
    expect(await inboxOf('blocked@example.com')).toEqual([]);
    expect((await lookup('already@example.com')).json).toMatchObject({ status: 'active', preferences: { reminders: ['P7D', 'P1D'] }, consent: { requestIpHash: 'test' } });
  });

  it('exports every reader with status and consent evidence, no tokens, and the export imports back', async () => {
    // Act
    const res = await api(stack, 'GET', '/admin/subscribers.csv', { token });
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.text.startsWith('email,status,timeZone,reminders,digest,stories,events,consentDate,consentSource,')).toBe(true);
    const rows = rowsOf(res.text);
    const byEmail = Object.fromEntries(rows.map((r) => [r.email, r]));
    expect(Object.keys(byEmail).sort()).toEqual(['Consented@example.com', 'already@example.com', 'asks@example.com']);
    expect(rows).toHaveLength(3);
    expect(byEmail['Consented@example.com']).toMatchObject({ status: 'active', timeZone: 'Asia/Tokyo', reminders: 'P7D P1D', consentDate: '2015-06-01T00:00:00.000Z', consentSource: SOURCE });
    expect(byEmail['asks@example.com']).toMatchObject({ status: 'pending', consentDate: '', consentSource: '', requestIpHash: 'import' });
    const subscription = await stack.deps.subscriberStore.findByAddress('asks@example.com');
    expect(res.text).not.toContain(subscription!.signUp!.nonce);
    expect(res.text).not.toContain(subscription!.id);

    // Round trip, into other mailboxes (an erased reader is never brought back by an import: see below): the
    // active ones come in with their evidence, the pending one gets a confirmation.
    const moved = res.text.replaceAll('@example.com', '@example.org');
    await clearSesStore(sesPort);
    const again = await importCsv(moved);
    await settled();
    expect(again.status).toBe(200);
    expect(again.json.delimiter).toBe(',');
    expect(again.json.counts).toMatchObject({ rows: 3, activated: 2, 'confirmation-queued': 1, invalid: 0 });
    expect((await lookup('consented@example.org')).json).toMatchObject({ status: 'active', consent: { confirmedAt: '2015-06-01T00:00:00.000Z', source: SOURCE } });
    expect((await lookup('already@example.org')).json).toMatchObject({ status: 'active', preferences: { reminders: ['P7D', 'P1D'] }, consent: { source: 'double opt-in' } });
    expect(await inboxOf('Consented@example.org')).toEqual([]);
  });

  it('pages the export with a cursor, each page a whole CSV', async () => {
    const first = await api(stack, 'GET', '/admin/subscribers.csv?limit=2', { token });
    expect(first.status).toBe(200);
    const next = first.headers.get('x-next-cursor');
    expect(next).toBeTruthy();
    expect(first.headers.get('link')).toContain('rel="next"');
    const second = await api(stack, 'GET', `/admin/subscribers.csv?limit=2&cursor=${encodeURIComponent(next!)}`, { token });
    expect(second.status).toBe(200);
    const emails = [...rowsOf(first.text), ...rowsOf(second.text)].map((r) => r.email);
    expect(rowsOf(first.text)).toHaveLength(2);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.sort().slice(0, 3)).toEqual(['Consented@example.com', 'Consented@example.org', 'already@example.com']);
    expect((await api(stack, 'GET', '/admin/subscribers.csv?cursor=not-a-cursor', { token })).status).toBe(400);
  });

  it('refuses a body that is not CSV or not UTF-8', async () => {
    expect((await api(stack, 'POST', '/admin/subscribers/import', { token, body: { email: 'a@example.com' } })).status).toBe(415);
    const latin1 = await fetch(`${stack.apiUrl}/admin/subscribers/import`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x40, 0x78, 0x2e, 0x63, 0x6f, 0x0a]),
    });
    expect(latin1.status).toBe(400);
    expect(await latin1.text()).toMatch(/UTF-8/);
  });

  it("a reader's no outranks the import: who unsubscribed, was erased, complained or bounced is never made active", async () => {
    // Prepare: left@ subscribes and confirms by themselves, then unsubscribes; erased@ is erased; two get SES feedback.
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: 'left@example.com' } })).status).toBe(202);
    await settled();
    const confirmUrl = /http:\/\/127\.0\.0\.1:\d+\/subscriptions\/confirm\?token=[A-Za-z0-9._%-]+/.exec((await inboxOf('left@example.com'))[0]!.body.text!)![0];
    expect((await api(stack, 'POST', '/subscriptions/confirm', { body: { token: new URL(confirmUrl).searchParams.get('token') } })).json.status).toBe('active');
    const left = (await lookup('left@example.com')).json;
    const unsubscribed = await fetch(stack.deps.links.unsubscribeUrl(left.id, 'left@example.com'), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
    await addActiveReader(stack.deps.subscriberStore, 'erased@example.com', { timeZone: 'UTC' });
    expect((await api(stack, 'DELETE', '/admin/subscribers/erased%40example.com', { token })).status).toBe(200);
    for (const [who, n] of [['complained@example.com', { notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'complained@example.com' }] } }],
      ['bounced@example.com', { notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'bounced@example.com' }] } }]] as const) {
      await addActiveReader(stack.deps.subscriberStore, who, { timeZone: 'UTC' });
      await stack.publishSesNotification(n);
    }
    // The editor's list claims consent given after all of that.
    stack.clock.set(new Date(stack.clock.now().getTime() + 7 * 86_400_000));
    const consent = new Date(stack.clock.now().getTime() - 86_400_000).toISOString();
    await clearSesStore(sesPort);
    // Act
    const res = await importCsv([
      'email,consentDate,consentSource',
      `Left@example.com,${consent},fair stand`,
      `erased@example.com,${consent},fair stand`,
      `complained@example.com,${consent},fair stand`,
      `bounced@example.com,${consent},fair stand`,
      'left+news@example.com,,',
    ].join('\n'));
    await settled();
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.json.rows.map((r: { outcome: string; reason?: string }) => `${r.outcome} ${r.reason}`)).toEqual([
      'skipped unsubscribed-earlier', 'skipped unsubscribed-earlier', 'skipped suppressed', 'skipped suppressed', 'skipped unsubscribed-earlier',
    ]);
    expect((await lookup('left@example.com')).json.status).toBe('unsubscribed');
    expect((await lookup('erased@example.com')).status).toBe(404);
    expect((await lookup('complained@example.com')).json.status).toBe('suppressed');
    expect((await lookup('bounced@example.com')).json.status).toBe('suppressed');
    expect(await readSesStore(sesPort)).toEqual([]);
    // The reader themselves can still come back: a fresh sign-up mails a confirmation.
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: 'left@example.com' } })).status).toBe(202);
    await settled();
    expect((await inboxOf('left@example.com')).map((m) => m.subject)).toEqual(['Confirm your Datewatch subscription']);
  });

  it("judges consent dates by the stack's clock, names it, and writes nothing for a consent after it", async () => {
    // Prepare: the stack's manual clock stands in 2016; a consent given last month (real time)
    const clock = (await api(stack, 'GET', '/admin/clock', { token })).json;
    expect(clock).toMatchObject({ now: expect.stringMatching(/^2016-/), simulated: true, speed: 0 });
    const stackTime = `${clock.now.slice(0, 10)} ${clock.now.slice(11, 16)} UTC`;
    const before = await tableSnapshot();

    // Act
    const res = await importCsv('email,consentDate,consentSource\nlate.consent@example.com,2026-11-03,web form\n');

    // Assess: refused as after the stack's clock, with that clock's time, not "in the future"; nothing written
    expect(res.status).toBe(200);
    expect(res.json.rows[0]).toMatchObject({
      outcome: 'invalid', reason: 'consent-date-in-future',
      message: `consentDate "2026-11-03" is after the stack's clock (${stackTime}): `
        + 'consent cannot come after the import by that clock',
    });
    expect(await tableSnapshot()).toEqual(before);
    expect((await lookup('late.consent@example.com')).status).toBe(404);
  });
  it('runs in subscriber-csv, whose role alone queued the confirmations; admin-api served none of them', async () => {
    // Act: the tests above went through the local HTTP API, which routes by the template's integrations.
    const report = (await api(stack, 'GET', '/_local/iam')).json;
    // Assess
    const fn = (handler: string) => [...stack.cloud.functions.values()].find((f) => f.spec.handler === handler)!;
    const used = (handler: string): string[] =>
      report.functions[fn(handler).spec.logicalId]?.used.map((u: { action: string }) => u.action) ?? [];
    expect(fn('subscriber-csv').stats.invocations).toBeGreaterThan(0);
    expect(used('subscriber-csv')).toEqual(expect.arrayContaining([
      'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'secretsmanager:GetSecretValue', 'sqs:SendMessage',
    ]));
    // admin-api answered the lookups and the erasure only: it queued nothing and wrote no batch.
    expect(used('admin-api')).not.toContain('sqs:SendMessage');
    expect(used('admin-api')).not.toContain('dynamodb:BatchWriteItem');
    expect(Object.values(report.functions).flatMap((f) => (f as { denied: unknown[] }).denied)).toEqual([]);
  });
});
