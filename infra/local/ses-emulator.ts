import { createRequire } from 'node:module';
import { startChildServer, type ChildServer } from './child-server.ts';

const require = createRequire(import.meta.url);

/** aws-ses-v2-local: SES's API, with an inbox page at its root and the messages at GET /store. */
export function startSesEmulator({ port }: { port: number }): Promise<ChildServer> {
  const cli = require.resolve('aws-ses-v2-local/dist/cli.js');
  return startChildServer('aws-ses-v2-local', cli, ['--port', String(port), '--host', '127.0.0.1'], port);
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments?: { content: string; contentType: string; filename?: string; size?: number }[];
  at: number;
}

export async function readSesStore(port: number): Promise<StoredEmail[]> {
  const res = await fetch(`http://127.0.0.1:${port}/store`);
  if (!res.ok) throw new Error(`SES emulator store answered ${res.status}`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

export async function clearSesStore(port: number): Promise<void> {
  await fetch(`http://127.0.0.1:${port}/clear-store`, { method: 'POST' });
}
