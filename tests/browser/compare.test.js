// compare=<param>:<v1>,...: the variants trained side by side in the page, each exactly what its
// own link computes alone (opened in the page, stepped the same), driven by step, play and reset;
// a bad comparison's notice and the plain experiment; the panel loads on use; samples=.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { setup, openPage, fixture, hashParams, screenshot, ROOT } from './support.js';

/** The CLI's notices for a link (build/native/nnplay, built by scripts/build.sh). */
function cliNotices(/** @type {string} */ hash) {
  const out = execFileSync(path.join(ROOT, 'build/native/nnplay'), ['run', '--hash', hash], { maxBuffer: 1 << 26 });
  return JSON.parse(out.toString()).notices;
}

/** The page's answer to nnplay.compare() after `epochs` steps of `hash`. */
async function compared(browser, server, hash, epochs) {
  const { page, context, errors } = await openPage(browser, server.url, hash);
  await page.evaluate((n) => window.nnplay.step(n), epochs);
  const variants = await page.evaluate(() => window.nnplay.compare());
  return { page, context, errors, variants };
}

/** lossCurve() of `link` opened alone and stepped `epochs` epochs. */
async function alone(browser, server, link, epochs) {
  const { page, context, errors } = await openPage(browser, server.url, new URL(link).hash.slice(1));
  await page.evaluate((n) => window.nnplay.step(n), epochs);
  const curve = await page.evaluate(() => window.nnplay.lossCurve());
  await context.close();
  assert.deepEqual(errors, []);
  return curve;
}

const CASES = [
  ['dev01', 'optimizer:sgd,momentum,adam', ['sgd', 'momentum', 'adam']],
  ['dev02', 'learningRate:0.003,0.03,0.3', ['0.003', '0.03', '0.3']],
  ['dev06', 'activation:tanh,relu', ['tanh', 'relu']],
  ['dev09', 'init:uniform,zeros,xavier,he', ['uniform', 'zeros', 'xavier', 'he']],
  ['dev03', 'regularization:none,L1,L2', ['none', 'L1', 'L2']],
  ['dev04', 'batchSize:1,30', ['1', '30']],
  ['dev13', 'networkShape:,4-2,8-8', ['', '4,2', '8,8']],
  ['dev01', 'samples:100,2000', ['100', '2000']],
];

test('each variant\'s losses are its own link\'s, bit for bit', async (t) => {
  const { server, browser } = await setup(t);
  const epochs = 40;
  for (const [name, spec, values] of CASES) {
    const fx = fixture(name);
    const seed = fx.seed_in_hash ? '' : `&seed=${fx.state.seed}`;
    const { context, errors, variants } = await compared(browser, server, `${fx.hash}${seed}&compare=${spec}`, epochs);
    assert.deepEqual(variants.map((v) => v.value), values, spec);
    for (const v of variants) {
      assert.equal(v.lossCurve.length, epochs + 1);
      assert.equal(hashParams(v.link).has('compare'), false, 'a variant\'s link compares nothing');
      assert.deepEqual(v.lossCurve, await alone(browser, server, v.link, epochs), `${name} ${spec}=${v.value}`);
    }
    await context.close();
    assert.deepEqual(errors, []);
  }
});

test('the panel: a legend, a heatmap per variant, play, step and reset drive them all', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev01');
  const { page, context, errors } = await openPage(browser, server.url, `${fx.hash}&compare=optimizer:sgd,momentum,rmsprop,adam`);
  t.after(() => context.close());
  assert.equal(await page.isVisible('#compare'), true);
  assert.equal(await page.locator('.compare-legend li').count(), 4);
  assert.equal(await page.locator('.compare-map canvas').count(), 4);
  assert.equal(await page.locator('.compare-chart polyline').count(), 8);
  const colours = await page.$$eval('.compare-chart polyline', (ls) => ls.map((l) => l.getAttribute('stroke')));
  assert.deepEqual([...new Set(colours)], ['#0072B2', '#E69F00', '#009E73', '#CC79A7']);
  assert.match(await page.textContent('.compare-legend') ?? '', /optimizer = sgd.*optimizer = momentum.*optimizer = rmsprop.*optimizer = adam/);
  // step
  await page.evaluate(() => window.nnplay.step(5));
  for (const v of await page.evaluate(() => window.nnplay.compare())) assert.equal(v.lossCurve.length, 6);
  // play: the variants follow while it plays
  await page.evaluate(() => window.nnplay.play());
  await page.waitForFunction(() => window.nnplay.epoch > 60);
  await page.evaluate(() => window.nnplay.pause());
  const epoch = await page.evaluate(() => window.nnplay.epoch);
  const after = await page.evaluate(() => window.nnplay.compare());
  for (const v of after) assert.equal(v.lossCurve.length, epoch + 1);
  const points = await page.$$eval('.compare-chart polyline', (ls) => ls.map((l) => (l.getAttribute('points') ?? '').trim().split(' ').length));
  for (const n of points) assert.ok(n > 2, `a line of ${n} points`);
  await screenshot(page, 'compare-4-optimizers');
  // reset: all back to epoch 0, the same start
  await page.evaluate(() => window.nnplay.reset());
  const reset = await page.evaluate(() => window.nnplay.compare());
  assert.deepEqual(reset.map((v) => v.lossCurve), after.map((v) => [v.lossCurve[0]]));
  // the link keeps the comparison
  assert.equal(hashParams(await page.evaluate(() => window.nnplay.link())).get('compare'), 'optimizer:sgd,momentum,rmsprop,adam');
  assert.deepEqual(errors, []);
});

