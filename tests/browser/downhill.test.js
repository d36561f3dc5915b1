// The downhill panel and Hebb's rule in the page: the lecture bar's button opens the panel
// without touching the experiment, a click (and the arrow keys) set the start point, play moves
// the four paths to where the engine's optimisers put them, and the link reopens the same panel;
// in perceptron mode the Rule menu switches to Hebb's rule, shows its formula and trains by it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, hashParams, screenshot } from './support.js';

/** The map's pixels as one string, to tell whether anything was drawn since. */
function mapPixels(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.dh-map'));
    return Array.from(/** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data).join(',');
  });
}

test('the downhill panel opens, a click sets the start point and play moves the four paths', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'seed=a');
  t.after(() => context.close());

  await t.test('the button opens the bowl without touching the experiment', async () => {
    assert.equal(await page.locator('.downhill-panel').count(), 0, 'not loaded by a plain link');
    await page.evaluate(() => window.nnplay.step(5));
    await page.click('.downhill-open');
    await page.waitForSelector('.downhill-panel', { state: 'visible' });
    assert.equal(hashParams(page.url()).get('downhill'), 'bowl');
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 5, 'training goes on from where it was');
    assert.equal(await page.textContent('.dh-where'), 'Start (-1.8, 0.9), step 0');
    assert.deepEqual(await page.$$eval('.dh-name', (e) => e.map((n) => n.textContent)), ['SGD', 'Momentum', 'RMSprop', 'Adam']);
  });

  await t.test('a click on the map sets the start point, in the link', async () => {
    // positions inside the border, where the map spans [-2, 2]²
    const [w, h] = await page.$eval('.dh-map', (c) => [c.clientWidth, c.clientHeight]);
    await page.locator('.dh-map').click({ position: { x: (1 + 2) / 4 * w, y: (2 - -1) / 4 * h } });
    await page.waitForFunction(() => document.querySelector('.dh-where')?.textContent === 'Start (1, -1), step 0');
    const params = hashParams(page.url());
    assert.equal(params.get('downhillX'), '1');
    assert.equal(params.get('downhillY'), '-1');
    for (const at of await page.$$eval('.dh-at', (e) => e.map((n) => n.textContent))) assert.equal(at, 'at (1, -1)');
  });

  await t.test('play moves each path to the engine optimiser\'s point at that step', async () => {
    const before = await mapPixels(page);
    await page.click('.dh-play');
    await page.waitForFunction(() => Number(/step (\d+)/.exec(document.querySelector('.dh-where')?.textContent ?? '')?.[1]) >= 40);
    await page.click('.dh-play'); // pause
    const step = Number(/step (\d+)/.exec(await page.textContent('.dh-where') ?? '')?.[1]);
    assert.ok(step >= 40 && step <= 400);
    assert.notEqual(await mapPixels(page), before, 'the paths were drawn');
    const shown = await page.$$eval('.dh-at', (e) => e.map((n) => n.textContent));
    const expected = await page.evaluate(async (k) => {
      const { loadEngine } = await import('/engine/engine.js');
      const engine = await loadEngine({ lab: true });
      const own = engine.downhillSettings('bowl');
      const r = (/** @type {number} */ v) => String(Math.round(v * 1000) / 1000);
      return ['sgd', 'momentum', 'rmsprop', 'adam'].map((optimizer) => {
        const p = engine.downhillPath({ surface: 'bowl', optimizer, rate: own.rates[optimizer], x: 1, y: -1, steps: k });
        return `at (${r(p[2 * k])}, ${r(p[2 * k + 1])})`;
      });
    }, step);
    assert.deepEqual(shown, expected);
    for (const at of shown) assert.notEqual(at, 'at (1, -1)', 'every optimiser has moved');
    await screenshot(page, 'downhill-bowl');
  });

  await t.test('the arrow keys move the start point; step and reset', async () => {
    await page.focus('.dh-map');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.dh-where')?.textContent === 'Start (1.05, -1), step 0');
    assert.equal(hashParams(page.url()).get('downhillX'), '1.05');
    await page.click('.dh-step');
    await page.click('.dh-step');
    assert.equal(await page.textContent('.dh-where'), 'Start (1.05, -1), step 2');
    await page.click('.dh-reset');
    assert.equal(await page.textContent('.dh-where'), 'Start (1.05, -1), step 0');
  });

  await t.test('a rate and a surface from the menus go into the link, and the link reopens them', async () => {
    await page.selectOption('.dh-adam select', '0.5');
    assert.equal(hashParams(page.url()).get('downhillAdam'), '0.5');
    await page.selectOption('.dh-surface', 'valley');
    const params = hashParams(page.url());
    assert.equal(params.get('downhill'), 'valley');
    assert.equal(params.has('downhillX'), false, 'a new surface starts from its own start');
    const link = page.url().split('#')[1];
    const again = await openPage(browser, server.url, link);
    try {
      await again.page.waitForSelector('.downhill-panel', { state: 'visible' });
      assert.equal(await again.page.inputValue('.dh-surface'), 'valley');
      assert.equal(await again.page.inputValue('.dh-adam select'), '0.5');
      assert.equal(await again.page.textContent('.dh-where'), 'Start (-1.2, 1.8), step 0');
      assert.deepEqual(again.errors, []);
    } finally {
      await again.context.close();
    }
    await page.click('.dh-close');
    assert.equal(await page.isVisible('.downhill-panel'), false);
    assert.equal(hashParams(page.url()).has('downhill'), false);
  });

  await t.test('nnplay.set opens the panel and leaves the training where it is', async () => {
    const epoch = await page.evaluate(() => window.nnplay.epoch);
    await page.evaluate(() => window.nnplay.set('downhill', 'saddle'));
    await page.waitForSelector('.downhill-panel', { state: 'visible' });
    assert.equal(await page.inputValue('.dh-surface'), 'saddle');
    assert.equal(await page.evaluate(() => window.nnplay.epoch), epoch);
    await assert.rejects(page.evaluate(() => window.nnplay.set('downhillX', '7')), /downhillX/);
  });

  assert.deepEqual(errors, []);
});

