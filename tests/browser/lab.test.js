// The page and the lab engine: a plain link never fetches it; the first panel that needs it (the
// layer view) moves the page onto it mid-training, and the screen goes on exactly as it was: the
// same epoch, loss curve, network and link, and the epochs trained after it equal those of a
// fresh page opened at the later epoch's link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './support.js';

const HASH = 'seed=lab&dataset=spiral&networkShape=5,3&activation=tanh&optimizer=momentum&dropout=0.1&learningRate=0.03';

/** @param {import('playwright-core').Page} page */
const screen = (page) => page.evaluate(() => ({ epoch: window.nnplay.epoch, curve: window.nnplay.lossCurve(), network: window.nnplay.network(), link: window.nnplay.link() }));

test('the layer view moves the page onto the lab engine mid-training, changing nothing on screen', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, HASH);
  t.after(() => context.close());
  /** @type {string[]} */
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().replace(/^.*\//, '')); });
  await page.evaluate(() => window.nnplay.step(30));
  await page.evaluate(() => window.nnplay.set('learningRate', 0.01));
  await page.evaluate(() => window.nnplay.step(7));
  const before = await screen(page);
  assert.equal(before.epoch, 37);
  assert.deepEqual(wasm, [], 'a plain link and training fetch no other engine');

  await page.click('.ly-toggle');
  await page.waitForSelector('.ly-row');
  assert.deepEqual(wasm.filter((f) => f.includes('-lab')).length, 1, `the lab engine fetched once: ${wasm}`);
  assert.deepEqual(await screen(page), before, 'same epoch, curve, network and link on the lab engine');

  await page.evaluate(() => window.nnplay.step(13));
  const after = await screen(page);
  assert.equal(after.epoch, 50);
  const fresh = await openPage(browser, server.url, after.link.split('#')[1]);
  t.after(() => fresh.context.close());
  await fresh.page.waitForFunction(() => window.nnplay.epoch === 50);
  const again = await screen(fresh.page);
  assert.deepEqual(again.curve.slice(38), after.curve.slice(38), 'epochs 38..50 as a fresh page of the link computes them');
  assert.deepEqual(again.network, after.network);
  assert.deepEqual(errors, []);
});

test('nnplay.layerStats() moves to the lab engine by itself and answers', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, HASH);
  t.after(() => context.close());
  const stats = await page.evaluate(() => window.nnplay.layerStats());
  assert.equal(stats.layers.length, 3);
  assert.equal(stats.numPoints, await page.evaluate(() => window.nnplay.data().train.length));
  assert.deepEqual(errors, []);
});
