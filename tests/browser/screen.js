// screen.js — what the page shows, for the link tests: the numbers of the screen to compare bit
// for bit, and a wait for the address bar to be the page's link.

/** @typedef {import('playwright-core').Page} Page */

/**
 * What the screen holds, to compare bit for bit: every number as String(x) (shortest round
 * trip; "-0" for negative zero).
 * @param {Page} page
 */
export function screen(page) {
  return page.evaluate(() => {
    const s = (/** @type {number | null} */ x) => (x === null ? 'null' : Object.is(x, -0) ? '-0' : String(x));
    const n = window.nnplay;
    return {
      epoch: n.epoch,
      network: n.network().map((layer) => layer.map((u) => [s(u.bias), u.weights.map(s), u.dead ?? []])),
      loss: n.lossCurve().map((r) => r.map(s)),
      accuracy: n.accuracyCurve().map((r) => r.map(s)),
      state: n.state(),
    };
  });
}

/** Waits until the address bar is the page's link(). @param {Page} page */
export function addressIsLink(page) {
  return page.waitForFunction(() => location.href === window.nnplay.link(), null, { timeout: 5000 });
}

