/// <reference lib="dom" />
/**
 * Sign-in for the console. On AWS: the Cognito hosted UI, authorization code with PKCE (S256) and a checked
 * state. On one machine: the local stack's POST /_local/console-token. Tokens live in sessionStorage only, so
 * they end with the tab and never sit in localStorage.
 */

export type ConsoleConfig =
  | { signIn: 'local'; tokenUrl: string }
  | { signIn: 'cognito'; authority: string; clientId: string; redirectUri: string; logoutUri: string; scope: string };

const TOKEN = 'datewatch.console.token';
const PENDING = 'datewatch.console.pkce';

export interface Session { token: string; email?: string; expiresAt: number }

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`the console's configuration could not be read (${res.status})`);
  return (await res.json()) as ConsoleConfig;
}

/** The signed-in session, or undefined when there is none or its token has expired. */
export function currentSession(): Session | undefined {
  const raw = sessionStorage.getItem(TOKEN);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  if (session.expiresAt <= Date.now() + 10_000) { sessionStorage.removeItem(TOKEN); return undefined; }
  return session;
}

function keep(token: string): Session {
  const claims = decodeClaims(token);
  const session: Session = {
    token,
    email: typeof claims.email === 'string' ? claims.email : typeof claims.sub === 'string' ? claims.sub : undefined,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3_600_000,
  };
  sessionStorage.setItem(TOKEN, JSON.stringify(session));
  return session;
}

/** Reads a JWT's payload to know its expiry and whose it is; the API, not the console, verifies it. */
function decodeClaims(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function signInLocally(config: Extract<ConsoleConfig, { signIn: 'local' }>): Promise<Session> {
  const res = await fetch(config.tokenUrl, { method: 'POST', headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!res.ok || !body.token) throw new Error(body.error ?? `local sign-in failed (${res.status})`);
  return keep(body.token);
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomString = (n: number): string => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** Sends the browser to the hosted UI; the verifier and state wait in sessionStorage for the way back. */
export async function startCognitoSignIn(config: Extract<ConsoleConfig, { signIn: 'cognito' }>, returnTo: string): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(24);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(`${config.authority}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri, scope: config.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On the way back from the hosted UI (`?code=…&state=…`): checks the state, trades the code and the verifier for
 * tokens, and clears the query from the address bar. Returns the hash to show, or undefined when not a callback.
 */
export async function completeCognitoSignIn(config: Extract<ConsoleConfig, { signIn: 'cognito' }>): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + location.hash);
  if (error) throw new Error(`sign-in was not completed: ${params.get('error_description') ?? error}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('sign-in was not completed: the answer does not belong to this tab\'s request (state); sign in again');
  const res = await fetch(`${config.authority}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: config.clientId, code: code!, redirect_uri: config.redirectUri, code_verifier: pending.verifier,
    }).toString(),
  });
  const tokens = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
  if (!res.ok || !tokens.id_token) throw new Error(`sign-in failed: ${tokens.error ?? res.status}`);
  // The ID token: its audience is this client (the API's authorizer checks it) and it names the editor's address.
  keep(tokens.id_token);
  return pending.returnTo || '#/stories';
}

export function signOut(config: ConsoleConfig | undefined): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(PENDING);
  if (config?.signIn === 'cognito') {
    const url = new URL(`${config.authority}/logout`);
    url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri }).toString();
    location.assign(url.toString());
  }
}
