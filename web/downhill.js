// downhill.js — optimisers rolling downhill (`downhill=bowl|valley|saddle`): SGD, momentum,
// RMSprop and Adam descend a surface of two parameters side by side, drawn as paths over its
// contour map. The paths are the engine's (engine.downhillPath: core/optimizer.c's own update);
// this view only draws them. Loaded on first use (the lecture bar's button or a link).
//
// What the panel shows is in the link: the surface, the start point and each optimiser's
// learning rate as the panel's own parameters (written without rebuilding the experiment); μ,
// ρ, β₁, β₂ and ε are the playground's own, changed as their controls change them.

import { el, setText } from './dom.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** Steps computed and shown at most; steps per frame while playing. */
const MAX_STEPS = 400;
const STEPS_PER_FRAME = 2;
/** The map's side in canvas pixels and in grid nodes; the map spans [-2, 2]². */
const SIDE = 320;
const NODES = 160;
const BANDS = 14;
/** Start points lie on a grid of 1/GRID; the arrow keys move one (Shift: five) of its steps. */
const GRID = 20;

/** Okabe–Ito colours (told apart with any colour vision) and dashes, one per optimiser. */
export const OPTIMIZERS = /** @type {const} */ ([
  { id: 'sgd', name: 'SGD', param: 'downhillSgd', colour: '#d55e00', dash: [] },
  { id: 'momentum', name: 'Momentum', param: 'downhillMomentum', colour: '#0072b2', dash: [8, 4] },
  { id: 'rmsprop', name: 'RMSprop', param: 'downhillRmsprop', colour: '#009e73', dash: [2, 3] },
  { id: 'adam', name: 'Adam', param: 'downhillAdam', colour: '#cc79a7', dash: [10, 3, 2, 3] },
]);
const RATES = [0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01, 0.02, 0.03, 0.05, 0.1, 0.18, 0.2, 0.3, 0.5, 1];
/** Each optimiser's own hyperparameters: the link parameter and its menu. */
const HYPER = /** @type {Record<string, [string, string, number[]][]>} */ ({
  momentum: [['momentum', 'μ', [0, 0.5, 0.8, 0.9, 0.95, 0.99]]],
  rmsprop: [['rho', 'ρ', [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]]],
  adam: [['beta1', 'β₁', [0.5, 0.8, 0.9, 0.95, 0.99]], ['beta2', 'β₂', [0.9, 0.99, 0.999, 0.9999]]],
});

/**
 * @typedef {import('./types.js').EngineState} EngineState
 * @typedef {{
 *   downhillSurfaces(): string[],
 *   downhillSettings(surface: string): {x: number, y: number, rates: Record<string, number>},
 *   downhillPath(run: object): Float64Array,
 *   downhillGrid(surface: string, n: number): Float64Array,
 * }} DownhillEngine
 * @typedef {{
 *   state(): EngineState,
 *   setPanelParams(values: Record<string, string | null>): void,
 *   setParams(values: Record<string, string | null>): void,
 * }} DownhillHandlers
 */

/** @param {number} v */
const fmt = (v) => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '∞');

/** A labelled menu of numbers. @param {HTMLElement} parent @param {string} label @param {number[]} values */
function menu(parent, label, values) {
  const lab = el('label', 'control dh-menu', parent);
  el('span', 'label', lab, label);
  const sel = /** @type {HTMLSelectElement} */ (el('select', '', lab));
  for (const v of values) /** @type {HTMLOptionElement} */ (el('option', '', sel, String(v))).value = String(v);
  return sel;
}

/** Shows `value` in a menu of numbers, adding it when the link asked for one not in the menu. */
function choose(/** @type {HTMLSelectElement} */ sel, /** @type {number} */ value) {
  const v = String(value);
  if (![...sel.options].some((o) => o.value === v)) /** @type {HTMLOptionElement} */ (el('option', '', sel, v)).value = v;
  sel.value = v;
}

