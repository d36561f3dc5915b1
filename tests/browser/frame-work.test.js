// Work per frame, counted rather than timed (a loaded machine cannot slow a count): what a redraw
// draws on the network's canvases, and that drawing less gives the same picture as drawing all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture } from './support.js';

/** Counts canvas calls per canvas class in window.__calls (before the page's scripts run). */
function countCanvasCalls() {
  const calls = /** @type {Record<string, number>} */ ({});
  /** @type {any} */ (window).__calls = calls;
  const P = /** @type {any} */ (CanvasRenderingContext2D.prototype);
  for (const m of ['stroke', 'clearRect', 'drawImage', 'putImageData']) {
    const f = P[m];
    P[m] = function (/** @type {any[]} */ ...a) {
      const k = `${m} ${this.canvas.className}`;
      calls[k] = (calls[k] ?? 0) + 1;
      return f.apply(this, a);
    };
  }
}

/** Waits two frames, then returns the calls counted since the last reset, and resets them. @param {import('playwright-core').Page} page */
function framesDone(page) {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const calls = { .../** @type {any} */ (window).__calls };
    for (const k of Object.keys(calls)) delete /** @type {any} */ (window).__calls[k];
    return /** @type {Record<string, number>} */ (calls);
  });
}

/** A canvas's pixels, hashed, and its width. @param {import('playwright-core').Page} page @param {string} selector */
function pixels(page, selector) {
  return page.evaluate((sel) => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector(sel));
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d[i]) | 0;
    return { h, width: c.width };
  }, selector);
}

/** The links canvas's pixels, hashed. @param {import('playwright-core').Page} page */
function linksPixels(page) {
  return pixels(page, 'canvas.links:not(.thumbs)');
}

test('an edited weight redraws only its strip of links, and the picture equals a full redraw', async (t) => {
  const { server, browser } = await setup(t);
  // dev04: 7 inputs, six layers of 8, one output: strips of 56, 64 (×5) and 8 links.
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev04').hash, { init: countCanvasCalls });
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(20));
  await framesDone(page);

  const w = await page.evaluate(() => window.nnplay.network()[2][3].weights[5]);
  await page.evaluate((v) => window.nnplay.setWeight(3, 5, 3, v), w > 0 ? -4.5 : 4.5); // layer 3: the strip of 64 links into it
  const edited = await framesDone(page);
  assert.equal(edited['stroke links'], 64, 'one strip restroked');
  assert.equal(edited['clearRect links'], 1, 'one strip cleared');
  const partial = await linksPixels(page);

  // A resize there and back rebuilds the geometry and redraws every strip.
  await page.setViewportSize({ width: 1200, height: 768 });
  await framesDone(page);
  assert.notEqual((await linksPixels(page)).width, partial.width);
  await page.setViewportSize({ width: 1366, height: 768 });
  const full = await framesDone(page);
  assert.equal(full['stroke links'], 56 + 5 * 64 + 8, 'every link restroked');
  assert.deepEqual(await linksPixels(page), partial, 'strip by strip draws what a full redraw draws');

  // A redraw with nothing changed (the same parameters) draws no link.
  await page.evaluate(() => window.nnplay.step(0));
  assert.equal((await framesDone(page))['stroke links'] ?? 0, 0);
  assert.deepEqual(errors, []);
});

/** Per animation frame (by its timestamp), how many links it stroked and thumbnails it drew, and
 * whether it redrew the loss chart (window.__markChart, from a MutationObserver): window.__drawn,
 * a Map of {links?, thumbnails?, chart?} counts; the links' strokes in all also in
 * window.__calls['stroke links'] (framesDone). */
function recordDrawsPerFrame() {
  const w = /** @type {any} */ (window);
  const calls = /** @type {Record<string, number>} */ ({});
  w.__calls = calls;
  /** @type {Map<number, Record<string, number>>} */
  const drawn = new Map();
  w.__drawn = drawn;
  let frame = -1;
  const count = (/** @type {string} */ what) => {
    const f = drawn.get(frame) ?? {};
    f[what] = (f[what] ?? 0) + 1;
    drawn.set(frame, f);
  };
  w.__markChart = () => count('chart');
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((now) => { frame = now; cb(now); });
  const P = /** @type {any} */ (CanvasRenderingContext2D.prototype);
  const { stroke, drawImage } = P;
  P.stroke = function (/** @type {any[]} */ ...a) {
    if (this.canvas.className === 'links') {
      count('links');
      calls['stroke links'] = (calls['stroke links'] ?? 0) + 1;
    }
    return stroke.apply(this, a);
  };
  P.drawImage = function (/** @type {any[]} */ ...a) {
    if (this.canvas.classList.contains('thumbs')) count('thumbnails');
    return drawImage.apply(this, a);
  };
}

test('while playing, a frame strokes at most two strips of 64 links; paused, the links are what a full redraw draws', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev04').hash,
    { init: recordDrawsPerFrame });
  t.after(() => context.close());
  await framesDone(page);
  // dev04 changes some link's colour or width step nearly every epoch.
  const perFrame = await page.evaluate(async () => {
    const drawn = /** @type {Map<number, Record<string, number>>} */ (/** @type {any} */ (window).__drawn);
    drawn.clear();
    window.nnplay.play();
    for (let f = 0; f < 60; f++) await new Promise((r) => requestAnimationFrame(r));
    window.nnplay.pause();
    return [...drawn.values()].filter((f) => f.links).map((f) => f.links);
  });
  assert.ok(Math.max(...perFrame) <= 128, `at most 128 strokes a frame, got ${perFrame}`);
  assert.ok(perFrame.length >= 20, `the links follow the training while it plays (${perFrame.length} frames drew some)`);
  await framesDone(page);
  await framesDone(page);
  const paused = await linksPixels(page);
  // A resize there and back redraws every strip from the same parameters.
  await page.setViewportSize({ width: 1200, height: 768 });
  await framesDone(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  assert.equal((await framesDone(page))['stroke links'], 56 + 5 * 64 + 8, 'every link restroked');
  assert.deepEqual(await linksPixels(page), paused, 'the strips left for later were drawn once paused');
  assert.deepEqual(errors, []);
});

