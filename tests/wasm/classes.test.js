// K-class problems through the engine's JS API (wasm-bindings/engine/classes.js): the
// `classes` parameter and its notices, a 3-class blob set trained to >= 95 % training
// accuracy, the confusion matrices, the class heatmap, and two classes left as TFP's.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { importEngine } from './support/env.js';

let engine;
/** The lab engine, for the step-through's trace. */
let lab;
before(async () => {
  const mod = await importEngine();
  engine = await mod.loadEngine();
  lab = await mod.loadEngine({ lab: true });
});

/** Runs fn with a fresh experiment and disposes it afterwards. */
function withExperiment(hash, fn) {
  const ex = engine.experiment(hash, { unseededRandom: 0.5 });
  try {
    return fn(ex);
  } finally {
    ex.dispose();
  }
}

/** @param {number[][]} m */
const total = (m) => m.flat().reduce((a, b) => a + b, 0);
/** @param {number[][]} m */
const diagonal = (m) => m.reduce((a, row, i) => a + row[i], 0);

describe('classes', () => {
  test('classes=K gives K output nodes with a softmax, K-class labels and no notice', () => {
    withExperiment('classes=4&seed=k', (ex) => {
      assert.equal(ex.classes, 4);
      assert.equal(ex.state().classes, 4);
      assert.equal(ex.state().dataset, 'gauss');
      assert.deepEqual(ex.notices(), []);
      const layout = ex.layout();
      assert.equal(layout.layerSizes.at(-1), 4);
      assert.equal(layout.outputActivation, 'softmax');
      assert.equal(ex.derived().output_activation, 'softmax');
      const labels = new Set([...ex.data().train, ...ex.data().test].map((p) => p[2]));
      assert.deepEqual([...labels].sort(), [0, 1, 2, 3]);
      assert.match(ex.hash(), /(^|&)classes=4(&|$)/);
    });
  });

  test('bad values and combinations get notices and fall back to two classes', () => {
    for (const [hash, param, reason] of [
      ['classes=9', 'classes', /whole number from 2 to 6; using 2/],
      ['classes=abc', 'classes', /not a number; using 2/],
      ['classes=3&problem=regression', 'classes', /regression; using 2/],
      ['classes=3&model=perceptron', 'classes', /perceptron/],
      ['classes=3&dataset=circle', 'dataset', /using gauss/],
    ]) {
      const { notices, state } = engine.parseHash(hash);
      assert.equal(notices.length, 1, hash);
      assert.equal(notices[0].param, param, hash);
      assert.match(notices[0].reason, reason, hash);
      if (param === 'classes') assert.equal(state.classes, 2, hash);
    }
    assert.equal(engine.parseHash('classes=2').hash.includes('classes'), false);
  });

  test('a 3-class blob set reaches at least 95 % training accuracy; confusion counts every point', () => {
    withExperiment('classes=3&dataset=gauss&seed=blobs&noise=20', (ex) => {
      ex.train(100);
      const acc = ex.accuracy();
      assert.ok(acc.train >= 0.95, `training accuracy ${acc.train}`);
      const c = /** @type {{train: number[][], test: number[][]}} */ (ex.confusion());
      assert.equal(c.train.length, 3);
      assert.ok(c.train.every((row) => row.length === 3));
      assert.equal(total(c.train), ex.data().train.length);
      assert.equal(total(c.test), ex.data().test.length);
      assert.equal(diagonal(c.train) / total(c.train), acc.train);
      assert.equal(diagonal(c.test) / total(c.test), acc.test);
      const loss = ex.lossCurve();
      assert.ok(loss[0][0] > 1 && loss.at(-1)[0] < 0.2, 'mean cross-entropy from about log 3 down');
    });
  });

  test('two classes get a 2x2 confusion matrix by TFP\'s sign rule; regression none', () => {
    withExperiment('seed=two&dataset=xor', (ex) => {
      ex.train(20);
      assert.equal(ex.classes, 2);
      const c = /** @type {{train: number[][], test: number[][]}} */ (ex.confusion());
      assert.equal(c.train.length, 2);
      assert.equal(total(c.train), ex.data().train.length);
      assert.equal(diagonal(c.test) / total(c.test), ex.accuracy().test);
      assert.throws(() => ex.evaluateClasses(10), RangeError);
    });
    withExperiment('seed=r&problem=regression', (ex) => {
      assert.equal(ex.classes, 0);
      assert.equal(ex.confusion(), null);
    });
  });

  test('evaluateClasses gives a class index and its probability per cell', () => {
    withExperiment('classes=5&dataset=spiral&seed=h&networkShape=8,8', (ex) => {
      ex.train(30);
      const d = 40;
      const g = ex.evaluateClasses(d);
      assert.equal(g.length, 2 * d * d);
      const seen = new Set();
      for (let c = 0; c < d * d; c++) {
        assert.ok(Number.isInteger(g[c]) && g[c] >= 0 && g[c] < 5);
        assert.ok(g[d * d + c] >= 0.2 - 1e-6 && g[d * d + c] <= 1 + 1e-6);
        seen.add(g[c]);
      }
      assert.ok(seen.size >= 3, 'the plane is split among the classes');
      assert.throws(() => ex.evaluateClasses(1), RangeError);
      assert.throws(() => ex.evaluateClasses(5000), RangeError);
    });
  });

  test('the step-through refuses K outputs with a RangeError, and the state moves to another engine', () => {
    withExperiment('classes=3&seed=s', (ex) => {
      assert.throws(() => ex.backpropTrace(0), /needs the lab engine/);
      const onLab = lab.experiment(ex.hash());
      try {
        assert.throws(() => onLab.backpropTrace(0), RangeError);
      } finally {
        onLab.dispose();
      }
      ex.train(5);
      const bytes = ex.saveState();
      withExperiment(ex.hash(), (other) => {
        other.loadState(bytes);
        ex.train(5);
        other.train(5);
        assert.deepEqual(other.lossCurve(), ex.lossCurve());
        assert.deepEqual(other.confusion(), ex.confusion());
      });
    });
  });
});
