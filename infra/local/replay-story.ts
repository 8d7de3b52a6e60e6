import { freePort } from './free-port.ts';
import { startLocalStack } from './stack.ts';
import { readSesStore } from './ses-emulator.ts';
import { formatIsoInZone } from '#core/zoned-time.ts';
import type { LeadTime, DigestFrequency } from '#core/model/subscriber.ts';

export const REPLAY_START = new Date('2016-11-20T00:00:00+09:00');
export const REPLAY_END = new Date('2016-12-18T00:00:00Z');
const STEP_MS = 60 * 60_000;

export interface DemoReader { email: string; timeZone: string; reminders: LeadTime[]; digest: DigestFrequency }

export const DEMO_READERS: DemoReader[] = [
  { email: 'reader@example.com', timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'weekly' },
  { email: 'moscow@example.com', timeZone: 'Europe/Moscow', reminders: ['P3D', 'P0D'], digest: 'weekly' },
  { email: 'newyork@example.com', timeZone: 'America/New_York', reminders: ['P14D', 'P1D'], digest: 'none' },
];

/** The readers of the mail-as-read test's zones, each with every kind of reminder that can meet on one day. */
export const SEVEN_ZONE_READERS: DemoReader[] = [
  'Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Pacific/Auckland',
].map((timeZone, i) => ({ email: `${timeZone.split('/')[1]!.toLowerCase()}@example.com`, timeZone, reminders: ['P7D', 'P1D', 'P0D'], digest: i % 2 ? 'weekly' : 'daily' }));

export interface ReplayRow { sentAt: string; reader: string; timeZone: string; kind: string; subject: string }
export interface ReplayResult { rows: ReplayRow[]; dispatches: number; seconds: number; deadLetters: number }

/**
 * Plays the story on a fresh in-memory stack: the readers subscribe and confirm through the real API on the
 * story's date, then the scheduler's handler runs every simulated hour until `end`.
 */
export async function replayStory({ readers = DEMO_READERS, end = REPLAY_END } = {}): Promise<ReplayResult> {
  const stack = await startLocalStack({ port: await freePort(), sesPort: await freePort(), dynamoPort: await freePort(), clockMode: 'manual', context: { sendRatePerSecond: '1000', maxSendRate: '100000' } });
  try {
    const sesPort = Number(new URL(stack.sesUrl).port);
    for (const r of readers) {
      const res = await fetch(`${stack.apiUrl}/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
      if (res.status !== 202) throw new Error(`subscribing ${r.email} answered ${res.status}: ${await res.text()}`);
      await stack.cloud.drainQueues(10_000); // the sign-up worker mails the confirmation off the request path
      const mail = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(r.email));
      const link = mail?.body.text?.match(/https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/)?.[0];
      if (!link) throw new Error(`no confirmation link reached ${r.email}`);
      // The reader's click: the confirmation page's POST (GET only shows the page).
      const token = new URL(link).searchParams.get('token') ?? '';
      const confirmed = await fetch(`${stack.apiUrl}/subscriptions/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
      if (!confirmed.ok) throw new Error(`confirming ${r.email} answered ${confirmed.status}`);
    }

    const started = performance.now();
    let dispatches = 0;
    for (let t = REPLAY_START.getTime() + STEP_MS; t <= end.getTime(); t += STEP_MS) {
      await stack.dispatch(new Date(t));
      dispatches++;
    }
    const seconds = (performance.now() - started) / 1000;

    const rows: ReplayRow[] = [];
    for (const r of readers) {
      const subscription = await stack.deps.subscriberStore.findByAddress(r.email);
      for (const d of subscription ? await stack.deps.ledger.recentFor(subscription.id, 500) : []) {
        if (d.status !== 'SENT') continue;
        rows.push({ sentAt: formatIsoInZone(new Date(d.at), r.timeZone), reader: r.email, timeZone: r.timeZone, kind: d.kind, subject: d.subject ?? '' });
      }
    }
    rows.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || a.reader.localeCompare(b.reader));
    return { rows, dispatches, seconds, deadLetters: stack.queue.deadLetters.length };
  } finally {
    await stack.close();
  }
}
