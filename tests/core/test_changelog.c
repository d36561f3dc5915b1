/* test_changelog.c — links that hold changes made while training: a change continues training,
 * the link of the screen reopens it bit for bit, the optimiser and batch-size rules, and bad
 * entries, each refused with a notice while the rest of the link applies. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "changelog.h"
#include "experiment.h"
#include "link.h"
#include "network.h"
#include "state.h"
#include "train.h"

static const char PLAIN[] = "seed=0.5"; /* the default page */

static bool has_notice(const nn_notices *ns, const char *param, const char *reason_part) {
  for (int i = 0; i < ns->count; i++)
    if (strcmp(ns->items[i].param, param) == 0 && strstr(ns->items[i].reason, reason_part))
      return true;
  return false;
}

/* The issue's session: 200 epochs, then learning rate 0.3. Training continues from epoch 200;
 * the first 201 rows are the plain link's; the link reopens it. */
static void a_learning_rate_change_continues_training(void **state) {
  (void)state;
  nn_experiment *plain = nn_test_open_link(PLAIN, NULL), *e = nn_test_open_link(PLAIN, NULL);
  assert_int_equal(nn_experiment_train(plain, 200), NN_OK);
  assert_int_equal(nn_experiment_train(e, 200), NN_OK);
  double before[2];
  memcpy(before, nn_experiment_loss_curve(e, NULL) + 400, sizeof before);
  assert_true(before[1] < 0.01); /* the issue's 0.006 */
  char why[NN_NOTICE_REASON_LEN + 1];
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.3", why), NN_OK);
  assert_int_equal(nn_experiment_epoch(e), 200);
  assert_memory_equal(nn_experiment_loss_curve(e, NULL) + 400, before, sizeof before);
  assert_true(nn_experiment_config(e)->learning_rate == 0.3);
  assert_true(nn_experiment_base_config(e)->learning_rate == 0.03);
  assert_int_equal(nn_experiment_train(e, 50), NN_OK);
  assert_memory_equal(nn_experiment_loss_curve(e, NULL), nn_experiment_loss_curve(plain, NULL),
                      201 * 2 * sizeof(double));
  /* continued, not restarted: row 201 differs from the plain link's epoch 1 */
  assert_true(nn_experiment_loss_curve(e, NULL)[402] < 0.1);

  char *link = nn_test_link_of(e);
  assert_non_null(strstr(link, "&epoch=250&learningRate@200=0.3"));
  assert_non_null(strstr(link, "learningRate=0.03&"));
  nn_notices ns;
  nn_experiment *again = nn_test_open_link(link, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(nn_experiment_target_epoch(again), 250);
  assert_int_equal(nn_experiment_train(again, nn_experiment_target_epoch(again)), NN_OK);
  nn_test_assert_same_screen(e, again);
  char *link2 = nn_test_link_of(again);
  assert_string_equal(link, link2);
  free(link);
  free(link2);
  nn_experiment_destroy(plain);
  nn_experiment_destroy(e);
  nn_experiment_destroy(again);
}

static void a_plain_link_is_unchanged(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link(PLAIN, NULL);
  char *link = nn_test_link_of(e);
  char cfg[4096];
  nn_state_serialize(nn_experiment_config(e), cfg, sizeof cfg);
  assert_string_equal(link, cfg); /* no epoch=, no entries */
  assert_int_equal(nn_experiment_target_epoch(e), 0);
  free(link);
  nn_experiment_destroy(e);
}

/* Display-only live parameters are plain parameters of the link, never changes. */
static void display_parameters_are_not_changes(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link(PLAIN, NULL);
  const char *names[] = {"speed", "showTestData", "discretize", "dataset", "seed", "activation"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char why[NN_NOTICE_REASON_LEN + 1] = "";
    assert_int_equal(nn_experiment_change(e, names[i], "true", why), NN_ERR_INVALID);
    assert_non_null(strstr(why, "not a parameter that can change"));
  }
  char why[NN_NOTICE_REASON_LEN + 1];
  assert_int_equal(nn_experiment_change(e, "learningRate", "-1", why), NN_ERR_INVALID);
  assert_string_equal(why, "must not be negative");
  assert_int_equal(nn_experiment_change(e, "optimizer", "toString", why), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_changes(e)->count, 0);
  assert_true(nn_experiment_config(e)->learning_rate == 0.03);
  nn_experiment_destroy(e);
}

/* Changing the optimiser restarts its state; changing a coefficient keeps it. */
static void optimiser_state_rules(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link("seed=opt&optimizer=momentum&learningRate=0.01", NULL);
  assert_int_equal(nn_experiment_train(e, 5), NN_OK);
  const nn_network *net = nn_experiment_network(e);
  size_t bytes = (size_t)net->num_params * sizeof(double);
  double *m = malloc(bytes);
  memcpy(m, net->opt_m, bytes);
  long long steps = net->opt_steps;
  assert_true(steps > 0 && net->opt_m[0] != 0);
  assert_int_equal(nn_experiment_change(e, "momentum", "0.5", NULL), NN_OK);
  assert_memory_equal(net->opt_m, m, bytes); /* kept */
  assert_true(net->opt_steps == steps);
  assert_int_equal(nn_experiment_change(e, "optimizer", "adam", NULL), NN_OK);
  for (int k = 0; k < net->num_params; k++) assert_true(net->opt_m[k] == 0 && net->opt_v[k] == 0);
  assert_true(net->opt_steps == 0);
  /* Adam's first step is then lr * g / (|g| + eps) ~ lr * sign(g): a fresh start */
  assert_int_equal(nn_experiment_train(e, 1), NN_OK);
  assert_true(net->opt_steps == 25); /* 250 points, batch 10 */
  free(m);
  nn_experiment_destroy(e);
}

/* A batch-size change keeps what was accumulated; the next update follows (k + 1) % size. */
static void batch_size_change_keeps_the_accumulated_derivatives(void **state) {
  (void)state;
  /* 250 training points, batch 7: 5 points' derivatives are carried into epoch 2 */
  nn_experiment *e = nn_test_open_link("seed=batch&batchSize=7", NULL);
  assert_int_equal(nn_experiment_train(e, 1), NN_OK);
  const nn_network *net = nn_experiment_network(e);
  int out = net->num_nodes - 1;
  assert_int_equal(net->acc_count[out], 5);
  nn_network copy;
  assert_true(nn_network_init(&copy, nn_experiment_config(e)));
  nn_network_copy_values(&copy, net);
  assert_int_equal(nn_experiment_change(e, "batchSize", "250", NULL), NN_OK);
  assert_int_equal(net->acc_count[out], 5); /* still there */
  assert_int_equal(nn_experiment_train(e, 1), NN_OK);
  /* by hand: one epoch with batch 250 from the state at epoch 1: one update at k = 249 over
   * 255 points, then 0 carried */
  int n;
  const nn_point *pts = nn_experiment_train_points(e, &n);
  double in[2 * 250];
  for (int k = 0; k < n; k++) {
    in[2 * k] = pts[k].x;
    in[2 * k + 1] = pts[k].y;
  }
  nn_train_opts o = nn_train_opts_from_config(nn_experiment_config(e));
  nn_train_epoch(&copy, in, pts, n, &o, NULL);
  assert_memory_equal(copy.params, net->params, (size_t)net->num_params * sizeof(double));
  assert_int_equal(net->acc_count[out], 0);
  nn_network_free(&copy);
  nn_experiment_destroy(e);
}

/* Each bad entry gets a notice naming it; every good one applies. */
static void bad_entries_get_notices_and_the_rest_applies(void **state) {
  (void)state;
  static const char LINK[] =
      "seed=0.5&epoch=20&learningRate@2=0.1&fooBar@3=1&speed@3=5&learningRate@4=abc&"
      "w1.0.0@5=0.25&w9.9.9@6=1&b2.7@6=1&w1.0.1@6=NaN&regularizationRate@1=0.5&"
      "dropout@x=0.1&learningRate@30=1&momentum@7&batchSize@8=3&b1.1@9=-0&x@y_hide=true";
  nn_notices ns;
  nn_experiment *e = nn_test_open_link(LINK, &ns);
  assert_true(has_notice(&ns, "fooBar@3", "not a parameter that can change"));
  assert_true(has_notice(&ns, "speed@3", "not a parameter that can change"));
  assert_true(has_notice(&ns, "learningRate@4", "not a number"));
  assert_true(has_notice(&ns, "w9.9.9@6", "no such weight or bias"));
  assert_true(has_notice(&ns, "b2.7@6", "no such weight or bias"));
  assert_true(has_notice(&ns, "w1.0.1@6", "not a finite number"));
  assert_true(has_notice(&ns, "regularizationRate@1", "out of order"));
  assert_true(has_notice(&ns, "dropout@x", "whole number"));
  assert_true(has_notice(&ns, "learningRate@30", "beyond the link's epoch"));
  assert_true(has_notice(&ns, "momentum@7", "no value"));
  assert_int_equal(ns.count, 10);
  const nn_changelog *log = nn_experiment_changes(e);
  assert_int_equal(log->count, 4); /* learningRate@2, w1.0.0@5, batchSize@8, b1.1@9 */
  assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  assert_true(nn_experiment_config(e)->learning_rate == 0.1);
  assert_int_equal(nn_experiment_config(e)->batch_size, 3);
  char *link = nn_test_link_of(e);
  assert_non_null(strstr(link, "&epoch=20&learningRate@2=0.1&w1.0.0@5=0.25&batchSize@8=3&"
                                 "b1.1@9=-0"));
  free(link);
  nn_experiment_destroy(e);
}

static void the_links_epoch(void **state) {
  (void)state;
  nn_notices ns;
  nn_experiment *e = nn_test_open_link("seed=1&epoch=5000000", &ns);
  assert_true(has_notice(&ns, "epoch", "more than 1000000"));
  assert_int_equal(nn_experiment_target_epoch(e), 1000000);
  nn_experiment_destroy(e);
  const char *bad[] = {"seed=1&epoch=abc", "seed=1&epoch=-3", "seed=1&epoch=2.5", "seed=1&epoch",
                       "seed=1&epoch="};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    e = nn_test_open_link(bad[i], &ns);
    assert_true(has_notice(&ns, "epoch", "whole number"));
    assert_int_equal(nn_experiment_target_epoch(e), 0);
    nn_experiment_destroy(e);
  }
}

