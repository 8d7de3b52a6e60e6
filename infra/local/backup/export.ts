/**
 * `npm run export -- --out backup.jsonl`: writes every item of the running local stack's table (dynalite on
 * DYNAMODB_PORT, default 8000; table TABLE_NAME, default the only table there) to a JSON-lines file and prints the counts.
 */
import { parseArgs } from 'node:util';
import { exportTable, formatCounts, localEndpoint } from './table-backup.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('usage: npm run export -- --out <file.jsonl>   (reads dynalite on DYNAMODB_PORT, default 8000)');
  process.exit(2);
}
try {
  const { endpoint, tableName } = await localEndpoint();
  const header = await exportTable({ endpoint, tableName, file: values.out });
  console.log(`exported ${header.items} items of table ${tableName} at ${endpoint} to ${values.out}`);
  console.log(formatCounts({ exported: header.counts }));
} catch (err) {
  console.error(`export failed: ${(err as Error).message}${/ECONNREFUSED/.test(String((err as Error).message ?? err)) ? ' (is the local stack running? start it with npm start)' : ''}`);
  process.exit(1);
}
