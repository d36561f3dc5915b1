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

// How near 60 frames/s max keeps is the benchmark's to measure (scripts/bench/bench_speed.mjs);
// the pacing that keeps it is tested on a simulated clock (pacer.test.js).
test('speed=max trains many epochs per frame', async (t) => {
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
        assert.ok(r.epochs / r.frames >= least, `${r.epochs} epochs in ${r.frames} frames`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

/** The network, the loss rows and the epoch the page shows now. @param {import('playwright-core').Page} page */
function snapshot(page) {
  return page.evaluate(() => ({ epoch: window.nnplay.epoch, network: window.nnplay.network(), curve: window.nnplay.lossCurve(), divergedAt: window.nnplay.divergedAt() }));
}

/** What a fresh page of `hash` shows after step(epochs). */
async function stepped(/** @type {import('playwright-core').Browser} */ browser, /** @type {string} */ url, /** @type {string} */ hash, /** @type {number} */ epochs) {
  const { page, context } = await openPage(browser, url, hash);
  try {
    await page.evaluate((n) => window.nnplay.step(n), epochs);
    return await snapshot(page);
  } finally {
    await context.close();
  }
}

/** Every loss row `got` evaluated equals `want`'s; returns how many there were. */
function assertKeptRowsEqual(/** @type {(number | null)[][]} */ got, /** @type {(number | null)[][]} */ want) {
  assert.equal(got.length, want.length);
  let kept = 0;
  got.forEach((row, i) => {
    if (row[0] === null) return;
    kept++;
    assert.deepEqual(row, want[i], `epoch ${i}`);
  });
  return kept;
}

test('at max a worker trains: exactly what stepping trains, and the page goes on from it', async (t) => {
  const { server, browser } = await setup(t);
  const hash = fixture('dev04').hash;
  const { page, context, errors } = await openPage(browser, server.url, `${hash}&speed=max`);
  t.after(() => context.close());
  /** @type {string[]} */
  const scripts = [];
  page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch >= 300, null, { timeout: 20000 });
  await page.evaluate(() => window.nnplay.step(3)); // by hand, in the page, while playing
  await page.waitForFunction(() => window.nnplay.epoch >= 600, null, { timeout: 20000 });
  await page.evaluate(() => window.nnplay.pause());
  assert.ok(scripts.some((p) => p.endsWith('/training-worker.js')), 'the worker was started');
  const played = await snapshot(page);
  const want = await stepped(browser, server.url, hash, played.epoch);
  assert.deepEqual(played.network, want.network);
  assertKeptRowsEqual(played.curve, want.curve);
  // The rows the chart keeps were evaluated: every row up to epoch 600 (its stride is 1 until it
  // holds 601 points, web/losschart.js CAPACITY), every even one after (stride 2 up to epoch
  // 1200), and the last. Other rows may be (a chunk's last epoch) or not.
  assert.ok(played.epoch >= 600 && played.epoch < 1200, `stopped at epoch ${played.epoch}`);
  const missing = played.curve.map((row, e) => e).filter((e) => (e <= 600 || e % 2 === 0 || e === played.epoch) && played.curve[e][0] === null);
  assert.deepEqual(missing, [], 'rows the chart keeps that were not evaluated');
  await page.evaluate(() => window.nnplay.step(2)); // on from the state the worker reached
  const after = await snapshot(page);
  assert.deepEqual(after.network, (await stepped(browser, server.url, hash, played.epoch + 2)).network);
  assert.deepEqual(errors, []);
});

test('at max the worker stops at the exact epoch of a divergence, as stepping finds it', async (t) => {
  const { server, browser } = await setup(t);
  const hash = 'regDataset=reg-plane&problem=regression&activation=linear&learningRate=0.2&batchSize=10&networkShape=&seed=0.64&noise=0';
  const { page, context, errors } = await openPage(browser, server.url, `${hash}&speed=max`);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.play());
  await page.waitForSelector('.divergence:not([hidden])', { timeout: 10000 });
  const played = await snapshot(page);
  assert.equal(played.divergedAt, 67);
  assert.match(await page.textContent('.divergence p') ?? '', /diverged at epoch 67/);
  const want = await stepped(browser, server.url, hash, played.epoch);
  assert.equal(want.divergedAt, 67);
  assert.deepEqual(played.network, want.network);
  assertKeptRowsEqual(played.curve, want.curve);
  await page.click('.divergence button');
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 66);
  assert.deepEqual(errors, []);
});

test('without Web Workers, max trains in the page', async (t) => {
  const { server, browser } = await setup(t);
  const context = await browser.newContext();
  t.after(() => context.close());
  await context.addInitScript(() => { Object.defineProperty(window, 'Worker', { value: undefined }); });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}#${fixture('dev01').hash}&speed=max`);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  const r = await measure(page, 1000);
  assert.ok(r.epochs / r.frames >= 5, `${r.epochs} epochs in ${r.frames} frames`);
  assert.deepEqual(errors, []);
});

test('a hidden page stops training at max, and goes on when shown again', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, `${fixture('dev04').hash}&speed=max`);
  t.after(() => context.close());
  const setHidden = (/** @type {boolean} */ hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch >= 50, null, { timeout: 20000 });
  await setHidden(true);
  const hiddenAt = await page.evaluate(() => window.nnplay.epoch);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), hiddenAt, 'no training while hidden');
  await setHidden(false);
  await page.waitForFunction((e) => window.nnplay.epoch > e + 50, hiddenAt, { timeout: 20000 });
  await page.evaluate(() => window.nnplay.pause());
  assert.deepEqual(errors, []);
});
