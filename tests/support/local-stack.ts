import { freePort } from './dynalite.ts';
import { leaseEmulator } from './emulator-pool.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#local/stack.ts';

export interface TestStackOptions extends Partial<LocalStackOptions> {
  /**
   * Start a dynalite and an SES emulator of its own, as `npm start` does, and stop them on close, instead of
   * leasing empty ones from the worker's pool (tests/support/emulator-pool.ts). Implied by a dataDir (dynalite
   * on disk there).
   */
  ownEmulators?: boolean;
}

/**
 * The whole local stack on free ports, in memory, on a manual clock unless told otherwise. Its dynalite (empty) and
 * SES emulator (empty store) come from the worker's pool; closing the stack empties them and gives them back.
 */
export async function startTestStack({ ownEmulators, ...options }: TestStackOptions = {}): Promise<LocalStack> {
  const own = ownEmulators || options.dataDir !== undefined;
  // A free port can be taken by another process between freePort() and listen() (several suites on one machine):
  // the stack closes what it started, and we try again on new ports.
  for (let attempt = 1; ; attempt++) {
    const leased = own ? [] : await Promise.allSettled([leaseEmulator('dynalite'), leaseEmulator('ses')]);
    const [dynamo, ses] = leased.map((l) => (l.status === 'fulfilled' ? l.value : undefined));
    const failed = leased.find((l) => l.status === 'rejected');
    if (failed) {
      await Promise.all([dynamo?.close(), ses?.close()]);
      throw (failed as PromiseRejectedResult).reason;
    }
    try {
      return await startLocalStack({
        port: await freePort(),
        sesPort: ses?.port ?? await freePort(),
        dynamoPort: dynamo?.port ?? await freePort(),
        clockMode: 'manual',
        context: { sendRatePerSecond: '1000', maxSendRate: '100000' },
        ...(dynamo && ses ? { emulators: { dynamo, ses } } : {}),
        ...options,
      });
    } catch (err) {
      const taken = (err as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test(String(err));
      if (attempt >= 3 || !taken) throw err;
    }
  }
}

export async function api(stack: LocalStack, method: string, path: string, init: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${stack.apiUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}
