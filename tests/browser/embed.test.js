// Embedding: the page in an iframe of a host page on another origin talks to it with
// postMessage (README "Embedding"): ready, resize, get/state, play/pause/step, progress at most 4
// times a second, load, goal. A bad message is ignored with a warning and changes nothing, and so
// is one from any window but the parent (a sibling frame, the page itself).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { setup, openPage, hashParams } from './support.js';

/**
 * Serves the host page on a port of its own: another origin than the page's (on the loopback
 * address, as the browser lets a local page embed a local one). Closed in t.after.
 * @param {import('node:test').TestContext} t @param {string} [html] @returns {Promise<string>} its origin
 */
async function serveHost(t, html = HOST_HTML) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  t.after(() => server.close());
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

/** The host page: the page in an iframe, a sibling frame, and every message it gets, timed. */
const HOST_HTML = `<!doctype html><title>host</title>
<iframe id="nn" width="970" height="700" title="nnplay"></iframe>
<iframe id="sibling" srcdoc="<p>sibling</p>"></iframe>
<script>
  window.got = [];
  addEventListener('message', (e) => {
    if (e.source !== document.getElementById('nn').contentWindow) return;
    got.push({ data: e.data, origin: e.origin, at: performance.now() });
  });
  window.send = (m) => document.getElementById('nn').contentWindow.postMessage(m, '*');
</script>`;

/**
 * Opens the host with the page at `#hash` in its iframe and waits for nnplay:ready.
 * @param {import('playwright-core').Browser} browser @param {string} origin the host's
 * @param {string} base the page's URL @param {string} hash
 */
async function openHost(browser, origin, base, hash) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const host = await context.newPage();
  /** @type {string[]} */
  const warnings = [];
  /** @type {string[]} */
  const errors = [];
  host.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  host.on('pageerror', (e) => errors.push(String(e)));
  await host.goto(`${origin}/lesson.html`);
  await host.evaluate((src) => { /** @type {HTMLIFrameElement} */ (document.getElementById('nn')).src = src; }, `${base}#${hash}`);
  await host.waitForFunction(() => /** @type {any} */ (window).got.some((/** @type {any} */ m) => m.data.type === 'nnplay:ready'));
  const frame = /** @type {import('playwright-core').Frame} */ (await (await host.$('#nn'))?.contentFrame());
  const sibling = /** @type {import('playwright-core').Frame} */ (await (await host.$('#sibling'))?.contentFrame());
  return { context, host, frame, sibling, warnings, errors };
}

/** @param {import('playwright-core').Page} host @returns {Promise<{data: any, origin: string, at: number}[]>} */
function got(host) {
  return host.evaluate(() => /** @type {any} */ (window).got);
}

/** @param {import('playwright-core').Page} host @param {string} type @returns {Promise<any[]>} */
async function messages(host, type) {
  return (await got(host)).filter((m) => m.data.type === type).map((m) => m.data);
}

/** @param {import('playwright-core').Page} host @param {string} type @param {number} count */
function waitFor(host, type, count = 1) {
  return host.waitForFunction(([t, n]) => /** @type {any} */ (window).got.filter((/** @type {any} */ m) => m.data.type === t).length >= n, [type, count]);
}

/** @param {import('playwright-core').Page} host @param {unknown} message */
function send(host, message) {
  return host.evaluate((m) => /** @type {any} */ (window).send(m), message);
}

/** @param {import('playwright-core').Frame} frame */
function pageState(frame) {
  return frame.evaluate(() => ({ epoch: window.nnplay.epoch, hash: location.hash, path: location.pathname,
    playing: document.querySelector('.topbar .playing') !== null }));
}

