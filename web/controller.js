// controller.js — the controller: builds the experiment from the URL hash, wires the views to
// it and runs the frame loop. (main.js loads the engine and exposes window.nnplay.)
//
// State lives in the engine. The URL is the serialized state: every control change rewrites one
// parameter of the engine's canonical hash and rebuilds the experiment from it, so the address
// bar always reproduces what is on screen. Only the two display switches (showTestData,
// discretize) change the hash without rebuilding, as in TFP, and the speed (epochs per frame).

import { Controls } from './controls.js';
import { DataPanel } from './datapanel.js';
import { NetworkView, featureValues } from './network.js';
import { OutputPanel } from './output.js';
import { NoticesView } from './notices.js';
import { TrainingControls } from './training-controls.js';
import { SpeedControl, FrameTraining, speedFromState, speedValue } from './speed.js';
import { DivergenceView } from './divergence.js';
import { AccuracyView } from './accuracy.js';
import { DropoutMarks } from './dropout-marks.js';
import { Lecture } from './lecture.js';
import { setParams, isHidden, FEATURES, CLASSIFICATION_DATASETS, REGRESSION_DATASETS, MAX_LAYERS, MAX_NEURONS } from './urlstate.js';

/** Grid cells per side of the big heatmap; neuron thumbnails sample it more coarsely. */
const DENSITY = 50;
/** Least time between redraws of the numbers while playing: every frame at 60 Hz. */
const TEXT_INTERVAL_MS = 14;
/** ... and of the chart: Chartist builds its SVG anew each time (2-3 ms with paint and GC), so
 * at most 30 times a second, which a growing loss curve does not need more than. */
const CHART_INTERVAL_MS = 30;
/** Parameters whose change TFP applies without resetting training (we rebuild, but keep playing). */
const KEEP_PLAYING = new Set(['learningRate', 'regularizationRate']);

/**
 * @typedef {import('./types.js').Engine} Engine
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./types.js').EngineState} EngineState
 * @typedef {import('./network.js').HoverTarget} HoverTarget
 */

/** @param {string} id @returns {HTMLElement} */
export function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/**
 * "Use it in class": its <details> now, its contents (classpanel.js) imported when first opened.
 * Features a first load does not show load on use, to keep that load small.
 * @param {HTMLElement} container
 * @param {() => [string, EngineState]} current the hash and state the panel's link starts from
 * @returns {{update(): void}} refreshes the open panel's link from `current`
 */
function lazyClassPanel(container, current) {
  const root = document.createElement('details');
  root.className = 'class-panel';
  root.append(Object.assign(document.createElement('summary'), { textContent: 'Use it in class' }));
  container.appendChild(root);
  /** @type {import('./classpanel.js').ClassPanel | null} */
  let panel = null;
  root.addEventListener('toggle', () => {
    if (!root.open || panel) return;
    import('./classpanel.js').then(({ ClassPanel }) => {
      if (panel) return;
      panel = new ClassPanel(root);
      panel.update(...current());
    });
  });
  return { update: () => panel?.update(...current()) };
}

