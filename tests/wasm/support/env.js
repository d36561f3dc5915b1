// Shared by the tests in tests/wasm: where the engine and the fixtures are, and how to read them.
//
//   NNPLAY_ENGINE_DIR  folder holding engine.js + nnplay-wasm.wasm + nnplay-wasm-nosimd.wasm
//                      (default: build/wasm/wasm-bindings; scripts/test.sh uses dist/engine)
//   NN_FIXTURES_DIR    the TFP golden fixtures (default: tests/fixtures/tfp)
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const engineDir = resolve(process.env.NNPLAY_ENGINE_DIR || join(repoRoot, 'build/wasm/wasm-bindings'));
export const fixturesDir = resolve(process.env.NN_FIXTURES_DIR || join(repoRoot, 'tests/fixtures/tfp'));

/** @returns {Promise<import('../../../wasm-bindings/engine.js')>} the engine module under test */
export function importEngine() {
  return import(pathToFileURL(join(engineDir, 'engine.js')).href);
}

/** Every fixture, parsed, in file-name order. */
export function loadFixtures() {
  const files = readdirSync(fixturesDir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no fixtures in ${fixturesDir} (set NN_FIXTURES_DIR)`);
  return files.map((f) => JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')));
}

/** A fixture number: JSON has no NaN/Infinity, so fixtures write them as strings. */
export function num(v) {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v !== 'number') throw new TypeError(`not a fixture number: ${JSON.stringify(v)}`);
  return v;
}

/** Datasets whose generators use no libm function: their data is exact in every JS engine. */
export const EXACT_DATASETS = new Set(['xor', 'reg-plane', 'reg-gauss']);

/** The dataset a fixture's state actually generates. */
export function activeDataset(state) {
  return state.problem === 'regression' ? state.regDataset : state.dataset;
}

/** The fixture's `state` with non-finite number strings decoded. */
export function fixtureState(fx) {
  const s = { ...fx.state };
  for (const k of ['learningRate', 'regularizationRate', 'noise', 'percTrainData', 'batchSize']) s[k] = num(s[k]);
  s.networkShape = s.networkShape.map(num);
  return s;
}

/** Differences between two point lists: labels exact; coordinates exact, or (relTol > 0) within
 * relTol of the point's size max(|x|, |y|). Relative to the point, not to each coordinate: a
 * coordinate near 0 (r·sin θ with θ near π) keeps the absolute error of its larger sibling. */
export function pointMismatches(got, want, relTol) {
  const out = [];
  if (got.length !== want.length) return [`${got.length} points, want ${want.length}`];
  for (let i = 0; i < want.length && out.length < 5; i++) {
    const [x, y, label] = want[i].map(num);
    const [gx, gy, gl] = got[i];
    const size = Math.max(Math.abs(x), Math.abs(y));
    const close = (a, b) => Object.is(a, b) || (relTol > 0 && Math.abs(a - b) <= relTol * size);
    if (!close(gx, x) || !close(gy, y) || !Object.is(gl, label)) {
      out.push(`point ${i}: got [${gx}, ${gy}, ${gl}], want [${x}, ${y}, ${label}]`);
    }
  }
  return out;
}
