// The lab engine (nnplay-wasm-lab*.wasm): the first engine plus what panels opened on use need.
// loadEngine({lab}) loads the build asked for, with or without SIMD; the first engine refuses a
// lab call in words (and is smaller by what the lab adds); the lab engine computes every golden
// fixture exactly as the first one does, so the page can move between them mid-training.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { engineDir, importEngine, loadFixtures } from './support/env.js';

const fixtures = loadFixtures();

/** The engine asked for, with the module files it loaded. @param {object} options */
async function load(options) {
  /** @type {string[]} */
  const files = [];
  const engine = await (await importEngine()).loadEngine({ ...options, module: (file) => { files.push(file); return pathToFileURL(join(engineDir, file)); } });
  return { engine, files };
}

test('loadEngine({lab}) loads the build asked for, with SIMD or without', async () => {
  const cases = [[{ simd: true, lab: false }, 'nnplay-wasm.wasm', false], [{ simd: false, lab: false }, 'nnplay-wasm-nosimd.wasm', false],
    [{ simd: true, lab: true }, 'nnplay-wasm-lab.wasm', true], [{ simd: false, lab: true }, 'nnplay-wasm-lab-nosimd.wasm', true]];
  for (const [options, file, lab] of cases) {
    const { engine, files } = await load(options);
    assert.deepEqual(files, [file]);
    assert.equal(engine.lab, lab, file);
  }
});

test('the first engine refuses a lab call in words, and carries none of the lab\'s code', async () => {
  const { engine } = await load({ lab: false });
  const ex = engine.experiment('seed=0.5');
  try {
    assert.throws(() => ex.layerStats(), /layerStats\(\) needs the lab engine: loadEngine\(\{lab: true\}\)/);
  } finally {
    ex.dispose();
  }
  const gz = (/** @type {string} */ file) => gzipSync(readFileSync(join(engineDir, file)), { level: 9 }).length;
  assert.ok(gz('nnplay-wasm.wasm') < gz('nnplay-wasm-lab.wasm'), `first ${gz('nnplay-wasm.wasm')} B, lab ${gz('nnplay-wasm-lab.wasm')} B gzipped`);
});

test('the lab engine computes every fixture as the first engine does: network and 300 epochs of losses', async () => {
  const first = (await load({ lab: false })).engine;
  const lab = (await load({ lab: true })).engine;
  for (const fx of fixtures) {
    const options = { unseededRandom: fx.unseeded_random ?? 0.5 };
    const [a, b] = [first.experiment(fx.hash, options), lab.experiment(fx.hash, options)];
    try {
      assert.deepEqual(b.network(), a.network(), fx.name);
      a.train(300);
      b.train(300);
      assert.deepEqual(b.lossCurve(), a.lossCurve(), fx.name);
    } finally {
      a.dispose();
      b.dispose();
    }
  }
});

test('a state saved by the first engine loads into the lab engine, which trains on identically', async () => {
  const first = (await load({ lab: false })).engine;
  const lab = (await load({ lab: true })).engine;
  const hash = 'seed=0.7&dataset=spiral&networkShape=6,4&optimizer=adam&dropout=0.2&epoch=40&learningRate@20=0.01';
  const a = first.experiment(hash);
  const b = lab.experiment(hash);
  try {
    a.train(40);
    b.loadState(a.saveState(0));
    assert.equal(b.epoch, 40);
    a.train(25);
    b.train(25);
    assert.deepEqual(b.lossCurve(), a.lossCurve());
    assert.deepEqual(b.network(), a.network());
  } finally {
    a.dispose();
    b.dispose();
  }
});
