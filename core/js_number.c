/* js_number.c — JavaScript's Number(string) and String(number), exactly (see js_number.h). */
#include "js_number.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- JS whitespace and Number() */

/* Length of the JS WhiteSpace/LineTerminator character starting at p (UTF-8), or 0. */
static size_t js_ws_at(const unsigned char *p, size_t n) {
  if (n >= 1 && (p[0] == ' ' || (p[0] >= 0x09 && p[0] <= 0x0D))) return 1;
  if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2; /* U+00A0 */
  if (n >= 3) {
    if (p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) return 3; /* U+1680 */
    if (p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
      return 3; /* U+2000..200A, U+2028, U+2029, U+202F */
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) return 3; /* U+205F */
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3; /* U+3000 */
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3; /* U+FEFF */
  }
  return 0;
}

size_t nn_js_trim(const char **s, size_t len) {
  if (*s == NULL) return len;
  const unsigned char *p = (const unsigned char *)*s;
  size_t a = 0, b = len, k;
  while (a < b && (k = js_ws_at(p + a, b - a)) > 0) a += k;
  for (;;) {
    if (b > a && js_ws_at(p + b - 1, 1) == 1) { b -= 1; continue; }
    if (b >= a + 2 && js_ws_at(p + b - 2, 2) == 2) { b -= 2; continue; }
    if (b >= a + 3 && js_ws_at(p + b - 3, 3) == 3) { b -= 3; continue; }
    break;
  }
  *s += a;
  return b - a;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

#ifdef __EMSCRIPTEN__
/* In the wasm build the host page's own JavaScript does Number(text) and String(x) (imports
 * that wasm-bindings/engine.js supplies): they are by definition what TFP computes, and they
 * keep libc's strtod and floating-point printf (a third of the module) out of the wasm. The C
 * below is the native build's. */
double nnw_js_number(const char *s, size_t len);   /* Number(text of s[0..len)) */
int nnw_js_number_to_string(double x, char *out, int cap); /* String(x), its length */
#endif

/* An unsigned integer in radix 2^bits, correctly rounded to a double (ties to even), as
 * JavaScript reads 0x/0o/0b literals. NaN on any invalid digit. */
static double radix_pow2_to_double(const char *p, size_t n, int bits) {
  uint64_t m = 0;        /* the first (up to 64) significant bits */
  int nb = 0;            /* bits held in m */
  long long total = 0;   /* significant bits in the whole number */
  bool sticky = false;   /* any 1 bit after the first 64 */
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return NAN;
    if (v >= (1 << bits)) return NAN;
    for (int b = bits - 1; b >= 0; b--) {
      unsigned bit = (unsigned)(v >> b) & 1u;
      if (total == 0 && bit == 0) continue;
      total++;
      if (nb < 64) {
        m = (m << 1) | bit;
        nb++;
      } else if (bit) {
        sticky = true;
      }
    }
  }
  if (total == 0) return 0.0;
  if (total <= 53) return (double)m;
  int drop = nb - 53;
  uint64_t kept = m >> drop;
  uint64_t rest = m & ((UINT64_C(1) << drop) - 1);
  uint64_t half = UINT64_C(1) << (drop - 1);
  if (rest > half || (rest == half && (sticky || (kept & 1u)))) kept++;
  long long e = total - 53;
  if (e > 2000) return INFINITY;
  return ldexp((double)kept, (int)e);
}

double nn_js_string_to_number(const char *s, size_t len) {
#ifdef __EMSCRIPTEN__
  return nnw_js_number(s, len);
#endif
  const char *p = s;
  size_t n = nn_js_trim(&p, len);
  if (p == NULL || n == 0) return 0.0;

  if (n >= 2 && p[0] == '0') {
    int bits = 0;
    if (p[1] == 'x' || p[1] == 'X') bits = 4;
    else if (p[1] == 'o' || p[1] == 'O') bits = 3;
    else if (p[1] == 'b' || p[1] == 'B') bits = 1;
    if (bits) return n == 2 ? NAN : radix_pow2_to_double(p + 2, n - 2, bits);
  }

  /* StrDecimalLiteral: [+-] (Infinity | digits [. digits] | . digits) [(e|E) [+-] digits] */
  size_t i = 0;
  bool neg = false;
  if (p[i] == '+' || p[i] == '-') {
    neg = p[i] == '-';
    i++;
  }
  if (n - i == 8 && memcmp(p + i, "Infinity", 8) == 0) return neg ? -INFINITY : INFINITY;
  size_t digits = 0;
  while (i < n && is_digit(p[i])) { i++; digits++; }
  if (i < n && p[i] == '.') {
    i++;
    while (i < n && is_digit(p[i])) { i++; digits++; }
  }
  if (digits == 0) return NAN;
  if (i < n && (p[i] == 'e' || p[i] == 'E')) {
    i++;
    if (i < n && (p[i] == '+' || p[i] == '-')) i++;
    size_t ed = 0;
    while (i < n && is_digit(p[i])) { i++; ed++; }
    if (ed == 0) return NAN;
  }
  if (i != n) return NAN;

  /* The text is a valid C decimal literal too; strtod rounds it correctly (glibc, musl). */
  char small[256];
  char *buf = small;
  if (n >= sizeof small) {
    buf = malloc(n + 1);
    if (buf == NULL) return NAN;
  }
  memcpy(buf, p, n);
  buf[n] = '\0';
  char *end = NULL;
  double v = strtod(buf, &end);
  bool ok = end == buf + n;
  if (buf != small) free(buf);
  return ok ? v : NAN;
}

