// The downhill panel's engine API (core/downhill.h through wasm-bindings/engine/downhill.js):
// every optimiser's path equal, bit for bit, to SGD, momentum, RMSprop and Adam written out here
// in JavaScript; the surfaces' own settings and grids; the link's panel and rule parameters;
// bad arguments refused; no memory kept; the lab engine's only.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { importEngine } from './support/env.js';

let engine, first;
before(async () => {
  const { loadEngine } = await importEngine();
  engine = await loadEngine({ lab: true });
  first = await loadEngine();
});

/** The surfaces' gradients as core/downhill.h writes them. */
const GRADIENT = {
  bowl: (x, y) => [x, 10 * y],
  valley: (x, y) => [-2 * (1 - x) - 20 * x * (y - x * x), 10 * (y - x * x)],
  saddle: (x, y) => [x * x * x - x, 2 * y],
};

/** The path of `steps` steps by the textbook formulas, coordinate by coordinate. */
function byHand({ surface, optimizer, rate, x, y, steps, momentum = 0.9, rho = 0.9, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }) {
  const p = [x, y], m = [0, 0], v = [0, 0], out = [x, y];
  for (let t = 1; t <= steps; t++) {
    const g = GRADIENT[surface](p[0], p[1]);
    for (let k = 0; k < 2; k++) {
      let step;
      if (optimizer === 'sgd') step = rate * g[k];
      else if (optimizer === 'momentum') {
        m[k] = momentum * m[k] + g[k];
        step = rate * m[k];
      } else if (optimizer === 'rmsprop') {
        v[k] = rho * v[k] + (1 - rho) * (g[k] * g[k]);
        step = rate * g[k] / (Math.sqrt(v[k]) + epsilon);
      } else {
        m[k] = beta1 * m[k] + (1 - beta1) * g[k];
        v[k] = beta2 * v[k] + (1 - beta2) * (g[k] * g[k]);
        const mhat = m[k] / (1 - Math.pow(beta1, t)), vhat = v[k] / (1 - Math.pow(beta2, t));
        step = rate * mhat / (Math.sqrt(vhat) + epsilon);
      }
      p[k] = p[k] - step;
    }
    out.push(p[0], p[1]);
  }
  return out;
}

describe('downhill paths', () => {
  test('every optimiser on every surface equals its formulas computed in JavaScript, bit for bit', () => {
    let runs = 0;
    for (const surface of engine.downhillSurfaces()) {
      const own = engine.downhillSettings(surface);
      for (const optimizer of ['sgd', 'momentum', 'rmsprop', 'adam']) {
        for (const run of [
          { surface, optimizer, rate: own.rates[optimizer], x: own.x, y: own.y, steps: 400 },
          { surface, optimizer, rate: 0.07, x: 1.5, y: -1.25, steps: 250, momentum: 0.5, rho: 0.99, beta1: 0.8, beta2: 0.95, epsilon: 1e-4 },
          { surface, optimizer, rate: 3, x: -2, y: 2, steps: 60 }, // diverges on the valley
        ]) {
          const got = Array.from(engine.downhillPath(run));
          assert.deepEqual(got, byHand(run), `${surface} ${optimizer} rate ${run.rate}`);
          runs++;
        }
      }
    }
    assert.equal(runs, 3 * 4 * 3);
  });

  test('the surfaces have their own starts and rates, and their grids hold f row by row from the top', () => {
    assert.deepEqual(engine.downhillSurfaces(), ['bowl', 'valley', 'saddle']);
    const bowl = engine.downhillSettings('bowl');
    assert.deepEqual(bowl, { x: -1.8, y: 0.9, rates: { sgd: 0.18, momentum: 0.03, rmsprop: 0.05, adam: 0.2 } });
    const grid = engine.downhillGrid('bowl', 3); // x, y in -2, 0, 2; f = (x² + 10 y²) / 2
    assert.deepEqual(Array.from(grid), [22, 20, 22, 2, 0, 2, 22, 20, 22]);
    const valley = engine.downhillGrid('valley', 5);
    assert.equal(valley[1 * 5 + 3], 0); // row 1 is y = 1, column 3 x = 1: the valley's minimum
  });

  test('the first engine has no downhill members: an EngineError that says so', () => {
    for (const call of [() => first.downhillSurfaces(), () => first.downhillSettings('bowl'), () => first.downhillGrid('bowl', 3),
      () => first.downhillPath({ surface: 'bowl', optimizer: 'sgd', rate: 0.1, x: 0, y: 0, steps: 1 })]) {
      assert.throws(call, (e) => e.name === 'EngineError' && /needs the lab engine/.test(e.message));
    }
  });

  test('bad arguments are RangeErrors and nothing is kept', () => {
    const before = engine.heapBytesInUse();
    const run = { surface: 'bowl', optimizer: 'adam', rate: 0.1, x: 0, y: 0, steps: 10 };
    for (const bad of [{ surface: 'cliff' }, { optimizer: 'lbfgs' }, { rate: NaN }, { x: Infinity }, { steps: -1 },
      { steps: 100001 }, { steps: 1.5 }, { momentum: 'a' }]) {
      assert.throws(() => engine.downhillPath({ ...run, ...bad }), RangeError, JSON.stringify(bad));
    }
    assert.throws(() => engine.downhillGrid('bowl', 1), RangeError);
    assert.throws(() => engine.downhillSettings('none '), RangeError);
    for (let i = 0; i < 200; i++) engine.downhillPath({ ...run, steps: 1000 });
    assert.equal(engine.heapBytesInUse(), before);
  });
});

describe('the link', () => {
  test('the panel and the rule read back from a link, at their defaults written nowhere', () => {
    const { state, hash, notices } = engine.parseHash('downhill=saddle&downhillX=0.25&downhillAdam=0.5&rule=hebb&model=perceptron');
    assert.deepEqual(notices, []);
    assert.equal(state.downhill, 'saddle');
    assert.equal(state.downhillX, 0.25);
    assert.equal(state.downhillY, null);
    assert.equal(state.downhillAdam, 0.5);
    assert.equal(state.downhillSgd, null);
    assert.equal(state.rule, 'hebb');
    assert.match(hash, /rule=hebb/);
    assert.match(hash, /downhill=saddle&downhillX=0.25&downhillAdam=0.5/);
    const plain = engine.parseHash('seed=a');
    assert.equal(plain.state.downhill, 'none');
    assert.equal(plain.state.rule, 'rosenblatt');
    assert.doesNotMatch(plain.hash, /downhill|rule/);
  });

  test('a Hebb perceptron adds η·y·x of every training point each epoch', () => {
    const ex = engine.experiment('dataset=gauss&model=perceptron&rule=hebb&learningRate=0.03&seed=h', { unseededRandom: 0.5 });
    try {
      const layout = ex.layout();
      const w0 = layout.weightOffset[1], b0 = layout.biasOffset[1];
      const p = Array.from(ex.params());
      let [wx, wy, b] = [p[w0], p[w0 + 1], p[b0]];
      for (const [x, y, label] of ex.data().train) {
        const step = 0.03 * label;
        wx = wx + step * x;
        wy = wy + step * y;
        b = b + step;
      }
      ex.train(1);
      const after = ex.params();
      assert.deepEqual([after[w0], after[w0 + 1], after[b0]], [wx, wy, b]);
    } finally {
      ex.dispose();
    }
  });
});
