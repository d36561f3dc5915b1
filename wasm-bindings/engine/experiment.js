// experiment.js — the Experiment class: one nn_experiment of the engine (config, data, network,
// curves) held in wasm memory, until dispose(). Its lecture and state-transfer calls are in
// lecture.js and transfer.js.

import { INTERNAL, INT_MAX, checkInt, checkFinite } from './runtime.js';
import { change } from './changes.js';
import { readState, writtenText } from './config.js';
import { readShape, readNetwork, readLayout, NET_FIELDS, NET_PARAMS } from './network.js';
import { saveState, loadState } from './transfer.js';
import { misclassifiedView, perceptronReport } from './lecture.js';
import { numClasses, confusion, evaluateClasses } from './classes.js';

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').Notice} Notice
 * @typedef {import('./types.js').State} State
 * @typedef {import('./types.js').Derived} Derived
 * @typedef {import('./types.js').Layout} Layout
 * @typedef {import('./types.js').NetworkNode} NetworkNode
 * @typedef {import('./network.js').NetShape} NetShape
 * @typedef {import('./types.js').TrainTest} TrainTest
 * @typedef {import('./types.js').CurveRows} CurveRows
 * @typedef {import('./types.js').Points} Points
 * @typedef {import('./types.js').PerceptronReport} PerceptronReport
 * @typedef {import('./types.js').BackpropTrace} BackpropTrace
 * @typedef {import('./types.js').LayerStats} LayerStats
 * @typedef {import('./types.js').Confusion} Confusion
 */

/** A curve row that `train(epochs, every)` did not evaluate (core/experiment.h: NN_NOT_EVALUATED;
 * losses and accuracies are never negative). */
export const NOT_EVALUATED = -1;
const GRID_MIN = 2;
const GRID_MAX = 200;
/** One node alone: as fine as a heatmap's device pixels (core/grid.h: NN_GRID_MAX_NODE_DENSITY). */
const NODE_GRID_MAX = 2048;

/** A curve view [train0, test0, ...] as rows [train, test]; [null, null] where not evaluated.
 * @param {Float64Array} curve @returns {CurveRows} */
function curveRows(curve) {
  const rows = [];
  for (let i = 0; i < curve.length; i += 2) {
    rows.push(curve[i] === NOT_EVALUATED ? [null, null] : [curve[i], curve[i + 1]]);
  }
  return rows;
}

/** One experiment: config, data, network and loss history, held in wasm memory. */
export class Experiment {
  #rt;
  /** nn_experiment*, 0 once disposed */
  #ptr;
  /** @type {Notice[]} */
  #notices;
  /** #net()'s answer, kept while the network stays put (the frame loop then allocates no
   * layout arrays). @type {NetShape | null} */
  #shape = null;
  /** The views params(), dead(), nodeOutputs(), evaluateGrid() and dropoutMask() last gave.
   * @type {Map<string, Float64Array | Float32Array | Uint8Array>} */
  #views = new Map();
  #f64 = (/** @type {number} */ ptr, /** @type {number} */ n) => this.#rt.f64(ptr, n);
  #f32 = (/** @type {number} */ ptr, /** @type {number} */ n) => this.#rt.f32(ptr, n);
  #u8 = (/** @type {number} */ ptr, /** @type {number} */ n) => this.#rt.u8(ptr, n);

  /** @param {symbol} token @param {Runtime} rt @param {number} ptr @param {Notice[]} notices */
  constructor(token, rt, ptr, notices) {
    if (token !== INTERNAL) throw new TypeError('use engine.experiment(hash) to get an Experiment');
    this.#rt = rt;
    this.#ptr = ptr;
    this.#notices = notices;
  }

  /** The C handle; throws once disposed. */
  #handle() {
    if (!this.#ptr) throw new Error('nnplay: this Experiment has been disposed');
    return this.#ptr;
  }

