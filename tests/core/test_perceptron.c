/* test_perceptron.c — perceptron mode: the rule by hand, convergence on separable data, the
 * XOR verdict, the fraction-misclassified loss, TFP's initial draws, the step grid and the CLI's
 * report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "experiment.h"
#include "grid.h"
#include "perceptron.h"
#include "state.h"

/* ---------------------------------------------------------------- helpers */

static nn_experiment *make(const char *hash) {
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(hash, &cfg, &ns);
  if (ns.count != 0) {
    print_error("%s: notice %s: %s\n", hash, ns.items[0].param, ns.items[0].reason);
    fail();
  }
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  return e;
}

static const double *perceptron_weights(const nn_experiment *e, double *bias) {
  const nn_network *net = nn_experiment_network(e);
  *bias = net->params[net->bias_offset[1]];
  return net->params + net->weight_offset[1];
}

/* ---------------------------------------------------------------- the rule by hand */

/* Three points, w = (0, 0), b = 0, lr = 0.5; every number below is exact in binary.
 *   epoch 1: p1 total 0 -> +1, wrong (y = -1): w = (-1, -2), b = -1
 *            p2 total -1 + 1 - 2 = -2 -> -1, wrong (y = +1): w = (-2, -1), b = 0
 *            p3 total -4 + 1 = -3 -> -1, wrong (y = +1): w = (0, -2), b = 1      3 updates
 *   epoch 2: p1 total 1 - 4 = -3 right; p2 total 1 - 2 = -1 wrong: w = (-1, -1), b = 2;
 *            p3 total 2 - 2 + 1 = 1 right                                        1 update
 *   epoch 3: totals -1, 2, 1: all right                                          0 updates */
static void the_rule_updates_weights_as_computed_by_hand(void **st) {
  (void)st;
  const double inputs[] = {1, 2, -1, 1, 2, -1};
  const nn_point pts[] = {{1, 2, -1}, {-1, 1, 1}, {2, -1, 1}};
  double w[2] = {0, 0}, b = 0;

  /* one sample at a time: after the first point only */
  assert_int_equal(nn_perceptron_epoch(w, &b, inputs, pts, 1, 2, 0.5), 1);
  assert_true(w[0] == -1 && w[1] == -2 && b == -1);
  w[0] = w[1] = b = 0;

  assert_int_equal(nn_perceptron_epoch(w, &b, inputs, pts, 3, 2, 0.5), 3);
  assert_true(w[0] == 0 && w[1] == -2 && b == 1);
  assert_int_equal(nn_perceptron_misclassified(w, b, inputs, pts, 3, 2), 1);
  assert_int_equal(nn_perceptron_epoch(w, &b, inputs, pts, 3, 2, 0.5), 1);
  assert_true(w[0] == -1 && w[1] == -1 && b == 2);
  assert_int_equal(nn_perceptron_misclassified(w, b, inputs, pts, 3, 2), 0);
  assert_int_equal(nn_perceptron_epoch(w, &b, inputs, pts, 3, 2, 0.5), 0);
  assert_true(w[0] == -1 && w[1] == -1 && b == 2); /* converged: nothing moves any more */
}

static void the_learning_rate_scales_each_update(void **st) {
  (void)st;
  const double inputs[] = {3, -0.5};
  const nn_point pts[] = {{3, -0.5, -1}};
  double w[2] = {0.25, 0.5}, b = 0.125; /* total 0.75 - 0.25 + 0.125 > 0: wrong */
  assert_int_equal(nn_perceptron_epoch(w, &b, inputs, pts, 1, 2, 0.1), 1);
  /* w + lr (y - y') x with y - y' = -2 */
  assert_true(w[0] == 0.25 + (0.1 * -2.0) * 3);
  assert_true(w[1] == 0.5 + (0.1 * -2.0) * -0.5);
  assert_true(b == 0.125 + 0.1 * -2.0);
}

static void the_step_is_plus_one_from_zero_up_and_keeps_nan(void **st) {
  (void)st;
  assert_true(nn_step(0.0) == 1 && nn_step(-0.0) == 1 && nn_step(1e-300) == 1);
  assert_true(nn_step(-1e-300) == -1 && nn_step(-INFINITY) == -1 && nn_step(INFINITY) == 1);
  assert_true(isnan(nn_step(NAN)));
  float v[4] = {0.0f, -2.5f, 7.0f, NAN};
  nn_perceptron_step_floats(v, 4);
  assert_true(v[0] == 1 && v[1] == -1 && v[2] == 1 && isnan(v[3]));
}

