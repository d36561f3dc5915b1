/* points_codec.c — the exact grid of own points and their base64url text (points_codec.h). */
#include "points_codec.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

static int sextet(char c) {
  const char *at = c ? strchr(ALPHABET, c) : NULL;
  return at ? (int)(at - ALPHABET) : -1;
}

static int refuse(char *why, size_t cap, const char *reason, long long at) {
  if (why && cap > 0) {
    if (at >= 0) snprintf(why, cap, "%s (character %lld)", reason, at);
    else snprintf(why, cap, "%s", reason);
  }
  return -1;
}

int nn_points_decode(const char *text, size_t len, nn_point *out, nn_labels *labels, char *why,
                     size_t why_cap) {
  if (len == 0) return refuse(why, why_cap, "empty", -1);
  nn_labels kind;
  char k = text[0];
  if (k == 'b') kind = (nn_labels){NN_LABELS_BINARY, 2};
  else if (k == 'r') kind = (nn_labels){NN_LABELS_VALUES, 0};
  else if (k >= '3' && k <= '6') kind = (nn_labels){NN_LABELS_CLASSES, k - '0'};
  else return refuse(why, why_cap, "does not start with b, r or a number of classes 3-6", -1);
  int per_point = 2 * COORD_BITS + label_bits(kind);
  size_t chars = len - 1;
  long long n = (long long)(chars * 6 / (size_t)per_point);
  if (n > NN_MAX_DATA_POINTS) return refuse(why, why_cap, "more than 10000 points", -1);
  if (nn_points_encoded_len(kind, (int)n) != len)
    return refuse(why, why_cap, "cut short or too long (the length fits no number of points)", -1);
  uint32_t acc = 0;
  int have = 0;
  size_t pos = 1;
  for (long long i = 0; i < n; i++) {
    uint32_t codes[3];
    int widths[3] = {COORD_BITS, COORD_BITS, label_bits(kind)};
    for (int f = 0; f < 3; f++) {
      while (have < widths[f]) {
        int s = sextet(text[pos]);
        if (s < 0)
          return refuse(why, why_cap, "a character that is not base64url", (long long)pos);
        acc = (acc << 6) | (uint32_t)s;
        have += 6;
        pos++;
      }
      have -= widths[f];
      codes[f] = (acc >> have) & ((1u << widths[f]) - 1);
      acc &= (1u << have) - 1;
    }
    if (codes[0] >= COORD_CODES || codes[1] >= COORD_CODES)
      return refuse(why, why_cap, "a point outside -6..6", (long long)pos - 1);
    if ((kind.kind == NN_LABELS_CLASSES && codes[2] >= (uint32_t)kind.classes) ||
        (kind.kind == NN_LABELS_VALUES && codes[2] >= VALUE_CODES))
      return refuse(why, why_cap, "a label out of range", (long long)pos - 1);
    if (out) {
      out[i].x = ((double)codes[0] - 6 * NN_DATA_COORD_STEPS) / NN_DATA_COORD_STEPS;
      out[i].y = ((double)codes[1] - 6 * NN_DATA_COORD_STEPS) / NN_DATA_COORD_STEPS;
      out[i].label = kind.kind == NN_LABELS_BINARY ? (codes[2] ? 1 : -1)
                     : kind.kind == NN_LABELS_CLASSES
                         ? (double)codes[2]
                         : ((double)codes[2] - NN_DATA_VALUE_STEPS) / NN_DATA_VALUE_STEPS;
    }
  }
  for (; pos < len; pos++) { /* the padding: one character at most, its unused bits zero */
    int s = sextet(text[pos]);
    if (s < 0) return refuse(why, why_cap, "a character that is not base64url", (long long)pos);
    acc = (acc << 6) | (uint32_t)s;
    have += 6;
  }
  if (acc != 0) return refuse(why, why_cap, "padding bits that are not zero", (long long)len - 1);
  if (labels) *labels = kind;
  return (int)n;
}

void nn_config_set_points(nn_config *cfg, nn_labels labels, const nn_point *pts, int n) {
  nn_points_encode(labels, pts, n, cfg->data, sizeof cfg->data);
  cfg->problem = labels.kind == NN_LABELS_VALUES ? NN_PROBLEM_REGRESSION
                                                 : NN_PROBLEM_CLASSIFICATION;
}
