// page_options.mjs — the command line the page benchmarks (bench_page.mjs, bench_speed.mjs,
// bench_trace.mjs, bench_scale.mjs) share:
//   [--seconds S] [--runs N] [--cpu-throttle R] [--dist DIR] [--json]
// Every figure is the median of N runs (default 5) with its spread; --cpu-throttle slows the
// page's CPU R times (CDP Emulation.setCPUThrottlingRate; default 1).

import path from 'node:path';
import { parseArgs } from 'node:util';
import { DIST } from '../../tests/browser/support.js';

/** @returns {{seconds: number, runs: number, throttle: number, dist: string, asJson: boolean}} */
export function pageBenchOptions(defaultSeconds = '3') {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: defaultSeconds }, runs: { type: 'string', default: '5' },
               'cpu-throttle': { type: 'string', default: '1' },
               dist: { type: 'string', default: DIST }, json: { type: 'boolean', default: false } },
  });
  const seconds = Number(values.seconds);
  const runs = Number(values.runs);
  const throttle = Number(values['cpu-throttle']);
  const bad = !(seconds > 0) ? `--seconds must be a number > 0, got ${values.seconds}`
    : !(Number.isInteger(runs) && runs >= 1) ? `--runs must be a whole number >= 1, got ${values.runs}`
    : !(throttle >= 1) ? `--cpu-throttle must be a number >= 1, got ${values['cpu-throttle']}` : '';
  if (bad) {
    console.error(bad);
    process.exit(2);
  }
  return { seconds, runs, throttle, dist: path.resolve(String(values.dist)), asJson: Boolean(values.json) };
}
