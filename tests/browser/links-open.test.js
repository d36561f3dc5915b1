// Opening a link: its epoch is trained to with progress while the page stays responsive; every
// bad entry gets its notice and the rest applies; reset goes back to epoch 0 with the settings
// now shown; the address bar follows while playing; bad arguments to window.nnplay change
// nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, fixture, hashParams } from './support.js';
import { screen, addressIsLink } from './screen.js';

test('a link at epoch 3000 of dev04 shows progress, stays responsive and ends at epoch 3000', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev04');
  const { page, context, errors } = await openPage(browser, server.url, `${fx.hash}&epoch=3000`, { wait: false });
  t.after(() => context.close());
  await page.waitForSelector('.catch-up', { timeout: 20000 });
  assert.match(await page.textContent('.catch-up') ?? '', /^Training to epoch 3,000… \d+ %$/);
  // Responsive: frames keep coming while it trains, most of them within a tenth of a second
  // (a chunk per frame; a machine busy with other work stretches a few).
  const gaps = await page.evaluate(() => new Promise((resolve) => {
    /** @type {number[]} */
    const times = [];
    const tick = (/** @type {number} */ now) => {
      times.push(now);
      if (times.length < 21) requestAnimationFrame(tick);
      else resolve(times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b));
    };
    requestAnimationFrame(tick);
  }));
  assert.ok(gaps[10] < 100, `frame gaps ${gaps}`);
  const mid = await page.evaluate(() => window.nnplay.epoch);
  assert.ok(mid > 0 && mid < 3000, `epoch ${mid} while training`);
  assert.equal(hashParams(page.url()).get('epoch'), '3000', 'the address bar keeps the link meanwhile');
  await page.evaluate(() => window.nnplay.ready);
  assert.equal(await page.evaluate(() => window.nnplay.epoch), 3000);
  assert.equal(await page.isVisible('.catch-up'), false);
  assert.equal(await page.textContent('.epoch .value'), '003,000');
  assert.equal((await page.evaluate(() => window.nnplay.lossCurve())).length, 3001);
  assert.deepEqual((await page.evaluate(() => window.nnplay.lossCurve())).slice(0, 301), fx.loss_curve);
  await addressIsLink(page);
  assert.equal(hashParams(page.url()).get('epoch'), '3000');
  assert.deepEqual(errors, []);
});

