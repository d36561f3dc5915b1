/* points_file.h — points from a file (CSV or JSON) and points to CSV.
 *
 * CSV: one point a line, `x,y,label`; lines end in \n, \r\n or \r; the separator is the first
 * of ',', ';' or tab found on the first line (with ';' or tab a decimal comma is read as a
 * point); a first line whose first field is not a number is a header (a header whose fourth
 * column is `set` allows a fourth column, ignored: the export's train/test column); blank lines
 * are skipped. JSON: `[[x, y, label], ...]`. Numbers are read as JavaScript's Number() reads
 * them (js_number.h), and must be finite; x and y within [-6, 6].
 *
 * A row that cannot be a point (text where a number belongs, missing or extra columns, NaN, a
 * point outside the plane, a label that does not fit the others) is dropped and counted; the
 * first one is named (its line, or its item for JSON, and why). The points kept are at most
 * NN_MAX_DATA_POINTS, in file order; rows beyond are dropped too. The labels' kind is then
 * decided from the rows kept (nn_labels_detect, on labels read on the 1/1024 grid) and every
 * point quantised (points_codec.h), so
 * what is imported is exactly what a link carries. A file that is not text (a NUL byte, or
 * bytes that are not UTF-8) imports nothing. Parsing is linear in the file's length, and never
 * reads past `len`.
 */
#ifndef NN_POINTS_FILE_H
#define NN_POINTS_FILE_H

#include <stddef.h>

#include "experiment.h"
#include "points_codec.h"

typedef struct {
  nn_point *points; /* count points (malloc'ed; NULL when count is 0) */
  int count;
  nn_labels labels;
  int rows;           /* rows read (header and blank lines not counted; files of lines < 2^31) */
  int dropped;  /* rows not imported */
  int first_bad; /* the first dropped row's line (CSV) or item (JSON), 1-based; 0: none */
  char why[160];      /* why that row was dropped, or why nothing could be read */
} nn_points_file;

/* Parses len bytes (need not be NUL-terminated). NN_ERR_NOMEM when memory runs out (nothing
 * kept); otherwise NN_OK, with out->count possibly 0 (then out->why says why). Free with
 * nn_points_file_free. */
nn_status nn_points_file_parse(const char *text, size_t len, nn_points_file *out);
void nn_points_file_free(nn_points_file *f);

/* The same checks on n points given as numbers (x, y, label, ...: a script's points), each
 * named "point i" (1-based); non-finite values are dropped rows. */
nn_status nn_points_from_values(const double *xyl, int n, nn_points_file *out);

/* The file in one English sentence for a notice: "1,200 rows; 3 dropped (line 7: not a
 * number)". snprintf-like. */
size_t nn_points_file_summary(const nn_points_file *f, char *out, size_t cap);

/* CSV of points: the header `x,y,label` (`x,y,label,set` when num_test >= 0, each row then
 * ending in train or test: train[0..num_train) then test[0..num_test)), numbers in JavaScript's
 * shortest form. snprintf-like. */
size_t nn_points_csv_write(const nn_point *train, int num_train, const nn_point *test,
                           int num_test, char *out, size_t cap);

#endif
