// Memory: experiments created and disposed in bulk must not leak wasm memory. Measured on the lab
// engine (heapBytesInUse() is its own): the first engine plus the panels' code, so the same code.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importEngine } from './support/env.js';

// Varying shapes, features, datasets, problems and split ratios, so allocations of many sizes
// are freed and reused. Experiment i takes combination i mod 672 (mixed radix over the lists).
const LISTS = [
  ['networkShape=4,2', 'networkShape=', 'networkShape=8,8,8,8,8,8', 'networkShape=1', 'networkShape=5,3',
    'networkShape=32,32', 'networkShape=3,3,3,3,3,3,3,3,3,3'],
  ['x=true&y=true', 'x=false&y=false&sinX=true&sinY=true',
    'xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true', 'x=false&y=false'],
  ['dataset=circle', 'dataset=xor&noise=30', 'dataset=gauss&noise=50', 'dataset=spiral&noise=10',
    'problem=regression&regDataset=reg-plane', 'problem=regression&regDataset=reg-gauss&noise=25'],
  ['percTrainData=50', 'percTrainData=10', 'percTrainData=90&batchSize=30', 'percTrainData=100'],
];
const PERIOD = LISTS.reduce((n, list) => n * list.length, 1); // 672
const DENSITIES = [2, 37, 100, 200]; // every 8th experiment also trains and draws; 672 = 8 * 4 * 21

function hashFor(i) {
  const parts = [];
  let c = i % PERIOD;
  for (const list of LISTS) {
    parts.push(list[c % list.length]);
    c = Math.floor(c / list.length);
  }
  return `${parts.join('&')}&seed=m${i}`;
}

test('10,000 experiments of varying shapes, created and disposed, stop growing wasm memory after warm-up and leak no byte', async (t) => {
  const engine = await (await importEngine()).loadEngine({ lab: true }); // heapBytesInUse() is the lab engine's
  const total = 10000, warmUp = 1000; // warm-up > PERIOD: every combination has been seen once
  const start = engine.memoryBytes();

  // The largest thing a URL may ask for: 10 layers of 32 neurons, drawn at density 200.
  const big = engine.experiment('networkShape=32,32,32,32,32,32,32,32,32,32&seed=big');
  big.evaluateGrid(200);
  big.dispose();
  const afterBig = engine.memoryBytes();

  const inUse = engine.heapBytesInUse(); // what the engine holds with no experiment alive
  const leaks = [];
  let afterWarmUp = 0;
  for (let i = 0; i < total; i++) {
    const ex = engine.experiment(hashFor(i));
    if (i % 8 === 0) {
      ex.train(1);
      ex.evaluateGrid(DENSITIES[(i / 8) % DENSITIES.length]);
    }
    ex.dispose();
    if (engine.heapBytesInUse() !== inUse && leaks.length < 5) leaks.push(`${hashFor(i)}: ${engine.heapBytesInUse() - inUse} bytes`);
    if (i === warmUp - 1) afterWarmUp = engine.memoryBytes();
  }
  const end = engine.memoryBytes();
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  t.diagnostic(`wasm memory: ${mb(start)} at start, ${mb(afterBig)} after the largest grid, ` +
    `${mb(afterWarmUp)} after ${warmUp} experiments, ${mb(end)} after ${total}`);
  assert.ok(afterBig > start, 'the largest grid grows memory (else this test shows nothing)');
  assert.equal(end, afterWarmUp);
  assert.deepEqual(leaks, [], 'every dispose() returns the heap to what it held before');
});
