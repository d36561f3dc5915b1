/* test_points_link.c — own points in a link (data=): the exact grid, the text both ways, a
 * damaged parameter refused with a notice, and a link with data reopening the same experiment
 * bit for bit (shuffle and split from the seed). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "changelog.h"
#include "dataset.h"
#include "experiment.h"
#include "link.h"
#include "points_codec.h"
#include "rng.h"
#include "state.h"

/* n points of a kind on the grid, from a seeded stream. */
static nn_point *some_points(nn_labels labels, int n, const char *seed) {
  nn_rng rng;
  nn_rng_seed(&rng, seed);
  nn_point *pts = malloc(((size_t)n + 1) * sizeof *pts);
  for (int i = 0; i < n; i++) {
    double x = nn_quantize_coord(nn_rng_next(&rng) * 12 - 6);
    double y = nn_quantize_coord(nn_rng_next(&rng) * 12 - 6);
    double r = nn_rng_next(&rng), label;
    double raw = labels.kind == NN_LABELS_BINARY    ? (r < 0.5 ? -1 : 1)
                 : labels.kind == NN_LABELS_CLASSES ? floor(r * labels.classes)
                                                    : r * 2 - 1;
    assert_true(nn_label_normalize(labels, raw, &label));
    pts[i] = (nn_point){x, y, label};
  }
  return pts;
}

static void the_text_gives_the_same_points_both_ways(void **state) {
  (void)state;
  nn_labels kinds[] = {{NN_LABELS_BINARY, 2}, {NN_LABELS_CLASSES, 3}, {NN_LABELS_CLASSES, 6},
                       {NN_LABELS_VALUES, 0}};
  int counts[] = {0, 1, 2, 3, 200, NN_MAX_DATA_POINTS};
  for (int k = 0; k < 4; k++) {
    for (int c = 0; c < 6; c++) {
      nn_point *pts = some_points(kinds[k], counts[c], "grid");
      size_t len = nn_points_encode(kinds[k], pts, counts[c], NULL, 0);
      assert_int_equal(len, nn_points_encoded_len(kinds[k], counts[c]));
      assert_true(len <= NN_MAX_DATA_LEN);
      char *text = malloc(len + 1);
      assert_int_equal(nn_points_encode(kinds[k], pts, counts[c], text, len + 1), len);
      nn_point *back = malloc(((size_t)counts[c] + 1) * sizeof *back);
      nn_labels got;
      assert_int_equal(nn_points_decode(text, len, back, &got, NULL, 0), counts[c]);
      assert_int_equal(got.kind, kinds[k].kind);
      assert_int_equal(got.classes, kinds[k].classes);
      assert_memory_equal(pts, back, (size_t)counts[c] * sizeof *pts); /* bit for bit */
      free(back);
      free(text);
      free(pts);
    }
  }
}

static void two_hundred_points_fit_in_a_thousand_characters(void **state) {
  (void)state;
  assert_int_equal(nn_points_encoded_len((nn_labels){NN_LABELS_BINARY, 2}, 200), 835);
  assert_int_equal(nn_points_encoded_len((nn_labels){NN_LABELS_CLASSES, 4}, 200), 901);
  assert_true(nn_points_encoded_len((nn_labels){NN_LABELS_VALUES, 0}, NN_MAX_DATA_POINTS) ==
              NN_MAX_DATA_LEN);
}

