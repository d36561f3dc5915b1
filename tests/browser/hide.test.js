// `<name>_hide=true` hides exactly the element marked data-control="<name>", hideText hides the
// explanatory text, and the "Use it in class" link round-trips: opened, it hides what the
// teacher ticked and shows the same experiment.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams, screenshot } from './support.js';

const CONTROLS = ['showTestData', 'discretize', 'playButton', 'stepButton', 'resetButton', 'learningRate',
  'activation', 'regularization', 'regularizationRate', 'problem', 'dataset', 'percTrainData', 'noise',
  'batchSize', 'numHiddenLayers', 'data',
  // nnplay's own, visible by default (the optimisers' hyperparameters show only with their optimiser)
  'optimizer', 'init', 'dropout', 'loss', 'speed', 'showAccuracy'];
const FEATURES = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];
const BASE = fixture('dev01').hash;

/** Names of the data-control elements that are rendered and visible. */
function visibleControls(/** @type {import('playwright-core').Page} */ page) {
  return page.$$eval('[data-control]', (els) => els
    .filter((e) => /** @type {HTMLElement} */ (e).offsetParent !== null || getComputedStyle(e).position === 'fixed')
    .map((e) => /** @type {string} */ (/** @type {HTMLElement} */ (e).dataset.control)));
}

test('every _hide parameter hides exactly its control', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context } = await openPage(browser, server.url, BASE);
  const all = await visibleControls(page);
  await context.close();
  assert.deepEqual([...all].sort(), [...CONTROLS, ...FEATURES].sort(), 'each hideable control is marked once');

  for (const name of [...CONTROLS, ...FEATURES]) {
    await t.test(`${name}_hide=true`, async () => {
      const { page, context, errors } = await openPage(browser, server.url, `${BASE}&${name}_hide=true`);
      try {
        const visible = await visibleControls(page);
        assert.deepEqual(visible.sort(), all.filter((c) => c !== name).sort());
        assert.equal(hashParams(page.url()).get(`${name}_hide`), 'true', 'the hide survives in the URL');
        if (FEATURES.includes(name)) {
          const inputs = (await page.evaluate(() => window.nnplay.network()))[0][0].weights.length;
          assert.equal(inputs, name === 'x' || name === 'y' ? 1 : 2, 'a hidden feature leaves the network');
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  await t.test('hideText=true hides the explanatory text and keeps the playground', async () => {
    const { page, context } = await openPage(browser, server.url, `${BASE.replace('hideText=false', 'hideText=true')}`, { width: 970, height: 700 });
    try {
      assert.equal(await page.isVisible('.explain'), false);
      assert.equal(await page.isVisible('.site-header'), false);
      assert.equal(await page.isVisible('.heatmap'), true);
      assert.deepEqual((await visibleControls(page)).sort(), all.sort());
      await page.evaluate(() => window.nnplay.step(100));
      await screenshot(page, 'embed-970x700-hideText');
    } finally {
      await context.close();
    }
  });
});

test('the "Use it in class" link opens the same experiment with the ticked controls hidden', async (t) => {
  const { server, browser } = await setup(t);
  const hash = fixture('dev04').hash;
  const { page, context, errors } = await openPage(browser, server.url, hash);
  let link = '';
  let state;
  try {
    await page.click('.class-panel summary');
    for (const name of ['learningRate', 'noise', 'resetButton', 'sinX']) await page.check(`input[name="${name}_hide"]`);
    await page.check('input[name="hideText"]');
    link = await page.inputValue('.class-link');
    assert.equal(await page.getAttribute('.class-panel a', 'href'), link);
    assert.match(await page.inputValue('.class-embed'), /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#.*" width="970" height="700"/);
    state = await page.evaluate(() => window.nnplay.state());
    await screenshot(page, 'class-panel');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  const params = hashParams(link);
  assert.equal(params.get('learningRate_hide'), 'true');
  assert.equal(params.get('sinX_hide'), 'true');
  assert.equal(params.get('hideText'), 'true');

  const opened = await openPage(browser, server.url, new URL(link).hash.slice(1));
  try {
    const visible = await visibleControls(opened.page);
    for (const name of ['learningRate', 'noise', 'resetButton', 'sinX']) assert.ok(!visible.includes(name), `${name} hidden`);
    for (const name of ['activation', 'playButton', 'x', 'sinY']) assert.ok(visible.includes(name), `${name} shown`);
    assert.equal(await opened.page.isVisible('.explain'), false);
    const again = await opened.page.evaluate(() => window.nnplay.state());
    for (const key of ['seed', 'learningRate', 'activation', 'dataset', 'networkShape', 'noise', 'x', 'xSquared', 'sinY', 'batchSize']) {
      assert.deepEqual(again[key], state[key], key);
    }
    assert.equal(again.hide.sinX_hide, true);
    // sinX was an input of dev04; hidden, it leaves the network.
    assert.equal((await opened.page.evaluate(() => window.nnplay.network()))[0][0].weights.length, 6);
    // The teacher's own link, opened again, ticks the same boxes.
    await opened.page.evaluate(() => /** @type {HTMLDetailsElement} */ (document.querySelector('.class-panel')).open = true);
    assert.equal(await opened.page.isChecked('input[name="noise_hide"]'), true);
    assert.equal(await opened.page.inputValue('.class-link'), link);
  } finally {
    await opened.context.close();
  }
});
