/**
 * An esbuild plugin for code built to be required beside a function's bundle (a preview kind's module in
 * editor-mail: lambdas/core/preview-kinds/): the modules of ours that file shares with the bundle are not bundled
 * into it again but taken, when it is required, from the bundle, which puts them on
 * `globalThis[Symbol.for(key)]` first (preview-kinds/kind-files.ts). So each exists once at run time (one cache of
 * catalogues and templates, one class per error the router answers with), and the file holds only its own code.
 * A module of ours that is neither handed over nor the file's own (`own`) fails the build, naming the list to fix.
 */
import { relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

export interface SharedModulesOptions {
  /** The Symbol.for key the bundle hands the modules under. */
  key: string;
  /** By path under lambdas/ (e.g. `core/errors.ts`): the exports each module hands over. */
  modules: Readonly<Record<string, object>>;
  /** Paths under lambdas/ that the file bundles (its own code). */
  own: readonly string[];
  /** Where `modules` is written, for the build's error message. */
  listedIn: string;
  repoRoot: string;
}

export function sharedModules({ key, modules, own, listedIn, repoRoot }: SharedModulesOptions): Plugin {
  const ownFiles = new Set(own);
  return {
    name: 'shared-modules',
    setup(b) {
      b.onResolve({ filter: /^(\.\.?\/|#)/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
        let absolute = resolve(args.resolveDir, args.path);
        if (args.path.startsWith('#')) {
          if (args.path in modules) return { path: args.path, namespace: 'shared-module' };
          const found = await b.resolve(args.path, {
            kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving',
          });
          if (found.errors.length > 0) return { errors: found.errors };
          absolute = found.path;
        }
        const file = relative(repoRoot, absolute);
        if (!file.startsWith('lambdas/')) return undefined;
        const name = file.slice('lambdas/'.length);
        if (name in modules) return { path: name, namespace: 'shared-module' };
        if (ownFiles.has(name)) return { path: absolute };
        return { errors: [{ text: `${file} (imported by ${relative(repoRoot, args.importer)}) is neither handed to `
          + `the file nor its own: list it in ${listedIn}` }] };
      });
      // An ES module re-exporting the handed exports by name, so that the file's imports bind as in the sources.
      b.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        loader: 'js',
        contents: `const shared = globalThis[Symbol.for(${JSON.stringify(key)})];
if (!shared) throw new Error(${JSON.stringify(`${args.path} is handed over by the bundle that requires this file`)});
export const { ${Object.keys(modules[args.path]!).join(', ')} } = shared[${JSON.stringify(args.path)}];`,
      }));
    },
  };
}
