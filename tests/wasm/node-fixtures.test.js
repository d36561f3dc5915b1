// Every TFP golden fixture, through the wasm engine under Node (the fixtures' README, test policy):
// state, derived and initial network exact; data exact or to 1e-15; losses bit for bit against
// what TFP's own code computes under Node's Math (`alt_engine_node_losses`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  EXACT_DATASETS, activeDataset, fixtureState, importEngine, loadFixtures, num, pointMismatches,
} from './support/env.js';

const fixtures = loadFixtures();
let engine;
before(async () => {
  engine = await (await importEngine()).loadEngine();
});

for (const fx of fixtures) {
  describe(fx.name, () => {
    let ex;
    before(() => {
      ex = engine.experiment(fx.hash, { unseededRandom: fx.unseeded_random ?? 0.5 });
    });
    after(() => ex?.dispose());

    test('the hash parses to the state TFP parsed', () => {
      const want = fixtureState(fx);
      const tfpPart = (state) => Object.fromEntries(Object.keys(want).map((k) => [k, state[k]]));
      assert.deepEqual(tfpPart(ex.state()), want);
      assert.deepEqual(engine.parseHash(fx.hash).state, { ...ex.state(), seed: fx.seed_in_hash ? fx.state.seed : null });
    });

    test('input ids, layer sizes, sample counts and random draws are TFP\'s', () => {
      const d = ex.derived();
      assert.deepEqual(d, { ...fx.derived, generator_noise_argument: num(fx.derived.generator_noise_argument) });
    });

    test('the initial network holds TFP\'s weights and biases exactly', () => {
      assert.deepEqual(ex.network(), fx.network);
      assert.deepEqual(ex.layout().nodeIds.slice(fx.derived.input_ids.length), fx.network.flat().map((n) => n.id));
    });

    const exact = EXACT_DATASETS.has(activeDataset(fx.state));
    test(exact ? 'the data points are TFP\'s exactly' : 'the data points are TFP\'s to 1e-15 of each point\'s size, labels exactly', () => {
      const data = ex.data();
      const tol = exact ? 0 : 1e-15;
      assert.deepEqual(pointMismatches(data.train, fx.train, tol), [], 'train');
      assert.deepEqual(pointMismatches(data.test, fx.test, tol), [], 'test');
    });

    test('losses at every recorded epoch equal TFP\'s under Node bit for bit', () => {
      assert.equal(ex.epoch, 0);
      const mismatches = [];
      for (const key of Object.keys(fx.losses).map(Number).sort((a, b) => a - b)) {
        ex.train(key - ex.epoch);
        assert.equal(ex.epoch, key);
        const got = ex.loss();
        const want = fx.alt_engine_node_losses[key];
        for (const side of ['train', 'test']) {
          if (!Object.is(got[side], num(want[side]))) mismatches.push(`epoch ${key} ${side}: got ${got[side]}, want ${want[side]}`);
        }
      }
      assert.deepEqual(mismatches, []);
      assert.equal(ex.lossCurve().length, ex.epoch + 1);
    });

    // The grid is for drawing (float, maybe a faster tanh): close, not exact. Only where Node's
    // run stays within 1e-9 of Chromium's up to epoch 100, so the networks are comparable.
    const drift = fx.engine.alt_engine_node.max_rel_diff_of_losses_vs_primary['100'];
    const comparable = drift.every((d) => num(d) < 1e-9);
    test('after 100 epochs the output over a 7x7 grid is close to TFP\'s', { skip: !comparable && 'Node and Chromium runs drift apart before epoch 100' }, () => {
      const e100 = engine.experiment(fx.hash, { unseededRandom: fx.unseeded_random ?? 0.5 });
      try {
        e100.train(100);
        const { numNodes } = e100.layout();
        const grid = e100.evaluateGrid(7);
        const out = grid.subarray((numNodes - 1) * 49, numNodes * 49);
        const far = [];
        fx.grid_after_100.values.forEach((row, r) => row.forEach((v, c) => {
          const want = num(v), got = out[r * 7 + c];
          const ok = Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) <= 1e-3 * Math.max(1, Math.abs(want));
          if (!ok) far.push(`[${r}][${c}] got ${got}, want ${want}`);
        }));
        assert.deepEqual(far, []);
      } finally {
        e100.dispose();
      }
    });
  });
}
