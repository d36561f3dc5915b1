// Real user flows on every control family: each click or choice changes the URL, the engine's
// experiment and the drawing; hovering a neuron shows it in the big heatmap; typing a weight or
// a bias changes the network's output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, drawing, hashParams, screenshot } from './support.js';

const BASE = fixture('dev01').hash;

test('the controls drive the URL, the engine and the drawing', async (t) => {
  const { server, browser } = await setup(t);

  /**
   * Opens the default experiment, trains 20 epochs, runs `act`, trains 20 more epochs of the
   * rebuilt experiment, and hands both drawings and the new URL to `check`.
   * @param {string} name
   * @param {(page: import('playwright-core').Page) => Promise<void>} act
   * @param {(r: {page: import('playwright-core').Page, params: Map<string, string>, state: any,
   *   before: any, after: any}) => Promise<void> | void} check
   */
  const flow = (name, act, check) => t.test(name, async () => {
    const { page, context, errors, foreign } = await openPage(browser, server.url, BASE);
    try {
      await page.evaluate(() => window.nnplay.step(20));
      const before = await drawing(page);
      await act(page);
      await page.evaluate(() => window.nnplay.step(20));
      const after = await drawing(page);
      const state = await page.evaluate(() => window.nnplay.state());
      await check({ page, params: hashParams(page.url()), state, before, after });
      assert.deepEqual(errors, []);
      assert.deepEqual(foreign, []);
    } finally {
      await context.close();
    }
  });

  await flow('choosing a learning rate', (p) => p.selectOption('select[name="learningRate"]', '0.3'), ({ params, state, before, after }) => {
    // A live setting: training went on from epoch 20, and the link says when it changed.
    assert.equal(params.get('learningRate@20'), '0.3');
    assert.equal(params.get('learningRate'), '0.03');
    assert.equal(state.learningRate, 0.3);
    assert.notEqual(after.heatmap, before.heatmap);
  });
  await flow('choosing an activation', (p) => p.selectOption('select[name="activation"]', 'relu'), ({ params, state, before, after }) => {
    assert.equal(params.get('activation'), 'relu');
    assert.equal(state.activation, 'relu');
    assert.notEqual(after.heatmap, before.heatmap);
    assert.notEqual(after.network, before.network);
  });
  await flow('choosing a regularization and its rate', async (p) => {
    await p.selectOption('select[name="regularization"]', 'L2');
    await p.selectOption('select[name="regularizationRate"]', '0.3');
  }, ({ params, state, before, after }) => {
    assert.equal(params.get('regularization@20'), 'L2');
    assert.equal(params.get('regularizationRate@20'), '0.3');
    assert.equal(state.regularization, 'L2');
    assert.equal(state.regularizationRate, 0.3);
    assert.notEqual(after.network, before.network);
  });
  await flow('switching to regression', (p) => p.selectOption('select[name="problem"]', 'regression'), async ({ page, params, state, before, after }) => {
    assert.equal(params.get('problem'), 'regression');
    assert.equal(state.problem, 'regression');
    const visible = await page.$$eval('.dataset-thumb', (bs) => bs.filter((b) => !b.hidden).map((b) => b.getAttribute('data-dataset')));
    assert.deepEqual(visible, ['reg-plane', 'reg-gauss']);
    assert.equal((await page.evaluate(() => window.nnplay.data())).train.length, 600);
    assert.notEqual(after.points, before.points);
  });
  await flow('clicking a dataset thumbnail', (p) => p.click('.dataset-thumb[data-dataset="xor"]'), async ({ page, params, state, before, after }) => {
    assert.equal(params.get('dataset'), 'xor');
    assert.equal(state.dataset, 'xor');
    assert.equal(await page.getAttribute('.dataset-thumb.selected', 'data-dataset'), 'xor');
    assert.notEqual(after.points, before.points);
  });
  await flow('moving the ratio, noise and batch size sliders', async (p) => {
    await p.fill('input[name="percTrainData"]', '70');
    await p.fill('input[name="noise"]', '25');
    await p.fill('input[name="batchSize"]', '5');
  }, async ({ page, params, state, before, after }) => {
    assert.equal(params.get('percTrainData'), '70');
    assert.equal(params.get('noise'), '25');
    assert.equal(params.get('batchSize'), '5');
    assert.equal(state.percTrainData, 70);
    assert.equal(state.noise, 25);
    assert.equal(state.batchSize, 5);
    assert.equal((await page.evaluate(() => window.nnplay.data())).train.length, 350);
    assert.match(await page.textContent('[data-control="percTrainData"]') ?? '', /70%/);
    assert.notEqual(after.points, before.points);
  });
  await flow('regenerating the data', (p) => p.click('button.regenerate'), ({ params, state, before, after }) => {
    assert.notEqual(params.get('seed'), '0.12345');
    assert.equal(params.get('seed'), state.seed);
    assert.match(state.seed, /^0\.\d{5}$/);
    assert.notEqual(after.points, before.points);
  });
  await flow('clicking a feature adds it to the network', (p) => p.click('[data-control="xSquared"]'), async ({ page, params, state, before, after }) => {
    assert.equal(params.get('xSquared'), 'true');
    assert.equal(state.xSquared, true);
    const net = await page.evaluate(() => window.nnplay.network());
    assert.equal(net[0][0].weights.length, 3);
    assert.ok(await page.$eval('[data-control="xSquared"]', (e) => e.classList.contains('active')));
    assert.notEqual(after.network, before.network);
  });
  await flow('adding and removing hidden layers', async (p) => {
    await p.click('.layer-count button:has-text("+")');
    assert.equal(hashParams(p.url()).get('networkShape'), '4,2,2');
    await p.click('.layer-count button:has-text("−")');
    await p.click('.layer-count button:has-text("−")');
  }, async ({ page, params, state, before, after }) => {
    assert.equal(params.get('networkShape'), '4');
    assert.deepEqual(state.networkShape, [4]);
    assert.equal(await page.textContent('.layer-count .col-title'), '1 hidden layer');
    assert.equal((await page.evaluate(() => window.nnplay.network())).length, 2);
    assert.notEqual(after.network, before.network);
  });
  await flow('adding a neuron to a layer', (p) => p.click('.neuron-controls >> nth=0 >> button:has-text("+")'), async ({ page, params, state, before, after }) => {
    assert.equal(params.get('networkShape'), '5,2');
    assert.deepEqual(state.networkShape, [5, 2]);
    assert.equal(await page.locator('.node.live').count(), 8);
    assert.notEqual(after.network, before.network);
  });
  await flow('showing the test data keeps training where it is', async (p) => {
    await p.check('input[name="showTestData"]');
    assert.equal(await p.evaluate(() => window.nnplay.epoch), 20);
  }, ({ params, state, before, after }) => {
    assert.equal(params.get('showTestData'), 'true');
    assert.equal(state.showTestData, true);
    assert.notEqual(after.points, before.points);
  });
  await flow('discretizing the output', (p) => p.check('input[name="discretize"]'), ({ params, state, before, after }) => {
    assert.equal(params.get('discretize'), 'true');
    assert.equal(state.discretize, true);
    assert.notEqual(after.heatmap, before.heatmap);
  });

  await t.test('play, pause, step and reset', async () => {
    const { page, context, errors } = await openPage(browser, server.url, BASE);
    try {
      const before = await drawing(page);
      await page.click('[data-control="playButton"]');
      await page.waitForFunction(() => window.nnplay.epoch >= 10);
      await page.click('[data-control="playButton"]');
      const paused = await page.evaluate(() => window.nnplay.epoch);
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => window.nnplay.epoch), paused);
      assert.notEqual((await drawing(page)).heatmap, before.heatmap);
      await page.click('[data-control="stepButton"]');
      assert.equal(await page.evaluate(() => window.nnplay.epoch), paused + 1);
      assert.equal(await page.textContent('.epoch .value'), String(paused + 1).padStart(6, '0').replace(/^(\d{3})/, '$1,'));
      await page.click('[data-control="resetButton"]');
      assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
      assert.equal((await drawing(page)).heatmap, before.heatmap);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  await t.test('hovering a neuron shows its output in the big heatmap', async () => {
    const { page, context } = await openPage(browser, server.url, BASE);
    try {
      await page.evaluate(() => window.nnplay.step(30));
      const output = (await drawing(page)).heatmap;
      await page.hover('[data-node="2"]');
      await page.waitForFunction(() => document.querySelector('[data-node="2"]')?.classList.contains('hovered'));
      await page.waitForTimeout(50);
      const hovered = (await drawing(page)).heatmap;
      assert.notEqual(hovered, output);
      assert.equal(await page.textContent('.heatmap-caption'), 'Showing neuron 1');
      await screenshot(page, 'hover-neuron');
      await page.mouse.move(5, 5);
      await page.waitForTimeout(50);
      assert.equal((await drawing(page)).heatmap, output);
    } finally {
      await context.close();
    }
  });

  await t.test('typing a weight and a bias changes the output', async () => {
    const { page, context, errors } = await openPage(browser, server.url, BASE);
    try {
      const box = async (/** @type {string} */ sel) => /** @type {{x: number, y: number, width: number, height: number}} */ (await page.locator(sel).boundingBox());
      const from = await box('[data-control="x"]');
      const to = await box('[data-node="2"]');
      const before = await drawing(page);
      const loss0 = await page.evaluate(() => window.nnplay.loss());
      // The middle of the link x -> first neuron.
      await page.mouse.move((from.x + from.width + to.x) / 2, (from.y + to.y + to.height) / 2 + from.height / 2 - to.height / 2);
      await page.waitForSelector('.hovercard:not([hidden])');
      assert.equal(await page.textContent('.hovercard .hc-label'), 'Weight');
      assert.equal(Number(await page.inputValue('.hc-input')).toFixed(4), (0.15119012045435498).toFixed(4));
      await screenshot(page, 'weight-hovercard');
      await page.fill('.hc-input', '3');
      await page.press('.hc-input', 'Enter');
      const net = await page.evaluate(() => window.nnplay.network());
      assert.equal(net[0][0].weights[0], 3);
      const loss1 = await page.evaluate(() => window.nnplay.loss());
      assert.notEqual(loss1.train, loss0.train);
      await page.waitForTimeout(50);
      const after = await drawing(page);
      assert.notEqual(after.heatmap, before.heatmap);
      assert.notEqual(after.network, before.network);

      // The bias square at the bottom left of the same neuron.
      await page.mouse.move(to.x - 5.5, to.y + to.height - 3.5);
      await page.waitForFunction(() => document.querySelector('.hovercard .hc-label')?.textContent === 'Bias');
      await page.fill('.hc-input', '-0.5');
      await page.press('.hc-input', 'Enter');
      assert.equal((await page.evaluate(() => window.nnplay.network()))[0][0].bias, -0.5);
      assert.notEqual((await page.evaluate(() => window.nnplay.loss())).train, loss1.train);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  await t.test('editing the hash in the address bar loads that experiment', async () => {
    const { page, context, errors } = await openPage(browser, server.url, BASE);
    try {
      await page.evaluate(() => window.nnplay.step(10));
      await page.evaluate(() => { location.hash = 'dataset=spiral&networkShape=3&seed=abc&activation=relu&learningRate=bad'; });
      await page.waitForFunction(() => window.nnplay.state().dataset === 'spiral');
      const state = await page.evaluate(() => window.nnplay.state());
      assert.deepEqual(state.networkShape, [3]);
      assert.equal(state.seed, 'abc');
      assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
      assert.equal(await page.inputValue('select[name="activation"]'), 'relu');
      // the notices banner is imported on first use: wait for it, then check it
      await page.waitForSelector('.notices', { state: 'visible', timeout: 5000 }).catch(() => {});
      assert.equal(await page.isVisible('.notices'), true, 'learningRate=bad is reported');
      assert.match(await page.textContent('.notices') ?? '', /learningRate=bad/);
      assert.equal(hashParams(page.url()).get('learningRate'), '0.03', 'the canonical hash is written back');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  await t.test('speed=5 trains five epochs per frame', async () => {
    const { page, context } = await openPage(browser, server.url, `${BASE}&speed=5`);
    try {
      await page.evaluate(() => window.nnplay.play());
      await page.waitForFunction(() => window.nnplay.epoch >= 20);
      await page.evaluate(() => window.nnplay.pause());
      assert.equal((await page.evaluate(() => window.nnplay.epoch)) % 5, 0);
    } finally {
      await context.close();
    }
  });
});
