/* state.c — URL hash <-> validated nn_config (docs/tfp-behaviour.md §8; the rules are in state.h). */
#include "state.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons.h"

/* A piece of the hash: p[0..n). p == NULL means "no value" (a piece without '='). */
typedef struct {
  const char *p;
  size_t n;
} span;

static bool span_eq(span s, const char *lit) {
  size_t n = strlen(lit);
  return s.p != NULL && s.n == n && memcmp(s.p, lit, n) == 0;
}

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

/* String.prototype.trim, on bytes. */
static span js_trim(span s) {
  if (s.p == NULL) return s;
  const unsigned char *p = (const unsigned char *)s.p;
  size_t a = 0, b = s.n, k;
  while (a < b && (k = js_ws_at(p + a, b - a)) > 0) a += k;
  for (;;) {
    if (b > a && js_ws_at(p + b - 1, 1) == 1) { b -= 1; continue; }
    if (b >= a + 2 && js_ws_at(p + b - 2, 2) == 2) { b -= 2; continue; }
    if (b >= a + 3 && js_ws_at(p + b - 3, 3) == 3) { b -= 3; continue; }
    break;
  }
  span t = {s.p + a, b - a};
  return t;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

#ifdef __EMSCRIPTEN__
/* In the wasm build the host page's own JavaScript does Number(text) and String(x) (imports
 * that wasm-bindings/engine.js supplies): they are by definition what TFP computes, and they
 * keep libc's strtod and floating-point printf (a third of the module) out of the wasm. The C
 * below is the native build's. */
double nnw_js_number(const char *s, size_t len);   /* Number(text of s[0..len)) */
int nnw_js_number_to_string(double x, char *out, int cap); /* String(x), its length */
/* musl's integer-only vsnprintf (see wasm-bindings/small_printf.c): notices format no
 * floating-point values. */
int vsniprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap);
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
  span t = js_trim((span){s, len});
  if (t.p == NULL || t.n == 0) return 0.0;
  const char *p = t.p;
  size_t n = t.n;

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

/* ---------------------------------------------------------------- notices */

/* Copies s into dst (capacity cap+1), cutting to cap bytes ending in "..." when longer, never
 * in the middle of a UTF-8 sequence. */
