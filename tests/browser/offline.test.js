// The page without a server: dist/nnplay.html, the one-file page, opened from file:// fetches
// nothing, keeps a strict policy, trains to TFP's losses bit for bit and trains at speed max in
// its worker; dist/index.html opened from file:// (where browsers refuse module scripts) says
// in words what to do, and over http that message is never seen. It takes pictures and points
// away as the served page does, byte for byte, and says in the page's language that model files
// need the served page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, launch, setup, openPage, fixture, num } from './support.js';
import en from '../../web/strings/en-panels.js';
import fr from '../../web/strings/fr.js';

/** 120 KB gzipped, counted as 120,000 bytes. */
const BUDGET = 120 * 1000;
const OFFLINE = path.join(DIST, 'nnplay.html');
const OFFLINE_URL = pathToFileURL(OFFLINE).href;

/**
 * Runs in the page before its scripts: records CSP violations, and counts the workers started
 * and the messages they send.
 */
function watch() {
  const w = /** @type {any} */ (window);
  w.__cspViolations = [];
  w.__workers = 0;
  w.__workerMessages = 0;
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample}`);
  });
  const Native = window.Worker;
  window.Worker = class extends Native {
    /** @param {string | URL} url @param {WorkerOptions} [options] */
    constructor(url, options) {
      super(url, options);
      w.__workers++;
      this.addEventListener('message', () => { w.__workerMessages++; });
    }
  };
}

/**
 * Opens nnplay.html at `#hash`, from file:// or from `url`, and waits for nnplay.ready.
 * @param {import('playwright-core').Browser} browser @param {string} hash @param {string} [url]
 */
async function openOffline(browser, hash, url = OFFLINE_URL) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(watch);
  const page = await context.newPage();
  /** @type {string[]} */
  const requests = [];
  /** @type {string[]} */
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}#${hash}`);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  assert.ok(requests.some((u) => u.split('#')[0] === url), `the file's own request was seen: ${requests}`);
  /** Requests other than the file itself and data:/blob: URLs. */
  const fetched = () => requests.filter((u) => u.split('#')[0] !== url && !/^(data|blob):/.test(u));
  return { page, context, errors, fetched };
}

test('nnplay.html is one file of at most 120 KB gzipped with a strict policy: inline code by hash only', () => {
  const html = readFileSync(OFFLINE, 'utf8');
  const gz = gzipSync(html, { level: 9 }).length;
  assert.ok(gz <= BUDGET, `${gz} bytes gzipped > ${BUDGET}`);
  assert.doesNotMatch(html, /<script[^>]*\bsrc=|<link[^>]*rel="stylesheet"/i, 'no script or style file');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)];
  assert.equal(metas.length, 1);
  /** @type {Map<string, string[]>} */
  const csp = new Map(metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0])
    .map(([name, ...values]) => [name, values]));
  const hash = (/** @type {string} */ text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [hash(scripts[0]), "'wasm-unsafe-eval'"]);
  assert.deepEqual(csp.get('style-src'), [hash(styles[0])]);
  assert.deepEqual(csp.get('worker-src'), ['blob:']);
  assert.deepEqual(csp.get('object-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  for (const [name, values] of csp) {
    assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), `${name}: ${values.join(' ')}`);
  }
  assert.ok(!csp.has('script-src-elem') && !csp.has('script-src-attr'));
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
});

test('nnplay.html from file:// fetches nothing and trains a fixture\'s 301 loss rows bit for bit', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const fx = fixture('dev04');
  const { page, context, errors, fetched } = await openOffline(browser, fx.hash);
  t.after(() => context.close());
  assert.deepEqual(await page.evaluate(() => window.nnplay.network()), fx.network);
  await page.evaluate(() => window.nnplay.step(300));
  const curve = await page.evaluate(() => window.nnplay.lossCurve());
  assert.equal(curve.length, 301);
  for (let e = 0; e <= 300; e++) {
    for (let k = 0; k < 2; k++) {
      const want = num(fx.loss_curve[e][k]);
      assert.ok(Object.is(curve[e][k], want), `epoch ${e} ${k ? 'test' : 'train'} loss: page ${curve[e][k]} != TFP ${want}`);
    }
  }
  // The panels the served page imports on first use are in the file too.
  await page.click('.class-panel summary');
  await page.waitForSelector('input[name="noise_hide"]');
  await page.click('.mode-button[data-mode="complete"]');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__cspViolations.length), 0);
  assert.deepEqual(fetched(), []);
  assert.deepEqual(errors, []);
});

