import type { Tokens } from './tokens.ts';

export interface Links {
  confirmUrl(subscriberId: string): string;
  preferencesUrl(subscriberId: string): string;
  /** Also the List-Unsubscribe URL: GET shows a page, POST with List-Unsubscribe=One-Click unsubscribes (RFC 8058). */
  unsubscribeUrl(subscriberId: string): string;
}

/** The signed links every email carries. */
export function makeLinks({ baseUrl, tokens }: { baseUrl: string; tokens: Tokens }): Links {
  const base = baseUrl.replace(/\/+$/, '');
  const link = (path: string, token: string) => `${base}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirmUrl: (id) => link('/subscriptions/confirm', tokens.issue('confirm', id)),
    preferencesUrl: (id) => link('/preferences', tokens.issue('preferences', id)),
    unsubscribeUrl: (id) => link('/unsubscribe', tokens.issue('unsubscribe', id)),
  };
}
