import { freePort } from './dynalite.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#local/stack.ts';

/** The whole local stack on free ports, in memory, on a manual clock unless told otherwise. */
export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  // A free port can be taken by another process between freePort() and listen() (several suites on one machine):
  // the stack closes what it started, and we try again on new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startLocalStack({
        port: await freePort(),
        sesPort: await freePort(),
        dynamoPort: await freePort(),
        clockMode: 'manual',
        context: { sendRatePerSecond: '1000', maxSendRate: '100000' },
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
