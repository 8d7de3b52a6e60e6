import { makeSesClient } from '#adapters/ses/mailer.ts';
import { startSesEmulator } from '#local/ses-emulator.ts';
import { freePort, startTestTable, type TestTable } from './dynalite.ts';

/** dynalite with the table, and the SES emulator, for tests that wire the use cases in process (no local stack). */
export interface TableAndSes {
  table: TestTable;
  sesPort: number;
  /** An SES client on the emulator (what `makeSesMailer` takes). */
  sesClient: ReturnType<typeof makeSesClient>;
  close(): Promise<void>;
}

/**
 * Starts both emulators side by side (each is a process of its own, so their start-ups overlap), and closes
 * whichever started if the other fails.
 */
export async function startTableAndSes(): Promise<TableAndSes> {
  const sesPort = await freePort();
  const [table, ses] = await Promise.allSettled([startTestTable(), startSesEmulator({ port: sesPort })]);
  if (table.status === 'rejected' || ses.status === 'rejected') {
    if (table.status === 'fulfilled') await table.value.close();
    if (ses.status === 'fulfilled') await ses.value.close();
    throw table.status === 'rejected' ? table.reason : (ses as PromiseRejectedResult).reason;
  }
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
