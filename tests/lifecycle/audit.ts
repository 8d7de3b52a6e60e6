/**
 * Invariants over what the stack keeps, checked after every step (issue 25): the readers' counters against a full
 * count of the subscriptions (a Scan that shares no code with the counters) and against what the model says; each
 * job's figures against its targeted readers and the send ledger. The counting here is written by hand on purpose.
 */
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addressOf, type Oracle } from './oracle.ts';

export type Counts = Map<string, number>;

export interface TableView {
  /** Every active subscription counted: `total`, `zone:<tz>`, `story:<id>` ('*': every story). */
  counts: Counts;
  /** Active subscriptions by address (case folded). */
  active: Map<string, { timeZone: string; stories: 'all' | string[] }>;
  /** The `SUPPRESSED#…` keys (suppressions and departures). */
  suppressedKeys: Set<string>;
}

const bump = (m: Counts, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

/** One Scan of the whole table (the local stack's table is small). */
export async function readTable(doc: DynamoDBDocumentClient, tableName: string): Promise<TableView> {
  const view: TableView = { counts: new Map(), active: new Map(), suppressedKeys: new Set() };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of out.Items ?? []) {
      const pk = String(item.pk);
      if (pk.startsWith('SUPPRESSED#')) view.suppressedKeys.add(pk);
      if (!pk.startsWith('SUB#') || item.sk !== 'SUB') continue;
      const s = item.subscriber as {
        email: string;
        status: string;
        preferences: { timeZone: string; stories?: 'all' | string[] };
      };
      if (s.status !== 'active') continue;
      const stories = s.preferences.stories ?? 'all';
      view.active.set(addressOf(s.email), { timeZone: s.preferences.timeZone, stories });
      bump(view.counts, 'total');
      bump(view.counts, `zone:${s.preferences.timeZone}`);
      for (const id of stories === 'all' ? ['*'] : new Set(stories)) bump(view.counts, `story:${id}`);
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return view;
}

/** What the model says the counters are: those at the sequence's start, plus its own active readers. */
export function modelCounts(baseline: Counts, o: Oracle): Counts {
  const counts = new Map(baseline);
  for (const address of new Set([...o.receiving, ...o.dormant])) {
    const p = o.preferences.get(address) ?? { timeZone: 'UTC', stories: 'all' as const };
    bump(counts, 'total');
    bump(counts, `zone:${p.timeZone}`);
    for (const id of p.stories === 'all' ? ['*'] : new Set(p.stories)) bump(counts, `story:${id}`);
  }
  return counts;
}

/** The names whose values differ, as "name a≠b" (zeros count as absent). */
export function differences(a: Counts, b: Counts): string[] {
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? 0;
    const y = b.get(k) ?? 0;
    if (x !== y) out.push(`${k} ${x}≠${y}`);
  }
  return out.sort();
}

interface AudienceJson {
  total: number;
  zones: { timeZone: string; readers: number }[];
  followAll: number;
  stories: { id: string; followers: number }[];
}

/** The admin API's answer, as counter names, to compare with a full count. */
export function answeredCounts(a: AudienceJson, full: Counts): string[] {
  const out: string[] = [];
  if (a.total !== (full.get('total') ?? 0)) out.push(`total ${a.total}≠${full.get('total') ?? 0}`);
  if (a.followAll !== (full.get('story:*') ?? 0)) out.push(`followAll ${a.followAll}≠${full.get('story:*') ?? 0}`);
  const zones = new Map(a.zones.map((z) => [`zone:${z.timeZone}`, z.readers]));
  const fullZones = new Map([...full].filter(([k]) => k.startsWith('zone:')));
  out.push(...differences(zones, fullZones));
  for (const s of a.stories) {
    const want = (full.get('story:*') ?? 0) + (full.get(`story:${s.id}`) ?? 0);
    if (s.followers !== want) out.push(`followers of ${s.id} ${s.followers}≠${want}`);
  }
  return out;
}

export interface JobJson {
  id: string;
  kind: string;
  progress: { targeted?: number; sent: number; skipped: { readers: number }[]; delivered: number; bounced: number };
}

/** The ledger's settled sends of a job (`JOB#<id>` / `TO#<subscriber>` with status SENT). */
export async function ledgerSends(doc: DynamoDBDocumentClient, tableName: string, jobId: string): Promise<number> {
  let n = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        ConsistentRead: true,
        ExclusiveStartKey,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :to)',
        ExpressionAttributeValues: { ':pk': `JOB#${jobId}`, ':to': 'TO#' },
      }),
    );
    n += (out.Items ?? []).filter((i) => i.status === 'SENT').length;
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return n;
}

/** Why a job's figures cannot be true (empty when they may be). */
export function whyFiguresWrong(job: JobJson, sends: number): string[] {
  const p = job.progress;
  const skipped = p.skipped.reduce((n, s) => n + s.readers, 0);
  const out: string[] = [];
  if (p.targeted !== undefined && p.sent + skipped > p.targeted) {
    out.push(`job ${job.kind} ${job.id}: sent ${p.sent} + skipped ${skipped} exceed targeted ${p.targeted}`);
  }
  if (p.sent > sends) out.push(`job ${job.kind} ${job.id}: sent ${p.sent} exceeds the ledger's ${sends} sends`);
  if (p.delivered + p.bounced > p.sent) {
    out.push(`job ${job.kind} ${job.id}: delivered ${p.delivered} + bounced ${p.bounced} exceed sent ${p.sent}`);
  }
  return out;
}
