// losschart.js — training and test loss over epochs, drawn by Chartist (an SVG line chart).
// Data by column in a store allocated once: at most CAPACITY points, taken every `stride`
// epochs (the stride doubles when the store fills, keeping every other point), plus the latest
// epoch. Only the rows added since the last frame are read from the engine's zero-copy view,
// and the chart redraws at most once per frame — and, while training runs faster than the
// display, at most at the display's rate (the controller decides). The accuracy curves
// (classification) are stored beside the losses and drawn, dashed on their own 0–1 scale, by a
// second chart laid over the first when asked for. Colours, widths and dashes are in style.css.
// Chartist and what draws with it (chart-lib.js: the bare chart, the thinning) are fetched when
// there is first a line to draw, not on the first load.

const CAPACITY = 600;

/** A curve row the engine did not evaluate (engine.js: NOT_EVALUATED; losses are never
 * negative): the controller trains with `every` = this chart's stride, so the rows the chart
 * keeps are evaluated, but after a clear() the chart re-reads a run trained that way. */
const NOT_EVALUATED = -1;

/**
 * @typedef {import('./chart-lib.js').Point} Point
 * @typedef {import('./chart-lib.js').Series} Series
 * @typedef {import('./chart-lib.js').Layer} Layer
 */

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
    this.scratch = { px: new Float64Array(CAPACITY + 2), py: new Float64Array(CAPACITY + 2),
      keep: new Uint8Array(CAPACITY + 2), stack: new Int32Array(2 * (CAPACITY + 2)) };
    // Two charts, one over the other: the losses, and the accuracies on their own 0–1 scale.
    const lossBox = document.createElement('div');
    this.accBox = document.createElement('div');
    this.accBox.className = 'accuracy-curves';
    this.accBox.hidden = true;
    this.root.append(lossBox, this.accBox);
    /** The two charts, and chart-lib.js, once it has arrived. @type {{losses: Layer, accuracies: Layer} | null} */
    this.layers = null;
    /** @type {typeof import('./chart-lib.js') | null} */
    this.lib = null;
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
      this.lib = lib;
      this.layers = {
        losses: lib.layer(this.boxes.lossBox, this.lines.slice(0, 2)),
        accuracies: lib.layer(this.boxes.accBox, this.lines.slice(2), 1),
      };
      this.draw();
    }, (e) => {
      this.loading = false; // a later redraw tries again
      console.warn('nnplay: the loss chart could not load', e);
    });
  }

  /** Fills column `s`'s line with the stored points worth drawing at sx, sy pixels per unit
   * (chart-lib.js: thin). @param {number} s @param {number} sx @param {number} sy */
  thin(s, sx, sy) {
    /** @type {typeof import('./chart-lib.js')} */ (this.lib).thin(this.xs, this.columns[s], sx, sy, this.lines[s].data, this.pool[s], this.scratch);
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
