#!/usr/bin/env node
// bench_speed.mjs — training speed of the page at speed=max, with the display at 60 Hz.
//
// For the dev01 (default experiment) and dev04 (6×8, all features, spiral) fixture hashes it
// opens dist/ in headless Chromium with normal vsync (60 frames/s), presses play at speed=max,
// warms up, then counts epochs and frames over a window, N runs each in a fresh page: epochs/s,
// frames/s, epochs per frame, the median and 95th-percentile frame interval, and the ratio to
// TFP's own rate (one epoch per frame at best: 60 epochs/s on dev01, 16 on dev04). Every figure
// is the median of the runs with its spread (min–max), beside the load average and the output
// heatmap's resolution while playing.
//
//   node scripts/bench/bench_speed.mjs [--seconds 3] [--runs 5] [--cpu-throttle 1] [--dist DIR] [--json]
//
// Targets: >= 6,000 epochs/s on dev01 and >= 1,600 on dev04, with the page at >= 55 frames/s.
// At max a Web Worker trains and the page draws, so this uses two cores.

import { serve, launch, fixture } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';
import { throttle, fmt, spread, load } from './page_run.mjs';

const { seconds, runs, throttle: rate, dist, asJson } = pageBenchOptions();
const FPS_TARGET = 55;

/** [fixture, TFP's epochs/s, epochs/s target] */
const CASES = [['dev01', 60, 6000], ['dev04', 16, 1600]];

/**
 * One playing window at speed=max, measured in the page.
 * @param {import('playwright-core').Page} page @param {number} secs
 */
function measureMax(page, secs) {
  return page.evaluate(async (s) => {
    const api = /** @type {any} */ (window).nnplay;
    api.play();
    await new Promise((res) => setTimeout(res, 1500)); // warm-up: JIT, the pacer's budget
    /** @type {number[]} */
    const stamps = [];
    let running = true;
    const f = (/** @type {number} */ now) => { stamps.push(now); if (running) requestAnimationFrame(f); };
    requestAnimationFrame(f);
    const e0 = api.epoch;
    const t0 = performance.now();
    await new Promise((res) => setTimeout(res, s * 1000));
    running = false;
    const t1 = performance.now();
    const e1 = api.epoch;
    const cells = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid')).width;
    api.pause();
    const iv = stamps.slice(1).map((x, i) => x - stamps[i]).sort((a, b) => a - b);
    const w = (t1 - t0) / 1000;
    return { eps: (e1 - e0) / w, fps: iv.length / w, perFrame: (e1 - e0) / Math.max(1, iv.length),
      median: iv[iv.length >> 1] ?? NaN, p95: iv[Math.floor(0.95 * (iv.length - 1))] ?? NaN, cells };
  }, secs);
}

const server = await serve(dist);
const browser = await launch(); // normal vsync: the display's 60 Hz paces the frames
const rows = [];
try {
  for (const [name, tfp, target] of CASES) {
    const { hash } = fixture(/** @type {string} */ (name));
    /** @type {Record<'eps' | 'fps' | 'perFrame' | 'median' | 'p95' | 'cells', number[]>} */
    const got = { eps: [], fps: [], perFrame: [], median: [], p95: [], cells: [] };
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${server.url}#${hash}&speed=max`);
      await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
      await throttle(page, rate);
      const r = await measureMax(page, seconds);
      for (const k of /** @type {const} */ (['eps', 'fps', 'perFrame', 'median', 'p95', 'cells'])) got[k].push(r[k]);
      await context.close();
    }
    const eps = spread(got.eps).median, fps = spread(got.fps).median;
    rows.push({ name, tfp, target, ...got, ratio: eps / /** @type {number} */ (tfp),
      ok: eps >= /** @type {number} */ (target) && fps >= FPS_TARGET, load: load() });
  }
} finally {
  await browser.close();
  server.close();
}

if (asJson) {
  console.log(JSON.stringify({ seconds, runs, throttle: rate, fpsTarget: FPS_TARGET, rows }, null, 2));
} else {
  console.log(`speed=max: headless Chromium, normal vsync (60 Hz), CPU throttle ${rate}×, ${runs} runs of ${seconds} s per case: median (min–max)`);
  for (const r of rows) {
    console.log(`\n${r.name}: heatmap ${spread(r.cells).min}×${spread(r.cells).min} cells while playing  [${r.load}]`);
    console.log(`  epochs/s       ${fmt(r.eps)}   target >= ${r.target} at >= ${FPS_TARGET} frames/s: ${r.ok ? 'ok' : 'BELOW'}`);
    console.log(`  frames/s       ${fmt(r.fps, 1)}`);
    console.log(`  epochs/frame   ${fmt(r.perFrame, 1)}`);
    console.log(`  frame interval median ${fmt(r.median, 1)} ms, p95 ${fmt(r.p95, 1)} ms`);
    console.log(`  TFP ${r.tfp} epochs/s: ${r.ratio.toFixed(0)}× (median)`);
  }
}
