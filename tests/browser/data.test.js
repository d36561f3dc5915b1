// Your own data: points drawn with real touch input (CDP touch events through
// page.touchscreen) on the output view, undo, the link reopened in a fresh page and by the CLI
// with the same points and curves bit for bit, files imported (bad rows dropped and named, a
// binary file refused, 100,000 rows cut to 10,000 in a worker), the CSV export, setData and a
// damaged data= parameter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, hashParams, screenshot, ROOT } from './support.js';

const BASE = 'seed=0.25&networkShape=3&batchSize=2&learningRate=0.1';
const CLI = path.join(ROOT, 'build/native/nnplay');

/** Taps the output view at plane coordinates (x, y). @param {import('playwright-core').Page} page */
async function tapPlane(page, x, y) {
  await page.locator('.heatmap-frame').scrollIntoViewIfNeeded();
  const box = await page.locator('.heatmap-frame').boundingBox();
  if (!box) throw new Error('no output view');
  await page.touchscreen.tap(box.x + ((x + 6) / 12) * box.width, box.y + ((6 - y) / 12) * box.height);
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function tapButton(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  if (!box) throw new Error(`no button ${name}`);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/** The page's points once it shows `count` of them. @param {import('playwright-core').Page} page */
async function pointsWhen(page, /** @type {number} */ count) {
  await page.waitForFunction((n) => { const d = window.nnplay.data(); return d.train.length + d.test.length === n; }, count);
  return page.evaluate(() => window.nnplay.data());
}

test('points drawn by touch train the same in a fresh page and in the CLI', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, BASE, { touch: true, width: 412, height: 915 });
  t.after(() => context.close());
  await tapButton(page, 'Edit data');
  await page.waitForSelector('.data-editor');
  await tapButton(page, 'Clear');
  await pointsWhen(page, 0);
  const drawn = [[-3, 2, 1], [-2, 3.5, 1], [-4, 4, 1], [3, -2, -1], [2.5, -3.5, -1], [4, -4, -1]];
  for (const [x, y, label] of drawn) {
    await tapButton(page, label > 0 ? 'Blue (+1)' : 'Orange (−1)');
    const before = await page.evaluate(() => { const d = window.nnplay.data(); return d.train.length + d.test.length; });
    await tapPlane(page, x, y);
    await pointsWhen(page, before + 1);
  }
  const data = await pointsWhen(page, 6);
  const all = [...data.train, ...data.test];
  for (const [x, y, label] of drawn) {
    const p = all.find((q) => Math.abs(q[0] - x) < 0.1 && Math.abs(q[1] - y) < 0.1);
    assert.ok(p, `a point near (${x}, ${y})`);
    assert.equal(p[2], label);
    assert.equal(p[0] * 256, Math.round(p[0] * 256), 'on the 1/256 grid');
  }
  await screenshot(page, 'data-drawn-touch');

  await t.test('undo takes back the last tap, erase removes points', async () => {
    await tapButton(page, 'Undo');
    await pointsWhen(page, 5);
    await tapButton(page, 'Erase');
    await tapPlane(page, -3, 2);
    await pointsWhen(page, 4);
    await tapButton(page, 'Undo');
    await pointsWhen(page, 5); // the erased point is back
    await tapButton(page, 'Undo');
    await pointsWhen(page, 4); // and the tap before the first undo is undone
    await tapButton(page, 'Add');
    for (const [x, y] of [[4, -4], [2.5, -3.5]]) await tapPlane(page, x, y);
    await pointsWhen(page, 6);
  });

  await t.test('the link reopens the same points and curves, in a page and in the CLI', async () => {
    await page.evaluate(() => window.nnplay.step(25));
    const link = await page.evaluate(() => window.nnplay.link());
    const hash = link.split('#')[1];
    assert.ok((hashParams(link).get('data') || '').startsWith('b'), 'data= in the link');
    const first = await page.evaluate(() => ({ data: window.nnplay.data(), curve: window.nnplay.lossCurve() }));
    const fresh = await openPage(browser, server.url, hash);
    t.after(() => fresh.context.close());
    await fresh.page.waitForFunction(() => window.nnplay.epoch === 25);
    const again = await fresh.page.evaluate(() => ({ data: window.nnplay.data(), curve: window.nnplay.lossCurve() }));
    assert.deepEqual(again, first);
    if (existsSync(CLI)) {
      const out = JSON.parse(execFileSync(CLI, ['run', '--hash', hash]).toString());
      assert.deepEqual({ train: out.train, test: out.test }, first.data);
      assert.deepEqual(out.loss_curve.map((/** @type {number[]} */ r) => r.map(Number)), first.curve);
    }
  });
  assert.deepEqual(errors, []);
});

