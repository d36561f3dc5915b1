// instantiate.js — loads the standalone engine module (wasm-bindings/CMakeLists.txt: no emcc JS
// loader) and supplies its imports: the host's own Math (core/nnmath.h) and Number()/String()
// (core/state.c), so that results match TFP in whatever browser runs the page.

/**
 * Instantiates the module at `url` (fetched and compiled while it downloads, or, for a file:
 * URL under Node, read from disk) and returns what the other files call "the module": `_name`
 * for each C export, the HEAPU8 view (re-taken after memory growth), and UTF8ToString /
 * stringToUTF8 / lengthBytesUTF8, as an emcc module would have them.
 * @param {URL} url @returns {Promise<Record<string, any>>}
 */
export async function instantiate(url) {
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
  let source;
  if (url.protocol === 'file:') { // Node
    // @ts-ignore -- Node's module; the page is type-checked without Node's types
    const { readFile } = await import('node:fs/promises');
    source = await WebAssembly.instantiate(await readFile(url), { env });
  } else {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
    // Streaming compilation needs the wasm MIME type; a server without it still works.
    source = response.headers.get('Content-Type')?.startsWith('application/wasm')
      ? await WebAssembly.instantiateStreaming(response, { env })
      : await WebAssembly.instantiate(await response.arrayBuffer(), { env });
  }
  const exports = source.instance.exports;
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
