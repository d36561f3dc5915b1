// Accessibility: axe-core finds no WCAG 2.1 A/AA violation in any state of the page (a plain
// link, simplified and complete mode, a lesson, perceptron mode, the backprop step-through, the
// class panel, the viridis palette, a phone's screen); every control is reached with Tab and
// shows a visible focus ring; Space plays and pauses, → steps; a live region says the state in
// words when training pauses or steps, not while it plays; palette=viridis recolours the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setup, openPage, fixture, hashParams } from './support.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each.
 * @param {import('playwright-core').Page} page @returns {Promise<string[]>}
 */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the page's CSP (scripts from its origin only) is
  // for the page's own scripts, and stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const r = await /** @type {any} */ (window).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((/** @type {any} */ v) => `${v.id} (${v.impact}): ${v.help} — ` +
      v.nodes.slice(0, 4).map((/** @type {any} */ n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join(' | '));
  }, TAGS);
  return found;
}

/** @type {[string, string, {width?: number, height?: number}, (page: import('playwright-core').Page) => Promise<void>][]} */
const STATES = [
  ['the default link, trained', fixture('dev01').hash, {}, async (page) => { await page.evaluate(() => window.nnplay.step(30)); }],
  ['simplified mode', 'mode=simplified&seed=0.5', {}, async () => {}],
  ['complete mode, switched to from simplified', 'mode=simplified&seed=0.5', {}, async (page) => {
    await page.click('.mode-button[data-mode="complete"]');
    await page.waitForFunction(() => !document.body.classList.contains('mode-simplified'));
  }],
  ['a lesson, with the lessons menu open', 'lesson=overfitting', {}, async (page) => {
    await page.click('.lessons-menu summary');
    await page.waitForSelector('.lesson-link', { state: 'visible' });
  }],
  ['perceptron mode, not separable', 'model=perceptron&dataset=xor&seed=0.5', {}, async (page) => {
    await page.evaluate(() => window.nnplay.step(60));
    await page.waitForSelector('.switch-mlp', { state: 'visible' });
  }],
  ['the backprop step-through open, at the gradients', 'lesson=backprop', {}, async (page) => {
    await page.click('.bp-start');
    await page.waitForSelector('.bp-body', { state: 'visible' });
    for (let i = 0; i < 3; i++) await page.click('.bp-next');
  }],
  ['"Use it in class" open', 'seed=0.5', {}, async (page) => {
    await page.click('.class-panel summary');
    await page.waitForSelector('input[name="noise_hide"]');
  }],
  ['the viridis palette, regression, test data shown', `${fixture('dev06').hash}&palette=viridis&showTestData=true`, {}, async (page) => {
    await page.evaluate(() => window.nnplay.step(10));
  }],
  ['a phone (360×640), 6 layers of 8 neurons', fixture('dev04').hash, { width: 360, height: 640 }, async (page) => {
    await page.evaluate(() => window.nnplay.step(10));
  }],
];

