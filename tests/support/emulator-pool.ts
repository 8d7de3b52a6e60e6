/**
 * dynalite and SES emulator processes kept for the test files of one worker, so that each local stack or test
 * table does not pay two node start-ups (about 0.8 CPU s each). A lease hands out an idle emulator (or starts one);
 * giving it back empties it first, so the next user finds what a fresh process would have: no table in dynalite,
 * no message in the SES store. A lease is for one user at a time; nothing is shared while in use.
 * The processes end with the worker (their stdin is a pipe from it; see emulator-child.cjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { waitForPort } from '#local/child-server.ts';
import { freePort } from '#local/free-port.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';

export type EmulatorKind = 'dynalite' | 'ses';

/** An emulator on `port`, yours until `close()`, which empties it and puts it back for the next lease. */
export interface EmulatorLease {
  port: number;
  pid: number;
  close(): Promise<void>;
}

interface Pooled {
  kind: EmulatorKind;
  port: number;
  child: ChildProcess;
  dynamo?: DynamoDBClient;
}

const require = createRequire(import.meta.url);
const CHILD = fileURLToPath(new URL('./emulator-child.cjs', import.meta.url));
const idle: Record<EmulatorKind, Pooled[]> = { dynalite: [], ses: [] };

/** The same command lines as infra/local/dynalite.ts and ses-emulator.ts start (tables ready at once, in memory). */
function commandOf(kind: EmulatorKind, port: number): string[] {
  return kind === 'dynalite'
    ? [require.resolve('dynalite/cli.js'), '--port', String(port), '--host', '127.0.0.1',
      '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0']
    : [require.resolve('aws-ses-v2-local/dist/cli.js'), '--port', String(port), '--host', '127.0.0.1'];
}

/** An emulator of `kind` from the pool, or a new one when none is idle. */
export async function leaseEmulator(kind: EmulatorKind): Promise<EmulatorLease> {
  let pooled = idle[kind].pop();
  while (pooled && pooled.child.exitCode !== null) pooled = idle[kind].pop();
  pooled ??= await startPooled(kind);
  const lease = pooled;
  let returned = false;
  return {
    port: lease.port,
    pid: lease.child.pid!,
    async close() {
      if (returned) return;
      returned = true;
      try {
        await empty(lease);
        idle[kind].push(lease);
      } catch {
        // Not known to be empty: it serves no one else.
        await stop(lease);
      }
    },
  };
}

async function startPooled(kind: EmulatorKind): Promise<Pooled> {
  // A free port can be taken by another process before the child listens (several suites on one machine).
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [CHILD, ...commandOf(kind, port)], { stdio: ['pipe', 'ignore', 'pipe'] });
    // The child must not keep the worker alive, nor its pipes.
    child.unref();
    for (const stream of [child.stdin, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    let stderr = '';
    child.stderr?.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    const exited = new Promise<false>((resolve) => child.once('exit', () => resolve(false)));
    const listening = await Promise.race([waitForPort(port, 60_000, kind), exited]);
    if (listening) {
      const pooled: Pooled = { kind, port, child };
      if (kind === 'dynalite') {
        pooled.dynamo = new DynamoDBClient({
          region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        });
      }
      return pooled;
    }
    child.kill('SIGTERM');
    if (attempt >= 3 || !/EADDRINUSE/.test(stderr)) {
      throw new Error(`${kind} exited before listening on ${port}: ${stderr.trim()}`);
    }
  }
}

/** Back to what a fresh process holds: dynalite without tables, the SES store without messages. */
async function empty(pooled: Pooled): Promise<void> {
  if (pooled.child.exitCode !== null) throw new Error(`${pooled.kind} on ${pooled.port} has exited`);
  if (pooled.kind === 'ses') {
    await clearSesStore(pooled.port);
    if ((await readSesStore(pooled.port)).length) throw new Error('the SES store kept messages');
    return;
  }
  const dynamo = pooled.dynamo!;
  const tables = async () => (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
  await Promise.all((await tables()).map((name) => dynamo.send(new DeleteTableCommand({ TableName: name }))
    .catch((err: { name?: string }) => { if (err.name !== 'ResourceNotFoundException') throw err; })));
  // dynalite drops a table asynchronously (DELETING, as DynamoDB does): wait until none is listed.
  for (let waited = 0; (await tables()).length; waited += 10) {
    if (waited > 30_000) throw new Error(`dynalite on ${pooled.port} still lists tables 30 s after DeleteTable`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function stop(pooled: Pooled): Promise<void> {
  pooled.dynamo?.destroy();
  return new Promise<void>((resolve) => {
    if (pooled.child.exitCode !== null) return resolve();
    pooled.child.once('exit', () => resolve());
    pooled.child.kill('SIGTERM');
  });
}

