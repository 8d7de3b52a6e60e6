import { BASE_CSP } from '#core/pages/layout.ts';
import type { HttpResult } from './types.ts';

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': BASE_CSP,
      ...securityHeaders,
      ...headers,
    },
    body,
  };
}

export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': contentType, ...securityHeaders, ...headers }, body };
}

/** A permanent redirect (308: the method and body stay) to a path of this origin. */
export const redirect = (location: string): HttpResult =>
  ({ statusCode: 308, headers: { location, 'cache-control': 'no-cache', ...securityHeaders }, body: '' });

export const noContent = (): HttpResult => ({ statusCode: 204, headers: { ...securityHeaders }, body: '' });
