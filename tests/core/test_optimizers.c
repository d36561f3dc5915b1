/* test_optimizers.c — momentum, RMSprop and Adam against the textbook update rules, computed by
 * hand here on a 1-input, 1-output linear network (out = w x + b, square error) and two points,
 * with TFP's batch semantics: the step uses the batch-averaged gradient, updates come every
 * batch_size points, and accumulations carry over into the next epoch. */
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
#include "network.h"
#include "optimizer.h"
#include "train.h"

/* Training data: inputs (feature x only) and labels. */
static const double XS[3] = {0.5, -1.5, 2.0};
static const nn_point PTS[3] = {{0.5, 0, 1.0}, {-1.5, 0, -0.5}, {2.0, 0, 0.25}};
static const double W0 = 0.3, B0 = -0.2;

typedef struct {
  nn_network net;
  nn_train_opts opts;
} tiny;

static void tiny_init(tiny *t, nn_optimizer kind, int batch) {
  nn_config cfg;
  nn_config_default(&cfg);
  cfg.features[NN_FEAT_Y] = false;
  cfg.num_hidden_layers = 0;
  cfg.problem = NN_PROBLEM_REGRESSION;
  cfg.optimizer = kind;
  cfg.learning_rate = 0.1;
  cfg.batch_size = batch;
  cfg.momentum = 0.8;
  cfg.rho = 0.7;
  cfg.beta1 = 0.85;
  cfg.beta2 = 0.95;
  cfg.epsilon = 1e-3; /* large enough to matter in the comparison */
  assert_true(nn_network_init(&t->net, &cfg));
  assert_int_equal(t->net.num_params, 2);
  t->net.params[t->net.weight_offset[1]] = W0;
  t->net.params[t->net.bias_offset[1]] = B0;
  t->opts = nn_train_opts_from_config(&cfg);
}

static double w_of(const tiny *t) { return t->net.params[t->net.weight_offset[1]]; }
static double b_of(const tiny *t) { return t->net.params[t->net.bias_offset[1]]; }

/* The hand-written reference: plain doubles, textbook rules. */
typedef struct {
  double w, b;
  double mw, mb, vw, vb; /* momentum velocity / Adam first moments; RMSprop / Adam second */
  int t;
} ref;

/* Batch-averaged gradient of 0.5 (w x + b - y)^2 over points idx[0..n). */
static void ref_grad(const ref *r, const int *idx, int n, double *gw, double *gb) {
  double sw = 0, sb = 0;
  for (int k = 0; k < n; k++) {
    double d = r->w * XS[idx[k]] + r->b - PTS[idx[k]].label;
    sw += d * XS[idx[k]];
    sb += d;
  }
  *gw = sw / n;
  *gb = sb / n;
}

static void ref_step(ref *r, nn_optimizer kind, const int *idx, int n) {
  const double lr = 0.1, mu = 0.8, rho = 0.7, b1 = 0.85, b2 = 0.95, eps = 1e-3;
  double gw, gb;
  ref_grad(r, idx, n, &gw, &gb);
  switch (kind) {
    case NN_OPT_MOMENTUM: /* v <- mu v + g; theta <- theta - lr v */
      r->mw = mu * r->mw + gw;
      r->mb = mu * r->mb + gb;
      r->w -= lr * r->mw;
      r->b -= lr * r->mb;
      break;
    case NN_OPT_RMSPROP: /* s <- rho s + (1 - rho) g^2; theta <- theta - lr g / (sqrt s + eps) */
      r->vw = rho * r->vw + (1 - rho) * gw * gw;
      r->vb = rho * r->vb + (1 - rho) * gb * gb;
      r->w -= lr * gw / (sqrt(r->vw) + eps);
      r->b -= lr * gb / (sqrt(r->vb) + eps);
      break;
    case NN_OPT_ADAM: { /* Kingma & Ba, Algorithm 1 */
      r->t++;
      r->mw = b1 * r->mw + (1 - b1) * gw;
      r->mb = b1 * r->mb + (1 - b1) * gb;
      r->vw = b2 * r->vw + (1 - b2) * gw * gw;
      r->vb = b2 * r->vb + (1 - b2) * gb * gb;
      double mhw = r->mw / (1 - pow(b1, r->t)), mhb = r->mb / (1 - pow(b1, r->t));
      double vhw = r->vw / (1 - pow(b2, r->t)), vhb = r->vb / (1 - pow(b2, r->t));
      r->w -= lr * mhw / (sqrt(vhw) + eps);
      r->b -= lr * mhb / (sqrt(vhb) + eps);
      break;
    }
    default: /* SGD */
      r->w -= lr * gw;
      r->b -= lr * gb;
      break;
  }
}

