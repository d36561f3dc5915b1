// classes.js — a classifier's questions to an experiment (core/classes.h): how many classes,
// the confusion matrices now, and the K-class heatmap (predicted class and its probability).

import { checkInt } from './runtime.js';

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').Confusion} Confusion
 */

/** Cells per side of the class heatmap (core/grid.h: NN_GRID_MAX_NODE_DENSITY). */
const CLASS_GRID_MAX = 2048;

/** 0 for regression, 2 for two classes, K for K classes. @param {Runtime} rt @param {number} e */
export function numClasses(rt, e) {
  return rt.m._nn_experiment_num_classes(e);
}

/** @param {Runtime} rt @param {number} e nn_experiment* @returns {Confusion | null} */
export function confusion(rt, e) {
  const k = numClasses(rt, e);
  if (k === 0) return null;
  const cells = k * k;
  const ptr = rt.checkPtr(rt.m._malloc(8 * cells));
  try {
    rt.check(rt.m._nn_experiment_confusion(e, ptr, ptr + 4 * cells));
    const all = rt.i32(ptr, 2 * cells);
    /** @param {number} from @returns {number[][]} */
    const matrix = (from) => Array.from({ length: k }, (_, r) => Array.from(all.subarray(from + r * k, from + (r + 1) * k)));
    return { train: matrix(0), test: matrix(cells) };
  } finally {
    rt.m._free(ptr);
  }
}

/**
 * The K-class heatmap: density² predicted classes (as floats), then density² probabilities of
 * them, zero-copy. RangeError for a network of two classes or a bad density.
 * @param {Runtime} rt @param {number} e @param {number} density @returns {Float32Array}
 */
export function evaluateClasses(rt, e, density) {
  if (numClasses(rt, e) < 3) throw new RangeError('evaluateClasses: the network has fewer than three classes');
  checkInt('evaluateClasses(density): density', density, 2, CLASS_GRID_MAX);
  const ptr = rt.checkPtr(rt.m._nn_experiment_evaluate_classes(e, density, rt.scratch), rt.scratchInt());
  return rt.f32(ptr, 2 * density * density);
}
