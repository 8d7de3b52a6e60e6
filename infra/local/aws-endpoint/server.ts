import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { ServiceProtocol, AwsRequest, AwsResponse } from './types.ts';
import { ServiceError } from './types.ts';

/** The IAM decision the gateway asks for each call (the template's role policies, evaluated). */
export interface Authorizer {
  authorize(caller: string, action: string, resources: string[]): Promise<{ allowed: true } | { allowed: false; message: string }>;
}

export interface AwsGatewayOptions {
  port: number;
  /** Keyed by the service name in the SigV4 credential scope: dynamodb, ses, sqs, secretsmanager. */
  services: Record<string, ServiceProtocol>;
  iam: Authorizer;
  log?: (line: string) => void;
  /**
   * Milliseconds each allowed call waits before its emulator answers, by service (a bench's stand-in for AWS's
   * round trips: SES about 30 ms, DynamoDB about 5 ms). None by default: tests want the emulators' own speed.
   */
  latencyMs?: Partial<Record<string, number>>;
}

/** One call as it arrives, over HTTP or handed over in process: what the gateway reads of it. */
export interface AwsCall {
  method: string;
  /** Path and query string, as on the request line. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface AwsGateway {
  url: string;
  /** The same reading, IAM decision, logs and answer as an HTTP call, without the socket (see in-process.ts). */
  serve(call: AwsCall): Promise<AwsResponse>;
  /** Stops taking calls; resolves once those in flight are answered. */
  close(): Promise<void>;
}

/**
 * The one endpoint every local function's AWS SDK talks to (AWS_ENDPOINT_URL). It reads who signed the call
 * (the access key names the function, as a role's session credentials do on AWS), asks IAM whether that
 * function's role allows the action on the resources, answers AccessDenied in the service's own error shape
 * when not, and otherwise passes the call to the emulator behind it.
 */
export async function startAwsGateway(opts: AwsGatewayOptions): Promise<AwsGateway> {
  const log = opts.log ?? (() => {});
  const server: Server = createServer((req, res) => {
    readBody(req).then((body) => serveCall({ method: req.method ?? 'POST', path: req.url ?? '/', headers: passThroughHeaders(req), body }, opts, log)).then(
      (out) => { res.writeHead(out.status, { ...out.headers, 'x-amzn-requestid': out.headers['x-amzn-requestid'] ?? randomUUID() }); res.end(out.body); },
      (err) => { log(`aws gateway: ${(err as Error).message}`); res.writeHead(500, { 'content-type': 'application/json' }); res.end('{"__type":"InternalFailure","message":"local gateway error"}'); },
    );
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(opts.port, '127.0.0.1', () => resolve()); });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    serve: (call) => serveCall(call, opts, log).catch((err: unknown) => {
      log(`aws gateway: ${(err as Error).message}`);
      return { status: 500, headers: { 'content-type': 'application/json' }, body: '{"__type":"InternalFailure","message":"local gateway error"}' };
    }),
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeIdleConnections(); }),
  };
}

async function serveCall(call: AwsCall, opts: AwsGatewayOptions, log: (line: string) => void): Promise<AwsResponse> {
  const { body, headers } = call;
  const scope = signer(headers.authorization);
  const protocol = scope && opts.services[scope.service];
  if (!scope || !protocol) {
    return { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __type: 'MissingAuthenticationTokenException', message: `unsigned call or unknown service ${scope?.service ?? ''}`.trim() }) };
  }
  const request: AwsRequest = {
    caller: scope.accessKeyId, service: scope.service, region: scope.region, method: call.method, path: call.path,
    target: headers['x-amz-target'], contentType: headers['content-type'] ?? 'application/octet-stream', body, requestId: randomUUID(),
    headers: withoutHopByHop(headers),
  };
  try {
    const { action, resources } = protocol.authorization(request);
    const decision = await opts.iam.authorize(request.caller, action, resources);
    if (!decision.allowed) {
      log(JSON.stringify({ msg: 'AccessDenied', function: request.caller, action, resources }));
      return protocol.accessDenied(request, decision.message);
    }
    const latency = opts.latencyMs?.[scope.service];
    if (latency) await new Promise((r) => setTimeout(r, latency));
    return await protocol.serve(request);
  } catch (err) {
    if (err instanceof ServiceError) return protocol.badRequest(request, err.code, err.message);
    throw err;
  }
}

/** An HTTP request's headers, one value each. */
function passThroughHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/** The signed request's own headers, for the emulator behind (they check that a signature is there). */
export function withoutHopByHop(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'host' || k === 'content-length' || k === 'connection' || k === 'transfer-encoding') continue;
    out[k] = v;
  }
  return out;
}

/** `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, …`, read by position (every call passes here). */
function signer(authorization: string | undefined) {
  const at = authorization?.indexOf('Credential=') ?? -1;
  if (at < 0) return undefined;
  const end = authorization!.indexOf(',', at);
  const [accessKeyId, date, region, service, terminator] = authorization!.slice(at + 'Credential='.length, end < 0 ? undefined : end).trim().split('/');
  if (!accessKeyId || /\s/.test(accessKeyId) || !/^\d{8}$/.test(date ?? '') || !region || !service || terminator !== 'aws4_request') return undefined;
  return { accessKeyId, region, service };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
