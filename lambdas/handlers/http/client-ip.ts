import { timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '#core/errors.ts';
import { header, sourceIp } from './request.ts';
import type { HttpEvent } from './types.ts';

/** What proves a request came through our CloudFront distribution: the header it adds, and the secret value. */
export interface EdgeTrust {
  header: string;
  value: string;
}

/**
 * The client's address for limits and the consent record. Behind CloudFront, the API sees CloudFront's address;
 * the viewer's is in CloudFront-Viewer-Address ("ip:port"), believed only with CloudFront's secret header, since a
 * direct caller could send any CloudFront-Viewer-Address of its own.
 */
export function clientIp(e: HttpEvent, edge: EdgeTrust | undefined): string {
  if (!edge || !cameThroughEdge(e, edge)) return sourceIp(e);
  const viewer = header(e, 'cloudfront-viewer-address')?.trim();
  const ip = viewer?.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return ip ? ip : sourceIp(e);
}

/** Whether the request carries CloudFront's secret origin header. */
export function cameThroughEdge(e: HttpEvent, edge: EdgeTrust): boolean {
  const proof = Buffer.from(header(e, edge.header) ?? '');
  const expected = Buffer.from(edge.value);
  return proof.length === expected.length && timingSafeEqual(proof, expected);
}

/**
 * With the edge on, every route refuses a request that did not come through it: the API's own execute-api
 * endpoint stays reachable (disabling it needs a custom domain as CloudFront's origin), so this is what keeps
 * AWS WAF from being walked around.
 */
export function requireEdge(edge: EdgeTrust | undefined): (e: HttpEvent) => void {
  return (e) => {
    if (edge && !cameThroughEdge(e, edge)) throw new ForbiddenError("call the service at its public address (the ReaderUrl output); the API's own endpoint refuses direct calls");
  };
}
