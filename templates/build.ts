/**
 * Compiles every MJML template once into templates/compiled/templates.json, so that sending never loads mjml; and
 * each template alone into compiled/<name>.html, the fragments alone into compiled/fragments.json, the forms a
 * deployed function carries (the fragments in its bundle, each template a file beside it: lambdas/asset-files.ts).
 * Top-level *.mjml files are whole emails; fragments/*.mjml hold repeated pieces between
 * `<!--fragment:name-->` and `<!--/fragment-->` markers, cut out here and filled per item at send time.
 */
import mjml2html from 'mjml';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CompiledTemplates {
  templates: Record<string, string>;
  fragments: Record<string, string>;
}

const templatesDir = dirname(fileURLToPath(import.meta.url));
const outFile = join(templatesDir, 'compiled', 'templates.json');
const fragmentPattern = /<!--fragment:([a-z0-9-]+)-->([\s\S]*?)<!--\/fragment-->/g;

export async function compileMjml(file: string): Promise<string> {
  const source = await readFile(file, 'utf8');
  // Strict validation throws on any invalid tag or attribute; a denied or unreadable include only leaves a comment.
  const { html, errors } = await mjml2html(source, {
    filePath: file,
    includePath: templatesDir,
    ignoreIncludes: false,
    validationLevel: 'strict',
    minify: true,
    keepComments: true,
  });
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  if (/<!-- mj-include (denied|fails)/.test(html)) throw new Error(`${file}: an mj-include could not be resolved`);
  return html;
}

export function extractFragments(html: string, file: string): Record<string, string> {
  const fragments: Record<string, string> = {};
  for (const [, name, body] of html.matchAll(fragmentPattern)) {
    if (fragments[name!] !== undefined) throw new Error(`${file}: fragment ${name} is defined twice`);
    fragments[name!] = body!.trim();
  }
  if (Object.keys(fragments).length === 0) throw new Error(`${file}: no <!--fragment:name--> markers found`);
  return fragments;
}

export async function listSources(): Promise<{ templates: string[]; fragments: string[] }> {
  const mjmlIn = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.mjml')).sort().map((f) => join(dir, f));
  return { templates: await mjmlIn(templatesDir), fragments: await mjmlIn(join(templatesDir, 'fragments')) };
}

export async function buildTemplates(): Promise<CompiledTemplates> {
  const sources = await listSources();
  const [templateHtml, fragmentHtml] = await Promise.all([
    Promise.all(sources.templates.map(compileMjml)),
    Promise.all(sources.fragments.map(compileMjml)),
  ]);
  const compiled: CompiledTemplates = { templates: {}, fragments: {} };
  sources.templates.forEach((file, i) => {
    compiled.templates[file.slice(file.lastIndexOf('/') + 1, -'.mjml'.length)] = templateHtml[i]!;
  });
  sources.fragments.forEach((file, i) => {
    for (const [name, body] of Object.entries(extractFragments(fragmentHtml[i]!, file))) {
      if (compiled.fragments[name] !== undefined) throw new Error(`fragment ${name} is defined in two files`);
      compiled.fragments[name] = body;
    }
  });
  return compiled;
}

/** Compiles every template and writes compiled/: templates.json, fragments.json and one <name>.html each. */
export async function writeCompiledTemplates(): Promise<CompiledTemplates> {
  const compiled = await buildTemplates();
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(compiled, null, 1)}\n`);
  await writeFile(join(dirname(outFile), 'fragments.json'), `${JSON.stringify(compiled.fragments)}\n`);
  await Promise.all(Object.entries(compiled.templates).map(([name, html]) =>
    writeFile(join(dirname(outFile), `${name}.html`), html)));
  return compiled;
}

async function main(): Promise<void> {
  const started = performance.now();
  const compiled = await writeCompiledTemplates();
  const names = [...Object.keys(compiled.templates), ...Object.keys(compiled.fragments).map((f) => `fragment:${f}`)];
  console.log(`compiled ${names.join(', ')} → ${outFile} in ${Math.round(performance.now() - started)} ms`);
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