test('axe-core reports no WCAG 2.1 A or AA violation in any state of the page', async (t) => {
  const { server, browser } = await setup(t);
  for (const [name, hash, size, act] of STATES) {
    await t.test(name, async () => {
      const { page, context, errors } = await openPage(browser, server.url, hash, size);
      try {
        await act(page);
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

/** What has the focus now: a short description, its size, and its outline as computed. */
function focused() {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return { id: `${e.tagName.toLowerCase()}.${e.className} ${e.getAttribute('aria-label') ?? e.getAttribute('name') ?? e.textContent?.slice(0, 20)}`,
    focusVisible: e.matches(':focus-visible'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor,
    shown: r.width > 0 && r.height > 0 };
}

test('Tab reaches every control, each with a visible focus ring', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(5));
  // Every control a user can operate now (checkbox and radio count as themselves here).
  const expected = await page.evaluate(() => {
    const sel = 'button, select, input, textarea, summary, a[href], [tabindex="0"]';
    return [...document.querySelectorAll(sel)].filter((e) => /** @type {HTMLElement} */ (e).checkVisibility()
      && !(/** @type {any} */ (e).disabled) && e.getBoundingClientRect().width > 0).length;
  });
  assert.ok(expected >= 30, `only ${expected} controls found`);
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {any[]} */
  const bad = [];
  let marked = 0;
  for (let i = 0; i < 200 && seen.size < expected + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focused);
    if (!f) continue;
    // Each control gets a mark, so that two with the same text count twice.
    const key = await page.evaluate((n) => {
      const e = /** @type {HTMLElement} */ (document.activeElement);
      if (!e.dataset.tabMark) e.dataset.tabMark = String(n);
      return e.dataset.tabMark;
    }, marked++);
    if (seen.has(key)) break; // wrapped around
    seen.add(key);
    if (!f.shown || !f.focusVisible || f.outline === 'none' || !(f.width >= 2)) bad.push(f);
  }
  assert.deepEqual(bad, [], 'every focused control shows a 2px focus outline');
  const unreached = await page.evaluate(() => {
    const sel = 'button, select, input, textarea, summary, a[href], [tabindex="0"]';
    return [...document.querySelectorAll(sel)].filter((e) => /** @type {HTMLElement} */ (e).checkVisibility()
      && !(/** @type {any} */ (e).disabled) && e.getBoundingClientRect().width > 0 && !(/** @type {HTMLElement} */ (e).dataset.tabMark))
      .map((e) => `${e.tagName} ${e.className} ${e.getAttribute('aria-label') ?? e.getAttribute('name') ?? ''}`);
  });
  assert.deepEqual(unreached, [], 'every control is reached with Tab');
  assert.deepEqual(errors, []);
});

test('Space plays and pauses, → steps, except in a control that uses those keys', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.click('.explain'); // focus on the page, not on a control
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 1, '→ steps one epoch');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 2);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.nnplay.epoch >= 12);
  assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'true');
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'false');
  const paused = await page.evaluate(() => window.nnplay.epoch);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), paused, 'paused');
  // In the learning-rate menu and on a slider those keys are theirs.
  await page.focus('select[name="learningRate"]');
  await page.keyboard.press('ArrowRight');
  await page.focus('input[name="noise"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await page.waitForTimeout(100);
  assert.equal(await page.getAttribute('[data-control="playButton"]', 'aria-pressed'), 'false');
  assert.equal(hashParams(page.url()).get('noise'), '5', 'the slider took the key');
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 0, 'the slider rebuilt the experiment; nothing stepped');
  // A link that hides the buttons hides their keys too.
  await page.goto(`${server.url}#${fixture('dev01').hash}&playButton_hide=true&stepButton_hide=true`);
  await page.reload();
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  await page.click('.explain');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
  assert.deepEqual(errors, []);
});

test('a live region says the epoch, losses, accuracies and prediction when training pauses or steps, not while it plays', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  const region = page.locator('.state-summary');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  assert.equal(await region.isVisible(), true, 'in the page for screen readers');
  const shown = await region.boundingBox();
  assert.ok(shown && shown.width <= 1 && shown.height <= 1, `but not shown: ${JSON.stringify(shown)}`);
  await page.click('[data-control="stepButton"]');
  await page.waitForFunction(() => /^Epoch 1\./.test(document.querySelector('.state-summary')?.textContent ?? ''));
  const one = await region.textContent();
  const loss = await page.evaluate(() => window.nnplay.loss());
  const acc = await page.evaluate(() => window.nnplay.accuracy());
  assert.match(one ?? '', new RegExp(`^Epoch 1\\. Test loss ${loss.test.toFixed(3)}, training loss ${loss.train.toFixed(3)}\\. ` +
    `Test accuracy ${(100 * acc.test).toFixed(1)}%, training accuracy ${(100 * acc.train).toFixed(1)}%\\. ` +
    'The network predicts positive \\(\\+1\\) on \\d+% of the plane, negative on \\d+%\\.$'));
  // While playing, the region keeps the last paused state.
  await page.click('[data-control="playButton"]');
  /** @type {Set<string | null>} */
  const texts = new Set();
  for (let i = 0; i < 10; i++) {
    texts.add(await region.textContent());
    await page.waitForTimeout(30);
  }
  assert.deepEqual([...texts], [one], 'not rewritten while playing');
  await page.click('[data-control="playButton"]');
  const epoch = await page.evaluate(() => window.nnplay.epoch);
  await page.waitForFunction((e) => (document.querySelector('.state-summary')?.textContent ?? '').startsWith(`Epoch ${e}.`), epoch);
  assert.deepEqual(errors, []);
});

