/**
 * @file engine.js — the nnplay engine for JavaScript: one class per C handle, explicit dispose().
 *
 *     import { loadEngine } from './engine.js';
 *     const engine = await loadEngine();       // its own wasm instance (memory) per call
 *     const ex = engine.experiment(location.hash);
 *     ex.train(10); ex.loss(); ex.dispose();
 *
 * The API: the classes Engine (below) and Experiment (engine/experiment.js), with the values
 * they take and give typed in engine/types.js, the one source of its types. README.md ("The JS
 * engine API") lists every member; tests/browser/readme-api.test.js holds the list to the
 * classes. Views of wasm memory must be re-taken after any call that may allocate; argument
 * errors are RangeErrors, engine failures EngineErrors (engine/runtime.js). The module is
 * nnplay-wasm.wasm beside this file (nnplay-wasm-nosimd.wasm without wasm SIMD; the lab engine,
 * nnplay-wasm-lab*.wasm, adds what panels opened on use need: loadEngine; its JS is
 * engine-lab.js, imported with it). dist/engine/engine.js is this file with engine/*.js bundled
 * in, engine-lab.js apart (scripts/build.sh).
 */

import { INTERNAL, Runtime, EngineError, describe } from './engine/runtime.js';
import { instantiate, simdSupported, moduleFile } from './engine/instantiate.js';
import { readState, readNotices, writtenText } from './engine/config.js';
import { Experiment } from './engine/experiment.js';
import { surfaceNames, downhillSettings, downhillPath, surfaceGrid } from './engine/downhill.js';

export { EngineError, Experiment };
export { NOT_EVALUATED } from './engine/experiment.js';

/**
 * @typedef {import('./engine/types.js').ParsedHash} ParsedHash
 * @typedef {import('./engine/types.js').ExperimentOptions} ExperimentOptions
 * @typedef {import('./engine/types.js').Lesson} Lesson
 * @typedef {import('./engine/types.js').DownhillRun} DownhillRun
 * @typedef {import('./engine/types.js').DownhillSettings} DownhillSettings
 */

/**
 * Instantiates the wasm module and returns the engine. The module is nnplay-wasm.wasm beside
 * this file, or nnplay-wasm-nosimd.wasm where wasm SIMD is missing (same numbers; slower
 * heatmap grids). Rejects with a worded Error where there is no WebAssembly at all.
 * @param {{simd?: boolean, lab?: boolean, module?: (file: string) => URL | Uint8Array}} [options]
 *   `simd`: which build to load (default: whether this JavaScript engine has wasm SIMD); `lab`:
 *   the lab engine, the same engine with what panels opened on use need (experiment.layerStats()
 *   ...; default false: the smaller first engine, where those throw an EngineError saying so);
 *   `module`: where a build's file comes from, by its name (default: beside this file)
 * @returns {Promise<Engine>}
 */
export async function loadEngine({ simd = simdSupported(), lab = false, module = (file) => new URL(file, import.meta.url) } = {}) {
  const [m, labApi] = await Promise.all([instantiate(module(moduleFile({ simd, lab }))), lab ? import('./engine-lab.js') : null]);
  return new Engine(INTERNAL, new Runtime(m, labApi));
}

/** The engine: parses hashes and builds experiments. Get one from loadEngine(). */
export class Engine {
  #rt;

  /** @param {symbol} token @param {Runtime} rt */
  constructor(token, rt) {
    if (token !== INTERNAL) throw new TypeError('use loadEngine() to get an Engine');
    this.#rt = rt;
  }

  /**
   * Parses a URL hash without building anything. Malformed values never throw: they keep
   * their defaults and produce notices.
   * @param {string} hash location.hash, with or without its '#' (one is dropped, as the CLI
   *   does; null and undefined mean ""); TypeError for any other non-string
   * @returns {ParsedHash}
   */
  parseHash(hash) {
    const rt = this.#rt;
    return rt.withParsed(hash, (parsed) => {
      const cfg = rt.m._nnw_parsed_config(parsed);
      return { state: readState(rt, cfg), notices: readNotices(rt, rt.m._nnw_parsed_notices(parsed)), hash: writtenText(rt, (out, cap) => rt.m._nnw_parsed_link(parsed, out, cap)) };
    });
  }

