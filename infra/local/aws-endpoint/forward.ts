import { Agent, request } from 'node:http';
import type { AwsRequest, AwsResponse } from './types.ts';

// Kept-alive connections to the emulators: the gateway is on every call's path, so it must add little.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

// Each emulator's URL, parsed once (every call of the stack passes here).
const targets = new Map<string, URL>();

/** Passes the request through as it came (the emulators check that a signature is there, not what it is). */
export function forward(url: string, req: AwsRequest): Promise<AwsResponse> {
  let target = targets.get(url);
  if (!target) targets.set(url, target = new URL(url));
  const { hostname, port } = target;
  return new Promise((resolve, reject) => {
    const out = request({
      host: hostname, port, path: '/', method: 'POST', agent,
      headers: { ...req.headers, 'content-length': String(req.body.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(',') : v;
        resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}
