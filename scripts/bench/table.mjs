// table.mjs — prints nnplay-bench and bench_wasm.mjs results side by side (used by bench.sh).
//   node scripts/bench/table.mjs native.jsonl wasm.jsonl
import { readFileSync } from 'node:fs';

const read = (f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const [native, wasm] = process.argv.slice(2).map(read);

const f = (x, d = 3) => x.toFixed(d);
const rows = [['fixture', 'layers', 'native ms/epoch', 'wasm ms/epoch', 'ratio', 'native epochs/s', 'wasm epochs/s',
  'native ms/grid', 'wasm ms/grid', 'ratio', 'native grids/s', 'wasm grids/s']];
for (const n of native) {
  const w = wasm.find((x) => x.fixture === n.fixture);
  if (!w) continue;
  rows.push([n.fixture.split('-')[0], n.layer_sizes.join(','),
    f(n.ms_per_epoch), f(w.ms_per_epoch), f(w.ms_per_epoch / n.ms_per_epoch, 2),
    f(1000 / n.ms_per_epoch, 0), f(1000 / w.ms_per_epoch, 0),
    f(n.ms_per_grid), f(w.ms_per_grid), f(w.ms_per_grid / n.ms_per_grid, 2),
    f(1000 / n.ms_per_grid, 0), f(1000 / w.ms_per_grid, 0)]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
const { epochs, grids, density, runs } = native[0];
console.log(`\n${epochs} epochs and ${grids} ${density}x${density} grids per run, median of ${runs} runs; ` +
  `ratio = wasm time / native time. wasm: ${wasm[0].engine}.`);
