// compare.js — `compare=<param>:<v1>,...`: two to four variants of the link's experiment trained
// side by side (core/compare.h), imported only when a link compares. Each variant is the engine's
// experiment of its own link; they follow the page's experiment epoch for epoch, so play, step
// and reset drive them all: before each redraw every variant trains (or resets and trains) to
// the page's epoch, within a time budget per frame while playing (at speed max they catch up
// when paused). One chart holds every variant's losses in its own colour-blind-safe colour
// (Okabe & Ito), with a legend; each variant has a small output heatmap.

import { el, setText } from './dom.js';
import { t, tn, addEnglish, languageNotices } from './i18n.js';
import panelWords from './strings/en-panels.js';
import { makeLut, paintSlice, formatLoss, setPalette, paletteOfPage } from './palette.js';

addEnglish(panelWords);

/** Okabe & Ito's colours (2008), told apart with any colour vision: blue, orange, bluish green,
 * reddish purple. */
export const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'];
/** Cells per side of a variant's heatmap. */
const DENSITY = 40;
/** Most time the variants may take to follow the page in one frame while playing, ms. */
const FRAME_BUDGET_MS = 8;
/** Epochs a variant trains per call while it catches up: checks the budget between calls. */
const CHUNK = 25;
/** The chart's drawing box (SVG user units) and the most points a line gets. */
const W = 300;
const H = 120;
const MAX_POINTS = 200;
const SVG = 'http://www.w3.org/2000/svg';
/** The panel's rules, here rather than in style.css so a first load does not fetch them (a
 * constructed style sheet: the page's policy allows it, as it allows no inline style). */
const RULES = `
.compare { margin: 12px 0 0; padding: 8px 12px; border-top: 1px solid #ddd; }
.compare-chart { height: 140px; max-width: 520px; }
.compare-chart svg { width: 100%; height: 100%; border-left: 1px solid #999; border-bottom: 1px solid #999; }
.compare-legend { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.compare-legend li { display: flex; align-items: center; gap: 6px; min-height: 24px; }
.compare-swatch { display: inline-block; width: 22px; height: 4px; }
.compare-loss { color: #555; font-size: 12px; }
.compare-key { margin: 2px 0 6px; font-size: 12px; color: #555; }
.compare-maps { display: flex; flex-wrap: wrap; gap: 10px; }
.compare-map { margin: 0; text-align: center; border-top: 4px solid; padding-top: 2px; }
.compare-map canvas { display: block; width: 96px; height: 96px; }
.compare-map figcaption { font-size: 12px; max-width: 96px; overflow-wrap: anywhere; }
.compare-c0 { border-color: ${COLOURS[0]}; background-color: ${COLOURS[0]}; }
.compare-c1 { border-color: ${COLOURS[1]}; background-color: ${COLOURS[1]}; }
.compare-c2 { border-color: ${COLOURS[2]}; background-color: ${COLOURS[2]}; }
.compare-c3 { border-color: ${COLOURS[3]}; background-color: ${COLOURS[3]}; }
.compare-map.compare-c0, .compare-map.compare-c1, .compare-map.compare-c2, .compare-map.compare-c3 { background-color: transparent; }`;

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./types.js').Engine} Engine
 * @typedef {{value: string, hash: string}} VariantLink
 * @typedef {{value: string, hash: string, ex: Experiment, ctx: CanvasRenderingContext2D,
 *   image: ImageData, pixels: Uint32Array, loss: HTMLElement, test: SVGPolylineElement,
 *   train: SVGPolylineElement}} Variant
 * @typedef {{engine: Engine, ex: Experiment | null, live(): Experiment, display: {discretize: boolean},
 *   redraw(): void, writeLink(): void, compare: ComparePanel | undefined, refused: import('./types.js').Notice[],
 *   views: {notices: {update(n: import('./types.js').Notice[]): void}}}} ComparePage
 */

/** What the display, the lecture and the page own: never compared (core/compare.c). */
const NOT_COMPARED = ['showTestData', 'discretize', 'cosX', 'cosY', 'collectStats', 'tutorial', 'hideText', 'mode',
  'model', 'lesson', 'goalTrainLoss', 'goalTestLoss', 'speed', 'palette', 'lang', 'compare'];

/**
 * The variants of `ex`'s comparison, by core/compare.c's rules (the CLI's): each value's link is
 * `ex`'s settings at epoch 0 without `compare`, then `<param>=<value>`, read by the engine's own
 * parser, which must take it without a notice. Reasons are the CLI's, word for word.
 * @param {Engine} engine @param {Experiment} ex
 * @returns {{param: string, variants: VariantLink[], why: string | null}}
 */