export class Controller {
  /** @param {Engine} engine */
  constructor(engine) {
    this.engine = engine;
    /** @type {Experiment | null} */
    this.ex = null;
    this.hash = '';
    this.playing = false;
    this.dirty = true;
    /** @type {HoverTarget | null} */
    this.hovered = null;
    this.display = { showTestData: false, discretize: false };
    /** @type {Map<string, Float32Array>} */
    this.featureGrids = new Map();
    this.shownEpoch = -1;
    this.textTime = 0;
    this.chartTime = 0;
    /** Epochs per frame (the `speed` parameter); 0 = as many as fit. */
    this.speed = 1;

    this.notices = new NoticesView(byId('notices'));
    this.controls = new Controls(byId('topbar'), {
      play: () => this.setPlaying(!this.playing),
      step: () => { this.setPlaying(false); this.step(1); },
      reset: () => this.reset(),
      set: (name, value) => this.change(name, value),
    });
    this.training = new TrainingControls(byId('topbar'), (values) => this.changeParams(values));
    this.speedControl = new SpeedControl((speed) => this.setSpeed(speed));
    this.controls.root.querySelector('.epoch')?.after(this.speedControl.root);
    this.trainer = new FrameTraining(() => { this.dirty = true; });
    /** Whether "max" may train in a worker (not in perceptron mode). */
    this.workerAllowed = false;
    this.dataPanel = new DataPanel(byId('data'), {
      set: (name, value) => this.change(name, value),
      regenerate: () => this.regenerate(),
    });
    this.network = new NetworkView(byId('network'), {
      toggleFeature: (name) => this.change(name, String(!this.state()[name])),
      hover: (target) => this.hover(target),
      setWeight: (l, from, to, v) => this.edit(() => this.live().setWeight(l, from, to, v)),
      setBias: (l, node, v) => this.edit(() => this.live().setBias(l, node, v)),
      addLayer: () => this.reshape((s) => { if (s.length < MAX_LAYERS) s.push(2); }),
      removeLayer: () => this.reshape((s) => { s.pop(); }),
      changeNeurons: (i, d) => this.reshape((s) => { s[i] = Math.min(MAX_NEURONS, Math.max(1, s[i] + d)); }),
      paramValue: (index) => this.live().params()[index],
      redraw: () => { this.dirty = true; },
    });
    this.output = new OutputPanel(byId('output'), {
      setDisplay: (name, value) => this.setDisplay(name, value),
    });
    this.accuracy = new AccuracyView(/** @type {HTMLElement} */ (this.output.root.querySelector('.losses')),
      /** @type {HTMLElement} */ (this.output.root.querySelector('.toggles')), (show) => { this.output.chart.showAccuracy(show); this.dirty = true; });
    this.divergence = new DivergenceView(byId('notices'), () => this.restoreFinite());
    this.dropoutMarks = new DropoutMarks(this.network);
    this.dropoutOn = false;
    this.classPanel = lazyClassPanel(byId('class'), () => [this.hash, this.state()]);
    this.lecture = new Lecture(/** @type {any} */ (engine), {
      bar: byId('lecture'), banner: byId('lesson'), networkColumn: byId('network'),
      heatmapFrame: this.output.heatmap.frame, network: this.network,
    }, {
      setParams: (values) => this.changeParams(values),
      pause: () => this.setPlaying(false),
      applyParams: (values) => this.edit(() => { this.live().params().set(values); this.live().refreshLoss(); }),
      redraw: () => { this.dirty = true; },
    });
    this.drawDatasetThumbnails();
    this.tick = this.tick.bind(this);
    // A hidden page trains no more at "max" than at other speeds (no frames, no training).
    document.addEventListener('visibilitychange', () => { if (document.hidden) this.trainer.stop(); });
    window.addEventListener('hashchange', () => {
      const h = location.hash.slice(1);
      if (h !== this.hash) this.load(h, true);
    });
  }

  /** @returns {Experiment} */
  live() {
    if (!this.ex) throw new Error('nnplay: no experiment');
    return this.ex;
  }

  /** @returns {EngineState} */
  state() {
    return { ...this.live().state(), ...this.display, speed: this.speed === 0 ? 'max' : this.speed };
  }

  /** Each dataset's thumbnail, from a throwaway experiment of the engine's own generator. */
  drawDatasetThumbnails() {
    /** @type {Map<string, number[][]>} */
    const points = new Map();
    const all = [...CLASSIFICATION_DATASETS.map((d) => ['classification', 'dataset', d[0]]),
      ...REGRESSION_DATASETS.map((d) => ['regression', 'regDataset', d[0]])];
    for (const [problem, param, name] of all) {
      const ex = this.engine.experiment(`problem=${problem}&${param}=${name}&noise=0&networkShape=&seed=thumbnails`);
      try {
        points.set(name, ex.data().train.slice(0, 200));
      } finally {
        ex.dispose();
      }
    }
    this.dataPanel.setThumbnails(points);
  }

