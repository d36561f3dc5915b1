// datapanel.js — the DATA column: dataset thumbnails drawn from the engine's own generators,
// ratio of training to test data, noise, batch size, and "Regenerate".

import { CLASSIFICATION_DATASETS, REGRESSION_DATASETS } from './urlstate.js';
import { SHADE_CSS, shadeOf, repaintOnPaletteChange } from './palette.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { fromLeft, fromTop } from './plane.js';

/**
 * @typedef {{set(name: string, value: string): void, regenerate(): void, editData(): void}} DataHandlers
 */

const THUMB_CSS = 44;

export class DataPanel {
  /** @param {HTMLElement} container @param {DataHandlers} handlers */
  constructor(container, handlers) {
    this.h = handlers;
    this.root = el('div', 'data-panel', container);
    el('h2', 'col-title', this.root, t('data.title'));
    const which = el('div', 'datasets-box', this.root);
    which.dataset.control = 'dataset';
    el('div', 'hint', which, t('data.which'));
    this.datasets = el('div', 'datasets', which);
    /** @type {Map<string, HTMLButtonElement>} */
    this.thumbs = new Map();
    for (const [param, list] of /** @type {const} */ ([['dataset', CLASSIFICATION_DATASETS], ['regDataset', REGRESSION_DATASETS]])) {
      for (const [name, label] of list) {
        const b = /** @type {HTMLButtonElement} */ (el('button', 'dataset-thumb', this.datasets));
        b.dataset.dataset = name;
        b.dataset.param = param;
        b.title = t(label);
        b.setAttribute('aria-label', t(label));
        const c = /** @type {HTMLCanvasElement} */ (el('canvas', '', b));
        c.width = c.height = Math.round(THUMB_CSS * (window.devicePixelRatio || 1));
        b.addEventListener('click', () => this.h.set(param, name));
        this.thumbs.set(name, b);
      }
    }
    /** @type {Record<string, {input: HTMLInputElement, value: HTMLElement, format: (v: number) => string}>} */
    this.sliders = {};
    this.slider('percTrainData', t('data.ratio'), 10, 90, 10, (v) => `${v}%`);
    this.slider('noise', t('data.noise'), 0, 50, 5, (v) => String(v));
    this.slider('batchSize', t('data.batchSize'), 1, 30, 1, (v) => String(v));
    const regen = /** @type {HTMLButtonElement} */ (el('button', 'text-button regenerate', this.root, t('data.regenerate')));
    regen.title = t('data.regenerateTitle');
    regen.addEventListener('click', () => this.h.regenerate());
    const edit = /** @type {HTMLButtonElement} */ (el('button', 'text-button edit-data', this.root, t('data.edit')));
    edit.dataset.control = 'data';
    edit.title = t('data.editTitle');
    edit.addEventListener('click', () => this.h.editData());
  }

  /**
   * @param {string} name @param {string} label @param {number} min @param {number} max
   * @param {number} step @param {(v: number) => string} format
   */
  slider(name, label, min, max, step, format) {
    const box = el('div', 'control slider', this.root);
    box.dataset.control = name;
    const lab = el('label', '', box);
    el('span', 'label', lab, `${label}: `);
    const value = el('span', 'value', lab);
    const input = /** @type {HTMLInputElement} */ (el('input', '', lab));
    input.type = 'range';
    input.name = name;
    input.min = String(min);
    input.max = String(max);
    input.step = String(step);
    input.addEventListener('input', () => {
      value.textContent = format(Number(input.value));
      this.h.set(name, input.value);
    });
    this.sliders[name] = { input, value, format };
  }

  /**
   * Draws each dataset's thumbnail once, from points the engine generated.
   * @param {Map<string, number[][]>} points dataset name -> [x, y, label] points
   */
  setThumbnails(points) {
    repaintOnPaletteChange(() => this.paintThumbnails(points));
    this.paintThumbnails(points);
  }

  /** @param {Map<string, number[][]>} points */
  paintThumbnails(points) {
    for (const [name, pts] of points) {
      const b = this.thumbs.get(name);
      if (!b) continue;
      const c = /** @type {HTMLCanvasElement} */ (b.firstChild);
      const g = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
      const r = Math.max(1, c.width / 44);
      g.clearRect(0, 0, c.width, c.height);
      for (const p of pts) {
        const shade = shadeOf(p[2]);
        g.fillStyle = SHADE_CSS[Math.min(shade, SHADE_CSS.length - 1)];
        g.fillRect(fromLeft(p[0]) * c.width - r, fromTop(p[1]) * c.width - r, 2 * r, 2 * r);
      }
    }
  }

  /** @param {import('./types.js').EngineState} state */
  update(state) {
    const regression = state.problem === 'regression';
    const current = regression ? state.regDataset : state.dataset;
    for (const [name, b] of this.thumbs) {
      b.hidden = (b.dataset.param === 'regDataset') !== regression;
      b.classList.toggle('selected', name === current);
      b.setAttribute('aria-pressed', String(name === current));
    }
    for (const [name, s] of Object.entries(this.sliders)) {
      const v = Number(state[name]);
      s.input.value = String(v);
      s.value.textContent = s.format(v);
    }
  }
}
