/* test_layer_stats.c — each layer's activations and error signals over the training points:
 * the summaries equal those of a forward and backward pass written out here from the fixtures'
 * own networks and points (TFP's numbers, not the engine's), computing them never changes
 * training, zero initialisation shows every neuron of a layer identical and a wide uniform one
 * saturates tanh. */
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

#include "each_fixture.h"
#include "experiment.h"
#include "fixture.h"
#include "from_hash.h"
#include "layer_stats.h"

/* ---- The reference: TFP's forward and backward, written out -------------------------------- */

static double act(nn_activation a, double t) {
  switch (a) {
    case NN_ACT_RELU: return t > 0 ? t : 0;
    case NN_ACT_TANH: return tanh(t);
    case NN_ACT_SIGMOID: return 1 / (1 + exp(-t));
    default: return t;
  }
}

static double act_der(nn_activation a, double out) {
  switch (a) {
    case NN_ACT_RELU: return out <= 0 ? 0 : 1;
    case NN_ACT_TANH: return 1 - out * out;
    case NN_ACT_SIGMOID: return out * (1 - out);
    default: return 1;
  }
}

static double feature(nn_feature f, double x, double y) {
  switch (f) {
    case NN_FEAT_X: return x;
    case NN_FEAT_Y: return y;
    case NN_FEAT_X_SQUARED: return x * x;
    case NN_FEAT_Y_SQUARED: return y * y;
    case NN_FEAT_X_TIMES_Y: return x * y;
    case NN_FEAT_SIN_X: return sin(x);
    default: return sin(y);
  }
}

typedef struct {
  int layers, sizes[NN_LAYER_STATS_MAX_LAYERS], first[NN_LAYER_STATS_MAX_LAYERS], nodes;
  double *acts, *grads; /* [node * n + p] */
} reference;

