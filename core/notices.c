/* notices.c — one notice into a report (see notices.h). */
#include "notices.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifdef __EMSCRIPTEN__
/* The wasm build's small integer-only formatter (wasm-bindings/small_printf.c): notices format
 * no floating-point values. */
int nn_wasm_vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap);
#endif

/* Copies s[0..n) into dst (capacity cap+1), cutting to cap bytes ending in "..." when longer,
 * never in the middle of a UTF-8 sequence. */
static void copy_cut(char *dst, size_t cap, const char *s, size_t n) {
  if (s == NULL) {
    dst[0] = '\0';
    return;
  }
  if (n <= cap) {
    memcpy(dst, s, n);
    dst[n] = '\0';
    return;
  }
  size_t keep = cap - 3;
  while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80) keep--;
  memcpy(dst, s, keep);
  memcpy(dst + keep, "...", 4);
}

void nn_notice_add(nn_notices *ns, const char *param, size_t plen, const char *value,
                   size_t vlen, const char *fmt, ...) {
  if (ns == NULL) return;
  if (ns->count >= NN_MAX_NOTICES) {
    ns->dropped++;
    return;
  }
  nn_notice *it = &ns->items[ns->count++];
  copy_cut(it->param, NN_NOTICE_PARAM_LEN, param, plen);
  copy_cut(it->value, NN_NOTICE_VALUE_LEN, value, vlen);
  va_list ap;
  va_start(ap, fmt);
#ifdef __EMSCRIPTEN__
  nn_wasm_vsnprintf(it->reason, sizeof it->reason, fmt, ap);
#else
  vsnprintf(it->reason, sizeof it->reason, fmt, ap);
#endif
  va_end(ap);
}
