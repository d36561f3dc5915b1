// Lessons: every `#lesson=<id>` link opens its experiment without errors and shows its goal; the
// menu links to each lesson; leaving a lesson keeps the experiment; a bad id is a notice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, hashParams } from './support.js';

test('every lesson link opens without console errors and shows its goal', async (t) => {
  const { server, browser } = await setup(t);
  const first = await openPage(browser, server.url, '');
  const lessons = await first.page.evaluate(() => window.nnplay.lessons());
  await first.context.close();
  assert.ok(lessons.length >= 9, 'the course has its lessons');

  for (const [i, lesson] of lessons.entries()) {
    await t.test(lesson.id, async () => {
      const { page, context, errors, foreign } = await openPage(browser, server.url, `lesson=${lesson.id}`);
      try {
        assert.equal(await page.isVisible('.lesson-banner'), true);
        assert.equal(await page.textContent('.lesson-title'), `Lesson ${i + 1}: ${lesson.title}`);
        assert.equal(await page.textContent('.lesson-goal'), `Goal: ${lesson.goal}`);
        assert.equal(await page.textContent('.lesson-try'), `Try: ${lesson.try}`);
        const next = lessons[i + 1];
        assert.equal(await page.isVisible('.lesson-next'), Boolean(next), 'a next link but on the last lesson');
        if (next) {
          assert.equal(await page.getAttribute('.lesson-next', 'href'), `#lesson=${next.id}`);
          assert.equal(await page.textContent('.lesson-next'), `Next lesson: ${next.title} →`);
        }
        assert.equal(await page.isVisible('.notices'), false, 'a lesson link has nothing to complain about');
        const state = await page.evaluate(() => window.nnplay.state());
        assert.equal(state.lesson, lesson.id);
        // The lesson's own parameters are what the page shows.
        for (const piece of lesson.hash.split('&')) {
          const [name, value] = piece.split('=');
          assert.equal(hashParams(page.url()).get(name), value, `${lesson.id}: ${name}`);
        }
        assert.equal(hashParams(page.url()).get('lesson'), lesson.id);
        await page.evaluate(() => window.nnplay.step(5));
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign, []);
      } finally {
        await context.close();
      }
    });
  }
});

test('every lesson opens without a notice in simplified and complete modes, in English and French, and its next link opens the next', async (t) => {
  const { server, browser } = await setup(t);
  const first = await openPage(browser, server.url, '');
  const lessons = await first.page.evaluate(() => window.nnplay.lessons());
  await first.context.close();
  for (const [i, lesson] of lessons.entries()) {
    for (const extra of ['mode=simplified', 'mode=complete', 'lang=fr&mode=simplified', 'lang=fr&mode=complete']) {
      await t.test(`${lesson.id} ${extra}`, async () => {
        const { page, context, errors, foreign } = await openPage(browser, server.url, `lesson=${lesson.id}&${extra}`);
        try {
          assert.equal(await page.isVisible('.notices'), false, await page.evaluate(() => document.querySelector('.notices')?.textContent ?? ''));
          assert.equal(await page.isVisible('.lesson-banner'), true);
          const fr = extra.startsWith('lang=fr');
          assert.match(await page.textContent('.lesson-title') ?? '', new RegExp(`^${fr ? 'Leçon' : 'Lesson'} ${i + 1}`));
          assert.match(await page.textContent('.lesson-try') ?? '', fr ? /^À essayer : \S/ : /^Try: \S/);
          if (fr) assert.doesNotMatch(await page.textContent('.lesson-banner') ?? '', /\b(Press|Set|the) /, 'no English left');
          assert.equal((await page.evaluate(() => window.nnplay.state())).mode, extra.endsWith('simplified') ? 'simplified' : 'complete');
          await page.evaluate(() => window.nnplay.step(3));
          if (i + 1 < lessons.length && extra === 'mode=complete') {
            await page.click('.lesson-next');
            await page.waitForFunction((id) => window.nnplay.state().lesson === id, lessons[i + 1].id);
            assert.equal(await page.isVisible('.notices'), false);
          }
          assert.deepEqual(errors, []);
          assert.deepEqual(foreign, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});

test('the lessons menu opens a lesson, and leaving it keeps the experiment', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, '');
  t.after(() => context.close());
  assert.equal(await page.isVisible('.lesson-banner'), false, 'no lesson, no goal');
  await page.click('.lessons-menu summary');
  await page.waitForSelector('.lessons-list .lesson-link'); // the menu fills once the words are in
  const links = await page.$$eval('.lesson-link', (as) => as.map((a) => /** @type {HTMLAnchorElement} */ (a).getAttribute('href')));
  const ids = (await page.evaluate(() => window.nnplay.lessons())).map((/** @type {any} */ l) => `#lesson=${l.id}`);
  assert.deepEqual(links, ids, 'each lesson is a plain link');

  await page.click('.lesson-link[data-lesson="perceptron-xor"]');
  await page.waitForFunction(() => window.nnplay.state().lesson === 'perceptron-xor');
  assert.equal(await page.isVisible('.lessons-list'), false, 'the menu closes');
  assert.match(await page.textContent('.lesson-goal') ?? '', /single perceptron cannot separate XOR/);
  assert.equal(await page.getAttribute('.lesson-link[data-lesson="perceptron-xor"]', 'aria-current'), 'page');
  const state = await page.evaluate(() => window.nnplay.state());
  assert.equal(state.model, 'perceptron');
  assert.equal(state.dataset, 'xor');

  await page.click('.lesson-leave');
  await page.waitForFunction(() => window.nnplay.state().lesson === null);
  assert.equal(await page.isVisible('.lesson-banner'), false);
  assert.equal(hashParams(page.url()).has('lesson'), false);
  const after = await page.evaluate(() => window.nnplay.state());
  for (const k of ['model', 'mode', 'dataset', 'seed', 'learningRate', 'noise']) assert.deepEqual(after[k], state[k], k);
  assert.deepEqual(errors, []);
});

test('an unknown lesson is a notice, and the rest of the link is used', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, 'lesson=no-such-lesson&dataset=xor');
  t.after(() => context.close());
  assert.equal(await page.isVisible('.lesson-banner'), false);
  assert.match(await page.textContent('.notices') ?? '', /lesson=no-such-lesson: no such lesson/);
  assert.equal((await page.evaluate(() => window.nnplay.state())).dataset, 'xor');
  assert.deepEqual(errors, []);
});
