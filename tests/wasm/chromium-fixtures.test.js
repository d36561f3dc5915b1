// The promise, in a real browser: in Chromium, the engine gives TFP's losses bit for bit for every
// golden fixture (all 301 rows of `loss_curve`: TFP's own code ran in this Chromium), plus the data
// exactly. The engine is served by python3's http.server on 127.0.0.1 and imported by a blank page;
// the comparison runs inside the page and only mismatches come back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import { chromium } from 'playwright-core';

import { engineDir, loadFixtures } from './support/env.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Serves `dir` on 127.0.0.1 at a free port; resolves to {origin, child} once it answers. */
async function serve(dir) {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`http.server exited (${code}): ${out}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${origin}/engine.js`)).ok) break;
    } catch (err) {
      if (i > 50) throw err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, child };
}

test('in Chromium every fixture gives TFP\'s 301 loss rows and its data bit for bit', async (t) => {
  const fixtures = loadFixtures().map((fx) => ({
    name: fx.name, hash: fx.hash, unseededRandom: fx.unseeded_random ?? 0.5,
    curve: fx.loss_curve, train: fx.train, test: fx.test,
  }));

  const { origin, child } = await serve(engineDir);
  t.after(() => child.kill());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await page.route(`${origin}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto(`${origin}/blank.html`);

  const report = await page.evaluate(async (fixtures) => {
    const { loadEngine } = await import('/engine.js');
    const engine = await loadEngine();
    const num = (v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
    const results = [];
    for (const fx of fixtures) {
      const ex = engine.experiment(fx.hash, { unseededRandom: fx.unseededRandom });
      const mismatches = [];
      const data = ex.data();
      for (const side of ['train', 'test']) {
        fx[side].forEach((want, i) => want.forEach((v, k) => {
          if (!Object.is(data[side][i]?.[k], num(v))) mismatches.push(`${side} point ${i}[${k}]: got ${data[side][i]?.[k]}, want ${v}`);
        }));
      }
      ex.train(fx.curve.length - 1);
      const curve = ex.lossCurveView();
      if (curve.length !== fx.curve.length * 2) mismatches.push(`${curve.length / 2} loss rows, want ${fx.curve.length}`);
      let rows = 0;
      fx.curve.forEach(([train, test], i) => {
        if (Object.is(curve[2 * i], num(train)) && Object.is(curve[2 * i + 1], num(test))) rows++;
        else mismatches.push(`epoch ${i}: got [${curve[2 * i]}, ${curve[2 * i + 1]}], want [${train}, ${test}]`);
      });
      ex.dispose();
      results.push({ name: fx.name, rows, mismatches: mismatches.slice(0, 5), more: Math.max(0, mismatches.length - 5) });
    }
    return { userAgent: navigator.userAgent, results };
  }, fixtures);

  const identical = report.results.filter((r) => r.mismatches.length === 0);
  t.diagnostic(`${report.userAgent}`);
  t.diagnostic(`${identical.length}/${fixtures.length} fixtures bit-identical (data + ${fixtures[0].curve.length} loss rows each)`);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(report.results.filter((r) => r.mismatches.length > 0), []);
  assert.equal(identical.length, fixtures.length);
});
