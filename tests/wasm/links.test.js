// Links that hold the whole screen (core/changelog.h) through the JS API: a change continues
// training, ex.hash() reopens the screen bit for bit after seeded random sessions (live changes
// of every live parameter, hand edits, resets, divergence and restore), the optimiser and
// batch-size rules, bad entries, and saveState/loadState between experiments of a changed link.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { importEngine } from './support/env.js';

const PLAIN = 'seed=0.5';
const LINKS = [
  PLAIN,
  'dataset=xor&activation=relu&regularization=L1&regularizationRate=0.001&batchSize=1&noise=25&seed=links-xor&networkShape=3',
  'dataset=spiral&activation=tanh&networkShape=6,8&xTimesY=true&xSquared=true&sinX=true&seed=links-spiral&dropout=0.2',
  'regDataset=reg-gauss&problem=regression&activation=relu&regularization=L2&regularizationRate=0.01&seed=links-reg&learningRate=0.01',
  'dataset=gauss&model=perceptron&seed=links-perc',
];
const LIVE = {
  learningRate: (r) => ['0.001', '0.003', '0.01', '0.03', '0.1', '0.3'][r.int(6)],
  regularization: (r) => ['none', 'L1', 'L2'][r.int(3)],
  regularizationRate: (r) => String(r.unit() * 0.01),
  optimizer: (r) => ['sgd', 'momentum', 'rmsprop', 'adam'][r.int(4)],
  momentum: (r) => String(r.unit() * 0.999),
  rho: (r) => String(r.unit() * 0.999),
  beta1: (r) => String(r.unit() * 0.999),
  beta2: (r) => String(r.unit() * 0.999),
  epsilon: (r) => String(1e-8 + r.unit() * 0.1),
  dropout: (r) => String(r.unit() * 0.9),
  batchSize: (r) => String(1 + r.int(30)),
};

let engine;
before(async () => {
  engine = await (await importEngine()).loadEngine();
});

/** A seeded stream (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  const unit = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { unit, int: (n) => Math.floor(unit() * n) };
}

const bytes = (/** @type {Float64Array} */ v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** Opens a link and trains it to its epoch, as the page does. */
function open(hash) {
  const ex = engine.experiment(hash);
  ex.train(ex.targetEpoch(), 7);
  return ex;
}

function assertSameScreen(a, b) {
  assert.equal(a.epoch, b.epoch);
  assert.ok(bytes(a.params()).equals(bytes(b.params())), 'parameters bit for bit');
  assert.deepEqual(a.state(), b.state());
  for (const view of ['lossCurveView', 'accuracyCurveView']) {
    const x = a[view](), y = b[view]();
    assert.equal(x.length, y.length);
    for (let i = 0; i < x.length; i += 2) {
      if (x[i] === -1 || y[i] === -1) continue; // a row one of them did not evaluate
      assert.ok(bytes(x.subarray(i, i + 2)).equals(bytes(y.subarray(i, i + 2))), `${view} row ${i / 2}`);
    }
  }
}

test('a learning-rate change at epoch 200 continues from there; the first 201 rows are the plain link\'s', () => {
  const plain = engine.experiment(PLAIN), ex = engine.experiment(PLAIN);
  plain.train(200);
  ex.train(200);
  assert.ok(ex.loss().test < 0.01);
  ex.change('learningRate', '0.3');
  assert.equal(ex.epoch, 200);
  assert.equal(ex.state().learningRate, 0.3);
  assert.ok(ex.loss().test < 0.01, 'the loss is not reset');
  ex.train(50);
  assert.ok(bytes(ex.lossCurveView().subarray(0, 402)).equals(bytes(plain.lossCurveView())));
  assert.match(ex.hash(), /&epoch=250&learningRate@200=0\.3$/);
  const again = open(ex.hash());
  assert.deepEqual(again.notices(), []);
  assertSameScreen(ex, again);
  assert.equal(again.hash(), ex.hash());
  for (const e of [plain, ex, again]) e.dispose();
});

test('seeded random sessions: ex.hash() reopens the same screen bit for bit', () => {
  for (let session = 0; session < 40; session++) {
    const r = rng(1000 + session);
    const ex = engine.experiment(LINKS[session % LINKS.length]);
    const steps = 4 + r.int(10);
    for (let s = 0; s < steps; s++) {
      const what = r.int(20);
      if (what < 7) ex.train(r.int(25), 1 + r.int(4));
      else if (what < 13) {
        const names = Object.keys(LIVE);
        const name = names[r.int(names.length)];
        ex.change(name, LIVE[name](r));
      } else if (what < 17) {
        const sizes = ex.layout().layerSizes;
        const layer = 1 + r.int(sizes.length - 1);
        const v = (r.unit() - 0.5) * 4;
        if (r.int(2)) {
          const from = r.int(sizes[layer - 1]), to = r.int(sizes[layer]);
          ex.setWeight(layer, from, to, v);
          assert.equal(ex.network()[layer - 1][to].weights[from], v);
        } else {
          const node = r.int(sizes[layer]);
          ex.setBias(layer, node, v);
          assert.equal(ex.network()[layer - 1][node].bias, v);
        }
      } else if (what < 18) ex.reset();
      else {
        ex.change('learningRate', '1000');
        ex.train(1 + r.int(20));
        if (r.int(3)) ex.restoreFinite();
      }
    }
    const again = open(ex.hash());
    assert.deepEqual(again.notices(), []);
    assertSameScreen(ex, again);
    ex.train(3);
    again.train(3);
    assertSameScreen(ex, again);
    ex.dispose();
    again.dispose();
  }
});

