// offline-entry.js — the script of the one-file page (dist/nnplay.html, scripts/offline.mjs): the
// page, or, started again from its own text as a Blob, the page's training worker. So the file
// carries the engine's JavaScript once for both.

if (typeof document === 'undefined') {
  import('./training-worker.js');
} else {
  // The worker's source (assets-offline.js), taken while this script is the current one.
  /** @type {any} */ (globalThis).nnplayScript = document.currentScript?.textContent ?? '';
  import('./main.js');
}
