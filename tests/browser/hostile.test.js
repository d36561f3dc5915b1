// A link is user input. Malformed and hostile hashes — HTML and script in every parameter, huge
// numbers, empty values, a 10 kB hash — show a notice, never run anything, and leave a page that
// trains.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, screenshot } from './support.js';

const PARAMS = ['activation', 'regularization', 'batchSize', 'dataset', 'regDataset', 'learningRate',
  'regularizationRate', 'noise', 'networkShape', 'seed', 'showTestData', 'discretize', 'percTrainData', 'x', 'y',
  'xTimesY', 'xSquared', 'ySquared', 'cosX', 'sinX', 'cosY', 'sinY', 'collectStats', 'tutorial', 'problem',
  'initZero', 'hideText'];
const NUMBERS = ['batchSize', 'learningRate', 'regularizationRate', 'noise', 'percTrainData'];
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E',
];

/** @type {[string, string, boolean][]} name, hash, whether a notice must show */
const CASES = [
  ...PAYLOADS.map((p, i) => /** @type {[string, string, boolean]} */ ([`payload ${i + 1} in every parameter`,
    [...PARAMS.map((n) => `${n}=${p}`), `${p}=1`, `${p}_hide=true`].join('&'), true])),
  ['HTML in parameter names and _hide names', '<b>x</b>=1&<img src=x onerror=window.__pwned=1>_hide=true&seed=1', false],
  ['huge numbers', [...NUMBERS.map((n) => `${n}=1e999`), 'networkShape=99999999,1e308', 'seed=1'].join('&'), true],
  ['negative and tiny numbers', [...NUMBERS.map((n) => `${n}=-1e308`), 'networkShape=-5,0,0.5', 'seed=2'].join('&'), true],
  ['NaN and hexadecimal numbers', [...NUMBERS.map((n) => `${n}=NaN`), 'learningRate=0x10', 'seed=3'].join('&'), true],
  ['empty values', PARAMS.map((n) => `${n}=`).join('&'), true],
  ['bare names without =', PARAMS.join('&'), true],
  ['a 10 kB hash', `seed=${'s'.repeat(300)}&networkShape=${'8,'.repeat(1500)}8&${Array.from({ length: 400 }, (_, i) => `p${i}=${'v'.repeat(8)}`).join('&')}`, true],
  ['inherited names as choices', 'activation=toString&dataset=constructor&problem=__proto__&regularization=hasOwnProperty&seed=4', true],
  ['stray separators', '&&&=&==&activation==relu=&seed=5&&', false],
];

test('malformed and hostile links show a notice, run nothing and leave a page that trains', async (t) => {
  const { server, browser } = await setup(t);
  for (const [name, hash, mustNotice] of CASES) {
    await t.test(name, async () => {
      const { page, context, errors, foreign } = await openPage(browser, server.url, hash);
      try {
        assert.ok(hash.length < 12000);
        const notices = await page.evaluate(() => window.nnplay.notices());
        if (mustNotice) assert.ok(notices.length > 0, 'the engine reports what it ignored');
        const banner = await page.isVisible('.notices');
        assert.equal(banner, notices.length > 0, 'the notice is shown exactly when there is one');
        if (notices.length > 0) {
          assert.equal(await page.locator('.notices li').count(), notices.length);
          // Values appear as text, never as markup.
          assert.equal(await page.locator('.notices li :not(code)').count(), 0);
        }
        await page.evaluate(() => window.nnplay.step(5));
        await page.click('[data-control="playButton"]', { timeout: 5000 });
        assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'true', 'the click started training');
        await page.waitForFunction(() => window.nnplay.epoch >= 8);
        await page.evaluate(() => window.nnplay.pause());
        const loss = await page.evaluate(() => window.nnplay.loss());
        assert.equal(typeof loss.train, 'number');
        assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pwned), undefined);
        assert.equal(await page.locator('img, svg:not(.icon-button svg, .loss-chart svg), script:not([src])').count(), 0, 'no element from the URL');
        // The canonical hash went back into the address bar and reproduces the page.
        const written = new URL(page.url()).hash.slice(1);
        const again = await openPage(browser, server.url, written);
        assert.deepEqual(await again.page.evaluate(() => window.nnplay.state()), await page.evaluate(() => window.nnplay.state()));
        assert.deepEqual(await again.page.evaluate(() => window.nnplay.notices()), []);
        await again.context.close();
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign, []);
        if (name === 'payload 2 in every parameter') await screenshot(page, 'hostile-link-notice');
        if (notices.length > 0) {
          await page.click('.notices-close');
          assert.equal(await page.isVisible('.notices'), false, 'the notice can be dismissed');
        }
      } finally {
        await context.close();
      }
    });
  }
});
