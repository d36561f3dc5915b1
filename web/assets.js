// assets.js — where the page gets the engine, the training worker and the panels' styles: files
// beside its scripts (dist/engine/engine.js, dist/training-worker.js, dist/panels.css). The
// one-file page, dist/nnplay.html, has them built in instead: scripts/offline.mjs bundles
// assets-offline.js in this module's place.

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

/** @type {Promise<void> | null} */
let panelSheet = null;

/**
 * The styles of the panels imported on first use (panels.css), linked once; settles when they
 * apply, or when the sheet cannot load (the panel then works unstyled). Called from the
 * first-load modules only: a lazily imported module would carry a copy of this state.
 * @returns {Promise<void>}
 */
export function panelStyles() {
  return (panelSheet ??= new Promise((done) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'panels.css'; // beside index.html, as style.css
    link.onload = link.onerror = () => done();
    document.head.append(link);
  }));
}

/** Whether this page's lab engine writes model files (the one-file page's does not:
 * assets-offline.js); the class panel offers them only here. */
export const modelFiles = true;
