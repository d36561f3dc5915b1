// The speed=max pacer (web/pacer.js) on a simulated clock: what it trains in a frame and how its
// budget follows the display, whatever the machine running the test. The page's frame rates at
// max are measured by scripts/bench/bench_speed.mjs, not here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pacer } from '../../web/pacer.js';
import { MAX_CHUNK } from '../../web/training-limits.js';

/** A clock the pacer reads through performance.now(), and an engine whose epochs take `cost` ms of it. */
function simulated(/** @type {number} */ cost) {
  const clock = { now: 0 };
  const real = Object.getOwnPropertyDescriptor(globalThis, 'performance');
  Object.defineProperty(globalThis, 'performance', { value: { now: () => clock.now }, configurable: true });
  /** @type {number[]} */
  const calls = [];
  const ex = { train(/** @type {number} */ k) { calls.push(k); clock.now += k * cost; } };
  const restore = () => { if (real) Object.defineProperty(globalThis, 'performance', real); };
  return { clock, ex, calls, restore };
}

/**
 * Runs `frames` animation frames `interval` ms apart (or as the frame's work delays them), each
 * training then drawing for `drawMs`; returns per frame the epochs and the training time.
 */
function play(/** @type {Pacer} */ pacer, /** @type {ReturnType<typeof simulated>} */ sim, /** @type {number} */ frames,
  /** @type {number} */ interval, drawMs = 2) {
  const out = [];
  let vsync = sim.clock.now;
  for (let f = 0; f < frames; f++) {
    vsync = Math.max(vsync + interval, sim.clock.now); // a frame that overran its vsync comes late
    sim.clock.now = vsync;
    pacer.frame(vsync);
    const start = sim.clock.now;
    const epochs = pacer.train(sim.ex, 100, () => false);
    const trainMs = sim.clock.now - start;
    sim.clock.now += drawMs;
    pacer.drew(drawMs);
    out.push({ epochs, trainMs, budget: pacer.budget });
  }
  return out;
}

test('a cheap epoch: the budget grows to the display period less drawing and the browser\'s share, then many epochs a frame', (t) => {
  const sim = simulated(0.01);
  t.after(sim.restore);
  const pacer = new Pacer();
  const frames = play(pacer, sim, 200, 1000 / 60);
  const last = frames.at(-1);
  assert.ok(last);
  assert.ok(Math.abs(pacer.period - 1000 / 60) < 1e-9, `period ${pacer.period}`);
  // cap = min(0.8 * period, period - drawing (2 ms) - the browser's 3 ms) = 11.67 ms
  assert.ok(Math.abs(last.budget - (1000 / 60 - 5)) < 1e-9, `budget ${last.budget}`);
  for (const f of frames.slice(50)) {
    assert.ok(f.trainMs <= f.budget + 0.01 + 1e-9, `trained ${f.trainMs} ms on a budget of ${f.budget}`);
    assert.ok(f.trainMs + 2 + 3 <= 1000 / 60 + 0.01 + 1e-9, 'training, drawing and the browser fit the period');
  }
  assert.ok(last.epochs >= 1100 && last.epochs <= 1167, `${last.epochs} epochs in the frame`);
  assert.ok(Math.max(...sim.calls) <= MAX_CHUNK);
});

test('until an engine call is long enough to time, chunks double from one epoch', (t) => {
  const sim = simulated(0.001);
  t.after(sim.restore);
  const pacer = new Pacer();
  play(pacer, sim, 1, 1000 / 60);
  assert.deepEqual(sim.calls.slice(0, 10), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
  assert.equal(pacer.known, true, 'a 0.512 ms call gave the cost');
  assert.ok(Math.abs(pacer.msPerEpoch - 0.001) < 1e-12);
});

test('an epoch longer than a frame: exactly one epoch a frame, never a stalled frame', (t) => {
  const sim = simulated(30);
  t.after(sim.restore);
  const pacer = new Pacer();
  const frames = play(pacer, sim, 40, 1000 / 60);
  assert.deepEqual(frames.map((f) => f.epochs), frames.map(() => 1));
  assert.ok(frames.every((f) => Math.abs(f.trainMs - 30) < 1e-9), "one 30 ms epoch, no more");
});

test('late frames shrink the budget to its floor, on-time frames grow it back', (t) => {
  const sim = simulated(0.01);
  t.after(sim.restore);
  const pacer = new Pacer();
  play(pacer, sim, 100, 1000 / 60);
  const full = pacer.budget;
  // The display stays at 60 Hz but something else takes the main thread: each frame comes 40 ms
  // after the last (> 1.5 periods), so the pacer backs off by 0.7 a frame down to 1 ms.
  const late = play(pacer, sim, 20, 40);
  for (let i = 1; i < late.length; i++) assert.ok(late[i].budget <= Math.max(1, late[i - 1].budget * 0.7) + 1e-9);
  assert.equal(late.at(-1)?.budget, 1);
  const back = play(pacer, sim, 100, 1000 / 60);
  assert.ok(Math.abs((back.at(-1)?.budget ?? 0) - full) < 1e-9, 'back to the full budget');
});

test('a stop (divergence) ends the frame\'s training after the call that found it', (t) => {
  const sim = simulated(0.01);
  t.after(sim.restore);
  const pacer = new Pacer();
  play(pacer, sim, 100, 1000 / 60);
  sim.calls.length = 0;
  pacer.frame(sim.clock.now + 1000 / 60);
  const epochs = pacer.train(sim.ex, 100, () => true);
  assert.equal(sim.calls.length, 1);
  assert.equal(epochs, sim.calls[0]);
});