static void copy_cut(char *dst, size_t cap, span s) {
  if (s.p == NULL) {
    dst[0] = '\0';
    return;
  }
  if (s.n <= cap) {
    memcpy(dst, s.p, s.n);
    dst[s.n] = '\0';
    return;
  }
  size_t keep = cap - 3;
  while (keep > 0 && ((unsigned char)s.p[keep] & 0xC0) == 0x80) keep--;
  memcpy(dst, s.p, keep);
  memcpy(dst + keep, "...", 4);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void notice(nn_notices *ns, span param, span value, const char *fmt, ...) {
  if (ns == NULL) return;
  if (ns->count >= NN_MAX_NOTICES) {
    ns->dropped++;
    return;
  }
  nn_notice *it = &ns->items[ns->count++];
  copy_cut(it->param, NN_NOTICE_PARAM_LEN, param);
  copy_cut(it->value, NN_NOTICE_VALUE_LEN, value);
  va_list ap;
  va_start(ap, fmt);
#ifdef __EMSCRIPTEN__
  vsniprintf(it->reason, sizeof it->reason, fmt, ap);
#else
  vsnprintf(it->reason, sizeof it->reason, fmt, ap);
#endif
  va_end(ap);
}

static span lit(const char *s) { return (span){s, strlen(s)}; }

/* ---------------------------------------------------------------- the parameter table */

typedef enum {
  P_ACTIVATION, P_REGULARIZATION, P_BATCH_SIZE, P_DATASET, P_REG_DATASET, P_LEARNING_RATE,
  P_REGULARIZATION_RATE, P_NOISE, P_NETWORK_SHAPE, P_SEED, P_SHOW_TEST_DATA, P_DISCRETIZE,
  P_PERC_TRAIN_DATA, P_X, P_Y, P_X_TIMES_Y, P_X_SQUARED, P_Y_SQUARED, P_COS_X, P_SIN_X, P_COS_Y,
  P_SIN_Y, P_COLLECT_STATS, P_TUTORIAL, P_PROBLEM, P_INIT_ZERO, P_HIDE_TEXT,
  P_MODE, P_MODEL, P_LESSON, /* the lecture's (lessons.h), written after TFP's */
  P_OPTIMIZER, P_MOMENTUM, P_RHO, P_BETA1, P_BETA2, P_EPSILON, P_INIT, P_DROPOUT, P_LOSS,
  P_SPEED, /* nnplay's training options, written only when not at their default */
  P_COUNT
} param_id;

/* TFP's names, in TFP's serialization order (state.ts:106-134). */
static const char *const PARAM_NAMES[P_COUNT] = {
  "activation", "regularization", "batchSize", "dataset", "regDataset", "learningRate",
  "regularizationRate", "noise", "networkShape", "seed", "showTestData", "discretize",
  "percTrainData", "x", "y", "xTimesY", "xSquared", "ySquared", "cosX", "sinX", "cosY", "sinY",
  "collectStats", "tutorial", "problem", "initZero", "hideText",
  "mode", "model", "lesson",
  "optimizer", "momentum", "rho", "beta1", "beta2", "epsilon", "init", "dropout", "loss",
  "speed",
};

static bool *bool_field(nn_config *c, param_id id) {
  switch (id) {
    case P_SHOW_TEST_DATA: return &c->show_test_data;
    case P_DISCRETIZE: return &c->discretize;
    case P_X: return &c->features[NN_FEAT_X];
    case P_Y: return &c->features[NN_FEAT_Y];
    case P_X_TIMES_Y: return &c->features[NN_FEAT_X_TIMES_Y];
    case P_X_SQUARED: return &c->features[NN_FEAT_X_SQUARED];
    case P_Y_SQUARED: return &c->features[NN_FEAT_Y_SQUARED];
    case P_COS_X: return &c->cos_x;
    case P_SIN_X: return &c->features[NN_FEAT_SIN_X];
    case P_COS_Y: return &c->cos_y;
    case P_SIN_Y: return &c->features[NN_FEAT_SIN_Y];
    case P_COLLECT_STATS: return &c->collect_stats;
    case P_INIT_ZERO: return &c->init_zero;
    case P_HIDE_TEXT: return &c->hide_text;
    default: return NULL;
  }
}

/* The keys of a choice parameter: names of enum values [first, last]. */
typedef struct {
  int first, last;
  const char *(*name)(int v);
} choice_keys;

static const char *act_name(int v) { return nn_activation_name((nn_activation)v); }
static const char *reg_name(int v) { return nn_regularization_name((nn_regularization)v); }
static const char *data_name(int v) { return nn_dataset_name((nn_dataset_kind)v); }
static const char *problem_name(int v) { return nn_problem_name((nn_problem)v); }
static const char *mode_name(int v) { return nn_mode_name((nn_mode)v); }
static const char *model_name(int v) { return nn_model_name((nn_model)v); }
static const char *optimizer_name(int v) { return nn_optimizer_name((nn_optimizer)v); }
static const char *init_name(int v) { return nn_init_name((nn_init)v); }
static const char *loss_name(int v) { return nn_loss_name((nn_loss_kind)v); }

static choice_keys choice_of(param_id id) {
  switch (id) {
    case P_ACTIVATION: return (choice_keys){NN_ACT_RELU, NN_ACT_COUNT - 1, act_name};
    case P_REGULARIZATION: return (choice_keys){NN_REG_NONE, NN_REG_L2, reg_name};
    case P_DATASET: return (choice_keys){NN_DATA_CIRCLE, NN_DATA_SPIRAL, data_name};
    case P_REG_DATASET: return (choice_keys){NN_DATA_REG_PLANE, NN_DATA_REG_GAUSS, data_name};
    case P_PROBLEM:
      return (choice_keys){NN_PROBLEM_CLASSIFICATION, NN_PROBLEM_REGRESSION, problem_name};
    case P_MODE: return (choice_keys){NN_MODE_COMPLETE, NN_MODE_COUNT - 1, mode_name};
    case P_MODEL: return (choice_keys){NN_MODEL_MLP, NN_MODEL_COUNT - 1, model_name};
    case P_OPTIMIZER: return (choice_keys){NN_OPT_SGD, NN_OPT_COUNT - 1, optimizer_name};
    case P_INIT: return (choice_keys){NN_INIT_UNIFORM, NN_INIT_COUNT - 1, init_name};
    case P_LOSS: return (choice_keys){NN_LOSS_SQUARE, NN_LOSS_COUNT - 1, loss_name};
    default: return (choice_keys){0, -1, NULL};
  }
}

static int *choice_field(nn_config *c, param_id id) {
  switch (id) {
    case P_ACTIVATION: return (int *)&c->activation;
    case P_REGULARIZATION: return (int *)&c->regularization;
    case P_DATASET: return (int *)&c->dataset;
    case P_REG_DATASET: return (int *)&c->reg_dataset;
    case P_PROBLEM: return (int *)&c->problem;
    case P_MODE: return (int *)&c->mode;
    case P_MODEL: return (int *)&c->model;
    case P_OPTIMIZER: return (int *)&c->optimizer;
    case P_INIT: return (int *)&c->init;
    case P_LOSS: return (int *)&c->loss;
    default: return NULL;
  }
}

static double *number_field(nn_config *c, param_id id) {
  switch (id) {
    case P_LEARNING_RATE: return &c->learning_rate;
    case P_REGULARIZATION_RATE: return &c->regularization_rate;
    case P_NOISE: return &c->noise;
    case P_PERC_TRAIN_DATA: return &c->perc_train_data;
    case P_MOMENTUM: return &c->momentum;
    case P_RHO: return &c->rho;
    case P_BETA1: return &c->beta1;
    case P_BETA2: return &c->beta2;
    case P_EPSILON: return &c->epsilon;
    case P_DROPOUT: return &c->dropout;
    default: return NULL;
  }
}

/* The default value of a parameter as URL text, for the notices' "using ..." part. */
static void default_text(param_id id, char *out, size_t cap) {
  nn_config d;
  nn_config_default(&d);
  nn_config *c = &d;
  if (choice_field(c, id)) {
    snprintf(out, cap, "%s", choice_of(id).name(*choice_field(c, id)));
  } else if (number_field(c, id)) {
    char num[32];
    nn_format_js_number(*number_field(c, id), num);
    snprintf(out, cap, "%s", num);
  } else if (bool_field(c, id)) {
    snprintf(out, cap, "%s", *bool_field(c, id) ? "true" : "false");
  } else if (id == P_BATCH_SIZE) {
    snprintf(out, cap, "%d", c->batch_size);
  } else if (id == P_SPEED) {
    snprintf(out, cap, "%d", c->speed);
  } else if (id == P_NETWORK_SHAPE) {
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < c->num_hidden_layers && len < cap; i++)
      len += (size_t)snprintf(out + len, cap - len, i ? ",%d" : "%d", c->network_shape[i]);
  } else {
    snprintf(out, cap, "none");
  }
}

