// README.md's API tables name every member there is and none that is not: "The JS engine API"
// against the Engine and Experiment classes of dist/engine/engine.js (and the module's exports
// against the section's text), "window.nnplay" against the page's window.nnplay in Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, DIST, setup, openPage, fixture } from './support.js';

/** The text of README's section `## title`, up to the next `## ` heading. @param {string} title */
function section(title) {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README.md has no section "## ${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/**
 * The code spans in the first column of a section's member table (rows `| ... | ... |` below a
 * `| member |` header), e.g. ["ex.loss()", "ex.lossCurve()"].
 * @param {string} text @returns {string[]}
 */
export function memberCells(text) {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\|\s*member\s*\|/.test(l));
  assert.ok(header >= 0, 'no "| member |" table');
  const spans = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const first = line.slice(1).split(/(?<!\\)\|/)[0];
    for (const m of first.matchAll(/`([^`]+)`/g)) spans.push(m[1]);
  }
  return spans;
}

/**
 * Names documented for `owner` ("engine", "ex", or "" for bare names): `ex.train(epochs)` gives
 * "train" for "ex". @param {string[]} spans @param {string} owner @returns {Set<string>}
 */
export function documented(spans, owner) {
  const re = owner ? new RegExp(`^${owner}\\.([A-Za-z_$][\\w$]*)`) : /^([A-Za-z_$][\w$]*)/;
  return new Set(spans.map((s) => re.exec(s)?.[1]).filter((n) => n !== undefined));
}

/**
 * What the table misses and what it names that does not exist.
 * @param {Iterable<string>} actual @param {Set<string>} listed
 */
export function differences(actual, listed) {
  const have = new Set(actual);
  return {
    missing: [...have].filter((n) => !listed.has(n)).sort(),
    unknown: [...listed].filter((n) => !have.has(n)).sort(),
  };
}

/** A class's public members: methods and getters of its prototype. @param {Function} cls */
function members(cls) {
  return Object.getOwnPropertyNames(cls.prototype).filter((n) => n !== 'constructor');
}

test('the check itself finds a member left out and a member made up', () => {
  const table = '| member | meaning |\n| --- | --- |\n| `ex.train(n)`, `ex.loss()` | a \\| b |\n| `ex.gone()` | c |\n';
  const listed = documented(memberCells(table), 'ex');
  assert.deepEqual([...listed], ['train', 'loss', 'gone']);
  assert.deepEqual(differences(['train', 'loss', 'epoch'], listed), { missing: ['epoch'], unknown: ['gone'] });
  assert.deepEqual([...documented(memberCells('| member | meaning |\n| --- | --- |\n| `step(n = 1)` | x |\n'), '')],
    ['step']);
});

test('"The JS engine API" lists every Engine and Experiment member, and only those', async () => {
  /** @type {typeof import('../../wasm-bindings/engine.js')} */
  const engineModule = await import(pathToFileURL(path.join(DIST, 'engine/engine.js')).href);
  const text = section('The JS engine API');
  const spans = memberCells(text);
  assert.deepEqual(differences(members(engineModule.Engine), documented(spans, 'engine')), { missing: [], unknown: [] },
    'engine.* rows against the Engine class');
  assert.deepEqual(differences(members(engineModule.Experiment), documented(spans, 'ex')), { missing: [], unknown: [] },
    'ex.* rows against the Experiment class');
  const unowned = spans.filter((s) => !/^(engine|ex)\./.test(s));
  assert.deepEqual(unowned, [], 'every row names engine.* or ex.*');
  for (const name of Object.keys(engineModule)) {
    assert.ok(text.includes(`\`${name}\``), `the section names the module's export \`${name}\``);
  }
});

test('"window.nnplay" lists every member of the page\'s window.nnplay, and only those', async (t) => {
  const { server, browser } = await setup(t);
  const { page, context, errors } = await openPage(browser, server.url, fixture('dev01').hash);
  t.after(() => context.close());
  const actual = await page.evaluate(() => Object.keys(window.nnplay));
  assert.ok(actual.length > 0);
  const listed = documented(memberCells(section('window.nnplay')), '');
  assert.deepEqual(differences(actual, listed), { missing: [], unknown: [] });
  assert.deepEqual(errors, []);
});
