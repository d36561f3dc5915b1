// downhill.js — the downhill panel's numbers (core/downhill.h): SGD, momentum, RMSprop and Adam
// descending a surface of two parameters, by the engine's own optimiser code; the surfaces'
// own settings; the surface's values over the panel's map.

import { checkInt, checkFinite, describe } from './runtime.js';

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').DownhillRun} DownhillRun
 * @typedef {import('./types.js').DownhillSettings} DownhillSettings
 * @typedef {import('./types.js').DownhillOptimizer} DownhillOptimizer
 */

/** config.h's nn_optimizer order. @type {DownhillOptimizer[]} */
export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'];

/** Every surface name, index = nn_surface. @param {Runtime} rt @returns {string[]} */
export function surfaceNames(rt) {
  const names = [];
  for (let s = 0, n = rt.m._nnw_surface_count(); s < n; s++) names.push(/** @type {string} */ (rt.string(rt.m._nn_surface_name(s))));
  return names;
}

/** @param {Runtime} rt @param {unknown} name @returns {number} nn_surface */
function surfaceIndex(rt, name) {
  const s = typeof name === 'string' ? surfaceNames(rt).indexOf(name) : -1;
  if (s < 0) throw new RangeError(`surface must be one of ${surfaceNames(rt).join(', ')}, got ${describe(name)}`);
  return s;
}

/** Runs `fn(ptr)` on `count` doubles of wasm memory and returns a copy of them.
 * @param {Runtime} rt @param {number} count @param {(ptr: number) => number} fn an nn_status */
function intoDoubles(rt, count, fn) {
  const ptr = rt.checkPtr(rt.m._malloc(count * 8));
  try {
    rt.check(fn(ptr));
    return new Float64Array(rt.f64(ptr, count));
  } finally {
    rt.m._free(ptr);
  }
}

/** @param {Runtime} rt @param {string} surface @returns {DownhillSettings} */
export function downhillSettings(rt, surface) {
  const s = surfaceIndex(rt, surface);
  const v = intoDoubles(rt, 2 + OPTIMIZERS.length, (ptr) => rt.m._nnw_downhill_own(s, ptr));
  return { x: v[0], y: v[1], rates: { sgd: v[2], momentum: v[3], rmsprop: v[4], adam: v[5] } };
}

/** @param {Runtime} rt @param {DownhillRun} run @returns {Float64Array} */
export function downhillPath(rt, run) {
  if (typeof run !== 'object' || run === null) throw new TypeError('downhillPath(run): run is an object');
  const s = surfaceIndex(rt, run.surface);
  const o = OPTIMIZERS.indexOf(run.optimizer);
  if (o < 0) throw new RangeError(`optimizer must be one of ${OPTIMIZERS.join(', ')}, got ${describe(run.optimizer)}`);
  const num = (/** @type {string} */ what, /** @type {unknown} */ v, /** @type {number} */ dflt) => checkFinite(`downhillPath: ${what}`, v === undefined ? dflt : v);
  const steps = checkInt('downhillPath: steps', run.steps, 0, 100000);
  const args = [num('rate', run.rate, NaN), num('momentum', run.momentum, 0.9), num('rho', run.rho, 0.9),
    num('beta1', run.beta1, 0.9), num('beta2', run.beta2, 0.999), num('epsilon', run.epsilon, 1e-8),
    num('x', run.x, NaN), num('y', run.y, NaN)];
  return intoDoubles(rt, 2 * (steps + 1), (ptr) => rt.m._nnw_downhill_path(s, o, ...args, steps, ptr));
}

/** @param {Runtime} rt @param {string} surface @param {number} n @returns {Float64Array} */
export function surfaceGrid(rt, surface, n) {
  const s = surfaceIndex(rt, surface);
  checkInt('downhillGrid: n', n, 2, 1024);
  return intoDoubles(rt, n * n, (ptr) => rt.m._nnw_surface_grid(s, n, ptr));
}
