// backprop-trace.js — the trace of one backpropagation step (core/backprop_trace.h): the lab
// engine's (engine-lab.js).

import { checkInt } from './runtime.js';

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').BackpropTrace} BackpropTrace
 */

/**
 * Runs one batch-1 training step of experiment `e` on training point `point` in a C trace of
 * its own (created, run and freed here: the experiment is not changed).
 * @param {Runtime} rt @param {number} e nn_experiment*
 * @param {() => Float64Array} trainPoints the training points [x, y, label, ...] (a fresh view)
 * @param {number} point @returns {BackpropTrace}
 */
export function backpropTrace(rt, e, trainPoints, point) {
  const m = rt.m;
  checkInt('backpropTrace(point): point', point, 0, trainPoints().length / 3 - 1);
  const t = rt.checkPtr(m._nn_backprop_trace_create());
  const fields = m._malloc(8 * 14);
  try {
    rt.checkPtr(fields);
    rt.check(m._nn_experiment_backprop_trace(e, point, t));
    m._nnw_trace_read(t, fields);
    const [nodes, n, target, prediction, error, errorDer, learningRate, ...ptr] = rt.f64(fields, 14);
    const arr = (/** @type {number} */ p, /** @type {number} */ len) => Array.from(rt.f64(p, len));
    const pts = trainPoints();
    return {
      point, x: pts[3 * point], y: pts[3 * point + 1], target, prediction, error, errorDer, learningRate,
      total: arr(ptr[0], nodes), output: arr(ptr[1], nodes), outputDer: arr(ptr[2], nodes), inputDer: arr(ptr[3], nodes),
      params: arr(ptr[4], n), grad: arr(ptr[5], n), paramsAfter: arr(ptr[6], n),
    };
  } finally {
    m._free(fields);
    m._nn_backprop_trace_destroy(t);
  }
}
