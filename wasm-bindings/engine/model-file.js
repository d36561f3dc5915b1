// model-file.js — the trained network as a model file (core/model_export.h), written by the
// engine's own writer, the one `nnplay run --export` prints with: the served lab engine's
// (engine-lab.js, exports-model.txt); the one-file page's lab engine is built without it.

import { writtenText } from './config.js';
import { EngineError, NN_ERR_INVALID } from './runtime.js';

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 */

/** The kinds, in nn_model_format's order (NN_MODEL_JSON, NN_MODEL_PYTHON). */
const KINDS = ['json', 'python'];

/**
 * The model file of experiment `e`'s network now, with its link: 'json' the model JSON,
 * 'python' the stand-alone Python file. RangeError for another kind, a perceptron, or a
 * network with a non-finite parameter; EngineError in a lab engine built without the writer.
 * @param {Runtime} rt @param {number} e nn_experiment* @param {unknown} kind @returns {string}
 */
export function modelFile(rt, e, kind) {
  const m = rt.m;
  if (!m._nn_model_write) {
    throw new EngineError('modelFile(): this lab engine is built without the model files '
      + '(nnplay-wasm-offline*.wasm, the one-file page\'s)', NN_ERR_INVALID);
  }
  const format = KINDS.indexOf(/** @type {string} */ (kind));
  if (format < 0) throw new RangeError(`modelFile(kind): kind must be 'json' or 'python', not ${JSON.stringify(kind)}`);
  const why = rt.string(m._nnw_model_refusal(e));
  if (why) throw new RangeError(why);
  const net = m._nn_experiment_network(e);
  const link = writtenText(rt, (out, cap) => m._nn_experiment_link(e, out, cap));
  return rt.withCString(link, (p) => writtenText(rt, (out, cap) => m._nn_model_write(net, format, p, out, cap)));
}
