#!/usr/bin/env node
// offline.mjs — dist/nnplay.html, the whole page in one file (scripts/build.sh runs it): it opens
// from file:// (where browsers refuse module scripts and import()) and from any host, and fetches
// nothing at all.
//
//   node scripts/offline.mjs SITE ENGINE_DIR
//
// SITE is the assembled site (its index.html, style.css and panels.css are the page's markup and
// styles),
// ENGINE_DIR holds the engine's modules. The page carries the lab engine only (it is the first
// engine plus what the panels opened on use need, so it serves both), built without the model
// files (nnplay-wasm-offline*.wasm: exports-model.txt left out; the served page writes them),
// under the lab engine's names, which the engine asks for, gzipped: the one with wasm SIMD whole,
// the one without as a delta from it (scripts/delta.mjs; the two differ only in the heatmap's
// loops, so that is 2 KB gzipped instead of 25). The page's scripts are bundled by esbuild into one
// classic script (format iife: the modules the served page imports lazily are inlined), with
// web/assets-offline.js in web/assets.js's place and web/takeaway-offline.js in
// web/takeaway.js's (pictures and points, no model files); the same script, started again from a Blob, is
// the training worker (web/offline-entry.js). Both engine modules go in as base64 (one as a
// delta). The page's
// Content-Security-Policy stays strict: its one script and its one style are allowed by their
// SHA-256 hashes, workers from blob: only; nothing may be fetched.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { gzipAsync } from '@gfx/zopfli';
import { makeDelta } from './delta.mjs';
import { applyDelta } from '../web/delta.js';

const [site, engineDir] = process.argv.slice(2);
if (!site || !engineDir) {
  console.error('usage: node scripts/offline.mjs SITE ENGINE_DIR');
  process.exit(2);
}
const BASE = 'nnplay-wasm-lab.wasm';
/** Each module carried as a delta from BASE. */
const DELTAS = ['nnplay-wasm-lab-nosimd.wasm'];
/** The file of ENGINE_DIR carried under a name the engine asks for. @param {string} name */
const builtFrom = (name) => name.replace('-lab', '-offline');
const web = path.resolve('web');

/** Modules of web/ replaced: each `./name.js` imported in web/ by `replaced[name]`.
 * @param {Record<string, string>} replaced @returns {esbuild.Plugin} */
const swapped = (replaced) => ({
  name: 'one-file-swaps',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => {
      const file = replaced[args.path.slice(2)];
      return file && path.resolve(args.resolveDir) === web ? { path: path.join(web, file) } : undefined;
    });
  },
});

/** One classic script: `entry` with everything it imports, lazily or not, and the modules of
 * web/ in `replaced` swapped. @param {string} entry @param {Record<string, string>} replaced */
async function classicScript(entry, replaced) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    logLevel: 'warning',
    // The engine's default module URL (import.meta.url) and its Node file reading are never used
    // here: the modules come from the page.
    external: ['node:*'],
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [swapped(replaced)],
  });
  return result.outputFiles[0].text;
}

/** @param {string} text @returns {string} the CSP source for an inline element with this text */
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const html = readFileSync(path.join(site, 'index.html'), 'utf8');
const entry = /<script type="module" src="([^"]+)"><\/script>\n?/.exec(html);
if (!entry) throw new Error('index.html has no module script to inline');
// Gzipped before base64: the file's own gzip cannot see through base64 (a third smaller so).
// Zopfli writes gzip that any inflater reads (fflate in the page), 2 KB smaller here than zlib's
// level 9; slower, which a build can afford.
const gz64 = async (/** @type {Uint8Array} */ bytes) => Buffer.from(await gzipAsync(bytes, { numiterations: 15 })).toString('base64');
const base = readFileSync(path.join(engineDir, builtFrom(BASE)));
/** @type {Record<string, string>} */
const wasm = { [BASE]: await gz64(base) };
/** @type {Record<string, string>} */
const delta = {};
for (const file of DELTAS) {
  const target = readFileSync(path.join(engineDir, builtFrom(file)));
  const d = makeDelta(base, target);
  if (!Buffer.from(applyDelta(base, d)).equals(target)) throw new Error(`${file}: its delta does not rebuild it`);
  wasm[file] = await gz64(d);
  delta[file] = BASE;
}
// One script for the page and its training worker (web/offline-entry.js): the page starts the
// worker from this script's own text, so the engine's JavaScript is carried once.
if (entry[1] !== 'main.js') throw new Error(`index.html loads ${entry[1]}, not main.js (web/offline-entry.js imports main.js)`);
const page = await classicScript('web/offline-entry.js', { 'assets.js': 'assets-offline.js', 'takeaway.js': 'takeaway-offline.js' });
// JSON, with '<' escaped so that no "</script" or "<!--" can appear in the element.
const builtIn = JSON.stringify({ wasm, delta }).replace(/</g, '\\u003c');
const script = `"use strict";var nnplayBuiltIn=${builtIn};${page}`;
if (/<\/script|<!--/i.test(script)) throw new Error('the inline script would end early: it holds "</script" or "<!--"');
// The page's styles, then the panels' (panels.css, which the served page links on first use).
const style = ['style.css', 'panels.css'].map((f) => readFileSync(path.join(site, f), 'utf8').trim()).join('');
if (/<\/style/i.test(style)) throw new Error('style.css holds "</style"');

// The served page's policy with its own scripts, styles and worker: the style attributes it
// allows (style-src-attr) are kept; everything else is refused.
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
if (!meta) throw new Error('index.html has no Content-Security-Policy');
const styleAttr = meta[1].split(';').map((d) => d.trim()).find((d) => d.startsWith('style-src-attr '));
const policy = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `style-src ${sha256(style)}`,
  ...(styleAttr ? [styleAttr] : []),
  'img-src data:',
  'connect-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const startup = /<div id="startup"[^>]*>[\s\S]*?<\/div>/;
if (!startup.test(html)) throw new Error('index.html has no start-up message');
const out = html
  .replace(meta[0], () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`)
  .replace(/<link rel="stylesheet" href="[^"]+">/, () => `<style>${style}</style>`)
  .replace(entry[0], '')
  // Here the script is inline, so a browser that shows this message runs no script at all.
  .replace(startup, () => '<div id="startup" class="startup" role="status"><p><strong>The playground has not started.</strong> '
    + 'It needs JavaScript and WebAssembly: open this file in a current Chrome, Edge, Firefox or Safari.</p></div>')
  .replace('</body>', () => `<script>${script}</script>\n</body>`);
writeFileSync(path.join(site, 'nnplay.html'), out);
