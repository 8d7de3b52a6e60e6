import { describe, expect, it } from 'vitest';
import { renderReminder } from '#core/email/render.ts';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import type { DatedEvent } from '#core/model/event.ts';
import { makePreviews, PREVIEW_KINDS } from '#core/previews.ts';
import type { Story } from '#core/model/story.ts';
import { makeTestSends } from '#core/test-sends.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';

const BASE = 'https://datewatch.example';
const NOW = new Date('2016-11-25T00:00:00Z');
const clock = { now: () => NOW };
const source = { publisher: 'Kyodo', quote: 'The talks are set for 15 December.' };

const story = (id: string, title: string, over: Partial<Story> = {}): Story => ({
  id, title, publisher: 'Kyodo News', publishedOn: '2016-11-20', status: 'active', version: 1,
  createdAt: '2016-11-01T00:00:00.000Z', updatedAt: '2016-11-01T00:00:00.000Z', ...over,
} as Story);

const event = (over: Partial<DatedEvent> & Pick<DatedEvent, 'id' | 'title'>): DatedEvent => ({
  storyId: 'lima', summary: `${over.title}.`, timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi', source,
  status: 'scheduled', version: 1, createdAt: '2016-11-20T00:00:00.000Z', updatedAt: '2016-11-20T00:00:00.000Z', ...over,
});

