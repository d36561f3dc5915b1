// A student who clicks everything: seeded random clicks, taps, key presses, menu choices, slider
// drags, hovers and text edits on the page's real controls, from three starting links (the
// default link, a lesson, perceptron mode at speed max). Any console error, uncaught exception
// or dialog fails the test, and afterwards the page must still train: nnplay.step(5) advances the
// epoch by 5 and the losses are numbers.
//
//   NNPLAY_FUZZ_SECONDS  total time, shared by the starting links (default 60)
//   NNPLAY_FUZZ_SEED     the seed (default: drawn and printed); a failure prints the seed and
//                        the last actions, so the run can be repeated

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './support.js';

const SECONDS = Number(process.env.NNPLAY_FUZZ_SECONDS ?? 60);
const SEED = process.env.NNPLAY_FUZZ_SEED ? Number(process.env.NNPLAY_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 32);
const STARTS = [
  ['the default link', ''],
  ['a lesson', 'lesson=perceptron-xor'],
  ['perceptron mode at speed max', 'model=perceptron&speed=max&dataset=gauss&seed=0.5'],
];
const KEYS = ['Tab', 'Shift+Tab', 'Enter', ' ', 'Escape', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight',
  'Home', 'End', 'PageUp', 'PageDown', 'Backspace', 'a', '0', '-', '+'];
const TEXTS = ['0', '1', '-1', '0.5', '3', '1e308', '-1e308', '1e-320', 'NaN', 'Infinity', '', ' ', 'abc', '0x10',
  '<img src=x onerror=alert(1)>', '9'.repeat(400)];

/** mulberry32: a small seeded PRNG, one uint32 of state. @param {number} seed */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} n @returns {number} an integer in [0, n) */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {T[]} xs @returns {T} */
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

/**
 * The page's visible controls now, each tagged data-fuzz=<index>, with where it is on screen.
 * @param {import('playwright-core').Page} page
 */
function controls(page) {
  return page.evaluate(() => {
    const sel = 'button, summary, select, input, textarea, a[href], [data-node], [data-control], .feature, canvas';
    /** @type {{id: number, kind: string, type: string, x: number, y: number, w: number, h: number, options: string[]}[]} */
    const out = [];
    let id = 0;
    for (const e of document.querySelectorAll('[data-fuzz]')) delete (/** @type {HTMLElement} */ (e)).dataset.fuzz;
    for (const e of document.querySelectorAll(sel)) {
      const el = /** @type {HTMLElement} */ (e);
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) continue;
      if (/** @type {HTMLInputElement} */ (el).disabled) continue;
      if (el instanceof HTMLAnchorElement && (el.target || new URL(el.href).origin !== location.origin)) continue;
      el.dataset.fuzz = String(id);
      const kind = el.tagName.toLowerCase();
      out.push({
        id: id++, kind, type: /** @type {HTMLInputElement} */ (el).type ?? '',
        x: r.left, y: r.top, w: r.width, h: r.height,
        options: el instanceof HTMLSelectElement ? [...el.options].map((o) => o.value) : [],
      });
    }
    return out;
  });
}

/**
 * One random action on one of `list`; returns what it did, for the log.
 * @param {import('playwright-core').Page} page @param {ReturnType<typeof prng>} rnd
 * @param {Awaited<ReturnType<typeof controls>>} list
 */
