// losschart.js — training and test loss over epochs, drawn by Chartist (an SVG line chart).
// Data by column in a store allocated once: at most CAPACITY points, taken every `stride`
// epochs (the stride doubles when the store fills, keeping every other point), plus the latest
// epoch. Only the rows added since the last frame are read from the engine's zero-copy view,
// and the chart redraws at most once per frame — and, while training runs faster than the
// display, at most at the display's rate (the controller decides). The accuracy curves
// (classification) are stored beside the losses and drawn, dashed on their own 0–1 scale, by a
// second chart laid over the first when asked for. Colours, widths and dashes are in style.css.
// Chartist (chart-lib.js) is fetched when there is first a line to draw, not on the first load.

const CAPACITY = 600;

/** A curve row the engine did not evaluate (engine.js: NOT_EVALUATED; losses are never
 * negative): the controller trains with `every` = this chart's stride, so the rows the chart
 * keeps are evaluated, but after a clear() the chart re-reads a run trained that way. */
const NOT_EVALUATED = -1;

/**
 * @typedef {{x: number, y: number | null}} Point
 * @typedef {{className: string, data: Point[]}} Series
 * @typedef {import('./chart-lib.js').LineChart} LineChart
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
 * @param {typeof import('./chart-lib.js')} lib @param {HTMLElement} box @param {Series[]} series
 * @param {number} [high]
 * @returns {Layer}
 */
function layer({ LineChart, FixedScaleAxis }, box, series, high) {
  const axis = { type: FixedScaleAxis, ticks: [], showGrid: false, showLabel: false, offset: 0 };
  const data = { series };
  const chart = new LineChart(box, data, {
    showPoint: false, lineSmooth: false, chartPadding: 0, viewBox: { width: 1, height: 1 },
    axisX: axis, axisY: { ...axis, low: 0, high },
  });
  return { chart, data, size: null };
}

/**
 * Douglas–Peucker on points a..b (pixel coordinates px, py): sets keep[i] = 1 for a, b and
 * every point the simplified line needs to stay within √tol2 pixels of all of them.
 * @param {Float64Array} px @param {Float64Array} py @param {number} a @param {number} b
 * @param {Uint8Array} keep @param {Int32Array} stack scratch, 2 entries per point @param {number} tol2
 */