test('embedded on another origin: ready, resize, get/state, step, play/pause with progress at most 4 a second, load', async (t) => {
  const { server, browser } = await setup(t);
  const pageOrigin = new URL(server.url).origin;
  const { context, host, frame, errors } = await openHost(browser, await serveHost(t), server.url, 'dataset=xor&seed=e1');
  t.after(() => context.close());

  const [ready] = await messages(host, 'nnplay:ready');
  assert.equal(typeof ready.link, 'string');
  assert.equal(hashParams(ready.link).get('dataset'), 'xor');
  assert.ok((await got(host)).every((m) => m.origin === pageOrigin), 'every message comes from the page');

  // resize: the content's height, and again when it changes
  await waitFor(host, 'nnplay:resize');
  const first = (await messages(host, 'nnplay:resize')).at(-1).height;
  assert.ok(Number.isInteger(first) && first > 300, `height ${first}`);
  const contentHeight = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
  assert.equal(first, Math.ceil(contentHeight));
  await frame.click('.class-panel summary');
  await host.waitForFunction((h) => /** @type {any} */ (window).got.filter((/** @type {any} */ m) => m.data.type === 'nnplay:resize').at(-1).data.height > h, first);
  const opened = (await messages(host, 'nnplay:resize')).at(-1).height;
  assert.equal(opened, Math.ceil(await frame.evaluate(() => document.documentElement.getBoundingClientRect().height)));

  // get → state, answered to the host
  await send(host, { type: 'nnplay:get' });
  await waitFor(host, 'nnplay:state');
  const [state] = await messages(host, 'nnplay:state');
  const loss = await frame.evaluate(() => window.nnplay.loss());
  assert.deepEqual(state, { type: 'nnplay:state', link: ready.link, epoch: 0, trainLoss: loss.train, testLoss: loss.test, playing: false });

  // step: exactly that many epochs, then one progress message
  await send(host, { type: 'nnplay:step', epochs: 7 });
  await host.waitForFunction(() => /** @type {any} */ (window).got.some((/** @type {any} */ m) => m.data.type === 'nnplay:progress' && m.data.epoch === 7));
  assert.equal((await pageState(frame)).epoch, 7);
  const progress7 = (await messages(host, 'nnplay:progress')).at(-1);
  const loss7 = await frame.evaluate(() => window.nnplay.loss());
  assert.deepEqual(progress7, { type: 'nnplay:progress', epoch: 7, trainLoss: loss7.train, testLoss: loss7.test, playing: false });
  await send(host, { type: 'nnplay:step' });
  await host.waitForFunction(() => /** @type {any} */ (window).got.some((/** @type {any} */ m) => m.data.type === 'nnplay:progress' && m.data.epoch === 8));

  // play for 2 s: progress while training, at most 4 a second, and once more on pause
  const before = (await got(host)).length;
  const playAt = await host.evaluate(() => performance.now());
  await send(host, { type: 'nnplay:play' });
  await host.waitForTimeout(2000);
  await send(host, { type: 'nnplay:pause' });
  const pauseAt = await host.evaluate(() => performance.now());
  await host.waitForFunction(() => /** @type {any} */ (window).got.some((/** @type {any} */ m) => m.data.type === 'nnplay:progress' && m.data.playing === false && m.data.epoch > 8));
  const during = (await got(host)).slice(before).filter((m) => m.data.type === 'nnplay:progress');
  // At most 4 a second, and the last one on pause; messages 250 ms apart may arrive less apart
  // (the host was busy for one and not the next), but not by much.
  const seconds = (pauseAt - playAt) / 1000;
  assert.ok(during.length >= 5 && during.length <= 4 * seconds + 2, `${during.length} progress messages in ${seconds} s`);
  for (let i = 1; i < during.length; i++) {
    assert.ok(during[i].at - during[i - 1].at >= 100, `progress ${i} came ${during[i].at - during[i - 1].at} ms after the one before`);
    assert.ok(during[i].data.epoch >= during[i - 1].data.epoch);
  }
  const last = during.at(-1);
  const paused = await pageState(frame);
  assert.equal(last?.data.playing, false);
  assert.equal(last?.data.epoch, paused.epoch, 'the pause message has the epoch training stopped at');
  assert.ok(paused.epoch > 30, `trained to ${paused.epoch} in 2 s`);
  await host.waitForTimeout(600);
  assert.equal((await pageState(frame)).epoch, paused.epoch, 'paused');
  assert.equal((await messages(host, 'nnplay:progress')).at(-1).epoch, paused.epoch, 'nothing more while paused');

  // load: a hash, or a link of this page; applied as the hash, never navigating elsewhere
  await send(host, { type: 'nnplay:load', link: '#dataset=gauss&seed=e2' });
  await frame.waitForFunction(() => window.nnplay.state().dataset === 'gauss');
  let now = await pageState(frame);
  assert.equal(now.epoch, 0);
  assert.equal(hashParams(`${pageOrigin}/${now.hash}`).get('seed'), 'e2');
  await send(host, { type: 'nnplay:load', link: `${server.url}index.html#dataset=spiral&seed=e3` });
  await frame.waitForFunction(() => window.nnplay.state().dataset === 'spiral');
  now = await pageState(frame);
  assert.equal(now.path, '/', 'the page stays where it is');
  assert.equal(hashParams(`${pageOrigin}/${now.hash}`).get('seed'), 'e3');
  await send(host, { type: 'nnplay:get' });
  await waitFor(host, 'nnplay:state', 2);
  assert.equal(hashParams((await messages(host, 'nnplay:state'))[1].link).get('dataset'), 'spiral');
  assert.deepEqual(errors, []);
});

