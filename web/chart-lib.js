// chart-lib.js — what the loss chart (losschart.js) draws with, as a module of its own: the part
// of Chartist it uses, a bare line chart made with it, and the thinning of a line to the points
// worth drawing. The page imports it on the chart's first line (two points), so a first load
// does not carry it.

import { LineChart, FixedScaleAxis } from 'chartist';

export { LineChart, FixedScaleAxis };

/**
 * @typedef {{x: number, y: number | null}} Point
 * @typedef {{className: string, data: Point[]}} Series
 * @typedef {{chart: LineChart, data: {series: Series[]}, size: {width: number, height: number} | null}} Layer
 */

/** Points nearer than this (in CSS pixels) to the line through the points kept around them are
 * not handed to Chartist: invisible under a 1.5 px stroke, and the redraw costs per point. */
const TOLERANCE = 0.25;

/**
 * A bare Chartist line chart in `box`: no axes, grid, labels or points, straight segments broken
 * where a value is null. x spans the data; y starts at 0 and ends at `high`, or at the data's
 * maximum (1 when there is none). Sized by `viewBox` (`size`, set at the first redraw after a
 * resize), so drawing never reads the layout.
 * @param {HTMLElement} box @param {Series[]} series
 * @param {number} [high]
 * @returns {Layer}
 */
export function layer(box, series, high) {
  const axis = { type: FixedScaleAxis, ticks: [], showGrid: false, showLabel: false, offset: 0 };
  const data = { series };
  const chart = new LineChart(box, data, {
    showPoint: false, lineSmooth: false, chartPadding: 0, viewBox: { width: 1, height: 1 },
    axisX: axis, axisY: { ...axis, low: 0, high },
  });
  return { chart, data, size: null };
}

/**
 * Fills `line` with the points of column `ys` (over `xs`) worth drawing at sx, sy pixels per
 * unit (all of them when the size is not known yet), as objects of `pool` rewritten in place: per
 * run of values, Douglas–Peucker within TOLERANCE, plus the column's maximum (it sets the scale)
 * and, of each run of nulls, the first point (the gap) and the last stored point (the x span).
 * Allocates nothing.
 * @param {number[]} xs @param {(number | null)[]} ys @param {number} sx @param {number} sy
 * @param {Point[]} line @param {Point[]} pool
 * @param {{px: Float64Array, py: Float64Array, keep: Uint8Array, stack: Int32Array}} scratch
 *   at least one entry per point (stack: two)
 */
export function thin(xs, ys, sx, sy, line, pool, scratch) {
  const n = xs.length;
  const { px, py, keep } = scratch;
  const all = !(sx > 0 && sy > 0);
  keep.fill(all ? 1 : 0, 0, n);
  if (!all) {
    let top = -1;
    for (let i = 0; i < n; i++) {
      const y = ys[i];
      px[i] = (xs[i] - xs[0]) * sx;
      py[i] = y === null ? 0 : y * sy;
      if (y !== null && (top < 0 || y > /** @type {number} */ (ys[top]))) top = i;
    }
    if (top >= 0) keep[top] = 1;
    for (let i = 0; i < n;) {
      if (ys[i] === null) {
        if (i === 0 || i === n - 1 || ys[i - 1] !== null) keep[i] = 1;
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < n && ys[j + 1] !== null) j++;
      douglasPeucker(px, py, i, j, keep, scratch.stack);
      i = j + 1;
    }
  }
  line.length = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const p = pool[line.length];
    p.x = xs[i];
    p.y = ys[i];
    line.push(p);
  }
}

/**
 * Douglas–Peucker on points a..b (pixel coordinates px, py): sets keep[i] = 1 for a, b and
 * every point the simplified line needs to stay within TOLERANCE pixels of all of them.
 * @param {Float64Array} px @param {Float64Array} py @param {number} a @param {number} b
 * @param {Uint8Array} keep @param {Int32Array} stack scratch, 2 entries per point
 */
export function douglasPeucker(px, py, a, b, keep, stack) {
  const tol2 = TOLERANCE * TOLERANCE;
  keep[a] = keep[b] = 1;
  let top = 0;
  stack[top++] = a;
  stack[top++] = b;
  while (top > 0) {
    const j = stack[--top], i = stack[--top];
    const dx = px[j] - px[i], dy = py[j] - py[i], len2 = dx * dx + dy * dy;
    let far = -1, farD = tol2;
    for (let k = i + 1; k < j; k++) {
      // Squared distance from point k to the segment i–j.
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((px[k] - px[i]) * dx + (py[k] - py[i]) * dy) / len2)) : 0;
      const ex = px[i] + t * dx - px[k], ey = py[i] + t * dy - py[k];
      const d = ex * ex + ey * ey;
      if (d > farD) { farD = d; far = k; }
    }
    if (far < 0) continue;
    keep[far] = 1;
    stack[top++] = i;
    stack[top++] = far;
    stack[top++] = far;
    stack[top++] = j;
  }
}