static void the_verdict_follows_the_fifty_epoch_rule(void **st) {
  (void)st;
  int m[60];
  for (int k = 0; k < 60; k++) m[k] = 7;
  assert_int_equal(nn_perceptron_judge(m, 50).verdict, NN_PERCEPTRON_UNDECIDED); /* 0..49 */
  nn_perceptron_report r = nn_perceptron_judge(m, 51);                            /* 0..50 */
  assert_int_equal(r.verdict, NN_PERCEPTRON_NOT_SEPARABLE);
  assert_int_equal(r.converged_epoch, -1);
  assert_int_equal(r.misclassified, 7);
  m[12] = 0;
  r = nn_perceptron_judge(m, 60);
  assert_int_equal(r.verdict, NN_PERCEPTRON_CONVERGED);
  assert_int_equal(r.converged_epoch, 12);
  assert_int_equal(nn_perceptron_judge(NULL, 0).verdict, NN_PERCEPTRON_UNDECIDED);
  assert_string_equal(nn_perceptron_verdict_name(NN_PERCEPTRON_NOT_SEPARABLE), "not-separable");
}

/* ---------------------------------------------------------------- experiments */

static void separable_gauss_clusters_reach_zero_errors(void **st) {
  (void)st;
  const char *seeds[] = {"a", "tfp-golden", "0.12345", "lesson1"};
  for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
    char hash[128];
    snprintf(hash, sizeof hash, "dataset=gauss&noise=0&x=true&y=true&model=perceptron&seed=%s",
             seeds[s]);
    nn_experiment *e = make(hash);
    assert_int_equal(nn_experiment_train(e, 100), NN_OK);
    nn_perceptron_report r = nn_experiment_perceptron_report(e);
    if (r.verdict != NN_PERCEPTRON_CONVERGED) {
      print_error("%s: verdict %s, %d misclassified\n", hash,
                  nn_perceptron_verdict_name(r.verdict), r.misclassified);
      fail();
    }
    int rows;
    const int *m = nn_experiment_misclassified(e, &rows);
    assert_int_equal(rows, 101);
    assert_int_equal(m[r.converged_epoch], 0);
    for (int k = 0; k < r.converged_epoch; k++) assert_true(m[k] > 0);
    for (int k = r.converged_epoch; k < rows; k++) assert_int_equal(m[k], 0); /* stays put */
    const double *curve = nn_experiment_loss_curve(e, &rows);
    assert_true(curve[2 * 100] == 0.0);
    /* converged weights no longer move */
    double b0, b1;
    double w0[NN_FEAT_COUNT];
    const double *w = perceptron_weights(e, &b0);
    memcpy(w0, w, 2 * sizeof *w);
    assert_int_equal(nn_experiment_train(e, 3), NN_OK);
    w = perceptron_weights(e, &b1);
    assert_true(b0 == b1 && w0[0] == w[0] && w0[1] == w[1]);
    nn_experiment_destroy(e);
  }
}

static void xor_is_declared_not_separable_after_fifty_epochs(void **st) {
  (void)st;
  nn_experiment *e = make("dataset=xor&noise=0&model=perceptron&seed=xor-test");
  assert_int_equal(nn_experiment_train(e, 49), NN_OK);
  assert_int_equal(nn_experiment_perceptron_report(e).verdict, NN_PERCEPTRON_UNDECIDED);
  assert_int_equal(nn_experiment_train(e, 1), NN_OK);
  nn_perceptron_report r = nn_experiment_perceptron_report(e);
  assert_int_equal(r.verdict, NN_PERCEPTRON_NOT_SEPARABLE);
  assert_int_equal(r.converged_epoch, -1);
  /* and it stays so, the curve growing past its first allocation */
  assert_int_equal(nn_experiment_train(e, 150), NN_OK);
  int rows, n;
  const int *m = nn_experiment_misclassified(e, &rows);
  nn_experiment_train_points(e, &n);
  assert_int_equal(rows, 201);
  for (int k = 0; k < rows; k++) assert_true(m[k] > n / 10); /* XOR: always many errors */
  assert_int_equal(nn_experiment_perceptron_report(e).verdict, NN_PERCEPTRON_NOT_SEPARABLE);
  nn_experiment_destroy(e);
}