test('while playing on time, the numbers redraw at most every 45 ms and the loss chart every 90 ms, in different frames; paused, at once', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev04').hash);
  t.after(() => context.close());
  // A fake clock, stopped but for runFor: animation frames every 16 ms of its time, whatever the
  // machine's load.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await page.evaluate(() => {
    /** @type {{text: number[], svg: number[]}} */
    const redraws = { text: [], svg: [] };
    /** @type {any} */ (window).__redraws = redraws;
    const watch = (/** @type {string} */ selector, /** @type {number[]} */ into) => new MutationObserver(() => {
      if (into[into.length - 1] !== performance.now()) into.push(performance.now());
    }).observe(/** @type {Node} */ (document.querySelector(selector)), { characterData: true, childList: true, subtree: true });
    watch('.epoch .value', redraws.text);
    watch('.loss-chart', redraws.svg);
    window.nnplay.play();
  });
  // Chartist is imported (real time) and builds its chart (fake time: a timeout) on the way.
  for (let i = 0; i < 500 && await page.locator('.loss-chart svg').count() === 0; i++) {
    await page.clock.runFor(16);
    await new Promise((r) => setTimeout(r, 10));
  }
  await page.clock.runFor(100);
  await page.evaluate(() => { const r = /** @type {any} */ (window).__redraws; r.text.length = r.svg.length = 0; });
  await page.clock.runFor(1500);
  const { text, svg } = await page.evaluate(() => {
    window.nnplay.pause();
    return /** @type {{text: number[], svg: number[]}} */ (structuredClone(/** @type {any} */ (window).__redraws));
  });
  // (redraw-rates.js: TEXT_MIN_INTERVAL_MS, CHART_MIN_INTERVAL_MS; frames 16 ms apart are on time)
  for (const [kind, at, least, interval] of /** @type {const} */ ([['numbers', text, 20, 45], ['chart', svg, 10, 90]])) {
    assert.ok(at.length >= least, `${kind} redrawn while playing (${at.length} times in 1.5 s)`);
    for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= interval, `${kind} redrawn ${at[i] - at[i - 1]} ms after the last ${JSON.stringify({ text, svg })}`);
  }
  assert.deepEqual(svg.filter((time) => text.includes(time)), [], 'the chart and the numbers in different frames');
  // Paused: a step shows its epoch at the next frame.
  const before = await page.evaluate(() => window.nnplay.epoch);
  await page.evaluate(() => window.nnplay.step(1));
  await page.clock.runFor(50);
  const shown = await page.locator('.epoch .value').textContent();
  assert.equal(Number(shown?.replace(/,/g, '')), before + 1);
  assert.deepEqual(errors, []);
});

test('while playing, the thumbnails and the links take turns and a chart frame draws neither; paused, both are a full redraw', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev04').hash,
    { init: recordDrawsPerFrame });
  t.after(() => context.close());
  await framesDone(page);
  const frames = await page.evaluate(async () => {
    const w = /** @type {any} */ (window);
    /** @type {Map<number, Record<string, number>>} */
    const drawn = w.__drawn;
    // (Chartist replaces its SVG: the observer's callback runs in the frame that did it)
    new MutationObserver(() => w.__markChart()).observe(/** @type {Node} */ (document.querySelector('.loss-chart')), { childList: true, subtree: true });
    window.nnplay.play();
    await new Promise((r) => setTimeout(r, 300)); // Chartist is imported on the way
    drawn.clear();
    const count = (/** @type {string} */ what) => [...drawn.values()].filter((f) => f[what]).length;
    for (let f = 0; f < 600 && (f < 60 || count('chart') < 3); f++) await new Promise((r) => requestAnimationFrame(r));
    window.nnplay.pause();
    return [...drawn.values()].map((f) => Object.keys(f).sort());
  });
  const count = (/** @type {string} */ what) => frames.filter((f) => f.includes(what)).length;
  assert.deepEqual(frames.filter((f) => f.includes('thumbnails') && f.includes('links')), [], 'no frame draws both');
  assert.deepEqual(frames.filter((f) => f.includes('chart') && f.length > 1), [], 'a frame that redraws the chart draws neither');
  assert.ok(count('thumbnails') >= 15 && count('links') >= 15 && count('chart') >= 3,
    `the thumbnails (${count('thumbnails')} frames), the links (${count('links')}) and the chart (${count('chart')}) follow the training`);
  await framesDone(page);
  const paused = { links: await linksPixels(page), thumbnails: await pixels(page, 'canvas.thumbs') };
  // A resize there and back redraws both canvases whole from the same numbers.
  await page.setViewportSize({ width: 1200, height: 768 });
  await framesDone(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await framesDone(page);
  assert.deepEqual({ links: await linksPixels(page), thumbnails: await pixels(page, 'canvas.thumbs') }, paused,
    'paused, what the turns left behind is drawn');
  assert.deepEqual(errors, []);
});
