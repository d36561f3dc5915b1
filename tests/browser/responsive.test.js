// The page on phones, tablets, an embed and a laptop: from 360 px wide to 1366, the panels stack
// instead of overlapping, nothing scrolls sideways (a network wider than the screen scrolls in
// its own box), no two controls overlap, every control is at least 24×24 CSS px (WCAG 2.2,
// 2.5.8), and on a touch screen taps play, step, and show what hovering shows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, screenshot } from './support.js';

const SIZES = [[360, 640], [390, 844], [768, 1024], [1366, 768]];
const LINKS = [['default', fixture('dev01').hash], ['6x8-all-features', fixture('dev04').hash],
  ['perceptron', 'model=perceptron&dataset=xor&seed=0.5'], ['regression-simplified', `${fixture('dev06').hash}&mode=simplified`]];

/**
 * Runs in the page: every visible control (under `scope`: an open menu covers what is under it)
 * and panel with its box, and what goes past the viewport's right edge (outside the boxes that
 * scroll sideways on their own).
 * @param {string} [scope]
 */
function measure(scope = 'body') {
  const CONTROLS = 'button, select, input, textarea, summary, a[href], [role="button"], [tabindex="0"]';
  const PANELS = ['#notices', '#lecture', '#lesson', '#topbar', '#data', '#network', '#output'];
  const name = (/** @type {Element} */ e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}` +
    ` "${e.getAttribute('aria-label') ?? e.getAttribute('name') ?? e.textContent?.trim().slice(0, 24) ?? ''}"`;
  const box = (/** @type {Element} */ e) => {
    const r = e.getBoundingClientRect();
    return { name: name(e), x: r.left, y: r.top, w: r.width, h: r.height };
  };
  const shown = (/** @type {Element} */ e) => /** @type {HTMLElement} */ (e).checkVisibility({ visibilityProperty: true })
    && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0;
  /** @type {Set<Element>} */
  const targets = new Set();
  for (const e of document.querySelectorAll(`${scope} :is(${CONTROLS})`)) {
    // A check box's target is its label (a click on the text ticks it).
    const t = e.matches('input[type="checkbox"], input[type="radio"]') && e.closest('label') || e;
    if (shown(t) && !t.classList.contains('bp-table-box')) targets.add(t);
  }
  const scrollsOnItsOwn = (/** @type {Element} */ e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible' && p.scrollWidth > p.clientWidth) return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')].filter((e) => shown(e) && !scrollsOnItsOwn(e)
    && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(name);
  return {
    controls: [...targets].map(box),
    panels: PANELS.map((s) => document.querySelector(s)).filter((e) => e && shown(e)).map((e) => box(/** @type {Element} */ (e))),
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, wide,
  };
}

/** Pairs of boxes that overlap by more than half a pixel each way. @param {{name: string, x: number, y: number, w: number, h: number}[]} boxes */
function overlaps(boxes) {
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) out.push(`${a.name} × ${b.name}`);
    }
  }
  return out;
}

/** @param {Awaited<ReturnType<typeof measure>>} m @param {string} where @param {number} [least] controls */
function check(m, where, least = 15) {
  assert.ok(m.scroll <= m.client, `${where}: scrollWidth ${m.scroll} > ${m.client}`);
  assert.deepEqual(m.wide, [], `${where}: past the right edge`);
  assert.ok(m.controls.length >= least, `${where}: ${m.controls.length} controls`);
  assert.deepEqual(overlaps(m.panels), [], `${where}: panels overlap`);
  assert.deepEqual(overlaps(m.controls), [], `${where}: controls overlap`);
  const small = m.controls.filter((c) => c.w < 23.99 || c.h < 23.99).map((c) => `${c.name} ${c.w.toFixed(1)}×${c.h.toFixed(1)}`);
  assert.deepEqual(small, [], `${where}: controls under 24×24`);
}

test('from 360 px to 1366 px wide: panels stacked, no sideways scroll, no overlap, targets of 24×24 or more', async (t) => {
  const { server, browser } = await setup(t);
  for (const [w, h] of SIZES) {
    for (const [name, hash] of LINKS) {
      await t.test(`${name} at ${w}×${h}`, async () => {
        const { page, context, errors } = await openPage(browser, server.url, `${hash}&showTestData=true`, { width: w, height: h });
        try {
          await page.evaluate(() => window.nnplay.step(20));
          check(await page.evaluate(measure), `${name} ${w}×${h}`);
          // Open panels too: the lessons menu and the step-through (where it applies).
          await page.click('.lessons-menu summary');
          // The lessons' titles come with the lab engine (loaded on use): the list fills then.
          await page.waitForSelector('.lessons-list .lesson-link');
          check(await page.evaluate(measure, '.lessons-list'), `${name} ${w}×${h}, lessons open`, 9);
          await page.click('.lessons-menu summary');
          if (await page.isVisible('.bp-start')) {
            await page.click('.bp-start');
            await page.waitForSelector('.bp-body', { state: 'visible' });
            check(await page.evaluate(measure), `${name} ${w}×${h}, step-through open`);
          }
          if (name === 'default' || name === '6x8-all-features') await screenshot(page, `responsive-${name}-${w}x${h}`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  await t.test('embedded in a 970×700 iframe', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      for (const [name, hash] of LINKS) {
        await page.setContent(`<iframe src="${server.url}#${hash}" width="970" height="700" style="border:0"></iframe>`);
        const frame = /** @type {import('playwright-core').Frame} */ (await (await page.waitForSelector('iframe')).contentFrame());
        await frame.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
        await frame.evaluate(() => window.nnplay.step(20));
        check(await frame.evaluate(measure), `${name} in a 970×700 iframe`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

test('on a touch screen (390×844), taps play, pause and step, and show a neuron or a weight as hovering does', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash, { width: 390, height: 844, touch: true });
  t.after(() => context.close());
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0), true);
  await page.tap('[data-control="stepButton"]');
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 1);
  await page.tap('[data-control="playButton"]');
  await page.waitForFunction(() => window.nnplay.epoch >= 20);
  await page.tap('[data-control="playButton"]');
  const epoch = await page.evaluate(() => window.nnplay.epoch);
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), epoch, 'paused');
  await page.tap('[data-control="stepButton"]');
  assert.equal(await page.evaluate(() => window.nnplay.epoch), epoch + 1);

  // A tap on a neuron shows it on the big heatmap, as hovering does; a tap elsewhere, the output.
  await page.tap('[data-node="3"]');
  await page.waitForFunction(() => /^Showing neuron/.test(document.querySelector('.heatmap-caption')?.textContent ?? ''));
  await page.tap('.explain h2');
  await page.waitForFunction(() => document.querySelector('.heatmap-caption')?.textContent === '');

  // A tap on a link shows its weight in the card, as hovering does.
  await page.locator('[data-node="6"]').scrollIntoViewIfNeeded();
  const at = await page.evaluate(() => {
    const body = /** @type {HTMLElement} */ (document.querySelector('.network-body'));
    const r = body.getBoundingClientRect();
    const a = /** @type {HTMLElement} */ (document.querySelector('[data-node="2"]')).getBoundingClientRect();
    const b = /** @type {HTMLElement} */ (document.querySelector('[data-node="6"]')).getBoundingClientRect();
    // A point on the link from neuron 2's right edge to neuron 6's left edge, a third of the way.
    const x0 = a.right, y0 = a.top + a.height / 2, x1 = b.left, y1 = b.top + b.height / 2;
    return { x: x0 + (x1 - x0) / 3, y: y0 + (y1 - y0) / 3, inside: r.width > 0 };
  });
  assert.ok(at.inside);
  await page.touchscreen.tap(at.x, at.y);
  await page.waitForSelector('.hovercard:not([hidden])');
  assert.equal(await page.getAttribute('.hovercard', 'data-kind'), 'weight');
  assert.match(await page.inputValue('.hc-input'), /^-?\d/);
  assert.deepEqual(errors, []);
});
