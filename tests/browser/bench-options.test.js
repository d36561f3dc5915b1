// The page benchmarks' command line (scripts/bench/page_options.mjs): --help prints the usage and
// exits 0; an unknown flag or a bad value prints what is wrong and the usage, and exits 2, with no
// stack trace. Nothing here opens a browser: each script stops before it starts one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './support.js';

/** @param {string} script @param {string[]} args */
function run(script, args) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench', script), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

for (const script of ['bench_page.mjs', 'bench_trace.mjs', 'bench_speed.mjs', 'bench_scale.mjs', 'bench_points.mjs']) {
  test(`${script} --help prints its usage and exits 0`, () => {
    const r = run(script, ['--help']);
    assert.equal(r.status, 0);
    assert.match(r.out, new RegExp(`^usage: node scripts/bench/${script} \\[--seconds S\\]`));
    assert.equal(r.err, '');
  });
}

test('an unknown flag, a missing value, a bad number or a stray argument: a message, the usage, exit 2', () => {
  for (const [args, message] of /** @type {[string[], RegExp][]} */ ([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--seconds'], /--seconds/],
    [['--runs', 'x'], /--runs must be a whole number >= 1, got x/],
    [['--cpu-throttle', '0.5'], /--cpu-throttle must be a number >= 1/],
    [['stray'], /Unexpected argument 'stray'/],
  ])) {
    const r = run('bench_page.mjs', args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.err, message);
    assert.match(r.err, /\nusage: node scripts\/bench\/bench_page\.mjs /);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    assert.equal(r.out, '');
  }
});
