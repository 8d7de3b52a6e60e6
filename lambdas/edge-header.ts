/**
 * The header CloudFront adds, with a secret value, to every request it forwards (when AWS WAF is on): one constant
 * for the stack that sets it and the functions that check it. In its own module (routes.ts re-exports it) so a
 * function reads it without bundling the table of every route.
 */
export const ORIGIN_VERIFY_HEADER = 'x-datewatch-origin-verify';
