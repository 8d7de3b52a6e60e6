import type { Language } from './model/language.ts';
import type { Tokens } from './tokens.ts';

export interface Links {
  /** GET shows what is being confirmed; the page's POST confirms. Bound to one sign-up request by its nonce. */
  confirmUrl(subscriptionId: string, nonce: string): string;
  /** With the address it is mailed to (sealed in the token), the link keeps working for the address's later subscriptions. */
  preferencesUrl(subscriptionId: string, address?: string): string;
  /**
   * Also the List-Unsubscribe URL: GET shows a page, POST with List-Unsubscribe=One-Click unsubscribes (RFC 8058).
   * With the address, it stops whichever subscription the address has when it is used, not only this one.
   */
  unsubscribeUrl(subscriptionId: string, address?: string): string;
  /**
   * The story's public page (no token: anyone may read it); an update's "more" line links to it. With the reader's
   * language, the page opens in the language of the mail that links to it, whatever the browser asks for.
   */
  storyPageUrl(storyId: string, language?: Language): string;
}

/** The signed links every email carries; each names a subscription by its opaque id, and its address only sealed. */
export function makeLinks({ baseUrl, tokens }: { baseUrl: string; tokens: Tokens }): Links {
  const base = baseUrl.replace(/\/+$/, '');
  const link = (path: string, token: string) => `${base}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirmUrl: (id, nonce) => link('/subscriptions/confirm', tokens.issue('confirm', id, nonce)),
    preferencesUrl: (id, address) => link('/preferences', tokens.issue('preferences', id, undefined, address)),
    unsubscribeUrl: (id, address) => link('/unsubscribe', tokens.issue('unsubscribe', id, undefined, address)),
    storyPageUrl: (storyId, language) =>
      `${base}/stories/${encodeURIComponent(storyId)}${language ? `?lang=${encodeURIComponent(language)}` : ''}`,
  };
}

/**
 * An event on its story's page (`#event-<id>`, where the page offers its calendar links), in the reader's zone
 * and language: the link a reminder's text part gives instead of raw calendar URLs.
 */
export function eventOnStoryPage(storyPageUrl: string, eventId: string, timeZone?: string): string {
  const url = new URL(storyPageUrl);
  if (timeZone) url.searchParams.set('timeZone', timeZone);
  url.hash = `event-${eventId}`;
  return url.toString();
}
