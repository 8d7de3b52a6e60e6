/// <reference lib="dom" />
import { currentSession } from './auth.ts';

/** A failed call to the admin API, carrying the API's own message (`{error}`) and body. Status 0: no answer at all. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: Record<string, unknown>) { super(message); this.name = 'ApiError'; }
}

export interface ApiAnswer<T> { status: number; data: T; etag?: string; headers: Headers }

/** Told when the API refuses the token (expired or signed out), so the shell can show the sign-in screen. */
let onUnauthorized: (message: string) => void = () => {};
export const whenUnauthorized = (fn: (message: string) => void) => { onUnauthorized = fn; };

export interface ApiOptions {
  json?: unknown; text?: string; contentType?: string; ifMatch?: string; accept?: string; headers?: Record<string, string>;
}

/** The request with the editor's bearer token; a network failure is an ApiError with status 0. */
async function send(method: string, path: string, opts: ApiOptions): Promise<Response> {
  const session = currentSession();
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json', ...opts.headers };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
  let body: string | undefined;
  if (opts.json !== undefined) { body = JSON.stringify(opts.json); headers['content-type'] = 'application/json'; }
  if (opts.text !== undefined) { body = opts.text; headers['content-type'] = opts.contentType ?? 'text/plain; charset=utf-8'; }
  try {
    return await fetch(path, { method, headers, body });
  } catch {
    throw new ApiError(0, 'The API could not be reached; check the connection and try again.', {});
  }
}

function parsed(res: Response, raw: string): unknown {
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return raw;
  try { return raw ? JSON.parse(raw) : {}; } catch { return {}; }
}

function failure(method: string, path: string, res: Response, data: unknown): ApiError {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const message = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : `${method} ${path.split('?')[0]} answered ${res.status}`;
  if (res.status === 401) onUnauthorized(message);
  return new ApiError(res.status, message, body);
}

export async function api<T = Record<string, unknown>>(method: string, path: string, opts: ApiOptions = {}): Promise<ApiAnswer<T>> {
  const res = await send(method, path, opts);
  let raw: string;
  try {
    raw = await res.text();
  } catch {
    throw new ApiError(0, 'The answer was cut off; check the connection and try again.', {});
  }
  const data = parsed(res, raw);
  if (!res.ok) throw failure(method, path, res, data);
  return { status: res.status, data: data as T, etag: res.headers.get('etag') ?? undefined, headers: res.headers };
}

/** "The API says: …", with the status, for an error shown to the editor. */
export function explain(err: unknown): string {
  if (err instanceof ApiError) return err.status ? `${err.message} (HTTP ${err.status})` : err.message;
  return err instanceof Error ? err.message : String(err);
}

export const enc = encodeURIComponent;
