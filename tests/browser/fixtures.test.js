// Every TFP fixture link opens in the page as TFP opened it: no errors, the controls show the
// fixture's state, and 300 epochs give TFP's loss curve bit for bit (Chromium's Math is the
// fixtures' primary engine).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixtures, num } from './support.js';

const FEATURES = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];

test('every TFP fixture link opens with its state shown and trains to TFP\'s loss curve bit for bit', async (t) => {
  const { server, browser } = await setup(t);
  for (const { name, fixture } of fixtures()) {
    await t.test(name, async () => {
      const { page, context, errors, foreign } = await openPage(browser, server.url, fixture.hash);
      try {
        const st = fixture.state;
        const shown = await page.evaluate(() => {
          const q = (/** @type {string} */ s) => /** @type {HTMLInputElement} */ (document.querySelector(s));
          const sel = (/** @type {string} */ n) => q(`select[name="${n}"]`).value;
          const features = [...document.querySelectorAll('.node.input')].map((e) => ({
            name: /** @type {HTMLElement} */ (e).dataset.control, active: e.classList.contains('active') }));
          return {
            learningRate: sel('learningRate'), activation: sel('activation'), regularization: sel('regularization'),
            regularizationRate: sel('regularizationRate'), problem: sel('problem'),
            percTrainData: q('input[name="percTrainData"]').value, noise: q('input[name="noise"]').value,
            batchSize: q('input[name="batchSize"]').value,
            dataset: q('.dataset-thumb.selected')?.getAttribute('data-dataset'),
            showTestData: q('input[name="showTestData"]').checked, discretize: q('input[name="discretize"]').checked,
            features,
            layers: document.querySelector('.layer-count .col-title')?.textContent,
            neurons: [...document.querySelectorAll('.neuron-count')].map((e) => e.textContent),
            liveNodes: document.querySelectorAll('.node.live').length,
          };
        });
        assert.equal(Number(shown.learningRate), st.learningRate);
        assert.equal(shown.activation, st.activation);
        assert.equal(shown.regularization, st.regularization);
        assert.equal(Number(shown.regularizationRate), st.regularizationRate);
        assert.equal(shown.problem, st.problem);
        assert.equal(Number(shown.percTrainData), st.percTrainData);
        assert.equal(Number(shown.noise), st.noise);
        assert.equal(Number(shown.batchSize), st.batchSize);
        assert.equal(shown.dataset, st.problem === 'regression' ? st.regDataset : st.dataset);
        assert.equal(shown.showTestData, st.showTestData);
        assert.equal(shown.discretize, st.discretize);
        const hiddenFeatures = FEATURES.filter((f) => st.hide[`${f}_hide`] === true);
        assert.deepEqual(shown.features.map((f) => f.name), FEATURES.filter((f) => !hiddenFeatures.includes(f)));
        assert.deepEqual(shown.features.filter((f) => f.active).map((f) => f.name), fixture.derived.input_ids);
        const hidden = st.networkShape.length;
        assert.equal(shown.layers, `${hidden} hidden layer${hidden === 1 ? '' : 's'}`);
        assert.deepEqual(shown.neurons, st.networkShape.map((n) => `${n} neuron${n === 1 ? '' : 's'}`));
        assert.equal(shown.liveNodes, fixture.derived.layer_sizes.slice(1).reduce((a, b) => a + b, 0));

        // The page writes the canonical hash back: it reproduces the same experiment.
        const url = new URL(page.url());
        const written = new URLSearchParams(url.hash.slice(1));
        assert.equal(written.get('seed'), st.seed);
        assert.equal(Number(written.get('learningRate')), st.learningRate);

        assert.deepEqual(await page.evaluate(() => window.nnplay.network()), fixture.network);
        await page.evaluate(() => window.nnplay.step(300));
        const curve = await page.evaluate(() => window.nnplay.lossCurve());
        assert.equal(curve.length, 301);
        const expected = fixture.loss_curve.map((/** @type {any[]} */ row) => row.map(num));
        for (let e = 0; e <= 300; e++) {
          for (let k = 0; k < 2; k++) {
            assert.ok(Object.is(curve[e][k], expected[e][k]),
              `epoch ${e} ${k ? 'test' : 'train'} loss: page ${curve[e][k]} != TFP ${expected[e][k]}`);
          }
        }
        assert.equal(await page.evaluate(() => window.nnplay.epoch), 300);
        const epochText = await page.textContent('.epoch .value');
        assert.equal(epochText, '000,300');
        const display = fixture.loss_display['300'];
        assert.equal(await page.textContent('.loss.train .value'), display.train);
        assert.equal(await page.textContent('.loss.test .value'), display.test);
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign, []);
      } finally {
        await context.close();
      }
    });
  }
});
