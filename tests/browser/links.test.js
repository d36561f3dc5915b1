// The link holds the whole screen: a live setting changed mid-way goes on from the current
// network and epoch, the address bar is the link, and opening a link — whatever was changed on
// the way, by the controls, window.nnplay or by hand — gives the same epoch, the same network
// bit for bit and the same curves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams } from './support.js';
import { screen, addressIsLink } from './screen.js';

/** @typedef {import('playwright-core').Page} Page */

test('a learning rate changed at epoch 200 goes on from epoch 200', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev01');

  /** @param {string} how @param {(page: Page) => Promise<void>} change */
  const at200 = (how, change) => t.test(how, async () => {
    const { page, context, errors } = await openPage(browser, server.url, fx.hash);
    try {
      await page.evaluate(() => window.nnplay.step(200));
      const before = await screen(page);
      await change(page);
      const after = await screen(page);
      assert.equal(after.epoch, 200);
      assert.deepEqual(after.network, before.network, 'the network is kept');
      assert.equal(after.state.learningRate, 0.3);
      assert.equal(await page.inputValue('select[name="learningRate"]'), '0.3');
      const curve = await page.evaluate(() => window.nnplay.lossCurve());
      assert.deepEqual(curve, fx.loss_curve.slice(0, 201), 'the first 201 rows are the plain link\'s');
      await page.evaluate(() => window.nnplay.step(1));
      assert.equal(await page.evaluate(() => window.nnplay.epoch), 201);
      const next = await page.evaluate(() => window.nnplay.lossCurve()[201]);
      assert.notDeepEqual(next, fx.loss_curve[201], 'epoch 201 trains at the new rate');
      await addressIsLink(page);
      const params = hashParams(page.url());
      assert.equal(params.get('learningRate'), '0.03', 'the base keeps the link\'s rate');
      assert.equal(params.get('epoch'), '201');
      assert.equal(params.get('learningRate@200'), '0.3');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  await at200('chosen on the menu', (page) => page.selectOption('select[name="learningRate"]', '0.3').then(() => {}));
  await at200('through nnplay.set', (page) => page.evaluate(() => window.nnplay.set('learningRate', '0.3')));
  await t.test('while playing, training goes on without a pause', async () => {
    const { page, context, errors } = await openPage(browser, server.url, fx.hash);
    try {
      await page.evaluate(() => window.nnplay.play());
      await page.waitForFunction(() => window.nnplay.epoch >= 30);
      const e = await page.evaluate(() => window.nnplay.epoch);
      await page.selectOption('select[name="regularization"]', 'L2');
      assert.ok(await page.evaluate(() => window.nnplay.epoch) >= e);
      await page.waitForFunction((e0) => window.nnplay.epoch >= e0 + 20, e);
      assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'true');
      await page.evaluate(() => window.nnplay.pause());
      await addressIsLink(page);
      assert.ok([...hashParams(page.url()).keys()].some((k) => /^regularization@\d+$/.test(k)));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

test('"Apply this update" of the step-through is in the link', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=backprop');
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(20));
  await page.click('.bp-start');
  await page.click('.bp-other');
  for (let i = 0; i < 4; i++) await page.click('.bp-next');
  const trace = await page.evaluate(() => window.nnplay.backprop());
  await page.click('.bp-apply');
  await page.evaluate(() => window.nnplay.step(3));
  await addressIsLink(page);
  const link = await page.evaluate(() => window.nnplay.link());
  assert.ok(/[wb]\d[.\d]*@20=/.test(link), 'the update is logged as edits at epoch 20');
  const want = await screen(page);
  const fresh = await openPage(browser, server.url, new URL(link).hash.slice(1));
  try {
    const got = await screen(fresh.page);
    assert.deepEqual(got, want);
    assert.deepEqual(fresh.errors, []);
  } finally {
    await fresh.context.close();
  }
  assert.notDeepEqual(trace.paramsAfter, trace.params);
  assert.deepEqual(errors, []);
});

test('at speed max (a worker trains), a change goes on and the link reproduces the network', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev02');
  const { page, context, errors } = await openPage(browser, server.url, `${fx.hash}&speed=max`);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch >= 200);
  await page.evaluate(() => window.nnplay.set('optimizer', 'momentum'));
  const after = await page.evaluate(() => window.nnplay.epoch);
  await page.waitForFunction((e) => window.nnplay.epoch >= e + 200, after);
  await page.evaluate(() => window.nnplay.pause());
  await addressIsLink(page);
  const link = await page.evaluate(() => window.nnplay.link());
  const at = Number(/&optimizer@(\d+)=momentum$/.exec(link)?.[1]);
  assert.ok(at >= 200 && at <= after, link);
  const want = await screen(page);
  const fresh = await openPage(browser, server.url, new URL(link).hash.slice(1));
  try {
    const got = await screen(fresh.page);
    assert.equal(got.epoch, want.epoch);
    assert.deepEqual(got.network, want.network);
    assert.deepEqual(got.state, want.state);
  } finally {
    await fresh.context.close();
  }
  assert.deepEqual(errors, []);
});
