import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/**
 * Issue 25, item 4: the readers' counters are kept by every write of a subscription (confirm, preferences,
 * unsubscribe, re-subscription, import, suppression, erasure), through the real functions on the local stack. After
 * each step they must equal a full count of the table's subscriptions, read with a Scan that shares no code with them.
 */
const LIMA = 'abe-putin-lima-2016';
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

/** Every active subscription in the table, counted by hand: total, per zone, per story ('*': every story). */
async function fullCount(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const add = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({
        TableName: stack.cloud.tableName,
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of out.Items ?? []) {
      if (!String(item.pk).startsWith('SUB#')) continue;
      const s = item.subscriber as Subscriber;
      if (s.status !== 'active') continue;
      add('total');
      add(`zone:${s.preferences.timeZone}`);
      const stories = s.preferences.stories ?? 'all';
      for (const id of stories === 'all' ? ['*'] : stories) add(`story:${id}`);
      // No language recorded (readers from before languages): their mail is English.
      add(`lang:${s.preferences.language ?? 'en'}`);
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return counts;
}

/** The counters item as stored, without the counters that went back to zero. */
async function counters(): Promise<Record<string, number>> {
  const out = await doc.send(
    new GetCommand({
      TableName: stack.cloud.tableName,
      Key: { pk: 'AUDIENCE', sk: 'COUNTS' },
      ConsistentRead: true,
    }),
  );
  return Object.fromEntries(Object.entries(out.Item ?? {}).filter(([k, v]) => k !== 'pk' && k !== 'sk' && v !== 0));
}

async function expectCountersMatch(): Promise<Record<string, number>> {
  const [kept, full] = [await counters(), await fullCount()];
  expect(kept).toEqual(full);
  const answered = (await api(stack, 'GET', '/admin/audience', { token })).json;
  expect(answered.total).toBe(full.total ?? 0);
  return full;
}

const mailTo = async (to: string) => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));

async function subscribeAndConfirm(email: string, prefs: Record<string, unknown>): Promise<void> {
  const before = (await mailTo(email)).length;
  const body = { email, reminders: ['P1D'], digest: 'none', ...prefs };
  const res = await api(stack, 'POST', '/subscriptions', { body });
  expect(res.status, res.text).toBe(202);
  await stack.cloud.drainQueues(10_000);
  const mails = await mailTo(email);
  expect(mails.length).toBe(before + 1);
  const link = /\/subscriptions\/confirm\?token=([A-Za-z0-9._%-]+)/.exec(mails.at(-1)!.body.text ?? '')![1]!;
  const confirmed = await api(stack, 'POST', '/subscriptions/confirm', { body: { token: decodeURIComponent(link) } });
  expect(confirmed.json, confirmed.text).toEqual({ status: 'active', outcome: 'confirmed' });
}

const subscription = async (email: string) => (await stack.deps.subscriberStore.findByAddress(email))!;
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