test('files, export, setData and a damaged link give notices and never lose the points', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, BASE);
  t.after(() => context.close());
  await page.getByRole('button', { name: 'Edit data', exact: true }).click();
  const status = page.locator('.data-editor-status');

  await t.test('a CSV with bad rows: the good ones are imported and the first bad one named', async () => {
    await page.setInputFiles('input.data-file', { name: 'bad.csv', mimeType: 'text/csv',
      buffer: Buffer.from('x;y;label\n1,5;2;1\n3;abc;0\n-1;-2;0\n4;4\n2;2;1;1\nNaN;1;1\n9;0;1\n') });
    await page.waitForFunction(() => /imported from bad\.csv/.test(document.querySelector('.data-editor-status')?.textContent || ''));
    assert.match(await status.textContent() || '', /2 points imported from bad\.csv; 5 rows dropped \(first: line 3, column 2: text where a number belongs\)/);
    const d = await pointsWhen(page, 2);
    assert.deepEqual([...d.train, ...d.test].sort(), [[-1, -2, -1], [1.5, 2, 1]]);
  });

  await t.test('a binary file and a file of no points change nothing', async () => {
    const before = await page.evaluate(() => window.nnplay.link());
    await page.setInputFiles('input.data-file', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff]) });
    await page.waitForFunction(() => /Nothing imported from photo\.png/.test(document.querySelector('.data-editor-status')?.textContent || ''));
    assert.match(await status.textContent() || '', /not a text file/);
    assert.equal(await page.evaluate(() => window.nnplay.link()), before);
  });

  await t.test('100,000 rows: the first 10,000 points, read off the page\'s thread', async () => {
    const rows = ['x,y,label'];
    for (let i = 0; i < 100000; i++) rows.push(`${((i % 997) / 100 - 4.9).toFixed(3)},${((i % 89) / 10 - 4.4).toFixed(2)},${i % 2}`);
    await page.setInputFiles('input.data-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.waitForFunction(() => /imported from big\.csv/.test(document.querySelector('.data-editor-status')?.textContent || ''), null, { timeout: 60000 });
    assert.match(await status.textContent() || '', /10000 points imported from big\.csv; 90000 rows dropped \(first: line 10002: beyond 10000 points\)/);
    await pointsWhen(page, 10000);
    const length = (await page.evaluate(() => window.nnplay.link())).length;
    assert.ok(length > 8000);
    assert.match(await status.textContent() || '', /imported/);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await pointsWhen(page, 2);
  });

  await t.test('Export CSV gives the training and test points', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += chunk;
    const d = await page.evaluate(() => window.nnplay.data());
    assert.equal(text, ['x,y,label,set', ...d.train.map((p) => `${p.join(',')},train`), ...d.test.map((p) => `${p.join(',')},test`)].join('\n') + '\n');
  });

  await t.test('setData takes points, refuses what is not points, and keeps the old ones then', async () => {
    const r = await page.evaluate(() => window.nnplay.setData([[1, 1, 0.5], [-2, 0.001, -0.25], [0, 0, 7], [1, 2]]));
    assert.deepEqual(r, { points: 2, dropped: 2, why: 'point 3: a label outside -1..1 (regression values)', linkLength: r.linkLength });
    const d = await pointsWhen(page, 2);
    assert.deepEqual([...d.train, ...d.test].sort(), [[-2, 0, -0.25], [1, 1, 0.5]]);
    assert.equal((await page.evaluate(() => window.nnplay.state())).problem, 'regression');
    const before = await page.evaluate(() => window.nnplay.link());
    await assert.rejects(page.evaluate(() => window.nnplay.setData([[9, 9, 1]])), /point 1: not a point of the plane/);
    await assert.rejects(page.evaluate(() => window.nnplay.setData(/** @type {any} */ ('x'))), /points must be an array/);
    assert.equal(await page.evaluate(() => window.nnplay.link()), before);
  });

  await t.test('a damaged data= parameter is a notice, and the dataset is shown', async () => {
    await page.evaluate(() => { location.hash = 'seed=0.25&data=bAAA!'; });
    await page.waitForFunction(() => window.nnplay.notices().some((n) => n.param === 'data'));
    const notice = (await page.evaluate(() => window.nnplay.notices())).find((n) => n.param === 'data');
    assert.match(notice?.reason || '', /the dataset's own points are used/);
    assert.equal((await page.evaluate(() => window.nnplay.data())).train.length, 250);
    assert.match(await page.locator('#notices').textContent() || '', /data/);
    const fr = await openPage(browser, server.url, 'lang=fr&seed=0.25&data=bAAA');
    t.after(() => fr.context.close());
    assert.match(await fr.page.locator('#notices').textContent() || '',
      /une longueur qui ne correspond à aucun nombre de points ; les points du jeu de données sont utilisés/);
  });
  assert.deepEqual(errors, []);
});