/* ---------------------------------------------------------------- applying one parameter */

static void apply_choice(nn_config *cfg, param_id id, span raw, nn_notices *ns) {
  choice_keys ck = choice_of(id);
  char keys[96], def[48];
  size_t len = 0;
  keys[0] = '\0';
  for (int v = ck.first; v <= ck.last && len < sizeof keys; v++)
    len += (size_t)snprintf(keys + len, sizeof keys - len, v > ck.first ? ", %s" : "%s",
                            ck.name(v));
  default_text(id, def, sizeof def);
  for (int v = ck.first; v <= ck.last; v++) {
    /* TFP tests the raw (untrimmed) value against the table's own keys */
    if (span_eq(raw, ck.name(v))) {
      *choice_field(cfg, id) = v;
      return;
    }
  }
  notice(ns, lit(PARAM_NAMES[id]), raw, "not one of %s; using %s", keys, def);
}

static void apply_number(nn_config *cfg, param_id id, span raw, nn_notices *ns) {
  const char *name = PARAM_NAMES[id];
  char def[48];
  default_text(id, def, sizeof def);
  double v = nn_js_string_to_number(raw.p, raw.n);
  if (isnan(v)) {
    notice(ns, lit(name), raw, "not a number; using %s", def);
    return;
  }
  switch (id) {
    case P_BATCH_SIZE:
      if (!(v >= 1 && v <= NN_MAX_BATCH_SIZE && v == floor(v))) {
        notice(ns, lit(name), raw, "must be a whole number from 1 to %d; using %s",
               NN_MAX_BATCH_SIZE, def);
        return;
      }
      cfg->batch_size = (int)v;
      return;
    case P_PERC_TRAIN_DATA:
      if (!(v >= 0 && v <= 100)) {
        notice(ns, lit(name), raw, "must be a number from 0 to 100; using %s", def);
        return;
      }
      break;
    case P_MOMENTUM:
    case P_RHO:
    case P_BETA1:
    case P_BETA2:
      if (!(v >= 0 && v < 1)) {
        notice(ns, lit(name), raw, "must be a number from 0 up to (not including) 1; using %s",
               def);
        return;
      }
      break;
    case P_EPSILON:
      if (!(v > 0 && v <= 1)) {
        notice(ns, lit(name), raw, "must be a number above 0 and at most 1; using %s", def);
        return;
      }
      break;
    case P_DROPOUT:
      if (!(v >= 0 && v <= 0.9)) {
        notice(ns, lit(name), raw, "must be a number from 0 to 0.9; using %s", def);
        return;
      }
      break;
    case P_LEARNING_RATE:
    case P_REGULARIZATION_RATE:
      if (!isfinite(v)) {
        notice(ns, lit(name), raw, "not a finite number; using %s", def);
        return;
      }
      if (v < 0) {
        notice(ns, lit(name), raw, "must not be negative; using %s", def);
        return;
      }
      break;
    default: /* noise: used as is, as the deployed TFP does */
      if (!isfinite(v)) {
        notice(ns, lit(name), raw, "not a finite number; using %s", def);
        return;
      }
      break;
  }
  *number_field(cfg, id) = v;
}

