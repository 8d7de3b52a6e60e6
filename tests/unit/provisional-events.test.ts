import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { makeCompose } from '#core/compose.ts';
import { digestEvents, distanceLabel, reminderStillUseful } from '#core/due.ts';
import { renderAlert, renderDigest } from '#core/email/render.ts';
import { ValidationError } from '#core/errors.ts';
import { applyPatch, createEventSchema, eventEndsAt, eventLocalDate, isProvisional, patchEventSchema, publicView, type DatedEvent, type PendingAlert } from '#core/model/event.ts';
import { makeEventsService } from '#core/events-service.ts';
import { eventInviteFor, renderCalendarFeed } from '#core/ical.ts';
import type { SendJob } from '#core/model/job.ts';
import type { Links } from '#core/links.ts';
import { subscribePage } from '#core/pages/subscription-pages.ts';
import { planJobs } from '#core/planning.ts';
import type { Story, StoryRef } from '#core/model/story.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { parseWith } from '#core/validation.ts';
import { provisionalText, rangeText, whenInline } from '#core/when.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';

const STORY_ID = 'abe-putin-lima-2016';
const story: StoryRef = { id: STORY_ID, title: 'Abe and Putin meet in Lima', publisher: 'Kyodo' };
const links = { preferencesUrl: 'https://datewatch.example/preferences?token=p', unsubscribeUrl: 'https://datewatch.example/unsubscribe?token=u' };
const invite = { organizerEmail: 'news@datewatch.example', attendeeEmail: 'reader@example.com' };
const source = { publisher: 'Kyodo', quote: 'Putin will visit Japan in mid-December' };
const confirmation = { publisher: 'NHK', quote: 'The summit will be held on Dec. 15 in Nagato', url: 'https://nhk.example/summit' };

/** Putin's visit to Japan as the Lima story first gave it: "in mid-December", no day. */
function visit(over: Partial<DatedEvent> = {}): DatedEvent {
  return {
    id: 'putin-visit', storyId: STORY_ID, title: 'Putin visits Japan', summary: 'Talks on the disputed islands.',
    range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' }, timeZone: 'Asia/Tokyo', place: 'Japan',
    source, status: 'scheduled', version: 1, createdAt: '2016-11-20T00:00:00.000Z', updatedAt: '2016-11-20T00:00:00.000Z',
    ...over,
  };
}

const kishida = (over: Partial<DatedEvent> = {}): DatedEvent => visit({
  id: 'kishida-visit', title: 'Kishida visits Russia', range: undefined, date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow', ...over,
});

const createBody = { storyId: STORY_ID, title: 'Putin visits Japan', summary: 'Talks.', timeZone: 'Asia/Tokyo', place: 'Japan', source };
const messageOf = (f: () => unknown): string => {
  try { f(); } catch (err) { return (err as Error).message; }
  throw new Error('expected a validation error');
};

