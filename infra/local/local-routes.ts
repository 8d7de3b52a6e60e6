import { LOCAL_CONSOLE_TOKEN_PATH } from '#lambdas/console/serve.ts';

/**
 * Every operator endpoint of the local stack, under /_local/ (never deployed; outside the shared route table).
 * The console's token path is the one its sign-in configuration names; the local stack answers it here.
 */
export const LOCAL_PATHS = {
  dispatch: '/_local/dispatch',
  consoleToken: LOCAL_CONSOLE_TOKEN_PATH,
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
