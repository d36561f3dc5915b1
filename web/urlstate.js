// urlstate.js — the URL hash as the page edits it. Parsing and validation are the engine's
// (engine.parseHash / experiment.state()); this module only rewrites `name=value` pieces of a
// canonical hash the engine produced, so the engine stays the single judge of what a link means.

/** Input features in TFP's order, with their labels (the same in every language). Hiding one removes it from the network. */
export const FEATURES = /** @type {const} */ ([
  ['x', 'X₁'],
  ['y', 'X₂'],
  ['xSquared', 'X₁²'],
  ['ySquared', 'X₂²'],
  ['xTimesY', 'X₁X₂'],
  ['sinX', 'sin(X₁)'],
  ['sinY', 'sin(X₂)'],
]);

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
// Labels are keys of the string tables (i18n.js); a name the same in every language is its own key.
export const ACTIVATIONS = /** @type {const} */ ([['relu', 'ReLU'], ['tanh', 'Tanh'], ['sigmoid', 'Sigmoid'], ['linear', 'option.linear'],
  ['leakyrelu', 'Leaky ReLU'], ['elu', 'ELU'], ['softplus', 'Softplus'], ['swish', 'Swish']]);
export const REGULARIZATIONS = /** @type {const} */ ([['none', 'option.none'], ['L1', 'L1'], ['L2', 'L2']]);
export const PROBLEMS = /** @type {const} */ ([['classification', 'option.classification'], ['regression', 'option.regression']]);
export const CLASSIFICATION_DATASETS = /** @type {const} */ ([['circle', 'dataset.circle'], ['xor', 'dataset.xor'], ['gauss', 'dataset.gauss'], ['spiral', 'dataset.spiral']]);
export const REGRESSION_DATASETS = /** @type {const} */ ([['reg-plane', 'dataset.plane'], ['reg-gauss', 'dataset.multiGauss']]);
/** Where TFP's buttons stop: "+" adds no layer past 6, no neuron past 8. A link may ask for more,
 * up to the engine's limits (core/config.h), and "−" then removes one at a time. */
export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;

/**
 * Returns `hash` with each named parameter set: its first occurrence gets the new value, later
 * duplicates are dropped, a missing one is appended. A value of `null` removes the parameter.
 * @param {string} hash @param {Record<string, string | null>} values @returns {string}
 */
export function setParams(hash, values) {
  const pieces = hash === '' ? [] : hash.split('&');
  const done = new Set();
  /** @type {string[]} */
  const out = [];
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    if (!Object.prototype.hasOwnProperty.call(values, name)) { out.push(piece); continue; }
    if (done.has(name)) continue;
    done.add(name);
    const v = values[name];
    if (v !== null) out.push(`${name}=${v}`);
  }
  for (const [name, v] of Object.entries(values)) {
    if (!done.has(name) && v !== null) out.push(`${name}=${v}`);
  }
  return out.join('&');
}

/**
 * Is the control hidden by the state's hide map?
 * @param {Record<string, boolean> | undefined} hide @param {string} name @returns {boolean}
 */
export function isHidden(hide, name) {
  return !!hide && (hide[`${name}_hide`] === true || hide[name] === true);
}
