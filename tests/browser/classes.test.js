// K classes in the page: classes=3 colours the output heatmap by the predicted class from K
// colours of Okabe–Ito's palette, draws a legend of them and opens the confusion matrices of
// the training and test points (rows the true class); two classes get the matrices on request;
// the step-through and hovering an output node do not break; French words; bad values noticed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, screenshot } from './support.js';

const OKABE_ITO = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00'];

/** For each palette colour, how many heatmap pixels are white blended towards it (and how many
 * match none), read from the canvas. */
function heatmapClasses(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate((palette) => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid'));
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
    const cols = palette.map((h) => [1, 3, 5].map((i) => 255 - parseInt(h.slice(i, i + 2), 16)));
    const counts = new Array(palette.length + 1).fill(0);
    for (let i = 0; i < d.length; i += 4) {
      const v = [255 - d[i], 255 - d[i + 1], 255 - d[i + 2]];
      const n = Math.hypot(...v);
      let best = palette.length;
      for (let k = 0; k < cols.length && n > 0; k++) {
        const cos = (v[0] * cols[k][0] + v[1] * cols[k][1] + v[2] * cols[k][2]) / (n * Math.hypot(...cols[k]));
        if (cos > 0.995) best = k;
      }
      counts[best]++;
    }
    return counts;
  }, OKABE_ITO);
}

/** The confusion tables as numbers. */
function tables(/** @type {import('playwright-core').Page} */ page) {
  return page.$$eval('.confusion-table', (ts) => ts.map((t) => [...t.querySelectorAll('tbody tr')]
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)))));
}

test('classes=3: a heatmap of three class colours, their legend and the confusion matrices', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'classes=3&seed=blobs&noise=20&networkShape=6');
  t.after(() => context.close());

  await page.evaluate(() => window.nnplay.step(60));
  await page.waitForSelector('.class-legend .class-item');
  assert.deepEqual(await page.$$eval('.class-legend .class-item', (items) => items.map((i) => i.textContent)),
    ['class 0', 'class 1', 'class 2']);
  assert.deepEqual(await page.$$eval('.class-legend .class-swatch', (s) => s.map((e) => getComputedStyle(e).backgroundColor)),
    ['rgb(230, 159, 0)', 'rgb(86, 180, 233)', 'rgb(0, 158, 115)']);

  await page.waitForSelector('.confusion-table');
  await page.waitForFunction(() => document.querySelectorAll('.confusion-table').length === 2);
  const [train, test] = await tables(page);
  const data = await page.evaluate(() => window.nnplay.data());
  assert.equal(train.length, 3);
  assert.equal(train.flat().reduce((a, b) => a + b, 0), data.train.length);
  assert.equal(test.flat().reduce((a, b) => a + b, 0), data.test.length);
  assert.deepEqual(await page.evaluate(() => window.nnplay.confusion()), { train, test });
  assert.equal(await page.getAttribute('.confusion-button', 'aria-expanded'), 'true');
  const acc = await page.evaluate(() => window.nnplay.accuracy());
  assert.ok(acc.train >= 0.95, `training accuracy ${acc.train}`);

  await page.evaluate(() => window.nnplay.pause());
  const counts = await heatmapClasses(page);
  const total = counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < 3; k++) assert.ok(counts[k] > total / 20, `class ${k} covers part of the plane: ${counts}`);
  for (let k = 3; k < 6; k++) assert.equal(counts[k], 0, `no colour of a fourth class: ${counts}`);
  assert.ok(counts[6] < total / 50, `pixels of no class colour: ${counts}`);
  await screenshot(page, 'classes-3');

  // Hovering an output node shows its total; the step-through says it is for one output.
  await page.hover('.node[data-index]:last-of-type').catch(() => {});
  await page.evaluate(() => window.nnplay.backprop(0).catch((e) => { window.__bp = String(e); }));
  assert.match(await page.evaluate(() => window.__bp ?? ''), /RangeError/);
  assert.equal(await page.isDisabled('.bp-start'), true);
  assert.equal(await page.textContent('.bp-start'), 'Step-through: networks with one output only');
  assert.deepEqual(errors, []);
});

test('two classes: the confusion matrix on request, 2x2 by TFP\'s sign rule; French words', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'dataset=xor&seed=two&lang=fr');
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(20));
  assert.equal(await page.isVisible('.confusion-table'), false, 'closed until asked');
  assert.equal(await page.textContent('.confusion-button'), 'Matrice de confusion');
  await page.click('.confusion-button');
  await page.waitForFunction(() => document.querySelectorAll('.confusion-table').length === 2);
  const [train, test] = await tables(page);
  assert.equal(train.length, 2);
  assert.deepEqual(await page.evaluate(() => window.nnplay.confusion()), { train, test });
  assert.match(await page.textContent('.confusion-table caption'), /lignes la vraie classe/);
  assert.equal(await page.isVisible('.class-legend'), false, 'no class legend for two classes');
  await page.click('.confusion-button');
  assert.equal(await page.isVisible('.confusion-table'), false);
  assert.equal(await page.getAttribute('.confusion-button', 'aria-expanded'), 'false');
  assert.deepEqual(errors, []);
});

test('bad classes values get notices; the page still works', async (t) => {
  const { server, browser } = await setup(t);
  for (const [hash, reason] of [['classes=9&seed=a', /whole number from 2 to 6/], ['classes=abc&seed=a', /not a number/],
    ['classes=3&problem=regression&seed=a', /regression/]]) {
    const { page, context, errors } = await openPage(browser, server.url, hash);
    const notices = await page.evaluate(() => window.nnplay.notices());
    assert.equal(notices.length, 1, hash);
    assert.match(notices[0].reason, reason);
    assert.equal(await page.evaluate(() => window.nnplay.state().classes), 2);
    await page.evaluate(() => window.nnplay.step(2));
    assert.deepEqual(errors, []);
    await context.close();
  }
});
