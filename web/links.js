// links.js — the network's links and biases on one DPR-aware canvas. Geometry is computed once
// per network shape into typed arrays. The canvas is a row of strips, one per pair of adjacent
// layers (from one column's centre to the next's), and no stroke leaves its strip, so a frame
// redraws only the strips where a link's colour or width step or a bias's colour changed; while
// training plays, at most STROKES_PER_FRAME links' worth of them, in turn, the others on the
// next frames (stroking is most of a frame's raster). A strip's links are bucketed by
// (colour shade, width) with a counting sort into preallocated arrays, so colour and width are
// set once per bucket and nothing is allocated.

import { NUM_SHADES, SHADE_CSS, shadeOf } from './palette.js';
import { t } from './i18n.js';

const WIDTH_LEVELS = 19; // widths 1, 1.5, ... 10 px: TFP's |weight| [0, 5] -> [1, 10] px, clamped
const MAX_WIDTH_AT = 5;
const BIAS_SIZE = 7;
/** While playing, a frame strokes at most this many links, whole strips in turn (at least one
 * strip, however large): two of a 6×8 network's strips of 64, so a strip waits a few frames at most (a colour
 * step is 1/31 of the scale: a human does not see it come 50 ms late), and the frame's raster
 * stays short. Paused, every changed strip is drawn at once. */
export const STROKES_PER_FRAME = 128;

/**
 * @typedef {{x: number, y: number}} Point
 * @typedef {{kind: 'weight', layer: number, from: number, to: number, param: number, x: number, y: number}
 *   | {kind: 'bias', layer: number, node: number, param: number, x: number, y: number}} LinkTarget
 */

