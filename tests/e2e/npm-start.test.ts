import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/free-port.ts';

const run = promisify(execFile);
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

let child: ChildProcess;
let output = '';
let env: NodeJS.ProcessEnv;
let dataDir: string;

const listening = (port: number) => new Promise<boolean>((resolve) => {
  const s = connect(port, '127.0.0.1');
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'datewatch-start-'));
  env = { ...process.env, PORT: String(await freePort()), SES_PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), DATA_DIR: dataDir, CLOCK: 'manual' };
  child = spawn(tsx, ['infra/local/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const deadline = Date.now() + 240_000; // a hang guard: at load 18 it printed nothing in 60 s
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stopStack();
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
});

/** Stops the stack as a user does (Ctrl-C lets start.ts stop the emulators it started); SIGKILL only if that hangs. */
async function stopStack(): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  const hung = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 20_000))]);
  if (hung) child.kill('SIGKILL');
}

afterAll(async () => {
  await stopStack();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('the start command, as a newcomer runs it', () => {
  it('prints the local URLs and serves the story with the demo reader seeded', async () => {
    expect(output).toContain(`API + subscribe page  http://127.0.0.1:${env.PORT}/`);
    expect(output).toContain(`SES inbox             http://127.0.0.1:${env.SES_PORT}/`);
    expect(output).toContain(`editors' console      http://127.0.0.1:${env.PORT}/console`);
    for (const path of ['/stories/abe-putin-lima-2016', '/console', '/openapi.json']) {
      expect((await fetch(`http://127.0.0.1:${env.PORT}${path}`)).status, path).toBe(200);
    }
    expect(output).toMatch(/demo reader reader@example.com \(Asia\/Tokyo\) is active/);
    const events = await (await fetch(`http://127.0.0.1:${env.PORT}/events`)).json() as { events: unknown[] };
    expect(events.events).toHaveLength(3);
    expect((await fetch(`http://127.0.0.1:${env.SES_PORT}/`)).status).toBe(200);
  });

  it('accepts the token that admin-token prints', async () => {
    const { stdout } = await run(tsx, ['infra/local/admin-token.ts'], { env });
    const res = await fetch(`http://127.0.0.1:${env.PORT}/admin/events`, { headers: { authorization: `Bearer ${stdout.trim()}` } });
    expect(res.status).toBe(200);
  });

  it('dispatch moves the manual clock, and returns once the mail is processed', async () => {
    const { stdout } = await run(tsx, ['infra/local/dispatch.ts', '--at', '2016-11-26T08:00:00+09:00'], { env });
    expect(JSON.parse(stdout)).toMatchObject({ to: '2016-11-25T23:00:00.000Z', recipients: 1, deliveries: 1 });
    const store = await (await fetch(`http://127.0.0.1:${env.SES_PORT}/store`)).json() as { emails: { subject: string }[] };
    expect(store.emails.map((e) => e.subject)).toContain('In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov');
    const back = await run(tsx, ['infra/local/dispatch.ts', '--at', '2016-11-20T08:00:00+09:00'], { env }).catch((e) => e);
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/does not go back/);
  });

  it('stops everything it started on Ctrl-C and keeps the data for the next run', async () => {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    expect(await listening(Number(env.PORT))).toBe(false);
    expect(await listening(Number(env.SES_PORT))).toBe(false);
    expect(await listening(Number(env.DYNAMODB_PORT))).toBe(false);
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(true);
    expect(existsSync(join(dataDir, 'outbox'))).toBe(true);
  });
});
