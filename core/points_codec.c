/* points_codec.c — the exact grid of own points and their base64url text (points_codec.h). */
#include "points_codec.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "notices.h"

enum {
  COORD_BITS = 12,
  COORD_CODES = 12 * NN_DATA_COORD_STEPS + 1,
  VALUE_CODES = 2 * NN_DATA_VALUE_STEPS + 1,
};

static const char ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Ties away from zero, and never -0 (the decoded grid has none). */
static double nearest(double v, double steps) {
  double q = floor(fabs(v) * steps + 0.5) / steps;
  return (v < 0 ? -q : q) + 0.0;
}

double nn_quantize_coord(double v) { return nearest(v, NN_DATA_COORD_STEPS); }
double nn_quantize_value(double v) { return nearest(v, NN_DATA_VALUE_STEPS); }

bool nn_point_in_plane(double x, double y) {
  return isfinite(x) && isfinite(y) && fabs(x) <= 6 && fabs(y) <= 6;
}

nn_labels nn_labels_detect(const nn_point *pts, int n) {
  bool pm_one = true, zero_one = true, whole = true;
  double max = 0;
  for (int i = 0; i < n; i++) {
    double l = pts[i].label;
    pm_one = pm_one && (l == 1 || l == -1);
    zero_one = zero_one && (l == 0 || l == 1);
    whole = whole && l >= 0 && l <= 5 && l == floor(l);
    if (l > max) max = l;
  }
  if (pm_one || zero_one) return (nn_labels){NN_LABELS_BINARY, 2};
  if (whole && max >= 2) return (nn_labels){NN_LABELS_CLASSES, (int)max + 1};
  return (nn_labels){NN_LABELS_VALUES, 0};
}

bool nn_label_normalize(nn_labels labels, double in, double *out) {
  switch (labels.kind) {
    case NN_LABELS_BINARY:
      if (in != 1 && in != -1 && in != 0) return false;
      *out = in == 1 ? 1 : -1;
      return true;
    case NN_LABELS_CLASSES:
      if (!(in >= 0 && in < labels.classes && in == floor(in))) return false;
      *out = in;
      return true;
    case NN_LABELS_VALUES:
      if (!(in >= -1 && in <= 1)) return false;
      *out = nn_quantize_value(in);
      return true;
  }
  return false;
}

static int label_bits(nn_labels labels) {
  return labels.kind == NN_LABELS_BINARY ? 1 : labels.kind == NN_LABELS_CLASSES ? 3 : 12;
}

size_t nn_points_encoded_len(nn_labels labels, int n) {
  size_t bits = (size_t)n * (2 * COORD_BITS + label_bits(labels));
  return 1 + (bits + 5) / 6;
}

static char kind_char(nn_labels labels) {
  if (labels.kind == NN_LABELS_BINARY) return 'b';
  if (labels.kind == NN_LABELS_CLASSES) return (char)('0' + labels.classes);
  return 'r';
}

/* Bits into characters, most significant first. */
typedef struct {
  char *out;
  size_t cap, len;
  uint32_t acc;
  int have;
} bit_writer;

static void put_char(bit_writer *w, char c) {
  if (w->len + 1 < w->cap) w->out[w->len] = c;
  w->len++;
}

static void put_bits(bit_writer *w, uint32_t v, int bits) {
  for (int b = bits - 1; b >= 0; b--) {
    w->acc = (w->acc << 1) | ((v >> b) & 1u);
    if (++w->have == 6) {
      put_char(w, ALPHABET[w->acc]);
      w->acc = 0;
      w->have = 0;
    }
  }
}

static uint32_t coord_code(double v) {
  return (uint32_t)(int)(v * NN_DATA_COORD_STEPS + 6 * NN_DATA_COORD_STEPS);
}

size_t nn_points_encode(nn_labels labels, const nn_point *pts, int n, char *out, size_t cap) {
  bit_writer w = {out, cap, 0, 0, 0};
  put_char(&w, kind_char(labels));
  int lb = label_bits(labels);
  for (int i = 0; i < n; i++) {
    put_bits(&w, coord_code(pts[i].x), COORD_BITS);
    put_bits(&w, coord_code(pts[i].y), COORD_BITS);
    double l = pts[i].label;
    uint32_t code = labels.kind == NN_LABELS_BINARY    ? (l > 0)
                    : labels.kind == NN_LABELS_CLASSES ? (uint32_t)(int)l
                        : (uint32_t)(int)(l * NN_DATA_VALUE_STEPS + NN_DATA_VALUE_STEPS);
    put_bits(&w, code, lb);
  }
  if (w.have > 0) put_bits(&w, 0, 6 - w.have);
  if (cap > 0) out[w.len < cap ? w.len : cap - 1] = '\0';
  return w.len;
}

