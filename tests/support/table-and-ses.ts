import { makeSesClient } from '#adapters/ses/mailer.ts';
import { startTestTable, type TestTable } from './dynalite.ts';
import { leaseEmulator } from './emulator-pool.ts';

/** dynalite with the table, and the SES emulator, for tests that wire the use cases in process (no local stack). */
export interface TableAndSes {
  table: TestTable;
  sesPort: number;
  /** An SES client on the emulator (what `makeSesMailer` takes). */
  sesClient: ReturnType<typeof makeSesClient>;
  close(): Promise<void>;
}

/**
 * Both emulators from the worker's pool (empty; a process of its own each, started side by side when none is idle),
 * and gives back whichever it got if the other fails.
 */
export async function startTableAndSes(): Promise<TableAndSes> {
  const [table, ses] = await Promise.allSettled([startTestTable(), leaseEmulator('ses')]);
  if (table.status === 'rejected' || ses.status === 'rejected') {
    if (table.status === 'fulfilled') await table.value.close();
    if (ses.status === 'fulfilled') await ses.value.close();
    throw table.status === 'rejected' ? table.reason : (ses as PromiseRejectedResult).reason;
  }
  const sesPort = ses.value.port;
  const sesClient = makeSesClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${sesPort}` });
  return {
    table: table.value,
    sesPort,
    sesClient,
    async close() {
      sesClient.destroy();
      await Promise.all([ses.value.close(), table.value.close()]);
    },
  };
}
