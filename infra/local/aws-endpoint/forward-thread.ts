import { Worker } from 'node:worker_threads';
import type { AwsRequest, AwsResponse } from './types.ts';

/**
 * The HTTP client to an emulator (forward.ts's), in a worker thread of its own: it writes the call, reads the
 * answer and keeps the connections alive, and this thread only passes the bytes over and back. On this two-core
 * machine the gateway's client side was about a tenth of the CPU of the thread that also runs the HTTP API and
 * every function; in a thread of its own it runs on the other core, beside the emulators. It stands for the
 * network between a function and AWS, so nothing a function does moves. Plain JavaScript, evaluated as is, so
 * it runs the same under tsx, vitest and node.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);
const failed = (id, err) =>
  parentPort.postMessage({ id, error: { message: err.message, code: err.code, name: err.name } });
parentPort.on('message', ({ id, host, port, headers, body }) => {
  // A request the client refuses (a header it cannot write) fails that call, as forward() rejects it, not the thread.
  try {
    const sent = { ...headers, 'content-length': String(body.byteLength) };
    const out = request({ host, port, path: '/', method: 'POST', agent, headers: sent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const kept = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined && !HOP_BY_HOP.has(k)) kept[k] = Array.isArray(v) ? v.join(',') : v;
        }
        // A copy of the bytes alone (a small Buffer is a view of a shared pool), handed over rather than cloned.
        const whole = Buffer.concat(chunks);
        const answer = new Uint8Array(whole.byteLength);
        answer.set(whole);
        parentPort.postMessage({ id, status: res.statusCode ?? 502, headers: kept, body: answer }, [answer.buffer]);
      });
      res.on('error', (err) => failed(id, err));
    });
    out.on('error', (err) => failed(id, err));
    out.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  } catch (err) {
    failed(id, err);
  }
});
`;

interface Answer {
  id: number;
  status?: number;
  headers?: Record<string, string>;
  body?: Uint8Array;
  error?: { message: string; code?: string; name?: string };
}

/** The forwarding thread and the calls waiting for its answers: each thread its own, so a lost one fails only its. */
interface Forwarder { worker: Worker; pending: Map<number, { resolve(r: AwsResponse): void; reject(e: Error): void }> }

let current: Forwarder | undefined;
let nextId = 0;
const targets = new Map<string, URL>();

function thread(): Forwarder {
  if (current) return current;
  const started: Forwarder = { worker: new Worker(SOURCE, { eval: true }), pending: new Map() };
  const { worker, pending } = started;
  // It holds the process open only while a call is waiting for its answer (see forwardInThread).
  worker.unref();
  worker.on('message', (a: Answer) => {
    const call = pending.get(a.id);
    if (!call) return;
    pending.delete(a.id);
    if (pending.size === 0) worker.unref();
    if (a.error) {
      call.reject(Object.assign(new Error(a.error.message), { code: a.error.code, name: a.error.name ?? 'Error' }));
      return;
    }
    const body = Buffer.from(a.body!.buffer, a.body!.byteOffset, a.body!.byteLength);
    call.resolve({ status: a.status!, headers: a.headers!, body });
  });
  // A thread that fails ('error', then 'exit') fails the calls it held; the next call starts a new one.
  const lost = (err: Error) => {
    if (current === started) current = undefined;
    for (const call of pending.values()) call.reject(err);
    pending.clear();
    worker.unref();
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`the gateway's forwarding thread exited (${code})`)));
  current = started;
  return started;
}

/** forward(url, req) with the HTTP client in the forwarding thread: the same request, the same answer. */
export function forwardInThread(url: string, req: AwsRequest): Promise<AwsResponse> {
  const target = targets.get(url) ?? targets.set(url, new URL(url)).get(url)!;
  const { worker, pending } = thread();
  const id = nextId++;
  if (pending.size === 0) worker.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // The body's own bytes (a Buffer may be a view of a larger pool), handed over rather than cloned.
    const body = new Uint8Array(req.body.byteLength);
    body.set(req.body);
    worker.postMessage({ id, host: target.hostname, port: target.port, headers: req.headers, body }, [body.buffer]);
  });
}
