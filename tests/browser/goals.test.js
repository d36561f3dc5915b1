// Goals (goalTrainLoss, goalTestLoss, and the lessons that carry one), outside an iframe: the
// page shows each goal, says once at which epoch it was first reached — the epoch the loss curve
// says, not one the page guessed — forgets it on reset, refuses bad values with the table's
// notices, and a link without a goal fetches neither goals.js nor embed.js.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, hashParams } from './support.js';

/** @param {import('playwright-core').Page} page @returns {Promise<string[]>} each goal line */
function goalLines(page) {
  return page.$$eval('.goals .goal', (lines) => lines.map((l) => /** @type {string} */ (l.textContent)));
}

/** The first epoch whose loss (column 0 train, 1 test) is at most `goal`, from nnplay.lossCurve().
 * @param {import('playwright-core').Page} page @param {number} column @param {number} goal */
function firstReaching(page, column, goal) {
  return page.evaluate(([c, g]) => window.nnplay.lossCurve().findIndex((row) => row[c] !== null && /** @type {number} */ (row[c]) <= g), [column, goal]);
}

test('a lesson\'s goal is shown, reached once at the epoch the loss curve says, and forgotten on reset', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors, foreign } = await openPage(browser, server.url, 'lesson=xor-mlp');
  t.after(() => context.close());
  await page.waitForSelector('.goals .goal');
  assert.deepEqual(await goalLines(page), ['Goal: test loss ≤ 0.05']);
  assert.equal(hashParams(page.url()).get('goalTestLoss'), '0.05', 'the lesson\'s goal is in the link');

  await page.evaluate(() => window.nnplay.step(50));
  await page.waitForTimeout(100);
  assert.deepEqual(await goalLines(page), ['Goal: test loss ≤ 0.05'], 'not reached at epoch 50');
  await page.evaluate(() => window.nnplay.step(100));
  const reached = await firstReaching(page, 1, 0.05);
  assert.ok(reached > 50 && reached <= 150, `reached at ${reached}`);
  await page.waitForFunction(() => document.querySelector('.goals .goal.reached'));
  assert.deepEqual(await goalLines(page), [`Goal: test loss ≤ 0.05 — reached at epoch ${reached} ✓`]);
  await page.evaluate(() => window.nnplay.step(100));
  await page.waitForTimeout(100);
  assert.deepEqual(await goalLines(page), [`Goal: test loss ≤ 0.05 — reached at epoch ${reached} ✓`], 'said once, with its first epoch');

  await page.evaluate(() => window.nnplay.reset());
  await page.waitForFunction(() => !document.querySelector('.goals .goal.reached'));
  assert.deepEqual(await goalLines(page), ['Goal: test loss ≤ 0.05']);
  // Played (one epoch a frame) rather than stepped: the same epoch.
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => document.querySelector('.goals .goal.reached'));
  await page.evaluate(() => window.nnplay.pause());
  assert.deepEqual(await goalLines(page), [`Goal: test loss ≤ 0.05 — reached at epoch ${reached} ✓`]);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

test('both goals from the link, each reached on its own; goalTrainLoss=0 is the perceptron converging', async (t) => {
  const { server, browser } = await setup(t);
  await t.test('goalTrainLoss and goalTestLoss', async () => {
    const { page, context, errors } = await openPage(browser, server.url, 'dataset=xor&noise=0&networkShape=4&seed=lesson3&goalTrainLoss=0.05&goalTestLoss=0.05');
    try {
      await page.waitForSelector('.goals .goal');
      assert.deepEqual(await goalLines(page), ['Goal: training loss ≤ 0.05', 'Goal: test loss ≤ 0.05']);
      const state = await page.evaluate(() => window.nnplay.state());
      assert.equal(state.goalTrainLoss, 0.05);
      assert.equal(state.goalTestLoss, 0.05);
      await page.evaluate(() => window.nnplay.step(200));
      const train = await firstReaching(page, 0, 0.05);
      const testAt = await firstReaching(page, 1, 0.05);
      assert.ok(train > 0 && testAt > train, `train ${train}, test ${testAt}`);
      await page.waitForFunction(() => document.querySelectorAll('.goals .goal.reached').length === 2);
      assert.deepEqual(await goalLines(page), [
        `Goal: training loss ≤ 0.05 — reached at epoch ${train} ✓`,
        `Goal: test loss ≤ 0.05 — reached at epoch ${testAt} ✓`,
      ]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  await t.test('perceptron-separable: no misclassified training point', async () => {
    const { page, context, errors } = await openPage(browser, server.url, 'lesson=perceptron-separable');
    try {
      await page.waitForSelector('.goals .goal');
      await page.evaluate(() => window.nnplay.step(50));
      const converged = await page.evaluate(() => window.nnplay.perceptron().convergedEpoch);
      assert.ok(converged > 0);
      await page.waitForFunction(() => document.querySelector('.goals .goal.reached'));
      assert.deepEqual(await goalLines(page), [`Goal: training loss ≤ 0 — reached at epoch ${converged} ✓`]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

test('bad goals get the table\'s notices and show no goal; a link without a goal fetches neither goals.js nor embed.js', async (t) => {
  const { server, browser } = await setup(t);
  await t.test('bad values', async () => {
    const { page, context, errors } = await openPage(browser, server.url, 'goalTrainLoss=-0.5&goalTestLoss=Infinity&seed=b');
    try {
      const notices = await page.evaluate(() => window.nnplay.notices());
      assert.deepEqual(notices, [
        { param: 'goalTrainLoss', value: '-0.5', reason: 'must not be negative; no goal' },
        { param: 'goalTestLoss', value: 'Infinity', reason: 'not a finite number; no goal' },
      ]);
      assert.equal(await page.isVisible('.notices'), true);
      const state = await page.evaluate(() => window.nnplay.state());
      assert.equal(state.goalTrainLoss, null);
      assert.equal(state.goalTestLoss, null);
      assert.equal(hashParams(page.url()).has('goalTrainLoss'), false, 'a refused goal is not written back');
      assert.equal(await page.$('.goals'), null);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  await t.test('no goal, no extra script; the first goal imports it, a link without one hides it', async () => {
    /** @type {string[]} */
    const fetched = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    try {
      await page.goto(`${server.url}#dataset=xor&seed=c`);
      await page.waitForFunction(() => window.nnplay.ready.then(() => true));
      await page.evaluate(() => window.nnplay.step(10));
      await page.waitForTimeout(200);
      assert.equal(fetched.includes('/goals.js'), false);
      assert.equal(fetched.includes('/embed.js'), false, 'not in an iframe');
      await page.evaluate(() => { location.hash = 'dataset=xor&seed=c&goalTestLoss=0.3'; });
      await page.waitForSelector('.goals .goal');
      assert.equal(fetched.includes('/goals.js'), true);
      assert.deepEqual(await goalLines(page), ['Goal: test loss ≤ 0.3']);
      await page.evaluate(() => { location.hash = 'dataset=xor&seed=c'; });
      await page.waitForFunction(() => /** @type {HTMLElement} */ (document.querySelector('.goals')).hidden);
      assert.deepEqual(await goalLines(page), []);
    } finally {
      await context.close();
    }
  });
});
