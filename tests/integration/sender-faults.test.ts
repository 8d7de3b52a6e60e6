import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTestDependencies, type TestDependencies } from '../support/wiring.ts';
import { makeSesMailer } from '#adapters/ses/mailer.ts';
import { makeCompose } from '#core/compose.ts';
import { jobRef, reminderJobId, type SendJob } from '#core/model/job.ts';
import { makeDynamoJobStats } from '#adapters/dynamodb/job-stats.ts';
import { storeSeed } from '#core/seed.ts';
import { makeSender, type SenderDeps } from '#core/sender.ts';
import { limaSeed } from '#core/model/story.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';
import { MailerThrottledError, type Mailer } from '#ports/mailer.ts';
import type { SendLedger } from '#ports/send-ledger.ts';
import type { TestTable } from '../support/dynalite.ts';
import { startTableAndSes, type TableAndSes } from '../support/table-and-ses.ts';
import { addActiveReader } from '../support/readers.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

const LEASE_MS = 5 * 60_000;
const EVENT = storyEvents[0]!;
const JOB: SendJob = {
  id: reminderJobId(EVENT.id, EVENT.date!, 'P7D', 'Asia/Tokyo'), kind: 'reminder', dueAt: '2016-11-25T23:00:00.000Z',
  timeZone: 'Asia/Tokyo', eventId: EVENT.id, eventDate: EVENT.date!, lead: 'P7D', status: 'queued', createdAt: '2016-11-25T23:00:00.000Z',
};

let services: TableAndSes;
let table: TestTable;
let sesPort: number;
let sesClient: TableAndSes['sesClient'];
let deps: TestDependencies;
const clock = { at: new Date('2016-11-26T00:00:00Z'), now() { return this.at; } };
let readers: string[];

/** Stands for the process dying: no catch block of the sender runs after it. */
class Killed extends Error {}

beforeAll(async () => {
  services = await startTableAndSes();
  ({ table, sesPort, sesClient } = services);
  deps = makeTestDependencies({
    doc: table.doc, tableName: table.tableName, mailer: makeSesMailer(sesClient), clock,
    tokenKeys: { current: randomBytes(32).toString('base64url') }, publicBaseUrl: 'https://datewatch.example', sender: 'Datewatch <alerts@datewatch.example>',
  });
  await storeSeed({ events: deps.eventStore, stories: deps.storyStore, clock }, { story: seedStory, events: storyEvents });
  await deps.jobStore.createOnce(JOB);
});
afterAll(async () => { await services?.close(); });
beforeEach(async () => {
  await clearSesStore(sesPort);
  // Fresh readers per test: the ledger remembers each (job, reader) for good.
  readers = [];
  for (let i = 0; i < 3; i++) {
    const email = `r-${randomUUID().slice(0, 8)}@example.com`;
    readers.push((await addActiveReader(deps.subscriberStore, email, { timeZone: 'Asia/Tokyo', reminders: ['P7D'] })).id);
  }
});

function sender(overrides: { ledger?: SendLedger; mailer?: Mailer } = {}) {
  const base: SenderDeps = {
    jobs: deps.jobStore, events: deps.eventStore, stories: deps.storyStore, catalog: deps.catalogStore,
    subscribers: deps.subscriberStore, ledger: deps.ledger,
    mailer: makeSesMailer(sesClient), compose: makeCompose({ links: deps.links, from: 'Datewatch <alerts@datewatch.example>' }),
    clock, throttle: { take: async () => {} }, newClaimId: randomUUID, leaseMs: LEASE_MS,
  };
  return makeSender({ ...base, ...overrides });
}

/** How many messages the SES emulator holds for each of this test's readers, in reader order. */
async function perReader(): Promise<number[]> {
  const store = await readSesStore(sesPort);
  const emails = await deps.subscriberStore.getMany(readers);
  return readers.map((id) => store.filter((m) => m.destination.to.includes(emails.find((e) => e.id === id)!.email)).length);
}

const advance = (ms: number) => { clock.at = new Date(clock.at.getTime() + ms); };