/* Every node's output and dE/d total at every training point of fixture fx's initial network. */
static void reference_run(reference *r, const nn_fixture *fx) {
  const nn_fixture_network *net = &fx->network;
  int n = fx->train_count;
  r->layers = net->num_layers;
  r->nodes = 0;
  for (int l = 0; l < r->layers; l++) {
    r->sizes[l] = net->sizes[l];
    r->first[l] = r->nodes;
    r->nodes += net->sizes[l];
  }
  r->acts = calloc((size_t)r->nodes * n, sizeof *r->acts);
  r->grads = calloc((size_t)r->nodes * n, sizeof *r->grads);
  double *total = calloc((size_t)r->nodes, sizeof *total), *out = calloc((size_t)r->nodes, sizeof *out);
  double *delta = calloc((size_t)r->nodes, sizeof *delta);
  assert_non_null(r->acts);
  assert_non_null(r->grads);
  for (int p = 0; p < n; p++) {
    const nn_point *pt = &fx->train[p];
    for (int i = 0; i < r->sizes[0]; i++) out[i] = feature(fx->input_ids[i], pt->x, pt->y);
    for (int l = 1; l < r->layers; l++) {
      nn_activation a = l == r->layers - 1 ? fx->output_activation : fx->cfg.activation;
      for (int j = 0; j < r->sizes[l]; j++) {
        double t = net->params[net->bias_offset[l] + j];
        for (int i = 0; i < r->sizes[l - 1]; i++)
          t += net->params[net->weight_offset[l] + j * r->sizes[l - 1] + i] * out[r->first[l - 1] + i];
        total[r->first[l] + j] = t;
        out[r->first[l] + j] = act(a, t);
      }
    }
    int last = r->nodes - 1;
    delta[last] = (out[last] - pt->label) * act_der(fx->output_activation, out[last]);
    for (int l = r->layers - 2; l >= 1; l--)
      for (int i = 0; i < r->sizes[l]; i++) {
        double d = 0;
        for (int j = 0; j < r->sizes[l + 1]; j++)
          d += net->params[net->weight_offset[l + 1] + j * r->sizes[l] + i] * delta[r->first[l + 1] + j];
        delta[r->first[l] + i] = d * act_der(fx->cfg.activation, out[r->first[l] + i]);
      }
    for (int k = 0; k < r->nodes; k++) {
      r->acts[(size_t)k * n + p] = out[k];
      r->grads[(size_t)k * n + p] = delta[k];
    }
  }
  free(total);
  free(out);
  free(delta);
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The header's quantile of the non-NaN values v[0 .. len) at level q. */
static double quantile(const double *v, int len, double q) {
  double *s = malloc(((size_t)len + 1) * sizeof *s);
  int m = 0;
  for (int i = 0; i < len; i++)
    if (!isnan(v[i])) s[m++] = v[i];
  qsort(s, (size_t)m, sizeof *s, cmp);
  double x = q * (m - 1), r = NAN;
  if (m > 0) {
    int i = (int)floor(x);
    r = x == i ? s[i] : s[i] + (x - i) * (s[i + 1] - s[i]);
  }
  free(s);
  return r;
}

static void check_fixture(const nn_fixture *fx, const char *path, void *ctx) {
  (void)ctx;
  nn_config cfg;
  nn_fixture_config_for_run(fx, &cfg);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  nn_layer_stats s = {0};
  assert_int_equal(nn_experiment_layer_stats(e, &s), NN_OK);
  reference r;
  reference_run(&r, fx);
  int n = fx->train_count;
  assert_int_equal(s.num_points, n);
  assert_int_equal(s.num_layers, r.layers);
  for (int l = 1; l < r.layers; l++) {
    assert_int_equal(s.sizes[l], r.sizes[l]);
    const double *a = r.acts + (size_t)r.first[l] * n, *g = r.grads + (size_t)r.first[l] * n;
    int len = r.sizes[l] * n;
    for (int q = 0; q < NN_LAYER_STATS_NUM_LEVELS; q++) {
      double level = NN_LAYER_STATS_LEVELS[q];
      if (!nn_same_double(s.act_q[l * NN_LAYER_STATS_NUM_LEVELS + q], quantile(a, len, level)) ||
          !nn_same_double(s.grad_q[l * NN_LAYER_STATS_NUM_LEVELS + q], quantile(g, len, level)))
        fail_msg("%s: layer %d, quantile %g differs", path, l, level);
    }
    int bins[NN_LAYER_STATS_BINS] = {0}, total = 0;
    double lo = s.hist_lo[l], hi = s.hist_hi[l];
    nn_activation act_l = l == r.layers - 1 ? fx->output_activation : fx->cfg.activation;
    if (act_l == NN_ACT_TANH) assert_true(lo == -1 && hi == 1);
    else if (act_l == NN_ACT_SIGMOID) assert_true(lo == 0 && hi == 1);
    else {
      double min = quantile(a, len, 0), max = quantile(a, len, 1);
      assert_true(min < max ? lo == min && hi == max : lo == min - 1 && hi == max + 1);
    }
    for (int i = 0; i < len; i++) {
      double x = NN_LAYER_STATS_BINS * (a[i] - lo) / (hi - lo);
      bins[x < 0 ? 0 : x >= NN_LAYER_STATS_BINS ? NN_LAYER_STATS_BINS - 1 : (int)x]++;
    }
    for (int b = 0; b < NN_LAYER_STATS_BINS; b++) {
      if (s.hist[l * NN_LAYER_STATS_BINS + b] != bins[b])
        fail_msg("%s: layer %d, bin %d: %d, want %d", path, l, b, s.hist[l * NN_LAYER_STATS_BINS + b], bins[b]);
      total += bins[b];
    }
    assert_int_equal(total, len);
    bool same = r.sizes[l] > 1;
    for (int j = 1; same && j < r.sizes[l]; j++)
      for (int p = 0; same && p < n; p++)
        same = nn_same_double(a[(size_t)j * n + p], a[p]) && nn_same_double(g[(size_t)j * n + p], g[p]);
    assert_int_equal(s.identical[l], same);
  }
  free(r.acts);
  free(r.grads);
  nn_experiment_destroy(e);
}

static void summaries_equal_a_written_out_pass_over_every_fixture(void **state) {
  (void)state;
  nn_each_fixture(check_fixture, NULL);
}

/* ---- Never touching training ---------------------------------------------------------------- */

static void computing_them_every_epoch_leaves_training_bit_for_bit(void **state) {
  (void)state;
  const char *hash = "activation=relu&networkShape=6,3&dataset=spiral&batchSize=3&dropout=0.2"
                     "&optimizer=adam&regularization=L2&regularizationRate=0.001&seed=stats";
  nn_experiment *plain = nn_test_from_hash(hash), *watched = nn_test_from_hash(hash);
  nn_layer_stats s = {0};
  for (int epoch = 0; epoch < 40; epoch++) {
    assert_int_equal(nn_experiment_layer_stats(watched, &s), NN_OK);
    assert_int_equal(nn_experiment_train(plain, 1), NN_OK);
    assert_int_equal(nn_experiment_train(watched, 1), NN_OK);
  }
  const nn_network *a = nn_experiment_network(plain), *b = nn_experiment_network(watched);
  assert_memory_equal(a->params, b->params, (size_t)a->num_params * sizeof *a->params);
  assert_memory_equal(a->opt_m, b->opt_m, (size_t)a->num_params * sizeof *a->opt_m);
  assert_memory_equal(a->mask, b->mask, (size_t)a->num_nodes * sizeof *a->mask);
  int rows_a, rows_b;
  const double *ca = nn_experiment_loss_curve(plain, &rows_a), *cb = nn_experiment_loss_curve(watched, &rows_b);
  assert_int_equal(rows_a, rows_b);
  assert_memory_equal(ca, cb, (size_t)rows_a * 2 * sizeof *ca);
  nn_experiment_destroy(plain);
  nn_experiment_destroy(watched);
}

/* ---- Symmetry ----------------------------------------------------------------------------- */

static void zero_initialisation_shows_every_neuron_of_a_layer_identical(void **state) {
  (void)state;
  /* sigmoid: with zero weights its outputs are 0.5, so training moves the weights, all alike */
  nn_experiment *e = nn_test_from_hash("activation=sigmoid&networkShape=4,3&init=zeros&seed=sym");
  nn_layer_stats s = {0};
  for (int round = 0; round < 2; round++) {
    assert_int_equal(nn_experiment_layer_stats(e, &s), NN_OK);
    assert_int_equal(s.identical[1], 1);
    assert_int_equal(s.identical[2], 1);
    assert_int_equal(s.identical[3], 0); /* one output neuron: nothing to compare */
    if (round == 0) /* every output 0.5 */
      assert_true(s.act_q[1 * NN_LAYER_STATS_NUM_LEVELS] == s.act_q[1 * NN_LAYER_STATS_NUM_LEVELS + 6]);
    assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  }
  /* it has moved: the first layer's activations are no longer all 0.5 */
  assert_true(s.act_q[1 * NN_LAYER_STATS_NUM_LEVELS] < s.act_q[1 * NN_LAYER_STATS_NUM_LEVELS + 6]);
  nn_experiment_destroy(e);
  e = nn_test_from_hash("activation=sigmoid&networkShape=4,3&init=xavier&seed=sym");
  assert_int_equal(nn_experiment_layer_stats(e, &s), NN_OK);
  assert_int_equal(s.identical[1], 0);
  assert_int_equal(s.identical[2], 0);
  nn_experiment_destroy(e);
}

static void wide_uniform_tanh_saturates_deep_layers_more_than_xavier(void **state) {
  (void)state;
  /* 32 -> 32: TFP's U(-0.5, 0.5) has variance 1/12 per link, Xavier 2/64 */
  int ends[2][4];
  for (int k = 0; k < 2; k++) {
    char hash[128];
    snprintf(hash, sizeof hash, "activation=tanh&networkShape=32,32,32&seed=sat&init=%s",
             k == 0 ? "uniform" : "xavier");
    nn_experiment *e = nn_test_from_hash(hash);
    nn_layer_stats s = {0};
    assert_int_equal(nn_experiment_layer_stats(e, &s), NN_OK);
    for (int l = 1; l <= 3; l++) {
      const int *bins = s.hist + l * NN_LAYER_STATS_BINS;
      ends[k][l] = bins[0] + bins[NN_LAYER_STATS_BINS - 1]; /* |a| > 0.9 */
    }
      nn_experiment_destroy(e);
  }
  for (int l = 2; l <= 3; l++) {
    assert_true(ends[0][l] > 2 * ends[1][l]);
  }
}

static void bad_arguments_are_refused(void **state) {
  (void)state;
  nn_layer_stats s = {0};
  assert_int_equal(nn_experiment_layer_stats(NULL, &s), NN_ERR_INVALID);
  nn_experiment *e = nn_test_from_hash("model=perceptron&seed=p");
  assert_int_equal(nn_experiment_layer_stats(e, &s), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_layer_stats(e, NULL), NN_ERR_INVALID);
  nn_experiment_destroy(e);
  e = nn_test_from_hash("seed=q");
  nn_config other = *nn_experiment_config(e);
  other.network_shape[0] += 1;
  assert_int_equal(nn_layer_stats_run(&s, nn_experiment_network(e), &other, NULL, 0), NN_ERR_INVALID);
  /* no points: quantiles NaN, empty histograms */
  assert_int_equal(nn_layer_stats_run(&s, nn_experiment_network(e), nn_experiment_config(e), NULL, 0), NN_OK);
  assert_true(isnan(s.act_q[NN_LAYER_STATS_NUM_LEVELS]));
  assert_int_equal(s.hist[NN_LAYER_STATS_BINS + 10], 0);
  nn_layer_stats_destroy(NULL);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(summaries_equal_a_written_out_pass_over_every_fixture),
      cmocka_unit_test(computing_them_every_epoch_leaves_training_bit_for_bit),
      cmocka_unit_test(zero_initialisation_shows_every_neuron_of_a_layer_identical),
      cmocka_unit_test(wide_uniform_tanh_saturates_deep_layers_more_than_xavier),
      cmocka_unit_test(bad_arguments_are_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
