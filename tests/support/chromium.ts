import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
/**
 * Debian's chromium for the browser tests (playwright-core never downloads a browser). Without the
 * background-networking flags chromium keeps dialling Google's hosts, which this closed network refuses.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Signs a freshly opened console page in with the local stack's button, whichever state the page comes up in:
 * it waits until the page shows either "Sign in locally" or the console's navigation (a tab that already holds
 * a token skips the button), presses the button if that is what it shows, then waits for the navigation. Checking
 * `isVisible()` right after `goto` raced the script's first render on a loaded machine.
 */
export async function signInLocally(page: Page): Promise<void> {
  const signIn = page.getByRole('button', { name: 'Sign in locally' });
  // The <nav> is in the page before anyone signs in (empty); its links appear only once signed in.
  const signedIn = page.getByRole('navigation', { name: 'Console' }).getByRole('link').first();
  await signIn.or(signedIn).first().waitFor();
  if (await signIn.isVisible()) await signIn.click();
  await signedIn.waitFor();
}

/** A browser on a profile of its own, and how to put both away. */
export interface EditorBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * The editors' browser of the console tests: Debian's chromium on a throwaway profile, in Tokyo, in British
 * English, at `viewport`; `close` shuts it and removes the profile.
 */
export async function launchEditorBrowser(
  name: string,
  viewport: { width: number; height: number },
): Promise<EditorBrowser> {
  const profile = await mkdtemp(join(tmpdir(), `datewatch-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timezoneId: 'Asia/Tokyo',
    locale: 'en-GB',
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
