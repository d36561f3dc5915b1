// classes-view.js — what a classifier shows beyond TFP, loaded on first use: for K >= 3 classes
// the output heatmap coloured by the predicted class (Okabe–Ito's colour-blind-safe palette),
// lighter where the class is less probable, the points in their class colours and a legend;
// for any classification, the confusion matrices of the training and test points (rows the true
// class, columns the predicted one), opened by the button under the accuracies.

import { el } from './dom.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** Okabe & Ito's qualitative palette (orange, sky blue, bluish green, yellow, blue,
 * vermilion): told apart with any colour vision. Class c has CLASS_COLOURS[c]. */
export const CLASS_COLOURS = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00'];
/** Shades per class, from the faintest (the class barely wins) to the full colour. */
const SHADES = 64;

/** @param {string} hex @returns {number[]} r, g, b */
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** Pixels (ABGR, little-endian) for every class and shade: white blended towards the colour.
 * @returns {Uint32Array} */
function classLut() {
  const lut = new Uint32Array(CLASS_COLOURS.length * SHADES);
  CLASS_COLOURS.forEach((hex, c) => {
    const col = rgb(hex);
    for (let s = 0; s < SHADES; s++) {
      const a = 0.15 + (0.85 * s) / (SHADES - 1);
      const [r, g, b] = col.map((v) => Math.round(255 + (v - 255) * a));
      lut[c * SHADES + s] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    }
  });
  return lut;
}

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./heatmap.js').HeatmapView} HeatmapView
 */

export class ClassesView {
  /**
   * @param {{heatmap: HeatmapView}} output (the tables go under its heatmap)
   * @param {HTMLButtonElement} button the confusion matrix button
   */
  constructor(output, button) {
    this.heatmap = output.heatmap;
    this.button = button;
    this.lut = classLut();
    /** Classes of the experiment last drawn (-1: none yet). */
    this.k = -1;
    this.open = false;
    this.legend = el('div', 'class-legend', this.heatmap.root);
    this.legend.setAttribute('role', 'list');
    this.legend.setAttribute('aria-label', t('classes.legend'));
    this.tables = el('div', 'confusion', undefined);
    this.heatmap.root.after(this.tables);
    this.tables.hidden = true;
    this.shown = '';
  }

  /** Opens or closes the confusion matrices. */
  toggle() {
    this.open = !this.open;
    this.button.setAttribute('aria-expanded', String(this.open));
    this.tables.hidden = !this.open;
    this.shown = '';
  }

  /** A new number of classes: the points' colours, the legend, and the tables opened for K >= 3.
   * @param {number} k */
  setClasses(k) {
    this.k = k;
    const many = k >= 3;
    this.heatmap.fill = many ? (label) => CLASS_COLOURS[label] ?? '#999' : null;
    this.heatmap.drawPoints();
    this.legend.replaceChildren();
    this.legend.hidden = !many;
    for (let c = 0; many && c < k; c++) {
      const item = el('span', 'class-item', this.legend);
      item.setAttribute('role', 'listitem');
      el('span', 'class-swatch', item).style.background = CLASS_COLOURS[c];
      el('span', '', item, t('classes.name', c));
    }
    if (many && !this.open) this.toggle();
    this.shown = '';
  }

  /**
   * The output heatmap of K >= 3 classes; false (nothing drawn) for fewer.
   * @param {Experiment} ex @param {number} density @param {boolean} discretize
   * @returns {boolean}
   */
  paint(ex, density, discretize) {
    const k = ex.classes;
    if (k !== this.k) this.setClasses(k);
    if (k < 3) return false;
    const values = ex.evaluateClasses(density);
    const h = this.heatmap;
    h.size(density);
    const cells = density * density;
    const px = h.pixels;
    const floor = 1 / k;
    for (let c = 0; c < cells; c++) {
      const p = values[cells + c];
      const shade = discretize ? SHADES - 1
        : Math.max(0, Math.min(SHADES - 1, Math.round(((p - floor) / (1 - floor)) * (SHADES - 1)))) || 0;
      px[c] = this.lut[values[c] * SHADES + shade];
    }
    h.ctx.putImageData(/** @type {ImageData} */ (h.image), 0, 0);
    return true;
  }

  /** The confusion matrices now, when open. @param {Experiment} ex */
  update(ex) {
    const k = ex.classes;
    if (k !== this.k) this.setClasses(k);
    this.tables.hidden = !this.open || k === 0;
    if (this.tables.hidden) return;
    const m = ex.confusion();
    const text = JSON.stringify(m);
    if (!m || text === this.shown) return;
    this.shown = text;
    this.tables.replaceChildren();
    this.table(m.train, t('confusion.train'));
    this.table(m.test, t('confusion.test'));
  }

  /** @param {number[][]} m @param {string} caption */
  table(m, caption) {
    const k = m.length;
    const names = k === 2 ? ['−1', '+1'] : m.map((_, c) => String(c));
    const table = el('table', 'confusion-table', this.tables);
    el('caption', '', table, caption);
    const head = el('tr', '', el('thead', '', table));
    el('td', '', head);
    const label = (/** @type {HTMLElement} */ cell, /** @type {number} */ c) => {
      if (k > 2) el('span', 'class-swatch', cell).style.background = CLASS_COLOURS[c];
      el('span', '', cell, names[c]);
    };
    for (let c = 0; c < k; c++) {
      const th = el('th', '', head);
      th.setAttribute('scope', 'col');
      label(th, c);
    }
    const body = el('tbody', '', table);
    m.forEach((row, r) => {
      const tr = el('tr', '', body);
      const th = el('th', '', tr);
      th.setAttribute('scope', 'row');
      label(th, r);
      row.forEach((n, c) => el('td', r === c ? 'hit' : '', tr, String(n)));
    });
  }
}
