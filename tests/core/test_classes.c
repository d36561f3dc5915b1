/* test_classes.c — K-class problems (classes=K): the softmax and its cross-entropy against
 * central differences, the K-class data sets, training to a high accuracy with every optimiser,
 * dropout and regulariser, confusion matrices that count every point, the K-class heatmap, the
 * link (notices, round trip, changes while training, a moved training state), and the step
 * through refusing K outputs. Two classes stay TFP's: test_golden and test_cli hold the 16
 * fixtures bit for bit. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backprop_trace.h"
#include "classes.h"
#include "dataset_classes.h"
#include "experiment.h"
#include "from_hash.h"
#include "grid.h"
#include "link.h"
#include "nnfeatures.h"
#include "rng.h"
#include "softmax.h"
#include "state.h"

enum { MAX_P = 512 };

static void expect_close(double got, double want, double tol, const char *what, int k) {
  double scale = fmax(1, fmax(fabs(got), fabs(want)));
  if (!(fabs(got - want) <= tol * scale))
    fail_msg("%s[%d]: analytic %.12g, numeric %.12g", what, k, got, want);
}

/* ---- softmax and cross-entropy ---------------------------------------------------------- */

static void softmax_sums_to_one_and_survives_huge_totals(void **st) {
  (void)st;
  const double t[4] = {1000, 999, -1000, 1000};
  double p[4];
  nn_softmax(t, 4, p);
  double sum = 0;
  for (int j = 0; j < 4; j++) {
    assert_true(isfinite(p[j]));
    sum += p[j];
  }
  assert_true(fabs(sum - 1) < 1e-15);
  assert_true(fabs(p[0] - p[3]) == 0);
  assert_true(fabs(p[1] - p[0] / exp(1)) < 1e-15);
  assert_true(p[2] == 0); /* e^-2000 underflows; no NaN */
  /* The cross-entropy of huge totals is finite too: -log p = log(sum) - (t_y - max). */
  double ce = nn_softmax_cross_entropy(t, 4, 1);
  assert_true(isfinite(ce));
  expect_close(ce, -log(p[1]), 1e-12, "ce", 1);
  assert_true(isnan(nn_softmax_cross_entropy(t, 4, 4))); /* no such class */
  const double n[3] = {0, NAN, 1};
  nn_softmax(n, 3, p);
  assert_true(isnan(p[0]) && isnan(p[2]));
  assert_int_equal(nn_argmax(n, 3), 2);
  assert_int_equal(nn_argmax((const double[]){2, 5, 5}, 3), 1); /* the first on a tie */
}

static void cross_entropy_derivative_is_p_minus_onehot(void **st) {
  (void)st;
  const double t0[5] = {0.3, -1.2, 2.5, 0.0, -0.7};
  for (int y = 0; y < 5; y++) {
    double p[5], t[5];
    memcpy(t, t0, sizeof t);
    nn_softmax(t, 5, p);
    for (int k = 0; k < 5; k++) {
      const double h = 1e-6;
      t[k] = t0[k] + h;
      double up = nn_softmax_cross_entropy(t, 5, y);
      t[k] = t0[k] - h;
      double down = nn_softmax_cross_entropy(t, 5, y);
      t[k] = t0[k];
      expect_close(p[k] - (k == y), (up - down) / (2 * h), 1e-8, "dE/dt", k);
    }
  }
}

/* A K-class network on x, y, xTimesY, shape 5,4, with TFP's weights for `seed`, scaled up. */
static void probe_init(nn_network *net, double input[NN_FEAT_COUNT], nn_activation act, int k,
                       const char *seed) {
  nn_config cfg;
  nn_config_default(&cfg);
  cfg.activation = act;
  cfg.classes = k;
  cfg.features[NN_FEAT_X_TIMES_Y] = true;
  cfg.network_shape[0] = 5;
  cfg.network_shape[1] = 4;
  assert_true(nn_network_init(net, &cfg));
  assert_int_equal(net->classes, k);
  assert_int_equal(net->sizes[net->num_layers - 1], k);
  assert_true(net->num_params <= MAX_P);
  nn_rng rng;
  nn_rng_seed(&rng, seed);
  nn_network_init_weights(net, &rng, NN_INIT_UNIFORM);
  for (int j = 0; j < net->num_params; j++)
    net->params[j] = 2 * net->params[j] + (nn_rng_next(&rng) - 0.5);
  nn_features_compute(input, net->input_features, net->sizes[0], 0.7, -1.3);
}

