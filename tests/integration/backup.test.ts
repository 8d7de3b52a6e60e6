import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByType, dynamoClient, scanAll, type Item } from '#local/backup/table-backup.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

const run = promisify(execFile);
let source: LocalStack;
let target: LocalStack;
let dir: string;

async function items(stack: LocalStack): Promise<Item[]> {
  const client = dynamoClient(stack.dynamoEndpoint);
  const all: Item[] = [];
  for await (const item of scanAll(client, stack.cloud.tableName)) all.push(item);
  client.destroy();
  return all.sort((a, b) => `${a.pk!.S}\u0000${a.sk!.S}`.localeCompare(`${b.pk!.S}\u0000${b.sk!.S}`));
}

const cli = (script: string, args: string[], stack: LocalStack) =>
  run(process.execPath, ['--import', 'tsx', join('infra/local/backup', script), ...args], {
    env: { ...process.env, DYNAMODB_PORT: new URL(stack.dynamoEndpoint).port }, cwd: process.cwd(),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datewatch-backup-'));
  source = await startTestStack();
  // Every kind of item: events (one cancelled, with its alert pending), readers, a pending sign-up and its rate
  // counters, an erased reader, jobs, ledger entries, the dispatcher's cursor and the zone list.
  for (let i = 0; i < 30; i++) await addActiveReader(source.deps.subscriberStore, `reader-${i}@example.com`, { timeZone: i % 2 ? 'Asia/Tokyo' : 'Europe/Moscow' });
  await api(source, 'POST', '/subscriptions', { body: { email: 'pending@example.com' } });
  await source.cloud.drainQueues(10_000); // the sign-up worker makes it pending off the request path
  const token = await source.adminToken();
  await api(source, 'DELETE', '/admin/subscribers/reader-0%40example.com', { token });
  await source.dispatch(new Date('2016-11-26T08:00:00+09:00'));
  await api(source, 'DELETE', '/admin/events/abe-putin-summit-yamaguchi', { token, body: { changeSource: { publisher: 'Kyodo News', quote: 'The summit is off.' } } });
  target = await startTestStack();
});
afterAll(async () => {
  await source?.close();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('backup drill: npm run export, then npm run import into a fresh local stack', () => {
  it('restores every item, with every count by item type equal', async () => {
    // Prepare
    const file = join(dir, 'backup.jsonl');
    const before = await items(source);
    // Act
    const exported = await cli('export.ts', ['--out', file], source);
    const imported = await cli('import.ts', ['--in', file], target);
    // Assess
    const after = await items(target);
    expect(countByType(after)).toEqual(countByType(before));
    expect(after).toEqual(before);
    for (const type of ['event', 'subscriber', 'address entry', 'rate counter', 'job', 'ledger entry', 'meta', 'zone']) expect(countByType(before)[type], type).toBeGreaterThan(0);
    expect(exported.stdout).toMatch(new RegExp(`exported ${before.length} items`));
    expect(imported.stdout).toMatch(/every count is equal/);
    const header = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!);
    expect(header).toMatchObject({ format: 'datewatch-table-backup', items: before.length });
  });

  it('the restored stack serves the restored data', async () => {
    const token = await target.adminToken();
    const reader = await api(target, 'GET', '/admin/subscribers/reader-1%40example.com', { token });
    const erased = await api(target, 'GET', '/admin/subscribers/reader-0%40example.com', { token });
    const event = await api(target, 'GET', '/admin/events/abe-putin-summit-yamaguchi', { token });
    expect(reader.status).toBe(200);
    expect(reader.json.recentDeliveries.length).toBeGreaterThan(0);
    expect(erased.status).toBe(404); // erasure forgets: nothing of reader-0 was left to back up
    expect(event.json.status).toBe('cancelled');
  });

  it('refuses a file that is not a backup, with a message', async () => {
    const file = join(dir, 'not-a-backup.jsonl');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{"hello":"world"}\n'));
    const failed = await cli('import.ts', ['--in', file], target).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a Datewatch table backup/) });
  });
});