static void expect_near(double got, double want, const char *what, int step) {
  if (!(fabs(got - want) <= 1e-13 * fmax(1, fabs(want))))
    fail_msg("%s after update %d: engine %.17g, by hand %.17g", what, step, got, want);
}

static void expect_params(const tiny *t, const ref *r, int step) {
  expect_near(w_of(t), r->w, "w", step);
  expect_near(b_of(t), r->b, "b", step);
}

/* Batch 1 over two points, two epochs: updates after points 0, 1, 0, 1. */
static void check_batch1(nn_optimizer kind) {
  tiny t;
  tiny_init(&t, kind, 1);
  ref r = {W0, B0, 0, 0, 0, 0, 0};
  for (int epoch = 0; epoch < 2; epoch++) {
    nn_train_epoch(&t.net, XS, PTS, 2, &t.opts, NULL);
    for (int k = 0; k < 2; k++) ref_step(&r, kind, (int[]){k}, 1);
    expect_params(&t, &r, 2 * epoch + 2);
  }
  /* and step by step: a third update alone */
  nn_train_epoch(&t.net, XS, PTS, 1, &t.opts, NULL);
  ref_step(&r, kind, (int[]){0}, 1);
  expect_params(&t, &r, 5);
  nn_network_free(&t.net);
}

/* Batch 2 over two points: one update per epoch, from the average of both points. */
static void check_batch2(nn_optimizer kind) {
  tiny t;
  tiny_init(&t, kind, 2);
  ref r = {W0, B0, 0, 0, 0, 0, 0};
  for (int epoch = 0; epoch < 3; epoch++) {
    nn_train_epoch(&t.net, XS, PTS, 2, &t.opts, NULL);
    ref_step(&r, kind, (int[]){0, 1}, 2);
    expect_params(&t, &r, epoch + 1);
  }
  nn_network_free(&t.net);
}

/* Three points, batch 2: epoch 1 updates after {0, 1}; point 2 carries over, so epoch 2's first
 * update averages {2, 0, 1} (count 3, TFP's semantics) and point 2 carries over again. */
static void check_batch_spanning_epochs(nn_optimizer kind) {
  tiny t;
  tiny_init(&t, kind, 2);
  ref r = {W0, B0, 0, 0, 0, 0, 0};
  nn_train_epoch(&t.net, XS, PTS, 3, &t.opts, NULL);
  ref_step(&r, kind, (int[]){0, 1}, 2);
  expect_params(&t, &r, 1);
  nn_train_epoch(&t.net, XS, PTS, 3, &t.opts, NULL);
  /* point 2 was accumulated with the parameters after update 1, as were points 0 and 1 */
  ref_step(&r, kind, (int[]){2, 0, 1}, 3);
  expect_params(&t, &r, 2);
  assert_int_equal(t.net.acc_count[t.net.num_nodes - 1], 1);
  nn_network_free(&t.net);
}

#define OPT_TESTS(name, kind)                                                   \
  static void name##_follows_the_textbook_rule_batch_1(void **state) {          \
    (void)state;                                                                \
    check_batch1(kind);                                                         \
  }                                                                             \
  static void name##_follows_the_textbook_rule_batch_2(void **state) {          \
    (void)state;                                                                \
    check_batch2(kind);                                                         \
  }                                                                             \
  static void name##_averages_a_batch_that_spans_epochs(void **state) {         \
    (void)state;                                                                \
    check_batch_spanning_epochs(kind);                                          \
  }
OPT_TESTS(sgd, NN_OPT_SGD)
OPT_TESTS(momentum, NN_OPT_MOMENTUM)
OPT_TESTS(rmsprop, NN_OPT_RMSPROP)
OPT_TESTS(adam, NN_OPT_ADAM)

