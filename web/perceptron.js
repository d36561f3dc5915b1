// perceptron.js — perceptron mode (model=perceptron): the number of misclassified training
// points (a number and a curve over the epochs), the separating line w1·x + w2·y + b = 0 drawn
// over the output heatmap, and the engine's verdict — with, when the data is not linearly
// separable (XOR), a one-click switch to a small MLP that can separate it.

import { formatParam } from './palette.js';
import { FEATURES } from './urlstate.js';
import { el } from './dom.js';

/** Points kept on the curve: beyond this many epochs, every k-th one (plus the last). */
const CURVE_POINTS = 400;

/**
 * @typedef {import('./losschart.js').UPlotClass} UPlotClass
 * @typedef {import('uplot')} UPlot
 * @typedef {{verdict: string, convergedEpoch: number, misclassified: number, text: string}} PerceptronReport
 * @typedef {{layerSizes: number[], inputIds: string[], weightOffset: number[], biasOffset: number[]}} PerceptronLayout
 */

/**
 * The separating line in the plane, a·x + b·y + c = 0, when the neuron's inputs are x and/or y
 * only (else its boundary is not a line of the plane: null).
 * @param {PerceptronLayout} layout @param {Float64Array} params
 * @returns {{a: number, b: number, c: number} | null}
 */
export function separatingLine(layout, params) {
  const ids = layout.inputIds;
  if (ids.length === 0 || !ids.every((id) => id === 'x' || id === 'y')) return null;
  const w0 = layout.weightOffset[1];
  const ix = ids.indexOf('x'), iy = ids.indexOf('y');
  return { a: ix >= 0 ? params[w0 + ix] : 0, b: iy >= 0 ? params[w0 + iy] : 0, c: params[layout.biasOffset[1]] };
}

/** @param {number} v @param {string} name @param {boolean} first */
function term(v, name, first) {
  const mag = formatParam(Math.abs(v));
  const sign = v < 0 ? (first ? '−' : ' − ') : first ? '' : ' + ';
  return `${sign}${mag}${name ? `·${name}` : ''}`;
}