static void apply_network_shape(nn_config *cfg, span raw, nn_notices *ns) {
  static const char name[] = "networkShape";
  char def[48];
  default_text(P_NETWORK_SHAPE, def, sizeof def);
  if (raw.p == NULL) {
    notice(ns, lit(name), raw, "written without '=' (malformed); using %s", def);
    return;
  }
  int shape[NN_MAX_HIDDEN_LAYERS];
  int count = 0;
  bool rounded = false;
  if (js_trim(raw).n > 0) {
    size_t start = 0;
    for (;;) {
      size_t end = start;
      while (end < raw.n && raw.p[end] != ',') end++;
      if (count == NN_MAX_HIDDEN_LAYERS) {
        notice(ns, lit(name), raw, "more than %d hidden layers; using %s", NN_MAX_HIDDEN_LAYERS,
               def);
        return;
      }
      double c = nn_js_string_to_number(raw.p + start, end - start);
      if (!(c > 0)) {
        notice(ns, lit(name), raw,
               "layer %d is not a positive number of neurons (TFP would build an empty layer); "
               "using %s", count + 1, def);
        return;
      }
      if (!(ceil(c) <= NN_MAX_NEURONS)) {
        notice(ns, lit(name), raw, "layer %d has more than %d neurons; using %s", count + 1,
               NN_MAX_NEURONS, def);
        return;
      }
      if (c != ceil(c)) rounded = true;
      shape[count++] = (int)ceil(c);
      if (end == raw.n) break;
      start = end + 1;
    }
  }
  cfg->num_hidden_layers = count;
  for (int i = 0; i < count; i++) cfg->network_shape[i] = shape[i];
  if (rounded) {
    char got[NN_MAX_HIDDEN_LAYERS * 4 + 1];
    size_t len = 0;
    got[0] = '\0';
    for (int i = 0; i < count; i++)
      len += (size_t)snprintf(got + len, sizeof got - len, i ? ",%d" : "%d", shape[i]);
    notice(ns, lit(name), raw, "neuron counts that are not whole numbers were rounded up, as TFP "
           "does; using %s", got);
  }
}

static void apply_seed(nn_config *cfg, span raw, nn_notices *ns) {
  if (raw.n > NN_MAX_SEED_LEN) {
    notice(ns, lit("seed"), raw, "longer than %d characters; a random seed is drawn instead",
           NN_MAX_SEED_LEN);
    return;
  }
  memcpy(cfg->seed, raw.p, raw.n);
  cfg->seed[raw.n] = '\0';
}

static void apply_tutorial(nn_config *cfg, span raw, nn_notices *ns) {
  if (raw.n > NN_MAX_TUTORIAL_LEN) {
    notice(ns, lit("tutorial"), raw, "longer than %d characters; no tutorial",
           NN_MAX_TUTORIAL_LEN);
    return;
  }
  for (size_t i = 0; i < raw.n; i++) {
    char c = raw.p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' ||
              c == '_';
    if (!ok) {
      notice(ns, lit("tutorial"), raw, "may only contain letters, digits, '-' and '_'; "
             "no tutorial");
      return;
    }
  }
  memcpy(cfg->tutorial, raw.p, raw.n);
  cfg->tutorial[raw.n] = '\0';
}

/* Epochs per frame: one of the page's steps, or "max". */
static void apply_speed(nn_config *cfg, span raw, nn_notices *ns) {
  static const int steps[] = {1, 2, 5, 10, 20, 50, 100};
  if (span_eq(raw, "max")) {
    cfg->speed = NN_SPEED_MAX;
    return;
  }
  double v = nn_js_string_to_number(raw.p, raw.n);
  for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
    if (v == steps[k]) {
      cfg->speed = steps[k];
      return;
    }
  notice(ns, lit("speed"), raw, "not one of 1, 2, 5, 10, 20, 50, 100, max; using 1");
}

/* nnplay's training options at their default are not written (TFP links stay as they were).
 * init=zeros is written as TFP's initZero=true. */
static bool ext_at_default(const nn_config *c, param_id id) {
  nn_config d;
  switch (id) {
    case P_OPTIMIZER: return c->optimizer == NN_OPT_SGD;
    case P_INIT: return c->init == NN_INIT_UNIFORM || c->init == NN_INIT_ZEROS;
    case P_LOSS: return c->loss == NN_LOSS_SQUARE;
    case P_SPEED: return c->speed == 1;
    case P_MOMENTUM: case P_RHO: case P_BETA1: case P_BETA2: case P_EPSILON: case P_DROPOUT: {
      nn_config copy = *c;
      nn_config_default(&d);
      return *number_field(&copy, id) == *number_field(&d, id);
    }
    default: return false;
  }
}

/* A known lesson id (lessons.h); the lesson's own parameters were merged in by the parser. */
static void apply_lesson(nn_config *cfg, span raw, nn_notices *ns) {
  if (raw.n > NN_MAX_LESSON_ID_LEN || nn_lesson_find(raw.p, raw.n) < 0) {
    notice(ns, lit("lesson"), raw, "no such lesson; ignored");
    return;
  }
  memcpy(cfg->lesson, raw.p, raw.n);
  cfg->lesson[raw.n] = '\0';
}

