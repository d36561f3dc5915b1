// lecture.js — the lecture's parts of the page, held together for the controller: the lecture
// bar (lessons menu, model and mode switches), the lesson's goal, perceptron mode (panel and
// separating line), and the backpropagation step-through (panel, diagram marks, the sample on
// the heatmap). The controller calls load() for each new experiment and draw() each frame.
// The perceptron panel, the step-through and the downhill panel are imported when first needed
// (model=perceptron, the step-through's button, the downhill button or `downhill=`), to keep a
// first load of the page small.

import { ModeBar, applyModes } from './modes.js';
import { LessonsView } from './lessons.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { panelStyles } from './assets.js';

/** What "Switch to a small MLP" writes: one hidden layer of 4 tanh neurons, same data. */
export const SWITCH_TO_MLP = /** @type {Record<string, string | null>} */ ({
  model: 'mlp', networkShape: '4', activation: 'tanh', learningRate: '0.03', lesson: null,
});

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./types.js').Lesson} Lesson
 * @typedef {{
 *   setParams(values: Record<string, string | null>): void,
 *   pause(): void,
 *   applyParams(values: number[]): void,
 *   redraw(): void,
 *   state(): import('./types.js').EngineState,
 *   setPanelParams(values: Record<string, string | null>): void,
 *   useLab(): Promise<void>,
 *   labEngine(): Promise<import('./downhill.js').DownhillEngine>,
 *   lessonWords(): Promise<Lesson[]>
 * }} LectureHandlers lessonWords: the lessons with their words (the lab engine's)
 */

export class Lecture {
  /**
   * @param {{bar: HTMLElement, banner: HTMLElement, networkColumn: HTMLElement, heatmapFrame: HTMLElement,
   *   network: import('./network.js').NetworkView}} where
   * @param {LectureHandlers} handlers
   */
  constructor(where, handlers) {
    /** @type {Experiment | null} */
    this.ex = null;
    /** @type {Promise<Lesson[]> | null} the lessons with their words, asked for once */
    this.words = null;
    this.lessonsView = new LessonsView(where.bar, where.banner, {
      leave: () => handlers.setParams({ lesson: null }),
      words: () => this.lessonWords(),
    });
    this.modeBar = new ModeBar(where.bar, { set: (name, value) => handlers.setParams({ [name]: value }) });
    /** @type {import('./downhill.js').DownhillPanel | null} */
    this.downhill = null;
    const dh = /** @type {HTMLButtonElement} */ (el('button', 'text-button downhill-open', this.modeBar.root, t('downhill.open')));
    dh.type = 'button';
    dh.addEventListener('click', () => handlers.setPanelParams({ downhill: this.state?.downhill !== 'none' ? null : 'bowl' }));
    /** @type {import('./overlay.js').HeatmapOverlay | null} imported with the first panel */
    this.overlay = null;
    this.where = where;
    this.handlers = handlers;
    /** @type {import('./perceptron.js').PerceptronPanel | null} */
    this.perceptron = null;
    /** @type {import('./backprop.js').BackpropPanel | null} */
    this.backprop = null;
    /** @type {import('./types.js').EngineState | null} */
    this.state = null;
    /** @type {import('./goals.js').Goals | null} imported with the first goal */
    this.goals = null;
    /** Settles once the panels the current experiment shows are imported and loaded. */
    this.pending = Promise.resolve();
    // The step-through's heading and button, shown at once; the rest comes with backprop.js.
    this.bpRoot = el('section', 'backprop-panel lecture-panel', where.networkColumn);
    this.bpRoot.setAttribute('aria-label', t('backprop.title'));
    const head = el('div', 'bp-head', this.bpRoot);
    el('h2', 'col-title', head, t('backprop.title'));
    this.bpStart = /** @type {HTMLButtonElement} */ (el('button', 'text-button bp-start', head, t('backprop.start')));
    this.bpStart.type = 'button';
    this.bpStart.addEventListener('click', () => {
      if (!this.backprop) this.loadBackprop().then((bp) => bp.start(bp.point));
    });
    // Inside the layers: a heading and a show/hide button; the view comes with layers.js.
    this.lyRoot = el('section', 'layers-panel lecture-panel', where.networkColumn);
    this.lyRoot.setAttribute('aria-label', t('layers.title'));
    const lyHead = el('div', 'bp-head', this.lyRoot);
    el('h2', 'col-title', lyHead, t('layers.title'));
    this.lyToggle = /** @type {HTMLButtonElement} */ (el('button', 'text-button ly-toggle', lyHead, t('layers.show')));
    this.lyToggle.type = 'button';
    this.lyToggle.addEventListener('click', () => this.loadLayers().then((p) => { p.show(!p.active); handlers.redraw(); }));
    /** @type {import('./layers.js').LayersPanel | null} */
    this.layers = null;
  }

  /** The lessons with their words (the page moves to the lab engine for them), asked for once.
   * @returns {Promise<Lesson[]>} */
  lessonWords() {
    return (this.words ??= this.handlers.lessonWords());
  }

  /** @returns {Promise<import('./layers.js').LayersPanel>} the layer view, imported once */
  async loadLayers() {
    const [{ LayersPanel }] = await Promise.all([import('./layers.js'), this.handlers.useLab(), panelStyles()]);
    this.layers ??= new LayersPanel(this.lyRoot, this.lyToggle);
    this.loadPanels();
    return this.layers;
  }

  /** @returns {Promise<import('./backprop.js').BackpropPanel>} the step-through, imported once */
  async loadBackprop() {
    const [{ BackpropPanel }] = await Promise.all([import('./backprop.js'), this.loadOverlay(), this.handlers.useLab()]);
    if (!this.backprop) {
      const h = this.handlers;
      this.backprop = new BackpropPanel(this.bpRoot, this.bpStart, this.where.network, {
        trace: (point) => this.trace(point),
        apply: (values) => h.applyParams(values),
        pause: () => h.pause(),
        changed: () => h.redraw(),
        batchSize: () => this.live().state().batchSize,
      });
      this.loadPanels();
    }
    return this.backprop;
  }

  /** @returns {Promise<void>} the perceptron panel, imported once */
  async loadPerceptron() {
    const [{ PerceptronPanel }] = await Promise.all([import('./perceptron.js'), this.loadOverlay()]);
    if (!this.perceptron) {
      const h = this.handlers;
      this.perceptron = new PerceptronPanel(this.where.networkColumn, { switchToMlp: () => h.setParams(SWITCH_TO_MLP), setRule: (rule) => h.setParams({ rule }) });
      this.bpRoot.before(this.perceptron.root);
      this.loadPanels();
      this.handlers.redraw();
    }
  }

  /** The marks over the big heatmap (the separating line, the step-through's sample), with the
   * panels' styles (the perceptron's and the step-through's panels wait for this). */
  async loadOverlay() {
    const [{ HeatmapOverlay }] = await Promise.all([import('./overlay.js'), panelStyles()]);
    this.overlay ??= new HeatmapOverlay(this.where.heatmapFrame);
  }

  /** @returns {Experiment} */
  live() {
    if (!this.ex) throw new Error('nnplay: no experiment');
    return this.ex;
  }

  /**
   * A new experiment is on screen.
   * @param {Experiment} ex @param {import('./types.js').EngineState} state
   */
  load(ex, state) {
    this.ex = ex;
    this.modeBar.update(state);
    const banner = this.lessonsView.update(state.lesson ?? null);
    applyModes(document, { mode: state.mode, model: state.model });
    this.state = state;
    this.loadPanels();
    this.overlay?.setLine(null);
    if (state.model === 'perceptron' && !this.perceptron) this.pending = this.loadPerceptron();
    if (state.lesson) this.pending = Promise.all([this.pending, banner]).then(() => {});
    this.panelsChanged(state);
    this.goals?.load(state);
    if (!this.goals && (state.goalTrainLoss ?? state.goalTestLoss) !== null) this.loadGoals();
  }

  /** The panels' own parameters changed (or a new experiment): the downhill panel, imported
   * when first opened. @param {import('./types.js').EngineState} state */
  panelsChanged(state) {
    this.state = state;
    if (this.downhill || state.downhill !== 'none') this.loadDownhill().then((p) => p.load(/** @type {import('./types.js').EngineState} */ (this.state)));
  }

  /** @returns {Promise<import('./downhill.js').DownhillPanel>} the downhill panel, imported once
   * (its paths come from the lab engine) */
  async loadDownhill() {
    const h = this.handlers;
    const [{ DownhillPanel }, engine] = await Promise.all([import('./downhill.js'), h.labEngine(), panelStyles()]);
    this.downhill ??= new DownhillPanel(/** @type {HTMLElement} */ (document.querySelector('.columns')), engine, {
      state: () => h.state(), setPanelParams: (v) => h.setPanelParams(v), setParams: (v) => h.setParams(v),
    });
    return this.downhill;
  }

  /** The goals' line under the losses, imported once. */
  async loadGoals() {
    const { Goals } = await import('./goals.js');
    this.goals ??= new Goals();
    this.goals.load(/** @type {import('./types.js').EngineState} */ (this.state));
    this.handlers.redraw();
  }

  /** Gives the panels imported so far the current experiment. */
  loadPanels() {
    const ex = this.live();
    const state = /** @type {import('./types.js').EngineState} */ (this.state);
    const layout = ex.layout();
    const numTrain = ex.data().train.length;
    const perceptron = state.model === 'perceptron';
    this.perceptron?.load(perceptron ? layout : null, numTrain, state.rule);
    // K classes have K output nodes: the step-through traces networks of one output only.
    const many = ex.classes > 2;
    const bpLayout = perceptron || many || state.mode === 'simplified' ? null : layout;
    this.bpRoot.hidden = bpLayout === null && !many;
    this.bpStart.disabled = numTrain === 0 || many;
    this.bpStart.textContent = t(many ? 'backprop.oneOutput' : 'backprop.start');
    this.backprop?.load(bpLayout, numTrain);
    this.lyRoot.hidden = bpLayout === null;
    this.layers?.load(bpLayout !== null);
  }

  /**
   * One frame, after the controller drew: the separating line, the perceptron's numbers, the
   * step-through following the network. May allocate in the engine (a new trace): take no view
   * across this call.
   * @param {boolean} text whether numbers are redrawn this frame
   */
  draw(text) {
    const ex = this.live();
    this.goals?.check(ex);
    if (this.perceptron?.active) {
      this.overlay?.setLine(this.perceptron.update(ex.params(), ex.misclassifiedCurveView(), () => ex.perceptronReport(), text));
    }
    this.backprop?.refresh(ex.params());
    if (this.layers?.update(ex)) this.handlers.redraw(); // come back when the wait is over
    const t = this.backprop?.active ? this.backprop.trace : null;
    this.overlay?.setMarker(t ? t.x : null, t ? t.y : null);
  }

  /** Perceptron mode: misclassified training points per epoch ([] for an MLP). */
  misclassified() {
    return this.live().misclassifiedCurve();
  }

  /** The perceptron's verdict so far. */
  report() {
    return this.live().perceptronReport();
  }

  /**
   * The engine's backpropagation trace of training point `point` (default: the step-through's
   * sample). The lab engine's: call it once useLab() has settled.
   * @param {number} [point] @returns {import('./backprop.js').BackpropTrace}
   */
  trace(point) {
    return this.live().backpropTrace(point === undefined ? this.backprop?.point ?? 0 : point);
  }
}
