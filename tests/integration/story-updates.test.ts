import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import type { SendLedger } from '#ports/send-ledger.ts';

/**
 * Issue 14, item 4, on the local stack (the real handlers from the synthesized template, IAM enforced): an editor
 * posts an update to a story's followers with an Idempotency-Key; the next dispatcher run makes one job of it, and
 * each follower who wants updates gets it once.
 */
const STORY = 'opec-vienna-2016';
let stack: LocalStack;
let sesPort: number;
let token: string;
let leavingId = '';
/** Set by the test: unsubscribes the leaving reader once their update message reaches the sender. */
let leaveOnFirstClaim = false;

const inbox = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const post = (body: unknown, key?: string) => api(stack, 'POST', `/admin/stories/${STORY}/updates`, { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });
const hostileBody = 'The ministers meet on **Saturday**.\n\n- Russia\n- Mexico\n\n<script>alert(1)</script> [x](javascript:alert(1)) [agenda](https://www.opec.org/agenda)';

/**
 * The reader unsubscribes after the fan-out queued them and before the sender got to them: the first time the
 * sender claims their update, the one-click unsubscribe goes through and this delivery fails (as a sender stopped
 * by a timeout would); SQS hands the message back, and the retry reads the reader again.
 */
const leavingBeforeTheSend = (ledger: SendLedger): SendLedger => ({
  ...ledger,
  claim: async (jobId, readerId, ...rest) => {
    if (leaveOnFirstClaim && jobId.startsWith('update|') && readerId === leavingId) {
      leaveOnFirstClaim = false;
      const res = await fetch(stack.deps.links.unsubscribeUrl(readerId), {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
      });
      if (res.status !== 200) throw new Error(`unsubscribe answered ${res.status}`);
      throw new Error('the sender stopped before this reader; the message is delivered again');
    }
    return ledger.claim(jobId, readerId, ...rest);
  },
});

beforeAll(async () => {
  stack = await startTestStack({
    wrap: { wrapStores: (s) => (s.ledger ? { ...s, ledger: { ...s.ledger, ...leavingBeforeTheSend(s.ledger) } } : s) },
  });
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  const story = await api(stack, 'POST', '/admin/stories', {
    token, body: { id: STORY, title: 'OPEC agrees first output cut since 2008', publisher: 'Reuters', publishedOn: '2016-11-30', url: 'https://www.reuters.com/opec' },
  });
  expect(story.status, story.text).toBe(201);
  const quiet = { reminders: [], digest: 'none' as const };
  await addActiveReader(stack.deps.subscriberStore, 'follower@example.com', { ...quiet, timeZone: 'Asia/Tokyo', stories: [STORY], events: ['some-other-event'] });
  await addActiveReader(stack.deps.subscriberStore, 'everything@example.com', { ...quiet, timeZone: 'America/Chicago' });
  await addActiveReader(stack.deps.subscriberStore, 'lima-only@example.com', { ...quiet, stories: ['abe-putin-lima-2016'] });
  await addActiveReader(stack.deps.subscriberStore, 'no-updates@example.com', { ...quiet, stories: [STORY], updates: false });
  leavingId = (await addActiveReader(stack.deps.subscriberStore, 'leaving@example.com', { ...quiet, timeZone: 'Europe/Vienna', stories: [STORY] })).id;
});
afterAll(async () => { await stack?.close(); });
beforeEach(async () => { await clearSesStore(sesPort); });

