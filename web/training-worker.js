// training-worker.js — the Web Worker that trains at speed "max" (background-training.js starts
// it): a second core trains as fast as it can while the page's thread only draws.
//
// Messages from the page:
//   {type: 'start', gen, hash, state, every}  build the experiment of `hash` in this worker's own
//       engine, take the page's training state (engine.js saveState) and train on, evaluating
//       the losses every `every` epochs (what the page's chart keeps)
//   {type: 'every', every}                   the chart's new stride
//   {type: 'stop'}                           stop training (a new start may follow)
//   {type: 'grid', id, hash?, params, node, density}  the big heatmap's grid from the page's
//       parameters (offthread-heatmap.js, worker-grids.js), in a worker of its own
// Messages to the page, tagged with the start's `gen`:
//   {type: 'progress', gen, state}  about every CHUNK_MS: the whole state with the rows of the
//       epochs since the last message, for the page's loadState; the last one after divergence
//   {type: 'error', gen, message}   training here failed: the page trains by itself again
//   {type: 'grid', id, node, density, values}  the grid asked for
//
// The worker's numbers are the page's: the same engine, the same hash and state, so the same
// bits (core/experiment.h: nn_experiment_load_state).

import { MAX_CHUNK } from './training-limits.js';
import { importEngine } from './assets.js';
import { WorkerGrids } from './worker-grids.js';

/** Training between two messages to the page, ms: about two a frame at 60 Hz. */
const CHUNK_MS = 8;

/** @typedef {import('./types.js').Experiment} Experiment */
/** @typedef {{onmessage: ((e: MessageEvent) => void) | null, postMessage(m: unknown, t?: Transferable[]): void}} Scope */

/** The worker's training: one instance per worker, driven by the page's messages. */
class WorkerTraining {
  /** @param {Scope} scope */
  constructor(scope) {
    this.scope = scope;
    /** @type {Promise<import('./types.js').Engine> | null} */
    this.enginePromise = null;
    /** @type {Experiment | null} */
    this.ex = null;
    this.gen = -1;
    this.every = 1;
    this.sent = 0; // the epoch whose row the page has last been sent
    this.running = false;
    this.epochsPerChunk = 1;
    this.grids = new WorkerGrids();
    // Each chunk is its own task, so that 'stop' and 'every' get in between two of them (a
    // timer would wait at least 4 ms once nested). One is scheduled at a time, also across a
    // stop and a new start.
    this.loop = new MessageChannel();
    this.scheduled = false;
    this.loop.port1.onmessage = () => {
      this.scheduled = false;
      this.chunk();
    };
    // Messages are handled one after another (a start waits for the engine to load).
    this.queue = Promise.resolve();
    scope.onmessage = (/** @type {MessageEvent} */ { data }) => {
      this.queue = this.queue.then(() => this.handle(data)).catch((e) => {
        this.running = false;
        scope.postMessage({ type: 'error', gen: this.gen, message: e instanceof Error ? e.message : String(e) });
      });
    };
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.loop.port2.postMessage(null);
  }

  /** @param {{type: string, gen?: number, hash?: string, state?: Uint8Array, every?: number}} msg */
  async handle(msg) {
    if (msg.type === 'grid') {
      const { message, transfer } = this.grids.answer(await this.engine(), /** @type {any} */ (msg));
      this.scope.postMessage(message, transfer);
    } else if (msg.type === 'stop') {
      this.running = false;
    } else if (msg.type === 'every') {
      this.every = /** @type {number} */ (msg.every);
    } else if (msg.type === 'start') {
      this.running = false;
      this.gen = /** @type {number} */ (msg.gen);
      const engine = await this.engine();
      this.ex?.dispose();
      const ex = engine.experiment(/** @type {string} */ (msg.hash));
      this.ex = ex;
      ex.loadState(/** @type {Uint8Array} */ (msg.state));
      this.sent = ex.epoch;
      this.every = /** @type {number} */ (msg.every);
      this.epochsPerChunk = 1; // another experiment may cost more per epoch
      this.running = true;
      this.schedule();
    }
  }

  /** This worker's engine, loaded on the first message that needs it. */
  engine() {
    this.enginePromise ??= importEngine().then((m) => m.loadEngine());
    return this.enginePromise;
  }

  /** Trains for about CHUNK_MS, sends the progress, and goes on unless stopped or diverged. */
  chunk() {
    const ex = this.ex;
    if (!this.running || !ex) return;
    const t0 = performance.now();
    ex.train(this.epochsPerChunk, this.every);
    const ms = performance.now() - t0;
    // The next chunk sized from this one's rate; doubled while too short for the coarse timer.
    this.epochsPerChunk = Math.min(MAX_CHUNK, ms < 1 ? 2 * this.epochsPerChunk
      : Math.max(1, Math.round(this.epochsPerChunk * CHUNK_MS / ms)));
    const state = ex.saveState(this.sent);
    this.sent = ex.epoch;
    this.scope.postMessage({ type: 'progress', gen: this.gen, state }, [state.buffer]);
    if (ex.divergedAt() >= 0) this.running = false;
    else this.schedule();
  }
}

new WorkerTraining(/** @type {Scope} */ (/** @type {unknown} */ (self)));
