// The Speed menu: epochs per animation frame (1 ... 100, max) in the URL; "max" trains many
// epochs per frame while the page keeps near the display's 60 frames/s (normal vsync).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams } from './support.js';

const BASE = fixture('dev01').hash;

/**
 * Plays for `ms` after a warm-up and measures the frame intervals and the epochs trained.
 * @param {import('playwright-core').Page} page @param {number} ms
 */
function measure(page, ms) {
  return page.evaluate(async (t) => {
    const api = window.nnplay;
    api.play();
    await new Promise((r) => setTimeout(r, 500));
    /** @type {number[]} */
    const stamps = [];
    let running = true;
    const f = (/** @type {number} */ now) => { stamps.push(now); if (running) requestAnimationFrame(f); };
    requestAnimationFrame(f);
    const e0 = api.epoch;
    await new Promise((r) => setTimeout(r, t));
    running = false;
    const e1 = api.epoch;
    api.pause();
    const iv = stamps.slice(1).map((s, i) => s - stamps[i]).sort((a, b) => a - b);
    return { frames: iv.length, median: iv[iv.length >> 1], epochs: e1 - e0 };
  }, ms);
}

test('the speed menu sets epochs per frame without restarting training', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, BASE);
  t.after(() => context.close());
  assert.deepEqual(await page.$$eval('select[name="speed"] option', (os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value)),
    ['1', '2', '5', '10', '20', '50', '100', 'max']);
  assert.equal(await page.inputValue('select[name="speed"]'), '1');
  await page.evaluate(() => window.nnplay.step(7));
  await page.selectOption('select[name="speed"]', '10');
  assert.equal(hashParams(page.url()).get('speed'), '10');
  assert.equal((await page.evaluate(() => window.nnplay.state())).speed, 10);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 7, 'the speed is not part of the experiment');
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch >= 57);
  await page.evaluate(() => window.nnplay.pause());
  assert.equal((await page.evaluate(() => window.nnplay.epoch)) % 10, 7, 'ten epochs per frame');
  await page.selectOption('select[name="speed"]', 'max');
  assert.equal(hashParams(page.url()).get('speed'), 'max');
  assert.equal((await page.evaluate(() => window.nnplay.state())).speed, 'max');
  await page.selectOption('select[name="speed"]', '1');
  assert.equal(hashParams(page.url()).has('speed'), false, 'the default is not written');
  assert.deepEqual(errors, []);
});

test('speed=max trains many epochs per frame and keeps near 60 frames/s', async (t) => {
  const { server, browser } = await setup(t);
  // Least epochs per frame (speed 1 would give 1): dev04 (6×8, all features) costs ~7× dev01
  // per epoch, and a loaded test machine slows both.
  for (const [name, least] of /** @type {const} */ ([['dev01', 10], ['dev04', 1.5]])) {
    await t.test(name, async () => {
      const { page, context, errors } = await openPage(browser, server.url, `${fixture(name).hash}&speed=max`);
      try {
        assert.equal(await page.inputValue('select[name="speed"]'), 'max');
        const r = await measure(page, 2000);
        t.diagnostic(`${name}: ${r.frames} frames, median interval ${r.median.toFixed(1)} ms, ${r.epochs} epochs, ${(r.epochs / r.frames).toFixed(1)} epochs/frame`);
        assert.ok(r.median < 50, `median frame interval ${r.median} ms`);
        assert.ok(r.frames >= 30, `${r.frames} frames in 2 s`);
        assert.ok(r.epochs / r.frames >= least, `${r.epochs} epochs in ${r.frames} frames`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