export class DownhillPanel {
  /**
   * @param {HTMLElement} host the panel goes after it @param {DownhillEngine} engine
   * @param {DownhillHandlers} handlers
   */
  constructor(host, engine, handlers) {
    this.engine = engine;
    this.handlers = handlers;
    this.root = el('section', 'downhill-panel lecture-panel');
    host.after(this.root);
    this.root.setAttribute('aria-label', t('downhill.title'));
    const head = el('div', 'dh-head', this.root);
    el('h2', 'col-title', head, t('downhill.title'));
    const close = this.button(head, t('downhill.close'), () => this.handlers.setPanelParams({ downhill: null }));
    close.classList.add('dh-close');

    const bar = el('div', 'dh-bar', this.root);
    const lab = el('label', 'control dh-menu', bar);
    el('span', 'label', lab, t('downhill.surface'));
    this.surfaceSel = /** @type {HTMLSelectElement} */ (el('select', 'dh-surface', lab));
    for (const s of engine.downhillSurfaces()) /** @type {HTMLOptionElement} */ (el('option', '', this.surfaceSel, t(`downhill.${s}`))).value = s;
    this.surfaceSel.addEventListener('change', () => this.handlers.setPanelParams({ downhill: this.surfaceSel.value, downhillX: null, downhillY: null }));
    this.playBtn = this.button(bar, t('downhill.play'), () => this.setPlaying(!this.playing));
    this.playBtn.classList.add('dh-play');
    this.button(bar, t('downhill.step'), () => { this.setPlaying(false); this.show(this.k + 1); }).classList.add('dh-step');
    this.button(bar, t('downhill.reset'), () => { this.setPlaying(false); this.show(0); }).classList.add('dh-reset');

    const body = el('div', 'dh-body', this.root);
    this.canvas = /** @type {HTMLCanvasElement} */ (el('canvas', 'dh-map', body));
    this.canvas.width = this.canvas.height = SIDE;
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-label', t('downhill.map'));
    // offsetX/Y and clientWidth/Height: inside the border, where the map is drawn
    this.canvas.addEventListener('click', (e) => {
      const c = this.canvas;
      this.setStart(-2 + 4 * e.offsetX / c.clientWidth, 2 - 4 * e.offsetY / c.clientHeight);
    });
    this.canvas.addEventListener('keydown', (e) => {
      const d = (e.shiftKey ? 5 : 1) / GRID;
      const move = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] }[e.key];
      if (!move) return;
      e.preventDefault();
      this.setStart(this.start[0] + move[0], this.start[1] + move[1]);
    });
    this.bands = /** @type {HTMLCanvasElement} */ (document.createElement('canvas'));
    this.bands.width = this.bands.height = NODES;

    const side = el('div', 'dh-side', body);
    this.where = el('p', 'dh-where', side, '');
    this.where.setAttribute('aria-live', 'polite');
    /** @type {{row: HTMLElement, rate: HTMLSelectElement, at: HTMLElement, hyper: [string, HTMLSelectElement][]}[]} */
    this.rows = [];
    const legend = el('ul', 'dh-legend', side);
    for (const o of OPTIMIZERS) {
      const row = el('li', `dh-row dh-${o.id}`, legend);
      const key = el('span', 'dh-key', row);
      key.style.borderTopColor = o.colour;
      key.style.borderTopStyle = o.dash.length ? 'dashed' : 'solid';
      el('strong', 'dh-name', row, o.name);
      const rate = menu(row, t('downhill.rate'), RATES);
      rate.addEventListener('change', () => this.handlers.setPanelParams({ [o.param]: rate.value }));
      /** @type {[string, HTMLSelectElement][]} */
      const hyper = [];
      for (const [param, label, values] of HYPER[o.id] ?? []) {
        const sel = menu(row, label, values);
        sel.addEventListener('change', () => { this.handlers.setParams({ [param]: sel.value }); this.load(this.handlers.state()); });
        hyper.push([param, sel]);
      }
      const at = el('span', 'dh-at', row, '');
      this.rows.push({ row, rate, at, hyper });
    }
    el('p', 'hint', side, t('downhill.note'));

    this.surface = '';
    /** @type {[number, number]} */
    this.start = [0, 0];
    /** @type {Float64Array[]} each optimiser's path, MAX_STEPS steps */
    this.paths = [];
    this.k = 0;
    this.playing = false;
    this.frame = 0;
  }

  /** @param {HTMLElement} parent @param {string} text @param {() => void} onClick */
  button(parent, text, onClick) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'text-button', parent, text));
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  /** The link's panel: shows or hides it and recomputes the paths. @param {EngineState} st */
  load(st) {
    const open = st.downhill !== 'none';
    // Opened by its button: brought into view (a link that opens it leaves the page at the top).
    if (open && this.root.hidden !== false && document.activeElement?.classList.contains('downhill-open')) {
      requestAnimationFrame(() => this.root.scrollIntoView({ block: 'nearest' }));
    }
    this.root.hidden = !open;
    if (!open) { this.setPlaying(false); return; }
    const own = this.engine.downhillSettings(st.downhill);
    if (st.downhill !== this.surface) this.drawBands(st.downhill);
    this.surface = st.downhill;
    this.surfaceSel.value = st.downhill;
    this.start = [st.downhillX ?? own.x, st.downhillY ?? own.y];
    const s = /** @type {Record<string, any>} */ (st);
    this.paths = OPTIMIZERS.map((o, i) => {
      const rate = s[o.param] ?? own.rates[o.id];
      const r = this.rows[i];
      choose(r.rate, rate);
      for (const [param, sel] of r.hyper) choose(sel, s[param]);
      return this.engine.downhillPath({ surface: st.downhill, optimizer: o.id, rate, x: this.start[0], y: this.start[1],
        steps: MAX_STEPS, momentum: st.momentum, rho: st.rho, beta1: st.beta1, beta2: st.beta2, epsilon: st.epsilon });
    });
    this.show(0);
  }

  /** A click, tap or key: the new start point, on the grid inside the map (a short link, and a
   * click lands where it was aimed within a pixel or two). */
  setStart(/** @type {number} */ x, /** @type {number} */ y) {
    const c = (/** @type {number} */ v) => String(Math.round(Math.min(2, Math.max(-2, v)) * GRID) / GRID);
    this.handlers.setPanelParams({ downhillX: c(x), downhillY: c(y) });
  }

  /** @param {boolean} playing */
  setPlaying(playing) {
    this.playing = playing && !this.root.hidden;
    setText(this.playBtn, t(this.playing ? 'downhill.pause' : 'downhill.play'));
    this.playBtn.setAttribute('aria-pressed', String(this.playing));
    cancelAnimationFrame(this.frame);
    if (!this.playing) return;
    if (this.k >= MAX_STEPS) this.show(0);
    const tick = () => {
      this.show(this.k + STEPS_PER_FRAME);
      if (this.k >= MAX_STEPS) this.setPlaying(false);
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** The map with the paths up to step k, and where each optimiser is. @param {number} k */
  show(k) {
    this.k = Math.max(0, Math.min(MAX_STEPS, k));
    const ctx = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.bands, 0, 0, SIDE, SIDE);
    const px = (/** @type {number} */ v) => (v + 2) / 4 * SIDE;
    const py = (/** @type {number} */ v) => (2 - v) / 4 * SIDE;
    ctx.lineWidth = 2.5;
    OPTIMIZERS.forEach((o, i) => {
      const p = this.paths[i];
      ctx.strokeStyle = o.colour;
      ctx.setLineDash(o.dash);
      ctx.beginPath();
      ctx.moveTo(px(p[0]), py(p[1]));
      let last = 0;
      for (let s = 1; s <= this.k; s++) {
        const x = p[2 * s], y = p[2 * s + 1];
        if (!(Math.abs(x) < 1e3 && Math.abs(y) < 1e3)) break; // gone: diverged
        ctx.lineTo(px(x), py(y));
        last = s;
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = o.colour;
      ctx.beginPath();
      ctx.arc(px(p[2 * last]), py(p[2 * last + 1]), 4, 0, 2 * Math.PI);
      ctx.fill();
      const x = p[2 * this.k], y = p[2 * this.k + 1];
      setText(this.rows[i].at, t('downhill.at', fmt(x), fmt(y)));
    });
    ctx.fillStyle = '#000';
    ctx.fillRect(px(this.start[0]) - 3, py(this.start[1]) - 3, 6, 6);
    setText(this.where, t('downhill.where', fmt(this.start[0]), fmt(this.start[1]), this.k));
  }

  /** The surface's filled bands, light (low) to dark (high) greys, on a log scale. @param {string} surface */
  drawBands(surface) {
    const f = this.engine.downhillGrid(surface, NODES);
    let lo = Infinity, hi = -Infinity;
    for (const v of f) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const span = Math.log1p(hi - lo) || 1;
    const ctx = /** @type {CanvasRenderingContext2D} */ (this.bands.getContext('2d'));
    const img = ctx.createImageData(NODES, NODES);
    for (let c = 0; c < f.length; c++) {
      const band = Math.min(BANDS - 1, Math.floor(Math.log1p(f[c] - lo) / span * BANDS));
      const g = 250 - band * 9;
      img.data.set([g, g, g + 3, 255], 4 * c);
    }
    ctx.putImageData(img, 0, 0);
  }
}
