// Each layer's statistics over the training points (experiment.layerStats(), core/layer_stats.h)
// against the same statistics computed here in plain JavaScript from network() and data():
// a forward and a backward pass written out with the host's Math, then quantiles and histograms.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { importEngine } from './support/env.js';

let engine;
before(async () => {
  engine = await (await importEngine()).loadEngine({ lab: true });
});

const ACT = {
  tanh: [Math.tanh, (o) => 1 - o * o],
  relu: [(t) => Math.max(0, t), (o) => (o <= 0 ? 0 : 1)],
  sigmoid: [(t) => 1 / (1 + Math.exp(-t)), (o) => o * (1 - o)],
  linear: [(t) => t, () => 1],
};
const FEATURE = {
  x: (x) => x, y: (x, y) => y, xSquared: (x) => x * x, ySquared: (x, y) => y * y,
  xTimesY: (x, y) => x * y, sinX: (x) => Math.sin(x), sinY: (x, y) => Math.sin(y),
};

/** Per layer after the inputs: [neuron][point] outputs and dE/d totals (square loss). */
function passes(ex) {
  const layout = ex.layout();
  const net = ex.network();
  const points = ex.data().train;
  const last = net.length - 1;
  const acts = net.map((layer) => layer.map(() => []));
  const grads = net.map((layer) => layer.map(() => []));
  for (const [x, y, label] of points) {
    const outs = [layout.inputIds.map((id) => FEATURE[id](x, y))];
    net.forEach((layer, l) => {
      const [f] = ACT[l === last ? layout.outputActivation : layout.hiddenActivation];
      outs.push(layer.map((n) => f(n.weights.reduce((t, w, i) => t + w * outs[l][i], n.bias))));
    });
    let delta = [];
    for (let l = last; l >= 0; l--) {
      const [, der] = ACT[l === last ? layout.outputActivation : layout.hiddenActivation];
      const o = outs[l + 1];
      delta = l === last
        ? [(o[0] - label) * der(o[0])]
        : o.map((oi, i) => net[l + 1].reduce((s, n, j) => s + n.weights[i] * delta[j], 0) * der(oi));
      delta.forEach((d, j) => { acts[l][j].push(o[j]); grads[l][j].push(d); });
    }
  }
  return { acts, grads };
}

function quantile(values, q) {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const x = q * (v.length - 1), i = Math.floor(x);
  return x === i ? v[i] : v[i] + (x - i) * (v[i + 1] - v[i]);
}

const same = (a, b) => a === b || (Number.isNaN(a) && Number.isNaN(b));

const LINKS = [
  'activation=tanh&networkShape=4,2&dataset=circle&seed=0.12345',
  'activation=relu&networkShape=5,3&dataset=xor&xTimesY=true&noise=25&seed=relu',
  'activation=sigmoid&networkShape=3&dataset=gauss&sinX=true&seed=sig',
  'activation=tanh&networkShape=8,8&problem=regression&regDataset=reg-gauss&seed=reg',
  'activation=tanh&networkShape=32,32,32&init=xavier&seed=wide',
];

describe('layerStats()', () => {
  for (const link of LINKS) {
    test(`equals statistics computed in plain JS from network() and data(): ${link}`, () => {
      const ex = engine.experiment(link);
      try {
        for (const epochs of [0, 25]) {
          ex.train(epochs);
          const stats = ex.layerStats();
          const { acts, grads } = passes(ex);
          const layout = ex.layout();
          assert.equal(stats.numPoints, ex.data().train.length);
          assert.deepEqual(stats.levels, [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]);
          assert.equal(stats.layers.length, acts.length);
          stats.layers.forEach((s, l) => {
            const a = acts[l].flat(), g = grads[l].flat();
            assert.equal(s.size, acts[l].length);
            stats.levels.forEach((q, k) => {
              assert.ok(same(s.activations[k], quantile(a, q)), `layer ${l} activation quantile ${q}`);
              assert.ok(same(s.gradients[k], quantile(g, q)), `layer ${l} gradient quantile ${q}`);
            });
            const act = l === acts.length - 1 ? layout.outputActivation : layout.hiddenActivation;
            let { lo, hi, counts } = s.histogram;
            const [min, max] = [quantile(a, 0), quantile(a, 1)];
            const want = act === 'tanh' ? [-1, 1] : act === 'sigmoid' ? [0, 1] : min < max ? [min, max] : [min - 1, max + 1];
            assert.deepEqual([lo, hi], want);
            const bins = new Array(counts.length).fill(0);
            for (const v of a) {
              const x = counts.length * (v - lo) / (hi - lo);
              bins[x < 0 ? 0 : x >= counts.length ? counts.length - 1 : Math.floor(x)]++;
            }
            assert.deepEqual(counts, bins, `layer ${l} histogram`);
            const identical = acts[l].length > 1 && acts[l].every((n, j) => n.every((v, p) => Object.is(v, acts[l][0][p]) && Object.is(grads[l][j][p], grads[l][0][p])));
            assert.equal(s.identical, identical);
          });
        }
      } finally {
        ex.dispose();
      }
    });
  }

  test('zero initialisation: every neuron of a hidden layer identical, before and after training', () => {
    const ex = engine.experiment('activation=sigmoid&networkShape=4,3&init=zeros&seed=sym');
    try {
      for (const epochs of [0, 30]) {
        ex.train(epochs);
        const [first, second, out] = ex.layerStats().layers;
        assert.equal(first.identical, true);
        assert.equal(second.identical, true);
        assert.equal(out.identical, false, 'one output neuron: nothing to compare');
      }
    } finally {
      ex.dispose();
    }
    const xavier = engine.experiment('activation=sigmoid&networkShape=4,3&init=xavier&seed=sym');
    assert.equal(xavier.layerStats().layers[0].identical, false);
    xavier.dispose();
  });

  test('does not change training, leaks nothing, and refuses the perceptron', () => {
    const link = 'activation=relu&networkShape=6,3&dataset=spiral&dropout=0.2&optimizer=adam&seed=same';
    const plain = engine.experiment(link), watched = engine.experiment(link);
    const heap = engine.heapBytesInUse();
    for (let i = 0; i < 20; i++) {
      watched.layerStats();
      plain.train(1);
      watched.train(1);
    }
    assert.deepEqual(Array.from(watched.params()), Array.from(plain.params()));
    assert.deepEqual(watched.lossCurve(), plain.lossCurve());
    for (let i = 0; i < 50; i++) watched.layerStats();
    assert.ok(engine.heapBytesInUse() <= heap + 1024, 'no leak');
    plain.dispose();
    watched.dispose();
    const p = engine.experiment('model=perceptron&seed=p');
    assert.throws(() => p.layerStats(), /invalid|argument/i);
    p.dispose();
  });

  test('costs a few milliseconds for the largest network (timed here, not asserted)', () => {
    const ex = engine.experiment('networkShape=8,8,8,8,8,8&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&sinX=true&sinY=true&seed=big');
    ex.layerStats();
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) ex.layerStats();
    const ms = (performance.now() - t0) / 20;
    console.log(`layerStats(): ${ms.toFixed(2)} ms for 6×8 neurons over ${ex.data().train.length} points`);
    ex.dispose();
  });
});
