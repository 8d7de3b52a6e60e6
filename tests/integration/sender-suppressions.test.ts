import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeSesMailer } from '#adapters/ses/mailer.ts';
import { makeCompose } from '#core/compose.ts';
import { reminderJobId, type SendJob } from '#core/model/job.ts';
import { limaSeed } from '#core/model/story.ts';
import { storeSeed } from '#core/seed.ts';
import { makeSender } from '#core/sender.ts';
import { makeSuppressions, type SuppressionKeys } from '#core/suppressions.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';
import type { SuppressionStore } from '#ports/suppression-store.ts';
import type { TestTable } from '../support/dynalite.ts';
import { startTableAndSes, type TableAndSes } from '../support/table-and-ses.ts';
import { addActiveReader } from '../support/readers.ts';
import { makeTestDependencies, type TestDependencies } from '../support/wiring.ts';

/**
 * The sender reads a message's suppressions in one batch with its readers, not one lookup per reader: a mailbox
 * suppressed under another spelling is still skipped, and one found under an older key is still moved to the current.
 */
const { story: seedStory, events: storyEvents } = limaSeed();
const EVENT = storyEvents[0]!;
const JOB: SendJob = {
  id: reminderJobId(EVENT.id, EVENT.date!, 'P7D', 'Asia/Tokyo'), kind: 'reminder',
  dueAt: '2016-11-25T23:00:00.000Z', timeZone: 'Asia/Tokyo', eventId: EVENT.id, eventDate: EVENT.date!, lead: 'P7D',
  status: 'queued', createdAt: '2016-11-25T23:00:00.000Z',
};
const clock = { now: () => new Date('2016-11-26T00:00:00Z') };
const OLD_KEYS: SuppressionKeys = { current: randomBytes(32).toString('base64url') };
const KEYS: SuppressionKeys = { current: randomBytes(32).toString('base64url'), previous: OLD_KEYS.current };

let services: TableAndSes;
let table: TestTable;
let sesPort: number;
let sesClient: TableAndSes['sesClient'];
let deps: TestDependencies;
let emails: string[];
let ids: string[];

/** The DynamoDB suppression store, its calls counted. */
function countedStore() {
  const inner = makeDynamoSuppressionStore(table.doc, table.tableName);
  const calls = { find: 0, recorded: 0 };
  const store: SuppressionStore = {
    find: (hashes) => { calls.find++; return inner.find(hashes); },
    add: (hash, record) => inner.add(hash, record),
    recorded: (hashes) => { calls.recorded++; return inner.recorded!(hashes); },
  };
  return { store, calls };
}

function senderWith(store: SuppressionStore) {
  return makeSender({
    jobs: deps.jobStore, events: deps.eventStore, stories: deps.storyStore, catalog: deps.catalogStore,
    subscribers: deps.subscriberStore, ledger: deps.ledger, mailer: makeSesMailer(sesClient),
    compose: makeCompose({ links: deps.links, from: 'Datewatch <alerts@datewatch.example>' }),
    clock, throttle: { take: async () => {} }, newClaimId: randomUUID,
    suppressions: makeSuppressions({ store, keys: KEYS }),
  });
}

const mailed = async () => new Set((await readSesStore(sesPort)).flatMap((m) => m.destination.to));

beforeAll(async () => {
  services = await startTableAndSes();
  ({ table, sesPort, sesClient } = services);
  deps = makeTestDependencies({
    doc: table.doc, tableName: table.tableName, mailer: makeSesMailer(sesClient), clock,
    tokenKeys: { current: randomBytes(32).toString('base64url') }, publicBaseUrl: 'https://datewatch.example',
    sender: 'Datewatch <alerts@datewatch.example>',
  });
  const seeded = { story: seedStory, events: storyEvents };
  await storeSeed({ events: deps.eventStore, stories: deps.storyStore, clock }, seeded);
  await deps.jobStore.createOnce(JOB);
});
afterAll(async () => { await services?.close(); });
beforeEach(async () => {
  await clearSesStore(sesPort);
  emails = Array.from({ length: 4 }, () => `r${randomUUID().slice(0, 8)}@example.com`);
  ids = [];
  for (const email of emails) {
    ids.push((await addActiveReader(deps.subscriberStore, email, { timeZone: 'Asia/Tokyo', reminders: ['P7D'] })).id);
  }
});

describe('the sender and suppressed mailboxes, on dynalite and the SES emulator', () => {
  it('skips a mailbox suppressed under another spelling, looked up once per message, not per reader', async () => {
    // Prepare: the second reader's mailbox was suppressed as `Name+tag@` (a complaint under that spelling).
    const { store, calls } = countedStore();
    const [local, domain] = emails[1]!.split('@');
    const otherSpelling = `${local!.toUpperCase()}+news@${domain}`;
    await makeSuppressions({ store, keys: KEYS }).add(otherSpelling, 'complaint', clock.now());
    // Act
    const outcome = await senderWith(store)({ jobId: JOB.id, recipients: ids });
    // Assess
    expect(outcome).toMatchObject({ sent: 3, skipped: 1, retry: false });
    expect([...await mailed()].sort()).toEqual([emails[0], emails[2], emails[3]].sort());
    expect((await deps.ledger.recentFor(ids[1]!, 5))[0])
      .toMatchObject({ status: 'SKIPPED', reason: 'mailbox suppressed (under another spelling)' });
    // One batch for the message's four readers; one lookup alone, for the one found there (its record, re-keying).
    expect(calls).toEqual({ find: 1, recorded: 1 });
  });

  it('two subscriptions of one mailbox in one message, under two spellings: neither is mailed', async () => {
    // Prepare: the second reader's mailbox subscribed again as `Name+alerts@`; the mailbox is then suppressed.
    const { store, calls } = countedStore();
    const [local, domain] = emails[1]!.split('@');
    const twin = `${local!.toUpperCase()}+alerts@${domain}`;
    const prefs = { timeZone: 'Asia/Tokyo', reminders: ['P7D' as const] };
    const twinId = (await addActiveReader(deps.subscriberStore, twin, prefs)).id;
    await makeSuppressions({ store, keys: KEYS }).add(emails[1]!, 'bounce', clock.now());
    // Act
    const outcome = await senderWith(store)({ jobId: JOB.id, recipients: [...ids, twinId] });
    // Assess
    expect(outcome).toMatchObject({ sent: 3, skipped: 2 });
    const inbox = [...await mailed()].map((a) => a.toLowerCase());
    expect(inbox).not.toContain(emails[1]);
    expect(inbox).not.toContain(twin.toLowerCase());
    expect(calls.recorded).toBe(1);
  });

  it('a suppression under the previous key still holds, and is moved to the current key when met', async () => {
    // Prepare: suppressed before the key was rotated.
    const { store } = countedStore();
    await makeSuppressions({ store, keys: OLD_KEYS }).add(emails[2]!, 'bounce', clock.now());
    // Act
    const outcome = await senderWith(store)({ jobId: JOB.id, recipients: ids });
    // Assess: skipped, and now found under the current key alone.
    expect(outcome).toMatchObject({ sent: 3, skipped: 1 });
    expect(await mailed()).not.toContain(emails[2]);
    const currentOnly = makeSuppressions({ store, keys: { current: KEYS.current } });
    expect(await currentOnly.find(emails[2]!)).toMatchObject({ reason: 'bounce' });
  });
});
