import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTableStores } from '#adapters/dynamodb/table-stores.ts';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { makeCloudWatchTelemetry } from '#adapters/cloudwatch/telemetry.ts';
import { makeBounces } from '#core/bounces.ts';
import { shardOf, subscriberIdOf } from '#core/subscriber-id.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { makeSuppressions, type Suppressions } from '#core/suppressions.ts';
import { makeSesEventsHandler } from '#handlers/ses-events.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';

const clock = { now: () => new Date('2016-12-02T23:10:00Z') };
let table: TestTable;
let store: SubscriberStore;
let suppressions: Suppressions;
let handle: (event: SNSEvent) => Promise<void>;
const logs: string[] = [];

beforeAll(async () => {
  table = await startTestTable();
  const stores = makeTableStores(table.doc, table.tableName);
  store = stores.subscribers;
  suppressions = makeSuppressions({ store: stores.suppressions, keys: { current: 'ses-events-test-key-0123456789' } });
  const telemetry = makeCloudWatchTelemetry({ functionName: 'ses-events', sink: (l) => logs.push(l) });
  handle = makeSesEventsHandler({ bounces: makeBounces({ subscribers: store, suppressions, clock, telemetry }), telemetry });
});
afterAll(async () => { await table?.close(); });

async function activeReader(email: string): Promise<Subscriber> {
  const at = '2016-11-20T00:00:00.000Z';
  const reader: Subscriber = {
    id: subscriberIdOf(email), email, status: 'active',
    preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'weekly', events: 'all' },
    consent: { requestedAt: at, requestIpHash: 'h', requestUserAgent: 'ua', confirmedAt: at },
    createdAt: at, updatedAt: at, confirmedAt: at,
  };
  expect(await store.put(reader, null)).toBe(true);
  expect(await store.claimAddress(email, reader.id, undefined)).toBe(true);
  return reader;
}

const indexed = async (r: Subscriber) => (await store.activeReaders('Asia/Tokyo', shardOf(r.id))).readers.some((x) => x.id === r.id);

