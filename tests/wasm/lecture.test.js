// The lecture's engine API: lessons, the model/mode/lesson parameters, the perceptron's
// misclassified curve and verdict, and the backpropagation trace (core/lessons.h,
// core/perceptron.h, core/backprop_trace.h) as wasm-bindings/engine.js exposes them.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { importEngine } from './support/env.js';

let engine;
/** The lab engine: the backprop trace is its own (wasm-bindings/exports-lab.txt). */
let lab;
before(async () => {
  const mod = await importEngine();
  engine = await mod.loadEngine();
  lab = await mod.loadEngine({ lab: true });
});

/** Runs fn with a fresh experiment (of the first engine, or `on`) and disposes it afterwards. */
function withExperiment(hash, fn, on = engine) {
  const ex = on.experiment(hash, { unseededRandom: 0.5 });
  try {
    return fn(ex);
  } finally {
    ex.dispose();
  }
}

describe('lessons', () => {
  test('engine.lessons() lists the course in order, each with an id and a hash; the lab engine adds its words', async () => {
    const lessons = engine.lessons();
    assert.ok(lessons.length >= 17);
    assert.deepEqual(lessons.slice(0, 4).map((l) => l.id), ['perceptron-separable', 'hebb', 'perceptron-xor', 'xor-mlp']);
    for (const l of lessons) {
      assert.deepEqual(Object.keys(l).sort(), ['hash', 'id'], 'the first engine carries no words');
      assert.match(l.id, /^[a-z0-9-]{1,32}$/);
      assert.ok(l.hash.length > 0);
      assert.doesNotMatch(l.hash, /(^|&)lesson=/);
    }
    assert.equal(new Set(lessons.map((l) => l.id)).size, lessons.length);
    assert.notEqual(engine.lessons(), engine.lessons(), 'a fresh copy each call');

    const lab = await (await importEngine()).loadEngine({ lab: true });
    const worded = lab.lessons();
    assert.deepEqual(worded.map((l) => ({ id: l.id, hash: l.hash })), lessons, 'the same table');
    for (const l of worded) {
      assert.deepEqual(Object.keys(l).sort(), ['goal', 'hash', 'id', 'title', 'try']);
      assert.ok(l.title.length > 0 && l.goal.length > 0 && l.try.length > 0, l.id);
    }
  });

  test('lesson=<id> opens the lesson\'s experiment, with no notice, and keeps the id in the hash', () => {
    for (const l of engine.lessons()) {
      withExperiment(`lesson=${l.id}`, (ex) => {
        assert.deepEqual(ex.notices(), [], l.id);
        const st = ex.state();
        assert.equal(st.lesson, l.id);
        const own = engine.parseHash(l.hash).state;
        for (const k of ['dataset', 'model', 'mode', 'learningRate', 'networkShape', 'activation', 'seed', 'noise']) {
          assert.deepEqual(st[k], own[k], `${l.id}: ${k}`);
        }
        assert.match(ex.hash(), new RegExp(`(^|&)lesson=${l.id}(&|$)`));
      });
    }
  });

  test('a lesson\'s mode or model set back to the default stays so through the canonical hash', () => {
    for (const extra of ['mode=complete', 'model=mlp&networkShape=4']) {
      withExperiment(`lesson=perceptron-xor&${extra}`, (ex) => {
        const again = engine.parseHash(ex.hash()).state;
        assert.equal(again.mode, ex.state().mode);
        assert.equal(again.model, ex.state().model);
        assert.equal(again.lesson, 'perceptron-xor');
      });
    }
    assert.equal(engine.parseHash('lesson=perceptron-xor&mode=complete').state.mode, 'complete');
  });

  test('an unknown lesson is a notice, not an exception', () => {
    const { state, notices } = engine.parseHash('lesson=nope&dataset=xor');
    assert.equal(state.lesson, null);
    assert.equal(state.dataset, 'xor');
    assert.deepEqual(notices.map((n) => n.param), ['lesson']);
  });
});

