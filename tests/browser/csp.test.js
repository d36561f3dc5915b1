// The page's Content-Security-Policy stays strict, and the page lives within it: scripts from
// its own origin only (no 'unsafe-inline', no 'unsafe-eval'), and no state of the page — a plain
// link, a lesson, perceptron mode, simplified and complete mode, the backprop step-through, the
// class panel, speed max with its worker, a divergence, notices from a hostile link — does
// anything the policy refuses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './support.js';

/** Runs in the page before its scripts: records every CSP violation the document sees. */
function recordViolations() {
  /** @type {any} */ (window).__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    /** @type {any} */ (window).__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
  });
}

const DIVERGES = 'problem=regression&regDataset=reg-plane&activation=linear&networkShape=&learningRate=10&seed=0.5';
const HOSTILE = ['activation', 'dataset', 'seed', 'networkShape', 'learningRate', 'tutorial']
  .map((n) => `${n}="><img src=x onerror=alert(1)><style>body{color:red}</style>`).join('&') + '&<b>x</b>_hide=true';

/**
 * Each state: a link to open and what to do there, with `page` ready.
 * @type {[string, string, (page: import('playwright-core').Page) => Promise<void>][]}
 */
const STATES = [
  ['the default link, trained, a neuron hovered, display switches ticked', '', async (page) => {
    await page.evaluate(() => window.nnplay.step(5));
    await page.click('[data-control="playButton"]');
    await page.waitForFunction(() => window.nnplay.epoch >= 20);
    await page.click('[data-control="playButton"]');
    await page.hover('[data-node="2"]');
    await page.hover('.heatmap');
    await page.check('input[name="showAccuracy"]');
    await page.check('[data-control="showTestData"] input');
    await page.check('[data-control="discretize"] input');
  }],
  ['a lesson, from the lessons menu', 'seed=0.5', async (page) => {
    await page.click('.lessons-menu summary');
    await page.click('.lesson-link[data-lesson="perceptron-xor"]');
    await page.waitForSelector('.lesson-banner');
    await page.evaluate(() => window.nnplay.step(3));
  }],
  ['perceptron mode, not separable, then the switch to an MLP', 'model=perceptron&dataset=xor&seed=0.5', async (page) => {
    await page.evaluate(() => window.nnplay.step(60));
    await page.waitForSelector('.switch-mlp');
    await page.click('.switch-mlp');
    await page.evaluate(() => window.nnplay.step(3));
  }],
  ['simplified mode, then complete mode', 'mode=simplified&seed=0.5', async (page) => {
    await page.evaluate(() => window.nnplay.step(3));
    await page.click('.mode-button[data-mode="complete"]');
    await page.click('.mode-button[data-mode="simplified"]');
  }],
  ['the backprop step-through, every stage, applied', 'lesson=backprop', async (page) => {
    await page.click('.bp-start');
    for (let i = 0; i < 4; i++) await page.click('.bp-next');
    await page.click('.bp-apply');
    await page.click('.bp-close');
  }],
  ['"Use it in class" open, controls ticked', 'seed=0.5', async (page) => {
    await page.click('.class-panel summary');
    await page.waitForSelector('input[name="noise_hide"]');
    await page.check('input[name="noise_hide"]');
    await page.check('input[name="hideText"]');
  }],
  ['regression, optimiser, dropout and cross-entropy menus', 'seed=0.5', async (page) => {
    await page.selectOption('select[name="optimizer"]', 'adam');
    await page.selectOption('select[name="dropout"]', '0.5');
    await page.selectOption('select[name="loss"]', 'crossentropy');
    await page.evaluate(() => window.nnplay.step(3));
    await page.selectOption('select[name="problem"]', 'regression');
    await page.evaluate(() => window.nnplay.step(3));
  }],
  ['speed max, training in the worker', 'speed=max&seed=0.5', async (page) => {
    await page.click('[data-control="playButton"]');
    await page.waitForFunction(() => window.nnplay.epoch >= 200, undefined, { timeout: 20000 });
    await page.click('[data-control="playButton"]');
  }],
  ['a divergence message and its way back', DIVERGES, async (page) => {
    await page.click('[data-control="playButton"]');
    await page.waitForSelector('.divergence:not([hidden])', { timeout: 10000 });
    await page.click('.divergence button');
  }],
  ['notices from a hostile link, dismissed', HOSTILE, async (page) => {
    await page.waitForSelector('.notices li');
    await page.evaluate(() => window.nnplay.step(3));
    await page.click('.notices-close');
  }],
];

test('the served page\'s policy allows scripts from its own origin only', async (t) => {
  const { server } = await setup(t);
  const html = await (await fetch(`${server.url}index.html`)).text();
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'one policy, in index.html');
  /** @type {Map<string, string[]>} */
  const directives = new Map(metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0])
    .map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives.get('default-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  for (const [name, values] of directives) {
    if (name.startsWith('script-src') || name === 'default-src' || name === 'worker-src') {
      assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), `${name}: ${values.join(' ')}`);
    }
  }
  assert.ok(!directives.has('script-src-elem') && !directives.has('script-src-attr'), 'no script-src-elem/-attr loosening script-src');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline script in the page');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
});

test('no state of the page breaks its Content-Security-Policy', async (t) => {
  const { server, browser } = await setup(t);
  for (const [name, hash, act] of STATES) {
    await t.test(name, async () => {
      const { page, context, errors } = await openPage(browser, server.url, hash, { init: recordViolations });
      /** @type {string[]} */
      const cspMessages = [];
      page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) cspMessages.push(m.text()); });
      try {
        await act(page);
        await page.waitForTimeout(200); // modules imported on use, the worker's messages
        await page.evaluate(() => window.nnplay.step(1));
        assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__cspViolations), []);
        assert.deepEqual(cspMessages, []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
