// config.js — a parsed or running configuration (core/config.h) as the API shows it: the state
// object, the parse notices, the canonical hash.

/** config.h: NN_SPEED_MAX, "as many epochs per frame as fit" (state.speed 'max'). */
const NN_SPEED_MAX = 0;

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').State} State
 * @typedef {import('./types.js').Notice} Notice
 */

/** How many fields wasm-bindings/bindings.c's nnw_cfg_read writes. */
const CFG_FIELDS = 56;

/** The parameters of a config as a plain object. @param {Runtime} rt @param {number} cfg nn_config*
 * @returns {State} */
export function readState(rt, cfg) {
  const m = rt.m;
  // The config's fields in one block, read in order: the properties below are in nnw_cfg_read's
  // order (a literal's properties are evaluated in the order written).
  const fields = Array.from(rt.f64(m._nnw_cfg_read(cfg), CFG_FIELDS));
  let next = 0;
  const num = () => /** @type {number} */ (fields[next++]);
  /** A string the engine always has. */
  const str = () => /** @type {string} */ (rt.string(num()));
  const bool = () => num() !== 0;
  /** The count, then the array. */
  const ints = () => { const n = num(); return Array.from(rt.i32(num(), n)); };
  /** A goal, or null for none (config.h: NN_NO_GOAL is below 0). */
  const goal = () => { const v = num(); return v < 0 ? null : v; };
  /** A downhill number, null for the surface's own (config.h: NN_DOWNHILL_OWN, -1e9). */
  const own = () => { const v = num(); return v <= -1e9 ? null : v; };
  /** The <name>_hide map, its size read in order. */
  const hide = () => {
    /** @type {Record<string, boolean>} */
    const out = {};
    for (let i = 0, n = num(); i < n; i++) out[`${rt.string(m._nnw_cfg_hide_name(cfg, i))}_hide`] = m._nnw_cfg_hide_value(cfg, i) !== 0;
    return out;
  };
  /** @type {State} */
  const state = {
    activation: str(),
    regularization: str(),
    batchSize: num(),
    dataset: str(),
    regDataset: str(),
    learningRate: num(),
    regularizationRate: num(),
    noise: num(),
    networkShape: ints(),
    seed: str() || null,
    showTestData: bool(),
    discretize: bool(),
    percTrainData: num(),
    x: bool(),
    y: bool(),
    xTimesY: bool(),
    xSquared: bool(),
    ySquared: bool(),
    cosX: bool(),
    sinX: bool(),
    cosY: bool(),
    sinY: bool(),
    collectStats: bool(),
    tutorial: str() || null,
    problem: str(),
    initZero: bool(),
    hideText: bool(),
    hide: hide(),
    // nnplay's own, beyond TFP
    optimizer: str(),
    momentum: num(),
    rho: num(),
    beta1: num(),
    beta2: num(),
    epsilon: num(),
    init: str(),
    dropout: num(),
    loss: str(),
    speed: speed(num()),
    palette: str(),
    // the lecture's
    model: str(),
    mode: str(),
    lesson: str() || null,
    goalTrainLoss: goal(),
    goalTestLoss: goal(),
    // the page's
    lang: str() || null,
    classes: num(),
    // the perceptron's rule; the downhill panel's surface, start and rates (null: the surface's own)
    rule: str(),
    downhill: str(),
    downhillX: own(),
    downhillY: own(),
    downhillSgd: own(),
    downhillMomentum: own(),
    downhillRmsprop: own(),
    downhillAdam: own(),
    // own points (core/points_codec.h)
    data: str() || null,
  };
  return state;
}

/** config.h's speed: epochs per frame, or NN_SPEED_MAX. @param {number} v @returns {number | 'max'} */
function speed(v) {
  return v === NN_SPEED_MAX ? 'max' : v;
}

/** @param {Runtime} rt @param {number} notices nn_notices* @returns {Notice[]} */
export function readNotices(rt, notices) {
  const m = rt.m;
  /** @type {Notice[]} */
  const out = [];
  for (let i = 0; m._nnw_notice_read(notices, i, rt.scratch); i++) {
    const [param, value, reason] = Array.from(rt.i32(rt.scratch, 3), (p) => /** @type {string} */ (rt.string(p)));
    out.push({ param, value, reason });
  }
  const dropped = m._nnw_notices_dropped(notices);
  if (dropped > 0) {
    out.push({ param: '', value: '', reason: `${dropped} further notice(s) not kept` });
  }
  return out;
}

/**
 * The text an snprintf-like engine writer gives: measured, then written.
 * @param {Runtime} rt @param {(out: number, cap: number) => number} write
 */
export function writtenText(rt, write) {
  const m = rt.m;
  const size = (write(0, 0) >>> 0) + 1;
  const buf = rt.checkPtr(m._malloc(size));
  try {
    write(buf, size);
    return m.UTF8ToString(buf);
  } finally {
    m._free(buf);
  }
}

/** The canonical hash of a config (no '#'). @param {Runtime} rt @param {number} cfg nn_config* */
export function serialize(rt, cfg) {
  return writtenText(rt, (out, cap) => rt.m._nn_state_serialize(cfg, out, cap));
}