  /**
   * Builds the experiment a hash describes and shows it.
   * @param {string} hash without '#' @param {boolean} fromUrl show its notices even if none
   */
  load(hash, fromUrl) {
    this.trainer.stop();
    /** @type {Experiment} */
    let ex;
    /** @type {import('./types.js').Notice[]} */
    const extra = [];
    try {
      ex = this.engine.experiment(hash);
    } catch (e) {
      extra.push({ param: 'link', value: '', reason: `could not be opened (${e instanceof Error ? e.message : e}); showing the default experiment` });
      ex = this.engine.experiment('');
    }
    this.ex?.dispose();
    this.ex = ex;
    const st = ex.state();
    this.display = { showTestData: !!st.showTestData, discretize: !!st.discretize };
    this.speed = speedFromState(st.speed);
    this.dropoutOn = st.dropout > 0;
    this.workerAllowed = st.model !== 'perceptron';
    this.writeHash();
    const notices = [...extra, ...ex.notices()];
    if (fromUrl || notices.length > 0) this.notices.update(notices);

    document.body.classList.toggle('hide-text', !!st.hideText);
    this.controls.update(st);
    this.training.update(st);
    this.speedControl.update(this.speed);
    this.accuracy.setApplies(st.problem === 'classification');
    this.divergence.clear();
    this.divergence.check(ex);
    this.trainer.restart();
    this.dataPanel.update(st);
    this.network.build(ex.layout(), st, DENSITY);
    this.output.setDisplay(this.display);
    this.output.heatmap.setPoints(ex.data(), this.display.showTestData);
    this.output.clearLoss();
    this.classPanel.update();
    for (const node of document.querySelectorAll('[data-control]')) {
      const e = /** @type {HTMLElement} */ (node);
      e.hidden = isHidden(st.hide, /** @type {string} */ (e.dataset.control));
    }
    this.lecture.load(ex, st);
    this.hovered = null;
    this.draw();
  }

  /** The engine's canonical hash plus the display switches, written with replaceState. */
  writeHash() {
    const ex = this.live();
    this.hash = setParams(ex.hash(), {
      showTestData: String(this.display.showTestData),
      discretize: String(this.display.discretize),
      speed: this.speed === 1 ? null : speedValue(this.speed),
    });
    history.replaceState(history.state, '', `#${this.hash}`);
  }

  /**
   * One parameter changed by a control: rebuild from the new hash.
   * @param {string} name @param {string} value
   */
  change(name, value) {
    this.changeParams({ [name]: value });
  }

  /**
   * Parameters changed together by one control (null removes one): rebuild from the new hash.
   * @param {Record<string, string | null>} values
   */
  changeParams(values) {
    const keep = this.playing && Object.keys(values).every((name) => KEEP_PLAYING.has(name));
    this.setPlaying(false);
    this.load(setParams(this.hash, values), false);
    if (keep) this.setPlaying(true);
  }

  /** The Speed menu: epochs per frame (0 = max). Written to the URL; training goes on. @param {number} speed */
  setSpeed(speed) {
    if (speed !== 0) this.trainer.stop();
    this.speed = speed;
    this.trainer.restart();
    this.speedControl.update(speed);
    this.writeHash();
    this.classPanel.update();
  }

  /** Pauses and shows the message when the experiment has just diverged. */
  checkDivergence() {
    if (this.divergence.check(this.live())) this.setPlaying(false);
  }

  /** Back to the last finite state after a divergence (the message's button). */
  restoreFinite() {
    this.setPlaying(false);
    this.live().restoreFinite();
    this.divergence.check(this.live());
    this.output.clearLoss();
    this.draw();
  }

  /** @param {(shape: number[]) => void} edit */
  reshape(edit) {
    const shape = [...this.live().state().networkShape];
    edit(shape);
    this.change('networkShape', shape.join(','));
  }

  /** @param {'showTestData' | 'discretize'} name @param {boolean} value */
  setDisplay(name, value) {
    this.display[name] = value;
    this.writeHash();
    this.classPanel.update();
    if (name === 'showTestData') this.output.heatmap.setPoints(this.live().data(), value);
    this.draw();
  }

  /** @param {() => void} fn a hand edit of a weight or bias */
  edit(fn) {
    this.trainer.stop(); // the worker starts again from the edited state
    fn();
    this.checkDivergence();
    this.output.clearLoss();
    this.draw();
  }

  /** @param {HoverTarget | null} target */
  hover(target) {
    this.hovered = target;
    const ids = this.network.layout?.nodeIds;
    this.output.setCaption(!target ? '' : target.kind === 'feature'
      ? `Showing feature ${FEATURES.find((f) => f[0] === target.name)?.[1] ?? target.name}`
      : target.index === (ids?.length ?? 0) - 1 ? 'Showing the output'
      : `Showing neuron ${ids?.[target.index] ?? target.index}`);
    this.network.highlight(target && target.kind === 'node' ? target.index : -1);
    this.draw();
  }

