/**
 * @file engine.js — the nnplay engine for JavaScript: one class per C handle, explicit dispose().
 *
 * CONTRACT (the page and the tests program against exactly this):
 *
 *     import { loadEngine } from './engine.js';
 *     const engine = await loadEngine();            // instantiates the wasm module once
 *
 *     engine.parseHash(hash)  -> { state, notices, hash }   // no experiment built
 *         hash: location.hash without '#'. state: plain object, TFP's names as in the fixtures'
 *         `state` (plus `hide` map); notices: [{param, value, reason}]; hash: the canonical
 *         serialization of the parsed state (seed left out when none was given).
 *
 *     const ex = engine.experiment(hash, { unseededRandom })   // -> Experiment
 *         unseededRandom: number in [0,1) used when the hash has no seed (seed = toFixed(5));
 *         defaults to Math.random().
 *
 *     class Experiment
 *       epoch                       number of epochs trained since create/reset
 *       train(epochs = 1, every = 1) trains; epochs must be an integer >= 0 (else RangeError).
 *                                    every > 1 evaluates the losses only at epochs that are
 *                                    multiples of `every` and at the last one (the same training;
 *                                    for a display that shows no more): the other rows of the
 *                                    curves hold NOT_EVALUATED
 *       loss()                      {train, test}
 *       lossCurve()                 [[train, test], ...] rows 0..epoch; rows not evaluated are
 *                                    [null, null]
 *       lossCurveView()             Float64Array view [train0, test0, train1, ...] (zero-copy)
 *       data()                      {train: [[x, y, label], ...], test: [...]}
 *       network()                   [[{id, bias, weights: [...]}, ...], ...] per layer after input
 *       state()                     as engine.parseHash(...).state, with the seed actually used
 *       hash()                      the canonical URL hash of this experiment (seed included)
 *       notices()                   [{param, value, reason}] from parsing the hash
 *       derived()                   {input_ids, layer_sizes, output_activation, num_samples,
 *                                    generator_noise_argument, split_index, num_train, num_test,
 *                                    math_random_draws: {generator, shuffle, weights}}
 *       layout()                    {layerSizes, nodeIds, inputIds, weightOffset, biasOffset,
 *                                    numNodes, numParams}   (see core/network.h)
 *       params()                    Float64Array view of all parameters (zero-copy, writable:
 *                                    write then call refreshLoss())
 *       dead()                      Uint8Array view of dead flags, parallel to params()
 *       nodeOutputs()               Float64Array view of every node's last output
 *       evaluateGrid(density)       Float32Array view: numNodes slices of density*density,
 *                                    row 0 at y = +6; 2 <= density <= 200 (else RangeError)
 *       setWeight(layer, from, to, value), setBias(layer, node, value)   hand edits; losses refreshed
 *       refreshLoss()               recompute current losses after writing params()
 *       reset()                     back to the link's initial state (epoch 0)
 *       regenerate()                new seed from the running stream, rebuilt (TFP's regenerate)
 *       dispose()                   frees the C side; any later use throws Error('... disposed')
 *
 *     Beyond the first contract (engine features added since):
 *       accuracy()                  {train, test}: fraction of points classified right (NaN for
 *                                    regression or an empty set)
 *       accuracyCurve()             [[train, test], ...], parallel to lossCurve() (the same rows null)
 *       accuracyCurveView()         Float64Array view [train0, test0, ...], parallel to the loss curve
 *       divergedAt()                first epoch whose losses or parameters were not finite, or -1
 *       lastFiniteEpoch()           the last epoch before that (the current epoch if none)
 *       restoreFinite()             back to lastFiniteEpoch() after divergence (curves truncated)
 *       dropoutMask()               Float64Array view, one factor per node (0 = dropped) from
 *                                    the last training pass
 *       saveState(since = 0)        Uint8Array: the whole training state and the curve rows of
 *                                    epochs since+1..epoch (core/experiment.h), to move training
 *                                    to another engine; RangeError unless 0 <= since <= epoch,
 *                                    and in perceptron mode
 *       loadState(bytes)            takes such a state, saved by an experiment of the same hash:
 *                                    this one then trains on exactly as that one would; RangeError
 *                                    (nothing changed) for a state of another experiment
 *
 *     The lecture (core/perceptron.h, core/backprop_trace.h, core/lessons.h):
 *       engine.lessons()            [{id, title, goal, hash}] in course order (hash: the lesson's
 *                                    parameters, no '#'; the page opens `lesson=<id>`)
 *       misclassifiedCurve()        perceptron mode: [n0, n1, ...] misclassified training points
 *                                    after each epoch 0..epoch; [] in mlp mode
 *       misclassifiedCurveView()    the same as a zero-copy Int32Array view
 *       perceptronReport()          {verdict: 'undecided' | 'converged' | 'not-separable',
 *                                    convergedEpoch (or -1), misclassified (at the last epoch, -1
 *                                    in mlp mode), text: one English sentence for the page}
 *       backpropTrace(point)        every number of one batch-1 training step on training point
 *                                    `point` (data().train order), as a plain object:
 *                                    {point, x, y, target, prediction, error, errorDer,
 *                                    learningRate, total, output, outputDer, inputDer (per node),
 *                                    params, grad, paramsAfter (per parameter)}; the experiment
 *                                    is not changed. RangeError for a bad index or in
 *                                    perceptron mode (its rule is not backpropagation).
 *
 *     Views are re-taken on every call (memory growth detaches old ones): never cache them
 *     across a call that can allocate (train, evaluateGrid, reset, regenerate, experiment()).
 *     (A call may hand back the same view object as before while it is still valid, so a frame
 *     loop calling params(), dead(), evaluateGrid() allocates nothing.)
 *     Errors from C become exceptions with the engine's message (one funnel).
 *
 * Details beyond the contract lines above:
 * - Each loadEngine() call makes its own module instance (its own memory). A page needs one.
 *   The module is nnplay-wasm.wasm beside this file, fetched (compiled while it downloads) or,
 *   under Node, read from disk.
 * - A hash may also be given with its leading '#' (location.hash as it is); one '#' is dropped,
 *   as the CLI does. null/undefined mean "".
 * - `state` holds TFP's parameters (as in the fixtures) and nnplay's own: optimizer, momentum,
 *   rho, beta1, beta2, epsilon, init, dropout, loss, speed (a number, or 'max'); see
 *   core/config.h. `state.seed` is null in parseHash() when the hash has no usable seed;
 *   `state.tutorial` is null when none is set. `state.hide` maps each `<name>_hide` parameter
 *   to its boolean.
 * - `network()` adds `dead: [bool, ...]` (parallel to `weights`) to a node only when L1 has
 *   killed one of its links, as the fixtures' `network_after_1` does.
 * - `layout()` also gives `nodeOffset` (first node index of each layer) and the
 *   `hiddenActivation` / `outputActivation` names. Offsets are indexed by layer; [0] is unused
 *   for weights and biases. Layer 0 is the input layer.
 * - Argument errors are RangeError (TypeError for a hash that is not a string); engine
 *   failures are EngineError with the engine's message and `status`.
 */

