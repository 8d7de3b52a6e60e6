import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface ChildServer {
  port: number;
  pid: number;
  close(): Promise<void>;
}

const children = new Set<ChildProcess>();
/**
 * How long an emulator may take to listen. It normally listens within a second; the limit only ends a wait for a
 * child that will never listen, so it is generous (a 2-core machine at load 30 took over 15 s).
 */
const START_LIMIT_MS = 60_000;
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
  await Promise.race([waitForPort(port, START_LIMIT_MS, name), exited]);
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

/** Resolves true once something listens on `port` (asking every 10 ms); throws after `timeoutMs`, naming `name`. */
export async function waitForPort(port: number, timeoutMs: number, name: string): Promise<true> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return true;
    if (Date.now() > deadline) throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`);
    // A refused connect costs next to nothing: asking often lets the stack go on as soon as the child listens.
    await new Promise((r) => setTimeout(r, 10));
  }
}