/* Ten thousand entries: the first NN_MAX_CHANGES kept, one notice for the rest, in linear time. */
static void ten_thousand_entries(void **state) {
  (void)state;
  enum { N = 10000 };
  size_t cap = 32 + (size_t)N * 40;
  char *link = malloc(cap);
  size_t len = (size_t)snprintf(link, cap, "seed=big&epoch=%d", N);
  for (int i = 0; i < N; i++)
    len += (size_t)snprintf(link + len, cap - len, "&learningRate@%d=0.0%d", i, 1 + i % 9);
  clock_t t0 = clock();
  nn_notices ns;
  nn_config cfg;
  nn_state_parse(link, &cfg, &ns);
  nn_changelog log;
  nn_changelog_init(&log);
  assert_true(nn_changelog_parse(link, &cfg, &log, &ns));
  double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
  assert_int_equal(log.count, NN_MAX_CHANGES);
  assert_true(has_notice(&ns, "@", "more than 1000 changes; ignored 9000"));
  assert_int_equal(ns.count, 1);
  assert_true(seconds < 1.0);
  nn_changelog_free(&log);
  /* 10,000 bad entries: 32 notices kept, the rest counted, nothing kept */
  len = (size_t)snprintf(link, cap, "seed=big&epoch=3");
  for (int i = 0; i < N; i++) len += (size_t)snprintf(link + len, cap - len, "&nope@%d=1", i);
  nn_state_parse(link, &cfg, &ns);
  assert_true(nn_changelog_parse(link, &cfg, &log, &ns));
  assert_int_equal(log.count, 0);
  assert_int_equal(ns.count + ns.dropped, N);
  nn_changelog_free(&log);
  free(link);
}

