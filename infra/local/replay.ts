import { freePort } from './free-port.ts';
import { startLocalStack } from './stack.ts';
import { readSesStore } from './ses-emulator.ts';
import { formatIsoInZone } from '#core/zoned-time.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';

/**
 * `npm run replay [-- --json]`: plays the story from 2016-11-20 to 2016-12-17 on a fresh in-memory stack,
 * with demo readers in three zones subscribed and confirmed through the real API, and lists every email.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const asJson = process.argv.includes('--json');
const START = new Date('2016-11-20T00:00:00+09:00');
const END = new Date('2016-12-18T00:00:00Z');
const STEP_MS = 60 * 60_000;

const readers = [
  { email: 'reader@example.com', timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'weekly' },
  { email: 'moscow@example.com', timeZone: 'Europe/Moscow', reminders: ['P3D', 'P0D'], digest: 'weekly' },
  { email: 'newyork@example.com', timeZone: 'America/New_York', reminders: ['P14D', 'P1D'], digest: 'none' },
];

const stack = await startLocalStack({ port: await freePort(), sesPort: await freePort(), dynamoPort: await freePort(), clockMode: 'manual', sendRatePerSecond: 1000 });
try {
  const sesPort = Number(new URL(stack.sesUrl).port);
  for (const r of readers) {
    const res = await fetch(`${stack.apiUrl}/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
    if (res.status !== 202) throw new Error(`subscribing ${r.email} answered ${res.status}: ${await res.text()}`);
    const mail = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(r.email));
    const link = mail?.body.text?.match(/https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/)?.[0];
    if (!link) throw new Error(`no confirmation link reached ${r.email}`);
    const confirmed = await fetch(link);
    if (!confirmed.ok) throw new Error(`confirming ${r.email} answered ${confirmed.status}`);
  }

  const started = performance.now();
  let dispatches = 0;
  for (let t = START.getTime() + STEP_MS; t <= END.getTime(); t += STEP_MS) {
    await stack.dispatch(new Date(t));
    dispatches++;
  }
  const seconds = (performance.now() - started) / 1000;

  const rows = [];
  for (const r of readers) {
    for (const d of await stack.deps.ledger.recentFor(subscriberIdOf(r.email), 500)) {
      if (d.status !== 'SENT') continue;
      rows.push({ sentAt: formatIsoInZone(new Date(d.at), r.timeZone), reader: r.email, timeZone: r.timeZone, kind: d.kind, subject: d.subject ?? '' });
    }
  }
  rows.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || a.reader.localeCompare(b.reader));

  if (asJson) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const widths = [25, 16, 8];
    console.log(['local send time', 'reader zone', 'kind', 'subject'].map((h, i) => h.padEnd(widths[i] ?? 0)).join('  '));
    for (const row of rows) console.log([row.sentAt.padEnd(widths[0]!), row.timeZone.padEnd(widths[1]!), row.kind.padEnd(widths[2]!), row.subject].join('  '));
    const byKind = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});
    console.log(`\n${rows.length} emails to ${readers.length} readers (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ')}); `
      + `${dispatches} hourly dispatches from ${START.toISOString()} to ${END.toISOString()} in ${seconds.toFixed(1)} s; dead letters: ${stack.queue.deadLetters.length}`);
  }
} finally {
  await stack.close();
}
