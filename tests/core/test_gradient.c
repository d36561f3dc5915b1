/* test_gradient.c — backward and update checked against central differences of the loss.
 *
 * For one sample, the derivatives backward accumulates (grad, parallel to params) must equal
 * d/dθ of the loss (square; cross-entropy too for classification) for every weight and bias, for
 * each hidden activation with a tanh (classification) and a linear (regression) output. The full update with L1 / L2 must move each
 * weight by lr * (dL/dw + rate * R'(w)), and each bias by lr * dL/db only. */
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
#include "loss.h"
#include "network.h"
#include "nnfeatures.h"
#include "rng.h"

enum { MAX_P = 256 };

typedef struct {
  nn_network net;
  double input[NN_FEAT_COUNT];
  double target;
  nn_loss_kind loss;
} probe;

static const double SAMPLE_X = 0.7, SAMPLE_Y = -1.3;

/* A 3-input (x, y, xTimesY) network of shape 4,3 with TFP's initial weights for `seed`, scaled
 * up so that units leave their linear range. */
static void probe_init(probe *p, nn_activation act, nn_problem problem, nn_loss_kind loss,
                       const char *seed) {
  nn_config cfg;
  nn_config_default(&cfg);
  cfg.activation = act;
  cfg.problem = problem;
  cfg.features[NN_FEAT_X_TIMES_Y] = true;
  cfg.num_hidden_layers = 2;
  cfg.network_shape[0] = 4;
  cfg.network_shape[1] = 3;
  assert_true(nn_network_init(&p->net, &cfg));
  assert_true(p->net.num_params <= MAX_P);
  nn_rng rng;
  nn_rng_seed(&rng, seed);
  nn_network_init_weights(&p->net, &rng, NN_INIT_UNIFORM);
  for (int k = 0; k < p->net.num_params; k++)
    p->net.params[k] = 3 * p->net.params[k] + (nn_rng_next(&rng) - 0.5);
  nn_features_compute(p->input, p->net.input_features, p->net.sizes[0], SAMPLE_X, SAMPLE_Y);
  p->target = problem == NN_PROBLEM_REGRESSION ? 0.4 : -1;
  p->loss = loss;
}

static double probe_loss(probe *p) {
  return nn_loss_error(p->loss, nn_network_forward(&p->net, p->input), p->target);
}

/* Objective including the penalty the update descends: L + rate * sum over weights of R(w). */
static double probe_objective(probe *p, nn_regularization reg, double rate) {
  double j = probe_loss(p);
  const nn_regularizer_fn *r = nn_regularizer_get(reg);
  for (int l = 1; l < p->net.num_layers; l++)
    for (int k = 0; k < p->net.sizes[l] * p->net.sizes[l - 1]; k++)
      j += rate * r->value(p->net.params[p->net.weight_offset[l] + k]);
  return j;
}

static void numeric_gradient(probe *p, nn_regularization reg, double rate, double *out) {
  const double h = 1e-6;
  for (int k = 0; k < p->net.num_params; k++) {
    double keep = p->net.params[k];
    p->net.params[k] = keep + h;
    double up = probe_objective(p, reg, rate);
    p->net.params[k] = keep - h;
    double down = probe_objective(p, reg, rate);
    p->net.params[k] = keep;
    out[k] = (up - down) / (2 * h);
  }
}

/* Kinked activations (relu, leaky relu, elu) have derivatives that jump at 0: keep every total
 * clear of it. Cross-entropy clamps p near 0 and 1: keep the output off the clamp. */
static bool probe_usable(probe *p) {
  double out = nn_network_forward(&p->net, p->input);
  for (int k = p->net.sizes[0]; k < p->net.num_nodes; k++)
    if (fabs(p->net.total[k]) < 1e-3) return false;
  return p->loss != NN_LOSS_CROSS_ENTROPY || fabs(out) < 0.999;
}

static void probe_for(probe *p, nn_activation act, nn_problem problem, nn_loss_kind loss) {
  char seed[32];
  for (int s = 0; s < 100; s++) {
    snprintf(seed, sizeof seed, "gradient-%d", s);
    probe_init(p, act, problem, loss, seed);
    if (probe_usable(p)) return;
    nn_network_free(&p->net);
  }
  fail_msg("no probe network clear of kinks and clamps");
}

