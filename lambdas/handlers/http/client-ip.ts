import { timingSafeEqual } from 'node:crypto';
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
  if (!edge) return sourceIp(e);
  const proof = Buffer.from(header(e, edge.header) ?? '');
  const expected = Buffer.from(edge.value);
  if (proof.length !== expected.length || !timingSafeEqual(proof, expected)) return sourceIp(e);
  const viewer = header(e, 'cloudfront-viewer-address')?.trim();
  const ip = viewer?.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return ip ? ip : sourceIp(e);
}
