// The JS API of wasm-bindings/engine.js: contract behaviour, argument checks, hand edits,
// reset/regenerate, views and dispose. Numbers against TFP are in node-fixtures.test.js.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { importEngine, loadFixtures } from './support/env.js';

const DEV01 = 'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.12345&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

let mod, engine;
before(async () => {
  mod = await importEngine();
  engine = await mod.loadEngine();
});

/** Runs fn with a fresh experiment and disposes it afterwards. */
function withExperiment(hash, fn, options = { unseededRandom: 0.5 }) {
  const ex = engine.experiment(hash, options);
  try {
    return fn(ex);
  } finally {
    ex.dispose();
  }
}

/** The engine still builds and trains correctly (after an error was thrown). */
function assertStillWorks() {
  withExperiment(DEV01, (ex) => {
    ex.train(2);
    assert.equal(ex.epoch, 2);
    assert.equal(ex.loss().train, 0.49465943411241564); // dev01 at epoch 2 (exact in every engine)
  });
}

describe('parsing a hash', () => {
  test('an empty hash gives TFP\'s defaults, no seed and no notices', () => {
    const { state, notices, hash } = engine.parseHash('');
    assert.equal(state.activation, 'tanh');
    assert.deepEqual(state.networkShape, [4, 2]);
    assert.equal(state.learningRate, 0.03);
    assert.equal(state.seed, null);
    assert.equal(state.tutorial, null);
    assert.deepEqual(state.hide, {});
    assert.deepEqual(
      [state.optimizer, state.momentum, state.rho, state.beta1, state.beta2, state.epsilon, state.init, state.dropout, state.loss, state.speed],
      ['sgd', 0.9, 0.9, 0.9, 0.999, 1e-8, 'uniform', 0, 'square', 1]);
    assert.deepEqual(notices, []);
    assert.doesNotMatch(hash, /(^|&)seed=/);
    assert.deepEqual(engine.parseHash(undefined).state, state);
  });

  test('malformed parameters become notices, never exceptions', () => {
    const bad = {
      networkShape: 'networkShape',
      activation: 'activation=toString',
      learningRate: 'learningRate=abc',
      batchSize: 'batchSize=-5',
      percTrainData: 'percTrainData=1e400',
    };
    for (const [param, hash] of Object.entries(bad)) {
      const { notices } = engine.parseHash(hash);
      assert.ok(notices.some((n) => n.param === param), `${hash}: ${JSON.stringify(notices)}`);
      for (const n of notices) {
        assert.equal(typeof n.value, 'string');
        assert.ok(n.reason.length > 0);
      }
    }
    const big = engine.parseHash('networkShape=1000000');
    assert.deepEqual(big.state.networkShape, [4, 2]);
    assert.ok(big.notices.length > 0);
  });

  test('garbage hashes of any size or alphabet parse without throwing', () => {
    const garbage = ['&&&==&=', '%zz%00', '\u2603=\u2603&seed=\u{1F600}', '='.repeat(5000), 'x'.repeat(100000),
      `seed=${'s'.repeat(1000)}`, 'a_hide=true&'.repeat(200), 'networkShape=4,,2', 'noise=0x10&batchSize= 5 '];
    for (const hash of garbage) {
      const parsed = engine.parseHash(hash);
      assert.equal(typeof parsed.hash, 'string');
      withExperiment(hash, (ex) => {
        ex.train(1);
        assert.equal(ex.epoch, 1);
        assert.equal(typeof ex.loss().train, 'number');
      });
    }
    assertStillWorks();
  });

  test('the canonical hash of every fixture parses back to the same state', () => {
    for (const fx of loadFixtures()) {
      const first = engine.parseHash(fx.hash);
      const again = engine.parseHash(first.hash);
      assert.deepEqual(again.state, first.state, fx.name);
      assert.equal(again.hash, first.hash, fx.name);
    }
  });

  test('a leading "#" (location.hash as it is) is dropped', () => {
    assert.deepEqual(engine.parseHash('#dataset=xor&seed=1'), engine.parseHash('dataset=xor&seed=1'));
    assert.equal(engine.parseHash('#dataset=xor').state.dataset, 'xor');
  });

  test('a hash that is not a string is a TypeError', () => {
    assert.throws(() => engine.parseHash(42), TypeError);
    assert.throws(() => engine.experiment({}), TypeError);
  });
});

