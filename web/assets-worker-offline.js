// assets-worker-offline.js — assets.js for the training worker of the one-file page
// (dist/nnplay.html): the page starts the worker from a Blob with `var nnplayBuiltIn = {wasm}`
// before its script, `wasm` mapping each engine module's file name to its bytes in base64, already
// inflated by the page (assets-offline.js), so the worker carries no inflater.

import { loadEngine } from '../wasm-bindings/engine.js';

/** @type {{wasm: Record<string, string>}} */
const builtIn = /** @type {any} */ (globalThis).nnplayBuiltIn;

/** The engine, built in; it loads the module it chose from the page's bytes. */
export async function importEngine() {
  return {
    loadEngine: () => loadEngine({
      lab: true, // the one engine this page carries: the first engine and the lab in one
      module: (file) => {
        if (!(file in builtIn.wasm)) throw new Error(`${file} is not built into this page`);
        return Uint8Array.from(atob(builtIn.wasm[file]), (c) => c.charCodeAt(0));
      },
    }),
  };
}