static void the_loss_is_the_fraction_misclassified(void **st) {
  (void)st;
  nn_experiment *e = make("dataset=circle&noise=20&model=perceptron&percTrainData=70&seed=f");
  assert_int_equal(nn_experiment_train(e, 5), NN_OK);
  int rows, ntrain, ntest;
  const double *curve = nn_experiment_loss_curve(e, &rows);
  const int *m = nn_experiment_misclassified(e, &rows);
  const nn_point *train = nn_experiment_train_points(e, &ntrain);
  const nn_point *test = nn_experiment_test_points(e, &ntest);
  assert_int_equal(ntrain, 350);
  for (int k = 0; k < rows; k++) assert_true(curve[2 * k] == (double)m[k] / ntrain);
  /* the test fraction, counted independently from the points and the line */
  double b;
  const double *w = perceptron_weights(e, &b);
  int wrong = 0;
  for (int k = 0; k < ntest; k++) {
    double t = b + w[0] * test[k].x + w[1] * test[k].y;
    if ((t >= 0 ? 1.0 : -1.0) != test[k].label) wrong++;
  }
  assert_true(curve[2 * 5 + 1] == (double)wrong / ntest);
  wrong = 0;
  for (int k = 0; k < ntrain; k++) {
    double t = b + w[0] * train[k].x + w[1] * train[k].y;
    if ((t >= 0 ? 1.0 : -1.0) != train[k].label) wrong++;
  }
  assert_int_equal(m[5], wrong);
  /* accuracy is the complement */
  const double *acc = nn_experiment_accuracy_curve(e, &rows);
  for (int k = 0; k < 2 * rows; k++) assert_true(acc[k] == 1 - curve[k]);
  nn_experiment_destroy(e);
}

/* Initial weights are TFP's draws for the same layout: equal to those of an MLP without
 * hidden layers (networkShape=) on the same seed. */
static void initial_weights_are_tfp_draws_from_the_seeded_stream(void **st) {
  (void)st;
  const char *feats = "x=true&y=true&xSquared=true&sinY=true";
  char h1[200], h2[200];
  snprintf(h1, sizeof h1, "dataset=spiral&%s&model=perceptron&seed=w", feats);
  snprintf(h2, sizeof h2, "dataset=spiral&%s&networkShape=&seed=w", feats);
  nn_experiment *p = make(h1), *m = make(h2);
  const nn_network *np = nn_experiment_network(p), *nm = nn_experiment_network(m);
  assert_int_equal(np->num_layers, 2);
  assert_int_equal(np->sizes[0], 4);
  assert_int_equal(np->num_params, 5);
  assert_int_equal(nm->num_params, 5);
  assert_memory_equal(np->params, nm->params, 5 * sizeof(double));
  assert_true(np->params[np->bias_offset[1]] == 0.1);
  nn_draw_counts dp = nn_experiment_draw_counts(p);
  assert_true(dp.weights == 4);
  nn_experiment_destroy(p);
  nn_experiment_destroy(m);
  /* the hidden layers of networkShape are ignored in perceptron mode */
  p = make("dataset=xor&networkShape=8,8&model=perceptron&seed=w");
  assert_int_equal(nn_experiment_network(p)->num_layers, 2);
  nn_experiment_destroy(p);
}

static void reset_and_hand_edits_recount_the_errors(void **st) {
  (void)st;
  nn_experiment *e = make("dataset=gauss&noise=30&model=perceptron&seed=r");
  int rows;
  int m0 = nn_experiment_misclassified(e, &rows)[0];
  assert_int_equal(rows, 1);
  assert_int_equal(nn_experiment_train(e, 10), NN_OK);
  assert_int_equal(nn_experiment_reset(e), NN_OK);
  const int *m = nn_experiment_misclassified(e, &rows);
  assert_int_equal(rows, 1);
  assert_int_equal(m[0], m0);
  /* a line that puts every point on the +1 side: half the points are wrong */
  nn_network *net = nn_experiment_network_mut(e);
  net->params[net->weight_offset[1]] = 0;
  net->params[net->weight_offset[1] + 1] = 0;
  net->params[net->bias_offset[1]] = 1;
  nn_experiment_refresh_loss(e);
  int n, pos = 0;
  const nn_point *pts = nn_experiment_train_points(e, &n);
  for (int k = 0; k < n; k++) pos += pts[k].label > 0;
  assert_int_equal(nn_experiment_misclassified(e, &rows)[0], n - pos);
  nn_experiment_destroy(e);
}

static void the_grid_output_is_the_step_of_the_line(void **st) {
  (void)st;
  nn_experiment *e = make("dataset=gauss&noise=0&model=perceptron&seed=g");
  assert_int_equal(nn_experiment_train(e, 3), NN_OK);
  enum { D = 25 };
  nn_status s;
  const float *grid = nn_experiment_evaluate_grid(e, D, &s);
  assert_int_equal(s, NN_OK);
  assert_non_null(grid);
  const nn_network *net = nn_experiment_network(e);
  double b;
  const double *w = perceptron_weights(e, &b);
  const float *out = grid + (size_t)(net->num_nodes - 1) * D * D;
  int checked = 0;
  for (int r = 0; r < D; r++)
    for (int c = 0; c < D; c++) {
      double x = nn_grid_coord(c, D), y = nn_grid_coord(D - 1 - r, D);
      double t = b + w[0] * x + w[1] * y;
      float v = out[r * D + c];
      assert_true(v == 1.0f || v == -1.0f);
      if (fabs(t) > 1e-4) {
        assert_true(v == (t >= 0 ? 1.0f : -1.0f));
        checked++;
      }
    }
  assert_true(checked > D * D - D);
  nn_experiment_destroy(e);
}

