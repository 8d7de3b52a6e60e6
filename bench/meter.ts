/**
 * Counts what the code under test asks DynamoDB for, by wrapping the `send` of the stack's document client
 * (every store goes through it; the bench's own loader uses another client), with an estimate of the capacity units each request consumes on demand:
 * writes 1 WRU per KB of item, plus one per global secondary index the item is in (ALL projection);
 * consistent reads 1 RRU per 4 KB; Query (GSIs are eventually consistent) 0.5 RRU per 4 KB of items read.
 * Item sizes are taken as their JSON length, close to DynamoDB's own count for these small string items.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoCounts {
  calls: Record<string, number>;
  total: number;
  rru: number;
  wru: number;
  /** When the last Query on the fan-out index (gsi1) answered: the dispatcher's paging is over by then. */
  lastReaderPageAt: number;
}

const KB = 1024;
/** Item sizes are measured on one call in 25 of each kind and the running mean used between, to keep the meter's own CPU out of the figures. */
const sizeSamples = new Map<string, { n: number; mean: number }>();
function sizeOf(kind: string, item: unknown): number {
  let s = sizeSamples.get(kind);
  if (!s) sizeSamples.set(kind, s = { n: 0, mean: 0 });
  if (s.n % 25 === 0 || s.n < 25) s.mean = (s.mean * Math.min(s.n, 25) + Buffer.byteLength(JSON.stringify(item ?? {}))) / (Math.min(s.n, 25) + 1);
  s.n++;
  return s.mean;
}
const indexesOf = (item: Record<string, unknown> | undefined) => (item?.gsi1pk ? 1 : 0) + (item?.gsi2pk ? 1 : 0);
/** Update and Delete do not carry the item: the ledger (TO#), jobs and events sit in one index, readers and the cursor in none that changes. */
const indexesOfKey = (key: Record<string, unknown> | undefined) => (/^(TO#|JOB|EVENT)/.test(String(key?.sk ?? '')) ? 1 : 0);

let counts: DynamoCounts = fresh();

function fresh(): DynamoCounts {
  return { calls: {}, total: 0, rru: 0, wru: 0, lastReaderPageAt: 0 };
}

export function resetDynamoCounts(): void {
  counts = fresh();
}

export function dynamoCounts(): DynamoCounts {
  return { ...counts, calls: { ...counts.calls } };
}

/** For the local stack's `wrapDocumentClient`: the same client, its `send` counted. */
export function meterDocumentClient(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  const original = doc.send.bind(doc) as (...args: unknown[]) => Promise<unknown>;
  doc.send = async function metered(...args: unknown[]) {
    const command = args[0] as { constructor: { name: string }; input: Record<string, any> };
    const name = command.constructor.name.replace(/Command$/, '');
    const input = command.input;
    const c = counts;
    c.calls[name] = (c.calls[name] ?? 0) + 1;
    c.total++;
    if (name === 'Put') c.wru += Math.ceil(sizeOf('Put', input.Item) / KB) * (1 + indexesOf(input.Item));
    if (name === 'Update' || name === 'Delete') c.wru += 1 + indexesOfKey(input.Key);
    if (name === 'BatchWrite') {
      for (const requests of Object.values(input.RequestItems ?? {}) as { PutRequest?: { Item: Record<string, unknown> } }[][]) {
        for (const r of requests) c.wru += Math.ceil(sizeOf('BatchWrite', r.PutRequest?.Item) / KB) * (1 + indexesOf(r.PutRequest?.Item));
      }
    }
    // Counted before the call: a write whose condition fails still consumes its units.
    const out: any = await original(...args);
    const perRead = input.ConsistentRead ? 1 : 0.5;
    if (name === 'Get') c.rru += Math.max(1, Math.ceil(sizeOf('Get', out?.Item) / (4 * KB))) * perRead;
    if (name === 'BatchGet') {
      for (const items of Object.values(out?.Responses ?? {}) as unknown[][]) {
        // The stores read BatchGet consistently: 1 RRU per 4 KB of each item.
        for (const item of items) c.rru += Math.max(1, Math.ceil(sizeOf('BatchGet', item) / (4 * KB)));
      }
    }
    if (name === 'Query') {
      c.rru += Math.max(1, Math.ceil((out?.Items ?? []).length * sizeOf(`Query ${input.IndexName ?? ''}`, out?.Items?.[0]) / (4 * KB))) * 0.5;
      if (input.IndexName === 'gsi1' && String(input.ExpressionAttributeValues?.[':p'] ?? '').startsWith('ZONE#')) c.lastReaderPageAt = performance.now();
    }
    return out;
  } as typeof doc.send;
  return doc;
}