describe('the event schema: exactly one of date, startTime or range', () => {
  it('accepts a range with or without a label, and the event reads as provisional from it alone', () => {
    // Act
    const withLabel = parseWith(createEventSchema, { ...createBody, range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' } });
    const bare = parseWith(createEventSchema, { ...createBody, range: { from: '2016-11-15', to: '2016-11-20' } });

    // Assess
    expect(withLabel.range).toEqual({ from: '2016-12-10', to: '2016-12-20', label: 'mid-December' });
    expect(isProvisional(withLabel)).toBe(true);
    expect(isProvisional({ date: '2016-12-15' })).toBe(false);
    expect(bare).not.toHaveProperty('provisional');
  });

  it('refuses none, two or all three, saying which to give', () => {
    const range = { from: '2016-12-10', to: '2016-12-20' };
    for (const when of [{}, { date: '2016-12-15', range }, { startTime: '2016-12-15T15:00', range }, { date: '2016-12-15', startTime: '2016-12-15T15:00', range }]) {
      expect(messageOf(() => parseWith(createEventSchema, { ...createBody, ...when }))).toMatch(/exactly one of date \(all-day\), startTime \(timed\) or range \(provisional/);
    }
    expect(messageOf(() => parseWith(patchEventSchema, { date: '2016-12-15', range }))).toMatch(/exactly one of date/);
  });

  // A 9999-12-31 event west of UTC would end in year 10000, which the store's ISO sort key cannot order.
  it('refuses dates outside the years the store orders', () => {
    const refused = (when: object) => messageOf(() => parseWith(createEventSchema, { ...createBody, ...when }));
    expect(refused({ date: '9999-12-31' })).toBe('date must fall in the years 1900 to 2999');
    expect(refused({ startTime: '0001-01-01T10:00' })).toBe('startTime must fall in the years 1900 to 2999');
    expect(refused({ range: { from: '2999-12-01', to: '3000-01-02' } }))
      .toBe('range.to must fall in the years 1900 to 2999');
    expect(parseWith(createEventSchema, { ...createBody, date: '2999-12-31' }).date).toBe('2999-12-31');
    expect(messageOf(() => parseWith(patchEventSchema, { date: '1899-12-31' })))
      .toBe('date must fall in the years 1900 to 2999');
  });

  it('refuses bad ranges with a message naming the field', () => {
    const refused = (range: unknown) => messageOf(() => parseWith(createEventSchema, { ...createBody, range }));
    expect(refused({ from: '2016-12-20', to: '2016-12-10' })).toBe('range.to must be on or after range.from');
    expect(refused({ from: '2016-02-30', to: '2016-03-10' })).toBe('range.from must be a real calendar date as YYYY-MM-DD');
    expect(refused({ from: '2016-12-10' })).toBe('range.to is required');
    expect(refused({ from: '9999-12-20', to: '9999-12-31' }))
      .toBe('range.from must fall in the years 1900 to 2999; range.to must fall in the years 1900 to 2999');
    expect(refused({ from: '2016-01-01', to: '2017-01-01' })).toBe('range must span at most 366 days; an event vaguer than that is not yet an event');
    expect(refused({ from: '2016-12-10', to: '2016-12-20', label: 'mid\nDecember' })).toBe('range.label must be a single line');
    expect(refused({ from: '2016-12-10', to: '2016-12-20', day: 15 })).toMatch(/unknown field "day"/);
    // (The API's parseWith reports any wrong type as "is required"; the schema's own words are these.)
    expect(createEventSchema.safeParse({ ...createBody, range: 'mid-December' }).error?.issues[0]?.message).toMatch(/^range must be an object/);
    // A leap year's whole year is 366 days, and allowed.
    expect(parseWith(createEventSchema, { ...createBody, range: { from: '2016-01-01', to: '2016-12-31' } }).range?.to).toBe('2016-12-31');
  });

  it('a patch with a date, a time or a range leaves the event exactly one kind', () => {
    expect(applyPatch(visit(), { date: '2016-12-15' })).toMatchObject({ date: '2016-12-15' });
    expect(applyPatch(visit(), { date: '2016-12-15' })).not.toHaveProperty('range');
    expect(applyPatch(visit(), { startTime: '2016-12-15T15:00' })).not.toHaveProperty('range');
    expect(applyPatch(kishida(), { range: { from: '2016-12-01', to: '2016-12-31' } })).not.toHaveProperty('date');
    expect(() => applyPatch(visit(), { range: null })).toThrow(/exactly one of date \(all-day\), startTime \(timed\) or range/);
  });

  it('the public view says provisional, with the range, and spans it', () => {
    const view = publicView(visit());
    expect(view).toMatchObject({ provisional: true, range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' }, startsAt: '2016-12-09T15:00:00.000Z', endsAt: '2016-12-20T15:00:00.000Z' });
    expect(view).not.toHaveProperty('date');
    expect(publicView(kishida())).toMatchObject({ provisional: false, date: '2016-12-03' });
  });
});

describe('saying when: "date to be confirmed"', () => {
  it('uses the source\'s words, else the days of the range, and never a reader-zone line', () => {
    expect(whenInline(visit(), 'America/New_York')).toBe('When: date to be confirmed (mid-December)');
    expect(provisionalText({ from: '2016-11-15', to: '2016-11-20' })).toBe('date to be confirmed (15–20 November 2016)');
    expect(rangeText({ from: '2016-11-28', to: '2016-12-03' })).toBe('28 November – 3 December 2016');
    expect(rangeText({ from: '2016-12-28', to: '2017-01-03' })).toBe('28 December 2016 – 3 January 2017');
    expect(rangeText({ from: '2016-11-01', to: '2016-11-30' })).toBe('November 2016');
    expect(rangeText({ from: '2016-11-15', to: '2016-11-15' })).toBe('15 November 2016');
    expect(distanceLabel(visit(), 'Asia/Tokyo', new Date('2016-12-12T00:00:00Z'))).toBe('Date to be confirmed');
  });

  it('the subscribe page lists it as to be confirmed', () => {
    const page = subscribePage({
      stories: [{ id: STORY_ID, title: story.title, publisher: 'Kyodo', publishedOn: '2016-11-19', summary: 's' }],
      events: [kishida(), visit({ range: { from: '2016-11-15', to: '2016-11-20' } })],
    });
    expect(page.html).toContain('When: date to be confirmed (15–20 November 2016)');
  });
});

describe('planning: no day-based reminders until the date is firm', () => {
  const zones = ['Pacific/Kiritimati', 'Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'Pacific/Pago_Pago'];
  // From the story's publication to just before a confirmed 15 December begins in New York: every reminder of
  // every lead for that day falls in this window, in every zone, and the range has not passed.
  const from = new Date('2016-11-19T00:00:00Z');
  const to = new Date('2016-12-14T14:00:00Z');

  it('plans no reminder for a provisional event in any zone, but the digests list it', () => {
    // Act
    const jobs = planJobs({ from, to, events: [visit()], zones, alerts: [] });

    // Assess
    expect(jobs.filter((j) => j.kind === 'reminder')).toEqual([]);
    const digests = jobs.filter((j) => j.kind === 'digest');
    expect(new Set(digests.map((j) => j.timeZone))).toEqual(new Set(zones));
    expect(digests.filter((j) => j.status === 'fanning-out').length).toBe(zones.length * 2); // the latest daily and weekly per zone
  });

  it('plans the normal reminders once the date is confirmed', () => {
    // Prepare: confirmed as 15 December in Tokyo.
    const firm: DatedEvent = { ...visit(), ...applyPatch(visit(), { date: '2016-12-15' }), range: undefined };

    // Act
    const reminders = planJobs({ from, to, events: [firm], zones, alerts: [] }).filter((j) => j.kind === 'reminder');

    // Assess: all five leads in every zone, each for the new day.
    expect(reminders).toHaveLength(5 * zones.length);
    expect(new Set(reminders.map((j) => j.eventDate))).toEqual(new Set(['2016-12-15']));
    expect(reminders.every((j) => j.status === 'fanning-out')).toBe(true);
    expect(reminders.find((j) => j.timeZone === 'Asia/Tokyo' && j.lead === 'P1D')?.dueAt).toBe('2016-12-13T23:00:00.000Z');
  });

  it('a reminder planned before the event became provisional again is stale when the sender re-checks it', () => {
    // Prepare: the sender's re-check compares the job's day with the event's (as for a move).
    const [job] = planJobs({ from: new Date('2016-11-24T22:59:00Z'), to: new Date('2016-11-24T23:00:00Z'), events: [kishida({ date: '2016-12-02', timeZone: 'Asia/Tokyo' })], zones: ['Asia/Tokyo'], alerts: [] })
      .filter((j) => j.kind === 'reminder');
    const nowProvisional = kishida({ date: undefined, timeZone: 'Asia/Tokyo', range: { from: '2016-12-01', to: '2016-12-10' } });

    // Assess
    expect(job?.eventDate).toBe('2016-12-02');
    expect(eventLocalDate(nowProvisional)).toBe('2016-12-01/2016-12-10');
    expect(eventLocalDate(nowProvisional)).not.toBe(job?.eventDate);
    expect(reminderStillUseful(nowProvisional, new Date('2016-11-25T23:00:00Z'))).toBe(false);
  });
});

describe('digests', () => {
  const at = new Date('2016-11-20T23:00:00Z');

  it('list a provisional event while its range has not passed, however far off', () => {
    const farOff = visit({ id: 'far', range: { from: '2017-03-01', to: '2017-03-31', label: 'in March' } });
    expect(digestEvents([visit(), farOff, kishida()], at).map((e) => e.id)).toEqual(['putin-visit', 'far', 'kishida-visit']);
    expect(digestEvents([visit()], new Date('2016-12-20T15:00:00Z'))).toEqual([]);
    expect(digestEvents([visit({ status: 'cancelled' })], at)).toEqual([]);
  });

  it('shows "date to be confirmed (mid-December)" on its own line, after the dated events, by the start of the range', () => {
    // Prepare
    const earlier = visit({ id: 'talks', title: 'Peace treaty talks', range: { from: '2016-11-28', to: '2016-12-05' } });

    // Act
    const mail = renderDigest({ groups: [{ story, events: [visit(), kishida(), earlier] }], readerTimeZone: 'Asia/Tokyo', period: 'weekly', links, now: at });

    // Assess
    expect(mail.subject).toBe('Weekly digest: 1 upcoming event, 2 dates to be confirmed');
    expect(mail.text).toContain('Putin visits Japan\n  Expected mid-December\n');
    expect(mail.text).toContain('Peace treaty talks\n  Expected 28 November – 5 December 2016\n');
    // The heading says "to be confirmed" once; its rows do not repeat it.
    expect(mail.text.match(/to be confirmed/gi)).toEqual(['to be confirmed']);
    expect(mail.html.match(/date to be confirmed/gi) ?? []).toHaveLength(0);
    const order = ['Kishida visits Russia', 'Dates to be confirmed:', 'Peace treaty talks', 'Putin visits Japan'].map((t) => mail.text.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(mail.html).toContain('Expected mid-December');
    expect(mail.html).toMatch(/Dates to be confirmed/i);
  });
});

/** An in-memory event store and story store with the DynamoDB ones' conditional semantics. */
function stores() {
  const items = new Map<string, DatedEvent>();
  const alerts = new Map<string, PendingAlert>();
  const events: EventStore = {
    async get(id) { return items.get(id); },
    async create(e) { if (items.has(e.id)) return false; items.set(e.id, e); return true; },
    async replace(e, expected, alert) {
      if (items.get(e.id)?.version !== expected) return false;
      items.set(e.id, e);
      if (alert) alerts.set(e.id, { ...alert, previous: alerts.get(e.id)?.previous ?? alert.previous });
      return true;
    },
    async listFrom() { return [...items.values()]; },
    async listEndingBetween(from, until) { return [...items.values()].filter((e) => eventEndsAt(e) > from && eventEndsAt(e) <= until); },
    async listAll() { return [...items.values()]; },
    async listByStory(id) { return [...items.values()].filter((e) => e.storyId === id); },
    async backfillStoryIndex() { return 0; },
    async pendingAlerts() { return [...alerts].map(([id, alert]) => ({ event: items.get(id)!, alert })); },
    async clearAlert(id) { alerts.delete(id); },
  };
  const seed: Story = {
    id: STORY_ID, title: story.title, publisher: 'Kyodo', publishedOn: '2016-11-19', language: 'en', background: [],
    status: 'active', version: 1, createdAt: '2016-11-19T00:00:00.000Z', updatedAt: '2016-11-19T00:00:00.000Z',
  };
  const stories: StoryStore = {
    async get(id) { return id === STORY_ID ? seed : undefined; },
    async create() { return false; },
    async replace() { return false; },
    async list() { return [seed]; },
    async getMany(ids) { return ids.includes(STORY_ID) ? [seed] : []; },
    async backfillCatalogIndex() { return 0; },
  };
  return { events, stories, alerts };
}

describe('firming up', () => {
  const clock = { now: () => new Date('2016-11-25T00:00:00Z') };
  const service = (s: ReturnType<typeof stores>) => makeEventsService({ events: s.events, stories: s.stories, clock, newId: (p) => p });
  const provisionalBody = { ...createBody, range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' } };

  it('needs a changeSource, then stores a "confirmed" alert and history entry in the same write', async () => {
    // Prepare
    const s = stores();
    const events = service(s);
    const created = await events.create(provisionalBody);
    expect(created.history?.[0]?.to).toMatchObject({ range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' } });

    // Act
    const refused = await events.update(created.id, '1', { date: '2016-12-15' }).catch((err: unknown) => err);
    const firm = await events.update(created.id, '1', { date: '2016-12-15', changeSource: confirmation });

    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(/changeSource is required when a provisional event is given its date/);
    expect(firm).toMatchObject({ date: '2016-12-15', version: 2 });
    expect(firm).not.toHaveProperty('range');
    expect(isProvisional(firm)).toBe(false);
    expect(s.alerts.get(created.id)).toEqual({ kind: 'confirmed', previous: { range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' }, timeZone: 'Asia/Tokyo', place: 'Japan' } });
    expect(firm.history?.at(-1)).toMatchObject({ kind: 'confirmed', version: 2, source: confirmation, from: { range: { from: '2016-12-10' } }, to: { date: '2016-12-15' } });
  });

  it('making a firm event provisional again is a move; a new label for the same days is not', async () => {
    const s = stores();
    const events = service(s);
    const created = await events.create({ ...createBody, date: '2016-12-15' });
    const relabelled = await events.create({ ...provisionalBody, title: 'Peace treaty talks' });

    await expect(events.update(created.id, '1', { range: { from: '2016-12-10', to: '2016-12-20' } })).rejects.toThrow(/changeSource is required when a change moves the event/);
    const back = await events.update(created.id, '1', { range: { from: '2016-12-10', to: '2016-12-20' }, changeSource: source });
    await events.update(relabelled.id, '1', { range: { from: '2016-12-10', to: '2016-12-20', label: 'the middle of December' } });

    expect(back).not.toHaveProperty('date');
    expect(s.alerts.get(created.id)).toMatchObject({ kind: 'moved', previous: { date: '2016-12-15' } });
    expect(back.history?.at(-1)?.kind).toBe('moved');
    expect(s.alerts.has(relabelled.id)).toBe(false);
  });

  it('cancelling a provisional event works as for any event', async () => {
    const s = stores();
    const events = service(s);
    const created = await events.create(provisionalBody);
    const cancelled = await events.cancel(created.id, '1', { changeSource: source });
    expect(cancelled.status).toBe('cancelled');
    expect(s.alerts.get(created.id)).toMatchObject({ kind: 'cancelled', previous: { range: { label: 'mid-December' } } });
  });
});

describe('the "date confirmed" alert', () => {
  const now = new Date('2016-11-25T00:00:00Z');
  const previous = { range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' }, timeZone: 'Asia/Tokyo', place: 'Japan' };
  const firm = visit({
    range: undefined, date: '2016-12-15', place: 'Nagato, Yamaguchi', version: 2,
    history: [
      { kind: 'created', at: '2016-11-20T00:00:00.000Z', version: 1, source, to: previous },
      { kind: 'confirmed', at: '2016-11-24T00:00:00.000Z', version: 2, source: confirmation, from: previous, to: { date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' } },
    ],
  });

  it('has the date in its subject, says what it was, quotes the confirmation, and invites (REQUEST)', () => {
    // Act
    const mail = renderAlert({ event: firm, story, kind: 'confirmed', previous, readerTimeZone: 'America/New_York', links, now, invite });

    // Assess
    // Not New York's Thursday: the subject says whose day it is.
    expect(mail.subject).toBe('Date confirmed: Putin visits Japan — Thursday 15 December 2016, Japan time');
    expect(mail.text).toContain('DATE CONFIRMED');
    expect(mail.text).toContain('Until now:\n  When: date to be confirmed (mid-December)\n  Where: Japan');
    expect(mail.text).toContain('Date: Thursday 15 December 2016, all day (Japan time)');
    expect(mail.text).toContain('"The summit will be held on Dec. 15 in Nagato"\n— NHK');
    expect(mail.html).toContain('Date confirmed');
    expect(mail.html).toContain('date to be confirmed (mid-December)');
    expect(mail.html).toContain(story.title);
    expect(mail.inviteMethod).toBe('REQUEST');
    const calendar = new ICAL.Component(ICAL.parse(mail.attachments[0]!.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(mail.attachments[0]!.content).toContain('DTSTART:20161214T150000Z'); // Tokyo's day, as New York's clock has it
  });

  it('goes through compose with the reader\'s own invite', () => {
    // Prepare
    const composeLinks: Links = {
      confirmUrl: (id) => `https://datewatch.example/confirm?token=${id}`,
      preferencesUrl: (id) => `https://datewatch.example/preferences?token=${id}`,
      unsubscribeUrl: (id) => `https://datewatch.example/unsubscribe?token=${id}`,
      storyPageUrl: (id) => `https://datewatch.example/stories/${id}`,
    };
    const compose = makeCompose({ links: composeLinks, from: 'Datewatch <alerts@datewatch.example>' });
    const job: SendJob = {
      id: 'alert|putin-visit|v2', kind: 'alert', dueAt: now.toISOString(), storyId: STORY_ID, eventId: firm.id,
      alert: { kind: 'confirmed', previous, version: 2 }, status: 'queued', createdAt: now.toISOString(),
    };
    const reader: Subscriber = {
      id: 'alice', email: 'alice@example.com', status: 'active', preferences: { timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'none', events: 'all' },
      consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' }, createdAt: '', updatedAt: '', confirmedAt: '2016-11-20T00:00:00.000Z',
    };

    // Act
    const { subject, raw } = compose({ job, reader, event: firm, story, now });

    // Assess
    expect(subject).toBe('Date confirmed: Putin visits Japan — Thursday 15 December 2016');
    expect(raw).toContain('method=REQUEST');
    expect(raw).toContain('kind=alert');
  });

  it('a firm event made provisional again is "moved", now "date to be confirmed", and its calendar entry is withdrawn', () => {
    const mail = renderAlert({ event: visit({ version: 3 }), story, kind: 'moved', previous: { date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Japan' }, readerTimeZone: 'Asia/Tokyo', links, now, invite });
    expect(mail.subject).toBe('Moved: Putin visits Japan');
    expect(mail.text).toContain('Now:\n  When: date to be confirmed (mid-December)');
    expect(mail.text).toContain('Before:\n  Date: Thursday 15 December 2016, all day (Japan time)');
    expect(mail.inviteMethod).toBe('CANCEL');
    expect(mail.attachments[0]!.content).toContain('METHOD:CANCEL');
    expect(mail.attachments[0]!.content).not.toContain('DTSTART');
  });
});

describe('.ics: a provisional event stays out of calendars until it is firm', () => {
  const now = new Date('2016-11-25T00:00:00Z');

  it('the feed leaves it out, and has it once its date is confirmed', () => {
    const feed = renderCalendarFeed([kishida(), visit()], { calendarName: 'Datewatch', now });
    expect(feed).toContain('UID:kishida-visit@datewatch');
    expect(feed).not.toContain('UID:putin-visit@datewatch');
    const firmFeed = renderCalendarFeed([kishida(), visit({ range: undefined, date: '2016-12-15', version: 2 })], { calendarName: 'Datewatch', now });
    expect(firmFeed).toContain('UID:putin-visit@datewatch');
    expect(firmFeed).toContain('DTSTART;VALUE=DATE:20161215');
  });

  it('no invitation can be made for it; a CANCEL can, without a day', () => {
    expect(() => eventInviteFor(visit(), { method: 'REQUEST', now, organizerEmail: invite.organizerEmail })).toThrow(/provisional/);
    const cancel = eventInviteFor(visit(), { method: 'CANCEL', now, organizerEmail: invite.organizerEmail })('reader@example.com');
    const vevent = new ICAL.Component(ICAL.parse(cancel)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('dtstart')).toBeNull();
  });
});
