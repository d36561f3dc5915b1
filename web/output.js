// output.js — the OUTPUT column: test and training loss as numbers and as a chart, the big
// heatmap, and the "Show test data" / "Discretize output" switches.

import { HeatmapView } from './heatmap.js';
import { LossChart } from './losschart.js';
import { formatLoss } from './palette.js';
import { el, setText } from './dom.js';
import { t } from './i18n.js';

/** @typedef {{setDisplay(name: 'showTestData' | 'discretize', value: boolean): void, redraw(): void}} OutputHandlers */

export class OutputPanel {
  /**
   * @param {HTMLElement} container @param {OutputHandlers} handlers
   */
  constructor(container, handlers) {
    this.root = el('div', 'output-panel', container);
    el('h2', 'col-title', this.root, t('output.title'));
    const losses = el('div', 'losses', this.root);
    const test = el('div', 'loss test', losses, t('output.testLoss'));
    this.testValue = el('span', 'value', test, '–');
    const train = el('div', 'loss train', losses, t('output.trainLoss'));
    this.trainValue = el('span', 'value', train, '–');
    this.chart = new LossChart(this.root);
    this.heatmap = new HeatmapView(this.root, () => handlers.redraw());
    this.caption = el('div', 'heatmap-caption', this.root, '');
    const toggles = el('div', 'toggles', this.root);
    /** @type {Record<string, HTMLInputElement>} */
    this.boxes = {};
    for (const [name, label] of /** @type {const} */ ([['showTestData', t('output.showTestData')], ['discretize', t('output.discretize')]])) {
      const box = el('div', 'control checkbox', toggles);
      box.dataset.control = name;
      const lab = el('label', '', box);
      const input = /** @type {HTMLInputElement} */ (el('input', '', lab));
      input.type = 'checkbox';
      input.name = name;
      el('span', 'label', lab, label);
      input.addEventListener('change', () => handlers.setDisplay(name, input.checked));
      this.boxes[name] = input;
    }
    this.lastTrain = NaN;
    this.lastTest = NaN;
    this.lastEpoch = -1;
  }

  /** @param {{showTestData: boolean, discretize: boolean}} display */
  setDisplay(display) {
    this.boxes.showTestData.checked = display.showTestData;
    this.boxes.discretize.checked = display.discretize;
  }

  /**
   * Stores this frame's losses; redraws the numbers when `text` is set and the chart when
   * `chart` is.
   * @param {Float64Array} curve the engine's loss curve view @param {number} epoch
   * @param {boolean} text @param {boolean} chart @param {Float64Array} [acc] the accuracy
   *   curve, for the chart
   */
  updateLoss(curve, epoch, text, chart, acc) {
    const tr = curve[2 * epoch];
    const te = curve[2 * epoch + 1];
    if (text && (epoch !== this.lastEpoch || !Object.is(tr, this.lastTrain) || !Object.is(te, this.lastTest))) {
      setText(this.trainValue, formatLoss(tr));
      setText(this.testValue, formatLoss(te));
      this.lastTrain = tr;
      this.lastTest = te;
      this.lastEpoch = epoch;
    }
    this.chart.update(curve, epoch, chart, acc);
  }

  /** Forget the chart (new experiment, reset, or a hand edit that rewrote the last row). */
  clearLoss() {
    this.chart.clear();
    this.lastEpoch = -1;
  }

  /** @param {string} text what the big heatmap shows now */
  setCaption(text) {
    this.caption.textContent = text;
  }
}
