// lecture.js — the lecture's parts of the page, held together for the controller: the lecture
// bar (lessons menu, model and mode switches), the lesson's goal, perceptron mode (panel and
// separating line), and the backpropagation step-through (panel, diagram marks, the sample on
// the heatmap). The controller calls load() for each new experiment and draw() each frame.

import { ModeBar, applyModes } from './modes.js';
import { LessonsView } from './lessons.js';
import { HeatmapOverlay } from './overlay.js';
import { PerceptronPanel } from './perceptron.js';
import { BackpropPanel } from './backprop.js';

/** What "Switch to a small MLP" writes: one hidden layer of 4 tanh neurons, same data. */
export const SWITCH_TO_MLP = /** @type {Record<string, string | null>} */ ({
  model: 'mlp', networkShape: '4', activation: 'tanh', learningRate: '0.03', lesson: null,
});

/**
 * The engine's lecture API (wasm-bindings/engine.js) beyond what types.js declares.
 * @typedef {import('./types.js').Experiment & {
 *   misclassifiedCurve(): number[],
 *   misclassifiedCurveView(): Int32Array,
 *   perceptronReport(): import('./perceptron.js').PerceptronReport,
 *   backpropTrace(point: number): import('./backprop.js').BackpropTrace
 * }} LectureExperiment
 * @typedef {import('./lessons.js').Lesson} Lesson
 * @typedef {{
 *   setParams(values: Record<string, string | null>): void,
 *   pause(): void,
 *   applyParams(values: number[]): void,
 *   redraw(): void
 * }} LectureHandlers
 */

export class Lecture {
  /**
   * @param {{lessons(): Lesson[]}} engine
   * @param {import('./losschart.js').UPlotClass} uPlot
   * @param {{bar: HTMLElement, banner: HTMLElement, networkColumn: HTMLElement, heatmapFrame: HTMLElement,
   *   network: import('./network.js').NetworkView}} where
   * @param {LectureHandlers} handlers
   */
  constructor(engine, uPlot, where, handlers) {
    /** @type {Lesson[]} */
    this.lessons = engine.lessons();
    /** @type {LectureExperiment | null} */
    this.ex = null;
    this.lessonsView = new LessonsView(where.bar, where.banner, this.lessons, { leave: () => handlers.setParams({ lesson: null }) });
    this.modeBar = new ModeBar(where.bar, { set: (name, value) => handlers.setParams({ [name]: value }) });
    this.overlay = new HeatmapOverlay(where.heatmapFrame);
    this.perceptron = new PerceptronPanel(where.networkColumn, uPlot, { switchToMlp: () => handlers.setParams(SWITCH_TO_MLP) });
    this.backprop = new BackpropPanel(where.networkColumn, where.network, {
      trace: (point) => this.trace(point),
      apply: (values) => handlers.applyParams(values),
      pause: () => handlers.pause(),
      changed: () => handlers.redraw(),
    });
  }

  /** @returns {LectureExperiment} */
  live() {
    if (!this.ex) throw new Error('nnplay: no experiment');
    return this.ex;
  }

  /**
   * A new experiment is on screen.
   * @param {import('./types.js').Experiment} ex @param {import('./types.js').EngineState} state
   */
  load(ex, state) {
    this.ex = /** @type {LectureExperiment} */ (ex);
    this.modeBar.update(state);
    this.lessonsView.update(state.lesson ?? null);
    applyModes(document, { mode: state.mode, model: state.model });
    const layout = ex.layout();
    const numTrain = ex.data().train.length;
    const perceptron = state.model === 'perceptron';
    this.perceptron.load(perceptron ? layout : null, numTrain);
    this.backprop.load(perceptron || state.mode === 'simplified' ? null : layout, numTrain);
    this.overlay.setLine(null);
  }

  /**
   * One frame, after the controller drew: the separating line, the perceptron's numbers, the
   * step-through following the network. May allocate in the engine (a new trace): take no view
   * across this call.
   * @param {boolean} text whether numbers are redrawn this frame
   */
  draw(text) {
    const ex = this.live();
    if (this.perceptron.active) {
      this.overlay.setLine(this.perceptron.update(ex.params(), ex.misclassifiedCurveView(), () => ex.perceptronReport(), text));
    }
    this.backprop.refresh(ex.params());
    const t = this.backprop.active ? this.backprop.trace : null;
    this.overlay.setMarker(t ? t.x : null, t ? t.y : null);
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
   * sample).
   * @param {number} [point] @returns {import('./backprop.js').BackpropTrace}
   */
  trace(point) {
    return this.live().backpropTrace(point === undefined ? this.backprop.point : point);
  }
}
