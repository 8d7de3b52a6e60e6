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