async function act(page, rnd, list) {
  const c = rnd.pick(list);
  const at = () => [c.x + 1 + rnd.next() * (c.w - 2), c.y + 1 + rnd.next() * (c.h - 2)];
  const loc = page.locator(`[data-fuzz="${c.id}"]`);
  const what = `${c.kind}${c.type ? `[${c.type}]` : ''}#${c.id}`;
  const roll = rnd.next();
  if (c.kind === 'select' && roll < 0.7) {
    const v = rnd.pick(c.options);
    await loc.selectOption(v, { timeout: 300 });
    return `select ${what} = ${v}`;
  }
  if (c.kind === 'input' && c.type === 'range' && roll < 0.7) {
    const [x0, y] = at();
    const x1 = c.x + rnd.next() * c.w;
    await page.mouse.move(x0, y);
    await page.mouse.down();
    for (let i = 1; i <= 4; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 4, y);
    await page.mouse.up();
    return `drag ${what} ${Math.round(x0)} -> ${Math.round(x1)}`;
  }
  if ((c.kind === 'textarea' || (c.kind === 'input' && /^(text|number|search|)$/.test(c.type))) && roll < 0.7) {
    const text = rnd.pick(TEXTS);
    await loc.fill(text, { timeout: 300 });
    const key = rnd.pick(['Enter', 'Tab', 'Escape']);
    await page.keyboard.press(key);
    return `type ${what} ${JSON.stringify(text.slice(0, 20))} + ${key}`;
  }
  const [x, y] = at();
  if (roll < 0.45) {
    await page.mouse.click(x, y);
    return `click ${what} at ${Math.round(x)},${Math.round(y)}`;
  }
  if (roll < 0.65) {
    await page.touchscreen.tap(x, y);
    return `tap ${what} at ${Math.round(x)},${Math.round(y)}`;
  }
  if (roll < 0.77) {
    await page.mouse.move(x, y, { steps: 2 });
    return `hover ${what}`;
  }
  if (roll < 0.8) {
    const dy = Math.round((rnd.next() - 0.5) * 800);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, dy);
    return `wheel ${dy} over ${what}`;
  }
  await loc.focus({ timeout: 300 });
  const key = rnd.pick(KEYS);
  await page.keyboard.press(key);
  return `key ${JSON.stringify(key)} on ${what}`;
}

test(`random input on the real controls raises no error and leaves a page that trains (seed ${SEED}, ${SECONDS} s)`, async (t) => {
  console.log(`fuzz: NNPLAY_FUZZ_SEED=${SEED} NNPLAY_FUZZ_SECONDS=${SECONDS}`);
  const { server, browser } = await setup(t);
  const rnd = prng(SEED);
  for (const [name, hash] of STARTS) {
    await t.test(name, async () => {
      const { page, context, errors } = await openPage(browser, server.url, hash, { touch: true });
      page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
      page.on('popup', (p) => { p.close().catch(() => {}); });
      /** @type {string[]} */
      const log = [];
      const fail = (/** @type {string} */ why) => assert.fail(`${why}\nstart: #${hash}\nseed: NNPLAY_FUZZ_SEED=${SEED}\n`
        + `last actions:\n  ${log.slice(-25).join('\n  ')}\nerrors:\n  ${errors.join('\n  ')}`);
      try {
        const end = Date.now() + (SECONDS * 1000) / STARTS.length;
        let list = await controls(page);
        while (Date.now() < end) {
          if (log.length % 5 === 0) list = await controls(page);
          if (list.length === 0) { // scrolled past every control (keys and the wheel scroll)
            await page.evaluate(() => scrollTo(0, 0));
            log.push(`${log.length}: (scrolled back to the top)`);
            list = await controls(page);
            if (list.length === 0) fail('no visible control left');
          }
          try {
            log.push(`${log.length}: ${await act(page, rnd, list)}`);
          } catch (e) {
            // The control moved or went away since it was listed: the page changed, not a fault.
            if (!/Timeout|not attached|not visible|not an? |detached|Element is/i.test(String(e))) throw e;
            log.push(`${log.length}: (skipped: ${String(e).split('\n')[0].slice(0, 80)})`);
            list = await controls(page);
          }
          if (rnd.next() < 0.15) await page.waitForTimeout(rnd.int(120));
          if (errors.length > 0) fail('the page reported an error');
          if (!page.url().startsWith(server.url)) fail(`the page left the site: ${page.url()}`);
        }
        await page.evaluate(() => window.nnplay.ready);
        const after = await page.evaluate(() => {
          window.nnplay.pause();
          const e0 = window.nnplay.epoch;
          window.nnplay.step(5);
          return { e0, e1: window.nnplay.epoch, loss: window.nnplay.loss() };
        });
        if (after.e1 !== after.e0 + 5) fail(`step(5) went from epoch ${after.e0} to ${after.e1}`);
        if (typeof after.loss.train !== 'number' || typeof after.loss.test !== 'number') fail(`losses ${JSON.stringify(after.loss)}`);
        await page.waitForTimeout(100);
        if (errors.length > 0) fail('the page reported an error');
        t.diagnostic(`${name}: ${log.length} actions (${log.filter((l) => l.includes('(skipped')).length} skipped: the control had gone)`);
      } finally {
        await context.close();
      }
    });
  }
});
