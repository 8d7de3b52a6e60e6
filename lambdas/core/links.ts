import type { Tokens } from './tokens.ts';

export interface Links {
  /** GET shows what is being confirmed; the page's POST confirms. Bound to one sign-up request by its nonce. */
  confirmUrl(subscriptionId: string, nonce: string): string;
  preferencesUrl(subscriptionId: string): string;
  /** Also the List-Unsubscribe URL: GET shows a page, POST with List-Unsubscribe=One-Click unsubscribes (RFC 8058). */
  unsubscribeUrl(subscriptionId: string): string;
  /** The story's public page (no token: anyone may read it); an update's "more" line links to it. */
  storyPageUrl(storyId: string): string;
}

/** The signed links every email carries; each names a subscription by its opaque id, never by its address. */
export function makeLinks({ baseUrl, tokens }: { baseUrl: string; tokens: Tokens }): Links {
  const base = baseUrl.replace(/\/+$/, '');
  const link = (path: string, token: string) => `${base}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirmUrl: (id, nonce) => link('/subscriptions/confirm', tokens.issue('confirm', id, nonce)),
    preferencesUrl: (id) => link('/preferences', tokens.issue('preferences', id)),
    unsubscribeUrl: (id) => link('/unsubscribe', tokens.issue('unsubscribe', id)),
    storyPageUrl: (storyId) => `${base}/stories/${encodeURIComponent(storyId)}`,
  };
}