static double probe_loss(nn_network *net, const double *input, int label) {
  nn_network_forward(net, input);
  int last = net->num_layers - 1;
  return nn_softmax_cross_entropy(net->total + net->node_offset[last], net->sizes[last], label);
}

static void check_network_gradient(nn_activation act, int k) {
  nn_network net;
  double input[NN_FEAT_COUNT], numeric[MAX_P];
  char seed[32];
  snprintf(seed, sizeof seed, "classes-%d-%d", (int)act, k);
  probe_init(&net, input, act, k, seed);
  int label = k - 2;
  for (int j = 0; j < net.num_params; j++) {
    const double h = 1e-6;
    double keep = net.params[j];
    net.params[j] = keep + h;
    double up = probe_loss(&net, input, label);
    net.params[j] = keep - h;
    double down = probe_loss(&net, input, label);
    net.params[j] = keep;
    numeric[j] = (up - down) / (2 * h);
  }
  nn_network_clear_training(&net);
  nn_network_forward(&net, input);
  nn_network_backward_classes(&net, label);
  int nonzero = 0;
  for (int j = 0; j < net.num_params; j++) {
    expect_close(net.grad[j], numeric[j], 1e-6, "grad", j);
    nonzero += net.grad[j] != 0;
  }
  assert_true(nonzero > net.num_params / 2); /* the check is not vacuous */
  for (int j = net.sizes[0]; j < net.num_nodes; j++) assert_int_equal(net.acc_count[j], 1);
  /* The class probabilities of the last pass sum to one and follow the output totals. */
  double p[NN_MAX_CLASSES], sum = 0;
  nn_network_class_probs(&net, p);
  for (int j = 0; j < k; j++) sum += p[j];
  assert_true(fabs(sum - 1) < 1e-12);
  nn_network_free(&net);
}

static void network_gradient_matches_central_differences(void **st) {
  (void)st;
  const nn_activation acts[] = {NN_ACT_TANH, NN_ACT_SIGMOID, NN_ACT_LINEAR, NN_ACT_SOFTPLUS};
  for (size_t a = 0; a < sizeof acts / sizeof acts[0]; a++)
    for (int k = 3; k <= NN_MAX_CLASSES; k++) check_network_gradient(acts[a], k);
}

/* ---- data sets -------------------------------------------------------------------------- */

static void datasets_have_k_classes_of_near_equal_size_from_the_seed(void **st) {
  (void)st;
  const nn_dataset_kind kinds[] = {NN_DATA_GAUSS, NN_DATA_SPIRAL};
  for (size_t d = 0; d < 2; d++)
    for (int k = 3; k <= NN_MAX_CLASSES; k++) {
      nn_point a[500], b[500];
      nn_rng r1, r2;
      nn_rng_seed(&r1, "blobs");
      nn_rng_seed(&r2, "blobs");
      assert_int_equal(nn_dataset_generate_classes(a, kinds[d], k, 500, 0.1, &r1), 500);
      assert_int_equal(nn_dataset_generate_classes(b, kinds[d], k, 500, 0.1, &r2), 500);
      assert_memory_equal(a, b, sizeof a); /* the same seed, the same points */
      int count[NN_MAX_CLASSES] = {0};
      for (int i = 0; i < 500; i++) {
        assert_int_equal(nn_class_of_label(a[i].label, k), (int)a[i].label);
        count[(int)a[i].label]++;
        assert_true(fabs(a[i].x) < 9 && fabs(a[i].y) < 9);
      }
      for (int c = 0; c < k; c++) assert_true(count[c] == 500 / k || count[c] == 500 / k + 1);
    }
  nn_point p[500];
  nn_rng r;
  nn_rng_seed(&r, "x");
  assert_int_equal(nn_dataset_generate_classes(p, NN_DATA_CIRCLE, 3, 500, 0, &r), 0);
  assert_int_equal(nn_dataset_generate_classes(p, NN_DATA_GAUSS, 7, 500, 0, &r), 0);
  assert_int_equal(nn_dataset_generate_classes(p, NN_DATA_GAUSS, 2, 500, 0, &r), 0);
}