static void expect_close(double got, double want, double tol, const char *what, int k) {
  double scale = fmax(1, fmax(fabs(got), fabs(want)));
  if (!(fabs(got - want) <= tol * scale))
    fail_msg("%s[%d]: analytic %.12g, numeric %.12g", what, k, got, want);
}

static void check_backward_loss(nn_activation act, nn_problem problem, nn_loss_kind loss) {
  probe p;
  probe_for(&p, act, problem, loss);
  double numeric[MAX_P];
  numeric_gradient(&p, NN_REG_NONE, 0, numeric);

  nn_network_clear_training(&p.net);
  double out = nn_network_forward(&p.net, p.input);
  nn_network_backward(&p.net, nn_loss_der(loss, out, p.target));

  int nonzero = 0;
  for (int k = 0; k < p.net.num_params; k++) {
    expect_close(p.net.grad[k], numeric[k], 1e-6, "grad", k);
    nonzero += p.net.grad[k] != 0;
  }
  assert_true(nonzero > p.net.num_params / 2); /* the check is not vacuous */
  for (int k = p.net.sizes[0]; k < p.net.num_nodes; k++) assert_int_equal(p.net.acc_count[k], 1);
  nn_network_free(&p.net);
}

static void check_backward(nn_activation act, nn_problem problem) {
  check_backward_loss(act, problem, NN_LOSS_SQUARE);
}

static void backward_matches_finite_differences_for_leaky_relu_elu_softplus_swish(void **state) {
  (void)state;
  const nn_activation acts[] = {NN_ACT_LEAKY_RELU, NN_ACT_ELU, NN_ACT_SOFTPLUS, NN_ACT_SWISH};
  for (size_t k = 0; k < sizeof acts / sizeof acts[0]; k++) {
    check_backward(acts[k], NN_PROBLEM_CLASSIFICATION);
    check_backward(acts[k], NN_PROBLEM_REGRESSION);
  }
}

static void cross_entropy_backward_matches_finite_differences_for_every_activation(void **state) {
  (void)state;
  for (int a = 0; a < NN_ACT_COUNT; a++)
    check_backward_loss((nn_activation)a, NN_PROBLEM_CLASSIFICATION, NN_LOSS_CROSS_ENTROPY);
}

#define BACKWARD_TEST(name, act, problem) \
  static void name(void **state) {        \
    (void)state;                          \
    check_backward(act, problem);         \
  }
BACKWARD_TEST(backward_matches_finite_differences_tanh_hidden_tanh_output, NN_ACT_TANH,
              NN_PROBLEM_CLASSIFICATION)
BACKWARD_TEST(backward_matches_finite_differences_tanh_hidden_linear_output, NN_ACT_TANH,
              NN_PROBLEM_REGRESSION)
BACKWARD_TEST(backward_matches_finite_differences_relu_hidden_tanh_output, NN_ACT_RELU,
              NN_PROBLEM_CLASSIFICATION)
BACKWARD_TEST(backward_matches_finite_differences_relu_hidden_linear_output, NN_ACT_RELU,
              NN_PROBLEM_REGRESSION)
BACKWARD_TEST(backward_matches_finite_differences_sigmoid_hidden_tanh_output, NN_ACT_SIGMOID,
              NN_PROBLEM_CLASSIFICATION)
BACKWARD_TEST(backward_matches_finite_differences_sigmoid_hidden_linear_output, NN_ACT_SIGMOID,
              NN_PROBLEM_REGRESSION)
BACKWARD_TEST(backward_matches_finite_differences_linear_hidden_tanh_output, NN_ACT_LINEAR,
              NN_PROBLEM_CLASSIFICATION)
BACKWARD_TEST(backward_matches_finite_differences_linear_hidden_linear_output, NN_ACT_LINEAR,
              NN_PROBLEM_REGRESSION)

static bool is_weight(const nn_network *net, int k) {
  for (int l = 1; l < net->num_layers; l++)
    if (k >= net->weight_offset[l] && k < net->bias_offset[l]) return true;
  return false;
}

