/* test_init.c — weight initialisation schemes: TFP's uniform default unchanged, zeros, Xavier
 * and He in range with plausible variance, one draw per link for every scheme, deterministic
 * from the seed. */
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
#include "rng.h"

/* A wide network: 2 inputs, hidden 32, 32, 32, 1 output: 2*32 + 2*32*32 + 32 = 2144 links. */
static void wide_config(nn_config *cfg) {
  nn_config_default(cfg);
  cfg->num_hidden_layers = 3;
  cfg->network_shape[0] = cfg->network_shape[1] = cfg->network_shape[2] = 32;
}

static void init_with(nn_network *net, nn_init scheme, const char *seed, uint64_t *draws) {
  nn_config cfg;
  wide_config(&cfg);
  assert_true(nn_network_init(net, &cfg));
  nn_rng rng;
  nn_rng_seed(&rng, seed);
  nn_network_init_weights(net, &rng, scheme);
  if (draws) *draws = rng.draws;
}

static void uniform_default_is_tfp_draw_minus_half_and_bias_point_one(void **state) {
  (void)state;
  nn_config cfg;
  nn_config_default(&cfg);
  assert_int_equal(cfg.init, NN_INIT_UNIFORM);
  assert_int_equal(nn_config_init_scheme(&cfg), NN_INIT_UNIFORM);
  nn_network net;
  init_with(&net, NN_INIT_UNIFORM, "init", NULL);
  nn_rng rng;
  nn_rng_seed(&rng, "init");
  for (int l = 1; l < net.num_layers; l++)
    for (int j = 0; j < net.sizes[l]; j++) {
      assert_true(net.params[net.bias_offset[l] + j] == 0.1);
      for (int i = 0; i < net.sizes[l - 1]; i++)
        assert_true(net.params[net.weight_offset[l] + j * net.sizes[l - 1] + i] ==
                    nn_rng_next(&rng) - 0.5);
    }
  nn_network_free(&net);
}

static void zeros_sets_everything_to_zero_and_init_zero_means_zeros(void **state) {
  (void)state;
  nn_network net;
  init_with(&net, NN_INIT_ZEROS, "init", NULL);
  for (int k = 0; k < net.num_params; k++) assert_true(net.params[k] == 0);
  nn_network_free(&net);
  nn_config cfg;
  nn_config_default(&cfg);
  cfg.init_zero = true; /* a TFP link's initZero=true, init left at its default */
  assert_int_equal(nn_config_init_scheme(&cfg), NN_INIT_ZEROS);
  cfg.init_zero = false;
  cfg.init = NN_INIT_HE;
  assert_int_equal(nn_config_init_scheme(&cfg), NN_INIT_HE);
}

static void every_scheme_draws_once_per_link_in_creation_order(void **state) {
  (void)state;
  uint64_t want = 0, got;
  nn_network net;
  init_with(&net, NN_INIT_UNIFORM, "draws", &want);
  int links = 0;
  for (int l = 1; l < net.num_layers; l++) links += net.sizes[l] * net.sizes[l - 1];
  assert_int_equal(want, links);
  nn_network_free(&net);
  for (int s = 0; s < NN_INIT_COUNT; s++) {
    init_with(&net, (nn_init)s, "draws", &got);
    assert_int_equal(got, want);
    nn_network_free(&net);
  }
  /* Xavier and He are the same draw, rescaled: (2r - 1) a */
  nn_network x;
  init_with(&x, NN_INIT_XAVIER, "draws", NULL);
  nn_rng rng;
  nn_rng_seed(&rng, "draws");
  double a = sqrt(6.0 / (2 + 32));
  assert_true(fabs(x.params[0] - (2 * nn_rng_next(&rng) - 1) * a) < 1e-15);
  nn_network_free(&x);
}