test('perceptron mode offers Hebb\'s rule, shows its formula and trains by it', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'dataset=gauss&model=perceptron&learningRate=0.03&seed=h');
  t.after(() => context.close());
  await page.waitForSelector('.perceptron-rule select');
  assert.equal(await page.inputValue('.perceptron-rule select'), 'rosenblatt');
  assert.match(await page.textContent('.rule-formula') ?? '', /if ŷ ≠ y, then w ← w \+ η\(y − ŷ\)·x/);
  await page.selectOption('.perceptron-rule select', 'hebb');
  await page.waitForFunction(() => window.nnplay.state().rule === 'hebb');
  assert.equal(hashParams(page.url()).get('rule'), 'hebb');
  assert.match(await page.textContent('.rule-formula') ?? '', /w ← w \+ η·y·x and b ← b \+ η·y/);
  const [w, train] = await page.evaluate(() => [window.nnplay.network()[0][0], window.nnplay.data().train]);
  let [wx, wy, b] = [w.weights[0], w.weights[1], w.bias];
  for (const [x, y, label] of train) {
    const step = 0.03 * label;
    wx = wx + step * x;
    wy = wy + step * y;
    b = b + step;
  }
  await page.evaluate(() => window.nnplay.step(1));
  const after = await page.evaluate(() => window.nnplay.network()[0][0]);
  assert.deepEqual([...after.weights, after.bias], [wx, wy, b]);

  const fr = await openPage(browser, server.url, 'dataset=gauss&model=perceptron&rule=hebb&seed=h&lang=fr');
  try {
    await fr.page.waitForSelector('.perceptron-rule select');
    assert.match(await fr.page.textContent('.rule-formula') ?? '', /Règle de Hebb/);
    await fr.page.click('.downhill-open');
    await fr.page.waitForSelector('.downhill-panel', { state: 'visible' });
    assert.equal(await fr.page.textContent('.downhill-panel h2'), 'Des optimiseurs qui descendent la pente');
    assert.deepEqual(fr.errors, []);
  } finally {
    await fr.context.close();
  }
  assert.deepEqual(errors, []);
});