test('nnplay.html from file:// without wasm SIMD rebuilds the engine built without it and trains TFP\'s losses bit for bit', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const fx = fixture('dev04');
  const context = await browser.newContext();
  t.after(() => context.close());
  // As a browser without wasm SIMD: WebAssembly.validate refuses SIMD code (opcode prefix 0xfd);
  // every module the page instantiates is kept to compare with the engine's files.
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__modules = [];
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => {
      const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
      return view.includes(0xfd) ? false : validate(bytes);
    };
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = /** @type {any} */ ((/** @type {any} */ source, /** @type {any} */ imports) => {
      if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
        const view = ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
        w.__modules.push(Array.from(view));
      }
      return instantiate.call(WebAssembly, source, imports);
    });
  });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${OFFLINE_URL}#${fx.hash}`);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  const modules = await page.evaluate(() => /** @type {number[][]} */ (/** @type {any} */ (window).__modules));
  // The one-file page's lab engine (without the model files) is built, not shipped in dist/engine/.
  const nosimd = readFileSync(path.join(ROOT, 'build/wasm/wasm-bindings/nnplay-wasm-offline-nosimd.wasm'));
  assert.equal(modules.length, 1, 'one engine instantiated');
  assert.ok(Buffer.from(modules[0]).equals(nosimd), 'the engine instantiated is nnplay-wasm-offline-nosimd.wasm, byte for byte');
  await page.evaluate(() => window.nnplay.step(300));
  const curve = await page.evaluate(() => window.nnplay.lossCurve());
  assert.equal(curve.length, 301);
  for (let e = 0; e <= 300; e++) {
    for (let k = 0; k < 2; k++) {
      const want = num(fx.loss_curve[e][k]);
      assert.ok(Object.is(curve[e][k], want), `epoch ${e} ${k ? 'test' : 'train'} loss: page ${curve[e][k]} != TFP ${want}`);
    }
  }
  assert.deepEqual(errors, []);
});

test('nnplay.html from file:// trains at speed max in its worker, exactly as stepping does', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const fx = fixture('dev01');
  const { page, context, errors, fetched } = await openOffline(browser, `${fx.hash}&speed=max`);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch >= 300, null, { timeout: 20000 });
  await page.evaluate(() => window.nnplay.pause());
  const played = await page.evaluate(() => ({ epoch: window.nnplay.epoch, network: window.nnplay.network() }));
  const seen = await page.evaluate(() => { const w = /** @type {any} */ (window); return { workers: w.__workers, messages: w.__workerMessages, csp: w.__cspViolations }; });
  assert.equal(seen.workers, 1, 'one worker started');
  assert.ok(seen.messages > 0, 'the worker sent its training back');
  assert.deepEqual(seen.csp, []);

  const other = await openOffline(browser, fx.hash);
  t.after(() => other.context.close());
  await other.page.evaluate((n) => window.nnplay.step(n), played.epoch);
  assert.deepEqual(played.network, await other.page.evaluate(() => window.nnplay.network()));
  assert.deepEqual([...fetched(), ...other.fetched()], []);
  assert.deepEqual([...errors, ...other.errors], []);
});

test('nnplay.html served over http runs the perceptron and backprop panels, fetching nothing else', async (t) => {
  const { server, browser } = await setup(t);
  const url = `${server.url}nnplay.html`;
  const perceptron = await openOffline(browser, 'model=perceptron&dataset=xor&seed=0.5', url);
  t.after(() => perceptron.context.close());
  await perceptron.page.evaluate(() => window.nnplay.step(60));
  await perceptron.page.waitForSelector('.switch-mlp');
  assert.equal(await perceptron.page.evaluate(() => window.nnplay.perceptron().verdict), 'not-separable');
  await perceptron.page.click('.switch-mlp');

  const backprop = await openOffline(browser, 'lesson=backprop', url);
  t.after(() => backprop.context.close());
  await backprop.page.click('.bp-start');
  for (let i = 0; i < 4; i++) await backprop.page.click('.bp-next');
  await backprop.page.click('.bp-apply');
  await backprop.page.evaluate(() => window.nnplay.step(1));
  for (const { page, fetched, errors } of [perceptron, backprop]) {
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__cspViolations), []);
    assert.deepEqual(fetched(), []);
    assert.deepEqual(errors, []);
  }
});

test('dist/index.html opened from file:// says in words to open nnplay.html or serve the folder', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(DIST, 'index.html')).href);
  const message = page.locator('#startup');
  await message.waitFor({ state: 'visible', timeout: 5000 });
  const text = await message.innerText();
  assert.match(text, /nnplay\.html/);
  assert.match(text, /python3 -m http\.server/);
  assert.equal(await page.getAttribute('#startup a', 'href'), 'nnplay.html');
  assert.equal(await page.evaluate(() => 'nnplay' in window), false, 'the page\'s script did not run');
});