describe('building an experiment', () => {
  test('a hash without a seed takes toFixed(5) of unseededRandom, as TFP does', () => {
    const a = withExperiment('dataset=xor', (ex) => {
      assert.equal(ex.state().seed, '0.50000');
      assert.match(ex.hash(), /(^|&)seed=0\.50000(&|$)/);
      ex.train(5);
      return { data: ex.data(), curve: ex.lossCurve() };
    }, { unseededRandom: 0.5 });
    const b = withExperiment('dataset=xor&seed=0.50000', (ex) => {
      ex.train(5);
      return { data: ex.data(), curve: ex.lossCurve() };
    });
    assert.deepEqual(a, b);
  });

  test('unseededRandom outside [0, 1) is a RangeError', () => {
    for (const r of [-0.1, 1, NaN, '0.5']) {
      assert.throws(() => engine.experiment('dataset=xor', { unseededRandom: r }), RangeError);
    }
  });

  test('an experiment rebuilt from its own hash() is the same experiment', () => {
    withExperiment('dataset=spiral&networkShape=3&noise=10', (ex) => {
      withExperiment(ex.hash(), (again) => {
        assert.deepEqual(again.state(), ex.state());
        assert.deepEqual(again.data(), ex.data());
        assert.deepEqual(again.network(), ex.network());
      });
    }, { unseededRandom: 0.25 });
  });

  test('notices() lists what the hash asked for that was ignored', () => {
    withExperiment('seed=1&activation=nope', (ex) => {
      assert.ok(ex.notices().some((n) => n.param === 'activation' && n.value === 'nope'));
      assert.equal(ex.state().activation, 'tanh');
    });
  });

  test('two experiments interleaved give the same numbers as each alone', () => {
    const alone = (hash) => withExperiment(hash, (ex) => { ex.train(20); return ex.lossCurve(); });
    const h1 = DEV01, h2 = 'dataset=spiral&seed=abc&networkShape=5,5';
    const want1 = alone(h1), want2 = alone(h2);
    withExperiment(h1, (a) => withExperiment(h2, (b) => {
      for (let i = 0; i < 20; i++) { a.train(1); b.train(1); }
      assert.deepEqual(a.lossCurve(), want1);
      assert.deepEqual(b.lossCurve(), want2);
    }));
  });
});

describe('training and its arguments', () => {
  test('train() rejects anything but a whole number >= 0 with a RangeError naming the argument', () => {
    withExperiment(DEV01, (ex) => {
      for (const bad of [-1, 1.5, 'x', NaN, Infinity, 2 ** 31, null, '3']) {
        assert.throws(() => ex.train(bad), (err) => err instanceof RangeError && /epochs/.test(err.message), String(bad));
      }
      assert.equal(ex.epoch, 0);
      ex.train(0);
      assert.equal(ex.epoch, 0);
      ex.train();
      assert.equal(ex.epoch, 1);
    });
    assertStillWorks();
  });

  test('evaluateGrid() rejects densities outside 2..200 with a RangeError naming the argument', () => {
    withExperiment(DEV01, (ex) => {
      for (const bad of [0, 1, 201, 1e9, 2.5, -3, '10', NaN]) {
        assert.throws(() => ex.evaluateGrid(bad), (err) => err instanceof RangeError && /density/.test(err.message), String(bad));
      }
    });
    assertStillWorks();
  });

  test('the loss curve has one row per epoch and its view matches it', () => {
    withExperiment(DEV01, (ex) => {
      ex.train(7);
      const rows = ex.lossCurve();
      assert.equal(rows.length, 8);
      assert.deepEqual(Array.from(ex.lossCurveView()), rows.flat());
      assert.deepEqual(ex.loss(), { train: rows[7][0], test: rows[7][1] });
    });
  });

  test('train(epochs, every) trains the same, with the losses of the other epochs null', () => {
    const full = withExperiment(DEV01, (ex) => { ex.train(40); return { params: Array.from(ex.params()), rows: ex.lossCurve() }; });
    withExperiment(DEV01, (ex) => {
      ex.train(25, 8);
      ex.train(15, 8);
      assert.deepEqual(Array.from(ex.params()), full.params);
      const rows = ex.lossCurve();
      assert.equal(rows.length, 41);
      rows.forEach((row, epoch) => {
        const kept = epoch % 8 === 0 || epoch === 25 || epoch === 40;
        assert.deepEqual(row, kept ? full.rows[epoch] : [null, null], `epoch ${epoch}`);
      });
      const acc = ex.accuracyCurve();
      assert.equal(acc.length, 41);
      rows.forEach((row, epoch) => assert.equal(acc[epoch][0] === null, row[0] === null, `epoch ${epoch}`));
      assert.deepEqual(acc[40], [ex.accuracy().train, ex.accuracy().test]);
      const view = ex.lossCurveView();
      assert.equal(view[2 * 3], mod.NOT_EVALUATED);
      assert.equal(ex.accuracyCurveView()[2 * 3 + 1], mod.NOT_EVALUATED);
      for (const bad of [0, -2, 1.5, 'x', NaN]) {
        assert.throws(() => ex.train(1, bad), (err) => err instanceof RangeError && /every/.test(err.message), String(bad));
      }
      assert.equal(ex.epoch, 40);
    });
  });
});

