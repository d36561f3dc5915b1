// host_imports.js — emcc JS library (--js-library) naming the functions the engine imports from
// its host beyond emscripten_math_* (core/nnmath.h), so that emcc leaves them as imports of the
// standalone module ("env" module). engine/instantiate.js supplies the real ones; these bodies
// are never run (a standalone build has no emcc JS output) and only say what each import must do.
mergeInto(LibraryManager.library, {
  // out[i] = Math.tanh(in[i]) for i < n, double arrays (core/nnmath.h: nn_tanh_n).
  nnw_host_tanh_n: function (out, x, n) {
    throw new Error('nnw_host_tanh_n: supplied by engine.js');
  },
  // Number(text) of the UTF-8 bytes s[0..len) (core/state.c: nn_js_string_to_number).
  nnw_js_number: function (s, len) {
    throw new Error('nnw_js_number: supplied by engine.js');
  },
  // String(x) into out (cap bytes, NUL-terminated); returns its length in bytes
  // (core/state.c: nn_format_js_number).
  nnw_js_number_to_string: function (x, out, cap) {
    throw new Error('nnw_js_number_to_string: supplied by engine.js');
  },
  // x.toFixed(5) into out (8 bytes, NUL-terminated), for 0 <= x < 1 (core/experiment.c:
  // nn_seed_from_unseeded).
  nnw_js_to_fixed5: function (x, out) {
    throw new Error('nnw_js_to_fixed5: supplied by engine.js');
  },
});
