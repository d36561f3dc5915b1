// model-import.js — a model JSON (core/model_export.h) back into the page. The
// imported network lives in the link, so the link still means what the page shows: the model's
// own link gives the settings (its changes folded in: the settings the network was trained
// with), the model's fields give the network's shape, activation, output and features, and
// every weight and bias is a hand edit at epoch 0 (`w1.0.2@0=0.5`, `b1.0@0=0.1`; changelog.h).
// Opening that link, anywhere, gives the same network and the same predictions, bit for bit.

import { FEATURES, ACTIVATIONS, setParams } from './urlstate.js';

/** The longest model text read, in characters: 1,000 edits of 30 characters and a link. */
export const MAX_MODEL_CHARS = 200000;
/** The most weights and biases a link holds as edits (NN_MAX_CHANGES, core/changelog.h). */
const MAX_EDITS = 1000;
/** The longest link a model may carry (the CLI's limit on a hash). */
const MAX_LINK = 16384;
/** Output kinds and the problem (and classes) each means. */
const OUTPUTS = /** @type {Record<string, string>} */ ({ tanh: 'classification', linear: 'regression', softmax: 'classification' });
/** @type {string[]} */
const FEATURE_NAMES = FEATURES.map((f) => f[0]);

/** @param {string} why @returns {never} */
export function refuse(why) {
  throw new RangeError(`import: ${why}; nothing was changed`);
}

/** @param {unknown} v @returns {v is unknown[]} */
const isArray = (v) => Array.isArray(v);

/**
 * The parsed, checked model: its text (or the object itself).
 * @param {unknown} input
 * @returns {{link: string, features: string[], layers: number[], hiddenActivation: string,
 *   output: string, weights: number[][][], biases: number[][]}}
 */
export function readModel(input) {
  let m = input;
  if (typeof input === 'string') {
    if (input.length > MAX_MODEL_CHARS) refuse(`the file is too large (${input.length} characters; a model has at most ${MAX_MODEL_CHARS})`);
    try { m = JSON.parse(input); } catch { refuse('this is not JSON (an nnplay model is the JSON "Model (JSON)" saves)'); }
  }
  if (m === null || typeof m !== 'object' || isArray(m)) refuse('this is not an nnplay model (a JSON object)');
  const o = /** @type {Record<string, unknown>} */ (m);
  if (o.format !== 'nnplay-model') refuse('this is not an nnplay model (its "format" is not "nnplay-model")');
  if (o.version !== 1) refuse(`model version ${JSON.stringify(o.version)} is not one this page reads (version 1)`);
  const link = o.link === undefined ? '' : o.link;
  if (typeof link !== 'string' || link.length > MAX_LINK) refuse(`"link" must be a text of at most ${MAX_LINK} characters`);
  const features = o.features;
  if (!isArray(features) || !features.every((f) => typeof f === 'string' && FEATURE_NAMES.includes(f))) {
    refuse(`"features" must list feature names (${FEATURE_NAMES.join(', ')})`);
  }
  const order = features.map((f) => FEATURE_NAMES.indexOf(/** @type {string} */ (f)));
  if (order.some((k, i) => i > 0 && k <= order[i - 1])) refuse(`"features" must be in this order, each once: ${FEATURE_NAMES.join(', ')}`);
  const layers = o.layers;
  if (!isArray(layers) || layers.length < 2 || layers.length > 12 || !layers.every((n) => Number.isInteger(n) && /** @type {number} */ (n) >= 1 && /** @type {number} */ (n) <= 32)) {
    refuse('"layers" must give 2 to 12 layer sizes, each a whole number from 1 to 32');
  }
  const sizes = /** @type {number[]} */ (layers);
  if (sizes[0] !== features.length) refuse(`"layers" starts with ${sizes[0]} inputs but "features" names ${features.length}`);
  const hidden = o.hiddenActivation;
  if (typeof hidden !== 'string' || !ACTIVATIONS.some((a) => a[0] === hidden)) refuse(`unknown hidden activation ${JSON.stringify(hidden)}`);
  const output = o.output;
  if (typeof output !== 'string' || !Object.hasOwn(OUTPUTS, output)) refuse(`unknown output ${JSON.stringify(output)} (tanh, linear or softmax)`);
  const outs = sizes[sizes.length - 1];
  if (output === 'softmax' ? outs < 3 || outs > 6 : outs !== 1) refuse(`an output "${output}" has ${output === 'softmax' ? '3 to 6 nodes' : 'one node'}, not ${outs}`);
  let count = 0;
  const numbers = (/** @type {unknown} */ row, /** @type {number} */ n, /** @type {string} */ what) => {
    if (!isArray(row) || row.length !== n) refuse(`${what} must hold ${n} numbers`);
    if (!row.every((v) => typeof v === 'number' && Number.isFinite(v))) refuse(`${what} holds a value that is not a finite number`);
    count += n;
    return /** @type {number[]} */ (row);
  };
  const w = o.weights, b = o.biases;
  if (!isArray(w) || w.length !== sizes.length - 1) refuse(`"weights" must hold ${sizes.length - 1} layers`);
  if (!isArray(b) || b.length !== sizes.length - 1) refuse(`"biases" must hold ${sizes.length - 1} layers`);
  const weights = w.map((layer, l) => {
    if (!isArray(layer) || layer.length !== sizes[l + 1]) refuse(`"weights" layer ${l + 1} must hold ${sizes[l + 1]} nodes`);
    return layer.map((row, j) => numbers(row, sizes[l], `"weights" layer ${l + 1} node ${j}`));
  });
  const biases = b.map((layer, l) => numbers(layer, sizes[l + 1], `"biases" layer ${l + 1}`));
  if (count > MAX_EDITS) refuse(`the network has ${count} weights and biases; a link holds at most ${MAX_EDITS}`);
  return { link, features: /** @type {string[]} */ (features), layers: sizes, hiddenActivation: hidden, output, weights, biases };
}