describe('the network and its views', () => {
  test('layout() locates every weight and bias that network() reports', () => {
    withExperiment('dataset=xor&seed=7&networkShape=3,2&xTimesY=true', (ex) => {
      const L = ex.layout();
      assert.deepEqual(L.layerSizes, [3, 3, 2, 1]);
      assert.deepEqual(L.inputIds, ['x', 'y', 'xTimesY']);
      assert.deepEqual(L.nodeIds, ['x', 'y', 'xTimesY', '1', '2', '3', '4', '5', '6']);
      assert.equal(L.numNodes, 9);
      assert.equal(L.numParams, 3 * 3 + 3 + 3 * 2 + 2 + 2 * 1 + 1);
      assert.equal(L.outputActivation, 'tanh');
      const p = ex.params();
      ex.network().forEach((nodes, i) => {
        const l = i + 1;
        nodes.forEach((node, j) => {
          assert.equal(node.bias, p[L.biasOffset[l] + j]);
          node.weights.forEach((w, k) => assert.equal(w, p[L.weightOffset[l] + j * L.layerSizes[l - 1] + k]));
        });
      });
      assert.equal(ex.dead().length, L.numParams);
      assert.equal(ex.nodeOutputs().length, L.numNodes);
    });
  });

  test('a hand edit changes the loss, and undoing it restores the loss bit for bit', () => {
    withExperiment(DEV01, (ex) => {
      const before = ex.loss();
      const w = ex.network()[0][1].weights[0];
      ex.setWeight(1, 0, 1, w + 1);
      assert.equal(ex.network()[0][1].weights[0], w + 1);
      assert.notDeepEqual(ex.loss(), before);
      ex.setWeight(1, 0, 1, w);
      assert.deepEqual(ex.loss(), before);

      const b = ex.network()[1][0].bias;
      ex.setBias(2, 0, -3);
      assert.notDeepEqual(ex.loss(), before);
      ex.params()[ex.layout().biasOffset[2]] = b;
      ex.refreshLoss();
      assert.deepEqual(ex.loss(), before);
      assert.equal(ex.lossCurve().length, 1);
    });
  });

  test('hand edits with bad indices or values are RangeErrors and change nothing', () => {
    withExperiment(DEV01, (ex) => {
      const params = Array.from(ex.params());
      for (const args of [[0, 0, 0, 1], [4, 0, 0, 1], [1, 2, 0, 1], [1, 0, 4, 1], [1, 0, 0, NaN], [1.5, 0, 0, 1], [1, 0, 0, '1']]) {
        assert.throws(() => ex.setWeight(...args), RangeError, JSON.stringify(args));
      }
      for (const args of [[0, 0, 1], [3, 1, 1], [2, 2, 1], [1, 0, Infinity]]) {
        assert.throws(() => ex.setBias(...args), RangeError, JSON.stringify(args));
      }
      assert.deepEqual(Array.from(ex.params()), params);
    });
  });

  test('evaluateGrid() gives one density x density slice per node, row 0 at y = +6', () => {
    withExperiment(DEV01, (ex) => {
      const n = 5;
      const grid = ex.evaluateGrid(n);
      const { numNodes } = ex.layout();
      assert.equal(grid.length, numNodes * n * n);
      // input node 0 is x, input node 1 is y: d3's scale from -6 to 6
      assert.deepEqual(Array.from(grid.subarray(0, n)), [-6, -3, 0, 3, 6]);
      assert.deepEqual(Array.from({ length: n }, (_, r) => grid[n * n + r * n]), [6, 3, 0, -3, -6]);
      for (const v of grid) assert.ok(Number.isFinite(v));
    });
  });

  test('views taken before memory grows are re-taken afterwards with the same numbers', () => {
    withExperiment(DEV01, (ex) => {
      ex.train(3);
      const old = ex.lossCurveView();
      const copy = Array.from(old);
      const bytes = engine.memoryBytes();
      const others = [];
      while (engine.memoryBytes() === bytes) {
        const o = engine.experiment('dataset=spiral&networkShape=8,8,8,8,8,8&seed=1');
        o.evaluateGrid(200);
        others.push(o);
      }
      assert.equal(old.length, 0, 'growth detaches views over the old buffer');
      assert.deepEqual(Array.from(ex.lossCurveView()), copy);
      for (const o of others) o.dispose();
    });
  });

  test('L1 marks killed links as dead, as TFP does after one epoch of dev16', () => {
    const fx = loadFixtures().find((f) => f.name.startsWith('dev16'));
    withExperiment(fx.hash, (ex) => {
      ex.train(1);
      const dead = ex.network().map((layer) => layer.map((n) => n.dead ?? null));
      assert.deepEqual(dead, fx.network_after_1.map((layer) => layer.map((n) => n.dead ?? null)));
      assert.ok(ex.dead().some((d) => d === 1));
    });
  });
});

