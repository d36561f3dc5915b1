// downhill.js — the downhill panel's numbers (core/downhill.h): SGD, momentum, RMSprop and Adam
// descending a surface of two parameters, by the engine's own optimiser code; the surfaces'
// own settings and values. The lab engine's (exports-lab.txt): EngineError on the first engine.

import { checkInt, checkFinite, describe } from './runtime.js';

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').DownhillRun} DownhillRun
 * @typedef {import('./types.js').DownhillSettings} DownhillSettings
 */

/** config.h's nn_optimizer order. */
const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'];

/** Every surface name, index = nn_surface ('none' first). @param {Runtime} rt @returns {string[]} */
export function surfaceNames(rt) {
  rt.needLab('the downhill members');
  const names = [];
  for (let s = 0, n; (n = rt.string(rt.m._nn_surface_name(s))) !== '?'; s++) names.push(/** @type {string} */ (n));
  return names;
}

/** @param {Runtime} rt @param {unknown} name @returns {number} nn_surface */
function surfaceIndex(rt, name) {
  const names = surfaceNames(rt), s = names.indexOf(/** @type {string} */ (name));
  if (s < 0) throw new RangeError(`surface must be one of ${names.join(', ')}, got ${describe(name)}`);
  return s;
}

/** @param {Runtime} rt @param {string} surface @returns {DownhillSettings} */
export function downhillSettings(rt, surface) {
  const [x, y, sgd, momentum, rmsprop, adam] = rt.f64(rt.m._nn_downhill_own(surfaceIndex(rt, surface)), 6);
  return { x, y, rates: { sgd, momentum, rmsprop, adam } };
}

/** @param {Runtime} rt @param {DownhillRun} run @returns {Float64Array} */
export function downhillPath(rt, run) {
  const s = surfaceIndex(rt, run.surface), o = OPTIMIZERS.indexOf(run.optimizer);
  if (o < 0) throw new RangeError(`optimizer must be one of ${OPTIMIZERS.join(', ')}, got ${describe(run.optimizer)}`);
  const steps = checkInt('downhillPath: steps', run.steps, 0, 100000);
  const args = /** @type {const} */ ([['rate'], ['momentum', 0.9], ['rho', 0.9], ['beta1', 0.9], ['beta2', 0.999],
    ['epsilon', 1e-8], ['x'], ['y']]).map(([k, d]) => checkFinite(`downhillPath: ${k}`, run[k] ?? d));
  const n = 2 * (steps + 1), ptr = rt.checkPtr(rt.m._malloc(8 * n));
  try {
    rt.check(rt.m._nnw_downhill_path(s, o, ...args, steps, ptr));
    return rt.f64(ptr, n).slice();
  } finally {
    rt.m._free(ptr);
  }
}

/** @param {Runtime} rt @param {string} surface @param {number} n @returns {Float64Array} */
export function surfaceGrid(rt, surface, n) {
  const s = surfaceIndex(rt, surface), out = new Float64Array(checkInt('downhillGrid: n', n, 2, 1024) ** 2);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[j * n + i] = rt.m._nn_surface_value(s, -2 + 4 * i / (n - 1), 2 - 4 * j / (n - 1));
  return out;
}