/* ---- training --------------------------------------------------------------------------- */

static double final_accuracy(const char *hash, int epochs, int which) {
  nn_experiment *e = nn_test_from_hash(hash);
  assert_int_equal(nn_experiment_train(e, epochs), NN_OK);
  int rows;
  const double *acc = nn_experiment_accuracy_curve(e, &rows);
  const double *loss = nn_experiment_loss_curve(e, NULL);
  double a = acc[2 * (rows - 1) + which];
  /* the loss is the mean cross-entropy: it fell from about log K */
  assert_true(loss[2 * (rows - 1)] < loss[0]);
  assert_true(loss[0] > 0.5 && loss[0] < 3);
  assert_int_equal(nn_experiment_diverged_at(e), -1);
  nn_experiment_destroy(e);
  return a;
}

static void three_blobs_reach_95_percent_training_accuracy(void **st) {
  (void)st;
  double a = final_accuracy("classes=3&dataset=gauss&seed=blobs&noise=20", 100, 0);
  if (!(a >= 0.95)) fail_msg("training accuracy %g", a);
}

static void every_optimiser_dropout_and_regulariser_trains_k_classes(void **st) {
  (void)st;
  const char *hashes[] = {
      "classes=4&seed=k&optimizer=momentum",
      "classes=4&seed=k&optimizer=rmsprop&learningRate=0.01",
      "classes=5&seed=k&optimizer=adam&learningRate=0.01&networkShape=8,8",
      "classes=3&seed=k&dropout=0.2&networkShape=8",
      "classes=3&seed=k&regularization=L1&regularizationRate=0.001",
      "classes=6&seed=k&regularization=L2&regularizationRate=0.001&batchSize=1&networkShape=8,8",
      "classes=3&seed=k&dataset=spiral&networkShape=8,8,8&learningRate=0.1&activation=relu",
  };
  for (size_t h = 0; h < sizeof hashes / sizeof hashes[0]; h++) {
    double a = final_accuracy(hashes[h], 60, 0);
    if (!(a > 0.5)) fail_msg("%s: training accuracy %g", hashes[h], a);
  }
}

/* ---- confusion -------------------------------------------------------------------------- */

static void check_confusion(const char *hash, int k, int epochs) {
  nn_experiment *e = nn_test_from_hash(hash);
  assert_int_equal(nn_experiment_num_classes(e), k);
  assert_int_equal(nn_experiment_train(e, epochs), NN_OK);
  int train[NN_MAX_CLASSES * NN_MAX_CLASSES], test[NN_MAX_CLASSES * NN_MAX_CLASSES];
  int n_train, n_test;
  nn_experiment_train_points(e, &n_train);
  nn_experiment_test_points(e, &n_test);
  /* the node values (the last forward pass) are left as they were */
  const nn_network *net = nn_experiment_network(e);
  double before[2][64];
  memcpy(before[0], net->total, (size_t)net->num_nodes * sizeof before[0][0]);
  memcpy(before[1], net->output, (size_t)net->num_nodes * sizeof before[0][0]);
  assert_int_equal(nn_experiment_confusion(e, train, test), NN_OK);
  assert_memory_equal(before[0], net->total, (size_t)net->num_nodes * sizeof before[0][0]);
  assert_memory_equal(before[1], net->output, (size_t)net->num_nodes * sizeof before[0][0]);
  int sum_train = 0, sum_test = 0, diag_train = 0, diag_test = 0;
  for (int r = 0; r < k; r++)
    for (int c = 0; c < k; c++) {
      sum_train += train[r * k + c];
      sum_test += test[r * k + c];
      if (r == c) diag_train += train[r * k + c], diag_test += test[r * k + c];
    }
  assert_int_equal(sum_train, n_train);
  assert_int_equal(sum_test, n_test);
  int rows;
  const double *acc = nn_experiment_accuracy_curve(e, &rows);
  /* (the perceptron's accuracy is 1 - its error fraction: equal up to rounding) */
  assert_true(fabs(acc[2 * (rows - 1)] - (double)diag_train / n_train) < 1e-12);
  assert_true(fabs(acc[2 * (rows - 1) + 1] - (double)diag_test / n_test) < 1e-12);
  assert_true(diag_train < n_train || epochs > 0); /* epoch 0 is not already perfect */
  nn_experiment_destroy(e);
}

