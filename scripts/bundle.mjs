#!/usr/bin/env node
// bundle.mjs — the page's scripts for dist/ (scripts/build.sh runs it), minified by esbuild.
//
//   node scripts/bundle.mjs OUTDIR ENTRY...
//
// Each entry (a module script the HTML loads, a Web Worker's script) becomes one file with every
// module it imports statically, so a first load fetches a single script. Each module imported
// lazily (`import('./x.js')`) becomes a file of its own in the same way, fetched on first use;
// the import stays as written, so the files sit side by side as the sources do in web/. A module
// that several files import is copied into each (the page's shared modules keep no state of
// their own, so the copies behave as one); that costs bytes only in the lazily loaded files.

import path from 'node:path';
import * as esbuild from 'esbuild';

const [outdir, ...entries] = process.argv.slice(2);
if (!outdir || entries.length === 0) {
  console.error('usage: node scripts/bundle.mjs OUTDIR ENTRY...');
  process.exit(2);
}

const queue = entries.map((e) => path.resolve(e));
/** Files keep their place under the first entry's folder (web/strings/fr.js -> strings/fr.js). */
const root = path.dirname(queue[0]);
const done = new Set();
while (queue.length > 0) {
  const file = /** @type {string} */ (queue.shift());
  if (done.has(file)) continue;
  done.add(file);
  /** @type {esbuild.Plugin} */
  const lazy = {
    name: 'lazy-imports-stay-separate',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        queue.push(path.resolve(args.resolveDir, args.path));
        return { path: args.path, external: true };
      });
    },
  };
  await esbuild.build({
    entryPoints: [file],
    outfile: path.join(outdir, path.relative(root, file)),
    bundle: true,
    format: 'esm',
    minify: true,
    logLevel: 'warning',
    plugins: [lazy],
  });
}
