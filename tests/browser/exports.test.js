// Taking the results away: nnplay.export('json' | 'python' | 'csv'), nnplay.import(json) and
// nnplay.png(view), and the class panel's buttons that download them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setup, openPage, ROOT } from './support.js';

const CLI = path.join(ROOT, 'build/native/nnplay');

/** Networks the Python file is checked on: every activation, several feature sets, regression. */
const NETWORKS = [
  'activation=tanh&dataset=xor&networkShape=4,2&seed=p1&xSquared=true',
  'activation=relu&dataset=spiral&networkShape=5,3&seed=p2&sinX=true&sinY=true&learningRate=0.1',
  'activation=sigmoid&dataset=circle&networkShape=3&seed=p3&ySquared=true&xTimesY=true',
  'activation=linear&dataset=gauss&networkShape=2&seed=p4',
  'activation=leakyrelu&dataset=spiral&networkShape=6,4&seed=p5&xSquared=true&sinY=true',
  'activation=elu&dataset=circle&networkShape=4,3&seed=p6&xSquared=true&ySquared=true',
  'activation=softplus&dataset=xor&networkShape=5&seed=p7&xTimesY=true&sinX=true',
  'activation=swish&dataset=spiral&networkShape=8,8,4&seed=p8&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true',
  'activation=tanh&problem=regression&regDataset=reg-gauss&networkShape=4,2&seed=p9&sinX=true&xSquared=true',
];

/** @param {import('playwright-core').Page} page @param {string} hash */
async function open(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => window.nnplay.link().includes(h.split('&').find((p) => p.startsWith('seed=')) ?? ''), hash);
}

