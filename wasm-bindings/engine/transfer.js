// transfer.js — an experiment's whole training state as bytes (core/experiment.h), to move
// training to another engine (the page's training worker) and back.

import { checkInt, describe } from './runtime.js';

/** @typedef {import('./runtime.js').Runtime} Runtime */

/**
 * The training state of experiment `e` with the curve rows of epochs since+1..epoch.
 * @param {Runtime} rt @param {number} e nn_experiment* @param {number} since @param {number} epoch
 * @returns {Uint8Array} a copy
 */
export function saveState(rt, e, since, epoch) {
  checkInt('saveState(since): since', since, 0, epoch);
  const size = rt.m._nn_experiment_state_size(e, since);
  const ptr = rt.checkPtr(rt.m._malloc(size));
  try {
    rt.check(rt.m._nn_experiment_save_state(e, since, ptr, size));
    return rt.m.HEAPU8.slice(ptr, ptr + size);
  } finally {
    rt.m._free(ptr);
  }
}

/**
 * Loads a state from saveState() into experiment `e` (RangeError, nothing changed, for a state
 * of an experiment of another hash).
 * @param {Runtime} rt @param {number} e nn_experiment* @param {unknown} bytes
 */
export function loadState(rt, e, bytes) {
  if (!(bytes instanceof Uint8Array)) throw new RangeError(`loadState(bytes): bytes must be a Uint8Array, got ${describe(bytes)}`);
  const ptr = rt.checkPtr(rt.m._malloc(Math.max(1, bytes.length)));
  try {
    rt.m.HEAPU8.set(bytes, ptr);
    rt.check(rt.m._nn_experiment_load_state(e, ptr, bytes.length));
  } finally {
    rt.m._free(ptr);
  }
}
