// The lecture's training options as first-class controls: optimiser and its hyperparameters,
// weight initialisation, loss, the extra activations and the output bias. Each choice changes
// the URL and the training; a link with them reproduces the same losses on reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams, screenshot } from './support.js';

const BASE = fixture('dev01').hash;
const HYPER = ['momentum', 'rho', 'beta1', 'beta2', 'epsilon'];

/** Names of the visible data-control elements among `names`. */
function visible(/** @type {import('playwright-core').Page} */ page, /** @type {string[]} */ names) {
  return page.$$eval('[data-control]', (els, ns) => els
    .filter((e) => ns.includes(/** @type {HTMLElement} */ (e).dataset.control ?? '') && /** @type {HTMLElement} */ (e).offsetParent !== null)
    .map((e) => /** @type {string} */ (/** @type {HTMLElement} */ (e).dataset.control)).sort(), names);
}

test('the training options drive the URL and the training', async (t) => {
  const { server, browser } = await setup(t);
  /** @param {string} [hash] */
  const open = async (hash = BASE) => {
    const o = await openPage(browser, server.url, hash);
    t.after(() => o.context.close());
    return o;
  };
  /** @param {import('playwright-core').Page} page @param {number} n */
  const curveAfter = async (page, n) => {
    await page.evaluate((k) => window.nnplay.step(k), n);
    return page.evaluate(() => window.nnplay.lossCurve());
  };

  await t.test('choosing Adam at epoch 30 writes optimizer@30=adam and trains on otherwise than SGD', async () => {
    const { page, errors } = await open();
    const sgd = await curveAfter(page, 60);
    await page.evaluate(() => window.nnplay.reset());
    await curveAfter(page, 30);
    assert.deepEqual(await visible(page, HYPER), [], 'SGD has no hyperparameter beyond the learning rate');
    await page.selectOption('select[name="optimizer"]', 'adam');
    assert.equal(hashParams(page.url()).get('optimizer@30'), 'adam');
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 30, 'a live setting: training goes on');
    assert.deepEqual(await visible(page, HYPER), ['beta1', 'beta2', 'epsilon']);
    const adam = await curveAfter(page, 30);
    assert.deepEqual(adam.slice(0, 31), sgd.slice(0, 31), 'the same first 30 epochs');
    assert.notDeepEqual(adam[60], sgd[60]);
    assert.equal((await page.evaluate(() => window.nnplay.state())).optimizer, 'adam');
    await screenshot(page, 'optimizer-adam');
    assert.deepEqual(errors, []);
  });

  await t.test('each optimiser shows only its own hyperparameters, and they change the training', async () => {
    const { page, errors } = await open();
    // Each choice is made at epoch 0 (after a reset), where it becomes the link's base.
    const choose = async (/** @type {string} */ name, /** @type {string} */ value) => {
      await page.evaluate(() => window.nnplay.reset());
      await page.selectOption(`select[name="${name}"]`, value);
    };
    await choose('optimizer', 'momentum');
    assert.deepEqual(await visible(page, HYPER), ['momentum']);
    const mu09 = await curveAfter(page, 20);
    await choose('momentum', '0.5');
    assert.equal(hashParams(page.url()).get('momentum'), '0.5');
    assert.notDeepEqual(await curveAfter(page, 20), mu09);

    await choose('optimizer', 'rmsprop');
    assert.deepEqual(await visible(page, HYPER), ['epsilon', 'rho']);
    const rho09 = await curveAfter(page, 20);
    await choose('rho', '0.99');
    assert.equal(hashParams(page.url()).get('rho'), '0.99');
    assert.notDeepEqual(await curveAfter(page, 20), rho09);

    await choose('optimizer', 'adam');
    const eps = await curveAfter(page, 20);
    await choose('epsilon', '0.1');
    assert.equal(hashParams(page.url()).get('epsilon'), '0.1');
    assert.notDeepEqual(await curveAfter(page, 20), eps);
    await choose('beta1', '0.5');
    await choose('beta2', '0.99');
    const p = hashParams(page.url());
    assert.equal(p.get('beta1'), '0.5');
    assert.equal(p.get('beta2'), '0.99');

    await choose('optimizer', 'sgd');
    assert.equal(hashParams(page.url()).has('optimizer'), false, 'the default is not written');
    assert.deepEqual(await visible(page, HYPER), []);
    assert.deepEqual(errors, []);
  });

  await t.test('the initialisation changes the initial network', async () => {
    const { page, errors } = await open();
    const uniform = await page.evaluate(() => window.nnplay.network());
    await page.selectOption('select[name="init"]', 'xavier');
    assert.equal(hashParams(page.url()).get('init'), 'xavier');
    const xavier = await page.evaluate(() => window.nnplay.network());
    assert.notDeepEqual(xavier, uniform);
    await page.selectOption('select[name="init"]', 'he');
    assert.equal(hashParams(page.url()).get('init'), 'he');
    assert.notDeepEqual(await page.evaluate(() => window.nnplay.network()), xavier);
    await page.selectOption('select[name="init"]', 'zeros');
    assert.equal(hashParams(page.url()).get('initZero'), 'true', 'zeros is TFP\'s initZero');
    const zeros = await page.evaluate(() => window.nnplay.network());
    assert.ok(zeros.flat().every((n) => n.bias === 0 && n.weights.every((w) => w === 0)));
    await page.selectOption('select[name="init"]', 'uniform');
    const p = hashParams(page.url());
    assert.equal(p.get('initZero'), 'false');
    assert.equal(p.has('init'), false);
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), uniform, 'back to the link\'s weights');
    assert.deepEqual(errors, []);
  });

  await t.test('cross-entropy changes the loss values; regression has no loss choice', async () => {
    const { page, errors } = await open();
    const square = await page.evaluate(() => window.nnplay.loss());
    const net = await page.evaluate(() => window.nnplay.network());
    await page.selectOption('select[name="loss"]', 'crossentropy');
    assert.equal(hashParams(page.url()).get('loss'), 'crossentropy');
    const ce = await page.evaluate(() => window.nnplay.loss());
    assert.notEqual(ce.train, square.train);
    assert.match(await page.textContent('.loss.train .value') ?? '', /^\d+\.\d{3}$/);
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), net, 'the same initial network, another loss');
    await page.selectOption('select[name="problem"]', 'regression');
    assert.equal(await page.isVisible('[data-control="loss"]'), false);
    assert.equal(await page.isVisible('.accuracies'), false, 'no accuracy for regression');
    assert.deepEqual(errors, []);
  });

  await t.test('the new activations are in the activation menu', async () => {
    const { page, errors } = await open();
    const options = await page.$$eval('select[name="activation"] option', (os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
    assert.deepEqual(options, ['relu', 'tanh', 'sigmoid', 'linear', 'leakyrelu', 'elu', 'softplus', 'swish']);
    const outputs = new Set();
    for (const act of ['leakyrelu', 'elu', 'softplus', 'swish']) {
      await page.selectOption('select[name="activation"]', act);
      assert.equal(hashParams(page.url()).get('activation'), act);
      assert.equal((await page.evaluate(() => window.nnplay.state())).activation, act);
      const curve = await curveAfter(page, 10);
      assert.ok(curve.every((r) => r.every(Number.isFinite)), act);
      outputs.add(JSON.stringify(curve[10]));
    }
    assert.equal(outputs.size, 4, 'four different trainings');
    assert.deepEqual(errors, []);
  });

  await t.test('a link with the new parameters reproduces the same loss curve on reload', async () => {
    const hash = `${BASE}&activation=elu&optimizer=rmsprop&rho=0.95&epsilon=0.0001&init=he&dropout=0.2&loss=crossentropy&speed=20`;
    const first = await open(hash);
    const curve = await curveAfter(first.page, 60);
    const acc = await first.page.evaluate(() => window.nnplay.accuracyCurve());
    await first.page.waitForFunction(() => location.href === window.nnplay.link());
    const url = first.page.url();
    const p = hashParams(url);
    for (const [k, v] of [['activation', 'elu'], ['optimizer', 'rmsprop'], ['rho', '0.95'], ['epsilon', '0.0001'],
      ['init', 'he'], ['dropout', '0.2'], ['loss', 'crossentropy'], ['speed', '20'], ['epoch', '60']]) assert.equal(p.get(k), v, k);
    for (const [name, value] of [['optimizer', 'rmsprop'], ['rho', '0.95'], ['epsilon', '0.0001'], ['init', 'he'], ['dropout', '0.2'], ['loss', 'crossentropy'], ['speed', '20']]) {
      assert.equal(await first.page.inputValue(`select[name="${name}"]`), value, `${name} shows the link's value`);
    }
    const second = await open(url.slice(url.indexOf('#') + 1)); // trains to its epoch 60
    assert.deepEqual(await curveAfter(second.page, 0), curve);
    assert.deepEqual(await second.page.evaluate(() => window.nnplay.accuracyCurve()), acc);
    await second.page.waitForFunction(() => location.href === window.nnplay.link());
    assert.equal(second.page.url(), url, 'the same canonical link');
    assert.deepEqual(first.errors, []);
    assert.deepEqual(second.errors, []);
  });

  await t.test('each new control hides with <name>_hide=true', async () => {
    const all = ['optimizer', 'beta1', 'beta2', 'epsilon', 'init', 'dropout', 'loss', 'speed', 'showAccuracy'];
    for (const name of all) {
      const { page, context } = await openPage(browser, server.url, `${BASE}&optimizer=adam&${name}_hide=true`);
      try {
        assert.deepEqual(await visible(page, all), all.filter((n) => n !== name).sort(), name);
        assert.equal(hashParams(page.url()).get(`${name}_hide`), 'true');
      } finally {
        await context.close();
      }
    }
  });

  await t.test('a hyperparameter off the menu is shown as it is', async () => {
    const { page, errors } = await open(`${BASE}&optimizer=momentum&momentum=0.85`);
    assert.equal(await page.inputValue('select[name="momentum"]'), '0.85');
    assert.equal((await page.evaluate(() => window.nnplay.state())).momentum, 0.85);
    assert.deepEqual(errors, []);
  });

  await t.test('the output node\'s bias is visible and editable like the others', async () => {
    const { page, errors } = await open();
    const out = /** @type {{x: number, y: number, width: number, height: number}} */ (await page.locator('.node.output').boundingBox());
    await page.mouse.move(out.x - 5.5, out.y + out.height - 3.5);
    await page.waitForFunction(() => document.querySelector('.hovercard .hc-label')?.textContent === 'Bias');
    const before = await page.evaluate(() => window.nnplay.network().at(-1)?.[0].bias);
    assert.equal(Number(await page.inputValue('.hc-input')).toFixed(4), Number(before).toFixed(4));
    await page.fill('.hc-input', '0.75');
    await page.press('.hc-input', 'Enter');
    assert.equal(await page.evaluate(() => window.nnplay.network().at(-1)?.[0].bias), 0.75);
    assert.deepEqual(errors, []);
  });
});
