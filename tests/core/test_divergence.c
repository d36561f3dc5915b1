/* test_divergence.c — divergence is reported at the epoch where a loss or a parameter stops being
 * finite, the last finite state can be restored (parameters, epoch, curves), and the accuracy
 * curve beside the loss curve. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "experiment.h"
#include "fixture.h"
#include "network.h"
#include "nnfeatures.h"
#include "train.h"

#define FIXTURE(name) NN_FIXTURES_DIR "/" name ".json"

typedef struct {
  nn_fixture fx;
  nn_experiment *e;
} run;

static void run_open(run *r, const char *path) {
  char err[256];
  if (!nn_fixture_load(&r->fx, path, err, sizeof err)) fail_msg("%s", err);
  nn_config cfg;
  nn_fixture_config_for_run(&r->fx, &cfg);
  r->e = NULL;
  assert_int_equal(nn_experiment_create(&r->e, &cfg), NN_OK);
}

static void run_close(run *r) {
  nn_experiment_destroy(r->e);
  nn_fixture_free(&r->fx);
}

/* dev07: reg-plane, linear, learning rate 3: loss 1e184 at epoch 1, Infinity at epoch 2. */
static void dev07_diverges_at_epoch_2_and_restores_epoch_1_exactly(void **state) {
  (void)state;
  run r;
  run_open(&r, FIXTURE("dev07-regplane-linear-lr3-diverges"));
  nn_experiment *e = r.e;
  assert_int_equal(nn_experiment_diverged_at(e), -1);
  assert_int_equal(nn_experiment_train(e, 1), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(e), -1);
  assert_int_equal(nn_experiment_last_finite_epoch(e), 1);
  assert_int_equal(nn_experiment_train(e, 9), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(e), 2);
  assert_int_equal(nn_experiment_last_finite_epoch(e), 1);
  int rows;
  const double *curve = nn_experiment_loss_curve(e, &rows);
  assert_int_equal(rows, 11);
  assert_true(isinf(curve[4])); /* as TFP: training went on */

  assert_int_equal(nn_experiment_restore_finite(e), NN_OK);
  assert_int_equal(nn_experiment_epoch(e), 1);
  assert_int_equal(nn_experiment_diverged_at(e), -1);
  curve = nn_experiment_loss_curve(e, &rows);
  assert_int_equal(rows, 2);
  for (int k = 0; k < 4; k++) assert_true(nn_same_double(curve[k], r.fx.loss_curve[k]));
  nn_experiment_accuracy_curve(e, &rows);
  assert_int_equal(rows, 2);
  /* the parameters are TFP's after epoch 1, bit for bit */
  const nn_network *net = nn_experiment_network(e);
  assert_int_equal(net->num_params, r.fx.network_after_1.num_params);
  for (int k = 0; k < net->num_params; k++)
    if (!nn_same_double(net->params[k], r.fx.network_after_1.params[k]))
      fail_msg("param %d: %.17g, TFP after epoch 1: %.17g", k, net->params[k],
               r.fx.network_after_1.params[k]);

  /* training on repeats what happened: the same curve and the same divergence */
  assert_int_equal(nn_experiment_train(e, 9), NN_OK);
  curve = nn_experiment_loss_curve(e, &rows);
  assert_int_equal(rows, 11);
  for (int k = 0; k < 2 * rows; k++) assert_true(nn_same_double(curve[k], r.fx.loss_curve[k]));
  assert_int_equal(nn_experiment_diverged_at(e), 2);

  /* reset clears it */
  assert_int_equal(nn_experiment_reset(e), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(e), -1);
  assert_int_equal(nn_experiment_last_finite_epoch(e), 0);
  run_close(&r);
}

static void a_run_that_stays_finite_never_diverges_and_restore_changes_nothing(void **state) {
  (void)state;
  run r;
  run_open(&r, FIXTURE("dev01-circle-tanh-4x2-default"));
  assert_int_equal(nn_experiment_train(r.e, 300), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(r.e), -1);
  assert_int_equal(nn_experiment_last_finite_epoch(r.e), 300);
  const nn_network *net = nn_experiment_network(r.e);
  double *before = malloc((size_t)net->num_params * sizeof *before);
  assert_non_null(before);
  memcpy(before, net->params, (size_t)net->num_params * sizeof *before);
  assert_int_equal(nn_experiment_restore_finite(r.e), NN_OK);
  assert_int_equal(nn_experiment_epoch(r.e), 300);
  assert_memory_equal(before, net->params, (size_t)net->num_params * sizeof *before);
  free(before);
  assert_int_equal(nn_experiment_restore_finite(NULL), NN_ERR_INVALID);
  run_close(&r);
}

/* A parameter made infinite by hand counts too (refresh_loss re-checks), and the empty test set
 * of percTrainData=100 (loss NaN, 0/0) does not. */
