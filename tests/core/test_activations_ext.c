/* test_activations_ext.c — nnplay's activations beyond TFP (leaky ReLU, ELU, softplus, swish)
 * and the cross-entropy loss: values at known points, derivatives against central differences,
 * and the drawing grid's versions. (A whole network's gradient with them: test_gradient.c.) */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "activation.h"
#include "experiment.h"
#include "loss.h"
#include "network.h"
#include "nnfeatures.h"
#include "rng.h"


static const nn_activation NEW_ACTS[] = {NN_ACT_LEAKY_RELU, NN_ACT_ELU, NN_ACT_SOFTPLUS,
                                         NN_ACT_SWISH};
enum { NUM_NEW = sizeof NEW_ACTS / sizeof NEW_ACTS[0] };

static void expect_close(double got, double want, double tol, const char *what) {
  double scale = fmax(1, fmax(fabs(got), fabs(want)));
  if (!(fabs(got - want) <= tol * scale)) fail_msg("%s: got %.15g, want %.15g", what, got, want);
}

static void new_activations_have_their_names_and_known_values(void **state) {
  (void)state;
  assert_string_equal(nn_activation_name(NN_ACT_LEAKY_RELU), "leakyrelu");
  assert_string_equal(nn_activation_name(NN_ACT_ELU), "elu");
  assert_string_equal(nn_activation_name(NN_ACT_SOFTPLUS), "softplus");
  assert_string_equal(nn_activation_name(NN_ACT_SWISH), "swish");
  for (int k = 0; k < NUM_NEW; k++)
    assert_string_equal(nn_activation_get(NEW_ACTS[k])->name, nn_activation_name(NEW_ACTS[k]));

  assert_true(nn_act_value(NN_ACT_LEAKY_RELU, 2) == 2);
  assert_true(nn_act_value(NN_ACT_LEAKY_RELU, -2) == -0.02);
  assert_true(nn_act_value(NN_ACT_ELU, 3) == 3);
  expect_close(nn_act_value(NN_ACT_ELU, -1), exp(-1) - 1, 1e-15, "elu(-1)");
  expect_close(nn_act_value(NN_ACT_ELU, -50), -1, 1e-15, "elu(-50)");
  expect_close(nn_act_value(NN_ACT_SOFTPLUS, 0), log(2), 1e-15, "softplus(0)");
  expect_close(nn_act_value(NN_ACT_SOFTPLUS, 1), log(1 + exp(1)), 1e-15, "softplus(1)");
  expect_close(nn_act_value(NN_ACT_SWISH, 1), 1 / (1 + exp(-1)), 1e-15, "swish(1)");
  assert_true(nn_act_value(NN_ACT_SWISH, 0) == 0);
}

static void softplus_neither_overflows_nor_underflows_to_nonsense(void **state) {
  (void)state;
  assert_true(nn_act_value(NN_ACT_SOFTPLUS, 1000) == 1000);   /* log(1 + e^1000) naively: inf */
  double tiny = nn_act_value(NN_ACT_SOFTPLUS, -1000);
  assert_true(tiny >= 0 && tiny < 1e-300);
  assert_true(isnan(nn_act_value(NN_ACT_SOFTPLUS, NAN)));
  assert_true(nn_act_der(NN_ACT_SOFTPLUS, 1000, 1000) == 1);
  expect_close(nn_act_value(NN_ACT_SWISH, -800), 0, 1e-300, "swish(-800)");
}

