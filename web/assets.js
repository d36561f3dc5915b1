// assets.js — where the page gets the engine and the training worker: files beside its scripts
// (dist/engine/engine.js, dist/training-worker.js). The one-file page, dist/nnplay.html, has
// them built in instead: scripts/offline.mjs bundles assets-offline.js in this module's place.

/** The engine's module (wasm-bindings/engine.js). @returns {Promise<{loadEngine: (options?: {lab?: boolean}) => Promise<import('./types.js').Engine>}>} */
export function importEngine() {
  // A computed URL: the engine stays a file of its own, shared by the page and the worker.
  return import(new URL('engine/engine.js', import.meta.url).href);
}

/** The points module (wasm-bindings/points.js): files of points, data= text. Loaded on use.
 * @returns {Promise<{loadPoints: () => Promise<import('./types.js').PointsIO>}>} */
export function importPoints() {
  return import(new URL('engine/points.js', import.meta.url).href);
}

/** A new training worker (training-worker.js) for background-training.js. @returns {Worker} */
export function newTrainingWorker() {
  return new Worker(new URL('./training-worker.js', import.meta.url), { type: 'module' });
}
