// runtime.js — what every part of the engine's JS API shares: the module, a scratch block for
// out-parameters, views of wasm memory, C strings, argument checks, and the one error funnel
// (a C status becomes an exception here and nowhere else).

/** @typedef {typeof import('../engine-lab.js')} LabApi */

/** nn_status values (core/experiment.h). */
const NN_OK = 0;
const NN_ERR_NOMEM = 1;
export const NN_ERR_INVALID = 2;

export const INT_MAX = 2147483647;

/** Only engine.js and experiment.js make Engines and Experiments (they pass this token). */
export const INTERNAL = Symbol('nnplay internal');

/** An engine failure (out of memory, ...), carrying the engine's message and nn_status. */
export class EngineError extends Error {
  /** @param {string} message @param {number} status */
  constructor(message, status) {
    super(message);
    this.name = 'EngineError';
    this.status = status;
  }
}

/** @param {string} what @param {unknown} v @param {number} min @param {number} max */
export function checkInt(what, v, min, max) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${describe(v)}`);
  }
  return v;
}

/** @param {string} what @param {unknown} v */
export function checkFinite(what, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new RangeError(`${what} must be a finite number, got ${describe(v)}`);
  }
  return v;
}

/** @param {unknown} v */
export function describe(v) {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The module, a scratch block for out-parameters, memory views, C strings, and the one error
 * funnel. */
export class Runtime {
  /** @param {any} m the emcc module @param {LabApi | null} [labApi] the lab engine's JS (engine-lab.js) */
  constructor(m, labApi = null) {
    this.m = m;
    this.labApi = labApi;
    /** 24 bytes for out-parameters: an int / nn_status at offset 0, 3 doubles (draw counts), or up
     * to 4 ints and string pointers (a lesson, a notice, the perceptron report) */
    this.scratch = m._malloc(24);
    this.heap32 = new Int32Array(0);
    if (!this.scratch) this.check(NN_ERR_NOMEM);
  }

  /** Whether this is the lab engine (loadEngine({lab: true})): what panels opened on use call. */
  get lab() {
    return typeof this.m._nnw_lab === 'function';
  }

  /** Before a call only the lab engine exports: its JS. @param {string} what the member called
   * @returns {LabApi} */
  needLab(what) {
    if (!this.lab || !this.labApi) throw new EngineError(`${what} needs the lab engine: loadEngine({lab: true})`, NN_ERR_INVALID);
    return this.labApi;
  }

  /** The one place a status becomes an exception. @param {number} status */
  check(status) {
    if (status === NN_OK) return;
    const message = this.m.UTF8ToString(this.m._nn_status_message(status)) || `status ${status}`;
    throw status === NN_ERR_INVALID ? new RangeError(message) : new EngineError(message, status);
  }

  /** A pointer result: NULL is a failure with `status` (NN_ERR_NOMEM when none was reported).
   * @param {number} ptr @param {number} [status] */
  checkPtr(ptr, status = NN_ERR_NOMEM) {
    if (!ptr) this.check(status === NN_OK ? NN_ERR_NOMEM : status);
    return ptr;
  }

  /** The int at the scratch block, through one view of all memory (re-taken once growth has
   * detached it: a detached view has length 0), so the per-frame getters allocate nothing. */
  scratchInt() {
    return this.int32At(this.scratch);
  }

  /** The int32 at `ptr`, through the same view (no allocation). @param {number} ptr */
  int32At(ptr) {
    if (!this.heap32.length) this.heap32 = new Int32Array(this.m.HEAPU8.buffer);
    return this.heap32[ptr >> 2];
  }

  /** @param {number} ptr @returns {string | null} */
  string(ptr) { return ptr ? this.m.UTF8ToString(ptr) : null; }

  /** Calls fn with a NUL-terminated UTF-8 copy of s in wasm memory, freed afterwards.
   * @template T @param {string} s @param {(ptr: number) => T} fn @returns {T} */
  withCString(s, fn) {
    const size = this.m.lengthBytesUTF8(s) + 1;
    const ptr = this.checkPtr(this.m._malloc(size));
    try {
      this.m.stringToUTF8(s, ptr, size);
      return fn(ptr);
    } finally {
      this.m._free(ptr);
    }
  }

  // Fresh views over the current buffer: growth detaches old ones.
  /** @param {number} ptr @param {number} n */
  f64(ptr, n) { return new Float64Array(this.m.HEAPU8.buffer, ptr, n); }
  /** @param {number} ptr @param {number} n */
  f32(ptr, n) { return new Float32Array(this.m.HEAPU8.buffer, ptr, n); }
  /** @param {number} ptr @param {number} n */
  i32(ptr, n) { return new Int32Array(this.m.HEAPU8.buffer, ptr, n); }
  /** @param {number} ptr @param {number} n */
  u8(ptr, n) { return new Uint8Array(this.m.HEAPU8.buffer, ptr, n); }

  /** Parses a hash; fn gets the nnw_parsed pointer, which is freed afterwards.
   * @template T @param {unknown} hash @param {(parsed: number) => T} fn @returns {T} */
  withParsed(hash, fn) {
    if (hash === undefined || hash === null) hash = '';
    if (typeof hash !== 'string') throw new TypeError(`hash must be a string, got ${typeof hash}`);
    const text = hash.startsWith('#') ? hash.slice(1) : hash; // location.hash as it is, like the CLI
    const parsed = this.checkPtr(this.withCString(text, (p) => this.m._nnw_parse(p)));
    try {
      return fn(parsed);
    } finally {
      this.m._nnw_parsed_free(parsed);
    }
  }
}