describe('story updates on the local stack', () => {
  let updateId: string;

  it('refuses an update without an Idempotency-Key, with a bad subject, for an unknown story, and without a token', async () => {
    expect((await post({ subject: 'x', body: 'y' })).json.error).toMatch(/Idempotency-Key/);
    expect((await post({ subject: 'a\nb', body: 'y' }, 'k0')).status).toBe(400);
    expect((await api(stack, 'POST', '/admin/stories/no-such-story/updates', { token, body: { subject: 'x', body: 'y' }, headers: { 'idempotency-key': 'k0' } })).status).toBe(404);
    expect((await api(stack, 'POST', `/admin/stories/${STORY}/updates`, { body: { subject: 'x', body: 'y' }, headers: { 'idempotency-key': 'k0' } })).status).toBe(401);
  });

  it('stores it once per Idempotency-Key: 201, then 200 with the same update, 409 for another body under the key', async () => {
    // Act
    const first = await post({ subject: 'Ministers meet on Saturday', body: hostileBody }, 'update-2016-12-05-a');
    const again = await post({ subject: 'Ministers meet on Saturday', body: hostileBody }, 'update-2016-12-05-a');
    const other = await post({ subject: 'Ministers meet on Saturday', body: 'Another text.' }, 'update-2016-12-05-a');
    // Assess
    expect(first.status, first.text).toBe(201);
    expect(first.json).toEqual({ id: expect.any(String), storyId: STORY, subject: 'Ministers meet on Saturday', body: hostileBody, status: 'pending', createdAt: expect.any(String) });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(other.status).toBe(409);
    expect(other.json.error).toMatch(/Idempotency-Key was used for another update/);
    updateId = first.json.id;
    const list = await api(stack, 'GET', `/admin/stories/${STORY}/updates`, { token });
    expect(list.json.updates).toEqual([{ ...first.json, job: null }]);
  });

  it('the next dispatcher run sends it once to each follower who wants updates; a reader leaving in between gets nothing', async () => {
    // Prepare: the leaving reader is queued by the fan-out and unsubscribes before the sender reaches them.
    leaveOnFirstClaim = true;
    // Act
    const report = await stack.dispatch(new Date('2016-12-05T09:00:00Z'));
    // Assess: followers of the story in any zone, whatever events they chose.
    expect(report.recipients).toBe(3);
    const [mail] = await inbox('follower@example.com');
    expect(mail!.subject).toBe('Ministers meet on Saturday');
    expect((await inbox('everything@example.com')).map((m) => m.subject)).toEqual(['Ministers meet on Saturday']);
    // Not readers of another story, not readers with updates off, not the reader who left.
    expect(await inbox('lima-only@example.com')).toEqual([]);
    expect(await inbox('no-updates@example.com')).toEqual([]);
    expect(await inbox('leaving@example.com')).toEqual([]);
    expect(leaveOnFirstClaim).toBe(false);
    const [skipped] = await stack.deps.ledger.recentFor(leavingId, 5);
    expect(skipped).toMatchObject({ jobId: `update|${STORY}|${updateId}`, status: 'SKIPPED', reason: 'reader unsubscribed' });
    // The body is rendered safely: no script, no javascript: link; the http link and the Markdown are there.
    const html = mail!.body.html!;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))');
    expect(html).toContain('<a href="https://www.opec.org/agenda" style="color:#1d4ed8;">agenda</a>');
    expect(html).toContain('<strong>Saturday</strong>');
    expect(html).toMatch(/From the story &ldquo;OPEC agrees first output cut since 2008&rdquo;/);
    expect(mail!.body.text).toContain('The ministers meet on Saturday.\n\n- Russia\n- Mexico');
  });

  it('the job shows in GET /admin/jobs and in the story\'s updates, which is dispatched', async () => {
    const jobs = await api(stack, 'GET', '/admin/jobs', { token });
    const job = jobs.json.jobs.find((j: { id: string }) => j.id === `update|${STORY}|${updateId}`);
    expect(job).toMatchObject({ kind: 'update', storyId: STORY, updateId, status: 'queued', recipients: 3 });
    const list = await api(stack, 'GET', `/admin/stories/${STORY}/updates`, { token });
    expect(list.json.updates).toMatchObject([{ id: updateId, status: 'dispatched', job: { id: job.id, status: 'queued', recipients: 3 } }]);
  });

  it('posting it again with the same key, and dispatching again, sends nothing twice', async () => {
    const again = await post({ subject: 'Ministers meet on Saturday', body: hostileBody }, 'update-2016-12-05-a');
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: updateId, status: 'dispatched' });
    await stack.dispatch(new Date('2016-12-05T09:01:00Z'));
    await stack.dispatch(new Date('2016-12-05T09:02:00Z'));
    expect(await readSesStore(sesPort)).toEqual([]);
  });

  it('a reader who turns updates off in their preferences gets the next update no more', async () => {
    const reader = (await stack.deps.subscriberStore.getMany([(await api(stack, 'GET', '/admin/subscribers/everything%40example.com', { token })).json.id]))[0]!;
    const res = await fetch(stack.deps.links.preferencesUrl(reader.id), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ updates: false }),
    });
    expect(res.status, await res.text()).toBe(200);
    expect((await post({ subject: 'Second update', body: 'More.' }, 'update-2016-12-05-b')).status).toBe(201);
    await stack.dispatch(new Date('2016-12-05T10:00:00Z'));
    expect((await inbox('follower@example.com')).map((m) => m.subject)).toEqual(['Second update']);
    expect(await inbox('everything@example.com')).toEqual([]);
  });
});
