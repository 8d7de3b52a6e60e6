import { Readable } from 'node:stream';
import type { AwsCall } from './server.ts';
import type { AwsResponse } from './types.ts';

/** The part of an SDK request the gateway reads (Smithy's HttpRequest, after the signer ran). */
interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * An AWS SDK request handler that hands each signed call to the local gateway in this process: the gateway
 * reads it, asks IAM and logs exactly as for a call over HTTP, then answers from its emulator. Every local
 * function's SDK clients use it, so a call costs no socket, no HTTP parse and no serialisation in between; the
 * gateway's own connections to the emulators stay kept alive. Until `attach`, calls fail: the stack builds the
 * functions before the gateway that serves them is started.
 */
export function makeInProcessHandler() {
  let serve: ((call: AwsCall) => Promise<AwsResponse>) | undefined;
  const handler = {
    async handle(request: SdkRequest, options?: { abortSignal?: { aborted: boolean } }) {
      if (!serve) throw new Error('the local AWS gateway is not started yet');
      if (options?.abortSignal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
      const answer = await serve({ method: request.method, path: request.path + queryString(request.query), headers, body: await bodyOf(request.body) });
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
      // The body as bytes, not a stream: the SDK's deserializers collect any body into bytes first, and take bytes
      // as they are (no stream to create and drain per call). No call of ours has a streaming output.
      return { response: { statusCode: answer.status, reason: undefined, headers: { ...answer.headers, 'content-length': String(body.length) }, body } };
    },
    // What the SDK asks of any request handler; there is no connection to configure.
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  return {
    handler,
    attach(gateway: { serve(call: AwsCall): Promise<AwsResponse> }) { serve = (call) => gateway.serve(call); },
    /**
     * Once the stack closes, a call still under way (a queue's retry timer, a drain that gave up) is refused, as a
     * closed gateway's socket would refuse it: it never reaches emulators that the next stack may already use.
     */
    detach() {
      serve = () => Promise.reject(new Error('the local AWS gateway is closed'));
    },
  };
}

export type InProcessHandler = ReturnType<typeof makeInProcessHandler>['handler'];

/** The query as the SDK's HTTP handler writes it on the request line. */
function queryString(query: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === null) { parts.push(encodeURIComponent(k)); continue; }
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(one)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

async function bodyOf(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks);
  }
  throw new Error(`the local AWS gateway cannot read a request body of type ${typeof body}`);
}
