import type { ConsoleSignIn } from '#lambdas/config.ts';
import { html, json, redirect, text } from '#handlers/http/responses.ts';
import { queryParam } from '#handlers/http/request.ts';
import type { RouteHandler } from '#handlers/http/router.ts';
import type { ConsoleRouteKey } from '#lambdas/routes.ts';

/** The built console (lambdas/console/dist/console.json, by `npm run build:console`): its script and style sheet. */
export interface ConsoleFiles {
  version: string;
  js: string;
  css: string;
}

/**
 * The console's policy: its one script from this origin, no inline script; styles inline, because the email
 * previews (in sandboxed srcdoc frames, which inherit this policy) are styled inline; calls to this origin and to
 * the Cognito domain that trades the sign-in code for tokens.
 */
export function consoleCsp(signIn: ConsoleSignIn): string {
  const connect = signIn.kind === 'cognito' ? `'self' ${new URL(signIn.domainUrl).origin}` : `'self'`;
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'unsafe-inline'", "img-src 'self' data:", `connect-src ${connect}`,
    "frame-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

/** What the page needs to sign in: it holds no secret (the app client has none), so it may be public. */
export function consoleConfig(signIn: ConsoleSignIn) {
  if (signIn.kind === 'local') return { signIn: 'local' as const, tokenUrl: signIn.tokenUrl };
  return {
    signIn: 'cognito' as const,
    authority: signIn.domainUrl,
    clientId: signIn.clientId,
    redirectUri: signIn.redirectUri,
    logoutUri: signIn.redirectUri,
    scope: 'openid email profile',
  };
}

function page(version: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Datewatch console</title>
<style>${css}</style>
<script src="/console/app.js?v=${version}" defer></script>
</head>
<body>
<div id="app"><main id="main"><h1>Datewatch console</h1><noscript><p>The console needs JavaScript. Everything it does is also in the admin API (see the README).</p></noscript></main></div>
</body>
</html>`;
}

/**
 * Routes of the static files for the console: the page, its script and its sign-in configuration. `bundle` reads
 * the built file (on the first request, then kept), so no function carries the console in its code.
 */
export function consoleRoutes(
  signIn: ConsoleSignIn, bundle: () => Promise<ConsoleFiles>,
): Record<ConsoleRouteKey, RouteHandler> {
  return {
    'GET /console': async () => {
      const { version, css } = await bundle();
      return html(200, page(version, css), { 'content-security-policy': consoleCsp(signIn), 'cache-control': 'no-cache' });
    },
    'GET /console/app.js': async (e) => {
      const { version, js } = await bundle();
      // The page asks for ?v=<version>: that URL never changes content, so it may be cached for good.
      const cache = queryParam(e, 'v') === version ? 'public, max-age=31536000, immutable' : 'no-cache';
      return text(200, js, 'text/javascript; charset=utf-8', { 'cache-control': cache });
    },
    'GET /console/config.json': async () => json(200, consoleConfig(signIn)),
    // "/console/" (and any other path under it) is the console at its one address. The query is left behind: the
    // console reads none (sign-in comes back to /console itself), and a redirect carries nothing a link put there.
    'GET /console/{rest+}': async () => redirect('/console'),
  };
}