test('bad comparisons: a notice each, the CLI\'s word for word, and the plain experiment', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev01');
  const cases = [
    ['learningRate', /^not <parameter>:<value>,<value>;/],
    ['optimiser:sgd,adam', /^no parameter is named optimiser;/],
    ['speed:1,2', /^speed is the display's, the lecture's or the page's, not the experiment's;/],
    ['hide:a,b', /^no parameter is named hide;/],
    ['optimizer:adam', /^needs 2 to 4 values, got 1;/],
    ['optimizer:sgd,momentum,rmsprop,adam,sgd', /^needs 2 to 4 values, got more than 4;/],
    ['optimizer:sgd,nesterov', /^optimizer=nesterov is refused \(not one of /],
    ['learningRate:0.1,-1', /^learningRate=-1 is refused \(must not be negative\)/],
    ['networkShape:4,4-99', /^networkShape=4,99 is refused \(layer 2 has more than 32 neurons\)/],
    ['samples:100,101', /^samples=101 is refused \(must be a whole number from 50 to 2000, even\)/],
    ['learningRate:0.1,0.3,0.1', /^learningRate: 0.1 is given twice;/],
    ['loss:square,crossentropy&problem=regression', /^loss=crossentropy is refused \(cross-entropy needs a classification problem/],
    ['learningRate:0.1,1&model=perceptron', /^the perceptron is not compared;/],
  ];
  for (const [spec, reason] of cases) {
    const { page, context, errors } = await openPage(browser, server.url, `${fx.hash}&compare=${spec}`);
    await page.waitForFunction(() => window.nnplay.notices().length > 0);
    const notices = await page.evaluate(() => window.nnplay.notices());
    assert.equal(notices.length, 1, spec);
    assert.equal(notices[0].param, 'compare');
    assert.equal(notices[0].value, spec.split('&')[0]);
    assert.match(notices[0].reason, reason);
    assert.match(notices[0].reason, /; opening the experiment alone$/);
    assert.deepEqual(cliNotices(`${fx.hash}&compare=${spec}`), notices, 'the CLI says the same');
    // (the banner is imported when a link first has notices: wait for it)
    await page.waitForFunction(() => /compare/.test(document.getElementById('notices')?.textContent ?? ''));
    assert.equal(await page.isVisible('#compare'), false);
    assert.deepEqual(await page.evaluate(() => window.nnplay.compare()), []);
    if (!spec.includes('&')) {
      await page.evaluate(() => window.nnplay.step(300));
      assert.deepEqual(await page.evaluate(() => window.nnplay.lossCurve()), fx.loss_curve, 'the plain experiment');
    }
    assert.equal(hashParams(await page.evaluate(() => window.nnplay.link())).has('compare'), false);
    await context.close();
    assert.deepEqual(errors, []);
  }
});

test('the compare panel loads on use: a plain link does not fetch it', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev01');
  for (const [hash, wanted] of [[fx.hash, false], [`${fx.hash}&compare=learningRate:0.03,0.3`, true]]) {
    const { page, context } = await openPage(browser, server.url, hash, { wait: false });
    const urls = /** @type {string[]} */ ([]);
    page.on('request', (r) => urls.push(r.url()));
    await page.reload();
    await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
    assert.equal(urls.some((u) => u.endsWith('/compare.js')), wanted, hash);
    await context.close();
  }
});

test('samples: the points of the link opened alone, and as many as asked', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev01');
  const { page, context, errors } = await openPage(browser, server.url, `${fx.hash}&samples=1000`);
  t.after(() => context.close());
  const data = await page.evaluate(() => window.nnplay.data());
  assert.equal(data.train.length + data.test.length, 1000);
  assert.equal(hashParams(page.url()).get('samples'), '1000');
  const plain = await openPage(browser, server.url, `${fx.hash}&samples=500`);
  assert.deepEqual(await plain.page.evaluate(() => window.nnplay.data()), { train: fx.train, test: fx.test });
  await plain.context.close();
  assert.deepEqual(errors, []);
});

test('samples at speed max: the worker trains the same points, bit for bit', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev02');
  const hash = `${fx.hash}&samples=1200`;
  const fast = await openPage(browser, server.url, `${hash}&speed=max`);
  t.after(() => fast.context.close());
  await fast.page.evaluate(() => window.nnplay.play());
  await fast.page.waitForFunction(() => window.nnplay.epoch > 200);
  await fast.page.evaluate(() => window.nnplay.pause());
  const epoch = await fast.page.evaluate(() => window.nnplay.epoch);
  const network = await fast.page.evaluate(() => window.nnplay.network());
  const stepped = await openPage(browser, server.url, hash);
  await stepped.page.evaluate((n) => window.nnplay.step(n), epoch);
  assert.deepEqual(await stepped.page.evaluate(() => window.nnplay.network()), network);
  assert.equal((await stepped.page.evaluate(() => window.nnplay.data())).train.length, 600);
  await stepped.context.close();
  assert.deepEqual(fast.errors, []);
});
