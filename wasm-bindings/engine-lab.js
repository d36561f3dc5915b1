/**
 * @file engine-lab.js — the JS side of the lab engine's members (loadEngine({lab: true}) imports
 * it with the lab module): what only the panels opened on use call, out of a first load like
 * their C code (wasm-bindings/exports-lab.txt). dist/engine/engine-lab.js is this file bundled.
 */

export { layerStats } from './engine/layer-stats.js';
export { backpropTrace } from './engine/backprop-trace.js';
export { modelFile } from './engine/model-file.js';