static void apply_param(nn_config *cfg, param_id id, span raw, bool extra_eq, nn_notices *ns) {
  const char *name = PARAM_NAMES[id];
  if (id == P_NETWORK_SHAPE) { /* applied even when empty (TFP: name in map) */
    apply_network_shape(cfg, raw, ns);
  } else if (raw.p == NULL || js_trim(raw).n == 0) {
    /* TFP keeps the default silently (hasKey fails); we say so */
    char def[48];
    default_text(id, def, sizeof def);
    const char *what = raw.p == NULL ? "no value given" : "empty value";
    if (id == P_SEED)
      notice(ns, lit(name), raw, "%s; a random seed is drawn instead", what);
    else if (id == P_TUTORIAL)
      notice(ns, lit(name), raw, "%s; no tutorial", what);
    else if (id == P_LESSON)
      notice(ns, lit(name), raw, "%s; no lesson", what);
    else
      notice(ns, lit(name), raw, "%s; using %s", what, def);
    return;
  } else if (choice_field(cfg, id)) {
    apply_choice(cfg, id, raw, ns);
  } else if (bool_field(cfg, id)) {
    *bool_field(cfg, id) = !span_eq(raw, "false");
  } else if (id == P_SEED) {
    apply_seed(cfg, raw, ns);
  } else if (id == P_TUTORIAL) {
    apply_tutorial(cfg, raw, ns);
  } else if (id == P_LESSON) {
    apply_lesson(cfg, raw, ns);
  } else if (id == P_SPEED) {
    apply_speed(cfg, raw, ns);
  } else {
    apply_number(cfg, id, raw, ns);
  }
  if (extra_eq)
    notice(ns, lit(name), raw, "the value had a second '='; the text after it was ignored, as "
           "TFP does");
}

/* ---------------------------------------------------------------- tokenizing */

typedef struct {
  span name, value; /* value.p == NULL: no '=' */
  bool extra_eq;    /* a second '=' cut the value short */
} piece;

/* The piece starting at *pos (TFP: split on "&", then on "="); advances *pos past it. Returns
 * false when the hash is exhausted. */
static bool next_piece(const char *h, size_t n, size_t *pos, piece *out) {
  if (*pos > n) return false;
  size_t start = *pos, end = start;
  while (end < n && h[end] != '&') end++;
  *pos = end + 1;
  size_t eq = start;
  while (eq < end && h[eq] != '=') eq++;
  out->name = (span){h + start, eq - start};
  out->extra_eq = false;
  if (eq == end) {
    out->value = (span){NULL, 0};
  } else {
    size_t v = eq + 1, ve = v;
    while (ve < end && h[ve] != '=') ve++;
    out->value = (span){h + v, ve - v};
    out->extra_eq = ve < end;
  }
  return true;
}

static const char HIDE_SUFFIX[] = "_hide";
enum { HIDE_SUFFIX_LEN = sizeof HIDE_SUFFIX - 1 };

static bool is_hide_name(span name) {
  return name.n >= HIDE_SUFFIX_LEN &&
         memcmp(name.p + name.n - HIDE_SUFFIX_LEN, HIDE_SUFFIX, HIDE_SUFFIX_LEN) == 0;
}

