/**
 * Starts (or checks and repairs) the readers' counters from a full count of the active readers: once on a table
 * that had readers before the counters existed; after that every write of a subscription keeps them.
 *
 *   npm run --silent recount-audience -- <TableName>            prints the count and how the counters differ
 *   npm run --silent recount-audience -- <TableName> --write    also replaces the counters with it
 */
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makeDynamoAudienceStore, replaceAudience } from '#adapters/dynamodb/audience-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { countAudience } from '#core/audience-recount.ts';

/** Counter names whose kept value differs from the full count, with both values. */
export function differences(kept: ReadonlyMap<string, number>, full: ReadonlyMap<string, number>) {
  const names = new Set([...kept.keys(), ...full.keys()]);
  return [...names]
    .sort()
    .map((name) => ({ name, kept: kept.get(name) ?? 0, full: full.get(name) ?? 0 }))
    .filter((d) => d.kept !== d.full);
}

async function main(): Promise<void> {
  const [tableName, flag] = process.argv.slice(2);
  if (!tableName)
    throw new Error('give the TableName output of DatewatchStateful (and --write to replace the counters)');
  const doc = makeDocumentClient({
    region: process.env.AWS_REGION ?? 'us-east-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
  });
  const full = await countAudience(makeDynamoSubscriberStore(doc, tableName));
  const diff = differences(await makeDynamoAudienceStore(doc, tableName).counters(), full);
  console.log(`${full.get('total') ?? 0} active readers; ${diff.length} counter(s) differ`);
  for (const d of diff) console.log(`  ${d.name}: kept ${d.kept}, counted ${d.full}`);
  if (flag === '--write' && diff.length) {
    await replaceAudience(doc, tableName, full);
    console.log('the counters now hold the full count');
  }
}

if (process.argv[1]?.endsWith('recount-audience.ts')) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
