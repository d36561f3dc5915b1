#!/usr/bin/env node
// bench_page.mjs — the page's speed and weight in headless Chromium.
//
// For the dev01 (default experiment) and dev04 (6×8, all features, spiral) fixture hashes it
// opens dist/, presses play (one epoch per frame) and measures frames/s and epochs/s over a
// window, N runs each (median and spread, the load average beside them, and the heatmap's
// resolution while playing): first with vsync and the frame-rate limit off (CPU throttled
// --cpu-throttle times, default 1), then with vsync on and the CPU throttled 4× (a slow laptop).
// Then the JS heap after a forced GC, the wasm memory, and the bytes the page transferred (raw
// and gzipped, per resource kind).
//
//   node scripts/bench/bench_page.mjs [--seconds 3] [--runs 5] [--cpu-throttle 1] [--dist DIR] [--json]
//
// Targets: vsync off, unthrottled: >= 380 frames/s on dev01, >= 170 on dev04; throttled 4×,
// vsync on: >= 55 frames/s on both; a first load < 60 KB gzipped in total.

import { gzipSync } from 'node:zlib';
import { serve, launch, fixture } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';
import { measurePlaying, throttle, fmt, spread, load } from './page_run.mjs';

const { seconds, runs, throttle: rate, dist, asJson } = pageBenchOptions();

/** [fixture, frames/s target vsync off, frames/s target throttled 4× with vsync] */
const CASES = [['dev01', 380, 55], ['dev04', 170, 55]];

const server = await serve(dist);
const rows = [];
/** @type {Record<string, {raw: number, gzip: number}>} */
let transfer = {};
/** @type {Record<string, {heapMB: number, wasmMB: number}>} */
const memory = {};
/** The page at `hash`, ready. @param {import('playwright-core').Browser} browser @param {string} hash */
async function open(browser, hash) {
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
  return { context, page, sizes };
}

/** @type {[string, string[], number, 1 | 2][]} [label, Chromium flags, CPU throttle, target column] */
const SETUPS = [[`vsync off, CPU throttle ${rate}×`, ['--disable-gpu-vsync', '--disable-frame-rate-limit'], rate, 1],
  ['vsync on (60 Hz), CPU throttle 4×', [], 4, 2]];
try {
  for (const [label, flags, cpu, column] of SETUPS) {
    const browser = await launch(flags);
    try {
      for (const c of CASES) {
        const name = /** @type {string} */ (c[0]);
        const target = /** @type {number} */ (c[column]);
        /** @type {{fps: number[], eps: number[], cells: number[]}} */
        const got = { fps: [], eps: [], cells: [] };
        // Runs alternate with nothing else, each in a fresh page; the load is read at the end.
        for (let run = 0; run < runs; run++) {
          const { context, page, sizes } = await open(browser, fixture(name).hash);
          if (name === 'dev01' && run === 0 && column === 1) transfer = { ...sizes }; // the first load only
          await throttle(page, cpu);
          const r = await measurePlaying(page, seconds);
          got.fps.push(r.fps); got.eps.push(r.eps); got.cells.push(r.cells);
          if (run === 0 && column === 1) {
            const cdp = await context.newCDPSession(page);
            await cdp.send('HeapProfiler.collectGarbage');
            const heap = await cdp.send('Runtime.getHeapUsage');
            const wasmBytes = await page.evaluate(() => /** @type {any} */ (window).__benchWasmMemories
              .reduce((/** @type {number} */ s, /** @type {WebAssembly.Memory} */ m) => s + m.buffer.byteLength, 0));
            memory[name] = { heapMB: heap.usedSize / 2 ** 20, wasmMB: wasmBytes / 2 ** 20 };
          }
          await context.close();
        }
        rows.push({ setup: label, name, target, fps: got.fps, eps: got.eps, cells: got.cells,
          ok: spread(got.fps).median >= target, load: load() });
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}

const total = Object.values(transfer).reduce((s, v) => ({ raw: s.raw + v.raw, gzip: s.gzip + v.gzip }), { raw: 0, gzip: 0 });
if (asJson) {
  console.log(JSON.stringify({ seconds, runs, rows, memory, transfer, total }, null, 2));
} else {
  console.log(`page benchmark: one epoch per frame, ${runs} runs of ${seconds} s per case: median (min–max)`);
  for (const r of rows) {
    console.log(`${r.setup.padEnd(36)} ${r.name}  heatmap ${spread(r.cells).min}×${spread(r.cells).min} cells  frames/s ${fmt(r.fps)}  target >= ${r.target} ${r.ok ? 'ok' : 'BELOW'}  epochs/s ${fmt(r.eps)}  [${r.load}]`);
  }
  for (const [name, m] of Object.entries(memory)) {
    console.log(`${name}: JS heap after GC ${m.heapMB.toFixed(1)} MB, wasm memory ${m.wasmMB.toFixed(1)} MB`);
  }
  console.log('\ntransfer (dev01 load)   raw bytes   gzip -9 bytes');
  for (const [k, v] of Object.entries(transfer).sort((a, b) => b[1].gzip - a[1].gzip)) {
    console.log(`${k.padEnd(22)} ${String(v.raw).padStart(10)}  ${String(v.gzip).padStart(12)}`);
  }
  console.log(`${'total'.padEnd(22)} ${String(total.raw).padStart(10)}  ${String(total.gzip).padStart(12)}   (target < 60000)`);
}
