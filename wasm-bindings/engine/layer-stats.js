// layer-stats.js — each layer's activations and error signals over the training points, as
// core/layer_stats.h summarises them: quantiles, a histogram, identical neurons.

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').LayerStats} LayerStats
 * @typedef {import('./types.js').LayerSummary} LayerSummary
 */

/**
 * Computes the statistics of experiment `e`'s current network in a C struct of its own (created,
 * run and freed here: the experiment is not changed).
 * @param {Runtime} rt @param {number} e nn_experiment* @returns {LayerStats}
 */
export function layerStats(rt, e) {
  const m = rt.m;
  const s = rt.checkPtr(m._nn_layer_stats_create());
  const fields = m._malloc(48);
  try {
    rt.checkPtr(fields);
    rt.check(m._nn_experiment_layer_stats(e, s));
    m._nnw_stats_read(s, fields);
    const [layers, numPoints, q, bins, ...ptr] = rt.i32(fields, 12);
    const f64 = (/** @type {number} */ p, /** @type {number} */ n) => Array.from(rt.f64(p, n));
    const i32 = (/** @type {number} */ p, /** @type {number} */ n) => Array.from(rt.i32(p, n));
    const sizes = i32(ptr[0], layers);
    const [actQ, gradQ] = [f64(ptr[1], layers * q), f64(ptr[2], layers * q)];
    const [lo, hi] = [f64(ptr[3], layers), f64(ptr[4], layers)];
    const [hist, identical] = [i32(ptr[5], layers * bins), i32(ptr[6], layers)];
    /** @type {LayerSummary[]} */
    const out = [];
    for (let l = 1; l < layers; l++) {
      out.push({
        size: sizes[l],
        activations: actQ.slice(l * q, (l + 1) * q),
        gradients: gradQ.slice(l * q, (l + 1) * q),
        histogram: { lo: lo[l], hi: hi[l], counts: hist.slice(l * bins, (l + 1) * bins) },
        identical: identical[l] !== 0,
      });
    }
    return { numPoints, levels: f64(ptr[7], q), layers: out };
  } finally {
    m._free(fields);
    m._nn_layer_stats_destroy(s);
  }
}
