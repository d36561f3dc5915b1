// background-training.js — speed "max" on a second core. The training moves to a Web Worker
// (training-worker.js) with the experiment's hash and whole training state; the worker sends its
// state back about twice a frame, and the page loads it into its own experiment, which the frame
// loop draws as before. So the page's experiment is always a state the worker really reached:
// stopping keeps it, and stepping, editing or training by hand go on from it exactly.
//
// Where a worker cannot run (or fails), run() says so and the page trains in its own thread.

import { newTrainingWorker } from './assets.js';

/** @typedef {import('./types.js').Experiment} Experiment */

export class BackgroundTraining {
  /** @param {() => void} onProgress called after each state the worker sent was loaded */
  constructor(onProgress) {
    this.onProgress = onProgress;
    /** @type {Worker | null} created on first use */
    this.worker = null;
    /** The worker could not be started or failed: train in the page. */
    this.failed = false;
    /** Tags each start; messages of an earlier one are stale. */
    this.gen = 0;
    /** @type {Experiment | null} the experiment the worker is training now */
    this.active = null;
    this.every = 1;
  }

  /**
   * Keeps `ex` training in the worker, starting it from ex's current state if it is not.
   * @param {Experiment} ex @param {number} every evaluate the losses every `every` epochs
   * @returns {boolean} false when there is no worker: then the caller trains
   */
  run(ex, every) {
    if (this.failed) return false;
    if (this.active !== ex) return this.start(ex, every);
    if (every !== this.every) {
      this.every = every;
      this.worker?.postMessage({ type: 'every', every });
    }
    return true;
  }

  /** Stops the worker's training; the page's experiment keeps the last state it loaded. */
  stop() {
    if (!this.active) return;
    this.active = null;
    this.gen++;
    this.worker?.postMessage({ type: 'stop' });
  }

  /** @param {Experiment} ex @param {number} every @returns {boolean} */
  start(ex, every) {
    this.worker ??= this.create();
    if (!this.worker) return false;
    this.gen++;
    this.active = ex;
    this.every = every;
    const state = ex.saveState(ex.epoch);
    this.worker.postMessage({ type: 'start', gen: this.gen, hash: ex.hash(), state, every }, [state.buffer]);
    return true;
  }

  /** @returns {Worker | null} */
  create() {
    try {
      const worker = newTrainingWorker();
      worker.onmessage = (e) => this.receive(e.data);
      worker.onerror = (e) => { e.preventDefault(); this.fail(); };
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }

  /** @param {{type: string, gen: number, state?: Uint8Array}} msg */
  receive(msg) {
    if (msg.gen !== this.gen || !this.active) return; // from before a stop or a restart
    if (msg.type === 'progress') {
      this.active.loadState(/** @type {Uint8Array} */ (msg.state));
      this.onProgress();
    } else {
      this.fail();
    }
  }

  fail() {
    this.failed = true;
    this.active = null;
    this.worker?.terminate();
    this.worker = null;
    this.onProgress();
  }
}
