// config.js — a parsed or running configuration (core/config.h) as the API shows it: the state
// object, the parse notices, the canonical hash.

/** config.h: NN_SPEED_MAX, "as many epochs per frame as fit" (state.speed 'max'). */
const NN_SPEED_MAX = 0;

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').State} State
 * @typedef {import('./types.js').Notice} Notice
 */

/** The parameters of a config as a plain object. @param {Runtime} rt @param {number} cfg nn_config*
 * @returns {State} */
export function readState(rt, cfg) {
  const m = rt.m;
  /** A string the engine always has. */
  const str = (/** @type {number} */ p) => /** @type {string} */ (rt.string(p));
  const bool = (/** @type {number} */ v) => v !== 0;
  /** @type {Record<string, boolean>} */
  const features = {};
  for (let f = 0, n = m._nnw_feature_count(); f < n; f++) {
    features[str(m._nn_feature_name(f))] = bool(m._nnw_cfg_feature(cfg, f));
  }
  const speed = m._nnw_cfg_speed(cfg);
  /** A goal, or null for none (config.h: NN_NO_GOAL is below 0). */
  const goal = (/** @type {number} */ v) => (v < 0 ? null : v);
  /** The downhill numbers, null for the surface's own (config.h: NN_DOWNHILL_OWN, -1e9). */
  const dh = Array.from(rt.f64(m._nnw_cfg_downhill_numbers(cfg), 6), (v) => (v <= -1e9 ? null : v));
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
    networkShape: Array.from(rt.i32(m._nnw_cfg_network_shape(cfg), m._nnw_cfg_num_hidden_layers(cfg))),
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
    palette: str(m._nnw_cfg_palette(cfg)),
    // the lecture's
    model: str(m._nnw_cfg_model(cfg)),
    mode: str(m._nnw_cfg_mode(cfg)),
    lesson: str(m._nnw_cfg_lesson(cfg)) || null,
    goalTrainLoss: goal(m._nnw_cfg_goal_train_loss(cfg)),
    goalTestLoss: goal(m._nnw_cfg_goal_test_loss(cfg)),
    // the page's
    lang: str(m._nnw_cfg_lang(cfg)) || null,
    classes: m._nnw_cfg_classes(cfg),
    // the perceptron's rule; the downhill panel's surface, start and rates (null: the surface's own)
    rule: str(m._nnw_cfg_rule(cfg)),
    downhill: str(m._nnw_cfg_downhill(cfg)),
    downhillX: dh[0],
    downhillY: dh[1],
    downhillSgd: dh[2],
    downhillMomentum: dh[3],
    downhillRmsprop: dh[4],
    downhillAdam: dh[5],
    // own points (core/points_codec.h)
    data: str(m._nnw_cfg_data(cfg)) || null,
  };
}

/** @param {Runtime} rt @param {number} notices nn_notices* @returns {Notice[]} */
export function readNotices(rt, notices) {
  const m = rt.m;
  const str = (/** @type {number} */ p) => /** @type {string} */ (rt.string(p));
  /** @type {Notice[]} */
  const out = [];
  for (let i = 0, n = m._nnw_notices_count(notices); i < n; i++) {
    out.push({
      param: str(m._nnw_notice_param(notices, i)),
      value: str(m._nnw_notice_value(notices, i)),
      reason: str(m._nnw_notice_reason(notices, i)),
    });
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