  /**
   * Builds the experiment a fresh load of this URL hash gives in TFP.
   * @param {string} hash location.hash, with or without its '#'
   * @param {ExperimentOptions} [options]
   * @returns {Experiment}
   */
  experiment(hash, { unseededRandom = Math.random() } = {}) {
    if (typeof unseededRandom !== 'number' || !(unseededRandom >= 0 && unseededRandom < 1)) {
      throw new RangeError(`unseededRandom must be a number in [0, 1), got ${describe(unseededRandom)}`);
    }
    const rt = this.#rt;
    return rt.withParsed(hash, (parsed) => {
      const notices = readNotices(rt, rt.m._nnw_parsed_notices(parsed));
      const ptr = rt.m._nnw_experiment_create(parsed, unseededRandom, rt.scratch);
      rt.checkPtr(ptr, rt.scratchInt());
      return new Experiment(INTERNAL, rt, ptr, notices);
    });
  }

  /** The course's lessons, in order (core/lessons.h); their words (core/lesson_words.h) on the
   * lab engine only. @returns {Lesson[]} */
  lessons() {
    const rt = this.#rt;
    /** @type {Lesson[]} */
    const out = [];
    for (let i = 0; rt.m._nnw_lesson_read(i, rt.scratch); i++) {
      const [id, hash] = Array.from(rt.i32(rt.scratch, 2), (p) => /** @type {string} */ (rt.string(p)));
      /** @type {Lesson} */
      const l = { id, hash };
      if (this.lab) Object.assign(l, { title: rt.string(rt.m._nn_lesson_title(i)), goal: rt.string(rt.m._nn_lesson_goal(i)), try: rt.string(rt.m._nn_lesson_try(i)) });
      out.push(l);
    }
    return out;
  }

  /** Whether this is the lab engine (loadEngine({lab: true})). @returns {boolean} */
  get lab() {
    return this.#rt.lab;
  }

  // The downhill panel's (core/downhill.h): the lab engine's, an EngineError on the first one.

  /** The downhill panel's surfaces, without 'none'. @returns {string[]} */
  downhillSurfaces() {
    return surfaceNames(this.#rt).slice(1);
  }

  /** A surface's own start point and learning rates. @param {string} surface @returns {DownhillSettings} */
  downhillSettings(surface) {
    return downhillSettings(this.#rt, surface);
  }

  /**
   * One optimiser's path down a surface, by the engine's optimiser code (core/optimizer.c):
   * [x0, y0, x1, y1, ...], the point after each of run.steps steps (inf / NaN once it diverges).
   * @param {DownhillRun} run @returns {Float64Array}
   */
  downhillPath(run) {
    return downhillPath(this.#rt, run);
  }

  /**
   * The surface's values at the n×n nodes of the map [-2, 2]²: row 0 at the top (y = 2), x
   * from -2 to the right. @param {string} surface @param {number} n 2..1024 @returns {Float64Array}
   */
  downhillGrid(surface, n) {
    return surfaceGrid(this.#rt, surface, n);
  }

  /** Size of the wasm memory in bytes (it only grows); for diagnostics and the memory test. */
  memoryBytes() {
    return this.#rt.m.HEAPU8.buffer.byteLength;
  }

  /** Bytes currently allocated by the engine's malloc; for diagnostics and leak tests (the lab
   * engine's only: the page never asks). */
  heapBytesInUse() {
    this.#rt.needLab('heapBytesInUse()');
    return this.#rt.m._nnw_heap_bytes_in_use();
  }
}

// dist/ is minified, which renames classes: the API's own keep their names (for stack traces and
// the console), without naming every function as esbuild's --keep-names would.
for (const [name, cls] of Object.entries({ Engine, Experiment, EngineError })) {
  Object.defineProperty(cls, 'name', { value: name });
}
