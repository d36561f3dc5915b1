// Training that diverges (Infinity / NaN) pauses, says so in words, and can go back to the last
// finite state; the page keeps running. Also: dropout marks the neurons it switched off, and
// the accuracies sit beside the losses and, on request, in the chart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams, screenshot } from './support.js';

const DIVERGES = 'problem=regression&regDataset=reg-plane&activation=linear&networkShape=&learningRate=10&seed=0.5';

/** Frames the page draws in `ms` (the page is not frozen if this is well above 0). */
function frames(/** @type {import('playwright-core').Page} */ page, ms = 300) {
  return page.evaluate((t) => new Promise((resolve) => {
    let n = 0;
    const end = performance.now() + t;
    const f = () => { n++; if (performance.now() < end) requestAnimationFrame(f); else resolve(n); };
    requestAnimationFrame(f);
  }), ms);
}

test('divergence pauses training, says so, and restores the last finite state', async (t) => {
  const { server, browser } = await setup(t);

  for (const [name, hash] of [['reg-plane, linear, no hidden layer, learning rate 10', DIVERGES],
    ['fixture dev07 at learning rate 10', fixture('dev07').hash.replace(/learningRate=[^&]*/, 'learningRate=10')]]) {
    await t.test(name, async () => {
      const { page, context, errors } = await openPage(browser, server.url, hash);
      try {
        assert.equal(await page.isVisible('.divergence'), false);
        await page.click('[data-control="playButton"]');
        await page.waitForSelector('.divergence:not([hidden])', { timeout: 10000 });
        const at = await page.evaluate(() => window.nnplay.divergedAt());
        assert.ok(at > 0);
        const text = await page.textContent('.divergence p') ?? '';
        assert.match(text, new RegExp(`diverged at epoch ${at} — try a lower learning rate`));
        assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'false', 'paused');
        const epoch = await page.evaluate(() => window.nnplay.epoch);
        assert.ok(epoch >= at);
        assert.ok(await frames(page) > 3, 'the page keeps drawing');
        assert.equal(await page.evaluate(() => window.nnplay.epoch), epoch, 'training stays paused');
        assert.match(await page.textContent('.loss.train .value') ?? '', /NaN|Infinity/, 'the loss says what it is');
        await screenshot(page, `divergence-${at}`);

        await page.click('.divergence button');
        assert.equal(await page.evaluate(() => window.nnplay.epoch), at - 1, 'back to the last finite epoch');
        const loss = await page.evaluate(() => window.nnplay.loss());
        assert.ok(Number.isFinite(loss.train) && Number.isFinite(loss.test));
        assert.ok((await page.evaluate(() => window.nnplay.lossCurve())).flat().every(Number.isFinite));
        assert.ok((await page.evaluate(() => window.nnplay.network())).flat().every((n) => Number.isFinite(n.bias) && n.weights.every(Number.isFinite)));
        assert.equal(await page.evaluate(() => window.nnplay.divergedAt()), -1);
        assert.equal(await page.isVisible('.divergence'), false);
        assert.doesNotMatch(await page.textContent('.loss.train .value') ?? '', /NaN|Infinity/);

        // Stepping on diverges again, at the same epoch, and is caught again.
        await page.evaluate((n) => window.nnplay.step(n), 3);
        assert.equal(await page.isVisible('.divergence'), true);
        assert.equal(await page.evaluate(() => window.nnplay.divergedAt()), at);
        await page.evaluate(() => window.nnplay.restoreFinite());
        assert.equal(await page.evaluate(() => window.nnplay.epoch), at - 1);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  await t.test('speed=max stops at the divergence too', async () => {
    const { page, context, errors } = await openPage(browser, server.url, `${DIVERGES}&speed=max`);
    try {
      await page.evaluate(() => window.nnplay.play());
      await page.waitForSelector('.divergence:not([hidden])', { timeout: 10000 });
      assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'false');
      await page.click('.divergence button');
      assert.equal(await page.evaluate(() => window.nnplay.divergedAt()), -1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  await t.test('reset and a new experiment clear the message', async () => {
    const { page, context } = await openPage(browser, server.url, DIVERGES);
    try {
      await page.evaluate(() => window.nnplay.step(5));
      assert.equal(await page.isVisible('.divergence'), true);
      await page.click('[data-control="resetButton"]');
      assert.equal(await page.isVisible('.divergence'), false);
      await page.evaluate(() => window.nnplay.step(5));
      assert.equal(await page.isVisible('.divergence'), true);
      await page.selectOption('select[name="activation"]', 'tanh'); // a new experiment
      assert.equal(await page.isVisible('.divergence'), false);
      await page.selectOption('select[name="learningRate"]', '0.01'); // live, from epoch 0
      await page.evaluate(() => window.nnplay.step(50));
      assert.equal(await page.isVisible('.divergence'), false, 'a lower learning rate converges');
    } finally {
      await context.close();
    }
  });
});

test('dropout marks the neurons it dropped in the last step', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, `${fixture('dev01').hash}&dropout=0.5`);
  t.after(() => context.close());
  assert.equal(await page.locator('.node.dropped').count(), 0, 'nothing dropped before training');
  for (let i = 0; i < 4; i++) {
    await page.click('[data-control="stepButton"]');
    // the marks are imported on first use and drawn on the redraw after: wait until they agree
    // with the mask (or 5 s), then check
    await page.waitForFunction(() => {
      const want = window.nnplay.dropoutMask().flatMap((v, k) => (v === 0 ? [String(k)] : [])).join();
      return [...document.querySelectorAll('.node.dropped')].map((e) => /** @type {HTMLElement} */ (e).dataset.node).join() === want;
    }, null, { timeout: 5000 }).catch(() => {});
    const mask = await page.evaluate(() => window.nnplay.dropoutMask());
    const dropped = mask.flatMap((v, k) => (v === 0 ? [String(k)] : []));
    const marked = await page.$$eval('.node.dropped', (els) => els.map((e) => /** @type {HTMLElement} */ (e).dataset.node));
    assert.deepEqual(marked, dropped, `step ${i + 1}`);
    if (i === 0) {
      assert.ok(dropped.length > 0, 'rate 0.5 drops someone among six neurons');
      await screenshot(page, 'dropout-marks');
    }
  }
  const withMarks = await page.evaluate(() => /** @type {HTMLCanvasElement} */ (document.querySelector('.thumbs')).toDataURL());
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch > 10);
  assert.equal(await page.locator('.node.dropped').count(), 0, 'no marks while playing');
  await page.evaluate(() => window.nnplay.pause());
  assert.notEqual(await page.evaluate(() => /** @type {HTMLCanvasElement} */ (document.querySelector('.thumbs')).toDataURL()), withMarks);
  await page.selectOption('select[name="dropout"]', '0');
  const epoch = await page.evaluate(() => window.nnplay.epoch);
  assert.equal(hashParams(page.url()).get(`dropout@${epoch}`), '0', 'a live setting: the link says when it changed');
  await page.evaluate(() => window.nnplay.step(1));
  assert.equal(await page.locator('.node.dropped').count(), 0, 'no dropout, no marks');
  assert.deepEqual(errors, []);
});

test('accuracy beside the losses and as an optional curve', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(50));
  const acc = await page.evaluate(() => window.nnplay.accuracy());
  assert.ok(acc.train > 0.5 && acc.train <= 1 && acc.test > 0.5 && acc.test <= 1);
  assert.equal(await page.textContent('.accuracy.train .value'), `${(100 * acc.train).toFixed(1)}%`);
  assert.equal(await page.textContent('.accuracy.test .value'), `${(100 * acc.test).toFixed(1)}%`);
  const curve = await page.evaluate(() => window.nnplay.accuracyCurve());
  assert.equal(curve.length, 51);
  assert.deepEqual(curve[50], [acc.train, acc.test]);
  const chart = () => page.locator('.loss-chart').screenshot();
  const lossOnly = await chart();
  await page.check('input[name="showAccuracy"]');
  await page.waitForTimeout(50);
  const withAccuracy = await chart();
  assert.equal(withAccuracy.equals(lossOnly), false, 'the accuracy curves are drawn');
  await screenshot(page, 'accuracy-curve');
  await page.uncheck('input[name="showAccuracy"]');
  await page.waitForTimeout(50);
  assert.ok((await chart()).equals(lossOnly), 'hidden again');
  assert.deepEqual(errors, []);
});
