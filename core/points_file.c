/* points_file.c — CSV and JSON points in, CSV out (points_file.h). */
#include "points_file.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js_number.h"
#include "json_writer.h"

enum { MAX_FIELD = 64 }; /* longer fields are not numbers we read */

typedef struct {
  nn_points_file *f;
  int *lines; /* the line (or item) of each point kept so far */
  const char *unit; /* "line" (CSV) or "item" (JSON) */
} reader;

static void drop(nn_points_file *f, int line, const char *why) {
  f->dropped++;
  if (f->first_bad == 0 || line < f->first_bad) {
    f->first_bad = line;
    snprintf(f->why, sizeof f->why, "%s", why);
  }
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A field as a finite number, or false with *why set. */
static bool read_number(const char *s, size_t n, bool decimal_comma, double *out,
                        const char **why) {
  while (n > 0 && is_blank(*s)) s++, n--;
  while (n > 0 && is_blank(s[n - 1])) n--;
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"') s++, n -= 2; /* a quoted number */
  if (n == 0) return *why = "an empty field", false;
  if (n > MAX_FIELD) return *why = "text where a number belongs", false;
  char buf[MAX_FIELD + 1];
  memcpy(buf, s, n);
  for (size_t i = 0; decimal_comma && i < n; i++)
    if (buf[i] == ',') buf[i] = '.';
  /* Number() also reads hex and binary; a file's numbers are decimal */
  for (size_t i = 0; i < n; i++)
    if (buf[i] == 'x' || buf[i] == 'X' || buf[i] == 'o' || buf[i] == 'O' ||
        ((buf[i] == 'b' || buf[i] == 'B') && i > 0 && buf[i - 1] == '0'))
      return *why = "text where a number belongs", false;
  double v = nn_js_string_to_number(buf, n);
  if (v != v) {
    bool nan = n == 3 && (buf[0] == 'N' || buf[0] == 'n');
    return *why = nan ? "NaN where a number belongs" : "text where a number belongs", false;
  }
  if (v - v != 0) return *why = "an infinite number", false;
  *out = v;
  return true;
}

/* One row of fields (x, y, label[, ignored]) into the points kept, or dropped. */
static void take_row(reader *r, int line, const char *const *field, const size_t *len,
                     int fields, int wanted, bool decimal_comma) {
  nn_points_file *f = r->f;
  f->rows++;
  char why[96];
  if (fields != wanted) {
    snprintf(why, sizeof why, "%s %d: %d column%s, expected %d (x, y, label)", r->unit, line,
             fields, fields == 1 ? "" : "s", wanted);
    drop(f, line, why);
    return;
  }
  double v[3];
  const char *bad = NULL;
  for (int k = 0; k < 3; k++) {
    if (!read_number(field[k], len[k], decimal_comma, &v[k], &bad)) {
      snprintf(why, sizeof why, "%s %d, column %d: %s", r->unit, line, k + 1, bad);
      drop(f, line, why);
      return;
    }
  }
  if (!nn_point_in_plane(v[0], v[1])) {
    snprintf(why, sizeof why, "%s %d: the point is outside the plane's -6..6", r->unit, line);
    drop(f, line, why);
    return;
  }
  if (f->count >= NN_MAX_DATA_POINTS) {
    snprintf(why, sizeof why, "%s %d: beyond %d points", r->unit, line, NN_MAX_DATA_POINTS);
    drop(f, line, why);
    return;
  }
  /* labels are read on the value grid, so a file read back from its export keeps its kind */
  f->points[f->count] = (nn_point){v[0], v[1], nn_quantize_value(v[2])};
  r->lines[f->count++] = line;
}

/* The first of ',', ';', tab on the line, else ','. */
static char separator_of(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] == ',' || s[i] == ';' || s[i] == '\t') return s[i];
  return ',';
}

static bool field_is(const char *s, size_t n, const char *word) {
  while (n > 0 && is_blank(*s)) s++, n--;
  while (n > 0 && is_blank(s[n - 1])) n--;
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"') s++, n -= 2;
  return n == strlen(word) && memcmp(s, word, n) == 0;
}