/** A number as a link's edit writes it ("-0" keeps its sign). @param {number} x */
const edit = (x) => (Object.is(x, -0) ? '-0' : String(x));

/**
 * The link that opens `model` (readModel's): its settings, its network as edits at epoch 0.
 * @param {ReturnType<typeof readModel>} model @returns {string}
 */
export function modelHash(model) {
  let link = model.link.slice(model.link.indexOf('#') + 1);
  // The settings the network was trained with: the base, each change of a setting folded in.
  /** @type {Record<string, string | null>} */
  const settings = { epoch: null };
  /** @type {string[]} */
  const base = [];
  for (const piece of link === '' ? [] : link.split('&')) {
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const at = name.indexOf('@');
    if (at < 0) base.push(piece);
    else if (!/^[wb]\d/.test(name)) settings[name.slice(0, at)] = eq < 0 ? '' : piece.slice(eq + 1);
  }
  /** @type {Record<string, string | null>} */
  const net = {
    networkShape: model.layers.slice(1, -1).join(','),
    activation: model.hiddenActivation,
    problem: OUTPUTS[model.output],
    classes: model.output === 'softmax' ? String(model.layers[model.layers.length - 1]) : null,
    model: null,
    lesson: null, // its parameters are written out beside it; without it nothing overrides the model's
  };
  for (const f of FEATURE_NAMES) {
    net[f] = String(model.features.includes(f));
    net[`${f}_hide`] = null;
  }
  link = setParams(setParams(base.join('&'), settings), net);
  /** @type {string[]} */
  const edits = [];
  for (let l = 0; l < model.weights.length; l++) {
    model.weights[l].forEach((row, j) => row.forEach((v, i) => edits.push(`w${l + 1}.${i}.${j}@0=${edit(v)}`)));
    model.biases[l].forEach((v, j) => edits.push(`b${l + 1}.${j}@0=${edit(v)}`));
  }
  return [link, ...edits].join('&');
}
