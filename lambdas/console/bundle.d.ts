/** Type of the generated lambdas/console/dist/console.json, so type-checking does not depend on a prior build. */
declare module '#lambdas/console/dist/console.json' {
  const bundle: { version: string; js: string; css: string };
  export default bundle;
}
