// lecture.js — the lecture's questions to an experiment: the perceptron's misclassified points
// and verdict (core/perceptron.h). (The trace of one backpropagation step is the lab engine's:
// backprop-trace.js.)

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').PerceptronReport} PerceptronReport
 */

/** Misclassified training points after each epoch 0..epoch (empty for an MLP), zero-copy.
 * @param {Runtime} rt @param {number} e nn_experiment* @returns {Int32Array} */
export function misclassifiedView(rt, e) {
  const ptr = rt.m._nn_experiment_misclassified(e, rt.scratch);
  return rt.i32(ptr, ptr ? rt.scratchInt() : 0);
}

/** @param {Runtime} rt @param {number} e nn_experiment* @returns {PerceptronReport} */
export function perceptronReport(rt, e) {
  rt.m._nnw_experiment_perceptron_report(e, rt.scratch);
  const [convergedEpoch, misclassified, verdict, text] = rt.i32(rt.scratch, 4);
  return {
    verdict: /** @type {PerceptronReport['verdict']} */ (rt.string(verdict)),
    convergedEpoch,
    misclassified,
    text: /** @type {string} */ (rt.string(text)),
  };
}
