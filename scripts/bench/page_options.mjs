// page_options.mjs — the command line the page benchmarks (bench_page.mjs, bench_speed.mjs)
// share: [--seconds 5] [--dist DIR] [--json].

import path from 'node:path';
import { parseArgs } from 'node:util';
import { DIST } from '../../tests/browser/support.js';

/** @returns {{seconds: number, dist: string, asJson: boolean}} */
export function pageBenchOptions() {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '5' }, dist: { type: 'string', default: DIST },
               json: { type: 'boolean', default: false } },
  });
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) {
    console.error(`--seconds must be a number > 0, got ${values.seconds}`);
    process.exit(2);
  }
  return { seconds, dist: path.resolve(String(values.dist)), asJson: Boolean(values.json) };
}