void nn_state_parse(const char *hash, nn_config *cfg, nn_notices *notices) {
  nn_config_default(cfg);
  if (notices != NULL) memset(notices, 0, sizeof *notices);
  if (hash == NULL) return;
  size_t n = strlen(hash);

  /* Pass 1: the last occurrence of each known parameter wins. */
  bool present[P_COUNT] = {false};
  piece last[P_COUNT];
  size_t name_len[P_COUNT];
  for (int i = 0; i < P_COUNT; i++) name_len[i] = strlen(PARAM_NAMES[i]);
  piece pc;
  size_t pos = 0;
  while (next_piece(hash, n, &pos, &pc)) {
    if (pc.name.n > NN_MAX_PARAM_NAME_LEN) continue;
    for (int i = 0; i < P_COUNT; i++) {
      if (pc.name.n == name_len[i] && memcmp(pc.name.p, PARAM_NAMES[i], pc.name.n) == 0) {
        present[i] = true;
        last[i] = pc;
        break;
      }
    }
  }
  /* lesson=<id>: the lesson's parameters first; any the URL gives itself win. */
  int lesson = present[P_LESSON] && last[P_LESSON].value.p != NULL
                   ? nn_lesson_find(last[P_LESSON].value.p, last[P_LESSON].value.n)
                   : -1;
  if (lesson >= 0) {
    const char *lh = nn_lesson_hash(lesson);
    bool in_lesson[P_COUNT] = {false};
    piece from_lesson[P_COUNT];
    pos = 0;
    while (next_piece(lh, strlen(lh), &pos, &pc))
      for (int i = 0; i < P_COUNT; i++)
        if (pc.name.n == name_len[i] && memcmp(pc.name.p, PARAM_NAMES[i], pc.name.n) == 0) {
          in_lesson[i] = true;
          from_lesson[i] = pc;
          break;
        }
    for (int i = 0; i < P_COUNT; i++)
      if (in_lesson[i] && !present[i]) {
        present[i] = true;
        last[i] = from_lesson[i];
      }
  }
  for (int i = 0; i < P_COUNT; i++)
    if (present[i]) apply_param(cfg, (param_id)i, last[i].value, last[i].extra_eq, notices);
  if (cfg->model == NN_MODEL_PERCEPTRON && cfg->problem != NN_PROBLEM_CLASSIFICATION) {
    notice(notices, lit("model"), lit("perceptron"), "the perceptron is a classifier and this "
           "is a regression problem; using mlp");
    cfg->model = NN_MODEL_MLP;
  }
  /* init=zeros and TFP's initZero=true say the same; zeros wins a conflict, with a notice. */
  bool init_given = present[P_INIT] && last[P_INIT].value.p != NULL &&
                    (cfg->init != NN_INIT_UNIFORM || span_eq(last[P_INIT].value, "uniform"));
  if (cfg->init_zero && init_given && cfg->init != NN_INIT_ZEROS)
    notice(notices, lit("init"), last[P_INIT].value, "initZero=true asks for zero weights; "
           "using zeros");
  else if (!cfg->init_zero && cfg->init == NN_INIT_ZEROS && present[P_INIT_ZERO])
    notice(notices, lit("initZero"), last[P_INIT_ZERO].value, "init=zeros asks for zero "
           "weights; using true");
  if (cfg->init_zero || cfg->init == NN_INIT_ZEROS) {
    cfg->init_zero = true;
    cfg->init = NN_INIT_ZEROS;
  }
  if (cfg->loss == NN_LOSS_CROSS_ENTROPY && cfg->problem != NN_PROBLEM_CLASSIFICATION) {
    notice(notices, lit("loss"), lit("crossentropy"), "cross-entropy needs a classification "
           "problem and this is regression; using square");
    cfg->loss = NN_LOSS_SQUARE;
  }

  /* Pass 2: <name>_hide entries in first-seen order, last value wins; over-long names. */
  long long hide_ignored = 0;
  pos = 0;
  while (next_piece(hash, n, &pos, &pc)) {
    if (is_hide_name(pc.name)) {
      span base = {pc.name.p, pc.name.n - HIDE_SUFFIX_LEN};
      if (base.n > NN_MAX_HIDE_NAME) {
        notice(notices, pc.name, pc.value, "name longer than %d characters before _hide; "
               "ignored", NN_MAX_HIDE_NAME);
        continue;
      }
      bool hidden = span_eq(pc.value, "true");
      int k = 0;
      while (k < cfg->num_hide && !(strlen(cfg->hide[k].name) == base.n &&
                                    memcmp(cfg->hide[k].name, base.p, base.n) == 0))
        k++;
      if (k == cfg->num_hide) {
        if (cfg->num_hide == NN_MAX_HIDE) {
          hide_ignored++;
          continue;
        }
        memcpy(cfg->hide[k].name, base.p, base.n);
        cfg->hide[k].name[base.n] = '\0';
        cfg->num_hide++;
      }
      cfg->hide[k].hidden = hidden;
    } else if (pc.name.n > NN_MAX_PARAM_NAME_LEN) {
      notice(notices, pc.name, pc.value, "parameter name is %zu characters long; ignored",
             pc.name.n);
    }
  }
  if (hide_ignored > 0)
    notice(notices, lit("_hide"), (span){"", 0}, "more than %d different _hide parameters; "
           "ignored %lld of them", NN_MAX_HIDE, hide_ignored);
}

/* ---------------------------------------------------------------- serializing */

typedef struct {
  char *out;
  size_t cap, len;
} writer;

static void w_str(writer *w, const char *s) {
  size_t n = strlen(s);
  if (w->len < w->cap) {
    size_t room = w->cap - w->len; /* includes the NUL's slot */
    size_t k = n < room - 1 ? n : room - 1;
    memcpy(w->out + w->len, s, k);
    w->out[w->len + k] = '\0';
  }
  w->len += n;
}

static void w_param(writer *w, const char *name, const char *value) {
  if (w->len > 0) w_str(w, "&");
  w_str(w, name);
  w_str(w, "=");
  w_str(w, value);
}

/* Marks the parameters the lesson's hash sets (none when `lesson` is not a lesson id). */
static void lesson_params(const char *lesson, bool in_lesson[P_COUNT]) {
  int index = nn_lesson_find(lesson, strlen(lesson));
  if (index < 0) return;
  const char *lh = nn_lesson_hash(index);
  piece pc;
  size_t pos = 0;
  while (next_piece(lh, strlen(lh), &pos, &pc))
    for (int i = 0; i < P_COUNT; i++)
      if (span_eq(pc.name, PARAM_NAMES[i])) in_lesson[i] = true;
}

