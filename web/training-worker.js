// training-worker.js — the Web Worker that trains at speed "max" (background-training.js starts
// it): a second core trains as fast as it can while the page's thread only draws.
//
// Messages from the page:
//   {type: 'start', gen, hash, state, every}  build the experiment of `hash` in this worker's own
//       engine, take the page's training state (engine.js saveState) and train on, evaluating
//       the losses every `every` epochs (what the page's chart keeps)
//   {type: 'every', every}                   the chart's new stride
//   {type: 'stop'}                           stop training (a new start may follow)
// Messages to the page, tagged with the start's `gen`:
//   {type: 'progress', gen, state}  about every CHUNK_MS: the whole state with the rows of the
//       epochs since the last message, for the page's loadState; the last one after divergence
//   {type: 'error', gen, message}   training here failed: the page trains by itself again
//
// The worker's numbers are the page's: the same engine, the same hash and state, so the same
// bits (core/experiment.h: nn_experiment_load_state).

import { importEngine } from './assets.js';

/** Training between two messages to the page, ms: about two a frame at 60 Hz. */
const CHUNK_MS = 8;
/** Most epochs in one chunk (bounds a chunk if the timing is off). */
const MAX_CHUNK = 20000;

/** @typedef {import('./types.js').Experiment} Experiment */

const scope = /** @type {{onmessage: ((e: MessageEvent) => void) | null, postMessage(m: unknown, t?: Transferable[]): void}} */ (
  /** @type {unknown} */ (self));

/** @type {Promise<import('./types.js').Engine> | null} */
let enginePromise = null;
/** @type {Experiment | null} */
let ex = null;
let gen = -1;
let every = 1;
let sent = 0;        // the epoch whose row the page has last been sent
let running = false;
let epochsPerChunk = 1;

// Each chunk is its own task, so that 'stop' and 'every' get in between two of them (a timer
// would wait at least 4 ms once nested). One is scheduled at a time, also across a stop and a
// new start.
const loop = new MessageChannel();
let scheduled = false;
loop.port1.onmessage = () => {
  scheduled = false;
  chunk();
};
function schedule() {
  if (scheduled) return;
  scheduled = true;
  loop.port2.postMessage(null);
}

/** Messages are handled one after another (a start waits for the engine to load). */
let queue = Promise.resolve();
scope.onmessage = (/** @type {MessageEvent} */ { data }) => {
  queue = queue.then(() => handle(data)).catch((e) => {
    running = false;
    scope.postMessage({ type: 'error', gen, message: e instanceof Error ? e.message : String(e) });
  });
};

/** @param {{type: string, gen?: number, hash?: string, state?: Uint8Array, every?: number}} msg */
async function handle(msg) {
  if (msg.type === 'stop') {
    running = false;
  } else if (msg.type === 'every') {
    every = /** @type {number} */ (msg.every);
  } else if (msg.type === 'start') {
    running = false;
    gen = /** @type {number} */ (msg.gen);
    enginePromise ??= importEngine().then((m) => m.loadEngine());
    const engine = await enginePromise;
    ex?.dispose();
    ex = engine.experiment(/** @type {string} */ (msg.hash));
    ex.loadState(/** @type {Uint8Array} */ (msg.state));
    sent = ex.epoch;
    every = /** @type {number} */ (msg.every);
    epochsPerChunk = 1; // another experiment may cost more per epoch
    running = true;
    schedule();
  }
}

/** Trains for about CHUNK_MS, sends the progress, and goes on unless stopped or diverged. */
function chunk() {
  if (!running || !ex) return;
  const t0 = performance.now();
  ex.train(epochsPerChunk, every);
  const ms = performance.now() - t0;
  // The next chunk sized from this one's rate; doubled while too short for the coarse timer.
  epochsPerChunk = Math.min(MAX_CHUNK, ms < 1 ? 2 * epochsPerChunk
    : Math.max(1, Math.round(epochsPerChunk * CHUNK_MS / ms)));
  const state = ex.saveState(sent);
  sent = ex.epoch;
  scope.postMessage({ type: 'progress', gen, state }, [state.buffer]);
  if (ex.divergedAt() >= 0) running = false;
  else schedule();
}