/* The 6 bits of a base64url character, or -1. */
static int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '-' ? 62 : c == '_' ? 63 : -1;
}

/* `width` bits from bit `at` of the payload (text after the kind), whose characters are known
 * to be base64url. Bit by bit: the engine decodes a link once, and this stays small. */
static uint32_t bits_at(const char *payload, size_t at, int width) {
  uint32_t v = 0;
  for (int b = 0; b < width; b++, at++)
    v = v << 1 | (uint32_t)((sextet(payload[at / 6]) >> (5 - at % 6)) & 1);
  return v;
}

int nn_points_decode(const char *text, size_t len, nn_point *out, nn_labels *labels, char *why,
                     size_t why_cap) {
  const char *reason = NULL;
  char k = len ? text[0] : 0;
  nn_labels kind = {NN_LABELS_CLASSES, k - '0'};
  if (k == 'b') kind = (nn_labels){NN_LABELS_BINARY, 2};
  else if (k == 'r') kind = (nn_labels){NN_LABELS_VALUES, 0};
  else if (k < '3' || k > '6') reason = "not b, r or 3-6 classes first";
  int lb = label_bits(kind), per_point = 2 * COORD_BITS + lb;
  int n = len > NN_MAX_DATA_LEN ? -1 : (int)(len - 1) * 6 / per_point;
  if (!reason && (n < 0 || nn_points_encoded_len(kind, n) != len))
    reason = "a length that fits no number of points";
  for (size_t i = 1; !reason && i < len; i++)
    if (sextet(text[i]) < 0) reason = "a character that is not base64url";
  size_t bits = (len - 1) * 6, used = (size_t)n * (size_t)per_point;
  if (!reason && bits_at(text + 1, used, (int)(bits - used)) != 0) reason = "damaged padding";
  uint32_t label_codes = kind.kind == NN_LABELS_VALUES ? VALUE_CODES : (uint32_t)kind.classes;
  for (int i = 0; !reason && i < n; i++) {
    size_t at = (size_t)i * (size_t)per_point;
    uint32_t cx = bits_at(text + 1, at, COORD_BITS), cy = bits_at(text + 1, at + COORD_BITS,
                                                                  COORD_BITS);
    uint32_t cl = bits_at(text + 1, at + 2 * COORD_BITS, lb);
    if (cx >= COORD_CODES || cy >= COORD_CODES || cl >= label_codes) {
      reason = "a point or label out of range";
    } else if (out) {
      double label = kind.kind == NN_LABELS_CLASSES ? (double)cl
                     : kind.kind == NN_LABELS_BINARY
                         ? (cl ? 1 : -1)
                         : ((double)cl - NN_DATA_VALUE_STEPS) / NN_DATA_VALUE_STEPS;
      out[i] = (nn_point){((double)cx - 6 * NN_DATA_COORD_STEPS) / NN_DATA_COORD_STEPS,
                          ((double)cy - 6 * NN_DATA_COORD_STEPS) / NN_DATA_COORD_STEPS, label};
    }
  }
  if (reason) {
    if (why && why_cap > 0) snprintf(why, why_cap, "%s", reason);
    return -1;
  }
  if (labels) *labels = kind;
  return n;
}

void nn_points_reconcile(nn_config *cfg, nn_notices *notices) {
  if (!cfg->data[0]) return;
  int k = cfg->data[0] >= '3' && cfg->data[0] <= '6' ? cfg->data[0] - '0' : 2;
  if (cfg->classes == k) return;
  char value[16];
  snprintf(value, sizeof value, "%d", cfg->classes);
  bool said = cfg->classes != 2; /* 2 is also the default: a link without classes= */
  cfg->classes = k;
  if (!said) return;
  nn_notice_add(notices, "classes", 7, value, strlen(value), "the own points (data=) have %d "
                "classes; using %d", k, k);
}

void nn_config_set_points(nn_config *cfg, nn_labels labels, const nn_point *pts, int n) {
  nn_points_encode(labels, pts, n, cfg->data, sizeof cfg->data);
  cfg->problem = labels.kind == NN_LABELS_VALUES ? NN_PROBLEM_REGRESSION
                                                 : NN_PROBLEM_CLASSIFICATION;
  cfg->classes = labels.kind == NN_LABELS_CLASSES ? labels.classes : 2;
}
