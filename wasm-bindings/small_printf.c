/* small_printf.c — the wasm build's snprintf (and nn_wasm_vsnprintf): a small integer-only formatter.
 *
 * In the wasm build the engine formats no floating-point value with printf: numbers in hashes
 * and notices go through the host's String(x) (core/js_number.h; engine.js supplies it). libc's
 * snprintf would link its floating-point formatting and 128-bit long double arithmetic, and even
 * musl's integer-only vsniprintf costs about 2 KB gzipped; the engine's wasm needs only what is
 * here: %s, %d and %% (no length modifier, flag, width or precision: a conversion it does not
 * know is written as '?'). Native builds use libc's.
 */
#include <stdarg.h>
#include <stddef.h>

typedef struct {
  char *s;
  size_t n, len; /* capacity (NUL included), length so far (counting what did not fit) */
} sink;

static void put(sink *o, char c) {
  if (o->len + 1 < o->n) o->s[o->len] = c;
  o->len++;
}

int nn_wasm_vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap) {
  sink o = {s, n, 0};
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      put(&o, *fmt);
      continue;
    }
    char c = *++fmt, digits[12];
    if (c == 's') {
      for (const char *t = va_arg(ap, const char *); *t; t++) put(&o, *t);
    } else if (c == 'd') {
      int v = va_arg(ap, int);
      unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
      if (v < 0) put(&o, '-');
      int k = 0;
      do digits[k++] = (char)('0' + u % 10); while ((u /= 10) > 0);
      while (k > 0) put(&o, digits[--k]);
    } else {
      put(&o, c == '%' ? '%' : '?');
      if (!c) break;
    }
  }
  if (n > 0) s[o.len < n ? o.len : n - 1] = '\0';
  return (int)o.len;
}

int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = nn_wasm_vsnprintf(s, n, fmt, ap);
  va_end(ap);
  return r;
}