describe('model and mode', () => {
  test('state() carries model, mode and lesson, with TFP links at mlp, complete and none', () => {
    const st = engine.parseHash('').state;
    assert.deepEqual([st.model, st.mode, st.lesson], ['mlp', 'complete', null]);
    const p = engine.parseHash('model=perceptron&mode=simplified').state;
    assert.deepEqual([p.model, p.mode], ['perceptron', 'simplified']);
    assert.doesNotMatch(engine.parseHash('mode=complete&model=mlp').hash, /mode=|model=/);
  });

  test('the perceptron is a single step neuron on the used features', () => {
    withExperiment('model=perceptron&dataset=gauss&networkShape=4,2&xSquared=true&seed=p', (ex) => {
      const layout = ex.layout();
      assert.deepEqual(layout.layerSizes, [3, 1]);
      const grid = ex.evaluateGrid(10);
      const out = grid.subarray(3 * 100, 4 * 100);
      assert.ok(out.every((v) => v === 1 || v === -1), 'the output slice is the step');
    });
  });
});

describe('the perceptron', () => {
  test('converges on separable gauss data: the curve reaches 0 and the report says when', () => {
    withExperiment('lesson=perceptron-separable', (ex) => {
      ex.train(30);
      const curve = ex.misclassifiedCurve();
      assert.equal(curve.length, 31);
      const view = ex.misclassifiedCurveView();
      assert.ok(view instanceof Int32Array);
      assert.deepEqual(Array.from(view), curve);
      const first = curve.indexOf(0);
      assert.ok(first >= 0, `some epoch has no error: ${curve.join(',')}`);
      const report = ex.perceptronReport();
      assert.equal(report.verdict, 'converged');
      assert.equal(report.convergedEpoch, first);
      assert.equal(report.misclassified, curve[30]);
      assert.equal(curve[30], 0, 'no update after an error-free epoch');
      const numTrain = ex.data().train.length;
      assert.equal(ex.lossCurve()[first][0], 0);
      assert.equal(ex.lossCurve()[0][0], curve[0] / numTrain, 'the loss is the fraction misclassified');
      assert.equal(report.text, 'The perceptron separates the training data: an epoch ended with no errors.');
    });
  });

  test('on XOR it is undecided for 49 epochs, then says it cannot separate the data', () => {
    withExperiment('lesson=perceptron-xor', (ex) => {
      assert.equal(ex.perceptronReport().verdict, 'undecided');
      ex.train(49);
      assert.equal(ex.perceptronReport().verdict, 'undecided');
      ex.train(1);
      const report = ex.perceptronReport();
      assert.equal(report.verdict, 'not-separable');
      assert.equal(report.convergedEpoch, -1);
      assert.ok(report.misclassified > 0);
      assert.equal(report.text, 'A single perceptron cannot separate this data: no epoch without errors in 50 '
        + 'epochs. It is not linearly separable (like XOR); a hidden layer is needed.');
      assert.ok(ex.misclassifiedCurve().every((n) => n > 0));
    });
  });

  test('an MLP has no misclassified curve and an empty report', () => {
    withExperiment('dataset=xor&seed=m', (ex) => {
      ex.train(3);
      assert.deepEqual(ex.misclassifiedCurve(), []);
      assert.equal(ex.misclassifiedCurveView().length, 0);
      assert.deepEqual(ex.perceptronReport(), { verdict: 'undecided', convergedEpoch: -1, misclassified: -1,
        text: 'Still learning: no epoch without errors yet.' });
    });
  });
});