static void an_infinite_parameter_diverges_but_an_empty_test_set_does_not(void **state) {
  (void)state;
  nn_config cfg;
  nn_config_default(&cfg);
  strcpy(cfg.seed, "empty-test");
  cfg.perc_train_data = 100;
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  int n;
  nn_experiment_test_points(e, &n);
  assert_int_equal(n, 0);
  assert_int_equal(nn_experiment_train(e, 3), NN_OK);
  assert_true(isnan(nn_experiment_loss_curve(e, NULL)[1]));
  assert_int_equal(nn_experiment_diverged_at(e), -1);

  nn_network *net = nn_experiment_network_mut(e);
  double keep = net->params[net->bias_offset[1]];
  net->params[net->bias_offset[1]] = INFINITY;
  nn_experiment_refresh_loss(e);
  assert_int_equal(nn_experiment_diverged_at(e), 3);
  assert_int_equal(nn_experiment_restore_finite(e), NN_OK);
  assert_true(net->params[net->bias_offset[1]] == keep);
  assert_int_equal(nn_experiment_epoch(e), 3);
  nn_experiment_destroy(e);
}

/* ---- accuracy ------------------------------------------------------------------------------ */

/* out = w x + b on four points by hand; an output of exactly 0 predicts +1. */
static void accuracy_counts_sign_of_output_with_zero_as_positive(void **state) {
  (void)state;
  nn_config cfg;
  nn_config_default(&cfg);
  cfg.features[NN_FEAT_Y] = false;
  cfg.num_hidden_layers = 0;
  nn_network net;
  assert_true(nn_network_init(&net, &cfg));
  net.params[net.weight_offset[1]] = 1; /* out = tanh(x) */
  net.params[net.bias_offset[1]] = 0;
  const double xs[5] = {0.5, -2, 0, 3, -0.1};
  const nn_point pts[5] = {{0.5, 0, 1}, {-2, 0, -1}, {0, 0, 1}, {3, 0, -1}, {-0.1, 0, 1}};
  nn_eval r = nn_train_evaluate(&net, xs, pts, 5, NN_LOSS_SQUARE, true);
  assert_true(r.accuracy == 3.0 / 5); /* right: 0.5, -2, 0 (+1); wrong: 3, -0.1 */
  assert_true(r.loss == nn_train_loss(&net, xs, pts, 5));
  r = nn_train_evaluate(&net, xs, pts, 5, NN_LOSS_SQUARE, false);
  assert_true(isnan(r.accuracy));
  r = nn_train_evaluate(&net, xs, pts, 0, NN_LOSS_SQUARE, true);
  assert_true(isnan(r.accuracy) && isnan(r.loss));
  nn_network_free(&net);
}

static void accuracy_curve_follows_the_loss_curve_and_is_nan_for_regression(void **state) {
  (void)state;
  run r;
  run_open(&r, FIXTURE("dev01-circle-tanh-4x2-default"));
  assert_int_equal(nn_experiment_train(r.e, 50), NN_OK);
  int rows, lrows;
  const double *acc = nn_experiment_accuracy_curve(r.e, &rows);
  nn_experiment_loss_curve(r.e, &lrows);
  assert_int_equal(rows, lrows);
  for (int k = 0; k < 2 * rows; k++) assert_true(acc[k] >= 0 && acc[k] <= 1);
  /* the last row, recounted from the network's outputs */
  const nn_network *src = nn_experiment_network(r.e);
  nn_network net;
  assert_true(nn_network_init(&net, &r.fx.cfg));
  nn_network_copy_values(&net, src);
  int n_train, n_test;
  const nn_point *train = nn_experiment_train_points(r.e, &n_train);
  const nn_point *test = nn_experiment_test_points(r.e, &n_test);
  int right[2] = {0, 0};
  double in[NN_FEAT_COUNT];
  for (int s = 0; s < 2; s++) {
    const nn_point *p = s ? test : train;
    int n = s ? n_test : n_train;
    for (int k = 0; k < n; k++) {
      nn_features_compute(in, net.input_features, net.sizes[0], p[k].x, p[k].y);
      double out = nn_network_forward(&net, in);
      right[s] += (out >= 0 ? 1 : -1) == p[k].label;
    }
  }
  assert_true(acc[2 * 50] == (double)right[0] / n_train);
  assert_true(acc[2 * 50 + 1] == (double)right[1] / n_test);
  assert_true(acc[2 * 50] > 0.9); /* circle is learned by epoch 50 */
  nn_network_free(&net);
  run_close(&r);

  run_open(&r, FIXTURE("dev06-reggauss-relu-L2-noise25"));
  assert_int_equal(nn_experiment_train(r.e, 2), NN_OK);
  acc = nn_experiment_accuracy_curve(r.e, &rows);
  for (int k = 0; k < 2 * rows; k++) assert_true(isnan(acc[k]));
  run_close(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(dev07_diverges_at_epoch_2_and_restores_epoch_1_exactly),
      cmocka_unit_test(a_run_that_stays_finite_never_diverges_and_restore_changes_nothing),
      cmocka_unit_test(an_infinite_parameter_diverges_but_an_empty_test_set_does_not),
      cmocka_unit_test(accuracy_counts_sign_of_output_with_zero_as_positive),
      cmocka_unit_test(accuracy_curve_follows_the_loss_curve_and_is_nan_for_regression),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