describe('accuracy, divergence and dropout', () => {
  test('accuracy runs parallel to the loss curve, in [0, 1] for classification and NaN for regression', () => {
    withExperiment(DEV01, (ex) => {
      ex.train(30);
      assert.equal(ex.accuracyCurveView().length, ex.lossCurveView().length);
      for (const a of ex.accuracyCurveView()) assert.ok(a >= 0 && a <= 1, String(a));
      assert.deepEqual(ex.accuracy(), { train: ex.accuracyCurveView()[60], test: ex.accuracyCurveView()[61] });
    });
    withExperiment('problem=regression&seed=1', (ex) => {
      assert.ok(Number.isNaN(ex.accuracy().train));
    });
  });

  test('a diverging run reports where, and restoreFinite() goes back to the last finite epoch', () => {
    const fx = loadFixtures().find((f) => f.name.startsWith('dev07')); // Infinity at 2, NaN from 4
    withExperiment(fx.hash, (ex) => {
      ex.train(1);
      assert.equal(ex.divergedAt(), -1);
      assert.equal(ex.lastFiniteEpoch(), 1);
      ex.train(9);
      // TFP's own losses (the fixture) are first not finite at epoch 2
      const firstNotFinite = fx.loss_curve.findIndex((row) => row.some((v) => typeof v === 'string'));
      assert.equal(firstNotFinite, 2);
      assert.equal(ex.divergedAt(), firstNotFinite);
      const last = ex.lastFiniteEpoch();
      assert.ok(last < ex.divergedAt());
      const curve = ex.lossCurve().slice(0, last + 1);
      ex.restoreFinite();
      assert.equal(ex.epoch, last);
      assert.equal(ex.divergedAt(), -1);
      assert.deepEqual(ex.lossCurve(), curve);
    });
  });

  test('the dropout mask has one factor per node: all 1 without dropout', () => {
    withExperiment(DEV01, (ex) => {
      ex.train(1);
      const mask = ex.dropoutMask();
      assert.equal(mask.length, ex.layout().numNodes);
      assert.ok(mask.every((v) => v === 1));
    });
  });
});

describe('moving training to another engine', () => {
  const BUSY = 'dataset=spiral&optimizer=adam&dropout=0.2&regularization=L1&regularizationRate=0.001&batchSize=7&networkShape=6,3&seed=move';

  test('loadState(saveState()) goes on exactly as the sender, in another engine too', async () => {
    const other = await mod.loadEngine();
    const sender = engine.experiment(BUSY);
    const receiver = other.experiment(BUSY);
    try {
      sender.train(23, 4);
      receiver.loadState(sender.saveState());
      assert.equal(receiver.epoch, 23);
      assert.deepEqual(receiver.lossCurve(), sender.lossCurve());
      sender.train(30);
      const sent = sender.epoch - 30;
      receiver.train(15);
      receiver.loadState(sender.saveState(sent)); // rows 24..53 replace the receiver's own
      assert.deepEqual(Array.from(receiver.params()), Array.from(sender.params()));
      assert.deepEqual(receiver.lossCurve(), sender.lossCurve());
      sender.train(5);
      receiver.train(5);
      assert.deepEqual(Array.from(receiver.params()), Array.from(sender.params()));
      assert.deepEqual(Array.from(receiver.dropoutMask()), Array.from(sender.dropoutMask()));
    } finally {
      sender.dispose();
      receiver.dispose();
    }
  });

  test('a state of another experiment or a bad argument is a RangeError and changes nothing', () => {
    withExperiment(BUSY, (ex) => {
      ex.train(3);
      const state = ex.saveState();
      withExperiment('networkShape=2&seed=move', (other) => {
        assert.throws(() => other.loadState(state), RangeError);
        assert.equal(other.epoch, 0);
      });
      for (const bad of [-1, 4, 1.5, 'x']) assert.throws(() => ex.saveState(bad), RangeError, String(bad));
      for (const bad of [null, [1, 2], state.buffer, state.subarray(1)]) assert.throws(() => ex.loadState(bad), RangeError);
      assert.equal(ex.epoch, 3);
    });
    withExperiment('model=perceptron&seed=move', (ex) => assert.throws(() => ex.saveState(), RangeError));
    assertStillWorks();
  });

  test('a state of another link with the same layout is a RangeError and changes nothing', () => {
    withExperiment(BUSY, (ex) => {
      ex.train(3);
      const state = ex.saveState();
      for (const other of [BUSY.replace('seed=move', 'seed=moved'), `${BUSY}&learningRate=0.3`,
        BUSY.replace('dataset=spiral', 'dataset=xor')]) {
        withExperiment(other, (o) => {
          assert.equal(o.layout().numParams, ex.layout().numParams);
          o.train(1);
          const params = Array.from(o.params());
          assert.throws(() => o.loadState(state), RangeError, other);
          assert.equal(o.epoch, 1);
          assert.deepEqual(Array.from(o.params()), params);
        });
      }
      withExperiment(ex.hash(), (same) => {
        same.loadState(state);
        assert.equal(same.epoch, 3);
        assert.deepEqual(Array.from(same.params()), Array.from(ex.params()));
      });
    });
  });
});

