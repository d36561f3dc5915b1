/* test_dropout.c — inverted dropout on hidden layers: rate 0 changes nothing (TFP bit for bit),
 * masks come from their own stream seeded by the link (reproducible, independent of data and
 * weights), kept outputs are scaled by 1/(1 - p), backward goes through the mask, evaluation
 * never drops. */
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
#include "fixture.h"
#include "loss.h"
#include "network.h"
#include "nnfeatures.h"
#include "rng.h"
#include "train.h"

#define FIXTURE(name) NN_FIXTURES_DIR "/" name ".json"

static nn_experiment *create(const nn_config *cfg) {
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, cfg), NN_OK);
  return e;
}

static void dropout_config(nn_config *cfg, const char *seed, double rate) {
  nn_config_default(cfg);
  strcpy(cfg->seed, seed);
  cfg->network_shape[0] = 8;
  cfg->network_shape[1] = 6;
  cfg->dropout = rate;
}

/* A fixture run with every new parameter written out at its default is still TFP's. */
static void explicit_defaults_reproduce_a_tfp_fixture_bit_for_bit(void **state) {
  (void)state;
  const char *names[] = {FIXTURE("dev02-xor-relu-L1-batch1-noise25"),
                         FIXTURE("dev04-spiral-tanh-6x8-allfeatures")};
  for (int f = 0; f < 2; f++) {
    nn_fixture fx;
    char err[256];
    if (!nn_fixture_load(&fx, names[f], err, sizeof err)) fail_msg("%s", err);
    nn_config cfg;
    nn_fixture_config_for_run(&fx, &cfg);
    cfg.dropout = 0;
    cfg.optimizer = NN_OPT_SGD;
    cfg.loss = NN_LOSS_SQUARE;
    cfg.init = NN_INIT_UNIFORM;
    nn_experiment *e = create(&cfg);
    assert_int_equal(nn_experiment_train(e, fx.loss_rows - 1), NN_OK);
    int rows;
    const double *c = nn_experiment_loss_curve(e, &rows);
    assert_int_equal(rows, fx.loss_rows);
    for (int k = 0; k < 2 * rows; k++)
      if (!nn_same_double(c[k], fx.loss_curve[k]))
        fail_msg("%s: curve[%d] %.17g, TFP %.17g", fx.name, k, c[k], fx.loss_curve[k]);
    int count;
    const double *mask = nn_experiment_dropout_mask(e, &count);
    for (int k = 0; k < count; k++) assert_true(mask[k] == 1);
    nn_experiment_destroy(e);
    nn_fixture_free(&fx);
  }
}

static void masks_are_reproducible_from_the_seed(void **state) {
  (void)state;
  nn_config cfg;
  dropout_config(&cfg, "drop", 0.5);
  nn_experiment *a = create(&cfg), *b = create(&cfg);
  dropout_config(&cfg, "drop-other", 0.5);
  nn_experiment *c = create(&cfg);
  int count, differ = 0;
  for (int ep = 0; ep < 5; ep++) {
    assert_int_equal(nn_experiment_train(a, 1), NN_OK);
    assert_int_equal(nn_experiment_train(b, 1), NN_OK);
    assert_int_equal(nn_experiment_train(c, 1), NN_OK);
    const double *ma = nn_experiment_dropout_mask(a, &count);
    assert_memory_equal(ma, nn_experiment_dropout_mask(b, NULL), (size_t)count * sizeof *ma);
    differ += memcmp(ma, nn_experiment_dropout_mask(c, NULL), (size_t)count * sizeof *ma) != 0;
  }
  assert_true(differ > 0);
  int rows;
  const double *ca = nn_experiment_loss_curve(a, &rows);
  assert_memory_equal(ca, nn_experiment_loss_curve(b, NULL), (size_t)rows * 2 * sizeof *ca);

  /* reset rewinds the dropout stream: the same run again */
  double first[12];
  memcpy(first, ca, sizeof first);
  assert_int_equal(nn_experiment_reset(a), NN_OK);
  assert_int_equal(nn_experiment_train(a, 5), NN_OK);
  assert_memory_equal(first, nn_experiment_loss_curve(a, NULL), sizeof first);
  nn_experiment_destroy(a);
  nn_experiment_destroy(b);
  nn_experiment_destroy(c);
}

/* Data and initial weights come from the link's stream; dropout's own stream leaves them be. */
static void dropout_leaves_data_and_initial_weights_as_tfp_makes_them(void **state) {
  (void)state;
  nn_config cfg;
  dropout_config(&cfg, "same-data", 0);
  nn_experiment *plain = create(&cfg);
  cfg.dropout = 0.3;
  nn_experiment *drop = create(&cfg);
  int n;
  const nn_point *p = nn_experiment_train_points(plain, &n);
  assert_memory_equal(p, nn_experiment_train_points(drop, NULL), (size_t)n * sizeof *p);
  const nn_network *a = nn_experiment_network(plain), *b = nn_experiment_network(drop);
  assert_memory_equal(a->params, b->params, (size_t)a->num_params * sizeof(double));
  /* epoch 0's losses are evaluated without dropout: identical */
  assert_memory_equal(nn_experiment_loss_curve(plain, NULL), nn_experiment_loss_curve(drop, NULL),
                      2 * sizeof(double));
  /* training differs */
  assert_int_equal(nn_experiment_train(plain, 1), NN_OK);
  assert_int_equal(nn_experiment_train(drop, 1), NN_OK);
  assert_memory_not_equal(a->params, b->params, (size_t)a->num_params * sizeof(double));
  nn_experiment_destroy(plain);
  nn_experiment_destroy(drop);
}

