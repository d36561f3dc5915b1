// The page's languages: `lang=fr` or a French browser words the whole page in French (controls,
// explanatory text, lessons, notices, the perceptron's verdict, <html lang>); `lang=en` overrides
// the browser; an unknown language is a notice and English; the tables have the same keys.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, ROOT } from './support.js';

const strings = async (/** @type {string} */ name) => (await import(pathToFileURL(path.join(ROOT, 'web/strings', name)).href));
/** English: the first load's words and the panels' (strings/en-panels.js), which share no key. */
const enFirst = (await strings('en.js')).default;
const enPanels = (await strings('en-panels.js')).default;
const en = { ...enFirst, ...enPanels };
const fr = (await strings('fr.js')).default;
const words = await strings('engine-words.js');

/** English the French page must not show (visible text nodes and the title). */
const ENGLISH = ['Epoch', 'Learning rate', 'Regularization rate', 'Problem type', 'Which dataset do you want to use?',
  'Ratio of training to test data', 'Regenerate', 'Features', 'hidden layers', 'Test loss', 'Training loss',
  'Show test data', 'Discretize output', 'What am I looking at?', 'The controls', 'Each dot is an example',
  'The course, step by step', 'The address bar always holds', 'Lessons', 'Use it in class', 'Simplified', 'Complete',
  'Backpropagation, step by step', 'Step through one sample', 'Optimizer', 'Initialization', 'Speed', 'Show accuracy',
  'Some settings in this link were not used', 'not a number', 'using'];

/**
 * Opens the page in a browser of `locale` at `#hash`, waiting for nnplay.ready.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {string} hash @param {string} locale
 */
async function open(browser, url, hash, locale) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${url}#${hash}`);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  return { page, context, errors };
}

/** Every visible text node of the page, and its title. @param {import('playwright-core').Page} page */
function visibleText(page) {
  return page.evaluate(() => {
    const out = [document.title];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const parent = /** @type {HTMLElement} */ (n.parentElement);
      if (n.textContent?.trim() && parent.getClientRects().length > 0 && parent.closest('[hidden]') === null) out.push(n.textContent.trim());
    }
    return out;
  });
}

test('the English words of the panels are apart from the first load\'s, with no key in both', () => {
  assert.deepEqual(Object.keys(enPanels).filter((k) => k in enFirst), []);
  assert.ok(Object.keys(enPanels).length > 0);
});

test('the French table has every key of the English one and of index.html, and only those', () => {
  const html = readFileSync(path.join(ROOT, 'web/index.html'), 'utf8');
  const htmlKeys = [...html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)].map((m) => m[1]);
  const engineKeys = [...Object.keys(words.PROBLEMS), ...Object.keys(words.OUTCOMES),
    ...['undecided', 'converged', 'not-separable'].map((v) => `verdict.${v}`)];
  const lessonIds = [...readFileSync(path.join(ROOT, 'core/lessons.c'), 'utf8').matchAll(/^ {4}\{"([a-z0-9-]+)",/gm)].map((m) => m[1]);
  assert.ok(lessonIds.length >= 9, 'the lesson ids are read from core/lessons.c');
  const lessonKeys = lessonIds.flatMap((id) => [`lesson.${id}.title`, `lesson.${id}.goal`, `lesson.${id}.try`]);
  const expected = new Set([...Object.keys(en), ...htmlKeys, ...engineKeys, ...lessonKeys]);
  assert.deepEqual(Object.keys(fr).filter((k) => !expected.has(k)), [], 'French keys nothing uses');
  assert.deepEqual([...expected].filter((k) => !(k in fr)), [], 'keys French does not translate');
  for (const [key, text] of Object.entries(fr)) {
    const holes = (/** @type {string} */ s) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort().join();
    const source = en[key] ?? words.PROBLEMS[key] ?? words.OUTCOMES[key];
    if (source !== undefined) assert.equal(holes(text), holes(source), `${key}: the same {n} as in English`);
  }
});

test('lang=fr words the controls, the text, a lesson, a bad link\'s notice and the perceptron\'s verdict in French', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await open(browser, server.url, 'lang=fr&lesson=perceptron-xor&learningRate=abc', 'en-US');
  t.after(() => context.close());
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('.controls .epoch .label'), 'Époque');
  assert.equal(await page.textContent('.data-panel .col-title'), 'Données');
  assert.equal(await page.textContent('.explain h2'), 'Qu’est-ce que je vois ?');
  assert.match(await page.textContent('.explain p') ?? '', /^Chaque point est un exemple\. Un point bleu/);
  assert.equal(await page.textContent('.explain p strong'), 'bleu', 'the marked words are elements');
  assert.equal(await page.textContent('.lesson-title'), 'Leçon 3 : Le perceptron échoue sur le XOR');
  assert.match(await page.textContent('.lesson-goal') ?? '', /^Objectif : Voyez pourquoi un perceptron seul/);
  const notices = await page.locator('.notices li').allTextContents();
  assert.deepEqual(notices, ['learningRate=abc: pas un nombre ; valeur utilisée : 0.03']);
  assert.equal(await page.textContent('.notices-head strong'), 'Certains réglages de ce lien n’ont pas été utilisés :');
  await page.evaluate(() => window.nnplay.step(60));
  await page.waitForFunction(() => document.querySelector('.verdict-text')?.textContent?.startsWith('Un perceptron seul'));
  assert.equal(await page.isVisible('.switch-mlp'), true);
  assert.equal(await page.textContent('.switch-mlp'), 'Passer à un petit PMC (une couche cachée, 4 neurones tanh)');
  assert.equal((await page.evaluate(() => window.nnplay.state())).lang, 'fr', 'the link keeps lang');

  // Complete mode, an MLP: every control is shown, and none of it is English.
  await page.evaluate(() => { location.hash = 'lang=fr&mode=complete&networkShape=3,2&noise=x&showAccuracy_hide=false'; });
  await page.waitForFunction(() => document.querySelector('.notices li')?.textContent?.startsWith('noise=x'));
  const text = (await visibleText(page)).join('\n');
  for (const english of ENGLISH) assert.ok(!text.includes(english), `"${english}" is still English in:\n${text}`);
  assert.match(text, /2 couches cachées/);
  assert.deepEqual(errors, []);
});

