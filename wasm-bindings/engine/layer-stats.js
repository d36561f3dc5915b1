// layer-stats.js — each layer's activations and error signals over the training points, as
// core/layer_stats.h summarises them: quantiles, a histogram, identical neurons, per-neuron means.

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
  try {
    rt.check(m._nn_experiment_layer_stats(e, s));
    const layers = m._nnw_stats_num_layers(s);
    const q = m._nnw_stats_num_levels();
    const bins = m._nnw_stats_bins();
    const sizes = Array.from(rt.i32(m._nnw_stats_sizes(s), layers));
    const f64 = (/** @type {number} */ ptr, /** @type {number} */ n) => Array.from(rt.f64(ptr, n));
    const actQ = f64(m._nnw_stats_act_q(s), layers * q);
    const gradQ = f64(m._nnw_stats_grad_q(s), layers * q);
    const lo = f64(m._nnw_stats_hist_lo(s), layers);
    const hi = f64(m._nnw_stats_hist_hi(s), layers);
    const hist = Array.from(rt.i32(m._nnw_stats_hist(s), layers * bins));
    const identical = Array.from(rt.i32(m._nnw_stats_identical(s), layers));
    const nodes = m._nnw_stats_num_nodes(s);
    const actMean = f64(m._nnw_stats_act_mean(s), nodes);
    const gradMeanAbs = f64(m._nnw_stats_grad_mean_abs(s), nodes);
    /** @type {LayerSummary[]} */
    const out = [];
    for (let l = 1, first = sizes[0]; l < layers; first += sizes[l], l++) {
      out.push({
        size: sizes[l],
        activations: actQ.slice(l * q, (l + 1) * q),
        gradients: gradQ.slice(l * q, (l + 1) * q),
        histogram: { lo: lo[l], hi: hi[l], counts: hist.slice(l * bins, (l + 1) * bins) },
        identical: identical[l] !== 0,
        actMean: actMean.slice(first, first + sizes[l]),
        gradMeanAbs: gradMeanAbs.slice(first, first + sizes[l]),
      });
    }
    return { numPoints: m._nnw_stats_num_points(s), levels: f64(m._nnw_stats_levels(), q), layers: out };
  } finally {
    m._nn_layer_stats_destroy(s);
  }
}
