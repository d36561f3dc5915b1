// training-limits.js — limits shared by the page's pacer (pacer.js) and the training worker
// (training-worker.js), which train at speed "max" in chunks.

/** Most epochs one engine call trains (bounds a call's time if the cost estimate is off). */
export const MAX_CHUNK = 20000;
