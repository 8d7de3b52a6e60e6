import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forward } from '#local/aws-endpoint/forward.ts';
import { forwardInThread } from '#local/aws-endpoint/forward-thread.ts';
import type { AwsRequest } from '#local/aws-endpoint/types.ts';
import { freePort } from '../support/dynalite.ts';

/**
 * The gateway's HTTP client in its own thread (forward-thread.ts) must pass a call to an emulator and its answer
 * back exactly as forward.ts does in the gateway's thread: the same request seen, the same status, headers and
 * bytes returned, and a connection failure as a rejection.
 */
const JSON_1_0 = 'application/x-amz-json-1.0';
let server: Server;
let url: string;
const seen: { method?: string; url?: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  const port = await freePort();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(body.includes('fail') ? 400 : 200, { 'content-type': JSON_1_0, 'x-amzn-requestid': 'r-1' });
      res.end(JSON.stringify({ echoed: body, bytes: Buffer.byteLength(body) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => { await new Promise((r) => server?.close(r)); });

const call = (body: string): AwsRequest => ({
  caller: 'Reader', service: 'dynamodb', region: 'us-east-1', method: 'POST', path: '/', contentType: JSON_1_0,
  target: 'DynamoDB_20120810.GetItem', requestId: 'q-1', body: Buffer.from(body, 'utf8'),
  headers: {
    'content-type': JSON_1_0, 'x-amz-target': 'DynamoDB_20120810.GetItem',
    authorization: 'AWS4-HMAC-SHA256 Credential=Reader/20161125/us-east-1/dynamodb/aws4_request',
  },
});

describe('the gateway forwarding in a thread of its own', () => {
  it('passes the call and its answer as forward() does', async () => {
    // A body sliced out of a larger buffer (as Buffers from a pool are): only its own bytes go.
    const pooled = Buffer.from(`xxxx{"TableName":"t","Key":{"pk":{"S":"ü"}}}yyyy`, 'utf8');
    const req = call('');
    req.body = pooled.subarray(4, pooled.length - 4);
    const [inThread, direct] = [await forwardInThread(url, req), await forward(url, req)];
    // The same answer but for the second in which the server wrote each.
    const undated = (a: typeof direct) => ({ ...a, headers: { ...a.headers, date: 'the second' } });
    expect(undated(inThread)).toEqual(undated(direct));
    expect(inThread.status).toBe(200);
    expect(inThread.headers).toMatchObject({ 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'r-1' });
    expect(inThread.headers).not.toHaveProperty('content-length');
    const echoed = '{"TableName":"t","Key":{"pk":{"S":"ü"}}}';
    expect(JSON.parse(inThread.body.toString())).toEqual({ echoed, bytes: Buffer.byteLength(echoed) });
    expect(Buffer.byteLength(echoed)).toBe(41);
    const [a, b] = seen.slice(-2);
    expect(a).toEqual(b);
    expect(a!.headers).toMatchObject({ 'x-amz-target': 'DynamoDB_20120810.GetItem', 'content-length': '41' });
  });

  it('answers many calls at once, each with its own answer', async () => {
    const bodies = Array.from({ length: 100 }, (_, i) => `{"n":${i}${i % 7 === 0 ? ',"fail":1' : ''}}`);
    const answers = await Promise.all(bodies.map((b) => forwardInThread(url, call(b))));
    expect(answers.map((a) => JSON.parse(a.body.toString()).echoed)).toEqual(bodies);
    expect(answers.map((a) => a.status)).toEqual(bodies.map((b) => (b.includes('fail') ? 400 : 200)));
  });

  it('rejects a call the client cannot write, as forward() does, and goes on with the next', async () => {
    const bad = { ...call('{}'), headers: { ...call('{}').headers, 'x-bad': 'a\nb' } };
    await expect(forward(url, bad)).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    await expect(forwardInThread(url, bad)).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect((await forwardInThread(url, call('{"after":1}'))).status).toBe(200);
  });

  it('rejects when the emulator cannot be reached, as forward() does', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(forward(closed, call('{}'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(forwardInThread(closed, call('{}'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
