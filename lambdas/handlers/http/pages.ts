import { errorPage } from '#core/pages/subscription-pages.ts';
import { pageCsp, type Page } from '#core/pages/layout.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import { errorResponse } from './errors.ts';
import { pageLanguage, type Language } from '#core/model/language.ts';
import { header, queryParam } from './request.ts';
import { html } from './responses.ts';
import type { HttpEvent, HttpResult } from './types.ts';

/** A page with its own content security policy (the scripts it runs, if any) and the language it is in. */
export const page = (status: number, p: Page, headers: Record<string, string> = {}): HttpResult =>
  html(status, p.html, { 'content-security-policy': pageCsp(p.scripts), 'content-language': p.language, ...headers });

/** The page's language: the reader's own when known, else `?lang=`, else the browser's Accept-Language (q-values). */
export const languageOf = (e: HttpEvent, stored?: Language): Language =>
  pageLanguage({ stored, query: queryParam(e, 'lang'), acceptLanguage: header(e, 'accept-language') });

/** Browsers (form posts, links from email) get pages; API clients get JSON. Failures take the same path. */
export const wantsHtml = (e: HttpEvent) => /text\/html/i.test(header(e, 'accept') ?? '');

/** Runs a route; a failure becomes the one error mapper's status, shown as a page when a browser asked. */
export const pageRoute = (telemetry: InvocationTelemetry) =>
  (handler: (e: HttpEvent) => Promise<HttpResult>, asPage: (e: HttpEvent) => boolean) => {
    return async (e: HttpEvent): Promise<HttpResult> => {
      try {
        return await handler(e);
      } catch (err) {
        const mapped = errorResponse(err, telemetry);
        if (!asPage(e)) return mapped;
        const message = (JSON.parse(mapped.body ?? '{}') as { error?: string }).error ?? 'Something went wrong.';
        const result = page(mapped.statusCode, errorPage(mapped.statusCode, message, languageOf(e)));
        const retryAfter = mapped.headers['retry-after'];
        return retryAfter ? { ...result, headers: { ...result.headers, 'retry-after': retryAfter } } : result;
      }
    };
  };

export const always = () => true;
