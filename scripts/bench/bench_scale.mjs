#!/usr/bin/env node
// bench_scale.mjs — how the cost grows with the network and the data.
//
// Engine (the wasm engine under Node, as bench_wasm.mjs loads it): ms per training epoch and
// per 100×100 grid of every node, for networks from 2×4 up to what a link allows (32 neurons a
// layer, core/config.h NN_MAX_NEURONS; 6 hidden layers as TFP's controls, and 10, the engine's
// NN_MAX_HIDDEN_LAYERS) and training sets from 50 to 1,080 points (percTrainData 10–90 % of
// 500 classification or 1,200 regression points: the most a generated data set gives). Beside
// each: µs per (point × parameter) for an epoch and ns per (cell × parameter) for a grid, and
// their ratio to the smallest case's, 1.00 when the cost is linear in points × parameters.
// Page (headless Chromium, vsync off, one epoch per frame, as bench_page.mjs): frames/s and
// epochs/s for the same networks at 250 points, median (min–max) over --runs windows.
//
//   node scripts/bench/bench_scale.mjs [--seconds 2] [--runs 3] [--cpu-throttle 1] [--dist DIR] [--json]
//
// The user's own points (1,000, 10,000, ...): NNPLAY_BENCH_DATA_LINKS names a file of links that
// carry them (`data=`), one a line, a whole URL or only its hash; each is measured as the
// networks are, engine and page, with the number of training points it gave.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';
import { measurePlaying, throttle, fmt, spread, load } from './page_run.mjs';

const { seconds, runs, throttle: rate, dist, asJson } = pageBenchOptions('2');

/** [hidden layers, neurons each] */
const NETWORKS = [[2, 4], [2, 8], [6, 8], [6, 16], [6, 32], [10, 32]];
/** [dataset, problem, percTrainData]: 50, 250, 450 classification and 1,080 regression points. */
const DATA = [['circle', 'classification', 10], ['circle', 'classification', 50],
  ['circle', 'classification', 90], ['reg-plane', 'regression', 90]];