test('lang=fr words every common reason the engine gives for a bad link', async (t) => {
  const { server, browser } = await setup(t);
  const bad = ['learningRate=abc', 'noise=Infinity', 'regularizationRate=-1', 'percTrainData=500', 'batchSize=0.5',
    'activation=foo', 'networkShape', 'seed=' + 's'.repeat(300), 'tutorial=a/b', 'lesson=nope', 'momentum=1',
    'epsilon=0', 'speed=3', 'problem=regression', 'model=perceptron', 'loss=crossentropy', 'dataset=', 'init=he',
    'initZero=true', 'seed=a=b'];
  const { page, context, errors } = await open(browser, server.url, ['lang=fr', ...bad].join('&'), 'en-US');
  t.after(() => context.close());
  await page.waitForSelector('.notices li'); // the banner is imported when a link first has notices
  const reasons = (await page.locator('.notices li').allTextContents()).map((r) => r.slice(r.indexOf(': ') + 2));
  const engine = await page.evaluate(() => window.nnplay.notices().length);
  assert.equal(reasons.length, engine, 'every notice of the engine is shown');
  assert.ok(reasons.length >= 16, reasons.join('\n'));
  for (const reason of reasons) {
    assert.doesNotMatch(reason, /\b(not|using|must|ignored|no such|longer|value|number|written|characters|asks|needs)\b/, reason);
  }
  assert.deepEqual(errors, []);
});

test('a French browser with no lang gets French; lang=en overrides it; lang=xx is a notice and English', async (t) => {
  const { server, browser } = await setup(t);
  const french = await open(browser, server.url, '', 'fr-FR');
  t.after(() => french.context.close());
  assert.equal(await french.page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await french.page.textContent('.controls .epoch .label'), 'Époque');
  assert.equal(await french.page.isVisible('.notices'), false);

  const english = await open(browser, server.url, 'lang=en', 'fr-FR');
  t.after(() => english.context.close());
  assert.equal(await english.page.getAttribute('html', 'lang'), 'en');
  assert.equal(await english.page.textContent('.controls .epoch .label'), 'Epoch');
  assert.equal(await english.page.textContent('.explain h2'), 'What am I looking at?');

  const unknown = await open(browser, server.url, 'lang=xx', 'fr-FR');
  t.after(() => unknown.context.close());
  assert.equal(await unknown.page.getAttribute('html', 'lang'), 'en');
  assert.equal(await unknown.page.textContent('.controls .epoch .label'), 'Epoch');
  assert.deepEqual(await unknown.page.locator('.notices li').allTextContents(), ['lang=xx: no such language here; using English']);
  assert.deepEqual([...french.errors, ...english.errors, ...unknown.errors], []);
});

test('an English page does not fetch the French table', async (t) => {
  const { server, browser } = await setup(t);
  const context = await browser.newContext({ locale: 'en-US' });
  t.after(() => context.close());
  const page = await context.newPage();
  /** @type {string[]} */
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(server.url);
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  assert.deepEqual(urls.filter((u) => u.includes('/strings/')), []);
});

test('the panels imported on first use word themselves in English, never showing a key', async (t) => {
  const { server, browser } = await setup(t);
  const perceptron = await open(browser, server.url, 'lesson=perceptron-xor', 'en-US');
  t.after(() => perceptron.context.close());
  await perceptron.page.evaluate(() => window.nnplay.step(60));
  await perceptron.page.waitForSelector('.switch-mlp');
  const { page, context, errors } = await open(browser, server.url, 'dataset=xor&networkShape=2&goalTestLoss=0.1', 'en-US');
  t.after(() => context.close());
  await page.click('.class-panel summary');
  await page.waitForSelector('input[name="noise_hide"]');
  await page.click('.bp-start');
  await page.waitForSelector('.bp-next');
  await page.focus('.node.live');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.hovercard:not([hidden])');
  /** Every visible text and accessible name. @param {import('playwright-core').Page} p */
  const words = async (p) => [...await visibleText(p), ...await p.evaluate(() => [...document.querySelectorAll('[aria-label]')]
    .map((e) => /** @type {string} */ (e.getAttribute('aria-label'))))];
  const shown = [...await words(perceptron.page), ...await words(page)];
  assert.deepEqual(shown.filter((s) => s in enPanels || s in enFirst), [], 'no key shown for its words');
  for (const key of ['hide.playButton', 'network.cardHint', 'class.summary']) {
    assert.ok(shown.some((s) => s.includes(en[key])), `"${en[key]}" (${key}) is shown`);
  }
  assert.deepEqual([...perceptron.errors, ...errors], []);
});