async function unsubscribe(email: string): Promise<void> {
  const s = await subscription(email);
  const url = `/unsubscribe?token=${encodeURIComponent(tokenOf(stack.deps.links.unsubscribeUrl(s.id, s.email)))}`;
  const res = await api(stack, 'POST', url, {
    body: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.status, res.text).toBe(200);
}

describe('readers counted as the data changes', () => {
  it('confirmations count; pending sign-ups do not', async () => {
    await subscribeAndConfirm('tokyo@example.com', { timeZone: 'Asia/Tokyo' });
    await subscribeAndConfirm('moscow@example.com', { timeZone: 'Europe/Moscow', stories: [LIMA] });
    await subscribeAndConfirm('newyork@example.com', { timeZone: 'America/New_York' });
    await api(stack, 'POST', '/subscriptions', { body: { email: 'pending@example.com', timeZone: 'UTC' } });
    await stack.cloud.drainQueues(10_000);
    const full = await expectCountersMatch();
    expect(full).toMatchObject({ total: 3, 'zone:Asia/Tokyo': 1, 'story:*': 2, [`story:${LIMA}`]: 1 });
  });

  it('a change of zone and stories moves the reader between counters', async () => {
    const s = await subscription('tokyo@example.com');
    const url = `/preferences?token=${encodeURIComponent(tokenOf(stack.deps.links.preferencesUrl(s.id, s.email)))}`;
    const res = await api(stack, 'POST', url, {
      body: { timeZone: 'Europe/Moscow', reminders: ['P7D'], digest: 'weekly', stories: [LIMA], events: 'all' },
    });
    expect(res.status, res.text).toBe(200);
    const full = await expectCountersMatch();
    expect(full['zone:Asia/Tokyo']).toBeUndefined();
    expect(full).toMatchObject({ 'zone:Europe/Moscow': 2, [`story:${LIMA}`]: 2, 'story:*': 1 });
  });

  it('unsubscribing counts out; subscribing again (a new subscription) counts in once', async () => {
    await unsubscribe('moscow@example.com');
    expect((await expectCountersMatch()).total).toBe(2);
    await subscribeAndConfirm('moscow@example.com', { timeZone: 'Asia/Tokyo' });
    const full = await expectCountersMatch();
    expect(full).toMatchObject({ total: 3, 'zone:Asia/Tokyo': 1 });
  });

  it('an import counts the readers it activates, not the pending ones nor a reader who left', async () => {
    await subscribeAndConfirm('left@example.com', { timeZone: 'UTC' });
    await unsubscribe('left@example.com');
    const csv = [
      'email,timeZone,consentDate,consentSource',
      'imported@example.com,Europe/Berlin,2016-01-05,paper list',
      'left@example.com,UTC,2016-01-05,paper list',
      'noconsent@example.com,UTC,,',
      'newyork@example.com,America/New_York,2016-01-05,paper list',
    ].join('\r\n');
    const headers = { 'content-type': 'text/csv' };
    const res = await api(stack, 'POST', '/admin/subscribers/import', { token, body: csv, headers });
    expect(res.status, res.text).toBe(200);
    expect(res.json.counts).toMatchObject({ activated: 1, skipped: 1, 'confirmation-queued': 1, unchanged: 1 });
    await stack.cloud.drainQueues(10_000);
    const full = await expectCountersMatch();
    expect(full).toMatchObject({ total: 4, 'zone:Europe/Berlin': 1 });
  });

  it('a hard bounce (suppression) and an erasure count out; erasing one who left changes nothing', async () => {
    await stack.cloud.publishSesNotification({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'newyork@example.com' }],
      },
      mail: { messageId: 'counters-bounce-1', destination: ['newyork@example.com'] },
    });
    expect((await subscription('newyork@example.com')).status).toBe('suppressed');
    expect((await expectCountersMatch()).total).toBe(3);
    for (const email of ['tokyo@example.com', 'left@example.com']) {
      const erased = await api(stack, 'DELETE', `/admin/subscribers/${encodeURIComponent(email)}`, { token });
      expect(erased.status, erased.text).toBe(200);
    }
    const full = await expectCountersMatch();
    // Left: the one who subscribed again and the imported reader, both following every story.
    expect(full).toMatchObject({ total: 2, 'story:*': 2 });
    expect(full[`story:${LIMA}`]).toBeUndefined();
    const audience = (await api(stack, 'GET', '/admin/audience', { token })).json;
    expect(audience).toMatchObject({ total: 2, followAll: 2, languages: [{ language: 'en', readers: 2 }] });
    expect(audience.stories.find((s: { id: string }) => s.id === LIMA).followers).toBe(2);
    expect(audience.zones).toEqual([
      { timeZone: 'Asia/Tokyo', readers: 1 },
      { timeZone: 'Europe/Berlin', readers: 1 },
    ]);
  });
  it('a complaint under one spelling counts out the subscriptions of that mailbox under the others', async () => {
    // Prepare: one mailbox subscribed under two spellings (Gmail ignores case, dots, +tags and googlemail.com).
    const before = (await expectCountersMatch()).total ?? 0;
    await subscribeAndConfirm('Jane.Doe@gmail.com', { timeZone: 'Asia/Tokyo', stories: [LIMA] });
    await subscribeAndConfirm('janedoe+datewatch@googlemail.com', { timeZone: 'UTC' });
    expect((await expectCountersMatch()).total).toBe(before + 2);
    // Act: the complaint names a third spelling, as a forwarding mailbox may report it.
    await stack.cloud.publishSesNotification({
      eventType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'JANEDOE@gmail.com' }], complaintFeedbackType: 'abuse' },
      mail: { messageId: 'counters-complaint-1', destination: ['JANEDOE@gmail.com'] },
    });
    // Assess: neither spelling is mailed any more, and neither is counted.
    for (const email of ['Jane.Doe@gmail.com', 'janedoe+datewatch@googlemail.com']) {
      expect((await subscription(email)).status).toBe('suppressed');
    }
    expect((await expectCountersMatch()).total ?? 0).toBe(before);
    // And a sign-up under a fourth spelling afterwards is never mailed a link nor counted.
    const body = { email: 'j.a.n.e.doe@gmail.com', digest: 'daily' };
    const res = await api(stack, 'POST', '/subscriptions', { body });
    expect(res.status).toBe(202);
    await stack.cloud.drainQueues(10_000);
    expect(await mailTo('j.a.n.e.doe@gmail.com')).toEqual([]);
    expect((await expectCountersMatch()).total ?? 0).toBe(before);
  });
  it('"never mail me" through one spelling counts out the subscription under another', async () => {
    // Prepare: one mailbox (case and +tag folded) subscribed twice, a minute on (the per-network limit's window).
    stack.clock.set(new Date(stack.clock.now().getTime() + 120_000));
    const before = (await expectCountersMatch()).total ?? 0;
    await subscribeAndConfirm('Sam.Lee@example.com', { timeZone: 'Europe/Berlin' });
    await subscribeAndConfirm('sam.lee+dw@example.com', { timeZone: 'Europe/Berlin' });
    expect((await expectCountersMatch()).total).toBe(before + 2);
    // Act: the reader unsubscribes from one and asks never to be mailed.
    const s = await subscription('sam.lee+dw@example.com');
    const url = `/unsubscribe?token=${encodeURIComponent(tokenOf(stack.deps.links.unsubscribeUrl(s.id, s.email)))}`;
    const res = await api(stack, 'POST', url, {
      body: 'List-Unsubscribe=One-Click&never=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status, res.text).toBe(200);
    // Assess: the other spelling is never mailed either, and is counted out with it.
    expect((await subscription('Sam.Lee@example.com')).status).toBe('suppressed');
    expect((await expectCountersMatch()).total ?? 0).toBe(before);
  });
});
