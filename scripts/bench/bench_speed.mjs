#!/usr/bin/env node
// bench_speed.mjs — training speed of the page at speed=max, with the display at 60 Hz.
//
// For the dev01 (default experiment) and dev04 (6×8, all features, spiral) fixture hashes it
// opens dist/ in headless Chromium with normal vsync (60 frames/s), presses play at speed=max,
// warms up, then counts epochs and frames over a window: epochs/s, frames/s, epochs per frame
// and the median and 95th-percentile frame interval, beside TFP's own rate (one epoch per
// frame at best: 60 epochs/s on dev01, 16 on dev04, the figures the issue takes for TFP) and
// the ratio to it.
//
//   node scripts/bench/bench_speed.mjs [--seconds 5] [--dist DIR] [--json]
//
// Target (issue): >= 100× TFP's epochs/s, with the page still at ~60 frames/s.

import { serve, launch, fixture } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';

const { seconds, dist, asJson } = pageBenchOptions();
const TARGET_RATIO = 100;

/** [fixture, TFP's epochs/s] */
const CASES = [['dev01', 60], ['dev04', 16]];

const server = await serve(dist);
const browser = await launch(); // normal vsync: the display's 60 Hz paces the frames
const rows = [];
try {
  for (const [name, tfp] of CASES) {
    const { hash } = fixture(/** @type {string} */ (name));
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}#${hash}&speed=max`);
    await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
    const r = await page.evaluate(async (secs) => {
      const api = window.nnplay;
      api.play();
      await new Promise((res) => setTimeout(res, 1500)); // warm-up: JIT, the pacer's budget
      /** @type {number[]} */
      const stamps = [];
      let running = true;
      const f = (/** @type {number} */ now) => { stamps.push(now); if (running) requestAnimationFrame(f); };
      requestAnimationFrame(f);
      const e0 = api.epoch;
      const t0 = performance.now();
      await new Promise((res) => setTimeout(res, secs * 1000));
      running = false;
      const t1 = performance.now();
      const e1 = api.epoch;
      api.pause();
      const iv = stamps.slice(1).map((s, i) => s - stamps[i]).sort((a, b) => a - b);
      const s = (t1 - t0) / 1000;
      return { eps: (e1 - e0) / s, fps: iv.length / s, perFrame: (e1 - e0) / Math.max(1, iv.length),
        median: iv[iv.length >> 1], p95: iv[Math.floor(0.95 * (iv.length - 1))], epochs: e1 };
    }, seconds);
    rows.push({ name, tfp, ...r, ratio: r.eps / /** @type {number} */ (tfp) });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (asJson) {
  console.log(JSON.stringify({ seconds, target: TARGET_RATIO, rows }, null, 2));
} else {
  console.log(`speed=max: ${seconds} s per case, headless Chromium, normal vsync (60 Hz)`);
  console.log('case   epochs/s  frames/s  epochs/frame  median frame  p95 frame   TFP epochs/s  ratio (target >= 100x)');
  for (const r of rows) {
    console.log(`${r.name.padEnd(6)} ${r.eps.toFixed(0).padStart(8)}  ${r.fps.toFixed(1).padStart(8)}  ${r.perFrame.toFixed(1).padStart(12)}  ${r.median.toFixed(1).padStart(9)} ms  ${r.p95.toFixed(1).padStart(6)} ms  ${String(r.tfp).padStart(12)}  ${r.ratio.toFixed(0).padStart(5)}x ${r.ratio >= TARGET_RATIO ? 'ok' : 'below target'}`);
  }
}
