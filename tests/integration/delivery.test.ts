import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import type { DeliveryRecord } from '#ports/delivery-log.ts';
import { SEED_STORY_ID } from '#core/model/story.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';

const MOVE_SOURCE = { publisher: 'Kyodo News', quote: 'The schedule changed, officials said.' };

let stack: LocalStack;
let sesPort: number;
let token: string;

const at = (iso: string) => stack.dispatch(new Date(iso));
/** The emulator's store keeps attachment bodies base64-encoded. */
const attachmentText = (a: { content: string }) => Buffer.from(a.content, 'base64').toString('utf8');
const inbox = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  await addActiveReader(stack.deps.subscriberStore, 'tokyo@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'none' });
  await addActiveReader(stack.deps.subscriberStore, 'ny@example.com', { timeZone: 'America/New_York', reminders: ['P1D'], digest: 'none', events: ['kishida-visits-russia'] });
});
afterAll(async () => { await stack?.close(); });
beforeEach(async () => { await clearSesStore(sesPort); });

describe('delivery on the scheduler clock', () => {
  it('sends the 7-day reminder for 3 December at 08:00 Tokyo on 26 November, not a minute before, and once', async () => {
    await at('2016-11-26T07:59:00+09:00');
    expect(await inbox('tokyo@example.com')).toEqual([]);

    const report = await at('2016-11-26T08:00:00+09:00');
    expect(report.recipients).toBe(1);
    const mail = await inbox('tokyo@example.com');
    expect(mail.map((m) => m.subject)).toEqual(['In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov']);

    const again = await at('2016-11-26T08:00:00+09:00');
    expect(again.recipients).toBe(0);
    expect(await inbox('tokyo@example.com')).toHaveLength(1);
  });

  it('sends the New York reader its 1-day reminder on the day before the visit begins there, at 08:00 New York time', async () => {
    // The visit is all day on 3 December in Moscow: it begins at 16:00 on Friday 2 December in New York.
    await at('2016-12-01T07:59:00-05:00');
    expect(await inbox('ny@example.com')).toEqual([]);
    await at('2016-12-01T08:00:00-05:00');
    const [mail] = await inbox('ny@example.com');
    expect(mail!.subject).toBe('Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov');
    expect(mail!.body.text).toContain('Date: Saturday 3 December 2016, all day (Moscow time)');
    expect(mail!.body.text).toContain('Your time: Friday 2 December 2016, 16:00 to Saturday 3 December 2016, 16:00 New York time (EST)');
  });

  it('attaches an .ics that a third-party parser reads, with the stable UID, METHOD:REQUEST, ORGANIZER and the reader as ATTENDEE', async () => {
    await at('2016-12-02T08:00:00+09:00');
    const [mail] = await inbox('tokyo@example.com');
    expect(mail!.subject).toBe('Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov');
    const ics = mail!.attachments!.find((a) => /calendar/.test(a.contentType))!;
    const cal = new ICAL.Component(ICAL.parse(attachmentText(ics)));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe('kishida-visits-russia@datewatch');
    expect(vevent.getFirstPropertyValue('organizer')).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);
    expect(vevent.getFirstPropertyValue('attendee')).toBe('mailto:tokyo@example.com');
  });

  it('alerts followers when an event moves, and the next reminder names the new date', async () => {
    const moved = await api(stack, 'PATCH', '/admin/events/abe-putin-economic-talks-tokyo', { token, body: { date: '2016-12-17', changeSource: MOVE_SOURCE }, headers: { 'if-match': '"1"' } });
    expect(moved.status).toBe(200);
    await at('2016-12-03T09:00:00+09:00');
    const alerts = await inbox('tokyo@example.com');
    expect(alerts.map((m) => m.subject)).toEqual([expect.stringMatching(/moved/i)]);
    expect(alerts[0]!.body.text).toMatch(/17 December 2016/);
    expect(await inbox('ny@example.com')).toEqual([]); // follows only Kishida's visit

    await at('2016-12-10T08:00:00+09:00');
    const reminder = await inbox('tokyo@example.com');
    expect(reminder.map((m) => m.subject)).toContain('In 7 days: Abe and Putin discuss economic issues in Tokyo');
    expect(reminder.find((m) => m.subject.startsWith('In 7 days: Abe and Putin discuss'))!.body.text).toMatch(/17 December 2016/);
  });

  it('sends a cancellation with METHOD:CANCEL and no reminder for the cancelled event afterwards', async () => {
    const cancelled = await api(stack, 'DELETE', '/admin/events/abe-putin-summit-yamaguchi', { token, body: { changeSource: MOVE_SOURCE } });
    expect(cancelled.status).toBe(200);
    await at('2016-12-10T09:00:00+09:00');
    const [alert] = await inbox('tokyo@example.com');
    expect(alert!.subject).toMatch(/cancelled/i);
    const ics = alert!.attachments!.find((a) => /calendar/.test(a.contentType))!;
    expect(attachmentText(ics)).toMatch(/METHOD:CANCEL/);
    expect(attachmentText(ics)).toMatch(/^ORGANIZER;CN=Datewatch:mailto:/m);

    await clearSesStore(sesPort);
    await at('2016-12-14T08:00:00+09:00');
    expect((await inbox('tokyo@example.com')).filter((m) => /Yamaguchi/.test(m.subject))).toEqual([]);
  });

  it('does not send mail already queued for a reader who unsubscribed in between (RFC 8058 one-click POST)', async () => {
    // Prepare: a reader who follows everything, and a reminder job that exists already.
    const reader = await addActiveReader(stack.deps.subscriberStore, 'leaving@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
    // The 7-day reminder for the economic talks, moved to 17 December above: the clock is at 14 December.
    const jobId = 'reminder|abe-putin-economic-talks-tokyo|2016-12-17|P7D|Asia/Tokyo';
    expect(await stack.deps.jobStore.get(jobId)).toBeDefined();
    const unsubscribe = await fetch(stack.deps.links.unsubscribeUrl(reader.id), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribe.status).toBe(200);

    // Act: the message for that reader reaches the sender after the unsubscribe.
    await stack.queue.sendAll([{ jobId, recipients: [reader.id] }]);
    await stack.queue.drain();

    // Assess
    expect(await inbox('leaving@example.com')).toEqual([]);
    const [delivery] = await stack.deps.ledger.recentFor(reader.id, 5);
    expect(delivery).toMatchObject({ jobId, status: 'SKIPPED', reason: 'reader unsubscribed' });
  });
});

