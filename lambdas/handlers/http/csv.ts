import { PayloadTooLargeError, UnsupportedMediaTypeError } from '#core/errors.ts';
import { header } from './request.ts';
import { text } from './responses.ts';
import type { HttpEvent, HttpResult } from './types.ts';

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain']);

/**
 * A CSV upload's bytes, for the one route that takes more than the usual small JSON body (request.ts's limit):
 * text/csv (or text/plain) in UTF-8, at most `maxBytes`. Decoding is the importer's (it reports bad UTF-8).
 */
export function csvBodyBytes(event: HttpEvent, maxBytes: number): Uint8Array {
  const [type, ...params] = (header(event, 'content-type') ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (!CSV_TYPES.has(type ?? '')) throw new UnsupportedMediaTypeError('send the readers as text/csv (UTF-8)');
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedMediaTypeError('send the CSV as UTF-8 (charset=utf-8)');
  if (!event.body) return new Uint8Array();
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(`the CSV must be at most ${maxBytes} bytes; split it into several imports`);
  return bytes;
}

/** A CSV download: UTF-8, never cached, named for a browser's save dialog. */
export function csvResponse(body: string, filename: string, headers: Record<string, string> = {}): HttpResult {
  return text(200, body, 'text/csv; charset=utf-8; header=present', {
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${filename}"`,
    ...headers,
  });
}