  /** @param {boolean} playing */
  setPlaying(playing) {
    if (!playing) this.trainer.stop();
    if (this.playing && !playing) this.dirty = true; // show the exact numbers once stopped
    if (!this.playing && playing) this.trainer.restart();
    this.playing = playing;
    this.controls.setPlaying(playing);
  }

  /** @param {number} n */
  step(n) {
    this.trainer.stop();
    this.live().train(n);
    this.checkDivergence();
    this.draw();
  }

  reset() {
    this.setPlaying(false);
    this.live().reset();
    this.divergence.check(this.live());
    this.output.clearLoss();
    this.draw();
  }

  regenerate() {
    this.setPlaying(false);
    this.live().regenerate();
    this.divergence.check(this.live());
    this.writeHash();
    this.classPanel.update();
    this.output.heatmap.setPoints(this.live().data(), this.display.showTestData);
    this.output.clearLoss();
    this.draw();
  }

  /** @param {string} name @returns {Float32Array} a feature's values on the big grid */
  featureGrid(name) {
    let g = this.featureGrids.get(name);
    if (!g) {
      g = featureValues(name, DENSITY);
      this.featureGrids.set(name, g);
    }
    return g;
  }

  /** Redraws everything from the engine's current numbers. Allocates nothing of its own. */
  draw() {
    this.dirty = false;
    const ex = this.live();
    const slice = DENSITY * DENSITY;
    const grid = ex.evaluateGrid(DENSITY);
    const layout = this.network.layout;
    const numNodes = layout ? layout.numNodes : grid.length / slice;
    const h = this.hovered;
    if (h && h.kind === 'feature') {
      this.output.heatmap.update(this.featureGrid(h.name), 0, DENSITY, false);
    } else if (h && h.kind === 'node') {
      this.output.heatmap.update(grid, h.index * slice, DENSITY, false);
    } else {
      this.output.heatmap.update(grid, (numNodes - 1) * slice, DENSITY, this.display.discretize);
    }
    this.network.update(grid, DENSITY, ex.params(), ex.dead());
    // Paused after a step: grey and cross the neurons dropout switched off in that step.
    this.dropoutMarks.update(this.dropoutOn && !this.playing && ex.epoch > 0 ? ex.dropoutMask() : null);
    const epoch = ex.epoch;
    // Text changes cost a layout and a paint, and the chart a full redraw. While playing, the
    // numbers follow at most every TEXT_INTERVAL_MS (every frame of a 60 Hz display) and the
    // chart every CHART_INTERVAL_MS; the heatmaps and links follow every frame.
    const now = performance.now();
    const text = !this.playing || now - this.textTime >= TEXT_INTERVAL_MS;
    if (text) this.textTime = now;
    const chart = !this.playing || now - this.chartTime >= CHART_INTERVAL_MS;
    if (chart) this.chartTime = now;
    this.output.updateLoss(ex.lossCurveView(), epoch, text, chart, ex.accuracyCurveView());
    if (text) this.accuracy.update(ex.accuracyCurveView(), epoch);
    if (text && epoch !== this.shownEpoch) {
      this.controls.setEpoch(epoch);
      this.shownEpoch = epoch;
    }
    this.lecture.draw(text); // last: it may allocate in the engine (views above are done)
  }

  /**
   * The animation frame: when playing, `speed` epochs (at max: a worker trains, or without one
   * as many epochs as the pacer's budget allows), then one redraw if anything changed — the
   * heatmaps once per frame.
   * @param {number} now the frame's timestamp
   */
  tick(now) {
    requestAnimationFrame(this.tick);
    try {
      if (this.playing && !document.hidden) { // (a hidden page gets no frames anyway)
        const ex = this.live();
        // The losses of epochs the chart would not keep are not evaluated: the same training,
        // and the same chart, for less than half the work of an epoch on big networks.
        const every = this.output.chart.stride;
        if (this.trainer.frame(ex, this.speed, every, this.workerAllowed, now)) this.dirty = true;
        this.checkDivergence();
      }
      if (this.dirty) {
        const t0 = performance.now();
        this.draw();
        this.trainer.drew(performance.now() - t0);
      }
    } catch (e) {
      this.setPlaying(false);
      this.notices.update([{ param: 'engine', value: '', reason: e instanceof Error ? e.message : String(e) }]);
      throw e;
    }
  }
}
