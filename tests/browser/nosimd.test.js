// Older browsers: one without wasm SIMD gets the engine built without it (and the same losses,
// bit for bit); one with SIMD never downloads that second build; one without WebAssembly at all
// is told so in words, and nnplay.ready rejects.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, num } from './support.js';

/** Runs in the page before its scripts: WebAssembly.validate refuses SIMD code (opcode prefix
 * 0xfd), as a browser without wasm SIMD does. */
function withoutSimd() {
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => {
    const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
    return view.includes(0xfd) ? false : validate(bytes);
  };
}

/** The engine files a page requested. @param {string[]} urls */
const wasmFiles = (urls) => urls.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname);

/**
 * Opens the page at `#hash` (with `init` run before its scripts) and waits for nnplay.ready;
 * records every request and every error.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {string} hash
 * @param {() => void} [init]
 */
async function open(browser, url, hash, init) {
  const context = await browser.newContext();
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  /** @type {string[]} */
  const requests = [];
  /** @type {string[]} */
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}#${hash}`);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  return { page, context, requests, errors };
}

test('without wasm SIMD the page loads the engine built without it and trains TFP\'s 301 loss rows bit for bit', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev04');
  const { page, context, requests, errors } = await open(browser, server.url, fx.hash, withoutSimd);
  t.after(() => context.close());
  assert.deepEqual(wasmFiles(requests), ['/engine/nnplay-wasm-nosimd.wasm']);
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
  assert.deepEqual(errors, []);
});

test('with wasm SIMD a plain link loads only the SIMD engine', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, requests, errors } = await open(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(5));
  assert.deepEqual(wasmFiles(requests), ['/engine/nnplay-wasm.wasm']);
  assert.deepEqual(errors, []);
});

test('without WebAssembly the page says so in words and nnplay.ready rejects', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context } = await openPage(browser, server.url, fixture('dev01').hash, {
    init: () => { Reflect.deleteProperty(globalThis, 'WebAssembly'); },
    wait: false,
  });
  t.after(() => context.close());
  const outcome = await page.waitForFunction(() => window.nnplay
    && window.nnplay.ready.then(() => 'resolved', (e) => `rejected: ${e instanceof Error ? e.message : e}`));
  assert.match(String(await outcome.jsonValue()), /^rejected: .*WebAssembly/);
  const message = page.locator('#startup');
  assert.ok(await message.isVisible(), 'the message is shown at once');
  const text = await message.innerText();
  assert.match(text, /could not start: this browser does not run WebAssembly/);
  assert.match(text, /current Chrome, Edge, Firefox or Safari/);
  assert.doesNotMatch(text, /is not defined|ReferenceError|TypeError/);
});
