// types.js — the engine's types under the names the page uses. They are written once, in
// wasm-bindings/engine/types.js (values) and wasm-bindings/engine.js (the Engine and Experiment
// classes); this file only names them for web/. No runtime code: the page loads the engine with
// a dynamic import, so these are what `tsc --checkJs` (tsconfig.json) checks the page against.

/**
 * @typedef {import('../wasm-bindings/engine.js').Engine} Engine
 * @typedef {import('../wasm-bindings/engine.js').Experiment} Experiment
 * The state, whose parameters the page's controls also read by their URL names.
 * @typedef {import('../wasm-bindings/engine/types.js').State & {[name: string]: unknown}} EngineState
 * @typedef {import('../wasm-bindings/engine/types.js').Notice} Notice
 * @typedef {import('../wasm-bindings/engine/types.js').Layout} Layout
 * @typedef {import('../wasm-bindings/engine/types.js').Lesson} Lesson
 * @typedef {import('../wasm-bindings/engine/types.js').PerceptronReport} PerceptronReport
 * @typedef {import('../wasm-bindings/engine/types.js').BackpropTrace} BackpropTrace
 * @typedef {import('../wasm-bindings/engine/types.js').LayerStats} LayerStats
 * @typedef {import('../wasm-bindings/engine/types.js').PointsRead} PointsRead
 * @typedef {import('../wasm-bindings/points.js').PointsIO} PointsIO
 */

export {};