/** nn_status values (core/experiment.h). */
const NN_OK = 0;
const NN_ERR_NOMEM = 1;
const NN_ERR_INVALID = 2;

/** config.h: NN_SPEED_MAX, "as many epochs per frame as fit" (state.speed 'max'). */
const NN_SPEED_MAX = 0;

const INT_MAX = 2147483647;
/** A curve row that `train(epochs, every)` did not evaluate (core/experiment.h: NN_NOT_EVALUATED;
 * losses and accuracies are never negative). */
export const NOT_EVALUATED = -1;
const GRID_MIN = 2;
const GRID_MAX = 200;

/**
 * @typedef {object} Notice  what the hash asked for that was ignored or corrected
 * @property {string} param
 * @property {string} value  (cut to 64 bytes, ending in "...")
 * @property {string} reason  one English sentence
 *
 * @typedef {Record<string, any>} State  TFP's parameter names, e.g. {activation: 'tanh',
 *   batchSize: 10, networkShape: [4, 2], seed: '0.12345', x: true, hide: {...}, ...}
 *
 * @typedef {object} ParsedHash
 * @property {State} state
 * @property {Notice[]} notices
 * @property {string} hash  canonical serialization (no seed when none was given)
 *
 * @typedef {object} Derived
 * @property {string[]} input_ids
 * @property {number[]} layer_sizes
 * @property {string} output_activation
 * @property {number} num_samples
 * @property {number} generator_noise_argument
 * @property {number} split_index
 * @property {number} num_train
 * @property {number} num_test
 * @property {{generator: number, shuffle: number, weights: number}} math_random_draws
 *
 * @typedef {object} Layout
 * @property {number[]} layerSizes
 * @property {string[]} nodeIds  input feature ids, then TFP's "1", "2", ...
 * @property {string[]} inputIds
 * @property {number[]} nodeOffset
 * @property {number[]} weightOffset
 * @property {number[]} biasOffset
 * @property {number} numNodes
 * @property {number} numParams
 * @property {string} hiddenActivation
 * @property {string} outputActivation
 *
 * @typedef {{id: string, bias: number, weights: number[], dead?: boolean[]}} NetworkNode
 *
 * @typedef {{id: string, title: string, goal: string, hash: string}} Lesson
 *
 * @typedef {object} PerceptronReport
 * @property {'undecided' | 'converged' | 'not-separable'} verdict
 * @property {number} convergedEpoch  first epoch with no misclassified training point, or -1
 * @property {number} misclassified  at the last epoch (-1 in mlp mode)
 * @property {string} text  one English sentence for the page
 *
 * @typedef {object} BackpropTrace  one batch-1 training step on one training point
 * @property {number} point  its index in data().train
 * @property {number} x
 * @property {number} y
 * @property {number} target  its label
 * @property {number} prediction  the output node's output
 * @property {number} error  E(prediction, target)
 * @property {number} errorDer  dE/d prediction
 * @property {number} learningRate
 * @property {number[]} total  per node: pre-activation (inputs: the feature value)
 * @property {number[]} output  per node: activation(total)
 * @property {number[]} outputDer  per node: dE/d output (0 for inputs)
 * @property {number[]} inputDer  per node: dE/d total, the error signal (0 for inputs)
 * @property {number[]} params  per parameter, before the update
 * @property {number[]} grad  per parameter: dE/d parameter
 * @property {number[]} paramsAfter  per parameter, after the update
 */