static void parse_csv(reader *r, const char *text, size_t len) {
  char sep = 0;
  int wanted = 3;
  int line = 0;
  bool first = true;
  size_t pos = 0;
  while (pos < len) {
    size_t end = pos;
    while (end < len && text[end] != '\n' && text[end] != '\r') end++;
    line++;
    const char *s = text + pos;
    size_t n = end - pos;
    pos = end + (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n') + 1;
    size_t k = 0;
    while (k < n && is_blank(s[k])) k++;
    if (k == n) continue;
    if (!sep) sep = separator_of(s, n);
    const char *field[5];
    size_t flen[5];
    int fields = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
      if (i < n && s[i] != sep) continue;
      if (fields < 5) {
        field[fields] = s + start;
        flen[fields] = i - start;
      }
      fields++;
      start = i + 1;
    }
    if (first) {
      first = false;
      double v;
      const char *why;
      if (!read_number(field[0], flen[0], sep != ',', &v, &why)) { /* a header */
        if (fields == 4 && field_is(field[3], flen[3], "set")) wanted = 4;
        continue;
      }
    }
    take_row(r, line, field, flen, fields, wanted, sep != ',');
  }
}

/* `[[x, y, label], ...]`: each inner array is a row, numbered from 1. */
static void parse_json(reader *r, const char *text, size_t len) {
  nn_points_file *f = r->f;
  size_t pos = 0;
  while (pos < len && is_blank(text[pos])) pos++;
  pos++; /* the outer '[' */
  for (int item = 1;; item++) {
    while (pos < len && (is_blank(text[pos]) || text[pos] == ',')) pos++;
    if (pos >= len || text[pos] == ']') return;
    if (text[pos] != '[') {
      char why[96];
      snprintf(why, sizeof why, "item %d: not an array [x, y, label]; the rest was not read",
               item);
      f->rows++;
      drop(f, item, why);
      return;
    }
    size_t start = ++pos;
    while (pos < len && text[pos] != ']' && text[pos] != '[') pos++;
    const char *field[5];
    size_t flen[5];
    int fields = 0;
    size_t from = start;
    bool nested = pos < len && text[pos] == '[';
    for (size_t i = start; i <= pos && i <= len; i++) {
      if (i < pos && text[i] != ',') continue;
      if (fields < 5) {
        field[fields] = text + from;
        flen[fields] = i - from;
      }
      fields++;
      from = i + 1;
    }
    if (nested) {
      while (pos < len && text[pos] != ']') pos++;
      while (pos < len && text[pos] == ']') pos++;
      fields = 5; /* reported as extra columns */
    } else {
      pos++;
    }
    take_row(r, item, field, flen, fields, 3, false);
  }
}

/* UTF-8 without NUL bytes. */
static bool is_text(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    unsigned c = s[i];
    int more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
             : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (c == 0 || more < 0 || (more == 1 && c < 0xC2) || i + (size_t)more >= len + (more == 0))
      return false;
    for (int k = 1; k <= more; k++)
      if ((s[i + (size_t)k] & 0xC0) != 0x80) return false;
    i += (size_t)more + 1;
  }
  return true;
}

/* Room for the points kept and their lines; false (nothing kept) when out of memory. */
static bool start(nn_points_file *out, reader *r, const char *unit) {
  memset(out, 0, sizeof *out);
  out->labels = (nn_labels){NN_LABELS_BINARY, 2};
  out->points = malloc(NN_MAX_DATA_POINTS * sizeof *out->points);
  *r = (reader){out, malloc(NN_MAX_DATA_POINTS * sizeof *r->lines), unit};
  if (out->points && r->lines) return true;
  free(r->lines);
  nn_points_file_free(out);
  return false;
}

/* The labels' kind from the rows kept; a label that does not fit it drops its row; the points
 * onto the grid. */
