// instantiate.js — loads the standalone engine module (wasm-bindings/CMakeLists.txt: no emcc JS
// loader) and supplies its imports: the host's own Math (core/nnmath.h) and Number()/String()
// (core/state.c), so that results match TFP in whatever browser runs the page. It also picks
// which of the engine's two builds a browser can run (with wasm SIMD or without).

/** The engine's builds (wasm-bindings/CMakeLists.txt), all with the same numbers: with wasm SIMD
 * for faster heatmap grids or without it for browsers that lack it; the first engine a page
 * loads, or the lab engine, which adds what panels opened on use need. */
export const MODULE_FILES = {
  simd: 'nnplay-wasm.wasm', noSimd: 'nnplay-wasm-nosimd.wasm',
  labSimd: 'nnplay-wasm-lab.wasm', labNoSimd: 'nnplay-wasm-lab-nosimd.wasm',
};

/** The file of the build asked for. @param {{simd: boolean, lab: boolean}} build */
export function moduleFile({ simd, lab }) {
  return MODULE_FILES[lab ? (simd ? 'labSimd' : 'labNoSimd') : (simd ? 'simd' : 'noSimd')];
}

/** The smallest module that uses SIMD: `(func (result v128) (i8x16.splat (i32.const 0)))`. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, //       type section: () -> v128
  0x03, 0x02, 0x01, 0x00, //                         function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: i32.const 0; i8x16.splat; end
]);

/**
 * Whether this JavaScript engine can compile wasm SIMD. Throws a worded Error when it has no
 * WebAssembly at all (the engine cannot run there).
 * @returns {boolean}
 */
export function simdSupported() {
  if (typeof WebAssembly === 'undefined') {
    throw new Error('this browser does not run WebAssembly: open the playground in a current Chrome, Edge, Firefox or Safari');
  }
  return WebAssembly.validate(SIMD_PROBE);
}

/**
 * Instantiates the module at `source`: a URL (fetched and compiled while it downloads, or, for
 * a file: URL under Node, read from disk), or the module's bytes. Returns what the other files
 * call "the module": `_name` for each C export, the HEAPU8 view (re-taken after memory growth),
 * and UTF8ToString / stringToUTF8 / lengthBytesUTF8, as an emcc module would have them.
 * @param {URL | Uint8Array} source @returns {Promise<Record<string, any>>}
 */
export async function instantiate(source) {
  /** @type {WebAssembly.Memory} */
  let memory;
  // Views of the whole memory, re-taken once growth has detached them (length 0 then; memory
  // is never empty). Cheaper than comparing buffers, which matters in nnw_host_tanh_n.
  let heap = new Uint8Array(0);
  const u8 = () => (heap.length ? heap : (heap = new Uint8Array(memory.buffer)));
  let heap64 = new Float64Array(0);
  const f64 = () => (heap64.length ? heap64 : (heap64 = new Float64Array(memory.buffer)));
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  /** UTF-8 of s into out[0..cap) with a NUL after it (cut to cap - 1 bytes); bytes written.
   * @param {string} s @param {number} out @param {number} cap */
  const writeUtf8 = (s, out, cap) => {
    if (cap <= 0) return 0;
    const { written = 0 } = encoder.encodeInto(s, u8().subarray(out, out + cap - 1));
    u8()[out + written] = 0;
    return written;
  };
  const env = {
    emscripten_math_sin: Math.sin,
    emscripten_math_cos: Math.cos,
    emscripten_math_exp: Math.exp,
    emscripten_math_log: Math.log,
    emscripten_math_tanh: Math.tanh,
    emscripten_math_pow: Math.pow,
    emscripten_notify_memory_growth: () => {}, // u8() and f64() notice the new buffer by themselves
    // A layer's tanh in one call (core/nnmath.h); the arrays are doubles, so 8-byte aligned.
    nnw_host_tanh_n: (/** @type {number} */ out, /** @type {number} */ x, /** @type {number} */ n) => {
      const h = f64();
      out >>>= 3;
      x >>>= 3;
      for (let i = 0; i < n; i++) h[out + i] = Math.tanh(h[x + i]);
    },
    nnw_js_number: (/** @type {number} */ s, /** @type {number} */ len) => Number(decoder.decode(u8().subarray(s, s + len))),
    nnw_js_number_to_string: (/** @type {number} */ x, /** @type {number} */ out, /** @type {number} */ cap) => writeUtf8(String(x), out, cap),
    nnw_js_to_fixed5: (/** @type {number} */ x, /** @type {number} */ out) => writeUtf8(x.toFixed(5), out, 8),
  };
  /** @type {WebAssembly.WebAssemblyInstantiatedSource} */
  let instantiated;
  if (!(source instanceof URL)) {
    instantiated = await WebAssembly.instantiate(/** @type {BufferSource} */ (source), { env });
  } else if (source.protocol === 'file:') { // Node
    // @ts-ignore -- Node's module; the page is type-checked without Node's types
    const { readFile } = await import('node:fs/promises');
    instantiated = await WebAssembly.instantiate(await readFile(source), { env });
  } else {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source} could not be loaded (HTTP ${response.status})`);
    // Streaming compilation needs the wasm MIME type; a server without it still works.
    instantiated = response.headers.get('Content-Type')?.startsWith('application/wasm')
      ? await WebAssembly.instantiateStreaming(response, { env })
      : await WebAssembly.instantiate(await response.arrayBuffer(), { env });
  }
  const exports = instantiated.instance.exports;
  memory = /** @type {WebAssembly.Memory} */ (exports.memory);
  /** @type {Record<string, any>} */
  const m = {
    get HEAPU8() { return u8(); },
    /** @param {number} ptr NUL-terminated UTF-8 */
    UTF8ToString(ptr) {
      const h = u8();
      let end = ptr;
      while (h[end]) end++;
      return decoder.decode(h.subarray(ptr, end));
    },
    stringToUTF8: writeUtf8,
    /** @param {string} s */
    lengthBytesUTF8: (s) => encoder.encode(s).length,
  };
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'function') m[`_${name}`] = value;
  }
  /** @type {() => void} */ (exports._initialize)(); // C constructors: a standalone module leaves them to the host
  return m;
}