/* At t = 1 the bias-corrected moments are g and g^2: each parameter moves by about lr, against
 * the sign of its gradient, whatever the gradient's size. */
static void adam_first_step_is_learning_rate_times_sign_of_gradient(void **state) {
  (void)state;
  tiny t;
  tiny_init(&t, NN_OPT_ADAM, 1);
  t.opts.optimizer.epsilon = 1e-8;
  nn_train_epoch(&t.net, XS, PTS, 1, &t.opts, NULL);
  /* point 0: d = 0.3 * 0.5 - 0.2 - 1 = -1.05; gw = -0.525, gb = -1.05: both go up by lr */
  assert_true(fabs((w_of(&t) - W0) - 0.1) < 1e-8);
  assert_true(fabs((b_of(&t) - B0) - 0.1) < 1e-8);
  assert_int_equal(t.net.opt_steps, 1);
  /* without bias correction the step would be (1 - b1) / sqrt(1 - b2) * lr ~ 0.067 lr */
  assert_true(fabs(w_of(&t) - W0) > 0.09);
  nn_network_free(&t.net);
}

/* The kernels alone, on plain arrays. */
static void kernels_skip_dead_entries_and_keep_their_state(void **state) {
  (void)state;
  double g[3] = {1, 2, -3}, m[3] = {0.5, 0.5, 0.5}, v[3] = {4, 4, 4};
  const uint8_t skip[3] = {0, 1, 0};
  nn_opt_momentum(g, m, skip, 3, 0.1, 0.9);
  assert_true(g[1] == 0 && m[1] == 0.5);
  assert_true(m[0] == 0.9 * 0.5 + 1 && g[0] == 0.1 * m[0]);
  double g2[3] = {1, 2, -3};
  nn_opt_rmsprop(g2, v, skip, 3, 0.1, 0.9, 1e-8);
  assert_true(g2[1] == 0 && v[1] == 4);
  assert_true(v[2] == 0.9 * 4 + (1 - 0.9) * 9);
  double g3[3] = {1, 2, -3}, m3[3] = {0}, v3[3] = {0};
  nn_opt_adam(g3, m3, v3, NULL, 3, 0.1, 0.9, 0.999, 1e-8, 1);
  for (int k = 0; k < 3; k++) assert_true(fabs(fabs(g3[k]) - 0.1) < 1e-8);
  assert_true(g3[2] < 0);
}

/* L2 with an optimiser: TFP's regularisation step after the optimiser's, from the old weight. */
static void l2_is_applied_after_the_optimiser_step_from_the_old_weight(void **state) {
  (void)state;
  tiny t;
  tiny_init(&t, NN_OPT_MOMENTUM, 1);
  t.opts.regularization = NN_REG_L2;
  t.opts.regularization_rate = 0.5;
  nn_train_epoch(&t.net, XS, PTS, 1, &t.opts, NULL);
  double d = W0 * XS[0] + B0 - PTS[0].label;
  double w = W0 - 0.1 * (d * XS[0]) - (0.1 * 0.5) * W0;
  double b = B0 - 0.1 * d; /* biases are not regularised */
  expect_near(w_of(&t), w, "w", 1);
  expect_near(b_of(&t), b, "b", 1);
  nn_network_free(&t.net);
}

/* A link killed by L1 stays at 0 even though momentum's velocity would carry it on. */
static void dead_links_never_move_under_momentum(void **state) {
  (void)state;
  tiny t;
  tiny_init(&t, NN_OPT_MOMENTUM, 1);
  nn_train_epoch(&t.net, XS, PTS, 2, &t.opts, NULL); /* some velocity */
  int wk = t.net.weight_offset[1];
  assert_true(t.net.opt_m[wk] != 0);
  t.net.dead[wk] = 1;
  t.net.params[wk] = 0;
  double vel = t.net.opt_m[wk];
  nn_train_epoch(&t.net, XS, PTS, 2, &t.opts, NULL);
  assert_true(t.net.params[wk] == 0);
  assert_true(t.net.opt_m[wk] == vel);
  nn_network_free(&t.net);
}