size_t nn_state_serialize(const nn_config *cfg, char *out, size_t cap) {
  writer w = {out, cap, 0};
  if (cap > 0) out[0] = '\0';
  nn_config copy = *cfg; /* the field accessors take a mutable config */
  /* A parameter the lesson sets is written even at its default: left out, parsing the hash
   * would take the lesson's value again (the round trip of "lesson=perceptron-xor&mode=complete"). */
  bool in_lesson[P_COUNT] = {false};
  lesson_params(cfg->lesson, in_lesson);
  for (int i = 0; i < P_COUNT; i++) {
    param_id id = (param_id)i;
    const char *name = PARAM_NAMES[i];
    char num[32];
    if (id == P_REGULARIZATION && cfg->regularization == NN_REG_NONE && !in_lesson[i]) continue;
    if (id == P_SEED && cfg->seed[0] == '\0') continue;
    if (id == P_TUTORIAL && cfg->tutorial[0] == '\0') continue;
    /* TFP links stay as they were */
    if (id == P_MODE && cfg->mode == NN_MODE_COMPLETE && !in_lesson[i]) continue;
    if (id == P_MODEL && cfg->model == NN_MODEL_MLP && !in_lesson[i]) continue;
    if (id == P_LESSON && cfg->lesson[0] == '\0') continue;
    if (id >= P_OPTIMIZER && ext_at_default(cfg, id) && !in_lesson[i]) continue;
    if (id == P_SPEED) {
      if (cfg->speed == NN_SPEED_MAX) w_param(&w, name, "max");
      else {
        nn_format_js_number(cfg->speed, num);
        w_param(&w, name, num);
      }
      continue;
    }
    if (choice_field(&copy, id)) {
      w_param(&w, name, choice_of(id).name(*choice_field(&copy, id)));
    } else if (number_field(&copy, id)) {
      nn_format_js_number(*number_field(&copy, id), num);
      w_param(&w, name, num);
    } else if (bool_field(&copy, id)) {
      w_param(&w, name, *bool_field(&copy, id) ? "true" : "false");
    } else if (id == P_BATCH_SIZE) {
      nn_format_js_number(cfg->batch_size, num);
      w_param(&w, name, num);
    } else if (id == P_NETWORK_SHAPE) {
      w_param(&w, name, "");
      for (int l = 0; l < cfg->num_hidden_layers; l++) {
        if (l) w_str(&w, ",");
        nn_format_js_number(cfg->network_shape[l], num);
        w_str(&w, num);
      }
    } else if (id == P_SEED) {
      w_param(&w, name, cfg->seed);
    } else if (id == P_TUTORIAL) {
      w_param(&w, name, cfg->tutorial);
    } else if (id == P_LESSON) {
      w_param(&w, name, cfg->lesson);
    }
  }
  for (int k = 0; k < cfg->num_hide; k++) {
    if (w.len > 0) w_str(&w, "&");
    w_str(&w, cfg->hide[k].name);
    w_str(&w, HIDE_SUFFIX);
    w_str(&w, cfg->hide[k].hidden ? "=true" : "=false");
  }
  return w.len;
}

/* ---------------------------------------------------------------- JSON */

/* strlen that stops at max (strnlen is POSIX, not C11). */
static size_t bounded_len(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n] != '\0') n++;
  return n;
}

static void w_bytes(writer *w, const char *s, size_t n) {
  if (w->len < w->cap) {
    size_t room = w->cap - w->len;
    size_t k = n < room - 1 ? n : room - 1;
    memcpy(w->out + w->len, s, k);
    w->out[w->len + k] = '\0';
  }
  w->len += n;
}

/* Length of the valid UTF-8 sequence at p (2..4) and its code point, or 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp) {
  unsigned char b = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) len = 2;
  else if (b >= 0xE0 && b <= 0xEF) len = 3;
  else if (b >= 0xF0 && b <= 0xF4) len = 4;
  else return 0;
  if (b == 0xE0) lo = 0xA0;
  if (b == 0xED) hi = 0x9F; /* no surrogates */
  if (b == 0xF0) lo = 0x90;
  if (b == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
  if (n < len || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  uint32_t c = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < len; i++) c = (c << 6) | (p[i] & 0x3F);
  *cp = c;
  return len;
}

static void w_json_string(writer *w, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  char esc[16];
  w_bytes(w, "\"", 1);
  size_t i = 0;
  while (i < n) {
    unsigned char b = p[i];
    if (b >= 0x80) {
      uint32_t cp;
      size_t len = utf8_seq(p + i, n - i, &cp);
      if (len == 0) {
        cp = 0xFFFD;
        len = 1;
      }
      if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000;
        snprintf(esc, sizeof esc, "\\u%04x\\u%04x", 0xD800u + (v >> 10), 0xDC00u + (v & 0x3FF));
      } else {
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
      }
      w_bytes(w, esc, strlen(esc));
      i += len;
      continue;
    }
    size_t run = i; /* copy plain characters in one go */
    while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\' &&
           p[run] != '<' && p[run] != '>' && p[run] != '&')
      run++;
    if (run > i) {
      w_bytes(w, s + i, run - i);
      i = run;
      continue;
    }
    switch (b) {
      case '"': w_bytes(w, "\\\"", 2); break;
      case '\\': w_bytes(w, "\\\\", 2); break;
      case '\n': w_bytes(w, "\\n", 2); break;
      case '\r': w_bytes(w, "\\r", 2); break;
      case '\t': w_bytes(w, "\\t", 2); break;
      case '\b': w_bytes(w, "\\b", 2); break;
      case '\f': w_bytes(w, "\\f", 2); break;
      default:
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)b);
        w_bytes(w, esc, strlen(esc));
    }
    i++;
  }
  w_bytes(w, "\"", 1);
}

