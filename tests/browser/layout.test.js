// The page fits where teachers put it: a 970×700 iframe and a 1366×768 laptop screen, without
// horizontal scrolling, even with six layers of eight neurons; it asks nothing of any other
// origin; screenshots of a few states go to build/screenshots/ for a person to look at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, openPage, fixture, screenshot, SCREENSHOTS } from './support.js';

const SIZES = [[970, 700], [1366, 768]];
const CASES = [['default', fixture('dev01').hash], ['6x8-all-features', fixture('dev04').hash],
  ['regression', fixture('dev06').hash]];

test('no horizontal scroll at 970×700 and 1366×768, and no request to another origin', async (t) => {
  const { server, browser } = await setup(t);
  for (const [w, h] of SIZES) {
    for (const [name, hash] of CASES) {
      await t.test(`${name} at ${w}×${h}`, async () => {
        const { page, context, errors, foreign } = await openPage(browser, server.url, `${hash}&showTestData=true`, { width: w, height: h });
        try {
          await page.evaluate(() => window.nnplay.step(100));
          const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
            right: Math.max(...[...document.querySelectorAll('.playground *')].map((e) => e.getBoundingClientRect().right)) }));
          assert.ok(m.scroll <= m.client, `scrollWidth ${m.scroll} > ${m.client}`);
          assert.ok(m.right <= w, `an element ends at ${m.right}px`);
          await screenshot(page, `${name}-${w}x${h}`);
          assert.deepEqual(errors, []);
          assert.deepEqual(foreign, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  await t.test('embedded in a 970×700 iframe it trains and fits', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      const src = `${server.url}#${fixture('dev04').hash.replace('hideText=false', 'hideText=true')}&learningRate_hide=true`;
      await page.setContent(`<iframe src="${src}" width="970" height="700" style="border:0"></iframe>`);
      const frame = /** @type {import('playwright-core').Frame} */ (await (await page.waitForSelector('iframe')).contentFrame());
      await frame.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
      await frame.click('[data-control="playButton"]');
      await frame.waitForFunction(() => window.nnplay.epoch >= 20);
      await frame.click('[data-control="playButton"]');
      const m = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        height: document.documentElement.scrollHeight }));
      assert.ok(m.scroll <= m.client, `scrollWidth ${m.scroll} > ${m.client}`);
      assert.ok(m.height <= 700, `the embed needs ${m.height}px of height`);
      assert.equal(await frame.isVisible('[data-control="learningRate"]'), false);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'iframe-970x700.png') });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