/* The default optimiser is TFP's update, bit for bit (the golden tests check it on every
 * fixture; here: SGD through nn_network_update_opt equals nn_network_update). */
static void sgd_through_the_optimiser_entry_is_tfp_update_bit_for_bit(void **state) {
  (void)state;
  tiny a, b;
  tiny_init(&a, NN_OPT_SGD, 1);
  tiny_init(&b, NN_OPT_SGD, 1);
  for (int k = 0; k < 3; k++) {
    double in[1] = {XS[k]};
    nn_network_backward(&a.net, nn_network_forward(&a.net, in) - PTS[k].label);
    nn_network_backward(&b.net, nn_network_forward(&b.net, in) - PTS[k].label);
  }
  nn_network_update(&a.net, 0.1, NN_REG_L1, 0.01);
  nn_network_update_opt(&b.net, &b.opts.optimizer, 0.1, NN_REG_L1, 0.01);
  assert_memory_equal(a.net.params, b.net.params, 2 * sizeof(double));
  assert_int_equal(b.net.opt_steps, 0);
  nn_network_free(&a.net);
  nn_network_free(&b.net);
}

/* Experiment level: optimiser state is cleared by reset, so a rerun repeats itself, and each
 * optimiser trains a real dataset. */
static void reset_clears_optimiser_state_and_training_repeats(void **state) {
  (void)state;
  for (int kind = NN_OPT_MOMENTUM; kind < NN_OPT_COUNT; kind++) {
    nn_config cfg;
    nn_config_default(&cfg);
    strcpy(cfg.seed, "optimisers");
    cfg.optimizer = (nn_optimizer)kind;
    cfg.learning_rate = 0.01;
    nn_experiment *e = NULL;
    assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
    assert_int_equal(nn_experiment_train(e, 40), NN_OK);
    int rows;
    const double *c = nn_experiment_loss_curve(e, &rows);
    double first[82];
    memcpy(first, c, sizeof first);
    if (!(first[80] < 0.5 * first[0]))
      fail_msg("%s: loss %g -> %g", nn_optimizer_name((nn_optimizer)kind), first[0], first[80]);
    assert_true(nn_experiment_network(e)->opt_steps > 0);
    assert_int_equal(nn_experiment_reset(e), NN_OK);
    const nn_network *net = nn_experiment_network(e);
    assert_int_equal(net->opt_steps, 0);
    for (int k = 0; k < net->num_params; k++) assert_true(net->opt_m[k] == 0 && net->opt_v[k] == 0);
    assert_int_equal(nn_experiment_train(e, 40), NN_OK);
    c = nn_experiment_loss_curve(e, &rows);
    assert_memory_equal(first, c, sizeof first);
    nn_experiment_destroy(e);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sgd_follows_the_textbook_rule_batch_1),
      cmocka_unit_test(sgd_follows_the_textbook_rule_batch_2),
      cmocka_unit_test(sgd_averages_a_batch_that_spans_epochs),
      cmocka_unit_test(momentum_follows_the_textbook_rule_batch_1),
      cmocka_unit_test(momentum_follows_the_textbook_rule_batch_2),
      cmocka_unit_test(momentum_averages_a_batch_that_spans_epochs),
      cmocka_unit_test(rmsprop_follows_the_textbook_rule_batch_1),
      cmocka_unit_test(rmsprop_follows_the_textbook_rule_batch_2),
      cmocka_unit_test(rmsprop_averages_a_batch_that_spans_epochs),
      cmocka_unit_test(adam_follows_the_textbook_rule_batch_1),
      cmocka_unit_test(adam_follows_the_textbook_rule_batch_2),
      cmocka_unit_test(adam_averages_a_batch_that_spans_epochs),
      cmocka_unit_test(adam_first_step_is_learning_rate_times_sign_of_gradient),
      cmocka_unit_test(kernels_skip_dead_entries_and_keep_their_state),
      cmocka_unit_test(l2_is_applied_after_the_optimiser_step_from_the_old_weight),
      cmocka_unit_test(dead_links_never_move_under_momentum),
      cmocka_unit_test(sgd_through_the_optimiser_entry_is_tfp_update_bit_for_bit),
      cmocka_unit_test(reset_clears_optimiser_state_and_training_repeats),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