/**
 * @typedef {{net: number, params: number, sizes: number[], nodeOffset: number[],
 *   weightOffset: number[], biasOffset: number[], numNodes: number, numParams: number}} NetShape
 */

/** An engine failure (out of memory, ...), carrying the engine's message and nn_status. */
export class EngineError extends Error {
  /** @param {string} message @param {number} status */
  constructor(message, status) {
    super(message);
    this.name = 'EngineError';
    this.status = status;
  }
}

/**
 * Instantiates the wasm module and returns the engine.
 * @returns {Promise<Engine>}
 */
export async function loadEngine() {
  return new Engine(INTERNAL, new Runtime(await instantiate(new URL('nnplay-wasm.wasm', import.meta.url))));
}

/**
 * Instantiates the standalone engine module (wasm-bindings/CMakeLists.txt: no emcc JS loader)
 * and returns what the rest of this file calls "the module": `_name` for each C export, the
 * HEAPU8 view (re-taken after memory growth), and UTF8ToString / stringToUTF8 /
 * lengthBytesUTF8, as an emcc module would have them.
 * Its imports: the host's own Math (core/nnmath.h) and Number()/String() (core/state.c).
 * @param {URL} url @returns {Promise<Record<string, any>>}
 */
async function instantiate(url) {
  /** @type {WebAssembly.Memory} */
  let memory;
  // Views of the whole memory, re-taken once growth has detached them (length 0 then; memory
  // is never empty). Cheaper than comparing buffers, which matters in nnw_host_tanh_n.
  let heap = new Uint8Array(0);
  const u8 = () => (heap.length ? heap : (heap = new Uint8Array(memory.buffer)));
  let heap64 = new Float64Array(0);
  const f64 = () => (heap64.length ? heap64 : (heap64 = new Float64Array(memory.buffer)));
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  /** UTF-8 of s into out[0..cap) with a NUL after it (cut to cap - 1 bytes); bytes written.
   * @param {string} s @param {number} out @param {number} cap */
  const writeUtf8 = (s, out, cap) => {
    if (cap <= 0) return 0;
    const { written = 0 } = encoder.encodeInto(s, u8().subarray(out, out + cap - 1));
    u8()[out + written] = 0;
    return written;
  };
  const env = {
    emscripten_math_sin: Math.sin,
    emscripten_math_cos: Math.cos,
    emscripten_math_exp: Math.exp,
    emscripten_math_log: Math.log,
    emscripten_math_tanh: Math.tanh,
    emscripten_math_pow: Math.pow,
    emscripten_notify_memory_growth: () => {}, // u8() and f64() notice the new buffer by themselves
    // A layer's tanh in one call (core/nnmath.h); the arrays are doubles, so 8-byte aligned.
    nnw_host_tanh_n: (/** @type {number} */ out, /** @type {number} */ x, /** @type {number} */ n) => {
      const h = f64();
      out >>>= 3;
      x >>>= 3;
      for (let i = 0; i < n; i++) h[out + i] = Math.tanh(h[x + i]);
    },
    nnw_js_number: (/** @type {number} */ s, /** @type {number} */ len) => Number(decoder.decode(u8().subarray(s, s + len))),
    nnw_js_number_to_string: (/** @type {number} */ x, /** @type {number} */ out, /** @type {number} */ cap) => writeUtf8(String(x), out, cap),
  };
  /** @type {WebAssembly.WebAssemblyInstantiatedSource} */
  let source;
  if (url.protocol === 'file:') { // Node
    // @ts-ignore -- Node's module; the page is type-checked without Node's types
    const { readFile } = await import('node:fs/promises');
    source = await WebAssembly.instantiate(await readFile(url), { env });
  } else {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
    // Streaming compilation needs the wasm MIME type; a server without it still works.
    source = response.headers.get('Content-Type')?.startsWith('application/wasm')
      ? await WebAssembly.instantiateStreaming(response, { env })
      : await WebAssembly.instantiate(await response.arrayBuffer(), { env });
  }
  const exports = source.instance.exports;
  memory = /** @type {WebAssembly.Memory} */ (exports.memory);
  /** @type {Record<string, any>} */
  const m = {
    get HEAPU8() { return u8(); },
    /** @param {number} ptr NUL-terminated UTF-8 */
    UTF8ToString(ptr) {
      const h = u8();
      let end = ptr;
      while (h[end]) end++;
      return decoder.decode(h.subarray(ptr, end));
    },
    stringToUTF8: writeUtf8,
    /** @param {string} s */
    lengthBytesUTF8: (s) => encoder.encode(s).length,
  };
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'function') m[`_${name}`] = value;
  }
  /** @type {() => void} */ (exports._initialize)(); // C constructors: a standalone module leaves them to the host
  return m;
}