size_t nn_json_string(const char *s, size_t len, char *out, size_t cap) {
  writer w = {out, cap, 0};
  if (cap > 0) out[0] = '\0';
  w_json_string(&w, s, len);
  return w.len;
}

static void w_key(writer *w, const char *key, bool first) {
  if (!first) w_str(w, ",");
  w_json_string(w, key, strlen(key));
  w_str(w, ":");
}

size_t nn_state_json(const nn_config *cfg, char *out, size_t cap) {
  writer w = {out, cap, 0};
  if (cap > 0) out[0] = '\0';
  nn_config copy = *cfg;
  char num[32];
  w_str(&w, "{");
  for (int i = 0; i < P_COUNT; i++) {
    param_id id = (param_id)i;
    /* the lecture's parameters only when set, so TFP links give the fixtures' object */
    if ((id == P_MODE && cfg->mode == NN_MODE_COMPLETE) ||
        (id == P_MODEL && cfg->model == NN_MODEL_MLP) || (id == P_LESSON && cfg->lesson[0] == '\0'))
      continue;
    if (id >= P_OPTIMIZER && ext_at_default(cfg, id)) continue; /* as in the hash */
    w_key(&w, PARAM_NAMES[i], i == 0);
    if (id == P_SPEED) {
      if (cfg->speed == NN_SPEED_MAX) w_str(&w, "\"max\"");
      else {
        nn_format_js_number(cfg->speed, num);
        w_str(&w, num);
      }
      continue;
    }
    if (choice_field(&copy, id)) {
      const char *v = choice_of(id).name(*choice_field(&copy, id));
      w_json_string(&w, v, strlen(v));
    } else if (number_field(&copy, id)) {
      nn_format_js_number(*number_field(&copy, id), num);
      if (isfinite(*number_field(&copy, id))) w_str(&w, num); /* always, once validated */
      else w_json_string(&w, num, strlen(num));
    } else if (bool_field(&copy, id)) {
      w_str(&w, *bool_field(&copy, id) ? "true" : "false");
    } else if (id == P_BATCH_SIZE) {
      nn_format_js_number(cfg->batch_size, num);
      w_str(&w, num);
    } else if (id == P_NETWORK_SHAPE) {
      w_str(&w, "[");
      for (int l = 0; l < cfg->num_hidden_layers; l++) {
        nn_format_js_number(cfg->network_shape[l], num);
        if (l) w_str(&w, ",");
        w_str(&w, num);
      }
      w_str(&w, "]");
    } else if (id == P_SEED) {
      w_json_string(&w, cfg->seed, bounded_len(cfg->seed, sizeof cfg->seed));
    } else if (id == P_TUTORIAL) {
      if (cfg->tutorial[0] == '\0') w_str(&w, "null");
      else w_json_string(&w, cfg->tutorial, bounded_len(cfg->tutorial, sizeof cfg->tutorial));
    } else if (id == P_LESSON) {
      w_json_string(&w, cfg->lesson, bounded_len(cfg->lesson, sizeof cfg->lesson));
    }
  }
  w_key(&w, "hide", false);
  w_str(&w, "{");
  for (int k = 0; k < cfg->num_hide && k < NN_MAX_HIDE; k++) {
    char key[NN_MAX_HIDE_NAME + HIDE_SUFFIX_LEN + 1];
    size_t n = bounded_len(cfg->hide[k].name, NN_MAX_HIDE_NAME);
    memcpy(key, cfg->hide[k].name, n);
    memcpy(key + n, HIDE_SUFFIX, HIDE_SUFFIX_LEN + 1);
    w_key(&w, key, k == 0);
    w_str(&w, cfg->hide[k].hidden ? "true" : "false");
  }
  w_str(&w, "}}");
  return w.len;
}

size_t nn_notices_json(const nn_notices *ns, char *out, size_t cap) {
  writer w = {out, cap, 0};
  if (cap > 0) out[0] = '\0';
  w_str(&w, "[");
  int count = ns == NULL ? 0 : ns->count;
  for (int i = 0; i < count && i < NN_MAX_NOTICES; i++) {
    const nn_notice *it = &ns->items[i];
    w_str(&w, i ? ",{" : "{");
    w_key(&w, "param", true);
    w_json_string(&w, it->param, bounded_len(it->param, sizeof it->param));
    w_key(&w, "value", false);
    w_json_string(&w, it->value, bounded_len(it->value, sizeof it->value));
    w_key(&w, "reason", false);
    w_json_string(&w, it->reason, bounded_len(it->reason, sizeof it->reason));
    w_str(&w, "}");
  }
  w_str(&w, "]");
  return w.len;
}