/* der(total, f(total)) against (f(t + h) - f(t - h)) / 2h, away from the kinks at 0. */
static void new_activation_derivatives_match_central_differences(void **state) {
  (void)state;
  nn_rng rng;
  nn_rng_seed(&rng, "activation-derivatives");
  for (int k = 0; k < NUM_NEW; k++) {
    nn_activation a = NEW_ACTS[k];
    const nn_activation_fn *f = nn_activation_get(a);
    for (int n = 0; n < 2000; n++) {
      double t = (nn_rng_next(&rng) - 0.5) * 16;
      if (fabs(t) < 1e-3) continue;
      const double h = 1e-6;
      double numeric = (f->value(t + h) - f->value(t - h)) / (2 * h);
      double analytic = nn_act_der(a, t, nn_act_value(a, t));
      if (!(fabs(analytic - numeric) <= 1e-7))
        fail_msg("%s'(%g): analytic %.12g, numeric %.12g", f->name, t, analytic, numeric);
      assert_true(f->der(t, f->value(t)) == analytic); /* table and switch agree */
      assert_true(f->value(t) == nn_act_value(a, t));
    }
  }
  /* the one-sided slopes at the kinks */
  assert_true(nn_act_der(NN_ACT_LEAKY_RELU, -1e-9, -1e-11) == 0.01);
  assert_true(nn_act_der(NN_ACT_LEAKY_RELU, 1e-9, 1e-9) == 1);
  assert_true(nn_act_der(NN_ACT_ELU, 1e-9, 1e-9) == 1);
}

/* ---- cross-entropy values ------------------------------------------------------------------ */

static void cross_entropy_maps_tanh_output_and_labels_to_probabilities(void **state) {
  (void)state;
  assert_string_equal(nn_loss_name(NN_LOSS_CROSS_ENTROPY), "crossentropy");
  assert_string_equal(nn_loss_get(NN_LOSS_CROSS_ENTROPY)->name, "crossentropy");
  /* out 0 -> p = 0.5: log 2 whatever the label */
  expect_close(nn_cross_entropy_error(0, 1), log(2), 1e-15, "CE(0, +1)");
  expect_close(nn_cross_entropy_error(0, -1), log(2), 1e-15, "CE(0, -1)");
  /* out 0.6 -> p = 0.8 */
  expect_close(nn_cross_entropy_error(0.6, 1), -log(0.8), 1e-15, "CE(0.6, +1)");
  expect_close(nn_cross_entropy_error(0.6, -1), -log(0.2), 1e-14, "CE(0.6, -1)");
  /* d/dout = (p - y) / (2 p (1 - p)) */
  expect_close(nn_cross_entropy_der(0.6, 1), (0.8 - 1) / (2 * 0.8 * 0.2), 1e-14, "CE'(0.6,+1)");
  expect_close(nn_cross_entropy_der(0.6, -1), 0.8 / (2 * 0.8 * 0.2), 1e-14, "CE'(0.6,-1)");
  /* the delta through tanh is out - label: (p - y)/(2p(1-p)) * 4p(1-p) = 2(p - y) */
  double out = 0.3;
  expect_close(nn_cross_entropy_der(out, 1) * (1 - out * out), out - 1, 1e-14, "delta");
  /* a saturated output is clamped: finite error and derivative */
  double worst = nn_cross_entropy_error(1, -1);
  assert_true(isfinite(worst));
  expect_close(worst, -log(NN_CE_EPS), 1e-6, "CE clamped");
  assert_true(isfinite(nn_cross_entropy_der(1, -1)) && isfinite(nn_cross_entropy_der(-1, 1)));
  assert_true(nn_cross_entropy_error(1, 1) < 1e-6);
  /* square error stays TFP's */
  assert_true(nn_loss_error(NN_LOSS_SQUARE, 0.25, 1) == 0.5 * (0.75 * 0.75));
  assert_true(nn_loss_der(NN_LOSS_SQUARE, 0.25, 1) == -0.75);
}

