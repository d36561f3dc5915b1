/* small_printf.c — the wasm build's snprintf: musl's integer-only formatter (vsniprintf).
 *
 * In the wasm build the engine formats no floating-point value with printf: numbers in hashes
 * and notices go through the host's String(x) (core/state.c; engine.js supplies it). libc's
 * snprintf would still link its floating-point formatting and 128-bit long double arithmetic
 * (about 5 KB gzipped). %s, %d, %x, %c, %zu and the rest work as usual; a %e, %f or %g
 * here traps ("null function") rather than print something wrong. Native builds use libc's.
 */
#include <stdarg.h>
#include <stdio.h>

int vsniprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap);

int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsniprintf(s, n, fmt, ap);
  va_end(ap);
  return r;
}
