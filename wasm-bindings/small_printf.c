/* small_printf.c — the wasm build's snprintf (and nn_wasm_vsnprintf): a small integer-only formatter.
 *
 * In the wasm build the engine formats no floating-point value with printf: numbers in hashes
 * and notices go through the host's String(x) (core/js_number.h; engine.js supplies it). libc's
 * snprintf would link its floating-point formatting and 128-bit long double arithmetic, and even
 * musl's integer-only vsniprintf costs about 2 KB gzipped; the engine's wasm needs only what is
 * here: %s, %c, %%, %d and %u with the length modifiers l, ll and z (no flags, width or
 * precision: a conversion it does not know is written as '?'). Native builds use libc's.
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
    int longs = 0;
    while (*++fmt == 'l' || *fmt == 'z') longs++; /* size_t is long's width in wasm32 */
    char c = *fmt, digits[24];
    if (c == 's') {
      for (const char *t = va_arg(ap, const char *); *t; t++) put(&o, *t);
    } else if (c == 'c') {
      put(&o, (char)va_arg(ap, int));
    } else if (c == 'd' || c == 'u') {
      long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
      unsigned long long u = (unsigned long long)v;
      if (c == 'u' && longs < 2) u = longs ? (unsigned long)v : (unsigned)v;
      if (c == 'd' && v < 0) {
        put(&o, '-');
        u = 0 - u;
      }
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
