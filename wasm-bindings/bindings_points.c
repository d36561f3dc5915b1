/* bindings_points.c — the points module (in the lab engine, wasm-bindings/points.js): a file's
 * text or a script's numbers read (core/points_file.h), a link's data= text decoded, their link
 * text (core/points_codec.h). Thin wrappers; the rules are core's. */
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "points_codec.h"
#include "points_file.h"

/* A heap nn_points_file: text[0..len) read as a file (from_values == 0), or len/3 points given
 * as doubles at text. NULL when out of memory. */
nn_points_file *nnw_points_read(const char *text, int len, int from_values) {
  nn_points_file *f = malloc(sizeof *f);
  if (!f) return NULL;
  nn_status s = from_values ? nn_points_from_values((const double *)text, len / 3, f)
                            : nn_points_file_parse(text, (size_t)len, f);
  if (s != NN_OK) {
    free(f);
    return NULL;
  }
  return f;
}

/* The points of link text[0..len): as a read file, or NULL with the reason in *why (static). */
nn_points_file *nnw_points_decode(const char *text, int len, const char **why) {
  static char reason[160];
  nn_labels labels;
  *why = reason;
  int n = nn_points_decode(text, (size_t)len, NULL, &labels, reason, sizeof reason);
  if (n < 0) return NULL;
  nn_points_file *f = calloc(1, sizeof *f);
  if (f) f->points = malloc(((size_t)n + 1) * sizeof *f->points);
  if (!f || !f->points) {
    free(f);
    strcpy(reason, "out of memory");
    return NULL;
  }
  f->count = nn_points_decode(text, (size_t)len, f->points, &f->labels, NULL, 0);
  f->rows = n;
  return f;
}

void nnw_points_free(nn_points_file *f) {
  if (f) nn_points_file_free(f);
  free(f);
}

int nnw_points_count(const nn_points_file *f) { return f->count; }
const double *nnw_points_values(const nn_points_file *f) { return (const double *)f->points; }
int nnw_points_kind(const nn_points_file *f) { return (int)f->labels.kind; }
int nnw_points_classes(const nn_points_file *f) { return f->labels.classes; }
double nnw_points_rows(const nn_points_file *f) { return (double)f->rows; }
double nnw_points_dropped(const nn_points_file *f) { return (double)f->dropped; }
double nnw_points_first_bad(const nn_points_file *f) { return (double)f->first_bad; }
const char *nnw_points_why(const nn_points_file *f) { return f->why; }

/* The link text of the points (snprintf-like). */
int nnw_points_encode(const nn_points_file *f, char *out, int cap) {
  return (int)nn_points_encode(f->labels, f->points, f->count, out, (size_t)cap);
}
