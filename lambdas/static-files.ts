/**
 * The built files the static-files function serves, by the name it reads them under: each is made by a build step
 * (`npm run build:console`, `npm run build:openapi`) and deployed beside the function's code, in `STATIC_DIR/`,
 * never bundled into it. The CDK stack copies them there; locally the function reads them where they were built.
 */
export const STATIC_FILES = {
  'console.json': 'lambdas/console/dist/console.json',
  'openapi.json': 'lambdas/openapi/dist/openapi.json',
} as const;

export type StaticFileName = keyof typeof STATIC_FILES;

/** The folder of the deployed package (beside index.mjs) that holds them. */
export const STATIC_DIR = 'static';
