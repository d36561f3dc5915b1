// offthread-heatmap.js — while the page plays, the big heatmap's grid is computed on a second
// core. Each frame sends the network's parameters to a worker (the training worker's script,
// worker-grids.js), which evaluates the grid in its own copy of the experiment; the frame draws
// the newest grid the worker has finished, a frame or two behind the network and bit for bit what
// the page would compute from those parameters. The page's thread trains and draws. A still
// picture (paused, stepped) is computed in the page, exact to the epoch it shows.

import { newTrainingWorker } from './assets.js';

/** Grids of fewer parameter-cells than this (about 0.25 ms of work) are computed in the page:
 * the round trip to a worker costs more (dev01: 25 parameters × 10,000 cells). */
const WORTH_IT = 1e6;

/** @typedef {import('./types.js').Experiment} Experiment */
/** @typedef {{type: string, id: number, node: number, density: number, values: Float32Array}} GridAnswer */

export class OffThreadHeatmap {
  constructor() {
    /** @type {Worker | null} created on first use */
    this.worker = null;
    /** No worker, or it failed: the page computes every grid itself. */
    this.failed = false;
    /** The parameters view of the network the worker holds: a new view (another experiment,
     * a reset, grown memory) means a new network, and the worker rebuilds it from the link. */
    /** @type {Float64Array | null} */
    this.view = null;
    /** Numbers the networks the worker was asked to build, so an answer for an older one is not drawn. */
    this.network = 0;
    this.waiting = false;
    /** @type {GridAnswer | null} */
    this.latest = null;
  }

  /**
   * The newest grid of `node` at `density` the worker has finished for `ex`'s network, or null
   * (then the caller computes it); asks for the next one from `ex`'s parameters now.
   * @param {Experiment} ex @param {number} node @param {number} density
   * @returns {Float32Array | null}
   */
  take(ex, node, density) {
    const view = ex.params();
    if (view.length * density * density < WORTH_IT) return null;
    const worker = this.failed ? null : this.worker ?? this.start();
    if (!worker) return null;
    /** @type {string | undefined} */
    let hash;
    if (view !== this.view) {
      this.view = view;
      this.network++;
      this.latest = null;
      hash = ex.hash();
    }
    if (!this.waiting || hash !== undefined) {
      const params = view.slice();
      worker.postMessage({ type: 'grid', id: this.network, hash, params, node, density }, [params.buffer]);
      this.waiting = true;
    }
    const r = this.latest;
    return r && r.id === this.network && r.node === node && r.density === density ? r.values : null;
  }

  /** @returns {Worker | null} */
  start() {
    try {
      const worker = newTrainingWorker();
      worker.onmessage = (/** @type {MessageEvent<GridAnswer>} */ { data }) => {
        if (data.type !== 'grid') return this.fail();
        if (data.id === this.network) this.waiting = false;
        this.latest = data;
      };
      worker.onerror = (e) => { e.preventDefault(); this.fail(); };
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  fail() {
    this.failed = true;
    this.latest = null;
    this.worker?.terminate();
  }
}
