#!/usr/bin/env node
// bench_page.mjs — the page's speed and weight in headless Chromium.
//
// For the dev01 (default experiment) and dev04 (6×8, all features, spiral) fixture hashes it
// opens dist/ with vsync and the frame-rate limit off, presses play (one epoch per frame) and
// measures frames/s and epochs/s over a window; then the JS heap after a forced GC, the wasm
// memory, and the bytes the page transferred (raw and gzipped, per resource kind).
//
//   node scripts/bench/bench_page.mjs [--seconds 5] [--dist DIR] [--json]
//
// Targets (issue): >= 370 frames/s on dev01, >= 167 on dev04; < 60 KB gzipped in total.

import { gzipSync } from 'node:zlib';
import { serve, launch, fixture } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';

const { seconds, dist, asJson } = pageBenchOptions();

/** [fixture, frames/s target] */
const CASES = [['dev01', 370], ['dev04', 167]];

const server = await serve(dist);
const browser = await launch(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
const rows = [];
/** @type {Record<string, {raw: number, gzip: number}>} */
let transfer = {};
try {
  for (const [name, target] of CASES) {
    const { hash } = fixture(/** @type {string} */ (name));
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    // Benchmark-only instrumentation: remember every wasm instance's memory (the page exposes
    // no engine internals, and CDP's queryObjects on WebAssembly.Memory crashes the renderer).
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__benchWasmMemories = [];
      /** @param {any} result */
      const keep = (result) => {
        const inst = result.instance ?? result;
        for (const v of Object.values(inst.exports ?? {})) if (v instanceof WebAssembly.Memory) w.__benchWasmMemories.push(v);
        return result;
      };
      const inst = WebAssembly.instantiate;
      WebAssembly.instantiate = /** @type {any} */ ((/** @type {any[]} */ ...a) => inst.apply(WebAssembly, /** @type {any} */ (a)).then(keep));
      const stream = WebAssembly.instantiateStreaming;
      if (stream) WebAssembly.instantiateStreaming = /** @type {any} */ ((/** @type {any[]} */ ...a) => stream.apply(WebAssembly, /** @type {any} */ (a)).then(keep));
    });
    /** @type {Promise<void>[]} */
    const bodies = [];
    /** @type {Record<string, {raw: number, gzip: number}>} */
    const sizes = {};
    page.on('response', (r) => {
      bodies.push(r.body().then((b) => {
        const kind = r.url().split('#')[0].split('?')[0].replace(/^.*\//, '') || 'index.html';
        sizes[kind] = { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
      }, () => {}));
    });
    await page.goto(`${server.url}#${hash}`);
    await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
    await Promise.all(bodies);
    if (name === 'dev01') transfer = sizes;

    // Warm up for a second, then count frames and epochs over the window.
    const result = await page.evaluate(async (secs) => {
      const api = /** @type {any} */ (window).nnplay;
      api.play();
      await new Promise((r) => setTimeout(r, 1000));
      let frames = 0;
      let running = true;
      const count = () => { frames++; if (running) requestAnimationFrame(count); };
      requestAnimationFrame(count);
      const e0 = api.epoch;
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, secs * 1000));
      running = false;
      const t1 = performance.now();
      const e1 = api.epoch;
      api.pause();
      return { fps: frames / ((t1 - t0) / 1000), eps: (e1 - e0) / ((t1 - t0) / 1000), epoch: e1 };
    }, seconds);

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasmBytes = await page.evaluate(() => /** @type {any} */ (window).__benchWasmMemories
      .reduce((/** @type {number} */ s, /** @type {WebAssembly.Memory} */ m) => s + m.buffer.byteLength, 0));
    rows.push({ name, target, fps: result.fps, eps: result.eps, epochs: result.epoch,
      heapMB: heap.usedSize / 2 ** 20, wasmMB: wasmBytes / 2 ** 20 });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const total = Object.values(transfer).reduce((s, v) => ({ raw: s.raw + v.raw, gzip: s.gzip + v.gzip }), { raw: 0, gzip: 0 });
if (asJson) {
  console.log(JSON.stringify({ rows, transfer, total }, null, 2));
} else {
  console.log(`page benchmark: ${seconds} s per case, one epoch per frame, vsync and frame-rate limit off`);
  console.log('case    frames/s  target  epochs/s  epochs   JS heap after GC  wasm memory');
  for (const r of rows) {
    console.log(`${r.name.padEnd(7)} ${r.fps.toFixed(0).padStart(8)}  ${String(r.target).padStart(6)}  ${r.eps.toFixed(0).padStart(8)}  ${String(r.epochs).padStart(6)}   ${r.heapMB.toFixed(1).padStart(10)} MB   ${r.wasmMB.toFixed(1).padStart(7)} MB`);
  }
  console.log('\ntransfer (dev01 load)   raw bytes   gzip -9 bytes');
  for (const [k, v] of Object.entries(transfer).sort((a, b) => b[1].gzip - a[1].gzip)) {
    console.log(`${k.padEnd(22)} ${String(v.raw).padStart(10)}  ${String(v.gzip).padStart(12)}`);
  }
  console.log(`${'total'.padEnd(22)} ${String(total.raw).padStart(10)}  ${String(total.gzip).padStart(12)}   (target < 60000)`);
}
