/** One AWS call as the gateway sees it: who signed it, which service, and the raw request. */
export interface AwsRequest {
  /** The access key id: on one machine, the calling function's logical id. */
  caller: string;
  service: string;
  region: string;
  /** The HTTP method and path: REST services (SESv2) name the operation there. */
  method: string;
  path: string;
  target?: string;
  contentType: string;
  body: Buffer;
  requestId: string;
  /** The request's headers, signature included, passed on to the emulator. */
  headers: Record<string, string>;
}

export interface AwsResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What IAM is asked: one action on each of these resources, all of which must be allowed. */
export interface Authorization {
  action: string;
  resources: string[];
}

/** One AWS service's protocol: how to read the action and resources, how to say no, and who answers. */
export interface ServiceProtocol {
  authorization(req: AwsRequest): Authorization;
  accessDenied(req: AwsRequest, message: string): AwsResponse;
  /** A request the gateway cannot read (malformed, unsupported action). */
  badRequest(req: AwsRequest, code: string, message: string): AwsResponse;
  serve(req: AwsRequest): Promise<AwsResponse>;
}

/** Thrown by a protocol's `authorization` or `serve` to answer the service's own client error. */
export class ServiceError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

export const ACCOUNT_ID = '000000000000';
