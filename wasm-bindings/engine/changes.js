// changes.js — a live change logged in the experiment's link (core/changelog.h).

/** @typedef {import('./runtime.js').Runtime} Runtime */

/**
 * Sets live parameter `name` to `value` (as a link writes it) at the experiment's epoch.
 * RangeError with the engine's reason, nothing changed, when refused (or out of memory).
 * @param {Runtime} rt @param {number} e nn_experiment* @param {unknown} name @param {unknown} value
 */
export function change(rt, e, name, value) {
  const why = rt.string(rt.withCString(String(name), (n) => rt.withCString(String(value), (v) => rt.m._nnw_experiment_change(e, n, v))));
  if (why) throw new RangeError(`change(${name}): ${why}`);
}
