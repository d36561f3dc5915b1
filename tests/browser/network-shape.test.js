// The layer buttons on a network a link made bigger than TFP's buttons go: "−" removes one
// neuron at a time from however many the link gave (the engine alone judges what a link may
// ask for), "+" adds none past TFP's 8.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, hashParams } from './support.js';

test('a layer of 20 neurons from a link', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'dataset=xor&seed=0.5&networkShape=20,3');
  t.after(() => context.close());
  const shape = () => page.evaluate(() => window.nnplay.state().networkShape);
  assert.deepEqual(await shape(), [20, 3]);
  assert.deepEqual(await page.evaluate(() => window.nnplay.notices()), []);
  const first = page.locator('.neuron-controls').first();

  await t.test('"−" gives 19, then 18', async () => {
    await first.locator('button', { hasText: '−' }).click();
    assert.deepEqual(await shape(), [19, 3]);
    assert.equal(hashParams(page.url()).get('networkShape'), '19,3');
    await page.locator('.neuron-controls').first().locator('button', { hasText: '−' }).click();
    assert.deepEqual(await shape(), [18, 3]);
  });

  await t.test('"+" is off past 8 and adds none', async () => {
    const plus = page.locator('.neuron-controls').first().locator('button', { hasText: '+' });
    assert.equal(await plus.isDisabled(), true);
    assert.deepEqual(await shape(), [18, 3]);
  });

  await t.test('the second layer still grows to 8 and stops', async () => {
    const plus = () => page.locator('.neuron-controls').nth(1).locator('button', { hasText: '+' });
    for (let n = 4; n <= 8; n++) {
      await plus().click();
      assert.deepEqual(await shape(), [18, n]);
    }
    assert.equal(await plus().isDisabled(), true);
    assert.deepEqual(errors, []);
  });
});