/** The SNS envelope Lambda receives, around SES's JSON notification (a string in Sns.Message). */
function snsEvent(...messages: unknown[]): SNSEvent {
  return {
    Records: messages.map((m, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:datewatch-ses-feedback:6a7e0c7e-0000-4000-8000-000000000000',
      Sns: {
        Type: 'Notification',
        MessageId: `4b1c2a3e-0000-4000-8000-00000000000${i}`,
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:datewatch-ses-feedback',
        Subject: null as unknown as string,
        Message: typeof m === 'string' ? m : JSON.stringify(m),
        Timestamp: '2016-12-02T23:10:00.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

const mail = (to: string) => ({
  timestamp: '2016-12-02T23:00:00.000Z',
  source: 'alerts@datewatch.example',
  sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/datewatch.example',
  sourceIp: '192.0.2.10',
  sendingAccountId: '123456789012',
  messageId: '0100015fd91a5ca3-93c245fe-e333-46ae-8fed-96160d20cfab-000000',
  destination: [to],
});

/** An identity notification (notificationType), as SES documents a bounce with a DSN. */
const permanentBounce = (to: string) => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${to}>... User unknown` }],
    timestamp: '2016-12-02T23:01:00.000Z',
    feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
    remoteMtaIp: '127.0.2.0',
    reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
  },
  mail: mail(to),
});

/** Configuration-set event publishing names the field eventType. */
const complaint = (to: string) => ({
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0100015fd91a6479-ae22395c-1f7d-4423-a9e5-e0715bffc731-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: to }],
    timestamp: '2016-12-02T23:05:00.000Z',
    userAgent: 'Yahoo!-Mail-Feedback/2.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2016-12-02T23:04:00.000Z',
  },
  mail: { ...mail(to), tags: { 'ses:configuration-set': ['datewatch'] } },
});

const transientBounce = (to: string) => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Transient',
    bounceSubType: 'MailboxFull',
    bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 Mailbox full' }],
    timestamp: '2016-12-02T23:02:00.000Z',
    feedbackId: '00000138111222aa-44422211-cccc-cccc-cccc-ddddaaaa068a-000000',
  },
  mail: mail(to),
});

const delivery = (to: string) => ({
  notificationType: 'Delivery',
  delivery: { timestamp: '2016-12-02T23:00:05.000Z', processingTimeMillis: 546, recipients: [to], smtpResponse: '250 ok', reportingMTA: 'a8-70.smtp-out.amazonses.com' },
  mail: mail(to),
});

describe('SES feedback through SNS', () => {
  it('a permanent bounce suppresses the reader for good and takes them out of the fan-out index', async () => {
    const reader = await activeReader('gone@example.com');
    expect(await indexed(reader)).toBe(true);

    await handle(snsEvent(permanentBounce('gone@example.com')));

    const after = await store.get(reader.id);
    expect(after).toMatchObject({ status: 'suppressed', suppressionReason: 'bounce', suppressedAt: '2016-12-02T23:10:00.000Z', email: 'gone@example.com' });
    expect(await indexed(reader)).toBe(false);
  });

  it('a complaint (configuration-set event shape) suppresses the reader', async () => {
    const reader = await activeReader('annoyed@example.com');
    await handle(snsEvent(complaint('Annoyed@Example.com')));
    expect(await store.get(reader.id)).toMatchObject({ status: 'suppressed', suppressionReason: 'complaint' });
    expect(await indexed(reader)).toBe(false);
  });

  it('transient bounces are counted and the reader keeps receiving mail', async () => {
    const reader = await activeReader('full@example.com');
    await handle(snsEvent(transientBounce('full@example.com'), transientBounce('full@example.com')));
    expect(await store.get(reader.id)).toMatchObject({ status: 'active', transientBounces: 2 });
    expect(await indexed(reader)).toBe(true);
  });

  it('a bounce for an address we never had still blocks it, without keeping the address', async () => {
    await handle(snsEvent(permanentBounce('stranger@example.com')));
    expect(await suppressions.find('stranger@example.com')).toEqual({ reason: 'bounce', at: '2016-12-02T23:10:00.000Z' });
    expect(await store.findByAddress('stranger@example.com')).toBeUndefined();
    const { Items = [] } = await table.doc.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
    expect(JSON.stringify(Items)).not.toContain('stranger');
  });

  it('a bounce ends the subscription for 30 days and keeps the suppression after that', async () => {
    const reader = await activeReader('ended@example.com');
    await handle(snsEvent(permanentBounce('ended@example.com')));
    expect(await store.get(reader.id)).toMatchObject({ status: 'suppressed', expiresAt: '2017-01-01T23:10:00.000Z' });
    expect(await suppressions.find('Ended+news@example.com')).toMatchObject({ reason: 'bounce' });
  });

  it('delivery notifications and messages that are not JSON change nothing and do not fail the batch', async () => {
    const reader = await activeReader('fine@example.com');
    await expect(handle(snsEvent(delivery('fine@example.com'), 'not json {', { notificationType: 'AmazonSnsSubscriptionSucceeded', message: 'ok' }))).resolves.toBeUndefined();
    expect(await store.get(reader.id)).toEqual(reader);
    expect(logs.some((l) => /not JSON/.test(l))).toBe(true);
  });

  it('counts bounces by type and complaints as metrics, and logs no address', async () => {
    // Prepare
    await activeReader('counted@example.com');
    const from = logs.length;
    // Act: one invocation with a permanent bounce, a transient one and a complaint.
    await handle(snsEvent(permanentBounce('counted@example.com'), transientBounce('counted@example.com'), complaint('counted@example.com')));
    // Assess: one EMF line of plain counts, one per bounce type; the address appears nowhere.
    const lines = logs.slice(from);
    const emf = lines.map((l) => JSON.parse(l)).filter((l) => l._aws);
    const plain = emf.find((m) => JSON.stringify(m._aws.CloudWatchMetrics[0].Dimensions) === '[[]]');
    expect(plain).toMatchObject({ MailBounced: 2, MailComplained: 1 });
    expect(emf.filter((m) => m.Reason).map((m) => [m.Reason, m.MailBounced])).toEqual(expect.arrayContaining([['permanent', 1], ['transient', 1]]));
    expect(lines.some((l) => l.includes('counted@example.com'))).toBe(false);
  });

  it('a suppressed reader stays suppressed when a later complaint arrives', async () => {
    const reader = await activeReader('twice@example.com');
    await handle(snsEvent(permanentBounce('twice@example.com')));
    await handle(snsEvent(complaint('twice@example.com')));
    expect(await store.get(reader.id)).toMatchObject({ status: 'suppressed', suppressionReason: 'bounce' });
  });
});