describe('reset, regenerate and dispose', () => {
  test('reset() returns to epoch 0 with the link\'s data, weights and losses', () => {
    withExperiment(DEV01, (ex) => {
      const first = { data: ex.data(), network: ex.network(), curve: ex.lossCurve() };
      ex.train(10);
      ex.setBias(1, 0, 2);
      ex.reset();
      assert.equal(ex.epoch, 0);
      assert.deepEqual({ data: ex.data(), network: ex.network(), curve: ex.lossCurve() }, first);
    });
  });

  test('regenerate() draws a new seed and rebuilds as a fresh load of that seed', () => {
    withExperiment(DEV01, (ex) => {
      ex.train(4);
      ex.regenerate();
      assert.equal(ex.epoch, 0);
      const seed = ex.state().seed;
      assert.match(seed, /^0\.\d{5}$/);
      assert.notEqual(seed, '0.12345');
      withExperiment(ex.hash(), (fresh) => {
        assert.equal(fresh.state().seed, seed);
        assert.deepEqual(fresh.data(), ex.data());
        assert.deepEqual(fresh.network(), ex.network());
        assert.deepEqual(fresh.lossCurve(), ex.lossCurve());
      });
    });
  });

  test('after dispose() every use throws an Error saying it was disposed', () => {
    const ex = engine.experiment(DEV01);
    ex.dispose();
    ex.dispose(); // a second dispose is harmless
    assert.equal(ex.disposed, true);
    const uses = {
      epoch: () => ex.epoch, train: () => ex.train(1), loss: () => ex.loss(), lossCurve: () => ex.lossCurve(),
      lossCurveView: () => ex.lossCurveView(), data: () => ex.data(), network: () => ex.network(),
      state: () => ex.state(), hash: () => ex.hash(), notices: () => ex.notices(), derived: () => ex.derived(),
      layout: () => ex.layout(), params: () => ex.params(), dead: () => ex.dead(), nodeOutputs: () => ex.nodeOutputs(),
      evaluateGrid: () => ex.evaluateGrid(10), setWeight: () => ex.setWeight(1, 0, 0, 0), setBias: () => ex.setBias(1, 0, 0),
      refreshLoss: () => ex.refreshLoss(), reset: () => ex.reset(), regenerate: () => ex.regenerate(),
      accuracy: () => ex.accuracy(), accuracyCurveView: () => ex.accuracyCurveView(), divergedAt: () => ex.divergedAt(),
      lastFiniteEpoch: () => ex.lastFiniteEpoch(), restoreFinite: () => ex.restoreFinite(), dropoutMask: () => ex.dropoutMask(),
    };
    for (const [name, use] of Object.entries(uses)) {
      assert.throws(use, (err) => err instanceof Error && /disposed/.test(err.message), name);
    }
    assertStillWorks();
  });

  test('Engine and Experiment cannot be constructed by hand', () => {
    assert.throws(() => new mod.Engine(), TypeError);
    assert.throws(() => new mod.Experiment(), TypeError);
  });
});
