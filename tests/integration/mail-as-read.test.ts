/**
 * Every mail the story sends in a month, read as readers in seven zones read it: the raw messages from the local
 * stack's outbox, parsed by mailparser and ical.js (not by our code), each claim in them checked against the
 * stored events and the edits made, with Temporal and Intl as the judges of days and times.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatedEvent } from '#core/model/event.ts';
import { SEED_STORY_ID } from '#core/model/story.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

const ZONES = ['Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Pacific/Auckland'];
const DAILY = new Set(['Asia/Tokyo', 'Europe/Moscow', 'Pacific/Pago_Pago']);
const emailOf = (zone: string) => `${zone.split('/')[1]!.toLowerCase()}@example.com`;
const zoneOf = new Map(ZONES.map((z) => [emailOf(z), z]));

const START = new Date('2016-11-20T00:00:00+09:00');
const END = new Date('2016-12-18T00:00:00Z');
const MOVE = { publisher: 'NHK', quote: 'The talks move to Dec. 17.', url: 'https://nhk.example/talks-move' };
const CONFIRM = { publisher: 'Jiji Press', quote: 'The business forum opens on Dec. 13 in the evening.', url: 'https://jiji.example/forum' };
const CANCEL = { publisher: 'TASS', quote: 'The joint press conference is off.', url: 'https://tass.example/off' };
const UPDATE = { subject: 'What to watch this week', body: '- Russia and Japan name [negotiators](https://example.com/n) https://example.com/raw for the talks. More soon.\n- A second item' };

interface Mail { raw: string; parsed: ParsedMail; to: string; zone: string; date: Date; subject: string; text: string; html: string; kind: string }

let stack: LocalStack;
let dataDir: string;
let mails: Mail[] = [];
/** The stored events as they stood from each instant on (the edits below change them). */
const snapshots: { from: number; events: DatedEvent[] }[] = [];
const eventsAt = (t: Date) => snapshots.filter((s) => s.from <= t.getTime()).at(-1)!.events;
let unsubscribedByHeader: { status: number; reader: string } | undefined;

const startOf = (e: Pick<DatedEvent, 'date' | 'startTime' | 'timeZone'>) =>
  (e.date ? Temporal.PlainDate.from(e.date).toPlainDateTime() : Temporal.PlainDateTime.from(e.startTime!)).toZonedDateTime(e.timeZone).toInstant();
const endOf = (e: DatedEvent) => (e.date
  ? Temporal.PlainDate.from(e.date).add({ days: 1 }).toPlainDateTime().toZonedDateTime(e.timeZone).toInstant()
  : startOf(e).add({ hours: 2 }));
