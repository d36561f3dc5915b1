// Backpropagation step by step: the step-through advances through its five stages, every number
// it shows (table and diagram labels) is the engine's trace of that sample, its gradients match
// central differences, its update is exactly a batch-size-1 training step on that sample, and
// "Apply this update" writes it into the experiment without training.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, screenshot } from './support.js';

const STAGES = ['forward', 'error', 'backward', 'gradients', 'update'];

/** The values the panel shows now: table cells by row and key, diagram labels by node. */
function shown(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => {
    /** @type {Record<string, Record<string, string>>} */
    const cells = {};
    for (const td of document.querySelectorAll('.bp-table td[data-key]')) {
      const e = /** @type {HTMLElement} */ (td);
      const tr = /** @type {HTMLElement} */ (e.parentElement);
      const row = tr.dataset.param !== undefined ? `p${tr.dataset.param}` : tr.dataset.node !== undefined ? `n${tr.dataset.node}` : 'error';
      (cells[row] ??= {})[/** @type {string} */ (e.dataset.key)] = /** @type {string} */ (e.dataset.value);
    }
    /** @type {Record<string, string>} */
    const labels = {};
    for (const l of document.querySelectorAll('.bp-label')) {
      const e = /** @type {HTMLElement} */ (l);
      labels[/** @type {string} */ (e.dataset.node)] = /** @type {string} */ (e.dataset.value);
    }
    const root = /** @type {HTMLElement} */ (document.querySelector('.backprop-panel'));
    return { stage: root.dataset.stage, point: Number(root.dataset.point), name: document.querySelector('.bp-stage')?.textContent, cells, labels };
  });
}

/** nnplay.network() flattened in the engine's parameter order: per layer W (out, in), then b. */
function flatParams(/** @type {{bias: number, weights: number[]}[][]} */ net) {
  return net.flatMap((layer) => [...layer.flatMap((n) => n.weights), ...layer.map((n) => n.bias)]);
}

test('the backprop step-through shows the engine\'s numbers, stage by stage, and its update is a batch-1 step', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=backprop');
  t.after(() => context.close());
  const net = await page.evaluate(() => window.nnplay.network());
  const numNodes = 2 + net.reduce((n, l) => n + l.length, 0);
  const params = flatParams(net);

  await page.click('.bp-start');
  const trace = await page.evaluate(() => window.nnplay.backprop());
  const [x, y, label] = (await page.evaluate(() => window.nnplay.data())).train[0];
  assert.deepEqual([trace.point, trace.x, trace.y, trace.target], [0, x, y, label], 'the first training point');
  assert.deepEqual(trace.params, params, 'traced on the current network');
  assert.equal(await page.getAttribute('.heatmap-overlay', 'data-marker'), '', 'the sample is marked on the heatmap');

  for (const [i, stage] of STAGES.entries()) {
    await t.test(`stage ${i + 1}: ${stage}`, async () => {
      const s = await shown(page);
      assert.equal(s.stage, stage);
      assert.match(s.name ?? '', new RegExp(`^Stage ${i + 1} of 5: `));
      const str = (/** @type {number} */ v) => String(v);
      if (stage === 'forward') {
        for (let k = 0; k < numNodes; k++) {
          assert.deepEqual(s.cells[`n${k}`], { total: str(trace.total[k]), output: str(trace.output[k]) }, `node ${k}`);
          assert.equal(s.labels[k], str(trace.output[k]), `label of node ${k}`);
        }
        assert.deepEqual(trace.output.slice(0, 2), [x, y], 'the inputs are the sample');
      } else if (stage === 'error') {
        assert.deepEqual(s.cells.error, { prediction: str(trace.prediction), target: str(trace.target),
          error: str(trace.error), errorDer: str(trace.errorDer) });
        assert.equal(trace.error, 0.5 * (trace.prediction - trace.target) ** 2);
        assert.equal(s.labels[numNodes - 1], str(trace.errorDer));
      } else if (stage === 'backward') {
        for (let k = 2; k < numNodes; k++) {
          assert.deepEqual(s.cells[`n${k}`], { outputDer: str(trace.outputDer[k]), inputDer: str(trace.inputDer[k]) }, `node ${k}`);
          assert.equal(s.labels[k], str(trace.inputDer[k]));
        }
        assert.equal(s.labels[0], undefined, 'inputs have no error signal');
      } else if (stage === 'gradients') {
        assert.equal(Object.keys(s.cells).length, params.length, 'one row per parameter');
        for (let p = 0; p < params.length; p++) {
          assert.deepEqual(s.cells[`p${p}`], { params: str(params[p]), grad: str(trace.grad[p]) }, `param ${p}`);
        }
        await screenshot(page, 'backprop-gradients');
      } else {
        for (let p = 0; p < params.length; p++) {
          assert.deepEqual(s.cells[`p${p}`], { params: str(params[p]), paramsAfter: str(trace.paramsAfter[p]) }, `param ${p}`);
          assert.ok(Math.abs(trace.paramsAfter[p] - (params[p] - 0.1 * trace.grad[p])) < 1e-15, 'SGD, learning rate 0.1');
        }
        assert.equal(await page.isDisabled('.bp-next'), true, 'the last stage');
        assert.equal(await page.isVisible('.bp-apply'), true);
        assert.match(await page.textContent('.bp-note') ?? '', /changes only if you click/);
        await screenshot(page, 'backprop-update');
      }
      if (i < STAGES.length - 1) {
        assert.equal(await page.isVisible('.bp-apply'), false);
        await page.click('.bp-next');
      }
    });
  }

  await t.test('the shown gradients match central differences of the sample\'s error', async () => {
    const grads = Object.keys((await shown(page)).cells).length; // (update stage: one row per parameter)
    assert.equal(grads, params.length);
    // A second engine in the page, on the same link at epoch 0: move one weight by ±h and read
    // the sample's error from the trace.
    const numeric = await page.evaluate(async () => {
      const { loadEngine } = await import(new URL('engine/engine.js', location.href).href);
      const ex = (await loadEngine({ lab: true })).experiment(location.hash);
      try {
        const h = 1e-6;
        const base = ex.backpropTrace(0);
        return base.params.map((/** @type {number} */ w, /** @type {number} */ p) => {
          ex.params()[p] = w + h;
          const up = ex.backpropTrace(0).error;
          ex.params()[p] = w - h;
          const down = ex.backpropTrace(0).error;
          ex.params()[p] = w;
          return (up - down) / (2 * h);
        });
      } finally {
        ex.dispose();
      }
    });
    for (let p = 0; p < params.length; p++) {
      assert.ok(Math.abs(numeric[p] - trace.grad[p]) <= 1e-7 + 1e-4 * Math.abs(trace.grad[p]), `param ${p}: ${numeric[p]} vs ${trace.grad[p]}`);
    }
  });

  await t.test('the update equals a real batch-size-1 training step on the sample', async () => {
    const after = await shown(page);
    // percTrainData=0.2 keeps only the first of the same shuffled points: one epoch is one step.
    const url = new URL(page.url());
    url.hash = 'lesson=backprop&percTrainData=0.2';
    await page.goto(url.href);
    await page.waitForFunction(() => window.nnplay.state().percTrainData === 0.2);
    assert.deepEqual((await page.evaluate(() => window.nnplay.data())).train, [[x, y, label]]);
    assert.deepEqual(flatParams(await page.evaluate(() => window.nnplay.network())), params, 'same initial weights');
    await page.evaluate(() => window.nnplay.step(1));
    const stepped = flatParams(await page.evaluate(() => window.nnplay.network()));
    assert.deepEqual(stepped.map(String), params.map((_, p) => after.cells[`p${p}`].paramsAfter), 'bit for bit');
  });

  assert.deepEqual(errors, []);
});

