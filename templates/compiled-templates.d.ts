/** Type of the generated templates/compiled/templates.json, so type-checking does not depend on a prior build. */
declare module '#templates/compiled/templates.json' {
  const compiled: { templates: Record<string, string>; fragments: Record<string, string> };
  export default compiled;
}

declare module '#templates/compiled/fragments.json' {
  const fragments: Record<string, string>;
  export default fragments;
}
