// losschart.js — training and test loss over epochs, drawn by uPlot.
// Data by column in a store allocated once: at most CAPACITY points, taken every `stride`
// epochs (the stride doubles when the store fills, keeping every other point), plus the latest
// epoch. Only the rows added since the last frame are read from the engine's zero-copy view,
// and uPlot redraws at most once per frame — and, while training runs faster than the display,
// at most at the display's rate (the controller decides). The accuracy curves (classification)
// are stored beside the losses and drawn, dashed on their own 0–1 scale, when asked for.

const CAPACITY = 600;

/**
 * @typedef {import('uplot')} UPlot
 * @typedef {typeof import('uplot')} UPlotClass
 */

export class LossChart {
  /** @param {HTMLElement} container @param {UPlotClass} uPlot */
  constructor(container, uPlot) {
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
    this.data = /** @type {[number[], ...(number | null)[][]]} */ ([this.xs, ...this.columns]);
    /** The accuracy curve of the current frame (parallel to the loss curve), or null. */
    this.acc = /** @type {Float64Array | null} */ (null);
    this.stride = 1;      // epochs between stored points
    this.next = 0;        // next epoch to store on the stride grid
    this.live = false;    // the last point is the latest epoch, off the stride grid
    this.shown = -1;      // last epoch stored
    this.pending = false; // stored points uPlot has not drawn yet
    this.clear();
    /** @type {UPlot} */
    this.plot = new uPlot({
      width: 200,
      height: 60,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false },
        y: { range: (/** @type {UPlot} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [0, max > 0 && Number.isFinite(max) ? max : 1] },
        acc: { range: [0, 1] },
      },
      axes: [{ show: false }, { show: false }],
      series: [
        {},
        { label: 'Training loss', stroke: '#777', width: 1.5, points: { show: false } },
        { label: 'Test loss', stroke: '#000', width: 1.5, points: { show: false } },
        { label: 'Training accuracy', scale: 'acc', stroke: '#777', width: 1, dash: [4, 3], points: { show: false }, show: false },
        { label: 'Test accuracy', scale: 'acc', stroke: '#000', width: 1, dash: [4, 3], points: { show: false }, show: false },
      ],
    }, this.data, this.root);
    new ResizeObserver(() => this.resize()).observe(this.root);
  }

  resize() {
    const w = this.root.clientWidth;
    const h = this.root.clientHeight;
    if (w > 0 && h > 0 && (w !== this.plot.width || h !== this.plot.height)) {
      this.plot.setSize({ width: w, height: h });
    }
  }

  /** Shows or hides the two accuracy curves. @param {boolean} show */
  showAccuracy(show) {
    this.plot.setSeries(3, { show });
    this.plot.setSeries(4, { show });
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
      if (redraw && this.pending) { this.pending = false; this.plot.setData(this.data); }
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
    if (redraw) this.plot.setData(this.data);
  }

  /** Marks the current data as changed (hand edit of a weight replaces the last row). */
  invalidate() {
    this.clear();
  }

  /** @param {number} x @param {number} tr @param {number} te */
  push(x, tr, te) {
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
