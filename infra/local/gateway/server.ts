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

export interface AwsGateway {
  url: string;
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
    handle(req, opts, log).then(
      (out) => { res.writeHead(out.status, { ...out.headers, 'x-amzn-requestid': out.headers['x-amzn-requestid'] ?? randomUUID() }); res.end(out.body); },
      (err) => { log(`aws gateway: ${(err as Error).message}`); res.writeHead(500, { 'content-type': 'application/json' }); res.end('{"__type":"InternalFailure","message":"local gateway error"}'); },
    );
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(opts.port, '127.0.0.1', () => resolve()); });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeIdleConnections(); }),
  };
}

async function handle(req: IncomingMessage, opts: AwsGatewayOptions, log: (line: string) => void): Promise<AwsResponse> {
  const body = await readBody(req);
  const scope = signer(req.headers.authorization);
  const protocol = scope && opts.services[scope.service];
  if (!scope || !protocol) {
    return { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __type: 'MissingAuthenticationTokenException', message: `unsigned call or unknown service ${scope?.service ?? ''}`.trim() }) };
  }
  const request: AwsRequest = {
    caller: scope.accessKeyId, service: scope.service, region: scope.region, method: req.method ?? 'POST', path: req.url ?? '/',
    target: header(req, 'x-amz-target'), contentType: header(req, 'content-type') ?? 'application/octet-stream', body, requestId: randomUUID(),
    headers: passThroughHeaders(req),
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

/** The signed request's own headers, for the emulator behind (they check that a signature is there). */
function passThroughHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'host' || k === 'content-length' || k === 'connection' || k === 'transfer-encoding') continue;
    out[k] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

/** `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, …` */
function signer(authorization: string | undefined) {
  const m = /Credential=([^/\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m ? { accessKeyId: m[1]!, region: m[2]!, service: m[3]! } : undefined;
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
