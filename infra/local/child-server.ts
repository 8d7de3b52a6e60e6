import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface ChildServer {
  port: number;
  pid: number;
  close(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => { for (const c of children) c.kill('SIGTERM'); });

/**
 * Runs a local emulator as its own node process (its CPU and memory stay apart from ours, as on AWS) and
 * resolves once its port accepts connections.
 */
export async function startChildServer(name: string, script: string, args: string[], port: number): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening on ${port}: ${stderr.trim()}`))));
  // A hang guard: at load 18 (2026-12-08) aws-ses-v2-local once took over 15 s to listen.
  await Promise.race([waitForPort(port, 60_000, name), exited]);
  child.removeAllListeners('exit');
  return {
    port,
    pid: child.pid!,
    close: () => new Promise<void>((resolve) => {
      children.delete(child);
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

async function waitForPort(port: number, timeoutMs: number, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`);
    // A refused connect costs next to nothing: asking often lets the stack go on as soon as the child listens.
    await new Promise((r) => setTimeout(r, 10));
  }
}
