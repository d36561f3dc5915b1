// Simplified and complete modes: simplified shows the essentials (data, features, layers,
// learning rate, play) and hides the rest; complete shows everything; the toggle switches and
// writes `mode` into the URL; TFP links open complete with their own `_hide` choices respected.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams, screenshot } from './support.js';

const FEATURES = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];
const ESSENTIAL = ['dataset', 'percTrainData', 'noise', 'playButton', 'stepButton', 'resetButton', 'learningRate',
  'numHiddenLayers', ...FEATURES];
const BASE = fixture('dev01').hash;

/** Names of the data-control elements that are rendered and visible. */
function visibleControls(/** @type {import('playwright-core').Page} */ page) {
  return page.$$eval('[data-control]', (els) => els
    .filter((e) => /** @type {HTMLElement} */ (e).offsetParent !== null)
    .map((e) => /** @type {string} */ (/** @type {HTMLElement} */ (e).dataset.control)).sort());
}

test('a TFP link opens in complete mode; the toggle switches to simplified and back', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, BASE);
  t.after(() => context.close());
  const all = await visibleControls(page);
  for (const name of [...ESSENTIAL, 'activation', 'regularization', 'regularizationRate', 'problem', 'batchSize',
    'showTestData', 'discretize']) assert.ok(all.includes(name), `${name} shown in complete mode`);
  assert.equal(await page.getAttribute('.mode-button[data-mode="complete"]', 'aria-pressed'), 'true');
  assert.equal(hashParams(page.url()).has('mode'), false, 'a TFP link keeps its hash');
  assert.equal(await page.isVisible('.backprop-panel'), true);

  await page.click('.mode-button[data-mode="simplified"]');
  await page.waitForFunction(() => window.nnplay.state().mode === 'simplified');
  assert.equal(hashParams(page.url()).get('mode'), 'simplified');
  assert.equal(await page.getAttribute('.mode-button[data-mode="simplified"]', 'aria-pressed'), 'true');
  assert.deepEqual(await visibleControls(page), [...ESSENTIAL].sort(), 'only the essentials');
  assert.equal(await page.isVisible('.backprop-panel'), false);
  assert.equal(await page.isVisible('.heatmap'), true);
  assert.equal(await page.isVisible('select[name="model"]'), true, 'the model and the toggle stay');
  await screenshot(page, 'mode-simplified');

  await page.click('.mode-button[data-mode="complete"]');
  await page.waitForFunction(() => window.nnplay.state().mode === 'complete');
  assert.equal(hashParams(page.url()).has('mode'), false);
  assert.deepEqual(await visibleControls(page), all, 'everything again');
  assert.deepEqual(errors, []);
});

test('mode=simplified in a link opens simplified; a TFP link\'s _hide choices hold in both modes', async (t) => {
  const { server, browser } = await setup(t);
  const simple = await openPage(browser, server.url, `${BASE}&mode=simplified`);
  assert.deepEqual(await visibleControls(simple.page), [...ESSENTIAL].sort());
  await simple.context.close();

  const { page, context, errors } = await openPage(browser, server.url, `${BASE}&noise_hide=true&activation_hide=true&sinX_hide=true`);
  t.after(() => context.close());
  const complete = await visibleControls(page);
  for (const name of ['noise', 'activation', 'sinX']) assert.ok(!complete.includes(name), `${name} hidden by its link`);
  assert.ok(complete.includes('regularization'));
  await page.click('.mode-button[data-mode="simplified"]');
  await page.waitForFunction(() => window.nnplay.state().mode === 'simplified');
  assert.deepEqual(await visibleControls(page), ESSENTIAL.filter((n) => n !== 'noise' && n !== 'sinX').sort());
  await page.click('.mode-button[data-mode="complete"]');
  await page.waitForFunction(() => window.nnplay.state().mode === 'complete');
  assert.deepEqual(await visibleControls(page), complete);
  assert.equal(hashParams(page.url()).get('noise_hide'), 'true');
  assert.deepEqual(errors, []);
});

test('a simplified lesson switched to complete stays complete when its link is opened again', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=perceptron-separable');
  t.after(() => context.close());
  assert.equal((await page.evaluate(() => window.nnplay.state())).mode, 'simplified');
  await page.click('.mode-button[data-mode="complete"]');
  await page.waitForFunction(() => window.nnplay.state().mode === 'complete');
  const params = hashParams(page.url());
  assert.equal(params.get('lesson'), 'perceptron-separable');
  assert.equal(params.get('mode'), 'complete', 'written, or the lesson would bring simplified back');
  const again = await openPage(browser, server.url, new URL(page.url()).hash.slice(1));
  const st = await again.page.evaluate(() => window.nnplay.state());
  assert.deepEqual([st.mode, st.model, st.lesson], ['complete', 'perceptron', 'perceptron-separable']);
  assert.equal(await again.page.isVisible('[data-control="regularization"]'), false, 'not for the perceptron');
  assert.equal(await again.page.isVisible('[data-control="showTestData"]'), true);
  assert.deepEqual(again.errors, []);
  await again.context.close();
  assert.deepEqual(errors, []);
});
