// layers.js — inside the layers: for every layer after the inputs, how its neurons' activations
// spread over the training points (a histogram) and how large its error signals δ = dE/d total
// are (a quantile band on one scale for all layers, so vanishing gradients show as bands that
// shrink towards the inputs), and whether every neuron of the layer is the same (the symmetry
// zero initialisation never breaks). The numbers are the engine's (experiment.layerStats(),
// core/layer_stats.h), recomputed while the network changes, at most every REFRESH_MS.

import { el } from './dom.js';
import { formatParam } from './palette.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/**
 * @typedef {import('./types.js').LayerStats} LayerStats
 * @typedef {{layerStats(): LayerStats, params(): Float64Array}} StatsSource
 */

/** The statistics cost about 15 ms for the largest network under Node (6 layers of 8 neurons,
 * 250 points: tests/wasm/layer-stats.test.js prints it), so at most about three a second. */
const REFRESH_MS = 350;
const HIST_W = 120, HIST_H = 32, BAND_H = 10;

/** A canvas of w×h CSS pixels, sharp on high-density screens. @param {HTMLElement} parent
 * @param {number} w @param {number} h @returns {CanvasRenderingContext2D} */
function canvas(parent, w, h) {
  const c = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  c.width = Math.round(w * dpr);
  c.height = Math.round(h * dpr);
  c.style.width = `${w}px`;
  c.style.height = `${h}px`;
  c.setAttribute('role', 'img');
  parent.appendChild(c);
  const g = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
  g.scale(dpr, dpr);
  return g;
}

export class LayersPanel {
  /** @param {HTMLElement} root the panel (made by lecture.js with its heading and button)
   * @param {HTMLButtonElement} toggle its show / hide button */
  constructor(root, toggle) {
    this.root = root;
    this.toggle = toggle;
    this.body = el('div', 'ly-body', root);
    el('p', 'hint', this.body, t('layers.hint'));
    this.list = el('div', 'ly-list', this.body);
    this.active = false;
    /** @type {Float64Array | null} the parameters the statistics were computed for */
    this.seen = null;
    this.computed = -Infinity;
    /** @type {LayerStats | null} */
    this.stats = null;
    this.show(false);
  }

  /** @param {boolean} on */
  show(on) {
    this.active = on;
    this.body.hidden = !on;
    this.toggle.textContent = t(on ? 'layers.hide' : 'layers.show');
    this.toggle.setAttribute('aria-expanded', String(on));
    this.seen = null;
  }

  /** A new experiment (or none that has layers: the perceptron). @param {boolean} applies */
  load(applies) {
    this.root.hidden = !applies;
    this.seen = null;
  }

  /** Per frame: recompute when the network changed, at most every REFRESH_MS.
   * @param {StatsSource} ex @returns {boolean} whether it must be called again soon */
  update(ex) {
    if (!this.active || this.root.hidden) return false;
    const params = ex.params();
    const seen = this.seen;
    let same = seen !== null && seen.length === params.length;
    for (let i = 0; same && i < params.length; i++) same = Object.is(seen?.[i], params[i]);
    if (same) return false;
    if (performance.now() - this.computed < REFRESH_MS) return true;
    this.seen = Float64Array.from(params);
    this.computed = performance.now();
    this.stats = ex.layerStats();
    this.render(this.stats);
    return false;
  }

  /** @param {LayerStats} stats */
  render(stats) {
    this.list.replaceChildren();
    const out = stats.layers.length - 1;
    // One scale for every layer's error signals: the largest |δ| of any layer.
    let scale = 0;
    for (const s of stats.layers) for (const v of s.gradients) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    stats.layers.forEach((s, l) => {
      const row = el('div', 'ly-row', this.list);
      row.dataset.layer = String(l + 1);
      row.dataset.identical = String(s.identical);
      row.dataset.counts = s.histogram.counts.join(',');
      row.dataset.activations = s.activations.map(String).join(',');
      row.dataset.gradients = s.gradients.map(String).join(',');
      el('strong', 'ly-name', row, l === out ? t('layers.output', s.size) : t('layers.layer', l + 1, s.size));
      const [min, , , median, , , max] = s.activations;
      const hist = canvas(el('div', 'ly-cell', row), HIST_W, HIST_H);
      hist.canvas.setAttribute('aria-label', t('layers.actLabel', formatParam(min), formatParam(max), formatParam(median)));
      this.histogram(hist, s.histogram.counts);
      const lo = el('span', 'ly-range', row, `${formatParam(s.histogram.lo)} … ${formatParam(s.histogram.hi)}`);
      lo.title = t('layers.range');
      const g = s.gradients;
      const band = canvas(el('div', 'ly-cell', row), HIST_W, BAND_H);
      band.canvas.setAttribute('aria-label', t('layers.gradLabel', formatParam(g[1]), formatParam(g[5]), formatParam(g[3])));
      this.band(band, g, scale);
      el('span', 'ly-range', row, `δ ${formatParam(g[1])} … ${formatParam(g[5])}`).title = t('layers.gradRange');
      if (s.identical) el('span', 'ly-identical', row, t('layers.identical'));
    });
  }

  /** Bars of the bin counts, the tallest full height. @param {CanvasRenderingContext2D} g
   * @param {number[]} counts */
  histogram(g, counts) {
    const top = Math.max(1, ...counts);
    const w = HIST_W / counts.length;
    g.fillStyle = '#f2f2f2';
    g.fillRect(0, 0, HIST_W, HIST_H);
    g.fillStyle = '#0877bd';
    counts.forEach((c, b) => {
      const h = c === 0 ? 0 : Math.max(1, (c / top) * HIST_H);
      g.fillRect(b * w + 0.5, HIST_H - h, w - 1, h);
    });
  }

  /** The quantiles of δ as nested bands (min–max, 10–90 %, 25–75 %) and a median tick, on
   * [-scale, scale]. @param {CanvasRenderingContext2D} g @param {number[]} q @param {number} scale */
  band(g, q, scale) {
    const x = (/** @type {number} */ v) => HIST_W / 2 + (scale > 0 ? (v / scale) * (HIST_W / 2) : 0);
    g.fillStyle = '#f2f2f2';
    g.fillRect(0, 0, HIST_W, BAND_H);
    g.fillStyle = '#999';
    g.fillRect(HIST_W / 2, 0, 0.5, BAND_H);
    if (!q.every(Number.isFinite)) return;
    for (const [a, b, colour] of /** @type {[number, number, string][]} */ ([[0, 6, '#fde0c5'], [1, 5, '#f59322'], [2, 4, '#b25c00']])) {
      g.fillStyle = colour;
      g.fillRect(x(q[a]), 1, Math.max(1, x(q[b]) - x(q[a])), BAND_H - 2);
    }
    g.fillStyle = '#000';
    g.fillRect(x(q[3]) - 0.5, 0, 1, BAND_H);
  }
}
