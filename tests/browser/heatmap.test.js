// The big heatmap's sharpness: while training it has at least TFP's 100×100 cells; still (paused,
// after a step, on a resize) it has one cell per device pixel of its canvas, at pixel ratios 1
// and 2; and what it shows is the engine's output there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, fixture } from './support.js';

/** @param {import('playwright-core').Page} page the heatmap canvas's size and its frame's in device px */
function sizes(page) {
  return page.evaluate(async () => {
    // two frames: the redraw a state change asked for has happened
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid'));
    const frame = /** @type {HTMLElement} */ (document.querySelector('.heatmap-frame'));
    return { width: c.width, height: c.height, device: Math.round(frame.getBoundingClientRect().width * devicePixelRatio) };
  });
}

test('the output heatmap has >= 100 cells a side while playing and its device-pixel size when still', async (t) => {
  const { server, browser } = await setup(t);
  for (const dpr of [1, 2]) {
    for (const name of ['dev01', 'dev04']) {
      await t.test(`${name} at device pixel ratio ${dpr}`, async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: dpr });
        const page = await context.newPage();
        /** @type {string[]} */
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        try {
          await page.goto(`${server.url}#${fixture(name).hash}`);
          await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
          const loaded = await sizes(page);
          assert.ok(loaded.device > 100, `the frame is ${loaded.device} device px`);
          assert.equal(loaded.width, loaded.device, 'on load (still)');

          await page.evaluate(() => window.nnplay.play());
          await page.waitForFunction(() => window.nnplay.epoch > 5);
          const playing = await sizes(page);
          assert.ok(playing.width >= 100 && playing.height === playing.width, `playing: ${playing.width}×${playing.height}`);
          assert.ok(playing.width < playing.device, 'playing is coarser than still (so the test tells them apart)');

          await page.evaluate(() => window.nnplay.pause());
          const paused = await sizes(page);
          assert.equal(paused.width, paused.device, 'paused');
          assert.equal(paused.height, paused.device);

          await page.evaluate(() => { window.nnplay.play(); });
          await sizes(page);
          await page.evaluate(() => { window.nnplay.pause(); window.nnplay.step(3); });
          assert.equal((await sizes(page)).width, paused.device, 'after a step');

          await page.setViewportSize({ width: 1100, height: 768 });
          const resized = await sizes(page);
          assert.equal(resized.width, resized.device, 'after a resize');
          assert.notEqual(resized.device, paused.device, 'the resize changed the heatmap\'s size');
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});

test('the still heatmap shows the engine\'s output cell for cell', async (t) => {
  const { server, browser } = await setup(t);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}#${fixture('dev01').hash}`);
    await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
    await page.evaluate(() => window.nnplay.step(200));
    await sizes(page);
    // The canvas's pixels: orange where the output is negative, blue where positive (red > blue
    // in the palette's orange half). The classes of the dev01 circle must both show, and the
    // centre (inside the circle, label +1 after training) must be blue.
    const seen = await page.evaluate(() => {
      const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid'));
      const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
      const at = (/** @type {number} */ x, /** @type {number} */ y) => { const i = 4 * (y * c.width + x); return d[i] > d[i + 2] ? 'orange' : 'blue'; };
      const mid = c.width >> 1;
      return { centre: at(mid, mid), corner: at(0, 0) };
    });
    assert.deepEqual(seen, { centre: 'blue', corner: 'orange' });
  } finally {
    await context.close();
  }
});

// The first drawing is the still one at once, even when the ResizeObserver reports late (as on a
// loaded machine): nnplay.ready means the page shows its settled picture.
test('when nnplay.ready resolves, the heatmap already has its device-pixel size', async (t) => {
  const { server, browser } = await setup(t);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  t.after(() => context.close());
  await context.addInitScript(() => {
    const Native = window.ResizeObserver;
    window.ResizeObserver = class extends Native {
      /** @param {ResizeObserverCallback} callback */
      constructor(callback) { super((entries, o) => setTimeout(() => callback(entries, o), 1000)); }
    };
  });
  const page = await context.newPage();
  await page.goto(`${server.url}#${fixture('dev01').hash}`);
  const at = await page.evaluate(async () => {
    await window.nnplay.ready;
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid'));
    const frame = /** @type {HTMLElement} */ (document.querySelector('.heatmap-frame'));
    return { width: c.width, device: Math.round(frame.getBoundingClientRect().width * devicePixelRatio) };
  });
  assert.ok(at.device > 100, `the frame is ${at.device} device px`);
  assert.equal(at.width, at.device);
});
