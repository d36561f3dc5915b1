// "Copy link" in "Use it in class" gives the teacher the link, or says plainly how to take it:
// on a page served over plain http there is no navigator.clipboard, and the browser may refuse
// document.execCommand('copy') too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './support.js';

/** Runs in the page before its scripts: no Clipboard API (plain http), and execCommand('copy')
 * recorded with the text selected when it ran, answering as `window.copyAnswer` says. */
function plainHttp() {
  Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
  /** @type {any} */ (window).copied = [];
  /** @type {any} */ (window).copyAnswer = true;
  document.execCommand = (command) => {
    const a = /** @type {HTMLInputElement} */ (document.activeElement);
    /** @type {any} */ (window).copied.push([command, a.value.slice(a.selectionStart ?? 0, a.selectionEnd ?? 0)]);
    return /** @type {any} */ (window).copyAnswer;
  };
}

test('"Copy link" without a Clipboard API', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'dataset=xor&seed=0.5', { init: plainHttp });
  t.after(() => context.close());
  await page.click('.class-panel summary');
  await page.waitForSelector('.class-link');
  const link = await page.inputValue('.class-link');
  assert.match(link, /#.*dataset=xor/);

  await t.test('copies the selected link with execCommand and says "Copied"', async () => {
    await page.click('.link-row button');
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).copied), [['copy', link]]);
    assert.equal(await page.textContent('.copy-status'), 'Copied');
    assert.equal(await page.isVisible('.copy-status'), true);
  });

  await t.test('when the browser refuses, leaves the link selected and says to copy it', async () => {
    await page.evaluate(() => { /** @type {any} */ (window).copyAnswer = false; });
    await page.click('.link-row button');
    assert.match(await page.textContent('.copy-status') ?? '', /Select and copy the link/);
    const selected = await page.evaluate(() => {
      const a = /** @type {HTMLInputElement} */ (document.activeElement);
      return a.value.slice(a.selectionStart ?? 0, a.selectionEnd ?? 0);
    });
    assert.equal(selected, link);
  });

  await t.test('a new link clears the message', async () => {
    await page.click('.class-panel input[name="playButton_hide"]');
    assert.equal(await page.textContent('.copy-status'), '');
    assert.deepEqual(errors, []);
  });
});

test('"Copy link" with the Clipboard API puts the link on the clipboard', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context } = await openPage(browser, server.url, 'dataset=xor&seed=0.5');
  t.after(() => context.close());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await page.click('.class-panel summary');
  await page.waitForSelector('.class-link');
  await page.click('.link-row button');
  await page.waitForFunction(() => document.querySelector('.copy-status')?.textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.inputValue('.class-link'));
});
