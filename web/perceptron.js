// perceptron.js — perceptron mode (model=perceptron): the number of misclassified training
// points (a number and a curve over the epochs), the separating line w1·x + w2·y + b = 0 drawn
// over the output heatmap, and the engine's verdict — with, when the data is not linearly
// separable (XOR), a one-click switch to a small MLP that can separate it. The learning rule
// (`rule`): Rosenblatt's or Hebb's, with its formula.

import { LineChart, AutoScaleAxis, FixedScaleAxis } from 'chartist';
import { formatParam } from './palette.js';
import { FEATURES } from './urlstate.js';
import { el } from './dom.js';
import { t, engineText, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** Points kept on the curve: beyond this many epochs, every k-th one (plus the last). */
const CURVE_POINTS = 400;

/**
 * @typedef {import('./losschart.js').Point} Point
 * @typedef {import('./types.js').PerceptronReport} PerceptronReport
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
   * @param {HTMLElement} container @param {{switchToMlp(): void, setRule(rule: string): void}} handlers
   */
  constructor(container, handlers) {
    this.root = el('section', 'perceptron-panel lecture-panel', container);
    this.root.setAttribute('aria-label', t('modes.perceptron'));
    this.root.hidden = true;
    el('h2', 'col-title', this.root, t('modes.perceptron'));
    // The verdict first: on XOR it is the point of the lesson, and it must be in view.
    this.verdict = el('div', 'verdict', this.root);
    this.verdict.setAttribute('role', 'status');
    this.verdictText = el('span', 'verdict-text', this.verdict, '');
    this.switchBtn = /** @type {HTMLButtonElement} */ (el('button', 'text-button switch-mlp', this.verdict,
      t('perceptron.switch')));
    this.switchBtn.type = 'button';
    this.switchBtn.hidden = true;
    this.switchBtn.addEventListener('click', () => handlers.switchToMlp());
    const count = el('div', 'misclassified', this.root, t('perceptron.misclassified'));
    this.countValue = el('span', 'value', count, '–');
    this.countTotal = el('span', 'total', count, '');
    this.chartBox = el('div', 'misclassified-chart', this.root);
    this.lineText = el('p', 'separating-line', this.root, '');
    const lab = el('label', 'control perceptron-rule', this.root);
    el('span', 'label', lab, t('perceptron.ruleLabel'));
    this.ruleSel = /** @type {HTMLSelectElement} */ (el('select', '', lab));
    this.ruleSel.name = 'rule';
    for (const r of ['rosenblatt', 'hebb']) /** @type {HTMLOptionElement} */ (el('option', '', this.ruleSel, t(`perceptron.${r}`))).value = r;
    this.ruleSel.addEventListener('change', () => handlers.setRule(this.ruleSel.value));
    this.ruleText = el('p', 'hint rule-formula', this.root, t('perceptron.rule'));

    // The curve as Chartist reads it: {x, y} objects kept between frames, rewritten in place.
    /** @type {Point[]} */
    this.pool = [];
    /** @type {Point[]} */
    this.points = [];
    this.data = { series: [{ className: 'misclassified-line', data: this.points }] };
    // y from 0 to a round number at or above the largest count, whole-number labels centred on
    // their values; no x axis.
    this.plot = new LineChart(this.chartBox, this.data, {
      showPoint: false, lineSmooth: false, chartPadding: { top: 6, right: 0, bottom: 6, left: 0 },
      viewBox: { width: 1, height: 1 },
      axisX: { type: FixedScaleAxis, ticks: [], showGrid: false, showLabel: false, offset: 0 },
      axisY: { type: AutoScaleAxis, low: 0, onlyInteger: true, showGrid: false, offset: 30,
        labelOffset: { x: 0, y: 5 } },
    });
    new ResizeObserver(([{ contentRect: { width, height } }]) => {
      if (width > 0 && height > 0) this.plot.update(undefined, { viewBox: { width, height } }, true);
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
   * @param {number} numTrain @param {string} [rule] 'rosenblatt' (default) or 'hebb'
   */
  load(layout, numTrain, rule = 'rosenblatt') {
    this.layout = layout;
    this.ruleSel.value = rule;
    this.ruleText.textContent = t(rule === 'hebb' ? 'perceptron.hebbRule' : 'perceptron.rule');
    this.root.hidden = layout === null;
    this.numTrain = numTrain;
    this.countTotal.textContent = t('perceptron.of', numTrain);
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
    this.points.length = 0;
    for (let e = 0; e <= epoch; e += stride) this.addPoint(e, curve[e]);
    if (epoch >= 0 && this.points[this.points.length - 1].x !== epoch) this.addPoint(epoch, curve[epoch]);
    this.plot.update(this.data);
    const r = report();
    this.verdict.dataset.verdict = r.verdict;
    this.verdictText.textContent = r.verdict === 'converged' ? t('perceptron.converged', engineText(`verdict.${r.verdict}`, r.text), r.convergedEpoch) : engineText(`verdict.${r.verdict}`, r.text);
    this.switchBtn.hidden = r.verdict !== 'not-separable';
    return line;
  }

  /** @param {number} x @param {number} y */
  addPoint(x, y) {
    const p = this.pool[this.points.length] ??= { x, y };
    p.x = x;
    p.y = y;
    this.points.push(p);
  }

  /** @param {{a: number, b: number, c: number} | null} line @param {Float64Array} params */
  updateLineText(line, params) {
    const layout = /** @type {PerceptronLayout} */ (this.layout);
    if (!line) {
      const w0 = layout.weightOffset[1];
      const label = (/** @type {string} */ id) => FEATURES.find((f) => f[0] === id)?.[1] ?? id;
      const terms = layout.inputIds.map((id, i) => term(params[w0 + i], label(id), i === 0)).join('');
      this.lineText.textContent = layout.inputIds.length === 0
        ? t('perceptron.noFeature')
        : t('perceptron.boundary', `${terms}${term(params[layout.biasOffset[1]], '', false)}`);
      return;
    }
    const parts = [];
    if (line.a !== 0 || line.b === 0) parts.push(term(line.a, 'X₁', true));
    if (line.b !== 0) parts.push(term(line.b, 'X₂', parts.length === 0));
    this.lineText.textContent = t('perceptron.line', `${parts.join('')}${term(line.c, '', false)}`);
  }
}
