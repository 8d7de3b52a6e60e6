import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';

/**
 * Issue 20, item 1, on the local stack: a reader subscribes, confirms, gets an update, unsubscribes, subscribes
 * again and confirms. The unsubscribe link of the first subscription's mail still stops the mail of the second,
 * and its page says so; only a fresh confirmation starts mail again.
 */
const STORY = 'abe-putin-lima-2016';
const READER = 'Twice.Reader@example.com';
let stack: LocalStack;
let sesPort: number;
let adminToken: string;
let updates = 0;
let dispatchAt = Date.parse('2016-11-21T09:00:00Z');

const mailTo = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const linkIn = (m: StoredEmail, path: string) => {
  const found = new RegExp(`${stack.apiUrl.replace(/[.]/g, '\\.')}${path}\\?token=[A-Za-z0-9._%-]+`).exec(m.body.text ?? '');
  if (!found) throw new Error(`no ${path} link in "${m.subject}"`);
  return found[0];
};
const form = (url: string, body: string, accept = 'text/html') => fetch(url, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body,
});

async function subscribeAndConfirm(): Promise<void> {
  const before = (await mailTo(READER)).length;
  const res = await api(stack, 'POST', '/subscriptions', { body: { email: READER, reminders: [], digest: 'none' } });
  expect(res.status, res.text).toBe(202);
  await stack.cloud.drainQueues(10_000);
  const mails = await mailTo(READER);
  expect(mails.length).toBe(before + 1);
  const confirm = linkIn(mails.at(-1)!, '/subscriptions/confirm');
  const token = new URL(confirm).searchParams.get('token')!;
  const confirmed = await api(stack, 'POST', '/subscriptions/confirm', { body: { token } });
  expect(confirmed.json, confirmed.text).toEqual({ status: 'active', outcome: 'confirmed' });
}

/** Posts an update to the story's followers and dispatches it; answers the subjects the reader got from it. */
async function updateReaches(): Promise<string[]> {
  const subject = `Update ${++updates}`;
  const before = (await mailTo(READER)).length;
  const posted = await api(stack, 'POST', `/admin/stories/${STORY}/updates`, {
    token: adminToken, body: { subject, body: 'The leaders meet again.' }, headers: { 'idempotency-key': `seams-${updates}` },
  });
  expect(posted.status, posted.text).toBe(201);
  dispatchAt += 3_600_000;
  await stack.dispatch(new Date(dispatchAt));
  return (await mailTo(READER)).slice(before).map((m) => m.subject).filter((s) => s === subject);
}

const statusOf = async () => (await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(READER)}`, { token: adminToken })).json;

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  adminToken = await stack.adminToken();
});
afterAll(async () => { await stack?.close(); });

describe('an unsubscribe link from an earlier subscription', () => {
  let firstUnsubscribe = '';
  let firstPreferences = '';

  it('first subscription: confirmed, mailed, unsubscribed by its own link', async () => {
    await subscribeAndConfirm();
    expect(await updateReaches()).toEqual(['Update 1']);
    const [mail] = (await mailTo(READER)).filter((m) => m.subject === 'Update 1');
    firstUnsubscribe = linkIn(mail!, '/unsubscribe');
    firstPreferences = linkIn(mail!, '/preferences');
    const res = await form(firstUnsubscribe, 'List-Unsubscribe=One-Click');
    expect(await res.text()).toContain('You are unsubscribed');
    expect((await statusOf()).status).toBe('unsubscribed');
  });

  it('stops the mail of the next subscription, says so, and the store agrees', async () => {
    // Prepare: the reader comes back and confirms again; mail flows.
    await subscribeAndConfirm();
    expect((await statusOf()).status).toBe('active');
    expect(await updateReaches()).toEqual(['Update 2']);
    // Act: the old link, from the mail of the first subscription.
    const page = await fetch(firstUnsubscribe, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('T•••@example.com');
    const res = await form(firstUnsubscribe, 'List-Unsubscribe=One-Click', 'application/json');
    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'unsubscribed', blocked: false, status: 'unsubscribed' });
    expect((await statusOf()).status).toBe('unsubscribed');
    expect(await updateReaches()).toEqual([]);
    // A second use tells the truth: already unsubscribed.
    expect(await (await form(firstUnsubscribe, 'List-Unsubscribe=One-Click')).text()).toContain('You were already unsubscribed');
  });

  it('the old preferences link shows the current subscription as unsubscribed', async () => {
    const page = await (await fetch(firstPreferences, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('You are unsubscribed and receive no email');
  });

  it('only a fresh confirmation starts mail again; then the old link with never=yes suppresses the mailbox, every spelling', async () => {
    await subscribeAndConfirm();
    // The same mailbox under another spelling has a subscription of its own.
    await addActiveReader(stack.deps.subscriberStore, 'twice.reader+work@example.com', { reminders: [], digest: 'none' });
    expect(await updateReaches()).toEqual(['Update 4']);
    expect((await mailTo('twice.reader+work@example.com')).map((m) => m.subject)).toEqual(['Update 4']);
    const res = await form(firstUnsubscribe, 'List-Unsubscribe=One-Click&never=yes');
    const text = await res.text();
    expect(text).toContain('You are unsubscribed');
    expect(text).toContain('This address will never be mailed again');
    const after = await statusOf();
    expect(after.status).toBe('unsubscribed');
    expect(after.suppression).toMatchObject({ reason: 'request' });
    expect(await updateReaches()).toEqual([]);
    expect((await mailTo('twice.reader+work@example.com')).map((m) => m.subject)).toEqual(['Update 4']);
    // A new sign-up of the same mailbox, in another spelling, gets no confirmation.
    const before = (await readSesStore(sesPort)).length;
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: 'twice.reader+again@example.com' } })).status).toBe(202);
    await stack.cloud.drainQueues(10_000);
    expect((await readSesStore(sesPort)).length).toBe(before);
  });
});
