// scene.js — what a redraw paints, from the engine's current numbers: the big heatmap (the
// output, or the hovered neuron or feature), every neuron's thumbnail and the links, the
// dropout marks, the losses and their chart, the accuracy, the epoch, and the lecture's marks.
// The frame loop (frame-loop.js) decides when; this decides what. Allocates nothing of its own.

import { FEATURES } from './urlstate.js';
import { t } from './i18n.js';

/** Finest still picture, cells per side (core/grid.h: NN_GRID_MAX_NODE_DENSITY). */
const MAX_STILL_DENSITY = 2048;

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./network.js').HoverTarget} HoverTarget
 * @typedef {{
 *   output: import('./output.js').OutputPanel,
 *   network: import('./network.js').NetworkView,
 *   dropoutMarks: ReturnType<typeof import('./lazy-views.js').lazyDropoutMarks>,
 *   accuracy: import('./accuracy.js').AccuracyView,
 *   controls: import('./controls.js').Controls,
 *   lecture: import('./lecture.js').Lecture
 * }} SceneViews
 */

export class Scene {
  /**
   * @param {SceneViews} views
   * @param {Map<string, Float32Array>} featureGrids every feature over the grid (reference-data.js)
   * @param {number} density grid cells per side of the big heatmap while playing, and of the
   *   feature grids; a still picture has one cell per device pixel
   */
  constructor(views, featureGrids, density) {
    this.views = views;
    this.featureGrids = featureGrids;
    this.density = density;
    /** @type {HoverTarget | null} */
    this.hovered = null;
    this.discretize = false;
    this.dropoutOn = false;
    this.shownEpoch = -1;
    /** K classes' heatmap and legend, and the confusion tables (classes-view.js), once loaded.
     * @type {import('./classes-view.js').ClassesView | null} */
    this.classes = null;
    /** The big heatmap's grid on a second core while playing (offthread-heatmap.js), once loaded.
     * @type {import('./offthread-heatmap.js').OffThreadHeatmap | null | undefined} */
    this.offThread = undefined;
  }

  /**
   * A new experiment is on screen.
   * @param {{discretize: boolean, dropoutOn: boolean}} how
   */
  load(how) {
    this.discretize = how.discretize;
    this.dropoutOn = how.dropoutOn;
    this.hovered = null;
  }

  /**
   * Shows a neuron or a feature on the big heatmap (null: the output again), with its caption.
   * @param {HoverTarget | null} target
   */
  hover(target) {
    this.hovered = target;
    const { output, network } = this.views;
    const ids = network.layout?.nodeIds;
    output.setCaption(!target ? '' : target.kind === 'feature'
      ? t('output.showingFeature', FEATURES.find((f) => f[0] === target.name)?.[1] ?? target.name)
      : target.index === (ids?.length ?? 0) - 1 ? t('output.showingOutput')
      : t('output.showingNeuron', ids?.[target.index] ?? target.index));
    network.highlight(target && target.kind === 'node' ? target.index : -1);
  }

  /**
   * One redraw.
   * @param {Experiment} ex @param {boolean} text redraw the numbers @param {boolean} chart
   *   redraw the loss chart @param {boolean} playing @param {boolean} [paced] playing some
   *   epochs a frame (not max, where the second core trains): the heatmap may come from there
   */
  draw(ex, text, chart, playing, paced = false) {
    const { output, network, dropoutMarks, accuracy, controls, lecture } = this.views;
    const h = this.hovered;
    const feature = h && h.kind === 'feature' ? this.featureGrids.get(h.name) : undefined;
    if (feature) {
      output.heatmap.update(feature, 0, this.density, false);
    } else {
      // The big heatmap alone is fine: TFP's 100 cells a side while playing, one cell per device
      // pixel when still; the thumbnails come from a coarse grid of every node below.
      const outputNode = (network.layout ? network.layout.numNodes : ex.layout().numNodes) - 1;
      const node = h && h.kind === 'node' ? h.index : outputNode;
      const still = Math.min(MAX_STILL_DENSITY, output.heatmap.deviceWidth());
      const density = playing || still < 2 ? this.density : still;
      if (paced && this.offThread === undefined) {
        this.offThread = null;
        import('./offthread-heatmap.js').then((m) => { this.offThread = new m.OffThreadHeatmap(); });
      }
      if (h || !this.classes?.paint(ex, density, this.discretize)) {
        const values = (paced && this.offThread?.take(ex, node, density)) || ex.evaluateNode(node, density);
        output.heatmap.update(values, 0, density, !h && this.discretize);
      }
    }
    network.update(ex, playing, chart);
    // Paused after a step: grey and cross the neurons dropout switched off in that step.
    dropoutMarks.update(this.dropoutOn && !playing && ex.epoch > 0 ? ex.dropoutMask() : null);
    const epoch = ex.epoch;
    output.updateLoss(ex.lossCurveView(), epoch, text, chart, ex.accuracyCurveView());
    if (text) accuracy.update(ex.accuracyCurveView(), epoch);
    if (text) this.classes?.update(ex);
    if (text && epoch !== this.shownEpoch) {
      controls.setEpoch(epoch);
      this.shownEpoch = epoch;
    }
    lecture.draw(text); // last: it may allocate in the engine (views above are done)
  }
}
