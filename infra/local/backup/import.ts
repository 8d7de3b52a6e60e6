/**
 * `npm run import -- --in backup.jsonl`: writes a backup made by `npm run export` into the local stack's table
 * (dynalite on DYNAMODB_PORT, default 8000; created if missing), then counts the table by item type and
 * compares with the counts in the file. Exits non-zero when they differ.
 */
import { parseArgs } from 'node:util';
import { formatCounts, importTable, localEndpoint } from './table-backup.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { in: { type: 'string' } } });
if (!values.in) {
  console.error('usage: npm run import -- --in <file.jsonl>   (writes into dynalite on DYNAMODB_PORT, default 8000)');
  process.exit(2);
}
try {
  const { endpoint, tableName } = await localEndpoint();
  const result = await importTable({ endpoint, tableName, file: values.in });
  console.log(`imported ${result.written} of ${result.header.items} items from ${values.in} (exported ${result.header.exportedAt}) into ${tableName} at ${endpoint}`);
  console.log(formatCounts({ 'in the backup': result.header.counts, 'in the table now': result.counts }));
  console.log(result.equal ? 'every count is equal' : 'COUNTS DIFFER: the table held other items before the import, or some were not written');
  process.exit(result.equal ? 0 : 1);
} catch (err) {
  console.error(`import failed: ${(err as Error).message}`);
  process.exit(1);
}