static void confusion_counts_every_point_and_agrees_with_accuracy(void **st) {
  (void)st;
  check_confusion("seed=c", 2, 0);
  check_confusion("seed=c&dataset=xor", 2, 30);
  check_confusion("seed=c&model=perceptron", 2, 5);
  check_confusion("classes=3&seed=c", 3, 0);
  check_confusion("classes=4&seed=c&dataset=spiral&percTrainData=30", 4, 20);
  check_confusion("classes=6&seed=c", 6, 10);
  nn_experiment *e = nn_test_from_hash("seed=c&problem=regression");
  int m[4];
  assert_int_equal(nn_experiment_num_classes(e), 0);
  assert_int_equal(nn_experiment_confusion(e, m, m), NN_ERR_INVALID);
  nn_experiment_destroy(e);
}

/* ---- the heatmap ------------------------------------------------------------------------ */

static void class_grid_gives_the_argmax_and_its_probability(void **st) {
  (void)st;
  nn_experiment *e = nn_test_from_hash("classes=4&seed=g&networkShape=6");
  assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  const int d = 30;
  nn_status s;
  const float *g = nn_experiment_evaluate_classes(e, d, &s);
  assert_non_null(g);
  nn_network *net = nn_experiment_network_mut(e);
  int agree = 0;
  for (int r = 0; r < d; r++)
    for (int c = 0; c < d; c++) {
      double in[NN_FEAT_COUNT], p[NN_MAX_CLASSES];
      nn_features_compute(in, net->input_features, net->sizes[0], nn_grid_coord(c, d),
                          nn_grid_coord(d - 1 - r, d));
      nn_network_forward(net, in);
      nn_network_class_probs(net, p);
      int best = nn_argmax(p, 4);
      float cls = g[r * d + c], prob = g[d * d + r * d + c];
      assert_true(cls >= 0 && cls <= 3 && cls == floorf(cls));
      assert_true(prob >= 0.25f - 1e-6f && prob <= 1 + 1e-6f);
      if ((int)cls == best) {
        agree++;
        assert_true(fabs(prob - p[best]) < 1e-4);
      }
    }
  assert_true(agree >= d * d - 3); /* float may differ only where two classes tie */
  assert_null(nn_experiment_evaluate_classes(e, 1, &s));
  assert_int_equal(s, NN_ERR_INVALID);
  nn_experiment_destroy(e);
  e = nn_test_from_hash("seed=g");
  assert_null(nn_experiment_evaluate_classes(e, d, &s)); /* two classes: one output node */
  assert_int_equal(s, NN_ERR_INVALID);
  nn_experiment_destroy(e);
}

/* ---- the link --------------------------------------------------------------------------- */

static void expect_notice(const char *hash, const char *param, const char *reason_part,
                          int classes) {
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(hash, &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, param);
  if (!strstr(ns.items[0].reason, reason_part)) fail_msg("%s: %s", hash, ns.items[0].reason);
  assert_int_equal(nn_config_num_classes(&cfg), classes);
}

static void bad_classes_values_get_notices(void **st) {
  (void)st;
  expect_notice("classes=9", "classes", "whole number from 2 to 6; using 2", 2);
  expect_notice("classes=abc", "classes", "not a number; using 2", 2);
  expect_notice("classes=2.5", "classes", "using 2", 2);
  expect_notice("classes=", "classes", "2", 2);
  expect_notice("classes=4&problem=regression", "classes", "regression; using 2", 0);
  expect_notice("classes=3&model=perceptron", "classes", "perceptron", 2);
  expect_notice("classes=3&dataset=xor", "dataset", "using gauss", 3);
  expect_notice("classes=5&dataset=circle", "dataset", "5 Gaussian blobs", 5);
}