test('changing the optimiser restarts its state; its coefficients keep it; batch size keeps the accumulated derivatives', () => {
  // Same network and data; after 5 epochs of momentum, switching to adam must equal a run that
  // restarts from those parameters with a fresh Adam (a link whose base is adam, params loaded).
  const ex = engine.experiment('seed=opt&optimizer=momentum&learningRate=0.01');
  ex.train(5);
  const kept = engine.experiment('seed=opt&optimizer=momentum&learningRate=0.01');
  kept.train(5);
  ex.change('momentum', '0.5');
  kept.change('momentum', '0.5');
  ex.train(1);
  const fresh = engine.experiment('seed=opt&optimizer=momentum&learningRate=0.01&momentum=0.5');
  fresh.train(5);
  fresh.train(1);
  assert.ok(!bytes(ex.params()).equals(bytes(fresh.params())), 'momentum buffer kept (differs from a fresh one)');
  kept.change('optimizer', 'adam');
  kept.train(1);
  const adam = engine.experiment('seed=opt&optimizer=momentum&learningRate=0.01');
  adam.train(5);
  adam.change('momentum', '0.5');
  adam.change('optimizer', 'rmsprop');
  adam.change('optimizer', 'adam'); // a second switch restarts again: same as one switch
  adam.train(1);
  assert.ok(bytes(kept.params()).equals(bytes(adam.params())));
  for (const e of [ex, kept, fresh, adam]) e.dispose();

  // batch 7 leaves 5 points accumulated after epoch 1 (250 % 7); with batch 250 next, the
  // single update covers 255 points: not what a fresh batch-250 epoch from the same weights does
  const b = engine.experiment('seed=batch&batchSize=7');
  b.train(1);
  b.change('batchSize', '250');
  b.train(1);
  assert.equal(b.state().batchSize, 250);
  const replay = open(b.hash());
  assert.ok(bytes(b.params()).equals(bytes(replay.params())));
  b.dispose();
  replay.dispose();
});

test('bad entries get a notice naming them; the rest of the link applies', () => {
  const link = 'seed=0.5&epoch=20&learningRate@2=0.1&fooBar@3=1&speed@3=5&learningRate@4=abc&w1.0.0@5=0.25&w9.9.9@6=1&regularizationRate@1=0.5&learningRate@30=1&batchSize@8=3';
  const { notices, hash } = engine.parseHash(link);
  assert.deepEqual(notices.map((n) => n.param).sort(), ['fooBar@3', 'learningRate@30', 'learningRate@4', 'regularizationRate@1', 'speed@3', 'w9.9.9@6']);
  assert.match(hash, /&epoch=20&learningRate@2=0\.1&w1\.0\.0@5=0\.25&batchSize@8=3$/);
  const ex = open(link);
  assert.equal(ex.epoch, 20);
  assert.equal(ex.state().learningRate, 0.1);
  assert.equal(ex.state().batchSize, 3);
  ex.dispose();
  const many = 'seed=1&epoch=10000' + Array.from({ length: 10000 }, (_, i) => `&learningRate@${i}=0.01`).join('');
  const t0 = Date.now();
  const parsed = engine.parseHash(many);
  assert.ok(Date.now() - t0 < 2000);
  assert.deepEqual(parsed.notices.map((n) => n.reason), ['more than 1000 changes; ignored 9000 of them']);
  const plain = engine.experiment(PLAIN);
  assert.throws(() => plain.change('speed', '2'), /change\(speed\): not a parameter that can change while training/);
  assert.throws(() => plain.change('learningRate', 'abc'), RangeError);
  assert.equal(plain.hash(), engine.experiment(PLAIN).hash());
  plain.dispose();
});

test('saveState/loadState between experiments of the same changed link; another link is refused', () => {
  const ex = engine.experiment('seed=move&optimizer=adam');
  ex.train(20);
  ex.change('learningRate', '0.1');
  ex.setWeight(1, 1, 2, 0.75);
  const worker = engine.experiment(ex.hash());
  ex.train(30);
  worker.loadState(ex.saveState());
  assertSameScreen(ex, worker);
  worker.train(40);
  ex.loadState(worker.saveState(ex.epoch));
  assertSameScreen(ex, worker);
  const other = engine.experiment('seed=move&optimizer=adam');
  assert.throws(() => other.loadState(ex.saveState()), RangeError);
  const changed = engine.experiment(ex.hash().replace('learningRate@20=0.1', 'learningRate@20=0.2'));
  assert.throws(() => changed.loadState(ex.saveState()), RangeError);
  for (const e of [ex, worker, other, changed]) e.dispose();
});
