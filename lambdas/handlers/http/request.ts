import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '#core/errors.ts';
import type { HttpEvent } from './types.ts';

export const MAX_BODY_BYTES = 16 * 1024;

export function header(event: HttpEvent, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}

export function rawBody(event: HttpEvent, maxBytes = MAX_BODY_BYTES): string {
  if (!event.body) return '';
  const buf = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (buf.length > maxBytes) throw new PayloadTooLargeError(`the body must be at most ${maxBytes} bytes`);
  return buf.toString('utf8');
}

function mediaType(event: HttpEvent): string {
  return (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A JSON object body, or a 415/400 that says what is wrong. */
export function jsonBody(event: HttpEvent, maxBytes = MAX_BODY_BYTES): Record<string, unknown> {
  if (mediaType(event) !== 'application/json') throw new UnsupportedMediaTypeError('send the body as application/json');
  return parseJsonObject(rawBody(event, maxBytes));
}

/** A JSON or HTML-form body (forms post from pages that work without JavaScript). */
export function jsonOrFormBody(event: HttpEvent): { body: Record<string, unknown>; form: boolean } {
  const type = mediaType(event);
  if (type === 'application/json') return { body: parseJsonObject(rawBody(event)), form: false };
  if (type === 'application/x-www-form-urlencoded') return { body: parseForm(rawBody(event)), form: true };
  throw new UnsupportedMediaTypeError('send the body as application/json or application/x-www-form-urlencoded');
}

export function parseJsonObject(raw: string): Record<string, unknown> {
  if (!raw.trim()) throw new ValidationError('the body is empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ValidationError('the body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValidationError('the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Form fields; a repeated field (checkboxes) becomes an array. */
export function parseForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Form fields sent urlencoded or as multipart/form-data (short text fields only: RFC 8058 allows either). */
export function formBody(event: HttpEvent, what: string): Record<string, unknown> {
  const type = mediaType(event);
  if (type === 'application/x-www-form-urlencoded') return parseForm(rawBody(event));
  if (type === 'multipart/form-data') return parseMultipart(rawBody(event), header(event, 'content-type')!);
  throw new UnsupportedMediaTypeError(`send ${what} as application/x-www-form-urlencoded or multipart/form-data`);
}

function parseMultipart(raw: string, contentType: string): Record<string, unknown> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new ValidationError('multipart/form-data needs a boundary');
  const out: Record<string, unknown> = {};
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) out[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return out;
}

export function queryParam(event: HttpEvent, name: string): string | undefined {
  return event.queryStringParameters?.[name] ?? undefined;
}

export function sourceIp(event: HttpEvent): string {
  return event.requestContext?.http?.sourceIp ?? 'unknown';
}
