// assets-offline.js — assets.js for the one-file page, dist/nnplay.html, which scripts/offline.mjs
// bundles with this module in assets.js's place: the engine is built in and its modules' bytes
// are in the page (base64), the training worker is the page's own script again (a Blob), and the
// panels' styles are in the page's one style, so the page fetches nothing, opened from file:// too.
//
// scripts/offline.mjs puts `var nnplayBuiltIn = {wasm, delta}` before the page's script:
// `wasm` maps each engine module's file name to its gzipped bytes in base64 (inflated here by
// fflate, which every browser that runs the page can run, unlike DecompressionStream) or, for a
// module named in `delta`, to its delta (web/delta.js) from the module `delta` names. The worker,
// started from the same script, reads them the same way.

import { gunzipSync } from 'fflate';
import { loadEngine } from '../wasm-bindings/engine.js';
import { loadPoints } from '../wasm-bindings/points.js';
import { applyDelta } from './delta.js';

/** @type {{wasm: Record<string, string>, delta: Record<string, string>}} */
const builtIn = /** @type {any} */ (globalThis).nnplayBuiltIn;

/** @param {string} base64 gzipped bytes @returns {Uint8Array} the bytes inflated */
function inflate(base64) {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return gunzipSync(out);
}

/** @param {string} file an engine module's name @returns {Uint8Array} its bytes */
function bytes(file) {
  if (!(file in builtIn.wasm)) throw new Error(`${file} is not built into this page`);
  const base = builtIn.delta[file];
  return base ? applyDelta(bytes(base), inflate(builtIn.wasm[file])) : inflate(builtIn.wasm[file]);
}

/** The engine, built in; it loads the module it chose from the page. */
export async function importEngine() {
  return {
    loadEngine: () => loadEngine({
      lab: true, // the one engine this page carries: the first engine and the lab in one
      module: bytes,
    }),
  };
}

/** The points module (own data), built in. */
export async function importPoints() {
  return { loadPoints: () => loadPoints({ module: bytes }) };
}

/** A new training worker: this page's own script again, from a Blob (offline-entry.js: without
 * a document it is the worker), with the engine's modules at its head as in the page. */
export function newTrainingWorker() {
  const source = /** @type {any} */ (globalThis).nnplayScript;
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
}

/** The panels' styles: already in the page's style (scripts/offline.mjs). @returns {Promise<void>} */
export function panelStyles() {
  return Promise.resolve();
}

/** Model files: not in this page, whose lab engine is built without their writer (scripts/offline.mjs). */
export const modelFiles = false;