test('bad entries of a link: each its notice, the rest applies, the page trains', async (t) => {
  const { server, browser } = await setup(t);
  const base = 'dataset=xor&seed=0.5&networkShape=3';
  const good = 'learningRate@3=0.3';
  /** [what, link's tail, the notice's param] */
  const cases = [
    ['an unknown name', `epoch=10&foo@2=1&${good}`, 'foo@2'],
    ['a parameter that is not live', `epoch=10&activation@2=relu&${good}`, 'activation@2'],
    ['an epoch out of order', `epoch=10&${good}&learningRate@1=0.1`, 'learningRate@1'],
    ['an epoch beyond the link\'s', `epoch=10&${good}&learningRate@20=0.1`, 'learningRate@20'],
    ['an epoch that is not a number', `epoch=10&learningRate@two=0.1&${good}`, 'learningRate@two'],
    ['a value that is not a number', `epoch=10&w1.0.0@2=abc&${good}`, 'w1.0.0@2'],
    ['a weight that does not exist', `epoch=10&w1.0.9@2=0.5&${good}`, 'w1.0.9@2'],
    ['a bias that does not exist', `epoch=10&b5.0@2=0.5&${good}`, 'b5.0@2'],
    ['10,000 entries', `epoch=10&${good}${'&regularizationRate@4=0.001'.repeat(10000)}`, '@'],
  ];
  for (const [what, tail, param] of cases) {
    await t.test(what, async () => {
      const { page, context, errors } = await openPage(browser, server.url, `${base}&${tail}`);
      try {
        const notices = await page.evaluate(() => window.nnplay.notices());
        assert.ok(notices.some((n) => n.param === param), JSON.stringify(notices));
        assert.ok(notices.length <= 2, JSON.stringify(notices));
        assert.equal(await page.isVisible('.notices'), true);
        assert.match(await page.textContent('.notices') ?? '', new RegExp(param.replace(/[.@]/g, '\\$&')));
        assert.equal(await page.evaluate(() => window.nnplay.epoch), 10);
        assert.equal(await page.evaluate(() => window.nnplay.state().learningRate), 0.3, 'the good entry applied');
        await page.evaluate(() => window.nnplay.step(5));
        assert.equal(await page.evaluate(() => window.nnplay.epoch), 15);
        assert.ok(Number.isFinite(await page.evaluate(() => window.nnplay.loss().train)));
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  await t.test('an epoch over 1,000,000: the engine\'s notice, and a step stops the training to it', async () => {
    const { page, context, errors } = await openPage(browser, server.url, `${base}&epoch=2000000`, { wait: false });
    try {
      await page.waitForFunction(() => { try { return window.nnplay.notices().length > 0; } catch { return false; } });
      const notices = await page.evaluate(() => window.nnplay.notices());
      assert.deepEqual(notices.map((n) => n.param), ['epoch']);
      assert.match(notices[0].reason, /1000000/);
      assert.equal(await page.isVisible('.notices'), true);
      await page.waitForFunction(() => window.nnplay.epoch > 0);
      await page.evaluate(() => window.nnplay.pause());
      await page.evaluate(() => window.nnplay.step(1));
      await page.evaluate(() => window.nnplay.ready);
      const e = await page.evaluate(() => window.nnplay.epoch);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.nnplay.epoch), e, 'no more training to the link');
      await addressIsLink(page);
      assert.equal(hashParams(page.url()).get('epoch'), String(e));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

test('the address bar, reset and bad arguments', async (t) => {
  const { server, browser } = await setup(t);
  const fx = fixture('dev02');
  const { page, context, errors } = await openPage(browser, server.url, fx.hash);
  t.after(() => context.close());

  await t.test('paused, the address bar is link(): after steps, a change and hand edits', async () => {
    await page.evaluate(() => window.nnplay.step(40));
    await addressIsLink(page);
    assert.equal(hashParams(page.url()).get('epoch'), '40');
    await page.evaluate(() => window.nnplay.set('optimizer', 'adam'));
    await page.evaluate(() => { window.nnplay.setWeight(1, 0, 2, 0.5); window.nnplay.setBias(2, 0, -0.25); });
    await addressIsLink(page);
    const params = hashParams(page.url());
    assert.equal(params.get('optimizer@40'), 'adam');
    assert.equal(params.get('w1.0.2@40'), '0.5');
    assert.equal(params.get('b2.0@40'), '-0.25');
    assert.equal(await page.evaluate(() => window.nnplay.network()[0][2].weights[0]), 0.5);
    assert.equal(await page.evaluate(() => window.nnplay.network()[1][0].bias), -0.25);
  });

  await t.test('playing, it follows about once a second', async () => {
    await page.evaluate(() => {
      /** @type {any} */ (window).seen = [];
      /** @type {any} */ (window).watch = setInterval(() => {
        const seen = /** @type {any} */ (window).seen;
        if (seen.at(-1) !== location.hash) seen.push(location.hash);
      }, 5);
      window.nnplay.play();
    });
    await page.waitForTimeout(3200);
    const seen = await page.evaluate(() => { window.nnplay.pause(); clearInterval(/** @type {any} */ (window).watch); return /** @type {any} */ (window).seen; });
    assert.ok(seen.length >= 3 && seen.length <= 5, `${seen.length} addresses in 3.2 s`);
    const epochs = seen.map((/** @type {string} */ h) => Number(hashParams(`http://x/${h}`).get('epoch')));
    for (let i = 1; i < epochs.length; i++) assert.ok(epochs[i] > epochs[i - 1], `${epochs}`);
    await addressIsLink(page);
  });

  await t.test('bad arguments throw and change nothing', async () => {
    const before = await screen(page);
    const link = await page.evaluate(() => window.nnplay.link());
    /** @type {[string, RegExp][]} */
    const calls = [
      ['window.nnplay.set("noSuchThing", "1")', /no parameter "noSuchThing"/],
      ['window.nnplay.set("learningRate", "fast")', /learningRate=fast/],
      ['window.nnplay.set("batchSize", "0")', /batchSize=0/],
      ['window.nnplay.set("activation", "nope")', /activation=nope/],
      ['window.nnplay.set("learningRate")', /value/],
      ['window.nnplay.setWeight(0, 0, 0, 1)', /layer/],
      ['window.nnplay.setWeight(1, 99, 0, 1)', /from/],
      ['window.nnplay.setWeight(1, 0, 0, NaN)', /value/],
      ['window.nnplay.setBias(9, 0, 1)', /layer/],
      ['window.nnplay.setBias(1, 0, Infinity)', /value/],
    ];
    for (const [call, message] of calls) {
      await assert.rejects(page.evaluate(`(async () => ${call})()`), message, call);
    }
    assert.deepEqual(await screen(page), before);
    assert.equal(await page.evaluate(() => window.nnplay.link()), link);
  });

  await t.test('reset: epoch 0 with the settings now shown, and the link says so', async () => {
    await page.evaluate(() => window.nnplay.set('learningRate', '0.3'));
    await page.evaluate(() => window.nnplay.reset());
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
    assert.deepEqual(await page.evaluate(() => window.nnplay.network()), fx.network, 'the same initial weights');
    await addressIsLink(page);
    const params = hashParams(page.url());
    assert.equal(params.get('learningRate'), '0.3');
    assert.equal(params.get('optimizer'), 'adam');
    assert.equal(params.get('epoch'), undefined);
    assert.deepEqual([...params.keys()].filter((k) => k.includes('@')), []);
    assert.equal(await page.inputValue('select[name="learningRate"]'), '0.3');
    assert.deepEqual(errors, []);
  });

  await t.test('a change that is not live starts a new experiment from the settings now shown', async () => {
    await page.evaluate(() => window.nnplay.step(10));
    await page.evaluate(() => window.nnplay.set('regularizationRate', '0.01'));
    await page.evaluate(() => window.nnplay.set('activation', 'tanh'));
    assert.equal(await page.evaluate(() => window.nnplay.epoch), 0);
    const st = await page.evaluate(() => window.nnplay.state());
    assert.equal(st.activation, 'tanh');
    assert.equal(st.regularizationRate, 0.01);
    assert.equal(st.learningRate, 0.3);
    await addressIsLink(page);
    assert.equal(hashParams(page.url()).get('regularizationRate'), '0.01');
    assert.deepEqual(errors, []);
  });
});
