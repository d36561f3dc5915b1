// The trained network as a model file (experiment.modelFile(kind), core/model_export.h): the lab
// engine's, written by the C writer the CLI prints with. The first engine refuses in words; the
// model JSON holds the network to the last bit and the link; a perceptron, a diverged network
// and an unknown kind are refused; nothing leaks. The one-file page's lab engine
// (nnplay-wasm-offline*.wasm, built without exports-model.txt) refuses in words too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { engineDir, importEngine, loadFixtures, repoRoot } from './support/env.js';

const { loadEngine } = await importEngine();
const first = await loadEngine({ lab: false });
const lab = await loadEngine({ lab: true });

/** Runs fn on a fresh experiment of `engine` for `hash`, disposed afterwards. */
function withExperiment(engine, hash, fn) {
  const ex = engine.experiment(hash);
  try {
    return fn(ex);
  } finally {
    ex.dispose();
  }
}

test('the first engine refuses modelFile() in words: it is the lab engine\'s', () => {
  withExperiment(first, 'seed=m1', (ex) => {
    assert.throws(() => ex.modelFile('json'), /modelFile\(\) needs the lab engine: loadEngine\(\{lab: true\}\)/);
  });
});

test('the model JSON holds the link and every weight and bias bit for bit', () => {
  for (const hash of ['seed=m2&dataset=spiral&networkShape=5,3&activation=relu&xSquared=true',
    'seed=m3&problem=regression&regDataset=reg-plane&networkShape=2&activation=linear',
    'seed=m4&classes=4&dataset=gauss&networkShape=3&activation=softplus']) {
    withExperiment(lab, hash, (ex) => {
      ex.train(20);
      const parse = (/** @type {string} */ text) => JSON.parse(text.replace(/(?<=[[ ])-0(?=[,\]])/g, '"-0"'), (_, v) => (v === '-0' ? -0 : v));
      const model = parse(ex.modelFile('json'));
      assert.equal(model.format, 'nnplay-model');
      assert.equal(model.link, ex.hash());
      assert.deepEqual(model.layers, ex.layout().layerSizes);
      assert.deepEqual(model.features, ex.layout().inputIds);
      assert.equal(model.output, { m2: 'tanh', m3: 'linear', m4: 'softmax' }[/seed=(m\d)/.exec(hash)[1]]);
      const net = ex.network();
      assert.deepEqual(model.weights, net.map((layer) => layer.map((n) => n.weights)), hash);
      assert.deepEqual(model.biases, net.map((layer) => layer.map((n) => n.bias)), hash);
      // The Python file is that JSON between its head and its tail.
      const python = ex.modelFile('python');
      assert.ok(python.includes(`MODEL = json.loads(r"""\n${ex.modelFile('json')}""", `), hash);
      assert.match(python, /\ndef predict\(x1, x2, model=None\):/);
    });
  }
});

test('a perceptron, a diverged network and another kind are refused with a RangeError', () => {
  withExperiment(lab, 'seed=m5&model=perceptron&dataset=gauss', (ex) => {
    assert.throws(() => ex.modelFile('json'), { name: 'RangeError', message: /perceptron \(model=perceptron\) is not exported/ });
  });
  const diverging = loadFixtures().find((f) => f.name.startsWith('dev07')); // NaN from epoch 4
  withExperiment(lab, diverging.hash, (ex) => {
    ex.train(10);
    assert.ok(ex.divergedAt() >= 0, 'the network diverged');
    assert.throws(() => ex.modelFile('python'), { name: 'RangeError', message: /non-finite parameters/ });
  });
  withExperiment(lab, 'seed=m7', (ex) => {
    for (const kind of ['xml', 'csv', undefined, 0]) {
      assert.throws(() => ex.modelFile(/** @type {any} */ (kind)), { name: 'RangeError', message: /kind must be 'json' or 'python'/ });
    }
  });
});

test('writing model files leaks nothing', () => {
  withExperiment(lab, 'seed=m8&networkShape=6,6', (ex) => {
    ex.modelFile('python');
    const before = lab.heapBytesInUse();
    for (let i = 0; i < 50; i++) ex.modelFile(i % 2 ? 'json' : 'python');
    assert.equal(lab.heapBytesInUse(), before);
  });
});

/** An engine module's path: beside the engine under test, or in the build (dist/engine/ does not
 * ship the one-file page's modules). @param {string} file */
function moduleFile(file) {
  const beside = join(engineDir, file);
  return existsSync(beside) ? beside : join(repoRoot, 'build/wasm/wasm-bindings', file);
}

test('the one-file page\'s lab engine, built without the model files, refuses modelFile() in words', async () => {
  for (const [simd, file] of [[true, 'nnplay-wasm-offline.wasm'], [false, 'nnplay-wasm-offline-nosimd.wasm']]) {
    const offline = await loadEngine({ lab: true, simd, module: () => pathToFileURL(moduleFile(file)) });
    assert.equal(offline.lab, true, file);
    withExperiment(offline, 'seed=m9&networkShape=3', (ex) => {
      ex.train(5);
      for (const kind of ['json', 'python']) {
        assert.throws(() => ex.modelFile(kind), (e) => e instanceof Error && e.name === 'EngineError'
          && /modelFile\(\): this lab engine is built without the model files/.test(e.message), `${file} ${kind}`);
      }
      // The rest of the lab engine is there: the points' CSV, the layer view, the step-through.
      withExperiment(lab, 'seed=m9&networkShape=3', (full) => {
        full.train(5);
        assert.equal(ex.pointsCsv(), full.pointsCsv());
        assert.deepEqual(ex.backpropTrace(0), full.backpropTrace(0));
      });
      assert.ok(ex.layerStats().layers.length > 0);
    });
  }
  const gz = (/** @type {string} */ file) => gzipSync(readFileSync(moduleFile(file)), { level: 9 }).length;
  assert.ok(gz('nnplay-wasm-offline.wasm') < gz('nnplay-wasm-lab.wasm'),
    `offline ${gz('nnplay-wasm-offline.wasm')} B, lab ${gz('nnplay-wasm-lab.wasm')} B gzipped`);
});