export class LinksLayer {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'links';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', t('links.label'));
    container.appendChild(this.canvas);
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    this.width = 0;
    this.height = 0;
    this.numLinks = 0;
    this.geom = new Float32Array(0);   // x0, y0, x1, y1 per link
    this.param = new Int32Array(0);    // parameter index per link
    this.meta = new Int32Array(0);     // layer, from, to per link
    this.key = new Int32Array(0);
    this.order = new Int32Array(0);
    this.counts = new Int32Array((NUM_SHADES + 1) * WIDTH_LEVELS + 1); // + NaN shade
    this.numBiases = 0;
    this.biasGeom = new Float32Array(0); // x, y (top-left of the square) per bias
    this.biasParam = new Int32Array(0);
    this.biasMeta = new Int32Array(0);   // layer, node per bias
    this.biasShade = new Int32Array(0);
    /** Per strip l (links into layer l + 1): its first link, first bias, left edge (CSS px);
     * entry `numStrips` closes each. */
    this.numStrips = 0;
    this.stripLink = new Int32Array(1);
    this.stripBias = new Int32Array(1);
    this.stripLeft = new Float32Array(1);
    /** Strips whose picture is not what their keys say, kept until drawn (some strip still
     * shows older parameters when a budgeted draw() left it for later). */
    this.stripDirty = new Uint8Array(0);
    /** The strip the next draw() looks at first, so that strips left for later take turns. */
    this.nextStrip = 0;
    this.stale = true;                   // redraw on the next draw() whatever the keys
  }

  /**
   * New shape: link and bias geometry from the node centres.
   * @param {import('./types.js').Layout} layout
   * @param {Point[][]} centres centre of every node per layer (input layer = active inputs)
   * @param {number} nodeSize CSS px
   * @param {number} width @param {number} height CSS px of the canvas
   */
  setShape(layout, centres, nodeSize, width, height) {
    const sizes = layout.layerSizes;
    let n = 0;
    let nb = 0;
    for (let l = 1; l < sizes.length; l++) { n += sizes[l] * sizes[l - 1]; nb += sizes[l]; }
    this.numLinks = n;
    this.geom = new Float32Array(4 * n);
    this.param = new Int32Array(n);
    this.meta = new Int32Array(3 * n);
    this.key = new Int32Array(n);
    this.order = new Int32Array(n);
    this.numBiases = nb;
    this.biasGeom = new Float32Array(2 * nb);
    this.biasParam = new Int32Array(nb);
    this.biasMeta = new Int32Array(2 * nb);
    this.biasShade = new Int32Array(nb);
    this.numStrips = sizes.length - 1;
    this.stripLink = new Int32Array(sizes.length);
    this.stripBias = new Int32Array(sizes.length);
    this.stripLeft = new Float32Array(sizes.length);
    this.stripDirty = new Uint8Array(this.numStrips);
    this.nextStrip = 0;
    const half = nodeSize / 2;
    let k = 0;
    let b = 0;
    for (let l = 1; l < sizes.length; l++) {
      // A strip runs from the centre of layer l - 1's column (the canvas's edge for the first)
      // to layer l's: a link ends half a node short of a centre, and its widest stroke (10 px)
      // reaches 5 px beyond its ends at most.
      this.stripLink[l - 1] = k;
      this.stripBias[l - 1] = b;
      this.stripLeft[l - 1] = l === 1 ? 0 : Math.floor(centres[l - 1][0].x);
      for (let j = 0; j < sizes[l]; j++) {
        const dst = centres[l][j];
        for (let i = 0; i < sizes[l - 1]; i++) {
          const src = centres[l - 1][i];
          this.geom.set([src.x + half, src.y, dst.x - half, dst.y], 4 * k);
          this.param[k] = layout.weightOffset[l] + j * sizes[l - 1] + i;
          this.meta.set([l, i, j], 3 * k);
          k++;
        }
        this.biasGeom.set([dst.x - half - BIAS_SIZE - 2, dst.y + half - BIAS_SIZE], 2 * b);
        this.biasParam[b] = layout.biasOffset[l] + j;
        this.biasMeta.set([l, j], 2 * b);
        b++;
      }
    }
    this.stripLink[this.numStrips] = k;
    this.stripBias[this.numStrips] = b;
    this.stripLeft[this.numStrips] = width;
    this.resize(width, height);
  }

  /** @param {number} width @param {number} height CSS px */
  resize(width, height) {
    const dpr = window.devicePixelRatio || 1;
    this.width = width;
    this.height = height;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.stale = true;
  }

  /**
   * Shows the current parameters: redraws the strips where any link's colour or width step or
   * any bias's colour changed (every strip when the shape or size did), and leaves the others;
   * with a budget, only the strips that fit in it, in turn (the first always), and the rest
   * stay marked for the next call.
   * @param {Float64Array} params @param {Uint8Array} dead
   * @param {number} [budget] links to stroke at most, unless the first strip alone has more
   *   (default: all)
   * @returns {boolean} whether strips were left for a later call
   */
  draw(params, dead, budget = Infinity) {
    // The picture depends only on each link's (shade, width) and each bias's shade.
    const dirty = this.stripDirty;
    if (this.stale) dirty.fill(1);
    this.stale = false;
    for (let s = 0; s < this.numStrips; s++) {
      for (let k = this.stripLink[s]; k < this.stripLink[s + 1]; k++) {
        const p = this.param[k];
        const w = dead[p] ? 0 : params[p];
        const a = Math.abs(w);
        const level = a !== a ? 0 : a >= MAX_WIDTH_AT ? WIDTH_LEVELS - 1 : Math.round((a / MAX_WIDTH_AT) * (WIDTH_LEVELS - 1));
        const key = shadeOf(w) * WIDTH_LEVELS + level;
        if (this.key[k] !== key) { this.key[k] = key; dirty[s] = 1; }
      }
      for (let b = this.stripBias[s]; b < this.stripBias[s + 1]; b++) {
        const shade = shadeOf(params[this.biasParam[b]]);
        if (this.biasShade[b] !== shade) { this.biasShade[b] = shade; dirty[s] = 1; }
      }
    }
    let stroked = 0;
    const first = this.nextStrip;
    for (let i = 0; i < this.numStrips; i++) {
      const s = (first + i) % this.numStrips;
      if (!dirty[s]) continue;
      const links = this.stripLink[s + 1] - this.stripLink[s];
      if (stroked > 0 && stroked + links > budget) break; // its turn comes first next time
      this.drawStrip(s);
      dirty[s] = 0;
      stroked += links;
      this.nextStrip = (s + 1) % this.numStrips;
    }
    return dirty.includes(1);
  }

  /** Clears strip s and draws its links, then its biases. @param {number} s */
  drawStrip(s) {
    const g = this.ctx;
    const first = this.stripLink[s], last = this.stripLink[s + 1];
    const counts = this.counts;
    counts.fill(0);
    for (let k = first; k < last; k++) counts[this.key[k] + 1]++;
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    for (let k = first; k < last; k++) this.order[first + counts[this.key[k]]++] = k;
    // counts[key] is now the end of bucket key (from `first`); its start is counts[key - 1].
    const left = this.stripLeft[s];
    g.clearRect(left, 0, this.stripLeft[s + 1] - left, this.height);
    // One straight stroke per link, in bucket order so colour and width change once per bucket:
    // in Chromium's software raster this is ~2x cheaper than curves, and cheaper than one path
    // per bucket (whose overlapping sub-paths cost more to fill).
    const geom = this.geom;
    let start = first;
    for (let key = 0; key < counts.length - 1; key++) {
      const end = first + counts[key];
      if (end === start) continue;
      const shade = Math.floor(key / WIDTH_LEVELS);
      g.strokeStyle = shade < NUM_SHADES ? SHADE_CSS[shade] : '#999';
      g.lineWidth = 1 + (key % WIDTH_LEVELS) * 0.5;
      for (let o = start; o < end; o++) {
        const q = 4 * this.order[o];
        g.beginPath();
        g.moveTo(geom[q], geom[q + 1]);
        g.lineTo(geom[q + 2], geom[q + 3]);
        g.stroke();
      }
      start = end;
    }
    g.lineWidth = 1;
    g.strokeStyle = '#999';
    for (let b = this.stripBias[s]; b < this.stripBias[s + 1]; b++) {
      const shade = this.biasShade[b];
      g.fillStyle = shade < NUM_SHADES ? SHADE_CSS[shade] : '#999';
      const x = this.biasGeom[2 * b], y = this.biasGeom[2 * b + 1];
      g.fillRect(x, y, BIAS_SIZE, BIAS_SIZE);
      g.strokeRect(x + 0.5, y + 0.5, BIAS_SIZE - 1, BIAS_SIZE - 1);
    }
  }

  /**
   * The bias square or link under (x, y) in CSS px, or null. Biases win over links.
   * @param {number} x @param {number} y @returns {LinkTarget | null}
   */
  hitTest(x, y) {
    for (let b = 0; b < this.numBiases; b++) {
      const bx = this.biasGeom[2 * b], by = this.biasGeom[2 * b + 1];
      if (x >= bx - 2 && x <= bx + BIAS_SIZE + 2 && y >= by - 2 && y <= by + BIAS_SIZE + 2) {
        return { kind: 'bias', layer: this.biasMeta[2 * b], node: this.biasMeta[2 * b + 1],
          param: this.biasParam[b], x: bx + BIAS_SIZE / 2, y: by + BIAS_SIZE / 2 };
      }
    }
    let best = -1;
    let bestD = 5 * 5;
    let bx = 0, by = 0;
    for (let k = 0; k < this.numLinks; k++) {
      const q = 4 * k;
      const x0 = this.geom[q], y0 = this.geom[q + 1], x1 = this.geom[q + 2], y1 = this.geom[q + 3];
      if (x < x0 - 5 || x > x1 + 5) continue;
      const d = segDist2(x, y, x0, y0, x1, y1);
      if (d < bestD) { bestD = d; best = k; bx = x; by = y; }
    }
    if (best < 0) return null;
    return { kind: 'weight', layer: this.meta[3 * best], from: this.meta[3 * best + 1],
      to: this.meta[3 * best + 2], param: this.param[best], x: bx, y: by };
  }
}

/** Squared distance from (x, y) to the segment (ax, ay)-(bx, by). */
function segDist2(/** @type {number} */ x, /** @type {number} */ y, /** @type {number} */ ax,
  /** @type {number} */ ay, /** @type {number} */ bx, /** @type {number} */ by) {
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  let t = len > 0 ? ((x - ax) * dx + (y - ay) * dy) / len : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - x, ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}
