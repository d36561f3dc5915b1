// Perceptron mode: on XOR the page says, once the engine's verdict is in, that a single
// perceptron cannot separate the data, and its button switches to a small MLP that can; on
// separable gauss data it converges and the separating line is drawn where the weights say.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, hashParams, screenshot } from './support.js';

/** Pixels of the heatmap overlay that are not transparent. */
function overlayInk(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-overlay'));
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
}

test('perceptron mode on XOR says it cannot separate the data, and switches to an MLP that can', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=perceptron-xor');
  t.after(() => context.close());

  await t.test('a single step neuron, with the misclassified count and curve', async () => {
    assert.equal(await page.isVisible('.perceptron-panel'), true);
    assert.equal(await page.isVisible('.backprop-panel'), false, 'backpropagation is not the perceptron rule');
    assert.equal((await page.evaluate(() => window.nnplay.network())).length, 1, 'no hidden layer');
    assert.equal(await page.isVisible('[data-control="numHiddenLayers"]'), false);
    assert.equal(await page.isVisible('[data-control="activation"]'), false);
    await page.evaluate(() => window.nnplay.step(10));
    const curve = await page.evaluate(() => window.nnplay.misclassified());
    assert.equal(curve.length, 11);
    assert.equal(await page.textContent('.misclassified .value'), String(curve[10]));
    assert.equal(await page.textContent('.misclassified .total'), ` of ${(await page.evaluate(() => window.nnplay.data())).train.length}`);
    assert.ok(await page.isVisible('.misclassified-chart path.ct-line'));
  });

  await t.test('no verdict before 50 epochs, then "cannot separate" with the switch', async () => {
    await page.evaluate(() => window.nnplay.step(39)); // epoch 49
    assert.equal(await page.getAttribute('.verdict', 'data-verdict'), 'undecided');
    assert.equal(await page.isVisible('.switch-mlp'), false);
    await page.evaluate(() => window.nnplay.step(1)); // epoch 50
    assert.equal(await page.getAttribute('.verdict', 'data-verdict'), 'not-separable');
    const report = await page.evaluate(() => window.nnplay.perceptron());
    assert.equal(report.verdict, 'not-separable');
    assert.equal(await page.textContent('.verdict-text'), report.text);
    assert.match(report.text, /single perceptron cannot separate this data/);
    assert.equal(await page.isVisible('.switch-mlp'), true);
    assert.equal(await page.getAttribute('.heatmap-overlay', 'data-line'), '', 'the (failing) line is drawn');
    await screenshot(page, 'perceptron-xor');
  });

  await t.test('the switch opens a small MLP on the same data, which learns XOR', async () => {
    const before = await page.evaluate(() => window.nnplay.data());
    const oldUrl = page.url();
    await page.click('.switch-mlp');
    await page.waitForFunction(() => window.nnplay.state().model === 'mlp');
    assert.notEqual(page.url(), oldUrl, 'the hash changed');
    const params = hashParams(page.url());
    assert.equal(params.get('model'), undefined, 'mlp is the default: not written');
    assert.equal(params.get('networkShape'), '4');
    assert.equal(params.get('activation'), 'tanh');
    assert.equal(params.get('dataset'), 'xor');
    assert.equal(params.has('lesson'), false);
    assert.deepEqual(await page.evaluate(() => window.nnplay.data()), before, 'same data');
    assert.equal(await page.isVisible('.perceptron-panel'), false);
    assert.equal(await page.getAttribute('.heatmap-overlay', 'data-line'), null);
    assert.deepEqual((await page.evaluate(() => window.nnplay.network())).map((l) => l.length), [4, 1]);
    await page.evaluate(() => window.nnplay.step(300));
    const loss = await page.evaluate(() => window.nnplay.loss());
    assert.ok(loss.train < 0.1, `the MLP separates XOR (training loss ${loss.train})`);
    assert.deepEqual(errors, []);
  });
});

test('perceptron mode on separable gauss data converges and draws the separating line', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=perceptron-separable');
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(30));
  const report = await page.evaluate(() => window.nnplay.perceptron());
  assert.equal(report.verdict, 'converged');
  assert.equal(await page.getAttribute('.verdict', 'data-verdict'), 'converged');
  assert.match(await page.textContent('.verdict-text') ?? '', new RegExp(`separates the training data.*\\(epoch ${report.convergedEpoch}\\)`));
  assert.equal(await page.textContent('.misclassified .value'), '0');
  assert.equal(await page.isVisible('.switch-mlp'), false);

  // The line w1·x + w2·y + b = 0 separates every training point, and it is on the heatmap.
  const [[neuron]] = await page.evaluate(() => window.nnplay.network());
  const [w1, w2] = neuron.weights;
  for (const [x, y, label] of (await page.evaluate(() => window.nnplay.data())).train) {
    assert.equal(w1 * x + w2 * y + neuron.bias >= 0 ? 1 : -1, label);
  }
  assert.equal(await page.getAttribute('.heatmap-overlay', 'data-line'), '');
  assert.ok(await overlayInk(page) > 200, 'the line has pixels');
  const text = await page.textContent('.separating-line') ?? '';
  assert.match(text, /^Separating line: .*X₁ [+−] .*X₂ [+−] .* = 0$/);
  assert.ok(text.includes(String(Number(Math.abs(w2).toPrecision(6)))), `${text} shows w2 = ${w2}`);
  await screenshot(page, 'perceptron-gauss');

  // The line sits where the weights put it: where it crosses x = 0, y = -b / w2.
  const pixel = await page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-overlay'));
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(Math.round(c.width / 2), 0, 1, c.height).data;
    let best = -1, dark = 255 * 3;
    for (let r = 0; r < c.height; r++) {
      const v = d[4 * r] + d[4 * r + 1] + d[4 * r + 2];
      if (d[4 * r + 3] === 255 && v < dark) { dark = v; best = r; }
    }
    return best / c.height;
  });
  const y0 = -neuron.bias / w2;
  assert.ok(Math.abs(pixel - (6 - y0) / 12) < 0.02, `line at ${pixel} of the height, weights say ${(6 - y0) / 12}`);
  assert.deepEqual(errors, []);
});

test('the Model menu switches any dataset to the perceptron and back', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'dataset=circle&seed=m');
  t.after(() => context.close());
  assert.equal(await page.isVisible('.perceptron-panel'), false);
  await page.selectOption('select[name="model"]', 'perceptron');
  await page.waitForFunction(() => window.nnplay.state().model === 'perceptron');
  assert.equal(hashParams(page.url()).get('model'), 'perceptron');
  // the panel's module is imported on this first switch, so it shows a moment later
  await page.waitForSelector('.perceptron-panel', { state: 'visible', timeout: 5000 });
  await page.evaluate(() => window.nnplay.step(60));
  assert.equal(await page.getAttribute('.verdict', 'data-verdict'), 'not-separable', 'a circle is not linearly separable');
  await page.selectOption('select[name="model"]', 'mlp');
  await page.waitForFunction(() => window.nnplay.state().model === 'mlp');
  assert.equal(hashParams(page.url()).has('model'), false);
  assert.equal(await page.isVisible('[data-control="numHiddenLayers"]'), true);
  assert.deepEqual(errors, []);
});
