import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRef } from '#core/model/job.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

/**
 * Issue 25, item 4, on the local stack: an update goes to an ordinary reader and to SES's mailbox simulator
 * (success@, bounce@, complaint@). The local SES publishes each message's Delivery, Bounce and Complaint events
 * through the configuration set's topic, as the template says it does; ses-events counts them against the job
 * its tag names, and the job's admin JSON shows them. An SNS message delivered twice counts once.
 */
const STORY = 'abe-putin-lima-2016';
const READERS = [
  'ordinary@example.com',
  'success@simulator.amazonses.com',
  'bounce@simulator.amazonses.com',
  'complaint@simulator.amazonses.com',
];
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
  for (const email of READERS) await addActiveReader(stack.deps.subscriberStore, email, { timeZone: 'Asia/Tokyo' });
});
afterAll(async () => {
  await stack?.close();
});

interface JobJson {
  id: string;
  kind: string;
  storyTitle?: string;
  updateSubject?: string;
  progress: Record<string, unknown>;
}
const updateJob = async (): Promise<JobJson | undefined> =>
  ((await api(stack, 'GET', '/admin/jobs', { token })).json.jobs as JobJson[]).find((j) => j.kind === 'update');

describe('what became of a job’s mail, from SES’s own events', () => {
  it('counts targeted, sent, delivered, bounced and complained for an update to the simulator addresses', async () => {
    // Prepare
    const posted = await api(stack, 'POST', `/admin/stories/${STORY}/updates`, {
      token,
      body: { subject: 'Talks move to Nagato', body: 'A hot spring.' },
      headers: { 'idempotency-key': 'figures-1' },
    });
    expect(posted.status, posted.text).toBe(201);
    // Act
    await stack.dispatch(new Date('2016-11-21T09:00:00Z'));
    // Assess: SES's events arrive after its answer, as on AWS.
    await expect
      .poll(async () => (await updateJob())?.progress)
      .toEqual({
        targeted: 4,
        sent: 4,
        skipped: [],
        waiting: 0,
        delivered: 3,
        bounced: 1,
        complained: 1,
      });
    const job = (await updateJob())!;
    expect(job).toMatchObject({
      storyTitle: expect.stringMatching(/^Abe and Putin/),
      updateSubject: 'Talks move to Nagato',
    });
    // The lists as each reader's record has them: the bounce and the complaint suppressed their addresses.
    const bounced = (await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(READERS[2]!)}`, { token })).json;
    expect(bounced.status).toBe('suppressed');
  });

  it('counts an SNS message delivered again once, and an event of no job (a confirmation) for no job', async () => {
    // Prepare: the very Delivery event the ordinary reader's mail produced, as SNS might deliver it again
    const job = (await updateJob())!;
    const ordinary = (await stack.deps.subscriberStore.findByAddress(READERS[0]!))!;
    const [sent] = await stack.deps.ledger.recentFor(ordinary.id, 1);
    expect(sent?.messageId).toBeTruthy();
    const delivery = {
      eventType: 'Delivery',
      delivery: { recipients: [READERS[0]], timestamp: '2016-11-21T09:00:01.000Z' },
      mail: {
        messageId: sent!.messageId,
        destination: [READERS[0]],
        tags: { kind: ['update'], job: [jobRef(job.id)] },
      },
    };
    // The control: a Delivery of another message of the same job counts, once.
    const another = { ...delivery, mail: { ...delivery.mail, messageId: 'another-message-id' } };
    const confirmation = {
      ...delivery,
      mail: { ...delivery.mail, messageId: 'confirmation-id', tags: { kind: ['confirmation'] } },
    };
    // Act
    await stack.cloud.publishSesNotification(delivery);
    await stack.cloud.publishSesNotification(another);
    await stack.cloud.publishSesNotification(another);
    await stack.cloud.publishSesNotification(confirmation);
    // Assess: the first delivery and `another` once each
    expect((await updateJob())!.progress).toMatchObject({ sent: 4, delivered: 4, bounced: 1, complained: 1 });
  });
});