function douglasPeucker(px, py, a, b, keep, stack, tol2) {
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

export class LossChart {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.root = document.createElement('div');
    this.root.className = 'loss-chart';
    container.appendChild(this.root);
    /** @type {number[]} */
    this.xs = new Array(CAPACITY + 2).fill(0);
    /** @type {(number | null)[]} */
    this.train = new Array(CAPACITY + 2).fill(0);
    /** @type {(number | null)[]} */
    this.test = new Array(CAPACITY + 2).fill(0);
    /** @type {(number | null)[]} */
    this.accTrain = new Array(CAPACITY + 2).fill(0);
    /** @type {(number | null)[]} */
    this.accTest = new Array(CAPACITY + 2).fill(0);
    this.columns = [this.train, this.test, this.accTrain, this.accTest];
    /** The accuracy curve of the current frame (parallel to the loss curve), or null. */
    this.acc = /** @type {Float64Array | null} */ (null);
    this.stride = 1;      // epochs between stored points
    this.next = 0;        // next epoch to store on the stride grid
    this.live = false;    // the last point is the latest epoch, off the stride grid
    this.shown = -1;      // last epoch stored
    this.pending = false; // stored points the chart has not drawn yet
    this.clear();

    // What Chartist draws: for each column, the stored points a redraw keeps, as {x, y} objects
    // made once and rewritten in place; and the scratch that picks them.
    /** @type {Point[][]} */
    this.pool = this.columns.map(() => Array.from({ length: CAPACITY + 2 }, () => ({ x: 0, y: null })));
    /** @type {Series[]} */
    this.lines = ['train', 'test', 'train', 'test'].map((className) => ({ className, data: [] }));
    this.px = new Float64Array(CAPACITY + 2);
    this.py = new Float64Array(CAPACITY + 2);
    this.keep = new Uint8Array(CAPACITY + 2);
    this.stack = new Int32Array(2 * (CAPACITY + 2));
    // Two charts, one over the other: the losses, and the accuracies on their own 0–1 scale.
    const lossBox = document.createElement('div');
    this.accBox = document.createElement('div');
    this.accBox.className = 'accuracy-curves';
    this.accBox.hidden = true;
    this.root.append(lossBox, this.accBox);
    /** The two charts, once Chartist has arrived. @type {{losses: Layer, accuracies: Layer} | null} */
    this.layers = null;
    /** Chartist is on its way. */
    this.loading = false;
    this.boxes = { lossBox, accBox: this.accBox };
    /** The charts' size in CSS pixels, from the ResizeObserver (null until it reports). */
    this.size = /** @type {{width: number, height: number} | null} */ (null);
    new ResizeObserver(([entry]) => this.resize(entry.contentRect)).observe(this.root);
  }

  /** @param {{width: number, height: number}} box the chart's content box, in CSS pixels */
  resize({ width, height }) {
    if (width <= 0 || height <= 0 || (width === this.size?.width && height === this.size?.height)) return;
    this.size = { width, height };
    this.draw();
  }

  /** Shows or hides the two accuracy curves. @param {boolean} show */
  showAccuracy(show) {
    this.accBox.hidden = !show;
    if (show) this.draw();
  }

  /** Redraws from the store: the losses, and the accuracies when they are shown. */
  draw() {
    const xs = this.xs, n = xs.length;
    if (!this.layers) { // nothing to draw yet, or Chartist is on its way (then it draws)
      if (n > 1 && !this.loading) this.load();
      return;
    }
    const layers = this.layers;
    const width = this.size?.width ?? 0, height = this.size?.height ?? 0;
    // The loss scale's top, as Chartist will find it: the largest stored loss (1 if none).
    let high = 0;
    for (let s = 0; s < 2; s++) {
      const c = this.columns[s];
      for (let i = 0; i < n; i++) { const v = c[i]; if (v !== null && v > high) high = v; }
    }
    const sx = n > 1 ? width / (xs[n - 1] - xs[0]) : 0;
    this.thin(0, sx, height / (high || 1));
    this.thin(1, sx, height / (high || 1));
    this.paint(layers.losses);
    if (this.accBox.hidden) return;
    this.thin(2, sx, height);
    this.thin(3, sx, height);
    this.paint(layers.accuracies);
  }

  /** Fetches Chartist, builds the two charts and draws what is stored by then. */
  load() {
    this.loading = true;
    import('./chart-lib.js').then((lib) => {
      this.layers = {
        losses: layer(lib, this.boxes.lossBox, this.lines.slice(0, 2)),
        accuracies: layer(lib, this.boxes.accBox, this.lines.slice(2), 1),
      };
      this.draw();
    }, (e) => {
      this.loading = false; // a later redraw tries again
      console.warn('nnplay: the loss chart could not load', e);
    });
  }

  /**
   * Fills column `s`'s line with the stored points worth drawing at sx, sy pixels per unit
   * (all of them when the size is not known yet): per run of values, Douglas–Peucker within
   * TOLERANCE, plus the column's maximum (it sets the scale) and, of each run of nulls, the
   * first point (the gap) and the last stored point (the x span).
   * @param {number} s @param {number} sx @param {number} sy
   */
  thin(s, sx, sy) {
    const xs = this.xs, ys = this.columns[s], n = xs.length;
    const { px, py, keep } = this;
    const line = this.lines[s].data, pool = this.pool[s];
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
        douglasPeucker(px, py, i, j, keep, this.stack, TOLERANCE * TOLERANCE);
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

  /** Hands a layer's lines to Chartist, with the current size if it has not had it. @param {Layer} layer */
  paint(layer) {
    if (this.size && layer.size !== this.size) {
      layer.size = this.size;
      layer.chart.update(layer.data, { viewBox: this.size }, true);
    } else {
      layer.chart.update(layer.data);
    }
  }

  /** Forget every point (new experiment or reset). */
  clear() {
    this.xs.length = 0;
    for (const c of this.columns) c.length = 0;
    this.stride = 1;
    this.next = 0;
    this.live = false;
    this.shown = -1;
  }

  /**
   * Appends the epochs trained since the last call, and redraws when `redraw` is set.
   * @param {Float64Array} curve [train0, test0, train1, test1, ...] @param {number} epoch
   * @param {boolean} redraw @param {Float64Array} [acc] the accuracy curve, parallel to `curve`
   */
  update(curve, epoch, redraw, acc) {
    this.acc = acc ?? null;
    if (epoch === this.shown) {
      if (redraw && this.pending) { this.pending = false; this.draw(); }
      return;
    }
    if (epoch < this.shown) this.clear();
    if (this.live) this.pop();
    while (this.next <= epoch) {
      const e = /** @type {number} */ (this.next);
      this.push(e, curve[2 * e], curve[2 * e + 1]);
      this.next = e + this.stride;
      if (this.xs.length > CAPACITY) this.halve();
    }
    if (this.xs[this.xs.length - 1] !== epoch) {
      this.push(epoch, curve[2 * epoch], curve[2 * epoch + 1]);
      this.live = true;
    }
    this.shown = epoch;
    this.pending = !redraw;
    if (redraw) this.draw();
  }

  /** Marks the current data as changed (hand edit of a weight replaces the last row). */
  invalidate() {
    this.clear();
  }

  /** @param {number} x @param {number} tr @param {number} te */
  push(x, tr, te) {
    if (tr === NOT_EVALUATED) return;
    const acc = this.acc;
    this.xs.push(x);
    this.train.push(Number.isFinite(tr) ? tr : null);
    this.test.push(Number.isFinite(te) ? te : null);
    const at = acc ? acc[2 * x] : NaN;
    const ae = acc ? acc[2 * x + 1] : NaN;
    this.accTrain.push(Number.isFinite(at) ? at : null);
    this.accTest.push(Number.isFinite(ae) ? ae : null);
  }

  pop() {
    this.xs.pop();
    for (const c of this.columns) c.pop();
    this.live = false;
  }

  /** Keeps every other stored point and doubles the stride. */
  halve() {
    const s2 = /** @type {number} */ (this.stride * 2);
    let j = 0;
    for (let i = 0; i < this.xs.length; i++) {
      if (this.xs[i] % s2 !== 0) continue;
      this.xs[j] = this.xs[i];
      for (const c of this.columns) c[j] = c[i];
      j++;
    }
    this.xs.length = j;
    for (const c of this.columns) c.length = j;
    this.stride = s2;
    this.next = this.xs[j - 1] + s2;
  }
}
