/**
 * Subscriber import on the local stack: N rows (default 10,000; BENCH_IMPORT_ROWS) through the admin API's own
 * function (wired from the template, every AWS call through the IAM-checking gateway to dynalite and the local
 * SQS), as a dry run and for real, each on a fresh address set. Prints rows/s.
 *
 * The function is invoked with the payload v2 event the HTTP API would pass: the local HTTP shim cuts bodies
 * off at 64 KB (infra/local/http-api.ts), below a 10,000-row CSV; API Gateway's own limit is 10 MB.
 *
 *   npx tsx bench/import.ts            (BENCH_IMPORT_ROWS=50000 BENCH_IMPORT_CONSENTED=0.5 to vary)
 */
import { randomUUID } from 'node:crypto';
import type { HttpEvent } from '#handlers/http/types.ts';
import { freePort } from '#local/free-port.ts';
import { startLocalStack } from '#local/stack.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
/** The share of rows with consent evidence (made active at once); the others are queued for a confirmation. */
const CONSENTED = Number(process.env.BENCH_IMPORT_CONSENTED ?? 0.8);
const ZONES = ['UTC', 'Europe/Moscow', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin'];

function csvOf(prefix: string): string {
  const lines = ['email,timeZone,reminders,digest,consentDate,consentSource'];
  for (let i = 0; i < ROWS; i++) {
    const consented = i < ROWS * CONSENTED;
    lines.push(`${prefix}-${i}@bench.example.com,${ZONES[i % ZONES.length]},P7D P1D,weekly,${consented ? '2016-01-15,"bench list, 2016"' : ','}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

function importEvent(csv: string, dryRun: boolean): HttpEvent {
  const routeKey = 'POST /admin/subscribers/import';
  return {
    version: '2.0', routeKey, rawPath: '/admin/subscribers/import', rawQueryString: dryRun ? 'dryRun=true' : '',
    headers: { 'content-type': 'text/csv; charset=utf-8' },
    queryStringParameters: dryRun ? { dryRun: 'true' } : undefined,
    body: Buffer.from(csv).toString('base64'), isBase64Encoded: true,
    requestContext: {
      accountId: 'local', apiId: 'local', domainName: 'localhost', domainPrefix: 'local', requestId: randomUUID(), routeKey,
      stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(),
      http: { method: 'POST', path: '/admin/subscribers/import', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: { sub: 'bench', 'cognito:groups': '[admins]' }, scopes: [] } },
    },
  } as unknown as HttpEvent;
}

const stack = await startLocalStack({
  port: await freePort(), sesPort: await freePort(), dynamoPort: await freePort(), clockMode: 'manual', outbox: false,
});
try {
  const route = stack.cloud.routes.find((r) => r.method === 'POST' && r.path === '/admin/subscribers/import');
  if (!route) throw new Error('no POST /admin/subscribers/import route in the template');
  // Warm: the function's first call builds its dependencies (secret read, clients).
  await route.handler(importEvent('email\r\nwarm@bench.example.com\r\n', true));

  for (const dryRun of [true, false]) {
    const csv = csvOf(dryRun ? 'dry' : 'real');
    const started = performance.now();
    const res = await route.handler(importEvent(csv, dryRun));
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`import answered ${res.statusCode}: ${res.body?.slice(0, 300)}`);
    const report = JSON.parse(res.body!) as { counts: Record<string, number> };
    console.log(`${dryRun ? 'dry run' : 'import '}  ${ROWS} rows (${Math.round(csv.length / 1024)} KB)  ${(ms / 1000).toFixed(2)} s  ${Math.round(ROWS / (ms / 1000))} rows/s  ${JSON.stringify(report.counts)}`);
  }
  const page = await stack.deps.subscriberStore.findByAddress(`real-0@bench.example.com`);
  console.log(`check: real-0@bench.example.com is ${page?.status}`);
} finally {
  // The confirmations queued by the import are mailed by the sign-up worker; not waited for (not part of the import).
  await stack.close();
}