export function judge(engine, ex) {
  const st = ex.state();
  const spec = compareOf(ex);
  const colon = spec.indexOf(':');
  const param = spec.slice(0, colon);
  const values = spec.slice(colon + 1).split(',').map((/** @type {string} */ v) => (param === 'networkShape' ? v.replaceAll('-', ',') : v));
  /** @type {VariantLink[]} */
  const variants = [];
  /** @param {string} why */
  const refuse = (why) => ({ param, variants: [], why });
  if (colon < 0) return refuse('not <parameter>:<value>,<value>');
  if (!(Object.hasOwn(st, param) || param === 'samples' || param === 'compare') || param === 'hide') return refuse(`no parameter is named ${param}`);
  if (NOT_COMPARED.includes(param)) return refuse(`${param} is the display's, the lecture's or the page's, not the experiment's`);
  if (values.length < 2) return refuse('needs 2 to 4 values, got 1');
  if (values.length > 4) return refuse('needs 2 to 4 values, got more than 4');
  if (st.model === 'perceptron') return refuse('the perceptron is not compared');
  // The settings at epoch 0: the link without its epoch, its changes (NAME@EPOCH) and compare.
  const base = ex.hash().split('&').filter((/** @type {string} */ p) => {
    const name = p.split('=')[0];
    return name !== 'epoch' && name !== 'compare' && (!name.includes('@') || name.endsWith('_hide'));
  }).join('&');
  for (const [i, value] of values.entries()) {
    // init=zeros is written initZero=true, which a TFP link writes as false
    const init = param === 'init' ? `&initZero=${value === 'zeros'}` : '';
    const parsed = engine.parseHash(`${base}&${param}=${value}${init}`);
    if (parsed.notices.length > 0) return refuse(`${param}=${value} is refused (${parsed.notices[0].reason.split(';')[0]})`);
    if (values.indexOf(value) < i) return refuse(`${param}: ${value} is given twice`);
    variants.push({ value, hash: parsed.hash });
  }
  return { param, variants, why: null };
}

/** The link's `compare` ('' without; the engine keeps it as text, its state() leaves it out).
 * @param {Experiment} ex */
export function compareOf(ex) {
  const piece = ex.hash().split('&').find((/** @type {string} */ p) => p.startsWith('compare='));
  return piece ? piece.slice(8) : '';
}

/**
 * Shows the variants of `ex`'s link (none closes the panel), unless another experiment came
 * since. A comparison refused gets its notice, and the link drops it.
 * @param {ComparePage} page the controller @param {Experiment} ex
 */
export function openCompare(page, ex) {
  if (page.ex !== ex) return;
  const { param, variants, why } = compareOf(ex) ? judge(page.engine, ex) : { param: '', variants: [], why: null };
  if (why !== null) {
    const notice = { param: 'compare', value: compareOf(ex), reason: `${why}; opening the experiment alone` };
    page.refused = [notice];
    page.views.notices.update([...languageNotices(ex.state().lang), ...ex.notices(), notice]);
    page.writeLink();
  }
  page.compare ??= new ComparePanel(page);
  page.compare.load(param, variants);
  page.redraw();
}

export class ComparePanel {
  /** @param {ComparePage} page */
  constructor(page) {
    /** Under the playground's columns. */
    this.root = el('section', 'compare');
    this.root.id = 'compare';
    /** @type {Element} */ (document.querySelector('.playground')).append(this.root);
    this.page = page;
    /** @type {Variant[]} */
    this.variants = [];
    this.lut = makeLut(160);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(RULES);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    this.chartTime = 0;
    this.param = '';
  }