  /**
   * The network pointer and its layout numbers (small copies, not views; never hand out its
   * arrays). Cached per network: rebuilt only when the network or one of its arrays moved,
   * and after reset(), regenerate(), restoreFinite() and dispose(), which may rebuild it (a new
   * method that can rebuild the network must call #forgetShape() as well).
   * @returns {NetShape}
   */
  #net() {
    const m = this.#rt.m;
    const net = m._nn_experiment_network(this.#handle());
    const block = m._nnw_net_read(net);
    const at = (/** @type {number} */ i) => this.#rt.int32At(block + 4 * i);
    const cached = this.#shape;
    if (cached && cached.net === net && cached.params === at(NET_PARAMS) && cached.dead === at(NET_PARAMS + 1)
        && cached.output === at(NET_PARAMS + 2)) return cached;
    this.#shape = readShape(this.#rt, net, this.#rt.i32(block, NET_FIELDS));
    return this.#shape;
  }

  #forgetShape() {
    this.#shape = null;
    this.#views.clear();
  }

  /**
   * The view `key` gave last time if it still covers ptr[0..n) (memory growth detaches views:
   * their length is 0 then), else a new one: the frame loop's views are taken once, not per
   * frame.
   * @template {Float64Array | Float32Array | Uint8Array} V
   * @param {string} key @param {(ptr: number, n: number) => V} make @param {number} ptr @param {number} n
   * @returns {V}
   */
  #view(key, make, ptr, n) {
    const v = /** @type {V | undefined} */ (this.#views.get(key));
    if (v && n > 0 && v.length === n && v.byteOffset === ptr) return v;
    const fresh = make(ptr, n);
    this.#views.set(key, fresh);
    return fresh;
  }

  /** @param {number} which 0 = train, 1 = test @returns {Float64Array} [x, y, label, ...] */
  #points(which) {
    const rt = this.#rt;
    const e = this.#handle();
    const ptr = which === 0 ? rt.m._nn_experiment_train_points(e, rt.scratch)
                            : rt.m._nn_experiment_test_points(e, rt.scratch);
    return rt.f64(ptr, rt.scratchInt() * 3);
  }

  /** Epochs trained since create/reset. */
  get epoch() {
    return this.#rt.m._nn_experiment_epoch(this.#handle());
  }

  /**
   * Trains `epochs` epochs (TFP's oneStep each), evaluating the losses at every epoch, or with
   * `every` > 1 only at its multiples and the last epoch (core/experiment.h).
   * @param {number} [epochs] integer >= 0 @param {number} [every] integer >= 1
   */
  train(epochs = 1, every = 1) {
    const e = this.#handle();
    checkInt('train(epochs): epochs', epochs, 0, INT_MAX);
    checkInt('train(epochs, every): every', every, 1, INT_MAX);
    this.#rt.check(this.#rt.m._nn_experiment_train_sampled(e, epochs, every));
  }

  /** The current losses. @returns {TrainTest} */
  loss() {
    const curve = this.lossCurveView();
    return { train: curve[curve.length - 2], test: curve[curve.length - 1] };
  }

  /** [[train, test], ...] for epochs 0..epoch ([null, null] where not evaluated).
   * @returns {CurveRows} */
  lossCurve() {
    return curveRows(this.lossCurveView());
  }

  /** Zero-copy view [train0, test0, train1, test1, ...]; re-take it after any allocating call. */
  lossCurveView() {
    const rt = this.#rt;
    const ptr = rt.m._nn_experiment_loss_curve(this.#handle(), rt.scratch);
    return rt.f64(ptr, rt.scratchInt() * 2);
  }

  /** The current accuracies: fraction of points classified right (NaN for regression).
   * @returns {TrainTest} */
  accuracy() {
    const curve = this.accuracyCurveView();
    return { train: curve[curve.length - 2], test: curve[curve.length - 1] };
  }

  /** [[train, test], ...] for epochs 0..epoch, parallel to lossCurve(). @returns {CurveRows} */
  accuracyCurve() {
    return curveRows(this.accuracyCurveView());
  }

  /** Zero-copy view of the accuracy curve [train0, test0, ...], parallel to lossCurveView(). */
  accuracyCurveView() {
    const rt = this.#rt;
    const ptr = rt.m._nn_experiment_accuracy_curve(this.#handle(), rt.scratch);
    return rt.f64(ptr, rt.scratchInt() * 2);
  }

  /** Classes told apart: 0 (regression), 2, or K (one output node each, softmax). */
  get classes() { return numClasses(this.#rt, this.#handle()); }

  /** The confusion matrices now (null for regression). @returns {Confusion | null} */
  confusion() { return confusion(this.#rt, this.#handle()); }

  /** K classes: zero-copy [class per cell..., its probability per cell...] over density².
   * @param {number} density 2..2048 @returns {Float32Array} */
  evaluateClasses(density) { return evaluateClasses(this.#rt, this.#handle(), density); }

  /** The first epoch whose losses or parameters were not finite, or -1. */
  divergedAt() {
    return this.#rt.m._nn_experiment_diverged_at(this.#handle());
  }

  /** The last epoch before divergence whose state was finite (the current epoch if none). */
  lastFiniteEpoch() {
    return this.#rt.m._nn_experiment_last_finite_epoch(this.#handle());
  }

  /** After divergence: back to lastFiniteEpoch() with the settings then, curves truncated
   * there, later changes dropped from the link. Otherwise nothing. */
  restoreFinite() {
    this.#forgetShape();
    this.#rt.check(this.#rt.m._nn_experiment_restore_finite(this.#handle()));
  }

  /** The training and test points as CSV, `x,y,label,set` (core/points_file.h). */
  pointsCsv() {
    return writtenText(this.#rt, (out, cap) => this.#rt.m._nnw_experiment_points_csv(this.#handle(), out, cap));
  }

  /**
   * The whole training state, with the curve rows of epochs since+1..epoch, as bytes for
   * loadState() of an experiment of the same hash (the page's training worker).
   * @param {number} [since] @returns {Uint8Array} a copy
   */
  saveState(since = 0) {
    return saveState(this.#rt, this.#handle(), since, this.epoch);
  }

  /** Takes a state from saveState() of an experiment of the same hash. @param {Uint8Array} bytes */
  loadState(bytes) {
    loadState(this.#rt, this.#handle(), bytes);
  }

  /** Zero-copy view of the last training pass's dropout factors, one per node (0 = dropped). */
  dropoutMask() {
    const rt = this.#rt;
    const ptr = rt.m._nn_experiment_dropout_mask(this.#handle(), rt.scratch);
    return this.#view('dropoutMask', this.#f64, ptr, rt.scratchInt());
  }

  /** Perceptron mode: misclassified training points after each epoch 0..epoch ([] for an MLP).
   * @returns {number[]} */
  misclassifiedCurve() {
    return Array.from(this.misclassifiedCurveView());
  }

  /** Zero-copy view of misclassifiedCurve(); re-take it after any allocating call. */
  misclassifiedCurveView() {
    return misclassifiedView(this.#rt, this.#handle());
  }

  /** The perceptron's verdict so far (core/perceptron.h). @returns {PerceptronReport} */
  perceptronReport() {
    return perceptronReport(this.#rt, this.#handle());
  }

  /**
   * Every number of one batch-1 training step on training point `point`, stage by stage
   * (core/backprop_trace.h). The experiment is not changed. The lab engine's only.
   * @param {number} point index into data().train @returns {BackpropTrace}
   */
  backpropTrace(point) {
    return this.#rt.needLab('backpropTrace()').backpropTrace(this.#rt, this.#handle(), () => this.#points(0), point);
  }

  /** Each layer's activations and error signals over the training points, summarised
   * (core/layer_stats.h). The experiment is not changed. @returns {LayerStats} */
  layerStats() {
    return this.#rt.needLab('layerStats()').layerStats(this.#rt, this.#handle());
  }

  /** The trained network as a model file with the link (core/model_export.h): 'json' the model
   * JSON, 'python' a stand-alone Python file defining predict(x1, x2). RangeError for another
   * kind, a perceptron or a non-finite parameter. The lab engine's only.
   * @param {'json' | 'python'} kind @returns {string} */
  modelFile(kind) {
    return this.#rt.needLab('modelFile()').modelFile(this.#rt, this.#handle(), kind);
  }

  /** The points as [x, y, label] in TFP's order. @returns {Points} */
  data() {
    const rows = (/** @type {Float64Array} */ v) => {
      const out = [];
      for (let i = 0; i < v.length; i += 3) out.push([v[i], v[i + 1], v[i + 2]]);
      return out;
    };
    return { train: rows(this.#points(0)), test: rows(this.#points(1)) };
  }

  /** @returns {NetworkNode[][]} per layer after the input layer, nodes in order */
  network() {
    return readNetwork(this.#rt, this.#net());
  }

  /** The settings now (the link's base with the changes applied so far), seed included.
   * @returns {State} */
  state() {
    return readState(this.#rt, this.#rt.m._nn_experiment_config(this.#handle()));
  }

  /** The link of the screen (no '#'): the base parameters (seed included), `epoch=` when > 0
   * and the changes applied so far (core/changelog.h). */
  hash() {
    const e = this.#handle();
    return writtenText(this.#rt, (out, cap) => this.#rt.m._nn_experiment_link(e, out, cap));
  }

  /** The epoch the link asked for (its `epoch=`, 0 without). */
  targetEpoch() {
    return this.#rt.m._nn_experiment_target_epoch(this.#handle());
  }

  /**
   * A live change at the current epoch, logged in the link: training continues with it.
   * RangeError, nothing changed, for a parameter that is not live or a refused value.
   * @param {string} name a live URL parameter (learningRate, optimizer, batchSize, ...)
   * @param {string} value as a link writes it ("0.3", "adam")
   */
  change(name, value) {
    change(this.#rt, this.#handle(), name, value);
  }

  /** What the hash asked for that was ignored or corrected, and why. @returns {Notice[]} */
  notices() {
    this.#handle();
    return this.#notices.map((n) => ({ ...n }));
  }

  /** Quantities TFP derives from the state (as in the fixtures' `derived`). @returns {Derived} */
  derived() {
    const rt = this.#rt;
    const e = this.#handle();
    const layout = this.layout();
    const numTrain = this.#points(0).length / 3;
    const numTest = this.#points(1).length / 3;
    rt.m._nnw_experiment_draw_counts(e, rt.scratch);
    const [generator, shuffle, weights] = rt.f64(rt.scratch, 3);
    return {
      input_ids: layout.inputIds,
      layer_sizes: layout.layerSizes,
      output_activation: layout.outputActivation,
      num_samples: numTrain + numTest,
      generator_noise_argument: readState(rt, rt.m._nn_experiment_config(e)).noise / 100,
      split_index: numTrain,
      num_train: numTrain,
      num_test: numTest,
      math_random_draws: { generator, shuffle, weights },
    };
  }

  /** Where each layer's nodes and parameters sit (core/network.h). @returns {Layout} */
  layout() {
    return readLayout(this.#rt, this.#net());
  }

  /** Zero-copy, writable view of every parameter; call refreshLoss() after writing. */
  params() {
    const { params, numParams } = this.#net();
    return this.#view('params', this.#f64, params, numParams);
  }

  /** Zero-copy view of the dead-link flags (L1), parallel to params(). */
  dead() {
    const { dead, numParams } = this.#net();
    return this.#view('dead', this.#u8, dead, numParams);
  }

  /** Zero-copy view of every node's last output, nodes in network order. */
  nodeOutputs() {
    const { output, numNodes } = this.#net();
    return this.#view('nodeOutputs', this.#f64, output, numNodes);
  }

  /**
   * Every node's output over a density×density grid of [-6, 6]² (row 0 at y = +6), for drawing.
   * @param {number} density integer, 2..200
   * @returns {Float32Array} numNodes slices of density², nodes in network order (zero-copy)
   */
  evaluateGrid(density) {
    const rt = this.#rt;
    const e = this.#handle();
    checkInt('evaluateGrid(density): density', density, GRID_MIN, GRID_MAX);
    const ptr = rt.checkPtr(rt.m._nn_experiment_evaluate_grid(e, density, rt.scratch), rt.scratchInt());
    return this.#view('grid', this.#f32, ptr, this.#net().numNodes * density * density);
  }

  /**
   * One node's slice of evaluateGrid(density) alone (the same values), for a heatmap finer than
   * the thumbnails: only the layers up to the node's are computed.
   * @param {number} node network order, 0..numNodes-1 @param {number} density integer, 2..2048
   * @returns {Float32Array} density² values, row 0 at y = +6 (zero-copy)
   */
  evaluateNode(node, density) {
    const rt = this.#rt;
    const e = this.#handle();
    checkInt('evaluateNode(node, density): node', node, 0, this.#net().numNodes - 1);
    checkInt('evaluateNode(node, density): density', density, GRID_MIN, NODE_GRID_MAX);
    const ptr = rt.checkPtr(rt.m._nn_experiment_evaluate_node(e, node, density, rt.scratch), rt.scratchInt());
    return this.#view('node', this.#f32, ptr, density * density);
  }

  /**
   * Sets the weight of the link from node `from` of layer `layer - 1` to node `to` of `layer`
   * (network()[layer - 1][to].weights[from]); a hand edit logged in the link, losses recomputed.
   * @param {number} layer 1..numLayers-1 @param {number} from @param {number} to @param {number} value
   */
  setWeight(layer, from, to, value) {
    const { sizes } = this.#net();
    checkInt('setWeight: layer', layer, 1, sizes.length - 1);
    checkInt('setWeight: from', from, 0, sizes[layer - 1] - 1);
    checkInt('setWeight: to', to, 0, sizes[layer] - 1);
    checkFinite('setWeight: value', value);
    this.#rt.check(this.#rt.m._nn_experiment_set_weight(this.#handle(), layer, from, to, value));
  }

  /** Sets the bias of node `node` of layer `layer` (1..numLayers-1); logged in the link.
   * @param {number} layer @param {number} node @param {number} value */
  setBias(layer, node, value) {
    const { sizes } = this.#net();
    checkInt('setBias: layer', layer, 1, sizes.length - 1);
    checkInt('setBias: node', node, 0, sizes[layer] - 1);
    checkFinite('setBias: value', value);
    this.#rt.check(this.#rt.m._nn_experiment_set_bias(this.#handle(), layer, node, value));
  }

  /** Recomputes the current losses after writing params() (the curve's last row is replaced). */
  refreshLoss() {
    this.#rt.m._nn_experiment_refresh_loss(this.#handle());
  }

  /** Back to epoch 0: same data, same initial weights, the settings now as the link's base,
   * no changes. */
  reset() {
    this.#forgetShape();
    this.#rt.check(this.#rt.m._nn_experiment_reset(this.#handle()));
  }

  /** TFP's "regenerate": a new seed from the running stream, then rebuilt as a fresh load of
   * the settings now (no changes). */
  regenerate() {
    this.#forgetShape();
    this.#rt.check(this.#rt.m._nn_experiment_regenerate(this.#handle()));
  }

  /** Frees the C side. Safe to call twice; any other use afterwards throws. */
  dispose() {
    if (this.#ptr) this.#rt.m._nn_experiment_destroy(this.#ptr);
    this.#ptr = 0;
    this.#forgetShape();
  }

  /** True once dispose() has been called. */
  get disposed() {
    return this.#ptr === 0;
  }
}