const INTERNAL = Symbol('nnplay internal');

/** A curve view [train0, test0, ...] as rows [train, test]; [null, null] where not evaluated.
 * @param {Float64Array} curve @returns {(number | null)[][]} */
function curveRows(curve) {
  const rows = [];
  for (let i = 0; i < curve.length; i += 2) {
    rows.push(curve[i] === NOT_EVALUATED ? [null, null] : [curve[i], curve[i + 1]]);
  }
  return rows;
}

/** @param {string} what @param {unknown} v @param {number} min @param {number} max */
function checkInt(what, v, min, max) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${describe(v)}`);
  }
  return v;
}

/** @param {string} what @param {unknown} v */
function checkFinite(what, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new RangeError(`${what} must be a finite number, got ${describe(v)}`);
  }
  return v;
}

/** @param {unknown} v */
function describe(v) {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The module, a scratch block for out-parameters, and the one error funnel. */
class Runtime {
  /** @param {any} m the emcc module */
  constructor(m) {
    this.m = m;
    /** 24 bytes for out-parameters: an int / nn_status at offset 0, or 3 doubles (draw counts) */
    this.scratch = m._malloc(24);
    this.heap32 = new Int32Array(0);
    if (!this.scratch) this.check(NN_ERR_NOMEM);
  }

  /** The one place a status becomes an exception. @param {number} status */
  check(status) {
    if (status === NN_OK) return;
    const message = this.m.UTF8ToString(this.m._nn_status_message(status)) || `status ${status}`;
    throw status === NN_ERR_INVALID ? new RangeError(message) : new EngineError(message, status);
  }

  /** A pointer result: NULL is a failure with `status` (NN_ERR_NOMEM when none was reported).
   * @param {number} ptr @param {number} [status] */
  checkPtr(ptr, status = NN_ERR_NOMEM) {
    if (!ptr) this.check(status === NN_OK ? NN_ERR_NOMEM : status);
    return ptr;
  }

  /** The int at the scratch block, through one view of all memory (re-taken once growth has
   * detached it: a detached view has length 0), so the per-frame getters allocate nothing. */
  scratchInt() {
    if (!this.heap32.length) this.heap32 = new Int32Array(this.m.HEAPU8.buffer);
    return this.heap32[this.scratch >> 2];
  }

  /** @param {number} ptr @returns {string | null} */
  string(ptr) { return ptr ? this.m.UTF8ToString(ptr) : null; }

  /** Calls fn with a NUL-terminated UTF-8 copy of s in wasm memory, freed afterwards.
   * @template T @param {string} s @param {(ptr: number) => T} fn @returns {T} */
  withCString(s, fn) {
    const size = this.m.lengthBytesUTF8(s) + 1;
    const ptr = this.checkPtr(this.m._malloc(size));
    try {
      this.m.stringToUTF8(s, ptr, size);
      return fn(ptr);
    } finally {
      this.m._free(ptr);
    }
  }

  // Fresh views over the current buffer: growth detaches old ones.
  /** @param {number} ptr @param {number} n */
  f64(ptr, n) { return new Float64Array(this.m.HEAPU8.buffer, ptr, n); }
  /** @param {number} ptr @param {number} n */
  f32(ptr, n) { return new Float32Array(this.m.HEAPU8.buffer, ptr, n); }
  /** @param {number} ptr @param {number} n */
  i32(ptr, n) { return new Int32Array(this.m.HEAPU8.buffer, ptr, n); }
  /** @param {number} ptr @param {number} n */
  u8(ptr, n) { return new Uint8Array(this.m.HEAPU8.buffer, ptr, n); }

  /** Parses a hash; fn gets the nnw_parsed pointer, which is freed afterwards.
   * @template T @param {unknown} hash @param {(parsed: number) => T} fn @returns {T} */
  withParsed(hash, fn) {
    if (hash === undefined || hash === null) hash = '';
    if (typeof hash !== 'string') throw new TypeError(`hash must be a string, got ${typeof hash}`);
    const text = hash.startsWith('#') ? hash.slice(1) : hash; // location.hash as it is, like the CLI
    const parsed = this.checkPtr(this.withCString(text, (p) => this.m._nnw_parse(p)));
    try {
      return fn(parsed);
    } finally {
      this.m._nnw_parsed_free(parsed);
    }
  }

  /** @param {number} cfg nn_config* @returns {State} */
  state(cfg) {
    const m = this.m;
    const str = (/** @type {number} */ p) => this.string(p);
    const bool = (/** @type {number} */ v) => v !== 0;
    /** @type {Record<string, boolean>} */
    const features = {};
    for (let f = 0, n = m._nnw_feature_count(); f < n; f++) {
      features[/** @type {string} */ (str(m._nn_feature_name(f)))] = bool(m._nnw_cfg_feature(cfg, f));
    }
    const speed = m._nnw_cfg_speed(cfg);
    /** @type {Record<string, boolean>} */
    const hide = {};
    for (let i = 0, n = m._nnw_cfg_num_hide(cfg); i < n; i++) {
      hide[`${str(m._nnw_cfg_hide_name(cfg, i))}_hide`] = bool(m._nnw_cfg_hide_value(cfg, i));
    }
    return {
      activation: str(m._nnw_cfg_activation(cfg)),
      regularization: str(m._nnw_cfg_regularization(cfg)),
      batchSize: m._nnw_cfg_batch_size(cfg),
      dataset: str(m._nnw_cfg_dataset(cfg)),
      regDataset: str(m._nnw_cfg_reg_dataset(cfg)),
      learningRate: m._nnw_cfg_learning_rate(cfg),
      regularizationRate: m._nnw_cfg_regularization_rate(cfg),
      noise: m._nnw_cfg_noise(cfg),
      networkShape: Array.from(this.i32(m._nnw_cfg_network_shape(cfg), m._nnw_cfg_num_hidden_layers(cfg))),
      seed: str(m._nnw_cfg_seed(cfg)) || null,
      showTestData: bool(m._nnw_cfg_show_test_data(cfg)),
      discretize: bool(m._nnw_cfg_discretize(cfg)),
      percTrainData: m._nnw_cfg_perc_train_data(cfg),
      x: features.x,
      y: features.y,
      xTimesY: features.xTimesY,
      xSquared: features.xSquared,
      ySquared: features.ySquared,
      cosX: bool(m._nnw_cfg_cos_x(cfg)),
      sinX: features.sinX,
      cosY: bool(m._nnw_cfg_cos_y(cfg)),
      sinY: features.sinY,
      collectStats: bool(m._nnw_cfg_collect_stats(cfg)),
      tutorial: str(m._nnw_cfg_tutorial(cfg)) || null,
      problem: str(m._nnw_cfg_problem(cfg)),
      initZero: bool(m._nnw_cfg_init_zero(cfg)),
      hideText: bool(m._nnw_cfg_hide_text(cfg)),
      hide,
      // nnplay's own, beyond TFP
      optimizer: str(m._nnw_cfg_optimizer(cfg)),
      momentum: m._nnw_cfg_momentum(cfg),
      rho: m._nnw_cfg_rho(cfg),
      beta1: m._nnw_cfg_beta1(cfg),
      beta2: m._nnw_cfg_beta2(cfg),
      epsilon: m._nnw_cfg_epsilon(cfg),
      init: str(m._nnw_cfg_init(cfg)),
      dropout: m._nnw_cfg_dropout(cfg),
      loss: str(m._nnw_cfg_loss(cfg)),
      speed: speed === NN_SPEED_MAX ? 'max' : speed,
      // the lecture's
      model: str(m._nnw_cfg_model(cfg)),
      mode: str(m._nnw_cfg_mode(cfg)),
      lesson: str(m._nnw_cfg_lesson(cfg)) || null,
    };
  }

  /** @param {number} notices nn_notices* @returns {Notice[]} */
  notices(notices) {
    const m = this.m;
    /** @type {Notice[]} */
    const out = [];
    for (let i = 0, n = m._nnw_notices_count(notices); i < n; i++) {
      out.push({
        param: /** @type {string} */ (this.string(m._nnw_notice_param(notices, i))),
        value: /** @type {string} */ (this.string(m._nnw_notice_value(notices, i))),
        reason: /** @type {string} */ (this.string(m._nnw_notice_reason(notices, i))),
      });
    }
    const dropped = m._nnw_notices_dropped(notices);
    if (dropped > 0) {
      out.push({ param: '', value: '', reason: `${dropped} further notice(s) not kept` });
    }
    return out;
  }

  /** The canonical hash of a config. @param {number} cfg nn_config* */
  serialize(cfg) {
    const m = this.m;
    const size = (m._nn_state_serialize(cfg, 0, 0) >>> 0) + 1;
    const buf = this.checkPtr(m._malloc(size));
    try {
      m._nn_state_serialize(cfg, buf, size);
      return m.UTF8ToString(buf);
    } finally {
      m._free(buf);
    }
  }
}

/** The engine: parses hashes and builds experiments. Get one from loadEngine(). */
export class Engine {
  #rt;

  /** @param {symbol} token @param {Runtime} rt */
  constructor(token, rt) {
    if (token !== INTERNAL) throw new TypeError('use loadEngine() to get an Engine');
    this.#rt = rt;
  }

  /**
   * Parses a URL hash (location.hash without '#') without building anything.
   * Malformed values never throw: they keep their defaults and produce notices.
   * @param {string} hash
   * @returns {ParsedHash}
   */
  parseHash(hash) {
    const rt = this.#rt;
    return rt.withParsed(hash, (parsed) => {
      const cfg = rt.m._nnw_parsed_config(parsed);
      return { state: rt.state(cfg), notices: rt.notices(rt.m._nnw_parsed_notices(parsed)), hash: rt.serialize(cfg) };
    });
  }

  /**
   * Builds the experiment a fresh load of this URL hash gives in TFP.
   * @param {string} hash location.hash without '#'
   * @param {{unseededRandom?: number}} [options] unseededRandom in [0, 1): the unseeded
   *   Math.random() draw that names the seed when the hash has none (default Math.random())
   * @returns {Experiment}
   */
  experiment(hash, { unseededRandom = Math.random() } = {}) {
    if (typeof unseededRandom !== 'number' || !(unseededRandom >= 0 && unseededRandom < 1)) {
      throw new RangeError(`unseededRandom must be a number in [0, 1), got ${describe(unseededRandom)}`);
    }
    const rt = this.#rt;
    return rt.withParsed(hash, (parsed) => {
      const notices = rt.notices(rt.m._nnw_parsed_notices(parsed));
      const ptr = rt.m._nnw_experiment_create(parsed, unseededRandom, rt.scratch);
      rt.checkPtr(ptr, rt.scratchInt());
      return new Experiment(INTERNAL, rt, ptr, notices);
    });
  }

  /** The course's lessons, in order (core/lessons.h). @returns {Lesson[]} */
  lessons() {
    const m = this.#rt.m;
    const str = (/** @type {number} */ p) => /** @type {string} */ (this.#rt.string(p));
    /** @type {Lesson[]} */
    const out = [];
    for (let i = 0, n = m._nn_lesson_count(); i < n; i++) {
      out.push({ id: str(m._nn_lesson_id(i)), title: str(m._nn_lesson_title(i)), goal: str(m._nn_lesson_goal(i)), hash: str(m._nn_lesson_hash(i)) });
    }
    return out;
  }

  /** Size of the wasm memory in bytes (it only grows); for diagnostics and the memory test. */
  memoryBytes() {
    return this.#rt.m.HEAPU8.buffer.byteLength;
  }

  /** Bytes currently allocated by the engine's malloc; for diagnostics and leak tests. */
  heapBytesInUse() {
    return this.#rt.m._nnw_heap_bytes_in_use();
  }
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
   * arrays). Cached per network: rebuilt only when the network or its parameter block moved,
   * and after reset(), regenerate(), restoreFinite() and dispose(), which may rebuild it (a new
   * method that can rebuild the network must call #forgetShape() as well).
   * @returns {NetShape}
   */
  #net() {
    const m = this.#rt.m;
    const net = m._nn_experiment_network(this.#handle());
    const params = m._nnw_net_params(net);
    const cached = this.#shape;
    if (cached && cached.net === net && cached.params === params) return cached;
    const numLayers = m._nnw_net_num_layers(net);
    const ints = (/** @type {number} */ p) => Array.from(this.#rt.i32(p, numLayers));
    this.#shape = {
      net,
      params,
      sizes: ints(m._nnw_net_sizes(net)),
      nodeOffset: ints(m._nnw_net_node_offset(net)),
      weightOffset: ints(m._nnw_net_weight_offset(net)),
      biasOffset: ints(m._nnw_net_bias_offset(net)),
      numNodes: m._nnw_net_num_nodes(net),
      numParams: m._nnw_net_num_params(net),
    };
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

  /** The current losses. @returns {{train: number, test: number}} */
  loss() {
    const curve = this.lossCurveView();
    return { train: curve[curve.length - 2], test: curve[curve.length - 1] };
  }

  /** @returns {(number | null)[][]} [[train, test], ...] for epochs 0..epoch ([null, null] where
   * not evaluated) */
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
   * @returns {{train: number, test: number}} */
  accuracy() {
    const curve = this.accuracyCurveView();
    return { train: curve[curve.length - 2], test: curve[curve.length - 1] };
  }

  /** @returns {(number | null)[][]} [[train, test], ...] for epochs 0..epoch, parallel to lossCurve() */
  accuracyCurve() {
    return curveRows(this.accuracyCurveView());
  }

  /** Zero-copy view of the accuracy curve [train0, test0, ...], parallel to lossCurveView(). */
  accuracyCurveView() {
    const rt = this.#rt;
    const ptr = rt.m._nn_experiment_accuracy_curve(this.#handle(), rt.scratch);
    return rt.f64(ptr, rt.scratchInt() * 2);
  }

  /** The first epoch whose losses or parameters were not finite, or -1. */
  divergedAt() {
    return this.#rt.m._nn_experiment_diverged_at(this.#handle());
  }

  /** The last epoch before divergence whose state was finite (the current epoch if none). */
  lastFiniteEpoch() {
    return this.#rt.m._nn_experiment_last_finite_epoch(this.#handle());
  }

  /** After divergence: back to lastFiniteEpoch(), curves truncated there. Otherwise nothing. */
  restoreFinite() {
    this.#forgetShape();
    this.#rt.check(this.#rt.m._nn_experiment_restore_finite(this.#handle()));
  }

  /**
   * The whole training state, with the curve rows of epochs since+1..epoch, as bytes for
   * loadState() of an experiment of the same hash (the page's training worker).
   * @param {number} [since] @returns {Uint8Array} a copy
   */
  saveState(since = 0) {
    const rt = this.#rt;
    const e = this.#handle();
    checkInt('saveState(since): since', since, 0, this.epoch);
    const size = rt.m._nn_experiment_state_size(e, since);
    const ptr = rt.checkPtr(rt.m._malloc(size));
    try {
      rt.check(rt.m._nn_experiment_save_state(e, since, ptr, size));
      return rt.m.HEAPU8.slice(ptr, ptr + size);
    } finally {
      rt.m._free(ptr);
    }
  }

  /** Takes a state from saveState() of an experiment of the same hash. @param {Uint8Array} bytes */
  loadState(bytes) {
    const rt = this.#rt;
    const e = this.#handle();
    if (!(bytes instanceof Uint8Array)) throw new RangeError(`loadState(bytes): bytes must be a Uint8Array, got ${describe(bytes)}`);
    const ptr = rt.checkPtr(rt.m._malloc(Math.max(1, bytes.length)));
    try {
      rt.m.HEAPU8.set(bytes, ptr);
      rt.check(rt.m._nn_experiment_load_state(e, ptr, bytes.length));
    } finally {
      rt.m._free(ptr);
    }
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
    const rt = this.#rt;
    const ptr = rt.m._nn_experiment_misclassified(this.#handle(), rt.scratch);
    return rt.i32(ptr, ptr ? rt.scratchInt() : 0);
  }

  /** The perceptron's verdict so far (core/perceptron.h). @returns {PerceptronReport} */
  perceptronReport() {
    const rt = this.#rt;
    rt.m._nnw_experiment_perceptron_report(this.#handle(), rt.scratch);
    const [verdict, convergedEpoch, misclassified] = rt.i32(rt.scratch, 3);
    return {
      verdict: /** @type {PerceptronReport['verdict']} */ (rt.string(rt.m._nn_perceptron_verdict_name(verdict))),
      convergedEpoch,
      misclassified,
      text: /** @type {string} */ (rt.string(rt.m._nn_perceptron_verdict_text(verdict))),
    };
  }

  /**
   * Every number of one batch-1 training step on training point `point`, stage by stage
   * (core/backprop_trace.h). The experiment is not changed.
   * @param {number} point index into data().train @returns {BackpropTrace}
   */
  backpropTrace(point) {
    const rt = this.#rt;
    const m = rt.m;
    const e = this.#handle();
    checkInt('backpropTrace(point): point', point, 0, this.#points(0).length / 3 - 1);
    const t = rt.checkPtr(m._nn_backprop_trace_create());
    try {
      rt.check(m._nn_experiment_backprop_trace(e, point, t));
      const nodes = m._nnw_trace_num_nodes(t);
      const n = m._nnw_trace_num_params(t);
      const arr = (/** @type {number} */ ptr, /** @type {number} */ len) => Array.from(rt.f64(ptr, len));
      const pts = this.#points(0);
      return {
        point, x: pts[3 * point], y: pts[3 * point + 1],
        target: m._nnw_trace_target(t),
        prediction: m._nnw_trace_prediction(t),
        error: m._nnw_trace_error(t),
        errorDer: m._nnw_trace_error_der(t),
        learningRate: m._nnw_trace_learning_rate(t),
        total: arr(m._nnw_trace_total(t), nodes),
        output: arr(m._nnw_trace_output(t), nodes),
        outputDer: arr(m._nnw_trace_output_der(t), nodes),
        inputDer: arr(m._nnw_trace_input_der(t), nodes),
        params: arr(m._nnw_trace_params(t), n),
        grad: arr(m._nnw_trace_grad(t), n),
        paramsAfter: arr(m._nnw_trace_params_after(t), n),
      };
    } finally {
      m._nn_backprop_trace_destroy(t);
    }
  }

  /** @returns {{train: number[][], test: number[][]}} points as [x, y, label] in TFP's order */
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
    const { net, sizes, weightOffset, biasOffset, numParams } = this.#net();
    const m = this.#rt.m;
    const params = this.#rt.f64(m._nnw_net_params(net), numParams);
    const dead = this.#rt.u8(m._nnw_net_dead(net), numParams);
    const layers = [];
    let id = 1;
    for (let l = 1; l < sizes.length; l++) {
      const fanIn = sizes[l - 1];
      const nodes = [];
      for (let j = 0; j < sizes[l]; j++, id++) {
        const w0 = weightOffset[l] + j * fanIn;
        /** @type {NetworkNode} */
        const node = { id: String(id), bias: params[biasOffset[l] + j], weights: Array.from(params.subarray(w0, w0 + fanIn)) };
        const deadLinks = Array.from(dead.subarray(w0, w0 + fanIn), (d) => d !== 0);
        if (deadLinks.includes(true)) node.dead = deadLinks;
        nodes.push(node);
      }
      layers.push(nodes);
    }
    return layers;
  }

  /** The parameters in use, seed included. @returns {State} */
  state() {
    return this.#rt.state(this.#rt.m._nn_experiment_config(this.#handle()));
  }

  /** The canonical URL hash of this experiment (seed included, no '#'). */
  hash() {
    return this.#rt.serialize(this.#rt.m._nn_experiment_config(this.#handle()));
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
      generator_noise_argument: rt.m._nnw_cfg_noise(rt.m._nn_experiment_config(e)) / 100,
      split_index: numTrain,
      num_train: numTrain,
      num_test: numTest,
      math_random_draws: { generator, shuffle, weights },
    };
  }

  /** Where each layer's nodes and parameters sit (core/network.h). @returns {Layout} */
  layout() {
    const { net, sizes, nodeOffset, weightOffset, biasOffset, numNodes, numParams } = this.#net();
    const rt = this.#rt;
    const inputIds = [];
    for (let i = 0; i < sizes[0]; i++) inputIds.push(/** @type {string} */ (rt.string(rt.m._nnw_net_input_feature(net, i))));
    const nodeIds = [...inputIds];
    for (let k = 1; k <= numNodes - sizes[0]; k++) nodeIds.push(String(k));
    return {
      layerSizes: [...sizes], nodeIds, inputIds, nodeOffset: [...nodeOffset], weightOffset: [...weightOffset],
      biasOffset: [...biasOffset], numNodes, numParams,
      hiddenActivation: /** @type {string} */ (rt.string(rt.m._nnw_net_hidden_activation(net))),
      outputActivation: /** @type {string} */ (rt.string(rt.m._nnw_net_output_activation(net))),
    };
  }

  /** Zero-copy, writable view of every parameter; call refreshLoss() after writing. */
  params() {
    const { params, numParams } = this.#net();
    return this.#view('params', this.#f64, params, numParams);
  }

  /** Zero-copy view of the dead-link flags (L1), parallel to params(). */
  dead() {
    const { net, numParams } = this.#net();
    return this.#view('dead', this.#u8, this.#rt.m._nnw_net_dead(net), numParams);
  }

  /** Zero-copy view of every node's last output, nodes in network order. */
  nodeOutputs() {
    const { net, numNodes } = this.#net();
    return this.#view('nodeOutputs', this.#f64, this.#rt.m._nnw_net_output(net), numNodes);
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
   * Sets the weight of the link from node `from` of layer `layer - 1` to node `to` of `layer`.
   * @param {number} layer 1..numLayers-1 @param {number} from @param {number} to @param {number} value
   */
  setWeight(layer, from, to, value) {
    const { net, sizes, weightOffset, numParams } = this.#net();
    checkInt('setWeight: layer', layer, 1, sizes.length - 1);
    checkInt('setWeight: from', from, 0, sizes[layer - 1] - 1);
    checkInt('setWeight: to', to, 0, sizes[layer] - 1);
    checkFinite('setWeight: value', value);
    this.#rt.f64(this.#rt.m._nnw_net_params(net), numParams)[weightOffset[layer] + to * sizes[layer - 1] + from] = value;
    this.refreshLoss();
  }

  /** Sets the bias of node `node` of layer `layer` (1..numLayers-1).
   * @param {number} layer @param {number} node @param {number} value */
  setBias(layer, node, value) {
    const { net, sizes, biasOffset, numParams } = this.#net();
    checkInt('setBias: layer', layer, 1, sizes.length - 1);
    checkInt('setBias: node', node, 0, sizes[layer] - 1);
    checkFinite('setBias: value', value);
    this.#rt.f64(this.#rt.m._nnw_net_params(net), numParams)[biasOffset[layer] + node] = value;
    this.refreshLoss();
  }

  /** Recomputes the current losses after writing params() (the curve's last row is replaced). */
  refreshLoss() {
    this.#rt.m._nn_experiment_refresh_loss(this.#handle());
  }

  /** Back to the link's initial state: same data, same initial weights, epoch 0. */
  reset() {
    this.#forgetShape();
    this.#rt.check(this.#rt.m._nn_experiment_reset(this.#handle()));
  }

  /** TFP's "regenerate": a new seed from the running stream, then rebuilt as a fresh load. */
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