static void cross_entropy_experiment_reports_cross_entropy_and_regression_stays_square(
    void **state) {
  (void)state;
  nn_config cfg;
  nn_config_default(&cfg);
  strcpy(cfg.seed, "ce");
  cfg.loss = NN_LOSS_CROSS_ENTROPY;
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  int n;
  const nn_point *pts = nn_experiment_train_points(e, &n);
  nn_network net;
  assert_true(nn_network_init(&net, &cfg));
  nn_network_copy_values(&net, nn_experiment_network(e));
  double sum = 0, in[NN_FEAT_COUNT];
  for (int k = 0; k < n; k++) {
    nn_features_compute(in, net.input_features, net.sizes[0], pts[k].x, pts[k].y);
    sum += nn_cross_entropy_error(nn_network_forward(&net, in), pts[k].label);
  }
  int rows;
  assert_true(nn_experiment_loss_curve(e, &rows)[0] == sum / n);
  /* it trains: the loss goes down */
  assert_int_equal(nn_experiment_train(e, 30), NN_OK);
  const double *curve = nn_experiment_loss_curve(e, &rows);
  assert_true(curve[2 * 30] < curve[0]);
  nn_network_free(&net);
  nn_experiment_destroy(e);

  /* regression ignores cross-entropy: same curve as square error */
  nn_experiment *sq = NULL, *ce = NULL;
  cfg.problem = NN_PROBLEM_REGRESSION;
  assert_int_equal(nn_config_loss_kind(&cfg), NN_LOSS_SQUARE);
  assert_int_equal(nn_experiment_create(&ce, &cfg), NN_OK);
  cfg.loss = NN_LOSS_SQUARE;
  assert_int_equal(nn_experiment_create(&sq, &cfg), NN_OK);
  assert_int_equal(nn_experiment_train(ce, 3), NN_OK);
  assert_int_equal(nn_experiment_train(sq, 3), NN_OK);
  const double *a = nn_experiment_loss_curve(ce, &rows), *b = nn_experiment_loss_curve(sq, NULL);
  assert_memory_equal(a, b, (size_t)rows * 2 * sizeof *a);
  nn_experiment_destroy(ce);
  nn_experiment_destroy(sq);
}

/* The heatmap's float versions stay close to the double functions. */
static void grid_draws_new_activations_close_to_the_exact_forward(void **state) {
  (void)state;
  for (int k = 0; k < NUM_NEW; k++) {
    nn_config cfg;
    nn_config_default(&cfg);
    strcpy(cfg.seed, "grid-ext");
    cfg.activation = NEW_ACTS[k];
    nn_experiment *e = NULL;
    assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
    assert_int_equal(nn_experiment_train(e, 5), NN_OK);
    nn_status s;
    const int d = 9;
    const float *g = nn_experiment_evaluate_grid(e, d, &s);
    assert_int_equal(s, NN_OK);
    nn_network net;
    assert_true(nn_network_init(&net, &cfg));
    nn_network_copy_values(&net, nn_experiment_network(e));
    double in[NN_FEAT_COUNT];
    for (int r = 0; r < d; r++)
      for (int c = 0; c < d; c++) {
        double x = -6 + 12.0 * c / (d - 1), y = 6 - 12.0 * r / (d - 1);
        nn_features_compute(in, net.input_features, net.sizes[0], x, y);
        nn_network_forward(&net, in);
        for (int j = 0; j < net.num_nodes; j++) {
          double want = net.output[j], got = g[(size_t)j * d * d + (size_t)r * d + c];
          if (!(fabs(got - want) <= 1e-4 * fmax(1, fabs(want))))
            fail_msg("%s node %d cell (%d,%d): grid %g, exact %g",
                     nn_activation_name(NEW_ACTS[k]), j, r, c, got, want);
        }
      }
    nn_network_free(&net);
    nn_experiment_destroy(e);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(new_activations_have_their_names_and_known_values),
      cmocka_unit_test(softplus_neither_overflows_nor_underflows_to_nonsense),
      cmocka_unit_test(new_activation_derivatives_match_central_differences),
      cmocka_unit_test(cross_entropy_maps_tanh_output_and_labels_to_probabilities),
      cmocka_unit_test(cross_entropy_experiment_reports_cross_entropy_and_regression_stays_square),
      cmocka_unit_test(grid_draws_new_activations_close_to_the_exact_forward),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
