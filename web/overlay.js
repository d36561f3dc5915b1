// overlay.js — marks drawn over the big output heatmap: the perceptron's separating line and
// the backpropagation step-through's sample. One DPR-aware canvas above the points; redrawn
// only when a mark or the size changes.

import { DOMAIN, fromLeft, fromTop } from './plane.js';

/** A line a·x + b·y + c = 0 in data coordinates. @typedef {{a: number, b: number, c: number}} Line */

/**
 * The part of the line a·x + b·y + c = 0 inside [-d, d]², or null when it misses the square or
 * is not a line (a = b = 0, or not finite).
 * @param {number} a @param {number} b @param {number} c @param {number} [d]
 * @returns {[number, number, number, number] | null} x0, y0, x1, y1
 */
export function clipLine(a, b, c, d = DOMAIN) {
  if (![a, b, c].every(Number.isFinite) || (a === 0 && b === 0)) return null;
  /** @type {number[][]} */
  const pts = [];
  const add = (/** @type {number} */ x, /** @type {number} */ y) => {
    if (x >= -d - 1e-9 && x <= d + 1e-9 && y >= -d - 1e-9 && y <= d + 1e-9 &&
        !pts.some((p) => Math.abs(p[0] - x) < 1e-9 && Math.abs(p[1] - y) < 1e-9)) pts.push([x, y]);
  };
  if (b !== 0) { add(-d, (-c + a * d) / b); add(d, (-c - a * d) / b); }
  if (a !== 0) { add((-c + b * d) / a, -d); add((-c - b * d) / a, d); }
  if (pts.length < 2) return null;
  return [pts[0][0], pts[0][1], pts[1][0], pts[1][1]];
}

export class HeatmapOverlay {
  /** @param {HTMLElement} frame the heatmap's square frame (position: relative) */
  constructor(frame) {
    this.frame = frame;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'heatmap-overlay';
    frame.appendChild(this.canvas);
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    /** @type {[number, number, number, number] | null} */
    this.segment = null;
    /** @type {[number, number] | null} */
    this.marker = null;
    this.size = 0;
    new ResizeObserver(() => this.draw()).observe(frame);
  }

  /**
   * The separating line a·x + b·y + c = 0 (or none). Redraws only when it moved.
   * @param {Line | null} line
   */
  setLine(line) {
    const seg = line ? clipLine(line.a, line.b, line.c) : null;
    const old = this.segment;
    if (seg === old || (seg && old && seg.every((v, i) => v === old[i]))) return;
    this.segment = seg;
    this.draw();
  }

  /** The step-through's sample, or none. @param {number | null} x @param {number | null} [y] */
  setMarker(x, y = null) {
    const m = x === null || y === null ? null : /** @type {[number, number]} */ ([x, y]);
    const old = this.marker;
    if (m === old || (m && old && m[0] === old[0] && m[1] === old[1])) return;
    this.marker = m;
    this.draw();
  }

  draw() {
    const size = this.frame.clientWidth;
    const dpr = window.devicePixelRatio || 1;
    const px = Math.round(size * dpr);
    if (this.canvas.width !== px) {
      this.canvas.width = px;
      this.canvas.height = px;
    }
    this.size = size;
    // What is drawn, for tests and automation: data-line / data-marker present when drawn.
    this.canvas.toggleAttribute('data-line', this.segment !== null);
    this.canvas.toggleAttribute('data-marker', this.marker !== null);
    const g = this.ctx;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, size, size);
    if (size === 0) return;
    const sx = (/** @type {number} */ x) => fromLeft(x) * size;
    const sy = (/** @type {number} */ y) => fromTop(y) * size;
    if (this.segment) {
      const [x0, y0, x1, y1] = this.segment;
      g.lineCap = 'round';
      g.strokeStyle = 'rgba(255,255,255,.9)';
      g.lineWidth = 5;
      g.beginPath();
      g.moveTo(sx(x0), sy(y0));
      g.lineTo(sx(x1), sy(y1));
      g.stroke();
      g.strokeStyle = '#183d4e';
      g.lineWidth = 2.5;
      g.stroke();
    }
    if (this.marker) {
      const x = sx(this.marker[0]), y = sy(this.marker[1]);
      g.lineWidth = 3;
      g.strokeStyle = '#fff';
      g.beginPath();
      g.arc(x, y, 9, 0, 2 * Math.PI);
      g.stroke();
      g.lineWidth = 2;
      g.strokeStyle = '#111';
      g.stroke();
    }
  }
}