export class PerceptronPanel {
  /**
   * @param {HTMLElement} container @param {UPlotClass} uPlot
   * @param {{switchToMlp(): void}} handlers
   */
  constructor(container, uPlot, handlers) {
    this.root = el('section', 'perceptron-panel lecture-panel', container);
    this.root.setAttribute('aria-label', 'Perceptron');
    this.root.hidden = true;
    el('h2', 'col-title', this.root, 'Perceptron');
    // The verdict first: on XOR it is the point of the lesson, and it must be in view.
    this.verdict = el('div', 'verdict', this.root);
    this.verdict.setAttribute('role', 'status');
    this.verdictText = el('span', 'verdict-text', this.verdict, '');
    this.switchBtn = /** @type {HTMLButtonElement} */ (el('button', 'text-button switch-mlp', this.verdict,
      'Switch to a small MLP (one hidden layer, 4 tanh neurons)'));
    this.switchBtn.type = 'button';
    this.switchBtn.hidden = true;
    this.switchBtn.addEventListener('click', () => handlers.switchToMlp());
    const count = el('div', 'misclassified', this.root, 'Misclassified training points: ');
    this.countValue = el('span', 'value', count, '–');
    this.countTotal = el('span', 'total', count, '');
    this.chartBox = el('div', 'misclassified-chart', this.root);
    this.lineText = el('p', 'separating-line', this.root, '');
    el('p', 'hint', this.root, 'One neuron with a step activation: ŷ = +1 if w·x + b ≥ 0, else −1. ' +
      'Rule, for each training point in turn: if ŷ ≠ y, then w ← w + η(y − ŷ)·x and b ← b + η(y − ŷ). ' +
      'The loss shown above is the fraction of points misclassified.');

    /** @type {number[]} */
    this.xs = [];
    /** @type {number[]} */
    this.ys = [];
    this.plot = new uPlot({
      width: 200, height: 60,
      legend: { show: false }, cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false },
        y: { range: (/** @type {UPlot} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [0, max > 0 ? max : 1] },
      },
      axes: [{ show: false }, { size: 30, ticks: { show: false }, grid: { show: false }, font: '10px system-ui', gap: 2 }],
      series: [{}, { label: 'Misclassified', stroke: '#183d4e', width: 1.5, points: { show: false } }],
    }, [this.xs, this.ys], this.chartBox);
    new ResizeObserver(() => {
      const w = this.chartBox.clientWidth, h = this.chartBox.clientHeight;
      if (w > 0 && h > 0 && (w !== this.plot.width || h !== this.plot.height)) this.plot.setSize({ width: w, height: h });
    }).observe(this.chartBox);

    /** @type {PerceptronLayout | null} */
    this.layout = null;
    this.numTrain = 0;
    this.lineKey = '';
  }

  /** True in perceptron mode. */
  get active() {
    return this.layout !== null;
  }

  /**
   * A new experiment. @param {PerceptronLayout | null} layout the perceptron's, or null for an MLP
   * @param {number} numTrain
   */
  load(layout, numTrain) {
    this.layout = layout;
    this.root.hidden = layout === null;
    this.numTrain = numTrain;
    this.countTotal.textContent = ` of ${numTrain}`;
    this.lineKey = '';
  }

  /**
   * The separating line now (every frame), the count, curve and verdict when the epoch changed.
   * @param {Float64Array} params @param {Int32Array} curve misclassified per epoch 0..epoch
   * @param {() => PerceptronReport} report @param {boolean} text redraw text this frame
   * @returns {{a: number, b: number, c: number} | null} the line to draw over the heatmap
   */
  update(params, curve, report, text) {
    const layout = this.layout;
    if (!layout) return null;
    const line = separatingLine(layout, params);
    const epoch = curve.length - 1;
    if (!text) return line;
    // Epoch and parameters as a key: a hand edit changes the numbers at the same epoch.
    let key = `${epoch}:`;
    for (let i = 0; i < params.length; i++) key += `${params[i]},`;
    if (key === this.lineKey) return line;
    this.lineKey = key;
    this.updateLineText(line, params);
    this.countValue.textContent = epoch >= 0 ? String(curve[epoch]) : '–';
    // The curve, decimated to about CURVE_POINTS points, into arrays kept between frames.
    const stride = Math.max(1, Math.ceil((epoch + 1) / CURVE_POINTS));
    this.xs.length = 0;
    this.ys.length = 0;
    for (let e = 0; e <= epoch; e += stride) { this.xs.push(e); this.ys.push(curve[e]); }
    if (this.xs[this.xs.length - 1] !== epoch && epoch >= 0) { this.xs.push(epoch); this.ys.push(curve[epoch]); }
    this.plot.setData([this.xs, this.ys]);
    const r = report();
    this.verdict.dataset.verdict = r.verdict;
    this.verdictText.textContent = r.verdict === 'converged' ? `${r.text} (epoch ${r.convergedEpoch})` : r.text;
    this.switchBtn.hidden = r.verdict !== 'not-separable';
    return line;
  }

  /** @param {{a: number, b: number, c: number} | null} line @param {Float64Array} params */
  updateLineText(line, params) {
    const layout = /** @type {PerceptronLayout} */ (this.layout);
    if (!line) {
      const w0 = layout.weightOffset[1];
      const label = (/** @type {string} */ id) => FEATURES.find((f) => f[0] === id)?.[1] ?? id;
      const terms = layout.inputIds.map((id, i) => term(params[w0 + i], label(id), i === 0)).join('');
      this.lineText.textContent = layout.inputIds.length === 0
        ? 'No input feature: the neuron only has its bias.'
        : `Decision boundary: ${terms}${term(params[layout.biasOffset[1]], '', false)} = 0 — a line in ` +
          'the space of these features; in the plane, the heatmap shows its two sides.';
      return;
    }
    const parts = [];
    if (line.a !== 0 || line.b === 0) parts.push(term(line.a, 'X₁', true));
    if (line.b !== 0) parts.push(term(line.b, 'X₂', parts.length === 0));
    this.lineText.textContent = `Separating line: ${parts.join('')}${term(line.c, '', false)} = 0`;
  }
}
