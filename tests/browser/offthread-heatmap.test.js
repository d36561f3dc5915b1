// The big heatmap's grid on a second core while playing (web/offthread-heatmap.js, the worker's
// side web/worker-grids.js): the worker's grid is the page's bit for bit, the page asks for it
// each frame while playing, a still picture is the page's own, and without workers the page
// draws as before; a small network's grid stays in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, drawing } from './support.js';

test('the worker\'s grid equals the page\'s engine on the same parameters, bit for bit', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev04').hash);
  t.after(() => context.close());
  const result = await page.evaluate(async () => {
    const { loadEngine } = await import('/engine/engine.js');
    const ex = (await loadEngine()).experiment(location.hash.slice(1));
    const worker = new Worker('/training-worker.js', { type: 'module' });
    /** @param {object} msg @returns {Promise<any>} */
    const ask = (msg) => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage(msg); });
    const same = (/** @type {Float32Array} */ a, /** @type {Float32Array} */ b) => a.length === b.length
      && new Uint32Array(a.buffer, a.byteOffset, a.length).every((v, i) => v === new Uint32Array(b.buffer, b.byteOffset, b.length)[i]);
    const out = ex.layout().numNodes - 1;
    const checks = [];
    ex.train(25);
    let want = ex.evaluateNode(out, 100).slice();
    let got = await ask({ type: 'grid', id: 1, hash: ex.hash(), params: ex.params().slice(), node: out, density: 100 });
    checks.push({ what: 'output, epoch 25, with the link', ok: got.type === 'grid' && got.id === 1 && same(got.values, want), changed: false });
    const before = want;
    ex.train(40);
    want = ex.evaluateNode(out, 100).slice();
    got = await ask({ type: 'grid', id: 1, params: ex.params().slice(), node: out, density: 100 });
    checks.push({ what: 'output, epoch 65, parameters only', ok: same(got.values, want), changed: !same(want, before) });
    want = ex.evaluateNode(12, 100).slice();
    got = await ask({ type: 'grid', id: 1, params: ex.params().slice(), node: 12, density: 100 });
    checks.push({ what: 'a hidden neuron', ok: got.node === 12 && same(got.values, want), changed: false });
    const wrong = await ask({ type: 'grid', id: 2, params: new Float64Array(3), node: out, density: 100 });
    worker.terminate();
    return { checks, wrong };
  });
  for (const c of result.checks) assert.ok(c.ok, c.what);
  assert.ok(result.checks[1].changed, 'training changed the grid, so the second check tells');
  assert.equal(result.wrong.type, 'error', 'parameters of another network are refused');
  assert.match(result.wrong.message, /not the page's network/);
  assert.deepEqual(errors, []);
});

/** Counts the grids the page asks its workers for and the answers it gets (window.__grids). */
function countGrids() {
  const w = /** @type {any} */ (window);
  w.__grids = { asked: 0, answered: 0 };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (/** @type {any} */ msg, /** @type {any} */ transfer) {
    if (msg && msg.type === 'grid') w.__grids.asked++;
    this.addEventListener('message', (/** @type {MessageEvent} */ e) => { if (e.data?.type === 'grid') w.__grids.answered++; }, { once: true });
    return post.call(this, msg, transfer);
  };
}

for (const [label, init] of /** @type {const} */ ([['with a worker', countGrids],
  ['without Web Workers', () => { Object.defineProperty(window, 'Worker', { value: undefined }); }]])) {
  test(`playing draws the heatmap as training goes, and a paused picture is the epoch's own (${label})`, async (t) => {
    const { server, browser } = await setup(t);
    const hash = fixture('dev04').hash;
    const { page, context, errors } = await openPage(browser, server.url, hash, { init });
    t.after(() => context.close());
    await page.evaluate(() => window.nnplay.play());
    await page.waitForFunction(() => window.nnplay.epoch >= 20);
    const a = (await drawing(page)).heatmap;
    await page.waitForFunction((e) => window.nnplay.epoch >= e + 20, await page.evaluate(() => window.nnplay.epoch));
    const b = (await drawing(page)).heatmap;
    assert.notEqual(a, b, 'the heatmap follows training');
    const epoch = await page.evaluate(() => { window.nnplay.pause(); return window.nnplay.epoch; });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const paused = await drawing(page);
    if (label === 'with a worker') {
      const grids = await page.evaluate(() => /** @type {any} */ (window).__grids);
      assert.ok(grids.asked >= 10 && grids.answered >= 5, `${grids.asked} grids asked, ${grids.answered} answered`);
    }

    const fresh = await openPage(browser, server.url, hash);
    t.after(() => fresh.context.close());
    await fresh.page.evaluate((n) => window.nnplay.step(n), epoch);
    await fresh.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(paused.heatmap, (await drawing(fresh.page)).heatmap, `the picture at epoch ${epoch}`);
    assert.deepEqual(errors, []);
    assert.deepEqual(fresh.errors, []);
  });
}

test('a small network\'s heatmap is computed in the page: no worker round trip', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash, { init: countGrids });
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch >= 60);
  await page.evaluate(() => window.nnplay.pause());
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__grids), { asked: 0, answered: 0 });
  assert.deepEqual(errors, []);
});