const SUMMIT = event({ id: 'summit', title: 'Abe and Putin meet in Nagato', date: '2016-12-15' });
const TALKS = event({
  id: 'talks', title: 'Economic talks in Tokyo', date: '2016-12-17', place: 'Tokyo', version: 2,
  history: [
    { kind: 'created', at: '2016-11-20T00:00:00.000Z', version: 1, source, to: { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo' } },
    { kind: 'moved', at: '2016-11-22T00:00:00.000Z', version: 2, source, from: { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo' }, to: { date: '2016-12-17', timeZone: 'Asia/Tokyo', place: 'Tokyo' } },
  ],
});
const VISIT = event({ id: 'visit', title: 'Putin visits Japan', range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' }, place: 'Japan' });
const FORUM = event({ id: 'forum', storyId: 'arctic', title: 'Arctic forum opens', date: '2016-12-05', timeZone: 'Atlantic/Reykjavik', place: 'Reykjavik' });

const STORIES = [story('lima', 'Abe and Putin meet in Lima'), story('arctic', 'The Arctic Council')];
const EVENTS = [SUMMIT, TALKS, VISIT, FORUM];

function previewsOver(events: DatedEvent[] = EVENTS, stories: Story[] = STORIES) {
  return makePreviews({
    events: {
      get: async (id) => events.find((e) => e.id === id),
      listAll: async () => events,
      listFrom: async (from) => events.filter((e) => (e.date ?? e.range?.to ?? '') >= from.toISOString().slice(0, 10)),
    },
    stories: { get: async (id) => stories.find((s) => s.id === id), list: async () => stories },
    clock, publicBaseUrl: `${BASE}/`,
  });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try { await p; } catch (err) { return err as Error; }
  throw new Error('expected a rejection');
}

describe('previews: each kind as the sender would build it, with fake links', () => {
  const previews = previewsOver();

  it('confirmation, reminder, digest, moved, cancelled and confirmed each have their subject', async () => {
    // Act
    const subjects = {
      confirmation: (await previews.preview('confirmation', { story: 'lima' })).subject,
      reminder: (await previews.preview('reminder', { event: 'summit' })).subject,
      digest: (await previews.preview('digest', { at: '2016-12-05T00:00:00Z' })).subject,
      moved: (await previews.preview('moved', { event: 'talks' })).subject,
      cancelled: (await previews.preview('cancelled', { event: 'summit' })).subject,
      confirmed: (await previews.preview('confirmed', { event: 'visit', date: '2016-12-15' })).subject,
    };
    // Assess
    expect(subjects).toEqual({
      confirmation: 'Confirm your Datewatch subscription',
      reminder: 'Tomorrow: Abe and Putin meet in Nagato',
      // The Arctic forum, all day on 5 December in Reykjavik, has begun at midnight there: under way, not upcoming.
      digest: 'Weekly digest: 1 under way, 2 upcoming events, 1 date to be confirmed',
      moved: 'Moved: Economic talks in Tokyo',
      cancelled: 'Cancelled: Abe and Putin meet in Nagato',
      confirmed: 'Date confirmed: Putin visits Japan — Thursday 15 December 2016',
    });
    // Story updates (kind update) have tests of their own.
    expect(PREVIEW_KINDS).toEqual(expect.arrayContaining(Object.keys(subjects)));
  });

  it('renders a reminder exactly as the sender does at the moment it is due (lead P7D, reader in New York)', async () => {
    const preview = await previews.preview('reminder', { event: 'summit', lead: 'P7D', timeZone: 'US/Eastern' });
    const links = { preferencesUrl: `${BASE}/preferences?token=preview`, unsubscribeUrl: `${BASE}/unsubscribe?token=preview` };
    // 08:00 in New York seven days before the summit begins there (14 December, 10:00).
    const expected = renderReminder({
      event: SUMMIT, story: { id: 'lima', title: 'Abe and Putin meet in Lima', publisher: 'Kyodo News' },
      readerTimeZone: 'America/New_York', links, now: new Date('2016-12-07T13:00:00Z'),
      eventPageUrl: `${BASE}/stories/lima?lang=en&timeZone=America%2FNew_York#event-summit`,
    });
    expect(preview).toEqual({ subject: expected.subject, html: expected.html, text: expected.text });
    expect(preview.subject).toBe('In 7 days: Abe and Putin meet in Nagato');
    expect(preview.text).toContain(`Unsubscribe: ${BASE}/unsubscribe?token=preview`);
    expect(preview.html).toContain(`${BASE}/preferences?token=preview`);
    expect(preview.text).toContain('From the story "Abe and Putin meet in Lima" (Kyodo News)');
  });

  it('says the distance at `at` when it is given', async () => {
    expect((await previews.preview('reminder', { event: 'summit', at: '2016-12-12T00:00:00Z' })).subject).toBe('In 3 days: Abe and Putin meet in Nagato');
  });

  it('moved with the would-be values shows the stored event as before and the values as now', async () => {
    const preview = await previews.preview('moved', { event: 'summit', date: '2016-12-16', place: 'Tokyo' });
    expect(preview.subject).toBe('Moved: Abe and Putin meet in Nagato');
    const now = preview.text.slice(preview.text.indexOf('Now:'), preview.text.indexOf('Before:'));
    const before = preview.text.slice(preview.text.indexOf('Before:'));
    expect(now).toContain('Friday 16 December 2016');
    expect(now).toContain('Where: Tokyo');
    expect(before).toContain('Thursday 15 December 2016');
    expect(before).toContain('Where: Nagato, Yamaguchi');
  });

  it('moved without would-be values takes the last move from the history, or an explicit from', async () => {
    const fromHistory = await previews.preview('moved', { event: 'talks' });
    expect(fromHistory.text.slice(fromHistory.text.indexOf('Before:'))).toContain('Friday 16 December 2016');
    const fromQuery = await previews.preview('moved', { event: 'summit', fromTime: '2016-12-14T15:00' });
    expect(fromQuery.text.slice(fromQuery.text.indexOf('Before:'))).toContain('Wednesday 14 December 2016, 15:00');
  });

  it('a move, confirmation or cancellation before saving quotes the source the editor is about to save', async () => {
    const nhk = { sourcePublisher: 'NHK', sourceQuote: 'The summit moves to Tokyo.' };
    const moved = await previews.preview('moved', { event: 'summit', date: '2016-12-16', ...nhk });
    expect(moved.text).toMatch(/"The summit moves to Tokyo\."\n— NHK/);
    const tass = { sourcePublisher: 'TASS', sourceQuote: 'On 15 December.' };
    const confirmed = await previews.preview('confirmed', { event: 'visit', date: '2016-12-15', ...tass });
    expect(confirmed.text).toMatch(/"On 15 December\."\n— TASS/);
    const off = { sourcePublisher: 'NHK', sourceQuote: 'The summit is off.' };
    const cancelled = await previews.preview('cancelled', { event: 'summit', ...off });
    expect(cancelled.text).toMatch(/"The summit is off\."\n— NHK/);
    // … while the event's own announcement follows as background, as in the mail
    expect(cancelled.text).toContain(source.quote);
  });

  it.each([
    ['moved', { event: 'summit', date: '2016-12-16', sourcePublisher: 'NHK' }, 'sourcePublisher and sourceQuote'],
    ['moved', { event: 'talks', sourcePublisher: 'NHK', sourceQuote: 'Moved.' }, 'goes with the would-be values'],
    ['reminder', { event: 'summit', sourcePublisher: 'NHK' }, 'sourcePublisher applies to moved and confirmed'],
  ] as const)('a change source that cannot be quoted is a 400: %s with %j', async (kind, query, message) => {
    expect((await rejection(previews.preview(kind, query))).message).toContain(message);
  });

  it('an empty digest says readers get none now, and when the next event is', async () => {
    const later = event({
      id: 'later', title: 'Treaty signed in Moscow', date: '2017-03-01', timeZone: 'Europe/Moscow', place: 'Moscow',
    });
    const quiet = previewsOver([later]);
    const preview = await quiet.preview('digest', { story: 'lima', timeZone: 'Asia/Tokyo' });
    expect(preview.note).toBe('Readers get no weekly digest now: nothing they follow is within the next 14 days. '
      + 'The next event is “Treaty signed in Moscow” (Abe and Putin meet in Lima), '
      + 'Wednesday 1 March 2017 (all day, Moscow time); '
      + 'digests list it from 14 days before.');
    expect((await previewsOver([]).preview('digest', {})).note).toMatch(/nothing they follow is coming up at all/);
    // Only a date still to be confirmed in reach: the digest lists it, and the note names the next dated event
    const range = { from: '2016-12-01', to: '2016-12-31' };
    const maybe = event({ id: 'maybe', title: 'A visit, some day', range, place: 'Tokyo' });
    const both = await previewsOver([maybe, later]).preview('digest', { story: 'lima', timeZone: 'Asia/Tokyo' });
    expect(both.text).toContain('A visit, some day');
    expect(both.note).toMatch(/^No dated event falls within the next 14 days\. The next is “Treaty signed in Moscow”/);
    expect((await previews.preview('digest', { at: '2016-12-05T00:00:00Z' })).note).toBeUndefined();
  });

  it('a digest groups the events by story, in the reader zone; one story when asked', async () => {
    const all = await previews.preview('digest', { at: '2016-12-05T00:00:00Z', timeZone: 'Asia/Tokyo' });
    expect(all.text).toMatch(/== The Arctic Council \(Kyodo News\) ==[\s\S]*Arctic forum opens[\s\S]*== Abe and Putin meet in Lima \(Kyodo News\) ==[\s\S]*Abe and Putin meet in Nagato/);
    expect(all.text).toContain('Dates to be confirmed:');
    const lima = await previews.preview('digest', { at: '2016-12-05T00:00:00Z', story: 'lima', period: 'daily' });
    expect(lima.subject).toBe('Daily digest: 2 upcoming events, 1 date to be confirmed');
    expect(lima.text).not.toContain('Arctic');
  });

  it('the confirmation lists what a reader of the story would follow', async () => {
    const preview = await previews.preview('confirmation', { story: 'arctic', timeZone: 'Europe/London' });
    expect(preview.text).toContain(`Confirm: ${BASE}/subscriptions/confirm?token=preview`);
    expect(preview.text).toContain('- Arctic forum opens');
    expect(preview.text).not.toContain('Nagato');
  });

  it.each([
    ['reminder', {}, 'event is required for a reminder preview'],
    ['reminder', { event: 'summit', lead: 'P2D' }, 'lead must be one of P14D, P7D, P3D, P1D, P0D'],
    ['reminder', { event: 'summit', timeZone: 'Mars/Olympus' }, 'timeZone must be an IANA time zone'],
    ['reminder', { event: 'summit', at: 'tomorrow' }, 'at must be an ISO 8601 instant'],
    ['reminder', { event: 'visit' }, 'has no date yet'],
    ['digest', { period: 'monthly' }, 'period must be weekly or daily'],
    ['digest', { date: '2016-12-16' }, 'date applies to moved and confirmed previews only'],
    ['moved', { event: 'summit' }, 'event "summit" has never moved'],
    ['moved', { event: 'summit', date: '2016-13-01' }, 'date must be a real calendar date'],
    ['moved', { event: 'summit', date: '2016-12-15' }, 'do not move the event'],
    ['moved', { event: 'visit', date: '2016-12-15' }, 'preview kind confirmed'],
    ['confirmed', { event: 'summit', date: '2016-12-16' }, 'preview kind moved'],
    ['cancelled', { event: 'summit', to: 'someone@example.com' }, 'unknown field "to"'],
  ] as const)('%s with %j is a 400 naming the parameter', async (kind, query, message) => {
    const err = await rejection(previews.preview(kind, query));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain(message);
  });

  it('an unknown kind, event or story is a 404', async () => {
    const kind = await rejection(previews.preview('weekly', {}));
    expect(kind).toBeInstanceOf(NotFoundError);
    expect(kind.message).toMatch(/^unknown preview kind "weekly"; the kinds are confirmation, reminder, digest, moved, cancelled, confirmed\b/);
    expect(await rejection(previews.preview('reminder', { event: 'nope' }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(previews.preview('digest', { story: 'nope' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('test sends', () => {
  const sent: { to: string; raw: string }[] = [];
  const mailer: Mailer = { sendRaw: async (m) => { sent.push(m); return { messageId: `m-${sent.length}` }; } };
  let hits = 0;
  const rateLimiter: RateLimiter = { hit: async (_k, limit) => ({ allowed: ++hits <= limit, retryAfterSeconds: 1800 }) };
  const testSends = makeTestSends({ previews: previewsOver(), mailer, rateLimiter, clock, from: 'Datewatch <alerts@datewatch.example>', perHour: 2 });
  const editor = { id: 'sub-1', email: 'editor@example.com', emailVerified: true };

  it('mails the preview to the editor, marked as a test, tagged kind=test, without List-Unsubscribe', async () => {
    const result = await testSends.send(editor, { kind: 'reminder', event: 'summit' });
    expect(result).toEqual({ sent: true, to: 'e•••@example.com', messageId: 'm-1' });
    const [mail] = sent;
    expect(mail!.to).toBe('editor@example.com');
    expect(mail!.raw).toMatch(/^To: editor@example\.com\r$/m);
    expect(mail!.raw).toMatch(/^Subject: \[Test\] Tomorrow: Abe and Putin meet in Nagato\r$/m);
    expect(mail!.raw).toMatch(/^X-SES-MESSAGE-TAGS: kind=test, preview=reminder\r$/m);
    expect(mail!.raw).not.toMatch(/List-Unsubscribe/i);
  });

  it('refuses a recipient in the body, an unverified address and the send over the hourly limit', async () => {
    expect((await rejection(testSends.send(editor, { kind: 'reminder', event: 'summit', to: 'x@example.com' }))).message).toContain('unknown field "to"');
    expect((await rejection(testSends.send({ ...editor, emailVerified: false }, { kind: 'reminder', event: 'summit' }))).message).toContain('no verified email');
    await testSends.send(editor, { kind: 'digest' });
    const limited = await rejection(testSends.send(editor, { kind: 'digest' }));
    expect(limited.name).toBe('RateLimitedError');
    expect(sent).toHaveLength(2);
  });
});