test('palette=viridis recolours the heatmaps, points and links, and stays in the link', async (t) => {
  const { server, browser } = await setup(t);
  /** The big heatmap's most common colours, and a link colour. @param {import('playwright-core').Page} page */
  const colours = (page) => page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid'));
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
    return { corner: [d[0], d[1], d[2]], centre: [...d.slice(4 * (c.width * (c.height >> 1) + (c.width >> 1)), 4 * (c.width * (c.height >> 1) + (c.width >> 1)) + 3)] };
  });
  const hash = fixture('dev01').hash;
  const a = await openPage(browser, server.url, hash);
  await a.page.evaluate(() => window.nnplay.step(300));
  const plain = await colours(a.page);
  assert.equal(hashParams(a.page.url()).has('palette'), false, 'the default is not written');
  const b = await openPage(browser, server.url, `${hash}&palette=viridis`);
  await b.page.evaluate(() => window.nnplay.step(300));
  const viridis = await colours(b.page);
  assert.equal(hashParams(b.page.url()).get('palette'), 'viridis');
  assert.equal(await b.page.evaluate(() => window.nnplay.state().palette), 'viridis');
  // Circle data: blue (+1) in the centre, orange (−1) at the corners; viridis: yellow and purple.
  const [r0, g0, b0] = plain.centre;
  assert.ok(b0 > r0 && b0 > g0, `default centre is blue: ${plain.centre}`);
  const [r1, g1, b1] = viridis.centre;
  assert.ok(r1 > b1 && g1 > b1, `viridis centre is yellowish: ${viridis.centre}`);
  const [r2, g2, b2] = viridis.corner;
  assert.ok(b2 > g2 && r2 > g2, `viridis corner is purplish: ${viridis.corner}`);
  // Points and links too: the same points and network, other colours.
  const pixels = (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ sel) => page.evaluate((s) => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector(s));
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
    let x = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] > 200 && d[i + 1] > 110 && d[i + 1] < 180 && d[i + 2] < 90) x++; // orange
    return x;
  }, sel);
  assert.ok(await pixels(a.page, '.heatmap-points') > 100, 'default: orange points');
  assert.equal(await pixels(b.page, '.heatmap-points'), 0, 'viridis: no orange point');
  // The step-through (a file loaded on first use) follows the page's palette too.
  for (const p of [a, b]) {
    await p.page.click('.bp-start');
    await p.page.waitForSelector('.bp-body', { state: 'visible' });
    for (let i = 0; i < 3; i++) await p.page.click('.bp-next');
  }
  assert.ok(await pixels(a.page, '.bp-canvas') > 20, 'default: orange gradients');
  assert.equal(await pixels(b.page, '.bp-canvas'), 0, 'viridis: no orange gradient');
  // An unknown palette: the default, with a notice.
  const c = await openPage(browser, server.url, `${hash}&palette=rainbow`);
  assert.deepEqual((await c.page.evaluate(() => window.nnplay.notices())).map((n) => n.param), ['palette']);
  for (const p of [a, b, c]) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