/**
 * Readers around the world, as a new user would try them: they subscribe through the API (with zone spellings of
 * every kind), the clock moves to each 08:00 in each of their zones, once it jumps over nine days, and every
 * reminder's label is held against the true distance on that reader's calendar (computed with Temporal).
 */
describe('readers around the world, on their own calendars', () => {
  /** UTC+14 to UTC−11, each subscribed under another spelling of its name. */
  const READERS = [
    { email: 'kiritimati@example.com', spelling: 'pacific/KIRITIMATI', zone: 'Pacific/Kiritimati' },
    { email: 'auckland@example.com', spelling: 'NZ', zone: 'Pacific/Auckland' },
    { email: 'tokyo@example.com', spelling: 'Japan', zone: 'Asia/Tokyo' },
    { email: 'moscow@example.com', spelling: 'W-SU', zone: 'Europe/Moscow' },
    { email: 'newyork@example.com', spelling: 'US/Eastern', zone: 'America/New_York' },
    { email: 'losangeles@example.com', spelling: 'us/pacific', zone: 'America/Los_Angeles' },
    { email: 'honolulu@example.com', spelling: 'US/Hawaii', zone: 'Pacific/Honolulu' },
    { email: 'pagopago@example.com', spelling: 'US/Samoa', zone: 'Pacific/Pago_Pago' },
  ] as const;
  const JUMP_FROM = new Date('2016-12-05T19:00:00Z');
  const JUMP_TO = new Date('2016-12-14T12:00:00Z');

  let world: LocalStack;
  let worldSes: number;
  const startedAt = Date.now() - 1000;
  const ids = new Map<string, string>();
  const starts = new Map<string, { title: string; start: Temporal.Instant }>();
  const ledgers = new Map<string, DeliveryRecord[]>();
  const worldInbox = async () => readSesStore(worldSes);
  const startOf = (e: { date?: string; startTime?: string; timeZone: string }) =>
    (e.date ? Temporal.PlainDate.from(e.date).toPlainDateTime() : Temporal.PlainDateTime.from(e.startTime!)).toZonedDateTime(e.timeZone).toInstant();
  /** 08:00 in every reader's zone on every day from `from` to `to`, as instants, in order. */
  const mornings = (from: string, to: string, after: Date, before: Date, zones: readonly string[] = READERS.map((r) => r.zone)) => {
    const out = new Set<number>();
    for (let d = Temporal.PlainDate.from(from); Temporal.PlainDate.compare(d, Temporal.PlainDate.from(to)) <= 0; d = d.add({ days: 1 })) {
      for (const zone of zones) {
        const t = d.toPlainDateTime('08:00').toZonedDateTime(zone).epochMilliseconds;
        if (t > after.getTime() && t < before.getTime()) out.add(t);
      }
    }
    return [...out].sort((a, b) => a - b).map((t) => new Date(t));
  };

  beforeAll(async () => {
    world = await startTestStack();
    worldSes = Number(new URL(world.sesUrl).port);
    const admin = await world.adminToken();

    // The story's three events as they stand (all day), the same three as timed events, and one in New York
    // across the spring-forward change of 12 March 2017.
    const timed = [
      { title: 'Kishida and Lavrov meet in Moscow', startTime: '2016-12-03T11:00', timeZone: 'Europe/Moscow', place: 'Moscow' },
      { title: 'Abe and Putin meet in Nagato', startTime: '2016-12-15T15:00', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' },
      { title: 'Abe and Putin breakfast in Tokyo', startTime: '2016-12-16T07:30', timeZone: 'Asia/Tokyo', place: 'Tokyo' },
      { title: 'Follow-up talks in New York', startTime: '2017-03-13T09:00', timeZone: 'US/Eastern', place: 'New York' },
    ];
    for (const e of timed) {
      const res = await api(world, 'POST', '/admin/events', { token: admin, body: { ...e, storyId: SEED_STORY_ID, summary: `${e.title}.`, source: { publisher: 'Test', quote: 'made up' } } });
      expect(res.status, res.text).toBe(201);
    }
    for (const e of (await api(world, 'GET', '/events')).json.events) starts.set(e.id, { title: e.title, start: startOf(e) });

    for (const r of READERS) {
      const res = await api(world, 'POST', '/subscriptions', { body: { email: r.email, timeZone: r.spelling, reminders: ['P14D', 'P7D', 'P3D', 'P1D', 'P0D'], digest: 'none' } });
      expect(res.status, res.text).toBe(202);
    }
    // A digest reader, for the judges below.
    await api(world, 'POST', '/subscriptions', { body: { email: 'digest@example.com', timeZone: 'Asia/Tokyo', reminders: [], digest: 'weekly' } });
    // Once the queues rest, the sign-up worker has mailed every confirmation it will.
    await world.cloud.drainQueues(60_000);
    const confirmations = await worldInbox();
    for (const email of [...READERS.map((r) => r.email), 'digest@example.com']) {
      const mail = confirmations.find((m) => m.destination.to.includes(email));
      const link = mail?.body.text?.match(/https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/)?.[0];
      if (!link) throw new Error(`no confirmation reached ${email}`);
      const token = new URL(link).searchParams.get('token')!;
      const confirmed = await fetch(`${world.apiUrl}/subscriptions/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
      expect(confirmed.status, email).toBe(200);
      ids.set(email, (await world.deps.subscriberStore.findByAddress(email))!.id);
    }

    // Act: every 08:00 of every reader's zone up to 5 December; one jump of nine days; every 08:00 again to the
    // end of the story; then every 08:00 in Kiritimati and New York around New York's change to summer time.
    const ticks = [
      ...mornings('2016-11-20', '2016-12-06', world.clock.now(), JUMP_FROM), JUMP_FROM, JUMP_TO,
      ...mornings('2016-12-14', '2016-12-17', JUMP_TO, new Date('2016-12-18T00:00:00Z')),
      ...mornings('2017-03-04', '2017-03-13', new Date('2017-03-01T00:00:00Z'), new Date('2017-03-13T14:00:00Z'), ['Pacific/Kiritimati', 'America/New_York']),
    ];
    for (const t of ticks) await world.dispatch(t);
    for (const r of READERS) ledgers.set(r.email, await world.deps.ledger.recentFor(ids.get(r.email)!, 1000));
  }, 300_000);
  afterAll(async () => { await world?.close(); });

  const reminders = (email: string, status = 'SENT') => ledgers.get(email)!.filter((d) => d.kind === 'reminder' && d.status === status);
  const eventOf = (d: DeliveryRecord) => d.jobId.split('|')[1]!;

  it('stores every spelling of a zone under its one IANA name, and plans only those zones', async () => {
    for (const r of READERS) expect((await world.deps.subscriberStore.findByAddress(r.email))!.preferences.timeZone).toBe(r.zone);
    expect((await world.deps.subscriberStore.zones()).sort()).toEqual(READERS.map((r) => r.zone).sort());
    const followUp = [...starts.values()].find((e) => e.title === 'Follow-up talks in New York')!;
    expect(followUp.start.toString()).toBe('2017-03-13T13:00:00Z');
  });

  it('labels every reminder with the true distance on the reader\'s calendar when it was sent, and sends none after the event began', () => {
    let checked = 0;
    for (const r of READERS) {
      for (const d of reminders(r.email)) {
        const { title, start } = starts.get(eventOf(d))!;
        const sent = Temporal.Instant.from(d.at);
        const days = sent.toZonedDateTimeISO(r.zone).toPlainDate().until(start.toZonedDateTimeISO(r.zone).toPlainDate()).days;
        const label = days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : `In ${days} days`;
        expect(Temporal.Instant.compare(sent, start), `${r.zone} ${d.subject} at ${d.at}`).toBeLessThan(0);
        expect(d.subject, `${r.zone} at ${d.at}`).toBe(`${label}: ${title}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('sends a reader the morning of the day before the event begins for them: New York gets "Tomorrow" for Kishida on 1 December', () => {
    const kishida = reminders('newyork@example.com').filter((d) => eventOf(d) === 'kishida-visits-russia');
    // The 14-day reminder fell due on 18 November, before the reader subscribed.
    expect(kishida.map((d) => `${d.at} ${d.subject}`).sort()).toEqual([
      '2016-11-25T13:00:00.000Z In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-11-29T13:00:00.000Z In 3 days: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-12-01T13:00:00.000Z Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-12-02T13:00:00.000Z Today: Foreign Minister Kishida visits Russia for talks with Lavrov',
    ]);
  });

  it('after a jump over nine days sends one reminder per event, and records the missed ones as superseded', () => {
    for (const r of READERS) {
      const atJump = reminders(r.email).filter((d) => d.at === JUMP_TO.toISOString());
      const perEvent = new Map<string, number>();
      for (const d of atJump) perEvent.set(eventOf(d), (perEvent.get(eventOf(d)) ?? 0) + 1);
      expect([...perEvent.values()].every((n) => n === 1), `${r.zone}: ${atJump.map((d) => d.subject).join('; ')}`).toBe(true);
      expect(perEvent.has('abe-putin-summit-yamaguchi'), r.zone).toBe(true);
      const superseded = reminders(r.email, 'SKIPPED').filter((d) => eventOf(d) === 'abe-putin-summit-yamaguchi' && /^superseded by the P\dD reminder/.test(d.reason ?? ''));
      expect(superseded.length, r.zone).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps 08:00 across New York\'s change to summer time', () => {
    const followUp = [...starts.entries()].find(([, e]) => e.title === 'Follow-up talks in New York')![0];
    const sent = reminders('newyork@example.com').filter((d) => eventOf(d) === followUp).map((d) => `${d.at} ${(d.subject ?? '').split(':')[0]}`).sort();
    // 08:00 EST is 13:00 UTC until 12 March, 08:00 EDT 12:00 UTC from then. The 14-day reminder fell due while
    // the clock stood still in December: caught up at the first morning (in Kiritimati), 10 days ahead in New York.
    expect(sent).toEqual([
      '2017-03-03T18:00:00.000Z In 10 days',
      '2017-03-06T13:00:00.000Z In 7 days',
      '2017-03-10T13:00:00.000Z In 3 days',
      '2017-03-12T12:00:00.000Z Tomorrow',
      '2017-03-13T12:00:00.000Z Today',
    ]);
  });

  it('puts ORGANIZER in every invitation and the reader as its ATTENDEE', async () => {
    const mails = (await worldInbox()).filter((m) => m.attachments?.some((a) => /calendar/.test(a.contentType)));
    expect(mails.length).toBeGreaterThan(150);
    for (const m of mails) {
      const ics = attachmentText(m.attachments!.find((a) => /calendar/.test(a.contentType))!);
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      expect(vevent.getFirstPropertyValue('organizer'), m.subject).toMatch(/^mailto:/);
      expect(vevent.getFirstPropertyValue('attendee'), m.subject).toBe(`mailto:${m.destination.to[0]}`);
    }
  });

  it('returns timed events at DST edges from /events at the right instant', async () => {
    const admin = await world.adminToken();
    const cases = [
      { startTime: '2018-09-30T02:30', timeZone: 'pacific/auckland', startsAt: '2018-09-29T14:30:00.000Z' }, // gap: 03:30 NZDT
      { startTime: '2018-04-01T02:30', timeZone: 'NZ', startsAt: '2018-03-31T13:30:00.000Z' }, // twice: the first, NZDT
      { startTime: '2018-03-11T02:30', timeZone: 'America/New_York', startsAt: '2018-03-11T07:30:00.000Z' }, // gap: 03:30 EDT
      { startTime: '2018-11-04T01:30', timeZone: 'US/Eastern', startsAt: '2018-11-04T05:30:00.000Z' }, // twice: the first, EDT
    ];
    for (const c of cases) {
      const res = await api(world, 'POST', '/admin/events', { token: admin, body: { storyId: SEED_STORY_ID, title: `Edge ${c.startTime} ${c.timeZone}`, summary: 'DST edge.', startTime: c.startTime, timeZone: c.timeZone, place: 'Edge', source: { publisher: 'Test', quote: 'made up' } } });
      expect(res.status, res.text).toBe(201);
    }
    const listed = (await api(world, 'GET', '/events')).json.events as { title: string; startsAt: string; startTime: string; timeZone: string }[];
    for (const c of cases) {
      const e = listed.find((x) => x.title === `Edge ${c.startTime} ${c.timeZone}`)!;
      expect(e.startsAt, c.startTime).toBe(c.startsAt);
      expect(e.timeZone).toMatch(/^(Pacific\/Auckland|America\/New_York)$/);
      expect(e.startTime).toBe(c.startTime);
    }
  });

  it.skipIf(spawnSync('spamassassin', ['--version']).status !== 0)('scores the raw reminder, digest, alerts and confirmation low in SpamAssassin, with no low-contrast text', async () => {
    // Prepare: one alert of each kind, then one raw message of every kind, headers and all, from the outbox.
    const admin = await world.adminToken();
    const edge = (await api(world, 'GET', '/events')).json.events.filter((e: { title: string }) => e.title.startsWith('Edge '));
    await api(world, 'PATCH', `/admin/events/${edge[0].id}`, { token: admin, body: { startTime: '2017-09-24T10:00', changeSource: MOVE_SOURCE }, headers: { 'if-match': '"1"' } });
    await api(world, 'DELETE', `/admin/events/${edge[1].id}`, { token: admin, body: { changeSource: MOVE_SOURCE } });
    await world.dispatch(new Date('2017-03-13T14:00:00Z'));
    const records = [
      ...ledgers.get('tokyo@example.com')!, ...(await world.deps.ledger.recentFor(ids.get('auckland@example.com')!, 50)),
      ...(await world.deps.ledger.recentFor(ids.get('digest@example.com')!, 50)),
    ];
    const byKind = (kind: string, subject: RegExp) => records.find((d) => d.kind === kind && d.status === 'SENT' && subject.test(d.subject ?? ''))!;
    const samples = [byKind('reminder', /^Tomorrow:/), byKind('digest', /digest/), byKind('alert', /^Moved:/), byKind('alert', /^Cancelled:/)];
    const files = [...samples.map((d) => join(process.cwd(), '.local', 'outbox', `${d.messageId!.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`)), confirmationFile('digest@example.com')!];

    // Act: SpamAssassin offline (-L), as a test (-t), all five in one run over an mbox (as delivered: LF line ends).
    const mbox = files.map((f) => `From datewatch@localhost Thu Jan  1 00:00:00 2026\n${readFileSync(f, 'utf8').replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`).join('');
    const report = await new Promise<string>((resolve, reject) => {
      const child = execFile('spamassassin', ['-L', '-t', '--mbox'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (err, out) => (err ? reject(err) : resolve(out)));
      child.stdin!.end(mbox);
    });

    // Assess
    const scores = [...report.matchAll(/Content analysis details:\s+\((-?[\d.]+) points/g)].map((m) => Number(m[1]));
    expect(scores).toHaveLength(files.length);
    for (const score of scores) expect(score, report).toBeLessThan(1);
    expect(report).not.toContain('HTML_FONT_LOW_CONTRAST');
  });

  /** The raw confirmation this run sent to `email`: the outbox names files by SES message id, so look inside. */
  function confirmationFile(email: string): string | undefined {
    const dir = join(process.cwd(), '.local', 'outbox');
    return readdirSync(dir).map((f) => join(dir, f))
      .filter((f) => statSync(f).mtimeMs >= startedAt)
      .find((f) => { const raw = readFileSync(f, 'utf8'); return raw.includes(`To: ${email}`) && raw.includes('Subject: Confirm your Datewatch subscription'); });
  }
});
