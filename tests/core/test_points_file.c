/* test_points_file.c — own points from files: CSV and JSON in every bad shape (text where a
 * number belongs, missing or extra columns, NaN, points off the plane, 100,000 rows, 10 MB, a
 * binary file), each dropped row counted and the first one named; the CSV writer read back. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "points_file.h"

static nn_points_file parse(const char *text) {
  nn_points_file f;
  assert_int_equal(nn_points_file_parse(text, strlen(text), &f), NN_OK);
  return f;
}

static void a_plain_csv_with_a_header(void **state) {
  (void)state;
  nn_points_file f = parse("x,y,label\n1,2,1\n-1.5,-2.25,-1\r\n0,0,1\n");
  assert_int_equal(f.count, 3);
  assert_int_equal(f.dropped, 0);
  assert_int_equal(f.labels.kind, NN_LABELS_BINARY);
  assert_true(f.points[1].x == -1.5 && f.points[1].y == -2.25 && f.points[1].label == -1);
  nn_points_file_free(&f);
  f = parse("1,2,1\n-1,-2,-1"); /* no header, no final newline */
  assert_int_equal(f.count, 2);
  nn_points_file_free(&f);
}

static void semicolons_tabs_and_decimal_commas(void **state) {
  (void)state;
  nn_points_file f = parse("x;y;label\n1,5;-2,25;1\n0;0;0\n");
  assert_int_equal(f.count, 2);
  assert_true(f.points[0].x == 1.5 && f.points[0].y == -2.25);
  assert_true(f.points[1].label == -1); /* 0/1 labels are -1/+1 */
  nn_points_file_free(&f);
  f = parse("1\t2\t1\n3\t4\t0\n");
  assert_int_equal(f.count, 2);
  assert_true(f.points[1].x == 3 && f.points[1].y == 4);
  nn_points_file_free(&f);
}

static void points_are_quantised_at_entry(void **state) {
  (void)state;
  nn_points_file f = parse("0.001,-0.001,1\n5.99999,1.00196,1\n");
  assert_true(f.points[0].x == 0 && !signbit(f.points[0].y)); /* never -0 */
  assert_true(f.points[1].x == 6 && f.points[1].y == 1.00390625); /* 1/256 grid, ties away */
  nn_points_file_free(&f);
}

static void each_bad_row_is_dropped_and_the_first_named(void **state) {
  (void)state;
  nn_points_file f = parse("x,y,label\n1,2,1\n3,abc,1\n0.5,1\n1,1,1,1\nNaN,1,1\n7,0,1\n"
                           "1,,1\n2,2,-1\n0x10,1,1\n1,Infinity,1\n");
  assert_int_equal(f.count, 2);
  assert_int_equal(f.rows, 10);
  assert_int_equal(f.dropped, 8);
  assert_int_equal(f.first_bad, 3);
  assert_string_equal(f.why, "line 3, column 2: text where a number belongs");
  char text[320];
  nn_points_file_summary(&f, text, sizeof text);
  assert_string_equal(text, "2 points imported, 8 rows dropped (first: line 3, column 2: text "
                            "where a number belongs)");
  nn_points_file_free(&f);
  f = parse("0.5,1\n1,2,1\n");
  assert_string_equal(f.why, "line 1: 2 columns, expected 3 (x, y, label)");
  nn_points_file_free(&f);
  f = parse("1,2,3,4\n");
  assert_string_equal(f.why, "line 1: 4 columns, expected 3 (x, y, label)");
  assert_int_equal(f.count, 0);
  nn_points_file_free(&f);
  f = parse("1,NaN,1\n");
  assert_string_equal(f.why, "line 1, column 2: NaN where a number belongs");
  nn_points_file_free(&f);
  f = parse("1,6.5,1\n");
  assert_string_equal(f.why, "line 1: the point is outside the plane's -6..6");
  nn_points_file_free(&f);
}

static void labels_decide_the_kind(void **state) {
  (void)state;
  nn_points_file f = parse("1,1,0\n2,2,2\n3,3,1\n");
  assert_int_equal(f.labels.kind, NN_LABELS_CLASSES);
  assert_int_equal(f.labels.classes, 3);
  assert_true(f.points[1].label == 2);
  nn_points_file_free(&f);
  f = parse("1,1,0.5\n2,2,-0.25\n3,3,1.5\n");
  assert_int_equal(f.labels.kind, NN_LABELS_VALUES);
  assert_int_equal(f.count, 2); /* a regression value outside -1..1 is dropped */
  assert_string_equal(f.why, "line 3: a label outside -1..1 (regression values)");
  nn_points_file_free(&f);
  f = parse("1,1,0.3333\n");
  assert_true(f.points[0].label == 341.0 / 1024);
  nn_points_file_free(&f);
}

