// The page's weight and its loss chart: a first load transfers at most 60 KB gzipped (the
// issue's budget), and the chart (Chartist, SVG) draws the two losses and, on request, the two
// accuracies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { setup, openPage, fixture } from './support.js';

/** 60 KB, as browsers' network panels count a kB: 1000 bytes (the stricter reading). */
const BUDGET = 60 * 1000;

/** Resolves after `n` animation frames. @param {import('playwright-core').Page} page @param {number} n */
function frames(page, n) {
  return page.evaluate((k) => new Promise((resolve) => {
    const f = () => (--k > 0 ? requestAnimationFrame(f) : resolve(undefined));
    requestAnimationFrame(f);
  }), n);
}

test('a first load transfers at most 60 KB gzipped, every file from the page\'s own origin', async (t) => {
  const { server, browser } = await setup(t);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const origin = new URL(server.url).origin;
  /** Every response's gzipped size; a body that cannot be read fails the test (it would
   * otherwise go uncounted). @type {Promise<[string, number, string?]>[]} */
  const sizes = [];
  page.on('response', (r) => {
    sizes.push(r.body().then((b) => [r.url(), gzipSync(b, { level: 9 }).length], (e) => [r.url(), NaN, String(e)]));
  });
  await page.goto(`${server.url}#${fixture('dev01').hash}`);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  await frames(page, 5);
  const files = await Promise.all(sizes);
  assert.deepEqual(files.filter(([, , error]) => error !== undefined), [], 'every response body was read');
  assert.deepEqual(files.filter(([url]) => !url.startsWith(origin)), [], 'nothing from another origin');
  const total = files.reduce((s, [, n]) => s + n, 0);
  const list = files.map(([url, n]) => `${url.slice(origin.length)} ${n}`).join(', ');
  assert.ok(files.some(([url]) => url.endsWith('.wasm')) && files.some(([url]) => url.endsWith('/main.js')), list);
  t.diagnostic(`first load: ${total} bytes gzipped: ${list}`);
  assert.ok(total <= BUDGET, `${total} bytes gzipped > ${BUDGET}: ${list}`);
});

test('after 50 epochs the loss chart draws both losses over every epoch, and the accuracies on request', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(50));
  await frames(page, 2);
  // Chartist comes with the chart's first line (web/chart-lib.js, loaded on use): wait for it.
  await page.waitForFunction(() => document.querySelectorAll('.loss-chart path.ct-line').length >= 2);
  /** Each visible line of the chart: its class, vertices, box (in the chart's pixels) and stroke. */
  const lines = () => page.evaluate(() => {
    const chart = /** @type {HTMLElement} */ (document.querySelector('.loss-chart'));
    return [...chart.querySelectorAll('path.ct-line')].filter((p) => p.getClientRects().length > 0).map((p) => {
      const path = /** @type {SVGPathElement} */ (p);
      const box = path.getBBox();
      const style = getComputedStyle(path);
      return {
        series: /** @type {Element} */ (path.parentNode).getAttribute('class'),
        vertices: (path.getAttribute('d')?.match(/[ML]/g) ?? []).length,
        x0: box.x, x1: box.x + box.width, y0: box.y, width: chart.clientWidth,
        stroke: style.stroke, dash: style.strokeDasharray,
      };
    });
  });

  const losses = await lines();
  assert.deepEqual(losses.map((l) => l.series), ['ct-series train', 'ct-series test']);
  assert.deepEqual(losses.map((l) => l.stroke), ['rgb(119, 119, 119)', 'rgb(0, 0, 0)']);
  for (const l of losses) {
    assert.ok(l.vertices >= 2, `${l.series}: a line, not ${l.vertices} vertices`);
    assert.equal(l.dash, 'none');
    assert.ok(Math.abs(l.x0) < 0.5 && Math.abs(l.x1 - l.width) < 0.5, `${l.series} spans epochs 0..50: ${l.x0}..${l.x1} of ${l.width}`);
  }
  assert.ok(Math.min(...losses.map((l) => l.y0)) < 0.5, 'the largest loss is at the top');

  await page.check('input[name="showAccuracy"]');
  await frames(page, 2);
  const all = await lines();
  assert.equal(all.length, 4);
  const acc = all.filter((l) => l.dash !== 'none');
  assert.deepEqual(acc.map((l) => [l.series, l.dash]), [['ct-series train', '4px, 3px'], ['ct-series test', '4px, 3px']]);
  for (const l of acc) assert.ok(l.vertices >= 2, `${l.series} accuracy: a line`);

  await page.uncheck('input[name="showAccuracy"]');
  await frames(page, 2);
  assert.equal((await lines()).length, 2, 'the accuracies are hidden again');
  assert.deepEqual(errors, []);
});