const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
/** "Wednesday 14 December 2016", by Intl (en-GB), not by our own tables. */
const dayName = (t: Temporal.Instant, zone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(new Date(t.epochMilliseconds));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
};
const clock = (t: Temporal.Instant, zone: string) => t.toZonedDateTimeISO(zone).toPlainTime().toString().slice(0, 5);
const localDay = (t: Temporal.Instant, zone: string) => t.toZonedDateTimeISO(zone).toPlainDate();
const preheaderOf = (html: string) => /color:#4b5563">([^<]*)</.exec(html)![1]!.replace(/&middot;/g, '·').replace(/&amp;/g, '&');
const wordsOf = (part: string) => part.replace(/href="[^"]*"/g, '').replace(/https?:\/\/\S+/g, '');
const inviteOf = (m: Mail) => {
  const a = m.parsed.attachments.find((x) => /calendar/.test(x.contentType));
  return a ? new ICAL.Component(ICAL.parse(a.content.toString('utf8'))).getFirstSubcomponent('vevent')! : undefined;
};
const ofKind = (kind: string) => mails.filter((m) => m.kind === kind);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'datewatch-mail-'));
  stack = await startTestStack({ dataDir });
  const token = await stack.adminToken();
  const sesPort = Number(new URL(stack.sesUrl).port);
  const snapshot = async (at: Date) => snapshots.push({ from: at.getTime(), events: await stack.deps.eventStore.listAll() });
  const edit = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await api(stack, method, path, { token, body, headers });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };

  // Prepare: three more events (an early breakfast, a press conference to cancel, a forum with no date yet).
  const add = (body: Record<string, unknown>) => edit('POST', '/admin/events', { storyId: SEED_STORY_ID, summary: `${String(body.title)}.`, ...body });
  await add({ title: 'Abe and Putin breakfast in Tokyo', startTime: '2016-12-16T07:30', timeZone: 'Asia/Tokyo', place: 'Tokyo', source: { publisher: 'Kyodo News', quote: 'a working breakfast on Dec. 16' } });
  const press = await add({ title: 'Joint press conference', startTime: '2016-12-12T10:00', timeZone: 'Asia/Tokyo', place: 'Tokyo', source: { publisher: 'Kyodo News', quote: 'a press conference on Dec. 12' } });
  const forum = await add({ title: 'Japan-Russia business forum', range: { from: '2016-12-10', to: '2016-12-14', label: 'mid-December' }, timeZone: 'Asia/Tokyo', place: 'Tokyo', source: { publisher: 'Kyodo News', quote: 'a business forum in mid-December' } });

  // Seven readers subscribe through the API and confirm from their confirmation mail.
  for (const zone of ZONES) {
    const res = await api(stack, 'POST', '/subscriptions', { body: { email: emailOf(zone), timeZone: zone, reminders: ['P7D', 'P1D', 'P0D'], digest: DAILY.has(zone) ? 'daily' : 'weekly' } });
    if (res.status !== 202) throw new Error(`subscribe ${zone}: ${res.status}`);
    await stack.cloud.drainQueues(10_000);
    const link = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(emailOf(zone)))?.body.text?.match(/https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/)?.[0];
    const confirmToken = new URL(link!).searchParams.get('token')!;
    const ok = await fetch(`${stack.apiUrl}/subscriptions/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: confirmToken }).toString() });
    if (!ok.ok) throw new Error(`confirm ${zone}: ${ok.status}`);
  }
  await snapshot(START);

  // Act: every hour of the month, with the editors' changes at their moments.
  const edits: [string, () => Promise<unknown>][] = [
    ['2016-11-28T09:00:00+09:00', () => edit('PATCH', '/admin/events/abe-putin-economic-talks-tokyo', { date: '2016-12-17', changeSource: MOVE }, { 'if-match': '"1"' })],
    // 19:30 in Tokyo: Tuesday 13 there, Monday 12 in Pago Pago, Wednesday 14 in Kiritimati.
    ['2016-12-01T09:00:00+09:00', () => edit('PATCH', `/admin/events/${forum.id}`, { startTime: '2016-12-13T19:30', changeSource: CONFIRM }, { 'if-match': '"1"' })],
    ['2016-12-05T09:00:00+09:00', () => edit('DELETE', `/admin/events/${press.id}`, { changeSource: CANCEL })],
    ['2016-12-06T09:00:00+09:00', () => edit('POST', `/admin/stories/${SEED_STORY_ID}/updates`, UPDATE, { 'idempotency-key': 'mail-as-read' })],
  ];
  for (let t = START.getTime() + 3_600_000; t <= END.getTime(); t += 3_600_000) {
    const due = edits.filter(([when]) => Date.parse(when) === t);
    for (const [, run] of due) {
      await stack.dispatch(new Date(t - 60_000)); // the clock stands at the edit's minute
      await run();
      await snapshot(new Date(t - 60_000));
    }
    await stack.dispatch(new Date(t));
  }
  await stack.cloud.drainQueues(10_000);

  // Every raw message, as sent, read by mailparser.
  const outbox = join(dataDir, 'outbox');
  for (const file of readdirSync(outbox)) {
    const raw = readFileSync(join(outbox, file), 'utf8');
    const parsed = await simpleParser(raw);
    const to = (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)!.value[0]!.address!;
    const kind = /kind=(\w+)/.exec(parsed.headers.get('x-ses-message-tags') as string ?? '')?.[1] ?? 'confirmation';
    mails.push({ raw, parsed, to, zone: zoneOf.get(to)!, date: parsed.date!, subject: parsed.subject!, text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', kind });
  }
  mails = mails.filter((m) => m.zone).sort((a, b) => a.date.getTime() - b.date.getTime());

  // One reader leaves through the List-Unsubscribe header as a mail client reads it (folded, blanks and all).
  const reader = emailOf('Pacific/Auckland');
  const last = mails.filter((m) => m.to === reader).at(-1)!;
  const url = (last.parsed.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  unsubscribedByHeader = { status: res.status, reader };
}, 600_000);

afterAll(async () => {
  await stack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a month of mail read in seven zones', () => {
  it('sends every kind to every zone', () => {
    const kinds = (zone: string) => new Set(mails.filter((m) => m.zone === zone).map((m) => (m.kind === 'alert' ? m.subject.split(':')[0] : m.kind)));
    for (const zone of ZONES) {
      expect([...kinds(zone)].sort(), zone).toEqual(['Cancelled', 'Date confirmed', 'Moved', 'confirmation', 'digest', 'reminder', 'update']);
    }
    console.log(`mail-as-read: ${mails.length} messages; ${[...new Set(mails.map((m) => m.kind))].map((k) => `${ofKind(k).length} ${k}`).join(', ')}`);
  });

  it('every alert quotes its change\'s source and says what changed; its invite says the same', () => {
    const cases = [
      { prefix: 'Moved:', source: MOVE, statement: /Moved from Friday 16 December 2016 \(all day[^)]*\) to Saturday 17 December 2016 \(all day/ },
      { prefix: 'Date confirmed:', source: CONFIRM, statement: /Date confirmed: \w+ 1[234] December 2016, \d\d:\d\d your time; until now it was date to be confirmed \(mid-December\)\./ },
      { prefix: 'Cancelled:', source: CANCEL, statement: /Cancelled: it will not take place as planned \(\w+ 1[12] December 2016, \d\d:\d\d your time, Tokyo\)\./ },
    ];
    for (const c of cases) {
      const alerts = ofKind('alert').filter((m) => m.subject.startsWith(c.prefix));
      expect(alerts, c.prefix).toHaveLength(ZONES.length);
      for (const m of alerts) {
        expect(m.text, `${m.zone} ${m.subject}`).toMatch(c.statement);
        expect(m.text).toContain(`"${c.source.quote}"\n— ${c.source.publisher}\n${c.source.url}`);
        expect(m.html).toContain(`href="${c.source.url}"`);
        const description = String(inviteOf(m)!.getFirstPropertyValue('description'));
        expect(description).toContain(`Source of the change: ${c.source.publisher}: "${c.source.quote}"`);
        // The invite opens with the very sentence the mail opens with.
        expect(description.split('\n')[0]).toBe(m.text.split('\n').find((l) => c.statement.test(l)));
      }
    }
  });

  it('"Date confirmed" names the reader\'s own day: Monday in Pago Pago, Wednesday in Kiritimati', () => {
    const forumStart = Temporal.Instant.from('2016-12-13T10:30:00Z');
    for (const m of ofKind('alert').filter((x) => x.subject.startsWith('Date confirmed:'))) {
      expect(m.subject, m.zone).toBe(`Date confirmed: Japan-Russia business forum — ${dayName(forumStart, m.zone)}`);
      expect(m.text).toContain(`${dayName(forumStart, m.zone)}, ${clock(forumStart, m.zone)}`);
    }
    const byZone = (zone: string) => ofKind('alert').find((x) => x.zone === zone && x.subject.startsWith('Date confirmed:'))!.subject;
    expect(byZone('Pacific/Pago_Pago')).toMatch(/Monday 12 December 2016$/);
    expect(byZone('Pacific/Kiritimati')).toMatch(/Wednesday 14 December 2016$/);
  });

  it('every reminder: its label is true on the reader\'s calendar at its Date, it quotes the event, and no reader gets two for one event on one day', () => {
    const perDay = new Map<string, string[]>();
    let checked = 0;
    for (const m of ofKind('reminder')) {
      const [label, title] = [m.subject.slice(0, m.subject.indexOf(':')), m.subject.slice(m.subject.indexOf(':') + 2)];
      const event = eventsAt(m.date).find((e) => e.title === title)!;
      expect(event, m.subject).toBeDefined();
      const days = localDay(instant(m.date), m.zone).until(localDay(startOf(event), m.zone)).days;
      expect(label, `${m.zone} ${m.date.toISOString()}`).toBe(days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : `In ${days} days`);
      expect(m.text).toContain(`"${event.source.quote}"`);
      if (event.startTime) expect(m.text, m.zone).toContain(`${dayName(startOf(event), m.zone)}, ${clock(startOf(event), m.zone)}`);
      const key = `${m.to} ${event.id} ${localDay(instant(m.date), m.zone).toString()}`;
      perDay.set(key, [...(perDay.get(key) ?? []), m.subject]);
      checked++;
    }
    expect(checked).toBeGreaterThan(70);
    for (const [key, subjects] of perDay) expect(subjects, key).toHaveLength(1);
    // The breakfast at 07:30 in Tokyo: the Tokyo reader's 1-day and same-day reminders fell on one evening; one came, saying so.
    const breakfast = ofKind('reminder').filter((m) => m.zone === 'Asia/Tokyo' && m.subject.endsWith('breakfast in Tokyo'));
    expect(breakfast.map((m) => [m.date.toISOString(), m.subject])).toEqual([
      ['2016-12-08T23:00:00.000Z', 'In 7 days: Abe and Putin breakfast in Tokyo'],
      ['2016-12-15T11:00:00.000Z', 'Tomorrow: Abe and Putin breakfast in Tokyo'],
    ]);
    expect(breakfast[1]!.text).toContain('your "1 day before" reminder fell on this same day');
  });

  it('the one-a-day rule leaves the skipped reminder in the ledger, with its reason', async () => {
    const id = (await stack.deps.subscriberStore.findByAddress(emailOf('Asia/Tokyo')))!.id;
    const skipped = (await stack.deps.ledger.recentFor(id, 500)).filter((d) => d.status === 'SKIPPED' && /one reminder per event per day/.test(d.reason ?? ''));
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(skipped.some((d) => d.jobId.includes('|P1D|Asia/Tokyo'))).toBe(true);
  });

  it('all-day events: the invite, both calendar buttons and the text give the same day or span, in every zone', () => {
    let checked = 0;
    for (const m of ofKind('reminder')) {
      const event = eventsAt(m.date).find((e) => m.subject.endsWith(e.title))!;
      if (!event.date) continue;
      const vevent = inviteOf(m)!;
      const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
      // The buttons' links (the text part links to the event's page, which offers the same ones).
      const button = (host: string) =>
        new URL(new RegExp(`href="(https://${host}[^"]+)"`).exec(m.html)![1]!.replace(/&amp;/g, '&'));
      const google = button('calendar\\.google\\.com').searchParams.get('dates')!;
      const outlook = button('outlook\\.live\\.com').searchParams;
      expect(m.text).toMatch(/on the event's page\): https?:\/\/\S+\/stories\/\S+#event-/);
      if (start.isDate) {
        expect(start.toString(), m.zone).toBe(event.date);
        expect(google).toBe(`${event.date.replace(/-/g, '')}/${Temporal.PlainDate.from(event.date).add({ days: 1 }).toString().replace(/-/g, '')}`);
        expect(outlook.get('allday')).toBe('true');
        expect(m.text).not.toMatch(/^Your time:/m);
      } else {
        const from = startOf(event);
        expect(start.toJSDate().getTime(), m.zone).toBe(from.epochMilliseconds);
        expect(google.split('/')[0]).toBe(from.toString().replace(/[-:]/g, '').replace(/\.\d+/, ''));
        expect(outlook.get('startdt')).toBe(from.toString());
        expect(m.text).toContain(`Your time: ${dayName(from, m.zone)}, ${clock(from, m.zone)} to `);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('every digest leads with the next dated event on the reader\'s calendar, counts what is under way apart, and never repeats its heading', () => {
    let underWaySeen = 0;
    for (const m of ofKind('digest')) {
      const now = instant(m.date);
      const listed = eventsAt(m.date).filter((e) => e.status === 'scheduled' && !e.range && Temporal.Instant.compare(endOf(e), now) > 0
        && Temporal.Instant.compare(startOf(e), now.add({ hours: 24 * 14 })) <= 0);
      const begun = listed.filter((e) => Temporal.Instant.compare(startOf(e), now) <= 0);
      const coming = listed.filter((e) => !begun.includes(e)).sort((a, b) => Temporal.Instant.compare(startOf(a), startOf(b)));
      const preheader = preheaderOf(m.html);
      if (coming[0]) {
        const days = localDay(now, m.zone).until(localDay(startOf(coming[0]), m.zone)).days;
        expect(preheader, `${m.zone} ${m.date.toISOString()}`).toContain(`Next: ${coming[0].title}, ${days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`}`);
      }
      const firstRow = m.text.split('\n')[m.text.split('\n').findIndex((l) => l.startsWith('== ')) + 2];
      if (listed.length) expect(firstRow, `${m.zone} ${m.date.toISOString()}`).toBe((begun[0] ?? coming[0])!.title);
      if (begun.length) {
        underWaySeen++;
        expect(m.subject).toContain(`${begun.length} under way`);
        for (const e of begun) expect(m.text).toContain(`${e.title}\n  Under way\n`);
      }
      if (coming.length) expect(m.subject).toContain(`${coming.length} upcoming event`);
      expect(m.text).not.toMatch(/Dates to be confirmed:\n\n[^\n]+\n {2}Date to be confirmed/i);
    }
    expect(ofKind('digest').length).toBeGreaterThan(60);
    expect(underWaySeen).toBeGreaterThan(0);
  });

  it('the update links every "more" line and opens with its first sentence in plain words', () => {
    const updates = ofKind('update');
    expect(updates).toHaveLength(ZONES.length);
    for (const m of updates) {
      expect(m.html).toMatch(/<a href="https?:\/\/[^"]+\/stories\/[^"]+">More in &ldquo;/);
      expect(preheaderOf(m.html)).toBe('Russia and Japan name negotiators for the talks.');
    }
  });

  it('names no zone by its IANA spelling outside links, in any mail of any kind', () => {
    for (const m of mails) {
      for (const part of [m.subject, m.text, m.html]) expect(wordsOf(part), `${m.zone} ${m.subject}`).not.toMatch(/\b(Asia|Europe|America|Pacific)\/[A-Z]/);
    }
  });

  it('folds every header line to 78 characters, with encoded words of at most 75', () => {
    for (const m of mails) {
      const head = m.raw.slice(0, m.raw.indexOf('\r\n\r\n'));
      for (const line of head.split('\r\n')) expect(line.length, `${m.subject}: ${line}`).toBeLessThanOrEqual(78);
      for (const word of head.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
    }
  });

  it('the folded List-Unsubscribe URL, read by mailparser blanks and all, still unsubscribes in one click', async () => {
    expect(unsubscribedByHeader!.status).toBe(200);
    expect((await stack.deps.subscriberStore.findByAddress(unsubscribedByHeader!.reader))?.status).toBe('unsubscribed');
  });

  it.skipIf(spawnSync('spamassassin', ['--version']).status !== 0)('scores one raw mail of every kind at 0 in SpamAssassin', async () => {
    const samples = [...new Set(mails.map((m) => (m.kind === 'alert' ? m.subject.split(':')[0]! : m.kind)))]
      .map((k) => mails.find((m) => (m.kind === 'alert' ? m.subject.split(':')[0] : m.kind) === k)!);
    const mbox = samples.map((m) => `From datewatch@localhost Thu Jan  1 00:00:00 2026\n${m.raw.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`).join('');
    const report = await new Promise<string>((resolve, reject) => {
      const child = execFile('spamassassin', ['-L', '-t', '--mbox'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (err, out) => (err ? reject(err) : resolve(out)));
      child.stdin!.end(mbox);
    });
    const scores = [...report.matchAll(/Content analysis details:\s+\((-?[\d.]+) points/g)].map((m) => Number(m[1]));
    console.log(`mail-as-read SpamAssassin: ${samples.map((m, i) => `${m.kind === 'alert' ? m.subject.split(':')[0] : m.kind} ${scores[i]}`).join(', ')}`);
    expect(scores).toHaveLength(samples.length);
    for (const score of scores) expect(score, report).toBeLessThanOrEqual(0);
  });
});
