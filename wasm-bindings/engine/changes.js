// changes.js — a live change logged in the experiment's link (core/changelog.h).

import { describe } from './runtime.js';

/** nn_status NN_ERR_INVALID (core/experiment.h): the change was refused. */
const NN_ERR_INVALID = 2;

/** @typedef {import('./runtime.js').Runtime} Runtime */

/**
 * Sets live parameter `name` to `value` (as a link writes it) at the experiment's epoch.
 * RangeError with the engine's reason, nothing changed, when refused.
 * @param {Runtime} rt @param {number} e nn_experiment* @param {unknown} name @param {unknown} value
 */
export function change(rt, e, name, value) {
  if (typeof name !== 'string' || typeof value !== 'string') {
    throw new RangeError(`change(name, value): name and value must be strings, got ${describe(name)}, ${describe(value)}`);
  }
  const status = rt.withCString(name, (n) => rt.withCString(value, (v) => rt.m._nnw_experiment_change(e, n, v)));
  if (status === NN_ERR_INVALID) throw new RangeError(`change(${name}): ${rt.string(rt.m._nnw_change_reason())}`);
  rt.check(status);
}