const DENSITY = 100;
/** [label, hash] of each link of NNPLAY_BENCH_DATA_LINKS's file. */
const DATA_LINKS = (process.env.NNPLAY_BENCH_DATA_LINKS
  ? readFileSync(process.env.NNPLAY_BENCH_DATA_LINKS, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
  : []).map((l, i) => [`link ${i + 1}`, l.replace(/^[^#]*#/, '')]);

/** @param {number} layers @param {number} neurons @param {string[]} data */
function hash(layers, neurons, [dataset, problem, perc]) {
  const shape = Array(layers).fill(neurons).join(',');
  const set = problem === 'regression' ? `regDataset=${dataset}` : `dataset=${dataset}`;
  return `activation=tanh&batchSize=10&${set}&learningRate=0.03&noise=0&networkShape=${shape}` +
    `&seed=0.5&percTrainData=${perc}&x=true&y=true&problem=${problem}`;
}

/** @param {number[]} sizes layer sizes, inputs first */
const paramCount = (sizes) => sizes.slice(1).reduce((s, n, l) => s + n * (sizes[l] + 1), 0);

const median = (/** @type {number[]} */ xs) => spread(xs).median;

// ---- engine ----
const { loadEngine } = await import(pathToFileURL(path.join(dist, 'engine', 'engine.js')).href);
const engine = await loadEngine();
/** Median ms per epoch and per grid over `reps` timings, after a warm-up. @param {string} h */
function engineCost(h) {
  const ex = engine.experiment(h, { unseededRandom: 0.5 });
  try {
    const d = ex.derived();
    const time = (/** @type {() => void} */ f, /** @type {number} */ n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) f();
      return (performance.now() - t0) / n;
    };
    // Enough repetitions for ~50 ms a timing; warm-up first (V8 optimises hot wasm late).
    const e1 = time(() => ex.train(1), 3);
    const epochs = Math.max(1, Math.round(50 / Math.max(e1, 1e-3)));
    ex.evaluateGrid(DENSITY);
    const g1 = time(() => ex.evaluateGrid(DENSITY), 2);
    const grids = Math.max(1, Math.round(50 / Math.max(g1, 1e-3)));
    const ep = [], gr = [];
    for (let r = 0; r < 5; r++) {
      ep.push(time(() => ex.train(1), epochs));
      gr.push(time(() => ex.evaluateGrid(DENSITY), grids));
    }
    return { sizes: d.layer_sizes, points: d.num_train, epochMs: median(ep), gridMs: median(gr) };
  } finally {
    ex.dispose();
  }
}
// Warm V8 up on a mid-sized case first.
for (let i = 0; i < 3; i++) engineCost(hash(6, 8, DATA[1]));
const engineRows = [];
for (const [layers, neurons] of NETWORKS) {
  for (const data of DATA) {
    const c = engineCost(hash(layers, neurons, data));
    const params = paramCount(c.sizes);
    engineRows.push({ network: `${layers}×${neurons}`, data: `${data[0]} ${data[2]}%`, params, ...c,
      usPerPointParam: (1000 * c.epochMs) / (c.points * params),
      nsPerCellParam: (1e6 * c.gridMs) / (DENSITY * DENSITY * params) });
  }
}
for (const [label, h] of DATA_LINKS) {
  const c = engineCost(h);
  const params = paramCount(c.sizes);
  engineRows.push({ network: c.sizes.slice(1, -1).join(','), data: label, params, ...c,
    usPerPointParam: (1000 * c.epochMs) / (c.points * params),
    nsPerCellParam: (1e6 * c.gridMs) / (DENSITY * DENSITY * params) });
}
const base = engineRows[0];
for (const r of engineRows) {
  r.epochRatio = r.usPerPointParam / base.usPerPointParam;
  r.gridRatio = r.nsPerCellParam / base.nsPerCellParam;
}
const engineLoad = load();

// ---- page ----
const server = await serve(dist);
const browser = await launch(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
const pageRows = [];
try {
  const cases = [...NETWORKS.map(([layers, neurons]) => [`${layers}×${neurons}`, hash(layers, neurons, DATA[1])]), ...DATA_LINKS];
  for (const [label, h] of cases) {
    /** @type {{fps: number[], eps: number[], cells: number[]}} */
    const got = { fps: [], eps: [], cells: [] };
    let points = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${server.url}#${h}`);
      await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
      await throttle(page, rate);
      points = await page.evaluate(() => window.nnplay.data().train.length);
      const r = await measurePlaying(page, seconds);
      got.fps.push(r.fps); got.eps.push(r.eps); got.cells.push(r.cells);
      await context.close();
    }
    pageRows.push({ network: label, points, ...got, load: load() });
  }
} finally {
  await browser.close();
  server.close();
}

if (asJson) {
  console.log(JSON.stringify({ density: DENSITY, engine: engineRows, engineLoad, seconds, runs, throttle: rate, page: pageRows }, null, 2));
} else {
  console.log(`scale, engine (wasm under Node ${process.version}; median of 5 timings)  [${engineLoad}]`);
  console.log('network  data            params  points   ms/epoch  µs/(point·param) ratio   ms/grid ${DENSITY}²  ns/(cell·param) ratio'.replace('${DENSITY}', String(DENSITY)));
  for (const r of engineRows) {
    console.log(`${r.network.padEnd(8)} ${r.data.padEnd(15)} ${String(r.params).padStart(6)} ${String(r.points).padStart(7)} ${r.epochMs.toFixed(3).padStart(10)} ${r.usPerPointParam.toFixed(4).padStart(17)} ${r.epochRatio.toFixed(2).padStart(5)} ${r.gridMs.toFixed(3).padStart(13)} ${r.nsPerCellParam.toFixed(3).padStart(16)} ${r.gridRatio.toFixed(2).padStart(5)}`);
  }
  console.log('(ratio: cost per point·parameter, or per cell·parameter, over the first row\'s; 1.00 = linear)');
  if (DATA_LINKS.length === 0) console.log('the user\'s own points (1,000, 10,000, ...): none given (NNPLAY_BENCH_DATA_LINKS: a file of links with data=)');
  console.log(`\nscale, page: one epoch per frame, vsync off, CPU throttle ${rate}×, ${runs} runs of ${seconds} s: median (min–max)`);
  for (const r of pageRows) {
    console.log(`${r.network.padEnd(8)} ${String(r.points).padStart(6)} training points  heatmap ${spread(r.cells).min}×${spread(r.cells).min}  frames/s ${fmt(r.fps)}  epochs/s ${fmt(r.eps)}  [${r.load}]`);
  }
}