describe('the backpropagation trace', () => {
  /** @param {string} hash @param {(ex: any) => void} fn */
  const withLab = (hash, fn) => withExperiment(hash, fn, lab);

  test('is the lab engine\'s: the first engine refuses it in words', () => {
    withExperiment('seed=e', (ex) => {
      assert.throws(() => ex.backpropTrace(0), /backpropTrace\(\) needs the lab engine: loadEngine\(\{lab: true\}\)/);
    });
  });

  test('gives every stage\'s numbers for one training point and leaves the experiment as it was', () => {
    withLab('lesson=backprop', (ex) => {
      ex.train(5);
      const layout = ex.layout();
      const params = Array.from(ex.params());
      const curve = ex.lossCurve();
      const point = 7;
      const t = ex.backpropTrace(point);
      const [x, y, label] = ex.data().train[point];
      assert.deepEqual([t.point, t.x, t.y, t.target], [point, x, y, label]);
      for (const k of ['total', 'output', 'outputDer', 'inputDer']) assert.equal(t[k].length, layout.numNodes, k);
      for (const k of ['params', 'grad', 'paramsAfter']) assert.equal(t[k].length, layout.numParams, k);
      assert.deepEqual(t.params, params);
      assert.deepEqual(t.output.slice(0, 2), [x, y], 'the input nodes hold the features x, y');
      assert.equal(t.prediction, t.output[layout.numNodes - 1]);
      assert.equal(t.error, 0.5 * (t.prediction - t.target) ** 2);
      assert.equal(t.errorDer, t.prediction - t.target);
      assert.equal(t.inputDer[layout.numNodes - 1], t.errorDer * (1 - t.prediction ** 2), 'tanh output: delta = dE/dy * (1 - y^2)');
      assert.equal(t.learningRate, 0.1);
      for (let p = 0; p < layout.numParams; p++) {
        assert.ok(Math.abs(t.paramsAfter[p] - (t.params[p] - t.learningRate * t.grad[p])) <= 1e-15 * Math.max(1, Math.abs(t.params[p])), `SGD step of param ${p}`);
      }
      // Untouched: parameters, epoch and loss curve.
      assert.deepEqual(Array.from(ex.params()), params);
      assert.equal(ex.epoch, 5);
      assert.deepEqual(ex.lossCurve(), curve);
    });
  });

  test('its gradients match central differences of the sample\'s error', () => {
    withLab('dataset=circle&networkShape=3,2&activation=tanh&xSquared=true&seed=g', (ex) => {
      const t = ex.backpropTrace(3);
      const h = 1e-6;
      for (let p = 0; p < t.params.length; p++) {
        const view = ex.params();
        const w = view[p];
        view[p] = w + h;
        const up = ex.backpropTrace(3).error;
        ex.params()[p] = w - h;
        const down = ex.backpropTrace(3).error;
        ex.params()[p] = w;
        const numeric = (up - down) / (2 * h);
        assert.ok(Math.abs(numeric - t.grad[p]) <= 1e-6 + 1e-4 * Math.abs(t.grad[p]), `param ${p}: ${numeric} vs ${t.grad[p]}`);
      }
    });
  });

  test('its update is a real batch-size-1 training step, bit for bit', () => {
    const cases = ['', '&regularization=L2&regularizationRate=0.01', '&regularization=L1&regularizationRate=0.003',
      '&optimizer=adam&learningRate=0.01', '&activation=relu&networkShape=5,3', '&optimizer=momentum'];
    for (const extra of cases) {
      // percTrainData=0.2 keeps 1 of the 500 points for training: one epoch is one step on it.
      withLab(`dataset=xor&networkShape=4,2&batchSize=1&percTrainData=0.2&learningRate=0.1&seed=b${extra}`, (ex) => {
        assert.equal(ex.derived().num_train, 1);
        ex.train(1); // optimiser state that is not zero (momentum, Adam's moments)
        const t = ex.backpropTrace(0);
        ex.train(1);
        assert.deepEqual(Array.from(ex.params()), t.paramsAfter, extra || 'sgd');
      });
    }
  });

  test('refuses a bad point index and the perceptron, and works again afterwards', () => {
    withLab('dataset=xor&seed=e', (ex) => {
      const n = ex.data().train.length;
      for (const bad of [-1, n, 1.5, NaN, '0', undefined]) {
        assert.throws(() => ex.backpropTrace(/** @type {any} */ (bad)), RangeError, String(bad));
      }
      assert.equal(ex.backpropTrace(n - 1).point, n - 1);
    });
    withLab('model=perceptron&dataset=xor&seed=e', (ex) => {
      assert.throws(() => ex.backpropTrace(0), RangeError);
    });
    const ex = lab.experiment('seed=d');
    ex.dispose();
    assert.throws(() => ex.backpropTrace(0), /disposed/);
  });

  test('creates and frees its C trace: 2,000 traces leak no byte', () => {
    withLab('networkShape=8,8,8&seed=leak', (ex) => {
      ex.backpropTrace(0);
      const inUse = lab.heapBytesInUse();
      for (let i = 0; i < 2000; i++) ex.backpropTrace(i % 100);
      try { ex.backpropTrace(-1); } catch { /* refused before anything is allocated */ }
      assert.equal(lab.heapBytesInUse(), inUse);
    });
    withLab('model=perceptron&seed=leak', (ex) => {
      const inUse = lab.heapBytesInUse();
      for (let i = 0; i < 100; i++) assert.throws(() => ex.backpropTrace(0), RangeError);
      assert.equal(lab.heapBytesInUse(), inUse, 'refused by the engine: the trace is freed too');
    });
  });
});
