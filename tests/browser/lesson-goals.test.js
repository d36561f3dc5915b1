// Every lesson with a goal is played to it: the page opens the lesson, makes the change the
// lesson's "Try" line asks for through window.nnplay.set (what its control does), steps 50
// epochs at a time and stops when the goal line says "reached"; within 1,500 epochs, or it fails.
// The same changes are checked against the engine alone in tests/core/test_lessons.c.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './support.js';

/** Each lesson with a goal: what its "Try" line asks for, as [parameter, value] (none: play). */
const TRIES = /** @type {Record<string, [string, string][]>} */ ({
  'perceptron-separable': [],
  hebb: [],
  'xor-mlp': [],
  activations: [['activation', 'tanh']],
  initialisation: [['init', 'xavier']],
  'learning-rate-too-high': [['learningRate', '0.03']],
  'batch-size': [['batchSize', '10']],
  'sgd-vs-adam': [['optimizer', 'adam']],
  optimizers: [['optimizer', 'adam']],
  underfitting: [['networkShape', '8,8,8']],
  'l1-vs-l2': [['regularization', 'L1']],
  'more-data': [['percTrainData', '50']],
  dropout: [['dropout', '0.3']],
});
const BOUND = 1500;

test('each lesson\'s goal is reached by doing what the lesson says to try', async (t) => {
  const { server, browser } = await setup(t);
  const first = await openPage(browser, server.url, '');
  const lessons = await first.page.evaluate(() => window.nnplay.lessons());
  await first.context.close();
  const withGoal = lessons.filter((/** @type {any} */ l) => /(^|&)goal(Train|Test)Loss=/.test(l.hash));
  assert.deepEqual(withGoal.map((/** @type {any} */ l) => l.id).sort(), Object.keys(TRIES).sort(), 'a change for every goal');

  for (const lesson of withGoal) {
    await t.test(lesson.id, async () => {
      const { page, context, errors } = await openPage(browser, server.url, `lesson=${lesson.id}`);
      try {
        await page.waitForSelector('.goals .goal');
        for (const [name, value] of TRIES[lesson.id]) await page.evaluate(([n, v]) => window.nnplay.set(n, v), [name, value]);
        for (const [name, value] of TRIES[lesson.id]) {
          assert.equal(String((await page.evaluate(() => window.nnplay.state()))[name]), value, `${name} changed`);
        }
        let epoch = 0;
        while (epoch < BOUND && !(await page.isVisible('.goals .goal.reached'))) {
          await page.evaluate(() => window.nnplay.step(50));
          await page.waitForFunction(() => window.nnplay.epoch > 0);
          epoch = await page.evaluate(() => window.nnplay.epoch);
          await page.waitForTimeout(20); // the goal line is checked at the next frame
        }
        await page.waitForSelector('.goals .goal.reached', { timeout: 2000 });
        assert.match(await page.textContent('.goals .goal.reached') ?? '', /reached at epoch \d+/);
        assert.equal(await page.isVisible('.notices'), false);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
