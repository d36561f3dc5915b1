// heatmap.js — the big output view: a density×density canvas stretched by CSS (pixels written
// through one preallocated ImageData from the palette), a DPR-aware overlay with the training
// and test points, axes over [-6, 6]² and a colour legend. It knows its size in device pixels,
// the density of a still picture.

import { makeLut, paintSlice, SHADE_CSS, shadeOf, ramp, repaintOnPaletteChange } from './palette.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { DOMAIN, fromLeft, fromTop } from './plane.js';

/** Axis ticks every 2 units across the plane. */
const TICKS = Array.from({ length: DOMAIN + 1 }, (_, i) => 2 * i - DOMAIN);

export class HeatmapView {
  /** @param {HTMLElement} container @param {() => void} resized the frame's size changed */
  constructor(container, resized) {
    this.root = el('div', 'heatmap', container);
    const frame = el('div', 'heatmap-frame', this.root);
    this.frame = frame;
    frame.setAttribute('role', 'img');
    frame.setAttribute('aria-label', t('heatmap.label'));
    this.grid = /** @type {HTMLCanvasElement} */ (el('canvas', 'heatmap-grid', frame));
    this.overlay = /** @type {HTMLCanvasElement} */ (el('canvas', 'heatmap-points', frame));
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.grid.getContext('2d'));
    this.octx = /** @type {CanvasRenderingContext2D} */ (this.overlay.getContext('2d'));
    this.lut = makeLut(160);
    this.density = 0;
    /** @type {ImageData | null} */
    this.image = null;
    this.pixels = new Uint32Array(0);
    /** @type {{train: number[][], test: number[][]}} */
    this.points = { train: [], test: [] };
    this.showTest = false;
    /** A point's colour from its label, for K classes (classes-view.js); null: TFP's. @type {((label: number) => string) | null} */
    this.fill = null;
    /** The frame's width in device pixels (from the ResizeObserver: reading it costs no layout). */
    this.devicePixels = 0;

    const xAxis = el('div', 'axis axis-x', frame);
    const yAxis = el('div', 'axis axis-y', frame);
    for (const t of TICKS) {
      const pos = fromLeft(t) * 100;
      const xt = el('span', 'tick', xAxis);
      xt.textContent = String(t);
      xt.style.left = `${pos}%`;
      const yt = el('span', 'tick', yAxis);
      yt.textContent = String(t);
      yt.style.top = `${100 - pos}%`;
    }
    this.legend = new ColourLegend(this.root);
    new ResizeObserver((entries) => {
      const e = entries[entries.length - 1];
      this.devicePixels = Math.round(e.contentRect.width * (window.devicePixelRatio || 1));
      this.drawPoints();
      resized();
    }).observe(frame);
  }

  /** The frame's width in device pixels: the ResizeObserver's, or measured once before it first
   * reports (the page's first drawing comes before it, and must already be the still one).
   * @returns {number} */
  deviceWidth() {
    if (this.devicePixels === 0) {
      this.devicePixels = Math.round(this.frame.getBoundingClientRect().width * (window.devicePixelRatio || 1));
    }
    return this.devicePixels;
  }

  /**
   * Paints one node's slice. Allocates only when the density changes.
   * @param {Float32Array} values @param {number} offset @param {number} density
   * @param {boolean} discretize
   */
  update(values, offset, density, discretize) {
    this.size(density);
    paintSlice(this.pixels, 0, density, values, offset, density, 1, this.lut, discretize);
    this.ctx.putImageData(/** @type {ImageData} */ (this.image), 0, 0);
  }

  /** The canvas and its pixels at this density. @param {number} density */
  size(density) {
    if (density !== this.density) {
      this.density = density;
      this.grid.width = density;
      this.grid.height = density;
      this.image = this.ctx.createImageData(density, density);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
  }

  /**
   * New points to draw (on data change only, not per frame).
   * @param {{train: number[][], test: number[][]}} points @param {boolean} showTest
   */
  setPoints(points, showTest) {
    this.points = points;
    this.showTest = showTest;
    this.drawPoints();
  }

  drawPoints() {
    const c = this.overlay;
    const size = this.frame.clientWidth;
    if (size === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(size * dpr)) {
      c.width = Math.round(size * dpr);
      c.height = Math.round(size * dpr);
    }
    const g = this.octx;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, size, size);
    const r = size > 200 ? 3 : 2;
    /** @param {number[][]} pts @param {string} stroke */
    const draw = (pts, stroke) => {
      g.lineWidth = 1;
      g.strokeStyle = stroke;
      for (const p of pts) {
        const x = fromLeft(p[0]) * size;
        const y = fromTop(p[1]) * size;
        const s = shadeOf(p[2]);
        g.fillStyle = this.fill ? this.fill(p[2]) : s < SHADE_CSS.length ? SHADE_CSS[s] : '#999';
        g.beginPath();
        g.arc(x, y, r, 0, 2 * Math.PI);
        g.fill();
        g.stroke();
      }
    };
    draw(this.points.train, '#fff');
    if (this.showTest) draw(this.points.test, '#000');
  }
}

/** The colour legend under the heatmap: the ramp from -1 to 1 with its end labels. */
class ColourLegend {
  /** @param {HTMLElement} container */
  constructor(container) {
    const root = el('div', 'legend', container);
    const canvas = /** @type {HTMLCanvasElement} */ (el('canvas', 'legend-bar', root));
    canvas.width = 64;
    canvas.height = 1;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t('heatmap.scale'));
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const img = ctx.createImageData(64, 1);
    const paint = () => {
      for (let i = 0; i < 64; i++) {
        const [r, g, b] = ramp(i / 63);
        img.data.set([r, g, b, 255], i * 4);
      }
      ctx.putImageData(img, 0, 0);
    };
    paint();
    repaintOnPaletteChange(paint);
    const labels = el('div', 'legend-labels', root);
    for (const t of ['-1', '0', '1']) el('span', '', labels).textContent = t;
  }
}
