/* rng.c — seedrandom 2.4.4 ARC4 (docs/tfp-behaviour.md §1). Every step is integer or exact double
 * arithmetic, so the stream is bit-identical in every engine. */
#include "rng.h"

#include <stddef.h>

static void rng_setup(nn_rng *r, const uint8_t *key, int keylen) {
  static const uint8_t zero_key[1] = {0};
  if (keylen <= 0) { /* seedrandom.js:125: the empty key is [0] */
    key = zero_key;
    keylen = 1;
  }
  for (int i = 0; i < 256; i++) r->s[i] = (uint8_t)i;
  unsigned j = 0;
  for (int i = 0; i < 256; i++) {
    uint8_t t = r->s[i];
    j = (j + key[i % keylen] + t) & 255u;
    r->s[i] = r->s[j];
    r->s[j] = t;
  }
  r->i = 0;
  r->j = 0;
}

static inline unsigned rng_byte(nn_rng *r) {
  uint8_t i = (uint8_t)(r->i + 1);
  uint8_t t = r->s[i];
  uint8_t j = (uint8_t)(r->j + t);
  r->s[i] = r->s[j];
  r->s[j] = t;
  r->i = i;
  r->j = j;
  return r->s[(uint8_t)(r->s[i] + t)];
}

/* mixkey (seedrandom.js:168-175): the key is built from UTF-16 code units; slots are revisited
 * (and smear starts to matter) only for keys longer than 256 units. */
typedef struct {
  uint8_t key[256];
  int keylen, smear, pos;
} key_mixer;

static void mix_unit(key_mixer *m, unsigned unit) {
  int k = m->pos & 255;
  m->smear ^= 19 * m->key[k];
  m->key[k] = (uint8_t)((m->smear + (int)unit) & 255);
  if (k + 1 > m->keylen) m->keylen = k + 1;
  m->pos++;
}

static void rng_finish(nn_rng *r, const key_mixer *m) {
  rng_setup(r, m->key, m->keylen);
  for (int n = 0; n < 256; n++) (void)rng_byte(r); /* RC4-drop[256] */
  r->draws = 0;
}

void nn_rng_seed_utf16(nn_rng *r, const uint16_t *units, int len) {
  key_mixer m = {{0}, 0, 0, 0};
  for (int j = 0; j < len; j++) mix_unit(&m, units[j]);
  rng_finish(r, &m);
}

/* Decodes one UTF-8 sequence at s; stores the code point (U+FFFD when invalid) and returns the
 * number of bytes consumed (>= 1). */
static int utf8_decode(const unsigned char *s, uint32_t *cp) {
  unsigned c = s[0];
  int need;
  uint32_t v, min;
  if (c < 0x80) { *cp = c; return 1; }
  if (c >= 0xC2 && c <= 0xDF) { need = 1; v = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { need = 2; v = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { need = 3; v = c & 0x07; min = 0x10000; }
  else { *cp = 0xFFFD; return 1; }
  for (int k = 1; k <= need; k++) {
    if ((s[k] & 0xC0) != 0x80) { *cp = 0xFFFD; return k; }
    v = (v << 6) | (s[k] & 0x3F);
  }
  if (v < min || v > 0x10FFFF) { *cp = 0xFFFD; return need + 1; }
  *cp = v; /* an encoded surrogate (ED A0..BF) is kept as that code unit, like WTF-8 */
  return need + 1;
}

void nn_rng_seed(nn_rng *r, const char *seed) {
  key_mixer m = {{0}, 0, 0, 0};
  const unsigned char *s = (const unsigned char *)(seed ? seed : "");
  while (*s) {
    uint32_t cp;
    s += utf8_decode(s, &cp);
    if (cp >= 0x10000) { /* astral: a surrogate pair, two code units */
      cp -= 0x10000;
      mix_unit(&m, 0xD800 + (cp >> 10));
      mix_unit(&m, 0xDC00 + (cp & 0x3FF));
    } else {
      mix_unit(&m, cp);
    }
  }
  rng_finish(r, &m);
}

double nn_rng_next(nn_rng *r) {
  /* seedrandom.js:61-76, in doubles exactly as JavaScript evaluates it. */
  double n = 0;
  for (int k = 0; k < 6; k++) n = n * 256 + rng_byte(r);
  double d = 281474976710656.0;          /* 2^48 */
  unsigned x = 0;
  while (n < 4503599627370496.0) {       /* 2^52 */
    n = (n + x) * 256;
    d *= 256;
    x = rng_byte(r);
  }
  while (n >= 9007199254740992.0) {      /* 2^53 */
    n /= 2;
    d /= 2;
    x >>= 1;
  }
  r->draws++;
  return (n + x) / d;
}

double nn_rng_uniform(nn_rng *r, double a, double b) {
  return nn_rng_next(r) * (b - a) + a;
}