static void a_k_class_link_reads_back_the_same(void **st) {
  (void)st;
  nn_config cfg, again;
  nn_notices ns;
  char hash[2048], hash2[2048];
  nn_state_parse("classes=3&seed=r", &cfg, &ns);
  assert_int_equal(ns.count, 0); /* the default dataset becomes gauss without a word */
  assert_int_equal(cfg.dataset, NN_DATA_GAUSS);
  nn_state_serialize(&cfg, hash, sizeof hash);
  assert_non_null(strstr(hash, "dataset=gauss"));
  assert_non_null(strstr(hash, "classes=3"));
  nn_state_parse(hash, &again, &ns);
  assert_int_equal(ns.count, 0);
  nn_state_serialize(&again, hash2, sizeof hash2);
  assert_string_equal(hash, hash2);
  nn_state_parse("classes=2&seed=r", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  nn_state_serialize(&cfg, hash, sizeof hash);
  assert_null(strstr(hash, "classes")); /* two classes: TFP's link */
}

static void changes_while_training_and_a_moved_state_replay_k_classes(void **st) {
  (void)st;
  const char *hash = "classes=4&seed=m&dataset=spiral&learningRate@5=0.1&optimizer@8=adam";
  nn_experiment *a = nn_test_open_link(hash, NULL);
  assert_int_equal(nn_experiment_train(a, 12), NN_OK);
  assert_int_equal(nn_experiment_change(a, "batchSize", "3", NULL), NN_OK);
  assert_int_equal(nn_experiment_train(a, 4), NN_OK);
  char *link = nn_test_link_of(a);
  nn_experiment *b = nn_test_open_link(link, NULL);
  assert_int_equal(nn_experiment_train(b, nn_experiment_target_epoch(b)), NN_OK);
  nn_test_assert_same_screen(a, b);

  /* A state saved at epoch 16 and loaded into a fresh experiment of the link trains on alike. */
  nn_experiment *c = nn_test_open_link(link, NULL);
  size_t size = nn_experiment_state_size(a, 0);
  uint8_t *buf = malloc(size);
  assert_int_equal(nn_experiment_save_state(a, 0, buf, size), NN_OK);
  assert_int_equal(nn_experiment_load_state(c, buf, size), NN_OK);
  assert_int_equal(nn_experiment_train(a, 7), NN_OK);
  assert_int_equal(nn_experiment_train(c, 7), NN_OK);
  nn_test_assert_same_screen(a, c);
  free(buf);
  free(link);
  nn_experiment_destroy(a);
  nn_experiment_destroy(b);
  nn_experiment_destroy(c);
}

static void the_step_through_traces_binary_networks_only(void **st) {
  (void)st;
  nn_experiment *e = nn_test_from_hash("classes=3&seed=t");
  nn_backprop_trace t = {0};
  assert_int_equal(nn_experiment_backprop_trace(e, 0, &t), NN_ERR_INVALID);
  nn_backprop_trace_free(&t);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(softmax_sums_to_one_and_survives_huge_totals),
      cmocka_unit_test(cross_entropy_derivative_is_p_minus_onehot),
      cmocka_unit_test(network_gradient_matches_central_differences),
      cmocka_unit_test(datasets_have_k_classes_of_near_equal_size_from_the_seed),
      cmocka_unit_test(three_blobs_reach_95_percent_training_accuracy),
      cmocka_unit_test(every_optimiser_dropout_and_regulariser_trains_k_classes),
      cmocka_unit_test(confusion_counts_every_point_and_agrees_with_accuracy),
      cmocka_unit_test(class_grid_gives_the_argmax_and_its_probability),
      cmocka_unit_test(bad_classes_values_get_notices),
      cmocka_unit_test(a_k_class_link_reads_back_the_same),
      cmocka_unit_test(changes_while_training_and_a_moved_state_replay_k_classes),
      cmocka_unit_test(the_step_through_traces_binary_networks_only),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
