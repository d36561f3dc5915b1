// Property: whatever a session does — training, live settings through nnplay.set, weights and
// biases by hand, resets — its link opened in a fresh page gives the same epoch, the same
// network bit for bit and the same loss and accuracy curves. Sessions are random but seeded, so
// a failure reproduces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture } from './support.js';
import { screen, addressIsLink } from './screen.js';

/** Values each live setting takes in the sessions, as a link writes them. */
const LIVE = {
  learningRate: ['0.001', '0.01', '0.03', '0.1', '0.3'],
  regularization: ['none', 'L1', 'L2'],
  regularizationRate: ['0', '0.001', '0.01', '0.03'],
  optimizer: ['sgd', 'momentum', 'rmsprop', 'adam'],
  momentum: ['0.5', '0.9'],
  rho: ['0.9', '0.99'],
  beta1: ['0.8', '0.9'],
  beta2: ['0.99', '0.999'],
  epsilon: ['1e-8', '0.001'],
  dropout: ['0', '0.1', '0.3'],
  batchSize: ['1', '5', '10', '30'],
};

/** A small seeded generator (mulberry32): the same seed, the same session. @param {number} seed */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (/** @type {number} */ n) => Math.floor(next() * n), pick: (/** @type {any[]} */ xs) => xs[Math.floor(next() * xs.length)] };
}

/**
 * One random session on the page: `ops` operations. Returns what it did, for the message.
 * @param {import('playwright-core').Page} page @param {ReturnType<typeof random>} r @param {number} ops
 */
async function session(page, r, ops) {
  /** @type {string[]} */
  const did = [];
  for (let k = 0; k < ops; k++) {
    const u = r.next();
    if (u < 0.35) {
      const n = 1 + r.int(25);
      await page.evaluate((n) => window.nnplay.step(n), n);
      did.push(`step(${n})`);
    } else if (u < 0.65) {
      const name = r.pick(Object.keys(LIVE));
      const value = r.pick(LIVE[/** @type {keyof typeof LIVE} */ (name)]);
      await page.evaluate(([name, value]) => window.nnplay.set(name, value), [name, value]);
      did.push(`set(${name}, ${value})`);
    } else if (u < 0.95) {
      const sizes = await page.evaluate(() => window.nnplay.network().map((l) => [l.length, l[0].weights.length]));
      const layer = 1 + r.int(sizes.length);
      const [nodes, inputs] = sizes[layer - 1];
      const value = r.next() * 4 - 2;
      if (u < 0.8) {
        const from = r.int(inputs);
        const to = r.int(nodes);
        await page.evaluate(([l, f, t, v]) => window.nnplay.setWeight(l, f, t, v), [layer, from, to, value]);
        assert.equal(await page.evaluate(([l, f, t]) => window.nnplay.network()[l - 1][t].weights[f], [layer, from, to]), value);
        did.push(`setWeight(${layer}, ${from}, ${to}, ${value})`);
      } else {
        const node = r.int(nodes);
        await page.evaluate(([l, n, v]) => window.nnplay.setBias(l, n, v), [layer, node, value]);
        assert.equal(await page.evaluate(([l, n]) => window.nnplay.network()[l - 1][n].bias, [layer, node]), value);
        did.push(`setBias(${layer}, ${node}, ${value})`);
      }
    } else {
      await page.evaluate(() => window.nnplay.reset());
      did.push('reset()');
    }
  }
  return did;
}

test('random sessions reopen from their link bit for bit', async (t) => {
  const { server, browser } = await setup(t);
  const cases = [['dev01', 1], ['dev02', 2], ['dev06', 3], ['dev12', 4], ['dev14', 5], ['dev01', 6]];
  for (const [name, seed] of cases) {
    await t.test(`${name}, seed ${seed}`, async () => {
      const fx = fixture(String(name));
      const { page, context, errors } = await openPage(browser, server.url, fx.hash);
      try {
        const did = await session(page, random(Number(seed)), 14);
        const link = await page.evaluate(() => window.nnplay.link());
        await addressIsLink(page);
        const want = await screen(page);
        const fresh = await openPage(browser, server.url, new URL(link).hash.slice(1));
        try {
          const got = await screen(fresh.page);
          const why = `${did.join('; ')}\n${link}`;
          assert.equal(got.epoch, want.epoch, why);
          assert.deepEqual(got.network, want.network, why);
          assert.deepEqual(got.loss, want.loss, why);
          assert.deepEqual(got.accuracy, want.accuracy, why);
          assert.deepEqual(got.state, want.state, why);
          assert.equal(await fresh.page.evaluate(() => window.nnplay.link()), link);
          assert.deepEqual(await fresh.page.evaluate(() => window.nnplay.notices()), []);
          assert.deepEqual(fresh.errors, []);
        } finally {
          await fresh.context.close();
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