describe('the sender under faults, with dynalite and the SES emulator', () => {
  it('killed between claim and send: a retry within the lease sends nothing, the retry after it sends once', async () => {
    // Prepare: the first attempt dies right after claiming the second reader.
    let kill = true;
    const dying: SendLedger = {
      ...deps.ledger,
      claim: async (...args) => {
        const result = await deps.ledger.claim(...args);
        if (kill && args[1] === readers[1]) { kill = false; throw new Killed('killed between claim and send'); }
        return result;
      },
    };
    const message = { jobId: JOB.id, recipients: readers };
    // Act
    await expect(sender({ ledger: dying })(message)).rejects.toThrow(Killed);
    const early = await sender()(message);
    advance(LEASE_MS + 1000);
    const late = await sender()(message);
    // Assess
    expect(early).toMatchObject({ retry: true });
    expect(late).toMatchObject({ retry: false, sent: 1 });
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('killed after SES accepted and before SENT: the retry after the lease sends again (the one window no design closes)', async () => {
    // Prepare: the mail goes out, then the process dies before the ledger hears of it.
    let kill = true;
    const ses = makeSesMailer(sesClient);
    const dyingAfterSend: Mailer = {
      async sendRaw(m) {
        const sent = await ses.sendRaw(m);
        if (kill) { kill = false; throw new Killed('killed after send'); }
        return sent;
      },
    };
    const noCatchBlocks: SendLedger = { ...deps.ledger, release: async () => {} }; // a dead process gives nothing back
    const message = { jobId: JOB.id, recipients: [readers[0]!] };
    // Act
    await sender({ mailer: dyingAfterSend, ledger: noCatchBlocks })(message).catch(() => undefined);
    advance(LEASE_MS + 1000);
    const retry = await sender()(message);
    // Assess: the duplicate is real and labelled; it is the SES-accepted, ledger-not-updated window.
    expect(retry).toMatchObject({ sent: 1 });
    expect(await perReader()).toEqual([2, 0, 0]);
  });

  it('a failure to record SENT after SES accepted does not give the claim back, so the retry does not send again', async () => {
    // Prepare: DynamoDB fails the markSent of the first reader (after the SDK's own retries).
    let fail = true;
    const flaky: SendLedger = {
      ...deps.ledger,
      markSent: async (...args) => {
        if (fail) { fail = false; throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }); }
        return deps.ledger.markSent(...args);
      },
    };
    const message = { jobId: JOB.id, recipients: readers };
    // Act
    await sender({ ledger: flaky })(message).catch(() => undefined);
    const redelivered = await sender()(message);
    // Assess
    expect(redelivered.sent).toBe(0);
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('SES throttling is waited out in the same invocation instead of failing the whole message', async () => {
    // Prepare: every other call is throttled.
    let calls = 0;
    const inner = makeSesMailer(sesClient);
    const throttling: Mailer = { async sendRaw(m) { if (calls++ % 2 === 0) throw new MailerThrottledError(); return inner.sendRaw(m); } };
    // Act
    const outcome = await sender({ mailer: throttling })({ jobId: JOB.id, recipients: readers });
    // Assess
    expect(outcome).toMatchObject({ sent: 3, retry: false });
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('an SES error for one reader does not stop the others; the message still reports the failure for a retry', async () => {
    // Prepare: SES fails the first reader's mail with a 503.
    let calls = 0;
    const inner = makeSesMailer(sesClient);
    const failingOnce: Mailer = {
      async sendRaw(m) { if (calls++ === 0) throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }); return inner.sendRaw(m); },
    };
    const message = { jobId: JOB.id, recipients: readers };
    // Act
    await expect(sender({ mailer: failingOnce })(message)).rejects.toThrow('Service Unavailable');
    const before = await perReader();
    const retried = await sender()(message);
    // Assess
    expect(before).toEqual([0, 1, 1]);
    expect(retried).toMatchObject({ sent: 1, retry: false });
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('two senders given the same batch at once: each reader gets the mail once', async () => {
    // Act
    const message = { jobId: JOB.id, recipients: readers };
    const outcomes = await Promise.all([sender()(message), sender()(message), sender()(message)]);
    // Assess
    expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(3);
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('keeps the readers of one message in flight together, and each still gets the mail once', async () => {
    // Prepare: SES answers nothing until all three readers' sends are waiting on it at once (a sender that sent in
    // turn would never get there, and the test would time out).
    const inner = makeSesMailer(sesClient);
    let waiting = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => { openGate = resolve; });
    const gated: Mailer = {
      async sendRaw(m) {
        if (++waiting === readers.length) openGate();
        await gate;
        return inner.sendRaw(m);
      },
    };
    const message = { jobId: JOB.id, recipients: readers };
    // Act
    const outcome = await sender({ mailer: gated })(message);
    const again = await sender()(message);
    // Assess
    expect(waiting).toBe(3);
    expect(outcome).toMatchObject({ sent: 3, retry: false });
    expect(again).toMatchObject({ sent: 0, retry: false });
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('SES throttling past our patience stops the message: readers not yet sent are given back for the retry', async () => {
    // Prepare: SES throttles every call; two readers in flight, so the third is never claimed once they are refused.
    const throttled: Mailer = { async sendRaw() { throw new MailerThrottledError(); } };
    const message = { jobId: JOB.id, recipients: readers };
    // Act
    const outcome = await makeSender({
      jobs: deps.jobStore, events: deps.eventStore, stories: deps.storyStore, catalog: deps.catalogStore,
    subscribers: deps.subscriberStore, ledger: deps.ledger,
      mailer: throttled, compose: makeCompose({ links: deps.links, from: 'Datewatch <alerts@datewatch.example>' }),
      clock, throttle: { take: async () => {} }, newClaimId: randomUUID, leaseMs: LEASE_MS, throttleBackoffMs: [], inFlight: 2,
    })(message);
    const retried = await sender()(message);
    // Assess: nothing sent, nothing left claimed, so the retry sends to all three at once.
    expect(outcome).toMatchObject({ sent: 0, retry: true });
    expect(retried).toMatchObject({ sent: 3, retry: false });
    expect(await perReader()).toEqual([1, 1, 1]);
  });

  it('a figures write that lands but answers an error is not repeated: each reader counted once', async () => {
    // Prepare: the one ADD of this message's figures lands, then the call fails, as a timed-out write does.
    const stats = makeDynamoJobStats(table.doc, table.tableName);
    const sentBefore = (await stats.figures([jobRef(JOB.id)])).get(jobRef(JOB.id))?.sent ?? 0;
    const failingFlush: SendLedger = {
      ...deps.ledger,
      flushFigures: async () => {
        await deps.ledger.flushFigures();
        throw new Error('TimeoutError: the answer never came');
      },
    };
    const message = { jobId: JOB.id, recipients: readers };
    // Act
    const outcome = await sender({ ledger: failingFlush })(message);
    const again = await sender()(message);
    // Assess: every reader mailed once and settled; the redelivery sends and adds nothing; no reader counted twice.
    expect(outcome).toMatchObject({ sent: 3, retry: false });
    expect(again).toMatchObject({ sent: 0, retry: false });
    expect(await perReader()).toEqual([1, 1, 1]);
    const sentAfter = (await stats.figures([jobRef(JOB.id)])).get(jobRef(JOB.id))?.sent ?? 0;
    expect(sentAfter - sentBefore).toBe(3);
  });
});
