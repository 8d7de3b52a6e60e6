/// <reference lib="dom" />
import { explain, whenUnauthorized } from './api.ts';
import { completeCognitoSignIn, currentSession, loadConfig, signInLocally, signOut, startCognitoSignIn, type ConsoleConfig } from './auth.ts';
import { button, h, replaceChildren } from './dom.ts';
import { clockBar } from './clock-bar.ts';
import { announce, heading, outcome } from './ui.ts';
import { jobsScreen } from './screens/jobs.ts';
import { previewsScreen } from './screens/previews.ts';
import { proposalsScreen } from './screens/proposals.ts';
import { eventScreen, storiesScreen, storyScreen, storyUpdateScreen } from './screens/stories.ts';
import { subscribersScreen, suppressionsScreen } from './screens/subscribers.ts';

type Screen = (main: HTMLElement, params: URLSearchParams, ...ids: string[]) => Promise<void>;

/** Hash routes: `#/stories/<id>` and so on; the query after `?` is the screen's own. */
const ROUTES: [RegExp, Screen, string][] = [
  [/^\/stories$/, (m) => storiesScreen(m), 'Stories'],
  [/^\/read$/, (m) => proposalsScreen(m), 'Read a story'],
  [/^\/stories\/([^/]+)$/, (m, _p, id) => storyScreen(m, id!), 'Story'],
  [/^\/stories\/([^/]+)\/update$/, (m, _p, id) => storyUpdateScreen(m, id!), 'Story update'],
  [/^\/events\/([^/]+)$/, (m, _p, id) => eventScreen(m, id!), 'Event'],
  [/^\/jobs$/, (m, p) => jobsScreen(m, p), 'Jobs'],
  [/^\/subscribers$/, (m) => subscribersScreen(m), 'Subscribers'],
  [/^\/suppressions$/, (m) => suppressionsScreen(m), 'Suppressions'],
  [/^\/previews$/, (m, p) => previewsScreen(m, p), 'Previews'],
];
const NAV: [string, string][] = [['#/stories', 'Stories'], ['#/read', 'Read a story'], ['#/jobs', 'Jobs'], ['#/subscribers', 'Subscribers'], ['#/suppressions', 'Suppressions'], ['#/previews', 'Previews']];

let config: ConsoleConfig | undefined;
const app = document.getElementById('app')!;
const main = h('main', { id: 'main', tabindex: '-1' });
const nav = h('nav', { 'aria-label': 'Console' });
const who = h('div', { class: 'who' });
const status = h('div', { id: 'status', role: 'status', 'aria-live': 'polite', class: 'visually-hidden' });
// A new zone shows the screen again in it; focus stays on the zone's list, where the editor is.
const clock = clockBar(() => void route({ keepFocus: true }));

function shell(): void {
  const skip = h('a', { class: 'skip', href: '#main', onclick: (e: Event) => { e.preventDefault(); focusHeading(); } }, 'Skip to content');
  clock.el.hidden = true;
  const brand = h('a', { class: 'brand', href: '#/stories' }, 'Datewatch ', h('span', null, 'console'));
  replaceChildren(app, skip, h('header', { class: 'top' }, brand, nav, who, clock.el), main, status);
}

function renderNav(path: string): void {
  const session = currentSession();
  replaceChildren(nav, session ? h('ul', null, NAV.map(([href, text]) =>
    h('li', null, h('a', { href, 'aria-current': path.startsWith(href.slice(1)) ? 'page' : undefined }, text)))) : null);
  clock.el.hidden = !session;
  if (session) void clock.start();
  else clock.stop();
  replaceChildren(who, session ? [h('span', { class: 'hint' }, session.email ?? 'signed in'), button('Sign out', () => { signOut(config); route(); }, { class: 'secondary small' })] : null);
}

function focusHeading(): void {
  (main.querySelector<HTMLElement>('h1') ?? main).focus();
}

let generation = 0;
async function route(opts: { keepFocus?: boolean } = {}): Promise<void> {
  const mine = ++generation;
  const [rawPath = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  const path = rawPath || '/stories';
  renderNav(path);
  if (!currentSession()) { signInScreen(); return; }
  const found = ROUTES.map(([re, screen, name]) => ({ m: re.exec(path), screen, name })).find((r) => r.m);
  if (!found) { location.hash = '#/stories'; return; }
  replaceChildren(main, h('p', { class: 'hint' }, 'Loading…'));
  // The stack's clock is read before the first screen, which measures "ago" by it (later screens find it read).
  await clock.start();
  if (mine !== generation) return;
  try {
    await found.screen(main, new URLSearchParams(query), ...found.m!.slice(1).map((s) => decodeURIComponent(s)));
  } catch (err) {
    if (mine !== generation) return;
    replaceChildren(main, heading(found.name), h('div', { class: 'notice error', role: 'alert' }, h('p', null, explain(err))));
  }
  if (mine !== generation) return;
  document.title = `${main.querySelector('h1')?.textContent ?? found.name} · Datewatch console`;
  if (!opts.keepFocus) focusHeading();
}

function signInScreen(message?: string): void {
  const result = outcome();
  if (message) result.error(message);
  const action = !config ? h('p', null, 'Loading…')
    : config.signIn === 'local'
      ? button('Sign in locally', () => {
        const c = config as Extract<ConsoleConfig, { signIn: 'local' }>;
        signInLocally(c).then(() => { announce('Signed in'); void route(); }, (err: unknown) => result.error(explain(err)));
      })
      : button('Sign in', () => void startCognitoSignIn(config as Extract<ConsoleConfig, { signIn: 'cognito' }>, location.hash || '#/stories'));
  const explainer = config?.signIn === 'local'
    ? 'This is the local stack: signing in gets the same admin token as npm run admin-token.'
    : 'Editors sign in with their Datewatch account and its one-time code.';
  replaceChildren(main, heading('Sign in'), h('p', null, explainer), result.el, h('div', { class: 'actions' }, action));
  document.title = 'Sign in · Datewatch console';
  focusHeading();
}

async function start(): Promise<void> {
  shell();
  whenUnauthorized((message) => { signOut(undefined); renderNav(''); signInScreen(`Signed out: ${message}. Sign in again.`); });
  try {
    config = await loadConfig();
  } catch (err) {
    replaceChildren(main, heading('Console unavailable'), h('p', { class: 'notice error', role: 'alert' }, explain(err)));
    return;
  }
  if (config.signIn === 'cognito') {
    try {
      const back = await completeCognitoSignIn(config);
      if (back) { history.replaceState(null, '', `${location.pathname}${back}`); announce('Signed in'); }
    } catch (err) {
      signInScreen(explain(err));
      return;
    }
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();
