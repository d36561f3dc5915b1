// page_options.mjs — the command line the page benchmarks (bench_page.mjs, bench_speed.mjs,
// bench_trace.mjs, bench_scale.mjs, bench_points.mjs) share:
//   [--seconds S] [--runs N] [--cpu-throttle R] [--dist DIR] [--json] [--help]
// Every figure is the median of N runs (default 5) with its spread; --cpu-throttle slows the
// page's CPU R times (CDP Emulation.setCPUThrottlingRate; default 1). --help prints the usage
// and exits 0; an unknown flag or a bad value prints what is wrong and the usage, and exits 2.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { DIST } from '../../tests/browser/support.js';

/**
 * The options, or the usage and an exit: 0 for --help, 2 for a command line it cannot read.
 * @param {string} [defaultSeconds] @param {string[]} [args] the command line (default: this process's)
 * @returns {{seconds: number, runs: number, throttle: number, dist: string, asJson: boolean}}
 */
export function pageBenchOptions(defaultSeconds = '3', args = process.argv.slice(2)) {
  const usage = `usage: node ${path.relative(process.cwd(), process.argv[1] ?? 'bench.mjs')} [--seconds S] (default ${defaultSeconds}) [--runs N] (default 5) [--cpu-throttle R] (default 1) [--dist DIR] [--json] [--help]`;
  /** @param {string} message */
  const fail = (message) => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
  /** @type {Record<string, string | boolean | undefined>} */
  let values = {};
  try {
    ({ values } = parseArgs({ args,
      options: { seconds: { type: 'string', default: defaultSeconds }, runs: { type: 'string', default: '5' },
                 'cpu-throttle': { type: 'string', default: '1' },
                 dist: { type: 'string', default: DIST }, json: { type: 'boolean', default: false },
                 help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (e) {
    fail(/** @type {Error} */ (e).message);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const seconds = Number(values.seconds);
  const runs = Number(values.runs);
  const throttle = Number(values['cpu-throttle']);
  const bad = !(seconds > 0) ? `--seconds must be a number > 0, got ${values.seconds}`
    : !(Number.isInteger(runs) && runs >= 1) ? `--runs must be a whole number >= 1, got ${values.runs}`
    : !(throttle >= 1) ? `--cpu-throttle must be a number >= 1, got ${values['cpu-throttle']}` : '';
  if (bad) fail(bad);
  return { seconds, runs, throttle, dist: path.resolve(String(values.dist)), asJson: Boolean(values.json) };
}