test('embedded: a goal reached is posted once, with its epoch', async (t) => {
  const { server, browser } = await setup(t);
  const { context, host, frame, errors } = await openHost(browser, await serveHost(t), server.url, 'lesson=xor-mlp');
  t.after(() => context.close());
  await send(host, { type: 'nnplay:step', epochs: 200 });
  await waitFor(host, 'nnplay:goal');
  const reached = await frame.evaluate(() => window.nnplay.lossCurve().findIndex((row) => row[1] !== null && row[1] <= 0.05));
  assert.ok(reached > 0);
  await send(host, { type: 'nnplay:step', epochs: 50 });
  await host.waitForFunction(() => /** @type {any} */ (window).got.some((/** @type {any} */ m) => m.data.type === 'nnplay:progress' && m.data.epoch === 250));
  assert.deepEqual(await messages(host, 'nnplay:goal'), [{ type: 'nnplay:goal', goal: 'testLoss', threshold: 0.05, epoch: reached }]);
  assert.deepEqual(errors, []);
});

test('embedded: bad messages, and messages from any window but the parent, are ignored with a warning', async (t) => {
  const { server, browser } = await setup(t);
  const { context, host, frame, sibling, warnings, errors } = await openHost(browser, await serveHost(t), server.url, 'dataset=xor&seed=e4');
  t.after(() => context.close());
  const start = await pageState(frame);
  const bad = [
    { type: 'nnplay:frobnicate' },
    'nnplay:play',
    null,
    { type: 7 },
    { type: 'nnplay:step', epochs: 1.5 },
    { type: 'nnplay:step', epochs: 0 },
    { type: 'nnplay:step', epochs: -3 },
    { type: 'nnplay:step', epochs: 1e9 },
    { type: 'nnplay:step', epochs: '5' },
    { type: 'nnplay:load', link: 42 },
    { type: 'nnplay:load' },
    { type: 'nnplay:load', link: `#seed=${'x'.repeat(20000)}` },
    { type: 'nnplay:load', link: 'https://example.com/#dataset=gauss' },
    { type: 'nnplay:load', link: `${server.url}other.html#dataset=gauss` },
    { type: 'nnplay:load', link: 'javascript:alert(1)' },
  ];
  for (const m of bad) await send(host, m);
  await host.waitForTimeout(500);
  const ignored = warnings.filter((w) => w.startsWith('nnplay: a message was ignored'));
  assert.equal(ignored.length, bad.length, ignored.join('\n'));
  assert.deepEqual(await pageState(frame), start, 'nothing changed');
  assert.equal(await frame.evaluate(() => window.nnplay.state().dataset), 'xor');

  // Another window speaking the protocol: a sibling frame, and the page itself.
  await sibling.evaluate(() => {
    const nn = /** @type {Window} */ (window.parent.frames[0]);
    nn.postMessage({ type: 'nnplay:step', epochs: 5 }, '*');
    nn.postMessage({ type: 'nnplay:play' }, '*');
    nn.postMessage({ type: 'nnplay:load', link: '#dataset=gauss' }, '*');
  });
  await frame.evaluate(() => {
    window.postMessage({ type: 'nnplay:step', epochs: 5 }, '*');
    window.postMessage({ type: 'nnplay:play' }, '*');
  });
  await host.waitForTimeout(500);
  const strangers = warnings.filter((w) => w.startsWith('nnplay: a message was ignored: not from the parent window'));
  assert.equal(strangers.length, 5);
  assert.deepEqual(await pageState(frame), start, 'nothing changed');
  // The parent still has its say.
  await send(host, { type: 'nnplay:step', epochs: 3 });
  await frame.waitForFunction(() => window.nnplay.epoch === 3);
  assert.deepEqual(errors, []);
});

test('"Use it in class" gives a complete iframe snippet that, pasted into a page, embeds this experiment', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'dataset=xor&seed=e5&regularization=L1');
  t.after(() => context.close());
  await page.click('.class-panel summary');
  await page.check('input[name="noise_hide"]');
  const snippet = await page.inputValue('.class-embed');
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#[^"<>]*" width="970" height="700" title="nnplay: neural network playground" style="border:0" allow="fullscreen" allowfullscreen><\/iframe>$/);
  assert.ok(snippet.includes('&amp;seed=e5&amp;') && !/&(?!amp;)/.test(snippet), 'every & written as &amp;');
  const link = await page.inputValue('.class-link');
  const origin = await serveHost(t, `<!doctype html><title>course</title>${snippet}
<script>window.got = []; addEventListener('message', (e) => got.push(e.data));</script>`);
  const host = await context.newPage();
  await host.goto(`${origin}/`);
  await host.waitForFunction(() => /** @type {any} */ (window).got.some((/** @type {any} */ m) => m.type === 'nnplay:ready'));
  const frame = /** @type {import('playwright-core').Frame} */ (await (await host.$('iframe'))?.contentFrame());
  assert.equal(frame.url(), link, 'the snippet embeds the class link');
  assert.equal(await frame.evaluate(() => window.nnplay.state().regularization), 'L1');
  assert.equal(await frame.isHidden('[data-control="noise"]'), true);
  assert.equal(await host.$eval('iframe', (f) => /** @type {HTMLIFrameElement} */ (f).allowFullscreen), true);
  assert.deepEqual(errors, []);
});