/* ---------------------------------------------------------------- JS Number::toString */

/* Digits d[0..k) with decimal exponent e (value = d0.d1d2... x 10^e) round-trips to x? */
static bool digits_roundtrip(const char *d, int k, int e, double x) {
  char buf[48];
  snprintf(buf, sizeof buf, "%.*se%d", k, d, e - (k - 1));
  return strtod(buf, NULL) == x;
}

/* Adds +1 or -1 in the last place of the k digits in d (exponent *e); may change k and e. */
static void digits_step(char *d, int *k, int *e, int dir) {
  int i = *k - 1;
  if (dir > 0) {
    while (i >= 0 && d[i] == '9') d[i--] = '0';
    if (i >= 0) {
      d[i]++;
    } else { /* 99..9 + 1 = 100..0 */
      d[0] = '1';
      for (int j = 1; j < *k; j++) d[j] = '0';
      (*e)++;
    }
  } else {
    while (i >= 0 && d[i] == '0') d[i--] = '9';
    if (i >= 0) d[i]--;
    if (d[0] == '0') { /* 100..0 - 1 = 99..9, one digit shorter */
      if (*k <= 1) { /* 1 - 1 = 0: no candidate */
        *k = 0;
        return;
      }
      memmove(d, d + 1, (size_t)(*k - 1));
      (*k)--;
      (*e)--;
    }
  }
  while (*k > 1 && d[*k - 1] == '0') (*k)--;
}

/* Shortest digits that round-trip (ECMA-262 Number::toString step 5), positive finite x. */
static void shortest_digits(double x, char d[20], int *k_out, int *e_out) {
  for (int p = 1; p <= 17; p++) {
    char buf[40];
    snprintf(buf, sizeof buf, "%.*e", p - 1, x);
    /* buf is "D[.DDD]e[+-]XX" ('.' may be another point character in odd locales) */
    int k = 0;
    const char *c = buf;
    for (; *c && *c != 'e'; c++)
      if (is_digit(*c)) d[k++] = *c;
    int e = atoi(c + 1);
    if (strtod(buf, NULL) == x) {
      while (k > 1 && d[k - 1] == '0') k--;
      *k_out = k;
      *e_out = e;
      return;
    }
    /* The nearest p-digit decimal misses x's rounding interval; at a power of two that
     * interval is lopsided, so the neighbour on x's other side may still be inside it. */
    int dir = strtod(buf, NULL) < x ? 1 : -1;
    int k2 = k, e2 = e;
    char d2[20];
    memcpy(d2, d, (size_t)k);
    digits_step(d2, &k2, &e2, dir);
    if (k2 >= 1 && digits_roundtrip(d2, k2, e2, x)) {
      memcpy(d, d2, (size_t)k2);
      *k_out = k2;
      *e_out = e2;
      return;
    }
  }
  /* unreachable: 17 digits always round-trip */
  char buf[40];
  snprintf(buf, sizeof buf, "%.16e", x);
  int k = 0;
  const char *c = buf;
  for (; *c && *c != 'e'; c++)
    if (is_digit(*c)) d[k++] = *c;
  *k_out = k;
  *e_out = atoi(c + 1);
}

int nn_format_js_number(double x, char out[32]) {
#ifdef __EMSCRIPTEN__
  return nnw_js_number_to_string(x, out, 32);
#endif
  if (isnan(x)) return snprintf(out, 32, "NaN");
  if (isinf(x)) return snprintf(out, 32, x > 0 ? "Infinity" : "-Infinity");
  if (x == 0) return snprintf(out, 32, "0"); /* also -0 */
  int len = 0;
  if (x < 0) {
    out[len++] = '-';
    x = -x;
  }
  char d[20];
  int k, e;
  shortest_digits(x, d, &k, &e);
  int n = e + 1; /* value = 0.d1d2..dk x 10^n */
  if (k <= n && n <= 21) {
    memcpy(out + len, d, (size_t)k);
    len += k;
    for (int i = 0; i < n - k; i++) out[len++] = '0';
  } else if (0 < n && n <= 21) {
    memcpy(out + len, d, (size_t)n);
    len += n;
    out[len++] = '.';
    memcpy(out + len, d + n, (size_t)(k - n));
    len += k - n;
  } else if (-6 < n && n <= 0) {
    out[len++] = '0';
    out[len++] = '.';
    for (int i = 0; i < -n; i++) out[len++] = '0';
    memcpy(out + len, d, (size_t)k);
    len += k;
  } else {
    out[len++] = d[0];
    if (k > 1) {
      out[len++] = '.';
      memcpy(out + len, d + 1, (size_t)(k - 1));
      len += k - 1;
    }
    len += snprintf(out + len, (size_t)(32 - len), "e%c%d", n - 1 >= 0 ? '+' : '-',
                    n - 1 >= 0 ? n - 1 : -(n - 1));
    return len;
  }
  out[len] = '\0';
  return len;
}
