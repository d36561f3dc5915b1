// Inside the layers and the step-through's matrix view, in the page: the layer view opens from
// its button, shows the engine's statistics (nnplay.layerStats()), marks zero initialisation's
// identical neurons and follows training; the matrix view shows W·a + b = z with the numbers of
// network() and the engine's trace, a mini-batch as columns, and δ and ∂E/∂W likewise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, screenshot } from './support.js';

/** The rows the layer view shows. @param {import('playwright-core').Page} page */
function rows(page) {
  return page.$$eval('.ly-row', (els) => els.map((e) => {
    const d = /** @type {HTMLElement} */ (e).dataset;
    const nums = (/** @type {string | undefined} */ s) => (s ?? '').split(',').map(Number);
    return { layer: Number(d.layer), identical: d.identical === 'true', counts: nums(d.counts), activations: nums(d.activations), gradients: nums(d.gradients), mark: e.querySelector('.ly-identical') !== null };
  }));
}

test('the layer view opens from its button and shows the engine\'s statistics, live', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'activation=tanh&networkShape=6,4&dataset=xor&seed=layers');
  t.after(() => context.close());
  assert.equal(await page.locator('.ly-row').count(), 0, 'nothing computed before it is opened');
  await page.click('.ly-toggle');
  await page.waitForSelector('.ly-row');
  assert.equal(await page.getAttribute('.ly-toggle', 'aria-expanded'), 'true');
  const stats = await page.evaluate(() => window.nnplay.layerStats());
  const numTrain = await page.evaluate(() => window.nnplay.data().train.length);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.layer), [1, 2, 3]);
  shown.forEach((r, l) => {
    const s = stats.layers[l];
    assert.deepEqual(r.counts, s.histogram.counts);
    assert.equal(r.counts.reduce((a, b) => a + b, 0), s.size * numTrain);
    assert.deepEqual(r.activations, s.activations);
    assert.deepEqual(r.gradients, s.gradients);
    assert.equal(r.identical, false);
    assert.equal(r.mark, false);
  });
  await screenshot(page, 'layers-view');

  // Training: the view follows (at most every 350 ms).
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction((before) => document.querySelector('.ly-row')?.getAttribute('data-gradients') !== before, shown[0].gradients.join(','));
  await page.evaluate(() => window.nnplay.pause());
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => window.nnplay.layerStats());
  assert.deepEqual((await rows(page)).map((r) => r.gradients), after.layers.map((s) => s.gradients), 'the last state, once paused');
  await page.click('.ly-toggle');
  await page.waitForSelector('.ly-row', { state: 'hidden' });
  assert.equal(await page.getAttribute('.ly-toggle', 'aria-expanded'), 'false');
  assert.deepEqual(errors, []);
});

test('zero initialisation: the layer view marks every hidden layer\'s neurons identical, in French too', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'activation=sigmoid&networkShape=4,3&init=zeros&seed=sym&lang=fr');
  t.after(() => context.close());
  await page.click('.ly-toggle');
  await page.waitForSelector('.ly-row');
  await page.evaluate(() => window.nnplay.step(30));
  await page.waitForTimeout(500);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.identical), [true, true, false]);
  assert.deepEqual(shown.map((r) => r.mark), [true, true, false]);
  assert.equal(await page.textContent('.ly-identical'), 'Tous les neurones identiques');
  assert.equal(await page.textContent('.ly-toggle'), 'Cacher les couches');
  await screenshot(page, 'layers-zero-init');
  assert.deepEqual(errors, []);
});

/** The matrices of layer `l` shown now, by name: rows of numbers. @param {import('playwright-core').Page} page */
function matrices(page, l) {
  return page.$$eval(`.mx-eq[data-layer="${l}"] .mx-table`, (tables) => Object.fromEntries(tables.map((tb) => [
    /** @type {HTMLElement} */ (tb).dataset.name,
    [...tb.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(/** @type {HTMLElement} */ (td).dataset.value))),
  ])));
}

test('the matrix view shows W·a + b = z with the numbers of network() and the engine, a mini-batch as columns', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=backprop&batchSize=3');
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(5));
  await page.click('.bp-start');
  await page.click('text=Matrix view');
  const net = await page.evaluate(() => window.nnplay.network());
  const layout = await page.evaluate(() => { const n = window.nnplay.network(); return n.map((l) => l.length); });
  const tr = await page.evaluate(() => window.nnplay.backprop());
  const sizes = [tr.total.length - layout.reduce((a, b) => a + b, 0), ...layout];
  const first = sizes.map((_, l) => sizes.slice(0, l).reduce((a, b) => a + b, 0));
  const column = (/** @type {number[]} */ arr, /** @type {number} */ l) => arr.slice(first[l], first[l] + sizes[l]).map((v) => [v]);
  for (let l = 1; l < sizes.length; l++) {
    const m = await matrices(page, l);
    assert.deepEqual(m.W, net[l - 1].map((n) => n.weights), `layer ${l}: W, rows = neurons`);
    assert.deepEqual(m.b, net[l - 1].map((n) => [n.bias]));
    assert.deepEqual(m.a, column(tr.output, l - 1));
    assert.deepEqual(m.z, column(tr.total, l));
    assert.deepEqual(m['f(z)'], column(tr.output, l));
  }
  await screenshot(page, 'backprop-matrix');
  const cell = page.locator('.mx-eq[data-layer="1"] .mx-table td').first();
  assert.equal(await cell.getAttribute('title'), String(net[0][0].weights[0]), 'full precision on hover');

  await page.click('text=Whole mini-batch');
  const batch = await page.evaluate(() => Promise.all([0, 1, 2].map((p) => window.nnplay.backprop(p))));
  for (let l = 1; l < sizes.length; l++) {
    const m = await matrices(page, l);
    const cols = (/** @type {'output' | 'total'} */ key, /** @type {number} */ layer) =>
      Array.from({ length: sizes[layer] }, (_, i) => batch.map((b) => b[key][first[layer] + i]));
    assert.deepEqual(m.A, cols('output', l - 1), `layer ${l}: A's columns are the batch's examples`);
    assert.deepEqual(m.Z, cols('total', l));
    assert.deepEqual(m['b·1ᵀ'], net[l - 1].map((n) => [n.bias]));
  }
  await screenshot(page, 'backprop-matrix-batch');

  await page.click('.bp-next'); // error: the table
  assert.equal(await page.locator('.mx-eq').count(), 0);
  await page.click('.bp-next'); // backward
  const last = sizes.length - 1;
  const mOut = await matrices(page, last);
  assert.deepEqual(mOut.δ, column(tr.inputDer, last));
  const m1 = await matrices(page, 1);
  assert.deepEqual(m1['dE/da'], column(tr.outputDer, 1));
  assert.deepEqual(m1['W2ᵀ'], net[0].map((_, i) => net[1].map((n) => n.weights[i])));
  await page.click('.bp-next'); // gradients
  const g1 = await matrices(page, 1);
  const W0 = tr.params.slice(0, sizes[0] * sizes[1]);
  assert.deepEqual(W0, net[0].flatMap((n) => n.weights), 'the first parameters are W1');
  assert.deepEqual(g1['∂E/∂W'], net[0].map((_, i) => tr.grad.slice(i * sizes[0], (i + 1) * sizes[0])));
  assert.deepEqual(errors, []);
});