static void json_arrays(void **state) {
  (void)state;
  nn_points_file f = parse(" [[1, 2, 1], [-1, -2, -1], [1, \"a\", 1], [1, 2], [[1]], [3, 3, 1]]");
  assert_int_equal(f.count, 3);
  assert_int_equal(f.dropped, 3);
  assert_string_equal(f.why, "item 3, column 2: text where a number belongs");
  nn_points_file_free(&f);
  f = parse("[[1, 2, 1], {\"x\": 1}]");
  assert_int_equal(f.count, 1);
  assert_int_equal(f.first_bad, 2);
  nn_points_file_free(&f);
}

static void not_text_imports_nothing(void **state) {
  (void)state;
  const char bin[] = "1,2,1\n\0\x01\x02";
  nn_points_file f;
  assert_int_equal(nn_points_file_parse(bin, sizeof bin - 1, &f), NN_OK);
  assert_int_equal(f.count, 0);
  assert_string_equal(f.why, "not a text file; nothing was imported");
  f = parse("1,2,1\n\xff\xfe");
  assert_int_equal(f.count, 0);
  f = parse("x,y,label\n");
  assert_int_equal(f.count, 0);
  assert_string_equal(f.why, "no points in the file");
  f = parse("\xEF\xBB\xBFx,y,label\n1,1,1\n"); /* a BOM is fine */
  assert_int_equal(f.count, 1);
  nn_points_file_free(&f);
}

/* 100,000 rows (about 1.9 MB), then the same past 10 MB: the first 10,000 points are kept. */
static void large_files_keep_the_first_10000_points(void **state) {
  (void)state;
  for (int big = 0; big < 2; big++) {
    long rows = big ? 700000 : 100000;
    size_t cap = (size_t)rows * 20 + 16, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (long i = 0; i < rows; i++)
      len += (size_t)snprintf(text + len, cap - len, "%.4f,%.4f,%d\n", (i % 1000) / 200.0 - 2.5,
                              (i % 77) / 20.0 - 1.9, (int)(i % 2));
    if (big) assert_true(len > 10u * 1000 * 1000);
    nn_points_file f;
    assert_int_equal(nn_points_file_parse(text, len, &f), NN_OK);
    assert_int_equal(f.count, NN_MAX_DATA_POINTS);
    assert_int_equal(f.dropped, rows - NN_MAX_DATA_POINTS);
    assert_string_equal(f.why, "line 10001: beyond 10000 points");
    nn_points_file_free(&f);
    free(text);
  }
}

static void the_writer_is_read_back_exactly(void **state) {
  (void)state;
  nn_points_file f = parse("1.00390625,-5.99609375,1\n0,0,-1\n-6,6,1\n");
  char out[256];
  size_t n = nn_points_csv_write(f.points, 2, f.points + 2, 1, out, sizeof out);
  assert_true(n < sizeof out);
  assert_string_equal(out, "x,y,label,set\n1.00390625,-5.99609375,1,train\n0,0,-1,train\n"
                           "-6,6,1,test\n");
  nn_points_file g = parse(out);
  assert_int_equal(g.count, 3);
  assert_int_equal(g.dropped, 0);
  assert_memory_equal(f.points, g.points, 3 * sizeof *f.points);
  assert_int_equal(nn_points_csv_write(f.points, 3, NULL, -1, out, 4),
                   strlen("x,y,label\n1.00390625,-5.99609375,1\n0,0,-1\n-6,6,1\n"));
  assert_string_equal(out, "x,y");
  nn_points_file_free(&f);
  nn_points_file_free(&g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_plain_csv_with_a_header),
      cmocka_unit_test(semicolons_tabs_and_decimal_commas),
      cmocka_unit_test(points_are_quantised_at_entry),
      cmocka_unit_test(each_bad_row_is_dropped_and_the_first_named),
      cmocka_unit_test(labels_decide_the_kind),
      cmocka_unit_test(json_arrays),
      cmocka_unit_test(not_text_imports_nothing),
      cmocka_unit_test(large_files_keep_the_first_10000_points),
      cmocka_unit_test(the_writer_is_read_back_exactly),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
