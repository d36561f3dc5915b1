// window.nnplay is public API (docs/design.md): each member does what the table says.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, num, hashParams } from './support.js';

test('window.nnplay answers as the design table says', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev02');
  const { page, context, errors } = await openPage(browser, server.url, fx.hash);
  t.after(() => context.close());

  await t.test('has exactly the documented members', async () => {
    const keys = await page.evaluate(() => Object.keys(window.nnplay).sort());
    assert.deepEqual(keys, ['data', 'epoch', 'loss', 'lossCurve', 'network', 'notices', 'pause', 'play', 'ready',
      'regenerate', 'reset', 'state', 'step',
      'accuracy', 'accuracyCurve', 'confusion', 'divergedAt', 'restoreFinite', 'dropoutMask',
      'lessons', 'misclassified', 'perceptron', 'backprop', 'layerStats', 'compare',
      'set', 'setWeight', 'setBias', 'link', 'setData'].sort());
    assert.equal(await page.evaluate(() => window.nnplay.ready instanceof Promise), true);
  });

  await t.test('state(), data() and network() are the fixture\'s at epoch 0', async () => {
    const state = await page.evaluate(() => window.nnplay.state());
    for (const [k, v] of Object.entries(fx.state)) assert.deepEqual(state[k], v, k);
    const data = await page.evaluate(() => window.nnplay.data());
    assert.deepEqual(data.train, fx.train.map((/** @type {any[]} */ r) => r.map(num)));
    assert.deepEqual(data.test, fx.test.map((/** @type {any[]} */ r) => r.map(num)));
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), fx.network);
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
    assert.deepEqual(await page.evaluate(() => window.nnplay.notices()), []);
  });

  await t.test('step(n), loss() and lossCurve() follow TFP', async () => {
    await page.evaluate(() => window.nnplay.step());
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 1);
    await page.evaluate(() => window.nnplay.step(9));
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 10);
    assert.deepEqual(await page.evaluate(() => window.nnplay.loss()), fx.losses['10']);
    assert.deepEqual(await page.evaluate(() => window.nnplay.lossCurve()), fx.loss_curve.slice(0, 11));
    await assert.rejects(page.evaluate(() => window.nnplay.step(-1)), /integer/);
  });

  await t.test('play() trains every frame until pause()', async () => {
    await page.evaluate(() => window.nnplay.play());
    await page.waitForFunction(() => window.nnplay.epoch >= 20);
    await page.evaluate(() => window.nnplay.pause());
    const e = await page.evaluate(() => window.nnplay.epoch);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.nnplay.epoch), e);
    assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'false');
  });

  await t.test('reset() goes back to epoch 0 of the link\'s experiment', async () => {
    await page.evaluate(() => window.nnplay.reset());
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), fx.network);
    assert.equal(await page.textContent('.epoch .value'), '000,000');
  });

  await t.test('regenerate() draws a new seed and writes it into the URL', async () => {
    await page.evaluate(() => window.nnplay.regenerate());
    const state = await page.evaluate(() => window.nnplay.state());
    assert.notEqual(state.seed, fx.state.seed);
    assert.equal(hashParams(page.url()).get('seed'), state.seed);
    const data = await page.evaluate(() => window.nnplay.data());
    assert.notDeepEqual(data.train[0], fx.train[0].map(num));
    assert.deepEqual(errors, []);
  });

  await t.test('a link without a seed gets one, written into the URL', async () => {
    const other = await openPage(browser, server.url, 'dataset=xor');
    const seed = await other.page.evaluate(() => window.nnplay.state().seed);
    assert.match(seed, /^0\.\d{5}$/);
    assert.equal(hashParams(other.page.url()).get('seed'), seed);
    await other.context.close();
  });
});
