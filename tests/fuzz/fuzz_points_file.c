/* fuzz_points_file.c — the points file parser (points_file.h) and the data= text
 * (points_codec.h) on arbitrary bytes.
 *
 * The input is a file's bytes (CSV, JSON or anything). Invariants checked:
 *   - the report adds up: every row read is kept or dropped, a drop names its row and says
 *     why, at most NN_MAX_DATA_POINTS points, none when nothing could be read;
 *   - every point kept is on the grid within the plane, with a label its kind allows;
 *   - the points' link text decodes to the same points bit for bit, and is what a link's
 *     data= accepts (nn_state_parse, no notice), giving the same text again;
 *   - the CSV writer's output reads back as the same points, with nothing dropped.
 * The input also goes through the data= decoder as link text (it must refuse or give points
 * that encode back to the same bytes). Seeds: a few files of each shape (tests/core's cases).
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz_support.h"
#include "points_codec.h"
#include "points_file.h"
#include "state.h"

static void check_points(const nn_point *pts, int n, nn_labels labels) {
  for (int i = 0; i < n; i++) {
    NN_FUZZ_CHECK(nn_point_in_plane(pts[i].x, pts[i].y));
    NN_FUZZ_CHECK(nn_quantize_coord(pts[i].x) == pts[i].x && (pts[i].x != 0 || !signbit(pts[i].x)));
    NN_FUZZ_CHECK(nn_quantize_coord(pts[i].y) == pts[i].y && (pts[i].y != 0 || !signbit(pts[i].y)));
    double l;
    NN_FUZZ_CHECK(nn_label_normalize(labels, pts[i].label, &l) && l == pts[i].label);
  }
}

/* The link text of the points gives them back, and a link takes it. */
static void check_link_text(const nn_points_file *f) {
  size_t len = nn_points_encode(f->labels, f->points, f->count, NULL, 0);
  NN_FUZZ_CHECK(len == nn_points_encoded_len(f->labels, f->count) && len <= NN_MAX_DATA_LEN);
  char *text = malloc(len + 8);
  nn_point *back = malloc(((size_t)f->count + 1) * sizeof *back);
  NN_FUZZ_CHECK(text && back);
  memcpy(text, "data=", 5);
  NN_FUZZ_CHECK(nn_points_encode(f->labels, f->points, f->count, text + 5, len + 1) == len);
  nn_labels labels;
  NN_FUZZ_CHECK(nn_points_decode(text + 5, len, back, &labels, NULL, 0) == f->count);
  NN_FUZZ_CHECK(labels.kind == f->labels.kind && labels.classes == f->labels.classes);
  NN_FUZZ_CHECK(f->count == 0 || memcmp(back, f->points, (size_t)f->count * sizeof *back) == 0);
  static nn_config cfg; /* 60 KB: not on the stack of every run */
  nn_notices ns;
  nn_state_parse(text, &cfg, &ns);
  NN_FUZZ_CHECK(ns.count == 0 && strcmp(cfg.data, text + 5) == 0);
  free(back);
  free(text);
}

/* The CSV writer's text reads back the same. */
static void check_csv_round_trip(const nn_points_file *f) {
  size_t len = nn_points_csv_write(f->points, f->count, NULL, 0, NULL, 0);
  char *csv = malloc(len + 1);
  NN_FUZZ_CHECK(csv && nn_points_csv_write(f->points, f->count, NULL, 0, csv, len + 1) == len);
  nn_points_file g;
  NN_FUZZ_CHECK(nn_points_file_parse(csv, len, &g) == NN_OK);
  NN_FUZZ_CHECK(g.count == f->count && g.dropped == 0);
  NN_FUZZ_CHECK(g.labels.kind == f->labels.kind && g.labels.classes == f->labels.classes);
  NN_FUZZ_CHECK(memcmp(g.points, f->points, (size_t)f->count * sizeof *g.points) == 0);
  nn_points_file_free(&g);
  free(csv);
}

static void check_as_link_text(const uint8_t *data, size_t size) {
  nn_labels labels;
  int n = nn_points_decode((const char *)data, size, NULL, &labels, NULL, 0);
  if (n < 0) return;
  nn_point *pts = malloc(((size_t)n + 1) * sizeof *pts);
  NN_FUZZ_CHECK(pts && nn_points_decode((const char *)data, size, pts, &labels, NULL, 0) == n);
  check_points(pts, n, labels);
  char *again = malloc(size + 1);
  NN_FUZZ_CHECK(again && nn_points_encode(labels, pts, n, again, size + 1) == size);
  NN_FUZZ_CHECK(memcmp(again, data, size) == 0);
  free(again);
  free(pts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nn_points_file f;
  if (nn_points_file_parse((const char *)data, size, &f) != NN_OK) return 0;
  NN_FUZZ_CHECK(f.count >= 0 && f.count <= NN_MAX_DATA_POINTS);
  NN_FUZZ_CHECK(f.dropped >= 0 && f.rows == f.count + f.dropped);
  NN_FUZZ_CHECK((f.dropped == 0) == (f.first_bad == 0));
  NN_FUZZ_CHECK(memchr(f.why, '\0', sizeof f.why));
  NN_FUZZ_CHECK(f.count > 0 || f.why[0] != '\0');
  NN_FUZZ_CHECK((f.count == 0) == (f.points == NULL));
  check_points(f.points, f.count, f.labels);
  check_link_text(&f);
  if (f.count > 0) check_csv_round_trip(&f);
  char summary[320];
  NN_FUZZ_CHECK(nn_points_file_summary(&f, summary, sizeof summary) > 0);
  nn_points_file_free(&f);
  check_as_link_text(data, size);
  return 0;
}

void nn_fuzz_seeds(nn_fuzz_emit emit, void *ctx) {
  static const char *const seeds[] = {
      "x,y,label\n1,2,1\n-1.5,-2.25,-1\r\n0,0,1\n",
      "x;y;label\n1,5;-2,25;1\n0;0;0\n",
      "1\t2\t1\n3\t4\t0\n",
      "x,y,label,set\n1,2,1,train\n-6,6,-1,test\n",
      "x,y,label\n1,2,1\n3,abc,1\n0.5,1\n1,1,1,1\nNaN,1,1\n7,0,1\n1,,1\n0x10,1,1\n",
      "1,1,0\n2,2,2\n3,3,1\n5,5,5\n",
      "1,1,0.5\n2,2,-0.25\n3,3,1.5\n",
      "[[1, 2, 1], [-1, -2, -1], [1, \"a\", 1], [1, 2], [[1]], [3, 3, 1]]",
      "\xEF\xBB\xBF\"x\",\"y\",\"label\"\n\"1\",\"2\",\"1\"\n",
      "bcAgAqAIAIACs5AFAA",
      "3AAAAAAAAA",
      "r",
  };
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
    emit((const uint8_t *)seeds[i], strlen(seeds[i]), ctx);
}