  /**
   * The variants of the page's experiment ([] closes the panel). Each is built from its own link.
   * @param {string} param the compared parameter @param {VariantLink[]} links
   */
  load(param, links) {
    const same = links.length === this.variants.length && links.every((l, i) => l.hash === this.variants[i].hash);
    if (same && param === this.param) return; // the same links: the variants go on
    this.param = param;
    this.dispose();
    this.root.hidden = links.length === 0;
    this.root.replaceChildren();
    if (links.length === 0) return;
    this.root.setAttribute('aria-label', t('compare.title', param));
    el('h2', 'col-title', this.root, t('compare.title', param));
    const chart = el('div', 'compare-chart', this.root);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('preserveAspectRatio', 'none'); // the box's width, whatever it is
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${t('compare.title', param)}. ${t('compare.key')}`);
    chart.appendChild(svg);
    const legend = el('ul', 'compare-legend', this.root);
    el('p', 'compare-key', this.root, t('compare.key'));
    const maps = el('div', 'compare-maps', this.root);
    this.variants = links.map((link, i) => {
      const colour = COLOURS[i];
      const line = (/** @type {boolean} */ dashed) => {
        const p = /** @type {SVGPolylineElement} */ (document.createElementNS(SVG, 'polyline'));
        p.setAttribute('fill', 'none');
        p.setAttribute('stroke', colour);
        p.setAttribute('stroke-width', dashed ? '1' : '2');
        p.setAttribute('vector-effect', 'non-scaling-stroke');
        if (dashed) p.setAttribute('stroke-dasharray', '4 3');
        svg.appendChild(p);
        return p;
      };
      const item = el('li', '', legend);
      el('span', `compare-swatch compare-c${i}`, item).setAttribute('aria-hidden', 'true');
      el('span', 'compare-value', item, `${param} = ${shown(link.value)}`);
      const loss = el('span', 'compare-loss', item, '');
      const card = el('figure', `compare-map compare-c${i}`, maps);
      const canvas = /** @type {HTMLCanvasElement} */ (el('canvas', '', card));
      canvas.width = DENSITY;
      canvas.height = DENSITY;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `${t('output.title')}: ${param} = ${shown(link.value)}`);
      el('figcaption', '', card, shown(link.value));
      const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
      const image = ctx.createImageData(DENSITY, DENSITY);
      const ex = this.page.engine.experiment(link.hash);
      return { ...link, ex, ctx, image, pixels: new Uint32Array(image.data.buffer), loss, test: line(false), train: line(true) };
    });
  }

  /**
   * Every variant trains to the page's epoch (reset first when the page went back): at most
   * `budget` ms, then the rest at the next frame. @param {number} budget ms
   * @returns {boolean} whether all are there
   */
  follow(budget = Infinity) {
    const target = this.page.live().epoch;
    const end = performance.now() + budget;
    for (const v of this.variants) {
      if (v.ex.epoch > target) v.ex.reset();
      while (v.ex.epoch < target) {
        v.ex.train(Math.min(CHUNK, target - v.ex.epoch));
        if (performance.now() > end) return false;
      }
    }
    return true;
  }

  /** Before the page's redraw: follow, then draw the heatmaps (each frame) and the chart and the
   * numbers (while playing, at most every 30 ms). @param {boolean} playing */
  draw(playing) {
    if (this.variants.length === 0) return;
    if (!this.follow(playing ? FRAME_BUDGET_MS : Infinity)) this.page.redraw();
    setPalette(paletteOfPage()); // this file's copy of palette.js follows the page's
    for (const v of this.variants) {
      const out = v.ex.layout().numNodes - 1;
      paintSlice(v.pixels, 0, DENSITY, v.ex.evaluateNode(out, DENSITY), 0, DENSITY, 1, this.lut, this.page.display.discretize);
      v.ctx.putImageData(v.image, 0, 0);
    }
    const now = performance.now();
    if (playing && now - this.chartTime < 30) return;
    this.chartTime = now;
    this.drawChart();
  }

  drawChart() {
    let top = 0;
    let epochs = 1;
    for (const v of this.variants) {
      const c = v.ex.lossCurveView();
      for (let k = 0; k < c.length; k++) if (Number.isFinite(c[k]) && c[k] > top) top = c[k];
      epochs = Math.max(epochs, c.length / 2 - 1);
    }
    top = top > 0 ? top : 1;
    for (const v of this.variants) {
      const c = v.ex.lossCurveView();
      const rows = c.length / 2;
      const step = Math.max(1, Math.ceil(rows / MAX_POINTS));
      /** @param {number} col 0 train, 1 test */
      const points = (col) => {
        let s = '';
        const at = (/** @type {number} */ r) => {
          const y = c[2 * r + col];
          if (Number.isFinite(y)) s += `${((r / epochs) * W).toFixed(1)},${(H - 1 - (Math.min(y, top) / top) * (H - 2)).toFixed(1)} `;
        };
        for (let r = 0; r < rows; r += step) at(r);
        if ((rows - 1) % step !== 0) at(rows - 1);
        return s;
      };
      v.test.setAttribute('points', points(1));
      v.train.setAttribute('points', points(0));
      const last = rows - 1;
      setText(v.loss, `${t('output.testLoss')}${formatLoss(c[2 * last + 1])}, ${t('output.trainLoss')}${formatLoss(c[2 * last])}`);
    }
  }

  /** What `window.nnplay.compare()` gives: every variant at the page's epoch.
   * @returns {{value: string, link: string, lossCurve: (number | null)[][]}[]} */
  result() {
    this.follow();
    const base = location.href.split('#')[0];
    return this.variants.map((v) => ({ value: v.value, link: `${base}#${v.hash}`, lossCurve: v.ex.lossCurve() }));
  }

  dispose() {
    for (const v of this.variants) v.ex.dispose();
    this.variants = [];
  }
}

/** A value as the legend shows it: no hidden layer reads as such. @param {string} value */
function shown(value) {
  return value === '' ? tn('network.layers', 0) : value;
}