/* reset and regenerate make the settings now the base; restoreFinite drops later entries. */
static void reset_regenerate_and_restore(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link(PLAIN, NULL);
  assert_int_equal(nn_experiment_train(e, 10), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.1", NULL), NN_OK);
  assert_int_equal(nn_experiment_reset(e), NN_OK);
  char *link = nn_test_link_of(e);
  assert_non_null(strstr(link, "learningRate=0.1&"));
  assert_null(strstr(link, "@"));
  assert_null(strstr(link, "epoch="));
  free(link);
  assert_int_equal(nn_experiment_change(e, "optimizer", "adam", NULL), NN_OK);
  assert_int_equal(nn_experiment_regenerate(e), NN_OK);
  link = nn_test_link_of(e);
  assert_non_null(strstr(link, "optimizer=adam"));
  assert_null(strstr(link, "@"));
  free(link);
  nn_experiment_destroy(e);

  /* divergence after a change: back to the last finite epoch, later entries dropped */
  e = nn_test_open_link("regDataset=reg-plane&problem=regression&activation=linear&"
                        "networkShape=&seed=0.64&learningRate=0.01", NULL);
  assert_int_equal(nn_experiment_train(e, 5), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.2", NULL), NN_OK);
  assert_int_equal(nn_experiment_train(e, 3), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "3", NULL), NN_OK);
  assert_int_equal(nn_experiment_train(e, 200), NN_OK);
  assert_true(nn_experiment_diverged_at(e) > 8);
  int finite = nn_experiment_last_finite_epoch(e);
  assert_int_equal(nn_experiment_restore_finite(e), NN_OK);
  assert_int_equal(nn_experiment_epoch(e), finite);
  assert_true(nn_experiment_config(e)->learning_rate == 3);
  link = nn_test_link_of(e);
  nn_experiment *again = nn_test_open_link(link, NULL);
  assert_int_equal(nn_experiment_train(again, nn_experiment_target_epoch(again)), NN_OK);
  nn_test_assert_same_screen(e, again);
  free(link);
  nn_experiment_destroy(again);

  /* a hand edit that makes the losses infinite: restore drops it */
  nn_experiment_destroy(e);
  e = nn_test_open_link("regDataset=reg-plane&problem=regression&activation=linear&"
                        "networkShape=&seed=0.64&learningRate=0.01", NULL);
  assert_int_equal(nn_experiment_train(e, 3), NN_OK);
  double row[2];
  memcpy(row, nn_experiment_loss_curve(e, NULL) + 6, sizeof row);
  assert_int_equal(nn_experiment_set_weight(e, 1, 0, 0, 1e308), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(e), 3);
  assert_int_equal(nn_experiment_restore_finite(e), NN_OK);
  assert_int_equal(nn_experiment_changes(e)->count, 0); /* the edit is dropped */
  assert_memory_equal(nn_experiment_loss_curve(e, NULL) + 6, row, sizeof row);
  link = nn_test_link_of(e);
  again = nn_test_open_link(link, NULL);
  assert_int_equal(nn_experiment_train(again, nn_experiment_target_epoch(again)), NN_OK);
  nn_test_assert_same_screen(e, again);
  free(link);
  nn_experiment_destroy(again);
  nn_experiment_destroy(e);
}

/* A change mid-way through a link drops the entries it planned for later. */
static void a_change_midway_drops_later_entries(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link("seed=1&epoch=50&learningRate@10=0.1&learningRate@40=1",
                                       NULL);
  assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  assert_int_equal(nn_experiment_set_bias(e, 1, 0, 0.5), NN_OK);
  assert_int_equal(nn_experiment_changes(e)->count, 2);
  assert_int_equal(nn_experiment_target_epoch(e), 20);
  char *link = nn_test_link_of(e);
  assert_non_null(strstr(link, "&epoch=20&learningRate@10=0.1&b1.0@20=0.5"));
  free(link);
  assert_int_equal(nn_experiment_set_bias(e, 5, 0, 0.5), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_set_weight(e, 1, 0, 0, NAN), NN_ERR_INVALID);
  nn_experiment_destroy(e);
}

/* A slider dragged at one epoch logs one entry, its last value; the optimiser, whose every
 * change restarts its state, logs each. The link still reopens bit for bit. */
static void a_setting_changed_again_at_one_epoch_is_one_entry(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link(PLAIN, NULL);
  assert_int_equal(nn_experiment_train(e, 30), NN_OK);
  static const char *const sizes[] = {"11", "12", "13", "14"};
  for (int i = 0; i < 4; i++)
    assert_int_equal(nn_experiment_change(e, "batchSize", sizes[i], NULL), NN_OK);
  assert_int_equal(nn_experiment_change(e, "optimizer", "adam", NULL), NN_OK);
  assert_int_equal(nn_experiment_change(e, "optimizer", "momentum", NULL), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.1", NULL), NN_OK);
  assert_int_equal(nn_experiment_train(e, 5), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.3", NULL), NN_OK);
  assert_int_equal(nn_experiment_changes(e)->count, 5);
  assert_int_equal(nn_experiment_config(e)->batch_size, 14);
  char *link = nn_test_link_of(e);
  assert_non_null(strstr(link, "&epoch=35&batchSize@30=14&optimizer@30=adam&"
                               "optimizer@30=momentum&learningRate@30=0.1&learningRate@35=0.3"));
  assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  nn_experiment *again = nn_test_open_link(link, NULL);
  assert_int_equal(nn_experiment_train(again, 55), NN_OK);
  nn_test_assert_same_screen(e, again);
  free(link);
  nn_experiment_destroy(again);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_learning_rate_change_continues_training),
      cmocka_unit_test(a_plain_link_is_unchanged),
      cmocka_unit_test(display_parameters_are_not_changes),
      cmocka_unit_test(optimiser_state_rules),
      cmocka_unit_test(batch_size_change_keeps_the_accumulated_derivatives),
      cmocka_unit_test(bad_entries_get_notices_and_the_rest_applies),
      cmocka_unit_test(the_links_epoch),
      cmocka_unit_test(ten_thousand_entries),
      cmocka_unit_test(reset_regenerate_and_restore),
      cmocka_unit_test(a_change_midway_drops_later_entries),
      cmocka_unit_test(a_setting_changed_again_at_one_epoch_is_one_entry),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
