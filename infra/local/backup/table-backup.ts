/**
 * The backup drill's two halves: every item of the table to a JSON-lines file, and the file back into a table.
 * Items are kept in DynamoDB's own typed JSON (numbers stay numbers, sets stay sets), one item a line, after a
 * first line that says what the file is. On AWS the same role is played by point-in-time recovery or an export
 * to S3; this is the drill for one machine (and for moving a local stack's data to a new one).
 */
import { untilAllProcessed } from '#adapters/unprocessed.ts';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { ListTablesCommand,
  BatchWriteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../table-schema.ts';

export type Item = Record<string, AttributeValue>;
export interface BackupHeader { format: 'datewatch-table-backup'; version: 1; table: string; exportedAt: string; items: number; counts: Record<string, number> }

export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 6 });
}

/** What kind of item a key is, for the counts (see table-schema.ts for the layout). */
export function itemType(item: Item): string {
  const pk = item.pk?.S ?? '';
  const sk = item.sk?.S ?? '';
  const prefix = pk.split('#')[0]!;
  if (prefix === 'JOB') return sk === 'JOB' ? 'job' : 'ledger entry';
  return ({ EVENT: 'event', SUB: 'subscriber', ADDR: 'address entry', SUPPRESSED: 'suppression', RATE: 'rate counter', META: 'meta', ZONE: 'zone' } as Record<string, string>)[prefix] ?? `other (${prefix})`;
}

export function countByType(items: Iterable<Item>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[itemType(item)] = (counts[itemType(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export async function* scanAll(client: DynamoDBClient, tableName: string): AsyncGenerator<Item> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) yield item;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Binary attributes as base64 so the line is plain JSON. */
const toJson = (item: Item) => JSON.stringify(item, (_, v) => (v instanceof Uint8Array ? { $base64: Buffer.from(v).toString('base64') } : v));
const fromJson = (line: string) => JSON.parse(line, (_, v) => (v && typeof v === 'object' && typeof v.$base64 === 'string' ? new Uint8Array(Buffer.from(v.$base64, 'base64')) : v)) as Item;

export async function exportTable({ endpoint, tableName, file, now = new Date() }: { endpoint: string; tableName: string; file: string; now?: Date }): Promise<BackupHeader> {
  const client = dynamoClient(endpoint);
  try {
    // A first pass counts (the header goes first); the table of a local stack is small enough to hold.
    const items: Item[] = [];
    for await (const item of scanAll(client, tableName)) items.push(item);
    const header: BackupHeader = { format: 'datewatch-table-backup', version: 1, table: tableName, exportedAt: now.toISOString(), items: items.length, counts: countByType(items) };
    const out = createWriteStream(file, { mode: 0o600 });
    const write = async (line: string) => { if (!out.write(`${line}\n`)) await once(out, 'drain'); };
    await write(JSON.stringify(header));
    for (const item of items) await write(toJson(item));
    out.end();
    await once(out, 'finish');
    return header;
  } finally {
    client.destroy();
  }
}

export interface ImportResult { header: BackupHeader; written: number; counts: Record<string, number>; equal: boolean }

/** Writes every item of the file into the table (created if missing), then counts the table again. */
export async function importTable({ endpoint, tableName, file }: { endpoint: string; tableName: string; file: string }): Promise<ImportResult> {
  const client = dynamoClient(endpoint);
  try {
    await ensureTable(client, tableName);
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let header: BackupHeader | undefined;
    let batch: Item[] = [];
    let written = 0;
    const flush = async () => {
      const requests = batch.map((Item) => ({ PutRequest: { Item } }));
      batch = [];
      await untilAllProcessed(requests, async (pending) => {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
        const left = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        written += pending.length - left.length;
        return left;
      }, { attempts: 11, baseDelayMs: 50, maxDelayMs: 60_000, what: 'items' });
    };
    for await (const line of lines) {
      if (!line.trim()) continue;
      if (!header) {
        header = JSON.parse(line) as BackupHeader;
        if (header.format !== 'datewatch-table-backup' || header.version !== 1) throw new Error(`${file} is not a Datewatch table backup (version 1)`);
        continue;
      }
      batch.push(fromJson(line));
      if (batch.length === 25) await flush();
    }
    if (!header) throw new Error(`${file} is empty`);
    await flush();
    const restored: Item[] = [];
    for await (const item of scanAll(client, tableName)) restored.push(item);
    const counts = countByType(restored);
    const equal = written === header.items && JSON.stringify(counts) === JSON.stringify(header.counts);
    return { header, written, counts, equal };
  } finally {
    client.destroy();
  }
}

/** The counts side by side, as both commands print them. */
export function formatCounts(columns: Record<string, Record<string, number>>): string {
  const names = Object.keys(columns);
  const types = [...new Set(names.flatMap((n) => Object.keys(columns[n]!)))].sort();
  const rows = [['item type', ...names], ...types.map((t) => [t, ...names.map((n) => String(columns[n]![t] ?? 0))]),
    ['total', ...names.map((n) => String(Object.values(columns[n]!).reduce((a, b) => a + b, 0)))]];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`).join('\n');
}

/** dynalite on DYNAMODB_PORT and the table the template named (TABLE_NAME, or the only table there is). */
export async function localEndpoint(env: NodeJS.ProcessEnv = process.env): Promise<{ endpoint: string; tableName: string }> {
  const port = Number(env.DYNAMODB_PORT ?? 8000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`DYNAMODB_PORT must be a port number, not "${env.DYNAMODB_PORT}"`);
  const endpoint = `http://127.0.0.1:${port}`;
  if (env.TABLE_NAME) return { endpoint, tableName: env.TABLE_NAME };
  const client = dynamoClient(endpoint);
  try {
    const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    if (names.length !== 1) throw new Error(`set TABLE_NAME: dynalite at ${endpoint} holds ${names.length ? names.join(', ') : 'no table'}`);
    return { endpoint, tableName: names[0]! };
  } finally {
    client.destroy();
  }
}