static void finish(nn_points_file *out, reader *r) {
  out->labels = nn_labels_detect(out->points, out->count);
  int kept = 0;
  for (int i = 0; i < out->count; i++) {
    double label;
    if (nn_label_normalize(out->labels, out->points[i].label, &label)) kept++;
  }
  /* after drops, the kind of the labels kept (so that a file read back from its export keeps
   * its kind: {0, 51} keeps 0, a binary label) */
  nn_point *fit = kept < out->count ? malloc(((size_t)kept + 1) * sizeof *fit) : NULL;
  if (fit) {
    int k = 0;
    for (int i = 0; i < out->count; i++) {
      double label;
      if (nn_label_normalize(out->labels, out->points[i].label, &label)) fit[k++] = out->points[i];
    }
    out->labels = nn_labels_detect(fit, k);
    free(fit);
  }
  kept = 0;
  for (int i = 0; i < out->count; i++) {
    nn_point p = out->points[i];
    double label;
    if (!nn_label_normalize(out->labels, p.label, &label)) {
      char why[96];
      snprintf(why, sizeof why, "%s %d: a label outside -1..1 (regression values)", r->unit,
               r->lines[i]);
      drop(out, r->lines[i], why);
      continue;
    }
    out->points[kept++] = (nn_point){nn_quantize_coord(p.x), nn_quantize_coord(p.y), label};
  }
  out->count = kept;
  free(r->lines);
  if (kept == 0) {
    free(out->points);
    out->points = NULL;
    if (out->first_bad == 0) snprintf(out->why, sizeof out->why, "no points in the file");
  }
}

nn_status nn_points_file_parse(const char *text, size_t len, nn_points_file *out) {
  if (!is_text(text, len)) {
    memset(out, 0, sizeof *out);
    out->labels = (nn_labels){NN_LABELS_BINARY, 2};
    snprintf(out->why, sizeof out->why, "not a text file; nothing was imported");
    return NN_OK;
  }
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, len -= 3; /* a BOM */
  reader r;
  size_t k = 0;
  while (k < len && is_blank(text[k])) k++;
  bool json = k < len && text[k] == '[';
  if (!start(out, &r, json ? "item" : "line")) return NN_ERR_NOMEM;
  if (json) parse_json(&r, text, len);
  else parse_csv(&r, text, len);
  finish(out, &r);
  return NN_OK;
}

nn_status nn_points_from_values(const double *xyl, int n, nn_points_file *out) {
  reader r;
  if (!start(out, &r, "point")) return NN_ERR_NOMEM;
  for (int i = 0; i < n; i++) {
    const double *v = xyl + 3 * (size_t)i;
    char why[96];
    out->rows++;
    if (!nn_point_in_plane(v[0], v[1]) || v[2] != v[2] || v[2] - v[2] != 0) {
      snprintf(why, sizeof why, "point %d: %s", i + 1,
               nn_point_in_plane(v[0], v[1]) ? "the label is not a finite number"
                                             : "not a point of the plane's -6..6");
      drop(out, i + 1, why);
    } else if (out->count >= NN_MAX_DATA_POINTS) {
      snprintf(why, sizeof why, "point %d: beyond %d points", i + 1, NN_MAX_DATA_POINTS);
      drop(out, i + 1, why);
    } else {
      out->points[out->count] = (nn_point){v[0], v[1], nn_quantize_value(v[2])};
      r.lines[out->count++] = i + 1;
    }
  }
  finish(out, &r);
  return NN_OK;
}

void nn_points_file_free(nn_points_file *f) {
  free(f->points);
  f->points = NULL;
  f->count = 0;
}

size_t nn_points_file_summary(const nn_points_file *f, char *out, size_t cap) {
  if (f->count == 0) return (size_t)snprintf(out, cap, "%s", f->why);
  if (f->dropped == 0)
    return (size_t)snprintf(out, cap, "%d points imported", f->count);
  return (size_t)snprintf(out, cap, "%d points imported, %d rows dropped (first: %s)",
                          f->count, f->dropped, f->why);
}

static void write_rows(nn_writer *w, const nn_point *pts, int n, const char *set) {
  char num[32];
  for (int i = 0; i < n; i++) {
    double v[3] = {pts[i].x, pts[i].y, pts[i].label};
    for (int k = 0; k < 3; k++) {
      nn_format_js_number(v[k], num);
      nn_write(w, num);
      nn_write(w, k < 2 ? "," : "");
    }
    if (set) {
      nn_write(w, ",");
      nn_write(w, set);
    }
    nn_write(w, "\n");
  }
}

size_t nn_points_csv_write(const nn_point *train, int num_train, const nn_point *test,
                           int num_test, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  bool sets = num_test >= 0;
  nn_write(&w, sets ? "x,y,label,set\n" : "x,y,label\n");
  write_rows(&w, train, num_train, sets ? "train" : NULL);
  if (sets) write_rows(&w, test, num_test, "test");
  return w.len;
}