static void masks_drop_hidden_nodes_at_the_rate_and_scale_the_kept_ones(void **state) {
  (void)state;
  nn_config cfg;
  dropout_config(&cfg, "mask-values", 0.25);
  nn_network net;
  assert_true(nn_network_init(&net, &cfg));
  nn_rng rng;
  nn_rng_seed(&rng, "weights");
  nn_network_init_weights(&net, &rng, NN_INIT_UNIFORM);
  nn_rng drop;
  nn_rng_seed(&drop, "mask-values|dropout");
  double in[2] = {0.3, -0.7};
  int dropped = 0, hidden_total = 0;
  int hidden = net.num_nodes - net.sizes[0] - 1;
  for (int pass = 0; pass < 2000; pass++) {
    uint64_t before = drop.draws;
    nn_network_forward_dropout(&net, in, 0.25, &drop);
    assert_int_equal(drop.draws - before, hidden); /* one draw per hidden node */
    assert_true(net.masked);
    for (int k = 0; k < net.num_nodes; k++) {
      bool is_hidden = k >= net.sizes[0] && k < net.num_nodes - 1;
      if (!is_hidden) {
        assert_true(net.mask[k] == 1);
        continue;
      }
      assert_true(net.mask[k] == 0 || net.mask[k] == 1 / (1 - 0.25));
      if (net.mask[k] == 0) assert_true(net.output[k] == 0);
      else
        assert_true(net.output[k] == nn_act_value(NN_ACT_TANH, net.total[k]) * (1 / (1 - 0.25)));
      dropped += net.mask[k] == 0;
      hidden_total++;
    }
  }
  double frac = (double)dropped / hidden_total;
  if (!(fabs(frac - 0.25) < 0.02)) fail_msg("dropped fraction %g, rate 0.25", frac);
  /* rate 0: no draws, plain forward */
  uint64_t before = drop.draws;
  nn_network_forward_dropout(&net, in, 0, &drop);
  assert_int_equal(drop.draws, before);
  assert_false(net.masked);
  nn_network_free(&net);
}

/* With a fixed mask the network is an ordinary function of its parameters: backward must give
 * its derivatives. The mask is fixed by replaying the same dropout stream. */
static void backward_through_a_mask_matches_finite_differences(void **state) {
  (void)state;
  nn_config cfg;
  dropout_config(&cfg, "mask-gradient", 0.4);
  cfg.activation = NN_ACT_TANH;
  nn_network net;
  assert_true(nn_network_init(&net, &cfg));
  nn_rng rng;
  nn_rng_seed(&rng, "mask-gradient-weights");
  nn_network_init_weights(&net, &rng, NN_INIT_UNIFORM);
  for (int k = 0; k < net.num_params; k++) net.params[k] *= 3;
  nn_rng drop0;
  nn_rng_seed(&drop0, "some stream");
  nn_rng_next(&drop0);
  double in[2] = {0.9, -0.4}, target = 1;
  double *numeric = malloc((size_t)net.num_params * sizeof *numeric);
  assert_non_null(numeric);
  const double h = 1e-6;
  for (int k = 0; k < net.num_params; k++) {
    double keep = net.params[k];
    nn_rng d = drop0;
    net.params[k] = keep + h;
    double up = nn_square_error(nn_network_forward_dropout(&net, in, 0.4, &d), target);
    d = drop0;
    net.params[k] = keep - h;
    double down = nn_square_error(nn_network_forward_dropout(&net, in, 0.4, &d), target);
    net.params[k] = keep;
    numeric[k] = (up - down) / (2 * h);
  }
  nn_network_clear_training(&net);
  nn_rng d = drop0;
  double out = nn_network_forward_dropout(&net, in, 0.4, &d);
  int dropped = 0;
  for (int k = 0; k < net.num_nodes; k++) dropped += net.mask[k] == 0;
  assert_true(dropped > 0 && dropped < net.num_nodes - net.sizes[0] - 1); /* not vacuous */
  nn_network_backward(&net, nn_square_error_der(out, target));
  int nonzero = 0;
  for (int k = 0; k < net.num_params; k++) {
    double got = net.grad[k], want = numeric[k];
    if (!(fabs(got - want) <= 1e-6 * fmax(1, fabs(want))))
      fail_msg("grad[%d]: analytic %.12g, numeric %.12g", k, got, want);
    nonzero += got != 0;
  }
  assert_true(nonzero > 0);
  free(numeric);
  nn_network_free(&net);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(explicit_defaults_reproduce_a_tfp_fixture_bit_for_bit),
      cmocka_unit_test(masks_are_reproducible_from_the_seed),
      cmocka_unit_test(dropout_leaves_data_and_initial_weights_as_tfp_makes_them),
      cmocka_unit_test(masks_drop_hidden_nodes_at_the_rate_and_scale_the_kept_ones),
      cmocka_unit_test(backward_through_a_mask_matches_finite_differences),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
