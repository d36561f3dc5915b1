// The engine built without wasm SIMD (nnplay-wasm-nosimd.wasm, for browsers without it) under
// Node: chosen when SIMD is missing, and for every golden fixture the same state, initial network
// and losses at every recorded epoch as TFP under Node, bit for bit, as the SIMD engine gives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { engineDir, importEngine, loadFixtures, num } from './support/env.js';

const fixtures = loadFixtures();
/** Each module file the engine asked for. @type {string[]} */
const asked = [];
const fromEngineDir = (/** @type {string} */ file) => {
  asked.push(file);
  return pathToFileURL(join(engineDir, file));
};
let engine;
before(async () => {
  engine = await (await importEngine()).loadEngine({ simd: false, module: fromEngineDir });
});

test('{simd: false} loads nnplay-wasm-nosimd.wasm', () => {
  assert.deepEqual(asked, ['nnplay-wasm-nosimd.wasm']);
});

test('where WebAssembly.validate refuses SIMD, loadEngine() chooses the module without it', async (t) => {
  const validate = WebAssembly.validate;
  t.after(() => { WebAssembly.validate = validate; });
  WebAssembly.validate = (bytes) => !new Uint8Array(bytes.buffer ?? bytes).includes(0xfd) && validate(bytes);
  /** @type {string[]} */
  const files = [];
  const mod = await importEngine();
  await mod.loadEngine({ module: (file) => { files.push(file); return pathToFileURL(join(engineDir, file)); } });
  WebAssembly.validate = validate;
  await mod.loadEngine({ module: (file) => { files.push(file); return pathToFileURL(join(engineDir, file)); } });
  assert.deepEqual(files, ['nnplay-wasm-nosimd.wasm', 'nnplay-wasm.wasm']);
});

test('without WebAssembly loadEngine() rejects, saying so in words', async (t) => {
  const wasm = globalThis.WebAssembly;
  t.after(() => { globalThis.WebAssembly = wasm; });
  const mod = await importEngine();
  delete globalThis.WebAssembly;
  await assert.rejects(mod.loadEngine(), /this browser does not run WebAssembly: open the playground in a current Chrome, Edge, Firefox or Safari/);
});

for (const fx of fixtures) {
  describe(fx.name, () => {
    let ex;
    before(() => {
      ex = engine.experiment(fx.hash, { unseededRandom: fx.unseeded_random ?? 0.5 });
    });
    after(() => ex?.dispose());

    test('the initial network holds TFP\'s weights and biases exactly', () => {
      assert.deepEqual(ex.network(), fx.network);
    });

    test('losses at every recorded epoch equal TFP\'s under Node bit for bit', () => {
      const mismatches = [];
      for (const key of Object.keys(fx.losses).map(Number).sort((a, b) => a - b)) {
        ex.train(key - ex.epoch);
        const got = ex.loss();
        const want = fx.alt_engine_node_losses[key];
        for (const side of ['train', 'test']) {
          if (!Object.is(got[side], num(want[side]))) mismatches.push(`epoch ${key} ${side}: got ${got[side]}, want ${want[side]}`);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  });
}
