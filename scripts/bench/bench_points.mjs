#!/usr/bin/env node
// bench_points.mjs — own data: how the cost grows with the number of points.
//
// Engine (the wasm engine under Node): epochs/s for 250, 1,000 and 10,000 training points of
// one's own (random points on the exact grid, labels by a circle, carried by data=; the default
// 4,2 network; percTrainData=100 so every point trains), with µs per point per epoch and its
// ratio to the 250 points' (1.00 = linear). Page (headless Chromium, normal vsync): frames/s and
// epochs/s while playing one epoch a frame with 10,000 points (target ≥ 30 frames/s).
//
//   node scripts/bench/bench_points.mjs [--seconds 2] [--runs 3] [--cpu-throttle 1] [--dist DIR] [--json]

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';
import { measurePlaying, throttle, fmt, spread, load } from './page_run.mjs';

const { seconds, runs, throttle: rate, dist, asJson } = pageBenchOptions('2');
const SIZES = [250, 1000, 10000];

const { loadEngine } = await import(pathToFileURL(path.join(dist, 'engine', 'engine.js')).href);
const { loadPoints } = await import(pathToFileURL(path.join(dist, 'engine', 'points.js')).href);
const engine = await loadEngine();
const io = await loadPoints();

/** The link of n own points (a seeded LCG: the same points every run). @param {number} n */
function hash(n) {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = next() * 12 - 6, y = next() * 12 - 6;
    pts.push([x, y, Math.hypot(x, y) < 3 ? 1 : -1]);
  }
  return `seed=0.5&percTrainData=100&data=${io.pointsFromArray(pts).data}`;
}

const median = (/** @type {number[]} */ xs) => spread(xs).median;
const rows = [];
for (const n of SIZES) {
  const ex = engine.experiment(hash(n));
  const once = (() => { const t0 = performance.now(); ex.train(3); return (performance.now() - t0) / 3; })();
  const epochs = Math.max(1, Math.round(100 / Math.max(once, 1e-3)));
  const ms = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    ex.train(epochs);
    ms.push((performance.now() - t0) / epochs);
  }
  ex.dispose();
  rows.push({ points: n, msPerEpoch: median(ms), epochsPerSecond: 1000 / median(ms), usPerPoint: (1000 * median(ms)) / n });
}
for (const r of rows) r.ratio = r.usPerPoint / rows[0].usPerPoint;
const engineLoad = load();

const server = await serve(dist);
const browser = await launch();
/** @type {{fps: number[], eps: number[]}} */
const page10k = { fps: [], eps: [] };
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}#${hash(10000)}`);
    await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
    await throttle(page, rate);
    const r = await measurePlaying(page, seconds);
    page10k.fps.push(r.fps); page10k.eps.push(r.eps);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (asJson) {
  console.log(JSON.stringify({ engine: rows, engineLoad, page10k, seconds, runs, throttle: rate }, null, 2));
} else {
  console.log(`own data, engine (wasm under Node ${process.version}, 4,2 network; median of 5)  [${engineLoad}]`);
  console.log('points   ms/epoch   epochs/s   µs/point  ratio');
  for (const r of rows) {
    console.log(`${String(r.points).padStart(6)} ${r.msPerEpoch.toFixed(3).padStart(10)} ${r.epochsPerSecond.toFixed(0).padStart(10)} ${r.usPerPoint.toFixed(3).padStart(10)} ${r.ratio.toFixed(2).padStart(6)}`);
  }
  console.log('(ratio: cost per point over 250 points\'; 1.00 = linear)');
  console.log(`own data, page: 10,000 points, one epoch a frame, vsync on, CPU throttle ${rate}×, ${runs} runs of ${seconds} s`);
  console.log(`frames/s ${fmt(page10k.fps)} (target ≥ 30)  epochs/s ${fmt(page10k.eps)}  [${load()}]`);
}