/** Runs python3 on a model file with points on stdin; the printed predictions. */
function python(text, points) {
  const dir = mkdtempSync(path.join(tmpdir(), 'nnplay-py-'));
  try {
    const file = path.join(dir, 'nnplay_model.py');
    writeFileSync(file, text);
    const out = execFileSync('python3', [file], { input: points.map(([x, y]) => `${x} ${y}`).join('\n') + '\n' });
    return out.toString().trim().split('\n').map((line) => line.split(' ').map(Number));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('results taken away and a model brought back', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, NETWORKS[0]);
  t.after(() => context.close());

  await t.test('the Python file predicts what the engine computes, within 1e-12, for every activation', async () => {
    let worst = 0;
    for (const hash of NETWORKS) {
      await open(page, hash);
      await page.evaluate(() => window.nnplay.step(40));
      const text = await page.evaluate(() => window.nnplay.export('python'));
      // The engine's own prediction of each training point (the forward pass of its trace).
      const [points, want] = await page.evaluate(async () => {
        const train = window.nnplay.data().train;
        return [train.map((p) => [p[0], p[1]]), await Promise.all(train.map(async (_, i) => (await window.nnplay.backprop(i)).prediction))];
      });
      const got = python(text, points);
      assert.equal(got.length, points.length, hash);
      got.forEach(([g], i) => {
        const d = Math.abs(g - want[i]);
        assert.ok(d <= 1e-12, `${hash}: point ${i}: python ${g}, engine ${want[i]}`);
        worst = Math.max(worst, d);
      });
    }
    t.diagnostic(`largest |python - engine| over ${NETWORKS.length} networks: ${worst}`);
  });

  await t.test('the page writes the files `nnplay run --export` writes, byte for byte', async () => {
    for (const hash of [NETWORKS[0], NETWORKS[1], NETWORKS[8], 'classes=4&dataset=gauss&networkShape=5&seed=k4&activation=softplus']) {
      await open(page, hash);
      await page.evaluate(() => window.nnplay.step(30));
      const json = await page.evaluate(() => window.nnplay.export('json'));
      const link = JSON.parse(json).link;
      assert.match(link, /epoch=30/);
      for (const kind of ['json', 'python']) {
        const cli = execFileSync(CLI, ['run', '--hash', link, '--export', kind]).toString();
        assert.equal(await page.evaluate((k) => window.nnplay.export(k), kind), cli, `${hash} ${kind}`);
      }
    }
  });

  await t.test('a model exported then imported gives the same network and predictions, bit for bit', async () => {
    await open(page, NETWORKS[5]);
    await page.evaluate(() => window.nnplay.step(60));
    const before = await page.evaluate(async () => ({
      json: await window.nnplay.export('json'), network: window.nnplay.network(), loss: window.nnplay.loss(),
      predictions: await Promise.all(window.nnplay.data().train.map(async (_, i) => (await window.nnplay.backprop(i)).prediction)),
    }));
    await open(page, 'dataset=xor&seed=elsewhere');
    await page.evaluate((j) => window.nnplay.import(j), before.json);
    const after = await page.evaluate(async () => ({
      network: window.nnplay.network(), loss: window.nnplay.loss(), epoch: window.nnplay.epoch, link: window.nnplay.link(),
      predictions: await Promise.all(window.nnplay.data().train.map(async (_, i) => (await window.nnplay.backprop(i)).prediction)),
    }));
    assert.deepEqual(after.network, before.network); // deepEqual is Object.is on numbers: every bit
    assert.deepEqual(after.predictions, before.predictions);
    assert.deepEqual(after.loss, before.loss); // the same data: the seed comes with the model
    assert.equal(after.epoch, 0);
    assert.match(after.link, /&w1\.0\.0@0=[-0-9.e]+/);
    assert.doesNotMatch(after.link, /seed=elsewhere/);
    // The link alone reopens it: the weights live in the link.
    await open(page, 'dataset=xor&seed=between');
    await page.evaluate((l) => { location.hash = l.split('#')[1]; }, after.link);
    await page.waitForFunction((l) => window.nnplay.link() === l, after.link);
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), before.network);
  });

  await t.test('bad models are refused with a reason, and nothing changes', async () => {
    await open(page, NETWORKS[0]);
    const good = JSON.parse(await page.evaluate(() => window.nnplay.export('json')));
    const link = await page.evaluate(() => window.nnplay.link());
    const bad = [
      [{ ...good, version: 2 }, /version 2 is not one this page reads/],
      [{ ...good, format: 'other' }, /not an nnplay model/],
      [{ ...good, layers: [2, 4, 2, 1] }, /starts with 2 inputs/],
      [{ ...good, hiddenActivation: 'gelu' }, /unknown hidden activation "gelu"/],
      [{ ...good, output: 'sigmoid' }, /unknown output/],
      [{ ...good, weights: good.weights.slice(1) }, /"weights" must hold 3 layers/],
      [{ ...good, biases: [[1, 2, 3], ...good.biases.slice(1)] }, /"biases" layer 1 must hold 4 numbers/],
      [{ ...good, features: ['y', 'x', 'xSquared'] }, /must be in this order/],
      [{ ...good, features: ['x', 'y', 'cube'] }, /"features" must list/],
      [{ ...good, layers: [3, 40, 2, 1] }, /each a whole number from 1 to 32/],
      [{ ...good, link: 7 }, /"link" must be a text/],
    ];
    for (const [model, why] of bad) {
      await assert.rejects(page.evaluate((m) => window.nnplay.import(m), /** @type {any} */ (model)), why, String(why));
    }
    const text = JSON.stringify(good);
    const strings = [
      [text.replace(/\[\[(-?[0-9])/, '[[1e999, $1'), /"weights" layer 1 node 0 must hold 3 numbers/],
      [text.replace(/\[\[(-?[0-9.e-]+)/, '[[1e999'), /not a finite number/],
      [text.replace(/\[\[(-?[0-9.e-]+)/, '[["0.5"'), /not a finite number/],
      ['{"format": "nnplay-model"', /not JSON/],
      ['x'.repeat(300000), /too large/],
      ['[1, 2]', /not an nnplay model/],
    ];
    for (const [s, why] of strings) await assert.rejects(page.evaluate((m) => window.nnplay.import(m), s), why, String(why));
    assert.equal(await page.evaluate(() => window.nnplay.link()), link);
    await assert.rejects(page.evaluate(() => window.nnplay.export('xml')), /'csv', 'json' or 'python'/);
    await open(page, 'model=perceptron&dataset=gauss&seed=pp');
    await assert.rejects(page.evaluate(() => window.nnplay.export('python')), /perceptron \(model=perceptron\) is not exported/);
    // A lesson's link: the lesson's own settings (here a perceptron) do not override the model's network.
    await page.evaluate((m) => window.nnplay.import(m), { ...good, link: `lesson=perceptron-xor&${good.link}` });
    assert.equal(await page.evaluate(() => window.nnplay.state().model), 'mlp');
    assert.deepEqual(await page.evaluate(() => window.nnplay.network().map((l) => l.map((n) => n.weights))), good.weights);
  });

  await t.test('a softmax model (K classes), hand-built or trained, is imported bit for bit', async () => {
    const model = {
      format: 'nnplay-model', version: 1, link: 'dataset=gauss&seed=k', features: ['x', 'y'], layers: [2, 3, 3],
      hiddenActivation: 'tanh', output: 'softmax',
      weights: [[[0.5, -1], [0.25, 0.75], [-0.5, 2]], [[1, -1, 0.5], [0.3, 0.2, -0.1], [-2, 1, 1]]],
      biases: [[0.1, -0.2, 0.3], [0, 0.5, -0.5]],
    };
    // And one the page trained: exported, then imported back.
    await open(page, 'classes=3&dataset=gauss&networkShape=4&seed=k5&activation=relu');
    await page.evaluate(() => window.nnplay.step(25));
    const trained = await page.evaluate(async () => ({ json: await window.nnplay.export('json'), network: window.nnplay.network(), loss: window.nnplay.loss() }));
    assert.equal(JSON.parse(trained.json).output, 'softmax');
    await open(page, 'dataset=xor&seed=k6');
    const back = await page.evaluate((j) => window.nnplay.import(j).then(() => 'imported', (e) => String(e)), trained.json);
    assert.equal(back, 'imported');
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), trained.network);
    assert.deepEqual(await page.evaluate(() => window.nnplay.loss()), trained.loss);
    assert.equal(await page.evaluate(() => window.nnplay.state().classes), 3);
    const result = await page.evaluate((m) => window.nnplay.import(m).then(() => 'imported', (e) => String(e)), model);
    assert.equal(result, 'imported');
    const net = await page.evaluate(() => window.nnplay.network());
    assert.deepEqual(net.map((layer) => layer.map((n) => n.weights)), model.weights);
    assert.deepEqual(net.map((layer) => layer.map((n) => n.bias)), model.biases);
  });

  await t.test("export('csv') gives the points from the engine's writer: train, then test", async () => {
    const [csv, data] = await page.evaluate(async () => [await window.nnplay.export('csv'), window.nnplay.data()]);
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], 'x,y,label,set');
    assert.equal(lines.length, 1 + data.train.length + data.test.length);
    assert.deepEqual(lines[1].split(',').slice(0, 3).map(Number), data.train[0]);
    assert.equal(lines[1].split(',')[3], 'train');
    assert.equal(lines[lines.length - 1].split(',')[3], 'test');
  });

  await t.test('PNGs of the output view and of the playground: valid, sized, not blank', async () => {
    await open(page, NETWORKS[1]);
    await page.evaluate(() => window.nnplay.step(20));
    for (const view of ['output', 'page']) {
      const info = await page.evaluate(async (v) => {
        const blob = await window.nnplay.png(v);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const bmp = await createImageBitmap(blob);
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (c.getContext('2d'));
        ctx.drawImage(bmp, 0, 0);
        const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
        const colours = new Set();
        let notWhite = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) notWhite++;
          if (colours.size < 1000) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        }
        const main = /** @type {HTMLElement} */ (document.querySelector('main.playground')).getBoundingClientRect();
        return {
          type: blob.type, head: Array.from(bytes.slice(0, 8)), ihdr: String.fromCharCode(...bytes.slice(12, 16)),
          width: new DataView(bytes.buffer).getUint32(16), height: new DataView(bytes.buffer).getUint32(20),
          notWhite: notWhite / (bmp.width * bmp.height), colours: colours.size, main: [main.width, main.height],
          dpr: window.devicePixelRatio,
        };
      }, view);
      assert.equal(info.type, 'image/png');
      assert.deepEqual(info.head, [137, 80, 78, 71, 13, 10, 26, 10]);
      assert.equal(info.ihdr, 'IHDR');
      if (view === 'output') {
        assert.ok(info.width >= 400 && info.width < 1200 && Math.abs(info.width - info.height) <= 1, `${info.width}x${info.height}`);
        assert.ok(info.notWhite > 0.5, `only ${info.notWhite} of the output picture is not white`);
      } else {
        assert.equal(info.width, Math.round(info.main[0] * info.dpr));
        assert.equal(info.height, Math.round(info.main[1] * info.dpr));
        assert.ok(info.notWhite > 0.1, `only ${info.notWhite} of the playground picture is not white`);
      }
      assert.ok(info.colours > 50, `${info.colours} colours in the ${view} picture`);
    }
  });

  await t.test('the class panel downloads the files and imports a chosen model', async () => {
    await open(page, NETWORKS[2]);
    await page.evaluate(() => window.nnplay.step(10));
    await page.click('.class-panel > summary');
    const jsonButton = page.getByRole('button', { name: 'Model (JSON)', exact: true });
    await jsonButton.waitFor();
    for (const [name, file, kind] of [['Model (JSON)', 'nnplay-model.json', 'json'], ['Model (Python)', 'nnplay_model.py', 'python']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
      assert.equal(download.suggestedFilename(), file);
      const saved = readFileSync(/** @type {string} */ (await download.path()), 'utf8');
      assert.equal(saved, await page.evaluate((k) => window.nnplay.export(k), kind));
    }
    for (const [name, file] of [['Output picture (PNG)', 'nnplay-output.png'], ['Playground picture (PNG)', 'nnplay-playground.png']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
      assert.equal(download.suggestedFilename(), file);
      assert.deepEqual([...readFileSync(/** @type {string} */ (await download.path())).subarray(0, 4)], [137, 80, 78, 71]);
    }
    const json = await page.evaluate(() => window.nnplay.export('json'));
    const network = await page.evaluate(() => window.nnplay.network());
    await open(page, 'dataset=circle&seed=other&networkShape=1');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import a model (JSON)…' }).click()]);
    await chooser.setFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await page.getByText('Model imported').waitFor();
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), network);
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import a model (JSON)…' }).click()]);
    await chooser2.setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nnplay-model","version":9}') });
    await page.getByText('Not done: import: model version 9').waitFor();
  });

  assert.deepEqual(errors, []);
});