test('"Apply this update" writes the shown update into the network without training', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=backprop');
  t.after(() => context.close());
  await page.evaluate(() => window.nnplay.step(20));
  await page.click('.bp-start');
  await page.click('.bp-other'); // the second training point
  assert.equal((await shown(page)).point, 1);
  const trace = await page.evaluate(() => window.nnplay.backprop());
  assert.equal(trace.point, 1);
  for (let i = 0; i < 4; i++) await page.click('.bp-next');
  await page.click('.bp-apply');
  assert.deepEqual(flatParams(await page.evaluate(() => window.nnplay.network())), trace.paramsAfter);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 20, 'no epoch trained');
  const s = await shown(page);
  assert.equal(s.stage, 'forward', 'back to the forward pass on the new weights');
  const again = await page.evaluate(() => window.nnplay.backprop());
  assert.deepEqual(again.params, trace.paramsAfter);
  assert.ok(again.error < trace.error, `the sample's error went down: ${trace.error} -> ${again.error}`);
  assert.match(await page.textContent('.bp-explain') ?? '', /Applied\. The error on this sample went from/);
  await screenshot(page, 'backprop-applied');

  // Training moves the network: the step-through follows it.
  await page.evaluate(() => window.nnplay.step(1));
  // (waitForFunction does not await a Promise: the trace's is awaited here, frame by frame)
  await page.evaluate(async (p) => {
    for (;;) {
      const label = /** @type {HTMLElement | null} */ (document.querySelector('.bp-label[data-node="2"]'));
      const now = await window.nnplay.backprop();
      if (label && label.dataset.value === String(now.output[2]) && now.params[0] !== p) return;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, again.params[0]);
  await page.click('.bp-close');
  assert.equal(await page.isVisible('.bp-body'), false);
  assert.equal(await page.$$eval('.bp-label', (l) => l.length), 0);
  await page.waitForFunction(() => !document.querySelector('.heatmap-overlay')?.hasAttribute('data-marker'));
  assert.deepEqual(errors, []);
});

test('the trace API refuses the perceptron and bad indices', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=perceptron-separable');
  t.after(() => context.close());
  await assert.rejects(page.evaluate(() => window.nnplay.backprop(0)), /RangeError|perceptron|invalid/i);
  await page.evaluate(() => { location.hash = 'dataset=xor&seed=r'; });
  await page.waitForFunction(() => window.nnplay.state().dataset === 'xor');
  const n = (await page.evaluate(() => window.nnplay.data())).train.length;
  await assert.rejects(page.evaluate((i) => window.nnplay.backprop(i), n), /RangeError/);
  assert.equal((await page.evaluate(async (i) => (await window.nnplay.backprop(i)).point, n - 1)), n - 1);
  assert.deepEqual(errors, []);
});