static void damaged_text_is_refused(void **state) {
  (void)state;
  nn_point p[] = {{1, 2, 1}, {-6, 6, -1}};
  char text[32], why[96];
  size_t len = nn_points_encode((nn_labels){NN_LABELS_BINARY, 2}, p, 2, text, sizeof text);
  assert_int_equal(nn_points_decode(text, len, NULL, NULL, why, sizeof why), 2);
  const char *bad[] = {"", "x", "bA", "2AAAAA", "b////////", "b!AAAA", "3/////"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_int_equal(nn_points_decode(bad[i], strlen(bad[i]), NULL, NULL, why, sizeof why), -1);
  text[len - 1] = text[len - 1] == 'A' ? 'B' : 'A'; /* padding bits */
  assert_int_equal(nn_points_decode(text, len, NULL, NULL, why, sizeof why), -1);
  assert_string_equal(why, "damaged padding");
  assert_int_equal(nn_points_decode(text, len - 1, NULL, NULL, why, sizeof why), -1);
  assert_string_equal(why, "a length that fits no number of points");
}

static char *hash_with(const char *base, nn_labels labels, const nn_point *pts, int n) {
  size_t len = nn_points_encode(labels, pts, n, NULL, 0);
  char *hash = malloc(strlen(base) + len + 8);
  int at = sprintf(hash, "%s&data=", base);
  nn_points_encode(labels, pts, n, hash + at, len + 1);
  return hash;
}

static void a_link_with_data_trains_on_exactly_its_points(void **state) {
  (void)state;
  nn_labels bin = {NN_LABELS_BINARY, 2};
  nn_point *pts = some_points(bin, 200, "drawn");
  char *hash = hash_with("seed=0.25&networkShape=3&batchSize=5", bin, pts, 200);
  nn_notices ns;
  nn_experiment *e = nn_test_open_link(hash, &ns);
  assert_int_equal(ns.count, 0);
  int ntrain, ntest;
  const nn_point *train = nn_experiment_train_points(e, &ntrain);
  const nn_point *test = nn_experiment_test_points(e, &ntest);
  assert_int_equal(ntrain, 100);
  assert_int_equal(ntest, 100);
  /* the shuffle is TFP's from the seeded stream, straight after seeding */
  nn_point *expect = malloc(200 * sizeof *expect);
  memcpy(expect, pts, 200 * sizeof *expect);
  nn_rng rng;
  nn_rng_seed(&rng, "0.25");
  nn_dataset_shuffle(expect, 200, &rng);
  assert_memory_equal(train, expect, 100 * sizeof *train);
  assert_memory_equal(test, expect + 100, 100 * sizeof *test);
  assert_int_equal(nn_experiment_draw_counts(e).generator, 0);
  assert_int_equal(nn_experiment_draw_counts(e).shuffle, 200);

  assert_int_equal(nn_experiment_train(e, 30), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.1", NULL), NN_OK);
  assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  char *link = nn_test_link_of(e);
  assert_non_null(strstr(link, "&data=b"));
  nn_experiment *again = nn_test_open_link(link, NULL);
  assert_int_equal(nn_experiment_train(again, nn_experiment_target_epoch(again)), NN_OK);
  nn_test_assert_same_screen(e, again);
  /* the state moves to another engine of the same link (the page's worker) */
  size_t size = nn_experiment_state_size(e, 0);
  uint8_t *bytes = malloc(size);
  assert_int_equal(nn_experiment_save_state(e, 0, bytes, size), NN_OK);
  nn_experiment *worker = nn_test_open_link(link, NULL);
  assert_int_equal(nn_experiment_load_state(worker, bytes, size), NN_OK);
  /* and not to one of other points */
  pts[0].label = -pts[0].label;
  char *other = hash_with("seed=0.25&networkShape=3&batchSize=5", bin, pts, 200);
  nn_experiment *elsewhere = nn_test_open_link(other, NULL);
  assert_int_equal(nn_experiment_load_state(elsewhere, bytes, size), NN_ERR_INVALID);
  /* regenerate keeps the points and reshuffles them with the new seed */
  assert_int_equal(nn_experiment_regenerate(e), NN_OK);
  assert_string_equal(nn_experiment_config(e)->data, strstr(hash, "data=") + 5);
  assert_int_equal(nn_experiment_draw_counts(e).shuffle, 200);
  nn_experiment_destroy(elsewhere);
  nn_experiment_destroy(worker);
  nn_experiment_destroy(again);
  nn_experiment_destroy(e);
  free(bytes);
  free(other);
  free(link);
  free(hash);
  free(expect);
  free(pts);
}

static bool has_notice(const nn_notices *ns, const char *param, const char *reason_part) {
  for (int i = 0; i < ns->count; i++)
    if (strcmp(ns->items[i].param, param) == 0 && strstr(ns->items[i].reason, reason_part))
      return true;
  return false;
}

static void a_damaged_data_parameter_keeps_the_dataset(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("seed=1&dataset=xor&data=bAAAB", &cfg, &ns);
  assert_string_equal(cfg.data, "");
  assert_true(has_notice(&ns, "data", "a length that fits no number"));
  assert_true(has_notice(&ns, "data", "the dataset's own points are used"));
  nn_state_parse("seed=1&data=b%20AA", &cfg, &ns);
  assert_true(has_notice(&ns, "data", "may only contain letters, digits"));
  nn_state_parse("seed=1&data=", &cfg, &ns);
  assert_true(has_notice(&ns, "data", "empty value"));
  nn_state_parse("seed=1&data=b&data_hide=true", &cfg, &ns); /* no points at all is fine */
  assert_int_equal(ns.count, 0);
  assert_string_equal(cfg.data, "b");
  assert_true(nn_config_is_hidden(&cfg, "data"));
  char out[1024];
  assert_true(nn_state_serialize(&cfg, out, sizeof out) < sizeof out);
  assert_non_null(strstr(out, "&data=b&data_hide=true"));
  /* not a live parameter: a change of it in the log is refused */
  nn_changelog log;
  nn_changelog_init(&log);
  assert_true(nn_changelog_parse("seed=1&data@5=b", &cfg, &log, &ns));
  assert_int_equal(log.count, 0);
  assert_true(ns.count > 0);
  nn_changelog_free(&log);
}

/* Class labels set the number of classes (the K-class network), whatever classes= said. */
static void own_classes_decide_the_number_of_classes(void **state) {
  (void)state;
  nn_labels three = {NN_LABELS_CLASSES, 3};
  nn_point *pts = some_points(three, 60, "classes");
  char *hash = hash_with("seed=3&networkShape=4", three, pts, 60);
  nn_notices ns;
  nn_experiment *e = nn_test_open_link(hash, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(nn_experiment_config(e)->classes, 3);
  assert_int_equal(nn_experiment_network(e)->sizes[nn_experiment_network(e)->num_layers - 1], 3);
  assert_int_equal(nn_experiment_train(e, 5), NN_OK);
  assert_true(isfinite(nn_experiment_loss_curve(e, NULL)[10]));
  nn_experiment_destroy(e);
  char *told = hash_with("seed=3&classes=5", three, pts, 60);
  nn_config cfg;
  nn_state_parse(told, &cfg, &ns);
  assert_int_equal(cfg.classes, 3);
  assert_true(has_notice(&ns, "classes", "the own points (data=) have 3 classes; using 3"));
  nn_labels bin = {NN_LABELS_BINARY, 2};
  char *binary = hash_with("seed=3&classes=4", bin, pts, 0);
  nn_state_parse(binary, &cfg, &ns);
  assert_int_equal(cfg.classes, 2);
  assert_true(has_notice(&ns, "classes", "have 2 classes; using 2"));
  free(binary);
  free(told);
  free(hash);
  free(pts);
}

static void no_points_build_an_empty_experiment(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link("seed=1&data=b", NULL);
  assert_non_null(e);
  int n;
  nn_experiment_train_points(e, &n);
  assert_int_equal(n, 0);
  assert_int_equal(nn_experiment_train(e, 3), NN_OK);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_text_gives_the_same_points_both_ways),
      cmocka_unit_test(two_hundred_points_fit_in_a_thousand_characters),
      cmocka_unit_test(damaged_text_is_refused),
      cmocka_unit_test(a_link_with_data_trains_on_exactly_its_points),
      cmocka_unit_test(a_damaged_data_parameter_keeps_the_dataset),
      cmocka_unit_test(own_classes_decide_the_number_of_classes),
      cmocka_unit_test(no_points_build_an_empty_experiment),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