/* One sample accumulated, one update: (before - after) / lr is the gradient of L + rate * R. */
static void check_update(nn_activation act, nn_problem problem, nn_regularization reg) {
  const double lr = 0.01, rate = 0.3;
  probe p;
  probe_for(&p, act, problem, NN_LOSS_SQUARE);
  double numeric[MAX_P], before[MAX_P], after_none[MAX_P];
  numeric_gradient(&p, reg, rate, numeric);
  memcpy(before, p.net.params, sizeof(double) * p.net.num_params);

  /* the same step without regularisation, for the regulariser term alone */
  nn_network_clear_training(&p.net);
  nn_network_backward(&p.net, nn_square_error_der(nn_network_forward(&p.net, p.input), p.target));
  nn_network_update(&p.net, lr, NN_REG_NONE, rate);
  memcpy(after_none, p.net.params, sizeof(double) * p.net.num_params);

  memcpy(p.net.params, before, sizeof(double) * p.net.num_params);
  nn_network_clear_training(&p.net);
  nn_network_backward(&p.net, nn_square_error_der(nn_network_forward(&p.net, p.input), p.target));
  nn_network_update(&p.net, lr, reg, rate);

  for (int k = 0; k < p.net.num_params; k++) {
    if (p.net.dead[k]) { /* L1 stopped it at zero: the step would have crossed */
      assert_true(reg == NN_REG_L1);
      assert_true(p.net.params[k] == 0);
      assert_true(after_none[k] * (after_none[k] - lr * rate * nn_regularizer_der(reg, before[k])) < 0);
      continue;
    }
    expect_close((before[k] - p.net.params[k]) / lr, numeric[k], 1e-6, "update step", k);
    double reg_term = (after_none[k] - p.net.params[k]) / lr;
    double want = is_weight(&p.net, k) ? rate * nn_regularizer_der(reg, before[k]) : 0;
    expect_close(reg_term, want, 1e-9, "regulariser term", k);
    assert_int_equal(p.net.grad[k], 0); /* accumulators cleared */
  }
  for (int k = p.net.sizes[0]; k < p.net.num_nodes; k++) assert_int_equal(p.net.acc_count[k], 0);
  nn_network_free(&p.net);
}

static void update_with_l2_descends_loss_plus_rate_times_half_w_squared(void **state) {
  (void)state;
  check_update(NN_ACT_TANH, NN_PROBLEM_CLASSIFICATION, NN_REG_L2);
  check_update(NN_ACT_RELU, NN_PROBLEM_REGRESSION, NN_REG_L2);
}

static void update_with_l1_descends_loss_plus_rate_times_abs_w(void **state) {
  (void)state;
  check_update(NN_ACT_SIGMOID, NN_PROBLEM_CLASSIFICATION, NN_REG_L1);
  check_update(NN_ACT_LINEAR, NN_PROBLEM_REGRESSION, NN_REG_L1);
}

static void update_without_regularisation_descends_the_loss(void **state) {
  (void)state;
  check_update(NN_ACT_TANH, NN_PROBLEM_REGRESSION, NN_REG_NONE);
}

/* The regulariser is applied once per update, not divided by the number of samples averaged. */
static void regulariser_is_not_divided_by_batch_size(void **state) {
  (void)state;
  const double lr = 0.1, rate = 0.05;
  probe p;
  probe_for(&p, NN_ACT_TANH, NN_PROBLEM_CLASSIFICATION, NN_LOSS_SQUARE);
  double before[MAX_P], none[MAX_P];
  memcpy(before, p.net.params, sizeof(double) * p.net.num_params);
  for (int pass = 0; pass < 2; pass++) {
    memcpy(p.net.params, before, sizeof(double) * p.net.num_params);
    nn_network_clear_training(&p.net);
    for (int s = 0; s < 3; s++)
      nn_network_backward(&p.net,
                          nn_square_error_der(nn_network_forward(&p.net, p.input), p.target));
    for (int k = p.net.sizes[0]; k < p.net.num_nodes; k++) assert_int_equal(p.net.acc_count[k], 3);
    nn_network_update(&p.net, lr, pass == 0 ? NN_REG_NONE : NN_REG_L2, rate);
    if (pass == 0) memcpy(none, p.net.params, sizeof(double) * p.net.num_params);
  }
  for (int k = 0; k < p.net.num_params; k++) {
    double want = is_weight(&p.net, k) ? lr * rate * before[k] : 0;
    expect_close(none[k] - p.net.params[k], want, 1e-12, "L2 step", k);
  }
  nn_network_free(&p.net);
}

/* An L1 step that would cross zero kills the link: weight exactly 0, and from then on it
 * neither accumulates nor updates, but still takes part (as 0) in the forward pass. */
