// Every document the code cites is in the repository: each `docs/<name>.md` exists, each
// `tfp-behaviour §N` (or `docs/tfp-behaviour.md §N`, or a bare `§N`, which always means that
// document) names a section heading of docs/tfp-behaviour.md, each `docs/design.md §N` one of
// docs/design.md, and each relative link in a Markdown file leads to a file. Nothing points at
// documents outside the repository.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['core', 'web', 'wasm-bindings', 'tests', 'scripts', 'docs', 'README.md', 'CMakeLists.txt'];
const TEXT = /\.(c|h|js|mjs|cjs|md|sh|txt|cmake)$|^CMakeLists\.txt$/;
const SKIP_DIRS = new Set(['node_modules', 'build', 'dist']);

/** @param {string} rel @returns {string[]} repository-relative paths of the text files under rel */
function textFiles(rel) {
  const abs = path.join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [rel];
  return readdirSync(abs, { withFileTypes: true }).flatMap((d) => {
    const child = path.join(rel, d.name);
    if (d.isDirectory()) return SKIP_DIRS.has(d.name) ? [] : textFiles(child);
    return TEXT.test(d.name) ? [child] : [];
  });
}

/** The section numbers of a Markdown document: headings "## 7. Title", "### 7.2 Title". */
export function sectionsOf(/** @type {string} */ markdown) {
  const found = new Set();
  for (const m of markdown.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)) found.add(m[1]);
  return found;
}

/**
 * The citations in one file's text that do not resolve.
 * @param {string} text @param {string} file repository-relative
 * @param {(doc: string) => Set<string> | null} sections a document's section numbers, null if absent
 * @returns {string[]} one line per broken citation
 */
export function brokenCitations(text, file, sections) {
  const broken = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (/shared\/docs/.test(line)) broken.push(`${where}: points at shared/docs, outside the repository`);
    // docs/<name>.md, not as the tail of another path (../docs is a link, checked below)
    for (const m of line.matchAll(/(?<![\w./-])docs\/([\w.-]+\.md)/g)) {
      if (!sections(m[1])) broken.push(`${where}: docs/${m[1]} does not exist`);
    }
    // §N, §N.M, with ranges §A-B and §A-§B; the document is named just before, else tfp-behaviour
    for (const m of line.matchAll(/(?:(?:docs\/)?([\w-]+)(?:\.md)? )?§(\d+(?:\.\d+)*)(?:-§?(\d+(?:\.\d+)*))?/g)) {
      const named = m[1] && /^(tfp-behaviour|design)$/.test(m[1]) ? m[1] : 'tfp-behaviour';
      const have = sections(`${named}.md`);
      for (const n of [m[2], m[3]].filter(Boolean)) {
        if (!have) broken.push(`${where}: §${n} cites docs/${named}.md, which does not exist`);
        else if (!have.has(n)) broken.push(`${where}: docs/${named}.md has no section ${n}`);
      }
    }
    if (file.endsWith('.md')) {
      for (const m of line.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue; // http:, mailto:
        const target = path.join(path.dirname(file), m[1]);
        if (!existsSync(path.join(ROOT, target))) broken.push(`${where}: link ${m[1]} leads nowhere`);
      }
    }
  });
  return broken;
}

/** @param {string} doc file name under docs/ @returns {Set<string> | null} */
function repoSections(doc) {
  const p = path.join(ROOT, 'docs', doc);
  return existsSync(p) ? sectionsOf(readFileSync(p, 'utf8')) : null;
}

test('docs/tfp-behaviour.md keeps its numbering: sections 0 to 9 and the subsections the code cites', () => {
  const have = repoSections('tfp-behaviour.md');
  assert.ok(have, 'docs/tfp-behaviour.md exists');
  for (let n = 0; n <= 9; n++) assert.ok(have.has(String(n)), `section ${n}`);
  for (const n of ['1.1', '1.4', '3.7', '3.8', '7.2', '7.3', '7.4', '8.2', '8.4']) assert.ok(have.has(n), `section ${n}`);
  assert.ok(repoSections('design.md'), 'docs/design.md exists');
});

test('every document and section cited in the code, tests, scripts and docs exists', () => {
  const files = SCANNED.flatMap(textFiles).filter((f) => f !== path.join('tests', 'wasm', 'docs.test.js'));
  assert.ok(files.length > 50, `scanned ${files.length} files`);
  const cited = files.filter((f) => /§|docs\//.test(readFileSync(path.join(ROOT, f), 'utf8')));
  assert.ok(cited.length > 15, `${cited.length} files cite a document`);
  const broken = files.flatMap((f) => brokenCitations(readFileSync(path.join(ROOT, f), 'utf8'), f, repoSections));
  assert.deepEqual(broken, []);
});

test('the check catches a missing section, a missing document, a bad range end and a dead link', () => {
  const text = [
    '/* (docs/tfp-behaviour.md §42) */',
    '/* see docs/nowhere.md */',
    '/* tfp-behaviour §7.3-7.9 */',
    'as in docs/design.md §99',
    '[x](../nothing-here.md)',
    'from shared/docs/tfp-behaviour.md',
    '/* fine: tfp-behaviour §7.2, §3.7, §5-§7, docs/design.md */',
  ].join('\n');
  const broken = brokenCitations(text, 'docs/example.md', repoSections);
  assert.equal(broken.length, 6, broken.join('\n'));
  assert.match(broken[0], /no section 42/);
  assert.match(broken[1], /nowhere\.md does not exist/);
  assert.match(broken[2], /no section 7\.9/);
  assert.match(broken[3], /design\.md has no section 99/);
  assert.match(broken[4], /leads nowhere/);
  assert.match(broken[5], /shared\/docs/);
});
