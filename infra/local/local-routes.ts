/**
 * Every operator endpoint of the local stack, under /_local/ (never deployed; outside the shared route table).
 * The console's token endpoint reaches the public API as CONSOLE_TOKEN_URL, which the local Lambda runtime sets.
 */
export const LOCAL_PATHS = {
  dispatch: '/_local/dispatch',
  consoleToken: '/_local/console-token',
  iam: '/_local/iam',
  ses: '/_local/ses',
} as const;

export const LOCAL_ROUTES = [
  `POST ${LOCAL_PATHS.dispatch}`,
  `POST ${LOCAL_PATHS.consoleToken}`,
  `GET ${LOCAL_PATHS.iam}`,
  `GET ${LOCAL_PATHS.ses}`,
  `POST ${LOCAL_PATHS.ses}`,
] as const;

export type LocalRouteKey = (typeof LOCAL_ROUTES)[number];

/** The console's sign-in on one machine, for a public API built in a test without the local runtime. */
export const LOCAL_CONSOLE_SIGN_IN = { kind: 'local', tokenUrl: LOCAL_PATHS.consoleToken } as const;