// Found by the browser fuzz test: a focused neuron removed by a rebuild blurs, and the redraw
// that hover(null) asked for ran halfway through the rebuild, on the experiment just disposed.
test('a focused neuron removed by a new experiment draws nothing halfway and raises no error', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'model=perceptron&dataset=gauss&seed=0.5');
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(3));
  await page.focus('[data-node]');
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-node')), true);
  await page.selectOption('select[name="model"]', 'mlp');
  assert.equal(await page.evaluate(() => window.nnplay.state().model), 'mlp');
  await page.evaluate(() => window.nnplay.step(2));
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 2);
  assert.deepEqual(errors, []);
});

test('the keyboard alone edits a neuron\'s bias and incoming weights, as the mouse does', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(3));
  // The second neuron of the first hidden layer (TFP's neuron 2), fed by X₁ and X₂.
  const neuron = '[data-node="3"]';
  assert.match(await page.getAttribute(neuron, 'aria-label') ?? '', /^Show neuron 2 on the big heatmap; press Enter to edit its bias and incoming weights$/);
  await page.focus(neuron);
  await page.keyboard.press('Enter');
  const field = () => page.evaluate(() => {
    const e = /** @type {HTMLInputElement} */ (document.activeElement);
    return { cls: e.className, name: e.getAttribute('aria-label'), value: e.value,
      hint: document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent };
  });
  const before = await page.evaluate(() => window.nnplay.network()[0][1]);
  // The card is imported on first use (hovercard.js): the focus moves to its field once it is in.
  await page.waitForFunction(() => document.activeElement?.className === 'hc-input', null, { timeout: 10000 }).catch(() => {});
  let f = await field();
  assert.equal(f.cls, 'hc-input', 'the card\'s field has the focus');
  assert.equal(f.name, 'Bias of neuron 2');
  assert.equal(Number(f.value).toFixed(4), before.bias.toFixed(4));
  assert.equal(f.hint, '↑ ↓ other weights · Enter sets · Esc closes');
  assert.equal(await page.getAttribute('.hovercard', 'data-kind'), 'bias');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-0.375');
  await page.keyboard.press('Enter');
  f = await field();
  assert.equal(f.cls, 'hc-input', 'the field keeps the focus after Enter');
  // ↓ goes through the incoming weights; ↑ from the bias wraps to the last.
  await page.keyboard.press('ArrowDown');
  f = await field();
  assert.equal(f.name, 'Weight from X₁ to neuron 2');
  assert.equal(Number(f.value).toFixed(4), before.weights[0].toFixed(4));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  f = await field();
  assert.equal(f.name, 'Weight from X₂ to neuron 2');
  assert.equal(await page.getAttribute('.hovercard', 'data-kind'), 'weight');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => window.nnplay.network()[0][1]);
  assert.equal(after.bias, -0.375);
  assert.deepEqual(after.weights, [before.weights[0], 2.5]);
  const link = new URLSearchParams((await page.evaluate(() => window.nnplay.link())).split('#')[1]);
  const edits = [...link].filter(([k]) => /^[wb][\d.]+@\d+$/.test(k));
  assert.deepEqual(edits.map(([k, v]) => `${k[0]}=${v}`).sort(), ['b=-0.375', 'w=2.5'], `the link: ${[...link]}`);
  // A deeper neuron names a neuron as the weight's source; the output says so.
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-node')), '3', 'Escape gives the focus back');
  assert.equal(await page.isHidden('.hovercard'), true);
  await page.focus('[data-node="8"]');
  await page.keyboard.press(' ');
  assert.equal((await field()).name, 'Bias of the output');
  await page.keyboard.press('ArrowDown');
  assert.equal((await field()).name, 'Weight from neuron 5 to the output');
  // Tab away closes the card.
  await page.keyboard.press('Tab');
  assert.equal(await page.isHidden('.hovercard'), true);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
