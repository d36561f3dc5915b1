// backprop-matrix.js — the step-through's numbers as matrices (the vectorised view of the same
// step): a layer's forward pass as W·a + b = z → f(z) with W's rows its neurons, a whole
// mini-batch as W·A + b·1ᵀ = Z with A's columns the batch's examples, the error signal as
// (Wᵀδ) then f′(z) ⊙ it, the gradients as δ·aᵀ. Every number is the engine's (the traces of
// the step-through); cells round for display and carry full precision in their title.

import { el } from './dom.js';
import { inkOf } from './palette.js';
import { t as tr } from './i18n.js';

/**
 * @typedef {import('./types.js').Layout} Layout
 * @typedef {import('./types.js').BackpropTrace} BackpropTrace
 */

/** A value in 3 significant digits. @param {number} v */
const short = (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v));

export class MatrixView {
  /** @param {HTMLElement} bar where the two switches go @param {() => void} changed */
  constructor(bar, changed) {
    this.on = false;
    this.batch = false;
    /** @param {string} label @param {(b: HTMLButtonElement) => void} flip */
    const make = (label, flip) => {
      const b = /** @type {HTMLButtonElement} */ (el('button', 'text-button bp-switch', bar, tr(label)));
      b.type = 'button';
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => { flip(b); changed(); });
      return b;
    };
    this.matrixBtn = make('backprop.matrix', (b) => {
      this.on = !this.on;
      b.setAttribute('aria-pressed', String(this.on));
      this.batchBtn.hidden = !this.on;
    });
    this.batchBtn = make('backprop.batch', (b) => {
      this.batch = !this.batch;
      b.setAttribute('aria-pressed', String(this.batch));
    });
    this.batchBtn.hidden = true;
  }

  /**
   * Fills `box` with the stage's matrices; false (box untouched) when the view is off or the
   * stage has none (error, update).
   * @param {HTMLElement} box @param {BackpropTrace} t @param {Layout} layout @param {string} stage
   * @param {() => BackpropTrace[]} batchTraces the traces of the sample's mini-batch, in order
   */
  render(box, t, layout, stage, batchTraces) {
    if (!this.on || !['forward', 'backward', 'gradients'].includes(stage)) return false;
    const sizes = layout.layerSizes;
    const traces = stage === 'forward' && this.batch ? batchTraces() : [t];
    const out = el('div', 'mx-all');
    if (traces.length > 1) el('p', 'hint', out, tr('backprop.batchText', traces.map((b) => b.point + 1).join(', ')));
    for (let l = 1; l < sizes.length; l++) {
      const first = layout.nodeOffset[l], prev = layout.nodeOffset[l - 1];
      const n = sizes[l], m = sizes[l - 1];
      /** rows × cols of the engine's numbers: at(i, j) */
      const W = (/** @type {number} */ i, /** @type {number} */ j) => t.params[layout.weightOffset[l] + i * m + j];
      const node = (/** @type {number[]} */ arr, /** @type {number} */ base) => (/** @type {number} */ i) => arr[base + i];
      const eq = el('div', 'mx-eq', out);
      eq.dataset.layer = String(l);
      const last = l === sizes.length - 1;
      el('strong', 'mx-name', eq, last ? tr('backprop.outputLayer') : tr('backprop.layer', l));
      if (stage === 'forward') {
        const col = (/** @type {(b: BackpropTrace) => number[]} */ pick, /** @type {number} */ base) =>
          (/** @type {number} */ i, /** @type {number} */ c) => pick(traces[c])[base + i];
        this.matrix(eq, 'W', n, m, W);
        this.op(eq, '·');
        this.matrix(eq, traces.length > 1 ? 'A' : 'a', m, traces.length, col((b) => b.output, prev));
        this.op(eq, '+');
        this.matrix(eq, traces.length > 1 ? 'b·1ᵀ' : 'b', n, 1, (i) => t.params[layout.biasOffset[l] + i]);
        this.op(eq, '=');
        this.matrix(eq, traces.length > 1 ? 'Z' : 'z', n, traces.length, col((b) => b.total, first));
        this.op(eq, `→ ${last ? layout.outputActivation : layout.hiddenActivation} →`);
        this.matrix(eq, traces.length > 1 ? 'f(Z)' : 'f(z)', n, traces.length, col((b) => b.output, first));
      } else if (stage === 'backward') {
        if (!last) {
          const k = sizes[l + 1], next = layout.nodeOffset[l + 1];
          this.matrix(eq, `W${l + 1}ᵀ`, n, k, (i, j) => t.params[layout.weightOffset[l + 1] + j * n + i]);
          this.op(eq, '·');
          this.matrix(eq, `δ${l + 1}`, k, 1, node(t.inputDer, next));
          this.op(eq, '=');
        }
        this.matrix(eq, 'dE/da', n, 1, node(t.outputDer, first));
        this.op(eq, `⊙ f′(z) →`);
        this.matrix(eq, 'δ', n, 1, node(t.inputDer, first));
      } else {
        this.matrix(eq, 'δ', n, 1, node(t.inputDer, first));
        this.op(eq, '·');
        this.matrix(eq, 'aᵀ', 1, m, (_, j) => t.output[prev + j]);
        this.op(eq, '=');
        this.matrix(eq, '∂E/∂W', n, m, (i, j) => t.grad[layout.weightOffset[l] + i * m + j]);
      }
    }
    box.replaceChildren(out);
    return true;
  }

  /** @param {HTMLElement} parent @param {string} text */
  op(parent, text) {
    el('span', 'mx-op', parent, text);
  }

  /** A named rows × cols matrix of values at(i, j). @param {HTMLElement} parent @param {string} name
   * @param {number} rows @param {number} cols @param {(i: number, j: number) => number} at */
  matrix(parent, name, rows, cols, at) {
    const box = el('span', 'mx');
    parent.appendChild(box);
    el('span', 'mx-label', box, name);
    const table = el('table', 'mx-table', box);
    table.dataset.name = name;
    for (let i = 0; i < rows; i++) {
      const row = el('tr', '', table);
      for (let j = 0; j < cols; j++) {
        const v = at(i, j);
        const td = el('td', 'num', row, short(v));
        td.title = String(v);
        td.dataset.value = String(v);
        td.style.color = v === 0 ? '' : inkOf(v);
      }
    }
  }
}