static void l1_step_crossing_zero_kills_the_link(void **state) {
  (void)state;
  probe p;
  probe_for(&p, NN_ACT_TANH, NN_PROBLEM_CLASSIFICATION, NN_LOSS_SQUARE);
  int k = p.net.weight_offset[1]; /* first input link of the first hidden node */
  p.net.params[k] = 1e-9;
  nn_network_clear_training(&p.net);
  nn_network_backward(&p.net, nn_square_error_der(nn_network_forward(&p.net, p.input), p.target));
  double grad = p.net.grad[k];
  const double lr = 1e-12, rate = 1e6; /* gradient step negligible, L1 step 1e-6 >> 1e-9 */
  assert_true(fabs(lr * grad) < 1e-10);
  nn_network_update(&p.net, lr, NN_REG_L1, rate);
  assert_true(p.net.dead[k]);
  assert_true(p.net.params[k] == 0 && !signbit(p.net.params[k]));

  nn_network_backward(&p.net, nn_square_error_der(nn_network_forward(&p.net, p.input), p.target));
  assert_true(p.net.grad[k] == 0);
  assert_true(p.net.grad[k + 1] != 0);
  nn_network_update(&p.net, 0.5, NN_REG_L1, 0.01);
  assert_true(p.net.params[k] == 0 && p.net.dead[k]);
  nn_network_free(&p.net);
}

static void activation_derivative_from_output_equals_tfp_recomputation(void **state) {
  (void)state;
  nn_rng rng;
  nn_rng_seed(&rng, "derivatives");
  for (int n = 0; n < 20000; n++) {
    double t = (nn_rng_next(&rng) - 0.5) * 40;
    double th = tanh(t), s = 1 / (1 + exp(-t));
    double tfp_tanh = 1 - th * th, tfp_sigmoid = s * (1 - s), tfp_relu = t <= 0 ? 0 : 1;
    assert_true(nn_act_der(NN_ACT_TANH, t, nn_act_value(NN_ACT_TANH, t)) == tfp_tanh);
    assert_true(nn_act_der(NN_ACT_SIGMOID, t, nn_act_value(NN_ACT_SIGMOID, t)) == tfp_sigmoid);
    assert_true(nn_act_der(NN_ACT_RELU, t, nn_act_value(NN_ACT_RELU, t)) == tfp_relu);
    const nn_activation_fn *f = nn_activation_get(NN_ACT_TANH);
    assert_true(f->der(t, f->value(t)) == tfp_tanh);
  }
  /* Math.max(0, NaN) is NaN and TFP's relu derivative of NaN is 1 */
  assert_true(isnan(nn_act_value(NN_ACT_RELU, NAN)));
  assert_true(nn_act_der(NN_ACT_RELU, NAN, nn_act_value(NN_ACT_RELU, NAN)) == 1);
  assert_false(signbit(nn_act_value(NN_ACT_RELU, -0.0)));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(backward_matches_finite_differences_tanh_hidden_tanh_output),
      cmocka_unit_test(backward_matches_finite_differences_tanh_hidden_linear_output),
      cmocka_unit_test(backward_matches_finite_differences_relu_hidden_tanh_output),
      cmocka_unit_test(backward_matches_finite_differences_relu_hidden_linear_output),
      cmocka_unit_test(backward_matches_finite_differences_sigmoid_hidden_tanh_output),
      cmocka_unit_test(backward_matches_finite_differences_sigmoid_hidden_linear_output),
      cmocka_unit_test(backward_matches_finite_differences_linear_hidden_tanh_output),
      cmocka_unit_test(backward_matches_finite_differences_linear_hidden_linear_output),
      cmocka_unit_test(backward_matches_finite_differences_for_leaky_relu_elu_softplus_swish),
      cmocka_unit_test(cross_entropy_backward_matches_finite_differences_for_every_activation),
      cmocka_unit_test(update_without_regularisation_descends_the_loss),
      cmocka_unit_test(update_with_l2_descends_loss_plus_rate_times_half_w_squared),
      cmocka_unit_test(update_with_l1_descends_loss_plus_rate_times_abs_w),
      cmocka_unit_test(regulariser_is_not_divided_by_batch_size),
      cmocka_unit_test(l1_step_crossing_zero_kills_the_link),
      cmocka_unit_test(activation_derivative_from_output_equals_tfp_recomputation),
  };
  return cmocka_run_group_tests_name("gradient", tests, NULL, NULL);
}