/* Every weight of each layer inside the scheme's range, the sample variance near the target. */
static void check_scheme_statistics(nn_init scheme) {
  nn_network net;
  init_with(&net, scheme, "statistics", NULL);
  for (int l = 1; l < net.num_layers; l++) {
    int n_out = net.sizes[l], n_in = net.sizes[l - 1], n = n_out * n_in;
    double a = scheme == NN_INIT_XAVIER ? sqrt(6.0 / (n_in + n_out)) : sqrt(6.0 / n_in);
    double var_target = a * a / 3; /* U(-a, a) */
    double expected = scheme == NN_INIT_XAVIER ? 2.0 / (n_in + n_out) : 2.0 / n_in;
    assert_true(fabs(var_target - expected) < 1e-12);
    double sum = 0, sq = 0;
    for (int k = 0; k < n; k++) {
      double w = net.params[net.weight_offset[l] + k];
      if (!(fabs(w) <= a)) fail_msg("layer %d weight %d = %g outside +-%g", l, k, w, a);
      sum += w;
      sq += w * w;
    }
    for (int j = 0; j < n_out; j++) assert_true(net.params[net.bias_offset[l] + j] == 0);
    if (n < 1000) continue; /* too few links for a variance estimate */
    double mean = sum / n, var = sq / n - mean * mean;
    if (!(fabs(var - expected) < 0.15 * expected))
      fail_msg("%s layer %d: variance %g, expected %g", nn_init_name(scheme), l, var, expected);
    assert_true(fabs(mean) < 0.1 * a);
  }
  nn_network_free(&net);
}

static void xavier_weights_are_in_range_with_variance_two_over_fan_in_plus_out(void **state) {
  (void)state;
  check_scheme_statistics(NN_INIT_XAVIER);
}

static void he_weights_are_in_range_with_variance_two_over_fan_in(void **state) {
  (void)state;
  check_scheme_statistics(NN_INIT_HE);
}

static void initialisation_is_deterministic_from_the_seed(void **state) {
  (void)state;
  for (int s = 0; s < NN_INIT_COUNT; s++) {
    nn_config cfg;
    nn_config_default(&cfg);
    strcpy(cfg.seed, "repeat");
    cfg.init = (nn_init)s;
    cfg.init_zero = s == NN_INIT_ZEROS;
    nn_experiment *a = NULL, *b = NULL, *c = NULL;
    assert_int_equal(nn_experiment_create(&a, &cfg), NN_OK);
    assert_int_equal(nn_experiment_create(&b, &cfg), NN_OK);
    strcpy(cfg.seed, "other");
    assert_int_equal(nn_experiment_create(&c, &cfg), NN_OK);
    const nn_network *na = nn_experiment_network(a), *nb = nn_experiment_network(b),
                     *nc = nn_experiment_network(c);
    size_t bytes = (size_t)na->num_params * sizeof(double);
    assert_memory_equal(na->params, nb->params, bytes);
    if (s != NN_INIT_ZEROS) assert_memory_not_equal(na->params, nc->params, bytes);
    /* reset restores the same initial network */
    assert_int_equal(nn_experiment_train(a, 3), NN_OK);
    assert_int_equal(nn_experiment_reset(a), NN_OK);
    assert_memory_equal(na->params, nb->params, bytes);
    /* the data do not depend on the scheme: the stream is at the same place afterwards */
    nn_draw_counts da = nn_experiment_draw_counts(a);
    assert_int_equal(da.weights, 4 * 2 + 2 * 4 + 2);
    nn_experiment_destroy(a);
    nn_experiment_destroy(b);
    nn_experiment_destroy(c);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(uniform_default_is_tfp_draw_minus_half_and_bias_point_one),
      cmocka_unit_test(zeros_sets_everything_to_zero_and_init_zero_means_zeros),
      cmocka_unit_test(every_scheme_draws_once_per_link_in_creation_order),
      cmocka_unit_test(xavier_weights_are_in_range_with_variance_two_over_fan_in_plus_out),
      cmocka_unit_test(he_weights_are_in_range_with_variance_two_over_fan_in),
      cmocka_unit_test(initialisation_is_deterministic_from_the_seed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
