/* nnmath.h — the one seam for transcendental functions.
 *
 * TFP's numbers depend on the JS engine's Math.sin/cos/exp/log/tanh/pow (docs/tfp-behaviour.md §9).
 * Natively we use glibc, whose results equal Chromium's; in the wasm build every call goes to the
 * host page's own `Math` through emscripten_math_* (-sJS_MATH alone misses tanh in emcc 3.1.6),
 * so the engine reproduces TFP bit for bit in whatever browser runs it.
 *
 * Everything on the training path that is not + - * / sqrt must go through these. sqrt and
 * floor are exact (IEEE) everywhere and need no seam. Drawing-only fast paths (grid.c) may
 * use their own approximations.
 */
#ifndef NN_NNMATH_H
#define NN_NNMATH_H

#include <math.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/em_math.h>

static inline double nn_sin(double x) { return emscripten_math_sin(x); }
static inline double nn_cos(double x) { return emscripten_math_cos(x); }
static inline double nn_exp(double x) { return emscripten_math_exp(x); }
static inline double nn_log(double x) { return emscripten_math_log(x); }
static inline double nn_tanh(double x) { return emscripten_math_tanh(x); }
static inline double nn_pow(double x, double y) { return emscripten_math_pow(x, y); }

/* out[i] = tanh(in[i]) for i < n in one call: the host loops over its Math.tanh
 * (wasm-bindings/engine.js). The same numbers as n calls of nn_tanh, without a wasm->JS
 * transition for each (a quarter of a training epoch of the 6x8 spiral). */
void nnw_host_tanh_n(double *out, const double *in, int n);
static inline void nn_tanh_n(double *out, const double *in, int n) { nnw_host_tanh_n(out, in, n); }

#else

static inline double nn_sin(double x) { return sin(x); }
static inline double nn_cos(double x) { return cos(x); }
static inline double nn_exp(double x) { return exp(x); }
static inline double nn_log(double x) { return log(x); }
static inline double nn_tanh(double x) { return tanh(x); }
static inline double nn_pow(double x, double y) { return pow(x, y); }

static inline void nn_tanh_n(double *out, const double *in, int n) {
  for (int i = 0; i < n; i++) out[i] = tanh(in[i]);
}

#endif

/* JavaScript's Math.max(a, b) / Math.min(a, b) for two arguments: NaN if either is NaN (C's
 * fmax/fmin drop a NaN), and +0 is larger than -0. */
static inline double nn_js_max(double a, double b) {
  if (a != a || b != b) return a + b;
  if (a == b) return signbit(a) ? b : a; /* max(+0, -0) = +0 */
  return a > b ? a : b;
}
static inline double nn_js_min(double a, double b) {
  if (a != a || b != b) return a + b;
  if (a == b) return signbit(a) ? a : b; /* min(+0, -0) = -0 */
  return a < b ? a : b;
}

#endif