static void mlp_mode_has_no_misclassified_curve(void **st) {
  (void)st;
  nn_experiment *e = make("dataset=gauss&seed=m");
  int rows = 5;
  assert_null(nn_experiment_misclassified(e, &rows));
  assert_int_equal(rows, 0);
  assert_int_equal(nn_experiment_perceptron_report(e).verdict, NN_PERCEPTRON_UNDECIDED);
  nn_experiment_destroy(e);
}

static void the_experiment_refuses_a_perceptron_for_regression(void **st) {
  (void)st;
  nn_config cfg;
  nn_config_default(&cfg);
  strcpy(cfg.seed, "x");
  cfg.problem = NN_PROBLEM_REGRESSION;
  cfg.model = NN_MODEL_PERCEPTRON;
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_ERR_INVALID);
  assert_null(e);
}

/* ---------------------------------------------------------------- the CLI */

static cJSON *cli_run(const char *hash, const char *epochs) {
  FILE *out = tmpfile(), *err = tmpfile();
  assert_non_null(out);
  assert_non_null(err);
  char *argv[] = {"nnplay", "run", "--hash", (char *)hash, "--epochs", (char *)epochs, NULL};
  assert_int_equal(nn_cli_main(6, argv, out, err), NN_CLI_OK);
  long n = ftell(out);
  rewind(out);
  char *text = malloc((size_t)n + 1);
  assert_non_null(text);
  assert_int_equal(fread(text, 1, (size_t)n, out), (size_t)n);
  text[n] = '\0';
  cJSON *j = cJSON_Parse(text);
  free(text);
  fclose(out);
  fclose(err);
  assert_non_null(j);
  return j;
}

static void the_cli_reports_misclassified_counts_and_the_verdict(void **st) {
  (void)st;
  cJSON *j = cli_run("dataset=xor&model=perceptron&seed=cli", "60");
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "misclassified");
  assert_true(cJSON_IsArray(m));
  assert_int_equal(cJSON_GetArraySize(m), 61);
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "loss_curve")), 61);
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "perceptron");
  assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p, "converged")));
  assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(p, "epoch")));
  assert_string_equal(cJSON_GetObjectItemCaseSensitive(p, "separable_verdict")->valuestring,
                      "not-separable");
  const cJSON *state = cJSON_GetObjectItemCaseSensitive(j, "state");
  assert_string_equal(cJSON_GetObjectItemCaseSensitive(state, "model")->valuestring,
                      "perceptron");
  cJSON_Delete(j);

  j = cli_run("dataset=gauss&noise=0&model=perceptron&seed=lesson1", "40");
  p = cJSON_GetObjectItemCaseSensitive(j, "perceptron");
  assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "converged")));
  const cJSON *ep = cJSON_GetObjectItemCaseSensitive(p, "epoch");
  assert_true(cJSON_IsNumber(ep));
  m = cJSON_GetObjectItemCaseSensitive(j, "misclassified");
  assert_int_equal(cJSON_GetArrayItem(m, ep->valueint)->valueint, 0);
  cJSON_Delete(j);

  /* mlp runs have neither field */
  j = cli_run("dataset=gauss&seed=lesson1", "1");
  assert_null(cJSON_GetObjectItemCaseSensitive(j, "misclassified"));
  assert_null(cJSON_GetObjectItemCaseSensitive(j, "perceptron"));
  assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "state"),
                                               "model"));
  cJSON_Delete(j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_rule_updates_weights_as_computed_by_hand),
      cmocka_unit_test(the_learning_rate_scales_each_update),
      cmocka_unit_test(the_step_is_plus_one_from_zero_up_and_keeps_nan),
      cmocka_unit_test(the_verdict_follows_the_fifty_epoch_rule),
      cmocka_unit_test(separable_gauss_clusters_reach_zero_errors),
      cmocka_unit_test(xor_is_declared_not_separable_after_fifty_epochs),
      cmocka_unit_test(the_loss_is_the_fraction_misclassified),
      cmocka_unit_test(initial_weights_are_tfp_draws_from_the_seeded_stream),
      cmocka_unit_test(reset_and_hand_edits_recount_the_errors),
      cmocka_unit_test(the_grid_output_is_the_step_of_the_line),
      cmocka_unit_test(mlp_mode_has_no_misclassified_curve),
      cmocka_unit_test(the_experiment_refuses_a_perceptron_for_regression),
      cmocka_unit_test(the_cli_reports_misclassified_counts_and_the_verdict),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
