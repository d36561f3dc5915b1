#!/usr/bin/env node
// bench_trace.mjs — where a playing frame goes: a Chromium trace (CDP Tracing) of dev01 and dev04
// at one epoch per frame, vsync off, broken into the page's script (the engine's training, its
// grids, and the rest: drawing), style and layout, paint, and layers/commit/raster, per frame.
// The engine's share is timed around its wasm exports (a benchmark-only wrapper installed before
// the page loads); the rest is summed from the renderer main thread's trace events. The busiest
// event names follow, so a name this table does not classify still shows.
// Beside each wall-clock figure, the main thread's CPU time in it (the trace's thread time): on a
// loaded machine a frame's wall time is mostly waiting for a core, its CPU time is the work. The
// engine is timed in the page (wall clock), so CPU time shows the script as one figure.
//
//   node scripts/bench/bench_trace.mjs [--seconds 3] [--runs 5] [--cpu-throttle 1] [--dist DIR] [--json]

import { serve, launch, fixture } from '../../tests/browser/support.js';
import { pageBenchOptions } from './page_options.mjs';
import { throttle, fmt, load } from './page_run.mjs';

const { seconds, runs, throttle: rate, dist, asJson } = pageBenchOptions('2');

/** Trace event name -> the part of a frame it is. */
const KIND = new Map([
  ...['FunctionCall', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'RunMicrotasks', 'v8.run']
    .map((n) => [n, 'script']),
  ...['UpdateLayoutTree', 'Layout', 'RecalculateStyles', 'ScheduleStyleRecalculation', 'ParseAuthorStyleSheet']
    .map((n) => [n, 'style/layout']),
  ...['Paint', 'PrePaint', 'PaintImage', 'Layerize'].map((n) => [n, 'paint']),
  ...['UpdateLayer', 'UpdateLayerTree', 'CompositeLayers', 'Commit', 'ProxyMain::BeginMainFrame::commit',
    'LayerTreeHost::UpdateLayers', 'LocalFrameView::RunPostLifecycleSteps'].map((n) => [n, 'layers/commit']),
  ...['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'BlinkGC.AtomicPhase']
    .map((n) => [n, 'gc']),
]);
const PARTS = ['engine: train', 'engine: grids', 'script: drawing', 'style/layout', 'paint', 'layers/commit', 'gc', 'main thread busy'];
/** Parts with a CPU-time figure (the script's as a whole). */
const CPU_PARTS = new Map([['script: drawing', 'script (engine + drawing)'], ...['style/layout', 'paint', 'layers/commit', 'gc', 'main thread busy'].map((p) => [p, p])]);

/** Times the engine's training and grid exports, in the page: window.__benchEngineMs. */
function wrapEngine() {
  const w = /** @type {any} */ (window);
  w.__benchEngineMs = { train: 0, grids: 0 };
  const TIMED = { nn_experiment_train: 'train', nn_experiment_train_sampled: 'train',
    nn_experiment_evaluate_grid: 'grids', nn_experiment_evaluate_node: 'grids' };
  /** @param {any} result */
  const wrap = (result) => {
    const inst = result.instance ?? result;
    const exports = { ...inst.exports };
    for (const [name, part] of Object.entries(TIMED)) {
      const f = exports[name];
      if (typeof f !== 'function') continue;
      exports[name] = (/** @type {any[]} */ ...a) => {
        const t0 = performance.now();
        try { return f(...a); } finally { w.__benchEngineMs[part] += performance.now() - t0; }
      };
    }
    const wrapped = { exports: Object.freeze(exports) };
    return result.instance ? { module: result.module, instance: wrapped } : wrapped;
  };
  const inst = WebAssembly.instantiate;
  WebAssembly.instantiate = /** @type {any} */ ((/** @type {any[]} */ ...a) => inst.apply(WebAssembly, /** @type {any} */ (a)).then(wrap));
  const stream = WebAssembly.instantiateStreaming;
  if (stream) WebAssembly.instantiateStreaming = /** @type {any} */ ((/** @type {any[]} */ ...a) => stream.apply(WebAssembly, /** @type {any} */ (a)).then(wrap));
}

/**
 * One traced window of playing.
 * @param {import('playwright-core').Browser} browser @param {string} url
 * @returns {Promise<{frames: number, ms: Record<string, number>, cpu: Record<string, number>, names: Map<string, number>, cells: number}>}
 */
async function traceOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(wrapEngine);
  await page.goto(url);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  await throttle(page, rate);
  await page.evaluate(async () => { window.nnplay.play(); await new Promise((r) => setTimeout(r, 1000)); });
  const cdp = await context.newCDPSession(page);
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8', 'toplevel'] } });
  const inPage = await page.evaluate(async (secs) => {
    const w = /** @type {any} */ (window);
    const e0 = { ...w.__benchEngineMs };
    let frames = 0, running = true;
    const count = () => { frames++; if (running) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    await new Promise((r) => setTimeout(r, secs * 1000));
    running = false;
    const cells = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid')).width;
    return { frames, train: w.__benchEngineMs.train - e0.train, grids: w.__benchEngineMs.grids - e0.grids, cells };
  }, seconds);
  await cdp.send('Tracing.end');
  await done;
  await page.evaluate(() => window.nnplay.pause());
  await context.close();

  // The renderer's main thread: the thread named CrRendererMain with the most events.
  const named = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busiest = new Map();
  for (const e of events) {
    if (named.some((n) => n.pid === e.pid && n.tid === e.tid)) busiest.set(`${e.pid}:${e.tid}`, (busiest.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  }
  const main = [...busiest.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur > 0).sort((a, b) => a.ts - b.ts);
  /** @type {Record<string, number>} */
  const ms = Object.fromEntries(PARTS.map((p) => [p, 0]));
  /** @type {Record<string, number>} */
  const cpu = Object.fromEntries(PARTS.map((p) => [p, 0]));
  const names = new Map();
  // Sum each kind's outermost events only (an event nested in one of the same kind counts once).
  /** @type {Record<string, number>} */
  const openUntil = {};
  let busyUntil = 0;
  for (const e of mine) {
    const end = e.ts + e.dur;
    names.set(e.name, (names.get(e.name) ?? 0) + e.dur / 1000);
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') {
      if (e.ts >= busyUntil) { ms['main thread busy'] += e.dur / 1000; cpu['main thread busy'] += (e.tdur ?? e.dur) / 1000; busyUntil = end; }
    }
    const kind = KIND.get(e.name);
    if (!kind || e.ts < (openUntil[kind] ?? 0)) continue;
    openUntil[kind] = end;
    ms[kind === 'script' ? 'script: drawing' : kind] += e.dur / 1000;
    cpu[kind === 'script' ? 'script: drawing' : kind] += (e.tdur ?? e.dur) / 1000;
  }
  ms['engine: train'] = inPage.train;
  ms['engine: grids'] = inPage.grids;
  ms['script: drawing'] -= inPage.train + inPage.grids;
  return { frames: inPage.frames, ms, cpu, names, cells: inPage.cells };
}

const server = await serve(dist);
const browser = await launch(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
const report = [];
try {
  for (const name of ['dev01', 'dev04']) {
    /** @type {Record<string, number[]>} */
    const perFrame = Object.fromEntries(PARTS.map((p) => [p, []]));
    /** @type {Record<string, number[]>} */
    const cpuPerFrame = Object.fromEntries(PARTS.map((p) => [p, []]));
    const fps = [];
    const names = new Map();
    let cells = 0;
    for (let run = 0; run < runs; run++) {
      const t = await traceOnce(browser, `${server.url}#${fixture(name).hash}`);
      for (const p of PARTS) perFrame[p].push(t.ms[p] / t.frames);
      for (const p of PARTS) cpuPerFrame[p].push(t.cpu[p] / t.frames);
      fps.push(t.frames / seconds);
      for (const [n, v] of t.names) names.set(n, (names.get(n) ?? 0) + v / t.frames / runs);
      cells = t.cells;
    }
    report.push({ name, cells, fps, perFrame, cpuPerFrame, top: [...names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12), load: load() });
  }
} finally {
  await browser.close();
  server.close();
}

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`frame breakdown: one epoch per frame, vsync off, CPU throttle ${rate}×, ${runs} traces of ${seconds} s: ms per frame, median (min–max)`);
  console.log('wall: the main thread\'s time in each part; CPU: its thread time there (the work, without waiting for a core)');
  for (const r of report) {
    console.log(`\n${r.name}: heatmap ${r.cells}×${r.cells} cells while playing, frames/s ${fmt(r.fps)} (traced)  [${r.load}]`);
    console.log(`  ${'part'.padEnd(18)} ${'wall'.padEnd(22)} CPU`);
    for (const p of PARTS) {
      const c = CPU_PARTS.get(p);
      console.log(`  ${p.padEnd(18)} ${fmt(r.perFrame[p], 3).padEnd(22)} ${c ? `${fmt(r.cpuPerFrame[p], 3)}${c === p ? '' : ` (${c})`}` : ''}`);
    }
    console.log('  busiest main-thread events (ms per frame, nested ones counted in each):');
    for (const [n, v] of r.top) console.log(`    ${n.padEnd(44)} ${v.toFixed(3)}`);
  }
}
