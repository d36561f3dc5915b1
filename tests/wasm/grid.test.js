// The heatmap grids of the shipped engine against a double forward pass written here from the
// network the engine reports, with the host's Math.tanh and Math.sin (the engine's exact path
// takes them from the host too). The grids are float with a fast tanh: within 1e-5 (float sums of
// at most a few dozen terms, each rounding about 6e-8 relative, plus the grid tanh's 1e-6).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { importEngine, loadFixtures } from './support/env.js';

/** What a grid cell may differ from the double forward pass. */
const TOLERANCE = 1e-5;

let engine;
before(async () => {
  engine = await (await importEngine()).loadEngine();
});

/** The fixture's hash by name prefix. @param {string} prefix */
function hashOf(prefix) {
  const fx = loadFixtures().find((f) => f.name.startsWith(prefix));
  assert.ok(fx, `fixture ${prefix}`);
  return fx.hash;
}

/** TFP's features (docs/tfp-behaviour.md §4). */
const FEATURE = {
  x: (x) => x, y: (x, y) => y, xSquared: (x) => x * x, ySquared: (x, y) => y * y,
  xTimesY: (x, y) => x * y, sinX: (x) => Math.sin(x), sinY: (x, y) => Math.sin(y),
};
const ACTIVATION = {
  tanh: Math.tanh, relu: (v) => Math.max(0, v), linear: (v) => v,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};

/** Every node's output at (x, y), network order, in double. */
function forward(ex, x, y) {
  const layout = ex.layout();
  let values = layout.inputIds.map((id) => FEATURE[id](x, y));
  const out = [...values];
  const layers = ex.network();
  layers.forEach((layer, l) => {
    const act = ACTIVATION[l === layers.length - 1 ? layout.outputActivation : layout.hiddenActivation];
    values = layer.map((n) => act(n.weights.reduce((s, w, i) => s + w * values[i], n.bias)));
    out.push(...values);
  });
  return out;
}

/** -6(1 - t) + 6t, t = i / (density - 1): the grid's coordinates (core/grid.h). */
const coord = (i, d) => { const t = i / (d - 1); return -6 * (1 - t) + 6 * t; };

for (const name of ['dev01', 'dev04']) {
  test(`${name}: the output at 100×100 and every node's grid slice are the double forward pass within ${TOLERANCE}`, () => {
    const ex = engine.experiment(hashOf(name));
    try {
      ex.train(30);
      const d = 100;
      const numNodes = ex.layout().numNodes;
      const output = Float32Array.from(ex.evaluateNode(numNodes - 1, d));
      const grid = Float32Array.from(ex.evaluateGrid(d));
      let worst = 0;
      for (let r = 0; r < d; r++) {
        for (let c = 0; c < d; c++) {
          const want = forward(ex, coord(c, d), coord(d - 1 - r, d));
          const got = output[r * d + c];
          worst = Math.max(worst, Math.abs(got - want[numNodes - 1]));
          for (let k = 0; k < numNodes; k++) {
            const g = grid[k * d * d + r * d + c];
            assert.ok(Math.abs(g - want[k]) <= TOLERANCE, `node ${k} at (${r}, ${c}): ${g}, exact ${want[k]}`);
          }
          assert.equal(got, grid[(numNodes - 1) * d * d + r * d + c], `output at (${r}, ${c}) is its grid slice`);
        }
      }
      assert.ok(worst <= TOLERANCE, `worst ${worst}`);
      assert.ok(worst > 0, 'the grid is float, so some cell differs from double');
    } finally {
      ex.dispose();
    }
  });
}

test('one node at a canvas\'s device-pixel size (past the whole grid\'s 200) is the double forward pass', () => {
  const ex = engine.experiment(hashOf('dev04'));
  try {
    ex.train(10);
    const d = 613;
    const numNodes = ex.layout().numNodes;
    const hidden = ex.layout().layerSizes[0]; // the first hidden neuron
    for (const node of [numNodes - 1, hidden]) {
      const values = Float32Array.from(ex.evaluateNode(node, d));
      assert.equal(values.length, d * d);
      for (let r = 0; r < d; r += 31) {
        for (let c = 0; c < d; c += 3) {
          const want = forward(ex, coord(c, d), coord(d - 1 - r, d))[node];
          assert.ok(Math.abs(values[r * d + c] - want) <= TOLERANCE, `node ${node} at (${r}, ${c})`);
        }
      }
    }
  } finally {
    ex.dispose();
  }
});

test('evaluateNode refuses a node or density out of range', () => {
  const ex = engine.experiment('');
  try {
    const n = ex.layout().numNodes;
    for (const [node, d] of [[-1, 100], [n, 100], [0.5, 100], [0, 1], [0, 2049], [0, 10.5]]) {
      assert.throws(() => ex.evaluateNode(node, d), RangeError, `${node}, ${d}`);
    }
    assert.equal(ex.evaluateNode(n - 1, 2048).length, 2048 * 2048);
  } finally {
    ex.dispose();
  }
});