test('over http the start-up message is never visible, from the first frame on', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash, {
    init: () => {
      /** @type {string[]} */
      const seen = [];
      /** @type {any} */ (window).__startupSeen = seen;
      const look = () => {
        const box = document.getElementById('startup');
        if (box) seen.push(box.hidden ? 'hidden' : getComputedStyle(box).visibility);
        if (!/** @type {any} */ (window).nnplay?.epoch) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
  });
  t.after(() => context.close());
  await page.waitForTimeout(2500); // past the message's delay
  await page.evaluate(() => window.nnplay.step(1));
  const seen = await page.evaluate(() => /** @type {string[]} */ (/** @type {any} */ (window).__startupSeen));
  assert.ok(seen.length > 0, 'looked at least once');
  assert.deepEqual(seen.filter((s) => s === 'visible'), []);
  assert.equal(await page.isVisible('#startup'), false);
  assert.deepEqual(errors, []);
});

test('"Use it in class" offers nnplay.html for download', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.click('.class-panel summary');
  const link = page.locator('.class-panel a[download]');
  await link.waitFor();
  assert.equal(await link.getAttribute('download'), 'nnplay.html');
  const href = await link.evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href);
  assert.equal(href, `${server.url}nnplay.html`);
  const served = Buffer.from(await (await fetch(href)).arrayBuffer());
  assert.ok(served.equals(readFileSync(OFFLINE)), 'the link serves dist/nnplay.html');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'nnplay.html');
  assert.deepEqual(errors, []);
});

test('nnplay.html takes pictures and points away as the served page does; model files: the served page, it says', async (t) => {
  const { server, browser } = await setup(t);
  const hash = 'activation=tanh&dataset=xor&networkShape=4,2&seed=p1&xSquared=true';
  const served = await openPage(browser, server.url, hash);
  const offline = await openOffline(browser, hash);
  t.after(() => Promise.all([served.context.close(), offline.context.close()]));
  const takeAway = (/** @type {import('playwright-core').Page} */ page) => page.evaluate(async () => {
    window.nnplay.step(7);
    const png = new Uint8Array(await (await window.nnplay.png('output')).arrayBuffer());
    const wrongKind = await window.nnplay.export('xml').then(() => 'resolved', (e) => `${e.name}: ${e.message}`);
    return { csv: await window.nnplay.export('csv'), png: Array.from(png), wrongKind, page: (await window.nnplay.png('page')).type };
  });
  const [want, got] = [await takeAway(served.page), await takeAway(offline.page)];
  assert.equal(got.csv, want.csv);
  assert.ok(got.png.length > 1000 && got.png.every((b, i) => b === want.png[i]) && got.png.length === want.png.length,
    'the output picture, byte for byte');
  assert.equal(got.wrongKind, want.wrongKind);
  assert.equal(got.page, 'image/png');

  // Model files: refused in words, the page unchanged.
  const json = await served.page.evaluate(() => window.nnplay.export('json'));
  const link = await offline.page.evaluate(() => window.nnplay.link());
  const refusals = await offline.page.evaluate(async (j) => Promise.all([
    window.nnplay.export('json'), window.nnplay.export('python'), window.nnplay.import(j), window.nnplay.import(JSON.parse(j)),
  ].map((p) => p.then(() => 'resolved', (e) => e.message))), json);
  assert.deepEqual(refusals, Array(4).fill(en['take.servedOnly']));
  assert.match(en['take.servedOnly'], /served page.*bash scripts\/run\.sh.*web server serving the dist\/ folder/);
  assert.equal(await offline.page.evaluate(() => window.nnplay.link()), link);

  // The class panel: pictures and points to download, and the same words instead of the model's buttons.
  await offline.page.click('.class-panel > summary');
  await offline.page.getByText(en['take.servedOnly']).waitFor();
  const buttons = await offline.page.locator('.class-panel .takeaway button').allTextContents();
  assert.deepEqual(buttons, [en['take.outputPng'], en['take.pagePng'], en['take.csv']]);
  const [download] = await Promise.all([offline.page.waitForEvent('download'), offline.page.getByRole('button', { name: en['take.csv'], exact: true }).click()]);
  assert.equal(readFileSync(/** @type {string} */ (await download.path()), 'utf8'), want.csv);

  // In French, in French.
  const french = await openOffline(browser, `${hash}&lang=fr`);
  t.after(() => french.context.close());
  assert.equal(await french.page.evaluate(() => window.nnplay.export('python').then(() => 'resolved', (e) => e.message)), fr['take.servedOnly']);
  await french.page.click('.class-panel > summary');
  await french.page.getByText(fr['take.servedOnly']).waitFor();
  for (const { page, fetched, errors } of [offline, french]) {
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__cspViolations), []);
    assert.deepEqual(fetched(), []);
    assert.deepEqual(errors, []);
  }
  assert.deepEqual([...served.errors, ...served.foreign], []);
});
