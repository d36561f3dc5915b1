/* test_golden.c — every TFP golden fixture, reproduced bit for bit natively (glibc = Chromium's
 * Math, docs/tfp-behaviour.md §9): derived values, every data point, the initial network, the network
 * after one epoch (with L1's dead links) and all 301 rows of the loss curve. */
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

typedef struct {
  const char *path;
  nn_fixture fx;
  nn_experiment *e;
} golden_case;

static int setup_case(void **state) {
  golden_case *c = *state;
  char err[256];
  if (!nn_fixture_load(&c->fx, c->path, err, sizeof err)) {
    print_error("%s\n", err);
    return -1;
  }
  nn_config cfg;
  nn_fixture_config_for_run(&c->fx, &cfg);
  nn_status s = nn_experiment_create(&c->e, &cfg);
  if (s != NN_OK) {
    print_error("%s: create failed: %s\n", c->fx.name, nn_status_message(s));
    nn_fixture_free(&c->fx);
    return -1;
  }
  return 0;
}

static int teardown_case(void **state) {
  golden_case *c = *state;
  nn_experiment_destroy(c->e);
  c->e = NULL;
  nn_fixture_free(&c->fx);
  return 0;
}

/* Fails at the first element that is not bit-identical, naming it. */
static void expect_same_doubles(const char *fixture, const char *what, const double *got,
                                const double *want, size_t n) {
  for (size_t k = 0; k < n; k++) {
    if (!nn_same_double(got[k], want[k]))
      fail_msg("%s: %s[%zu] is %.17g, TFP has %.17g", fixture, what, k, got[k], want[k]);
  }
}

static void seed_is_the_one_tfp_used_drawn_for_seedless_hashes(void **state) {
  golden_case *c = *state;
  const nn_config *cfg = nn_experiment_config(c->e);
  if (!c->fx.state_seed) fail_msg("%s: state has no seed", c->fx.name);
  if (strcmp(cfg->seed, c->fx.state_seed) != 0)
    fail_msg("%s: seed '%s', TFP used '%s'", c->fx.name, cfg->seed, c->fx.state_seed);
  if (!c->fx.seed_in_hash) assert_true(c->fx.has_unseeded_random);
}

static void derived_values_match_tfp(void **state) {
  golden_case *c = *state;
  const nn_fixture *fx = &c->fx;
  const nn_network *net = nn_experiment_network(c->e);
  const nn_config *cfg = nn_experiment_config(c->e);

  assert_int_equal(net->sizes[0], fx->num_inputs);
  for (int k = 0; k < fx->num_inputs; k++)
    assert_string_equal(nn_feature_name(net->input_features[k]),
                        nn_feature_name(fx->input_ids[k]));
  assert_int_equal(net->num_layers, fx->num_layers);
  for (int l = 0; l < fx->num_layers; l++) assert_int_equal(net->sizes[l], fx->layer_sizes[l]);
  assert_string_equal(nn_activation_name(net->output_activation),
                      nn_activation_name(fx->output_activation));
  assert_string_equal(nn_activation_name(net->hidden_activation),
                      nn_activation_name(fx->cfg.activation));

  int n_train, n_test;
  nn_experiment_train_points(c->e, &n_train);
  nn_experiment_test_points(c->e, &n_test);
  assert_int_equal(n_train + n_test, fx->num_samples);
  assert_int_equal(n_train, fx->split_index);
  assert_int_equal(n_train, fx->num_train);
  assert_int_equal(n_test, fx->num_test);
  double noise = cfg->noise / 100;
  assert_true(nn_same_double(noise, fx->generator_noise_argument));

  nn_draw_counts d = nn_experiment_draw_counts(c->e);
  assert_int_equal(d.generator, fx->math_random_draws.generator);
  assert_int_equal(d.shuffle, fx->math_random_draws.shuffle);
  assert_int_equal(d.weights, fx->math_random_draws.weights);
}

static void every_data_point_matches_tfp_bit_for_bit(void **state) {
  golden_case *c = *state;
  int n_train, n_test;
  const nn_point *train = nn_experiment_train_points(c->e, &n_train);
  const nn_point *test = nn_experiment_test_points(c->e, &n_test);
  assert_int_equal(n_train, c->fx.train_count);
  assert_int_equal(n_test, c->fx.test_count);
  expect_same_doubles(c->fx.name, "train (x, y, label)", (const double *)train,
                      (const double *)c->fx.train, 3 * (size_t)n_train);
  expect_same_doubles(c->fx.name, "test (x, y, label)", (const double *)test,
                      (const double *)c->fx.test, 3 * (size_t)n_test);
}

static void check_network(const golden_case *c, const nn_fixture_network *want,
                          const char *what) {
  const nn_network *net = nn_experiment_network(c->e);
  assert_int_equal(net->num_layers, want->num_layers);
  for (int l = 0; l < net->num_layers; l++) {
    assert_int_equal(net->sizes[l], want->sizes[l]);
    if (l == 0) continue;
    assert_int_equal(net->weight_offset[l], want->weight_offset[l]);
    assert_int_equal(net->bias_offset[l], want->bias_offset[l]);
  }
  assert_int_equal(net->num_params, want->num_params);
  for (int k = 0; k < want->num_ids; k++) {
    char id[16];
    snprintf(id, sizeof id, "%d", nn_network_node_id(net, net->sizes[0] + k));
    assert_string_equal(id, want->ids[k]);
  }
  expect_same_doubles(c->fx.name, what, net->params, want->params, (size_t)net->num_params);
  for (int k = 0; k < net->num_params; k++)
    if (net->dead[k] != want->dead[k])
      fail_msg("%s: %s dead[%d] is %d, TFP has %d", c->fx.name, what, k, net->dead[k],
               want->dead[k]);
}

static void initial_network_matches_tfp_bit_for_bit(void **state) {
  golden_case *c = *state;
  check_network(c, &c->fx.network, "initial params");
}

static void network_after_one_epoch_matches_tfp_including_dead_links(void **state) {
  golden_case *c = *state;
  assert_int_equal(nn_experiment_train(c->e, 1), NN_OK);
  check_network(c, &c->fx.network_after_1, "params after epoch 1");
}

static void loss_curve_epochs_0_to_300_matches_tfp_bit_for_bit(void **state) {
  golden_case *c = *state;
  int rows;
  assert_int_equal(c->fx.loss_rows, 301);
  for (int k = 0; k < 300; k += 50) assert_int_equal(nn_experiment_train(c->e, 50), NN_OK);
  const double *curve = nn_experiment_loss_curve(c->e, &rows);
  assert_int_equal(rows, c->fx.loss_rows);
  for (int r = 0; r < rows; r++) {
    for (int s = 0; s < 2; s++) {
      double got = curve[2 * r + s], want = c->fx.loss_curve[2 * r + s];
      if (!nn_same_double(got, want))
        fail_msg("%s: %s loss at epoch %d is %.17g, TFP has %.17g", c->fx.name,
                 s ? "test" : "train", r, got, want);
    }
  }
}

static void fixture_directory_holds_the_golden_fixtures(void **state) {
  (void)state;
  char **paths;
  int n = nn_fixture_list(NN_FIXTURES_DIR, &paths);
  if (n < 16) fail_msg("expected at least 16 fixtures in %s, found %d", NN_FIXTURES_DIR, n);
  nn_fixture_list_free(paths, n);
}

static const struct {
  const char *name;
  CMUnitTestFunction fn;
} aspects[] = {
    {"the seed is the one TFP used (drawn for seedless hashes)",
     seed_is_the_one_tfp_used_drawn_for_seedless_hashes},
    {"derived values match TFP", derived_values_match_tfp},
    {"every data point matches TFP bit for bit", every_data_point_matches_tfp_bit_for_bit},
    {"initial network matches TFP bit for bit", initial_network_matches_tfp_bit_for_bit},
    {"network after one epoch matches TFP, dead links included",
     network_after_one_epoch_matches_tfp_including_dead_links},
    {"loss curve, epochs 0-300, matches TFP bit for bit",
     loss_curve_epochs_0_to_300_matches_tfp_bit_for_bit},
};

int main(void) {
  char **paths = NULL;
  int n = nn_fixture_list(NN_FIXTURES_DIR, &paths);
  if (n < 0) n = 0;
  size_t num_aspects = sizeof aspects / sizeof aspects[0];
  size_t count = 1 + (size_t)n * num_aspects;
  struct CMUnitTest *tests = calloc(count, sizeof *tests);
  golden_case *cases = calloc((size_t)n * num_aspects + 1, sizeof *cases);
  char **names = calloc(count, sizeof *names);
  if (!tests || !cases || !names) return 1;

  tests[0] = (struct CMUnitTest)cmocka_unit_test(fixture_directory_holds_the_golden_fixtures);
  size_t t = 1;
  for (int f = 0; f < n; f++) {
    const char *base = strrchr(paths[f], '/');
    base = base ? base + 1 : paths[f];
    for (size_t a = 0; a < num_aspects; a++, t++) {
      size_t len = strlen(base) + strlen(aspects[a].name) + 3;
      names[t] = malloc(len);
      if (!names[t]) return 1;
      snprintf(names[t], len, "%.*s: %s", (int)(strlen(base) - 5), base, aspects[a].name);
      cases[t - 1].path = paths[f];
      tests[t] = (struct CMUnitTest){names[t], aspects[a].fn, setup_case, teardown_case,
                                     &cases[t - 1]};
    }
  }
  int failed = _cmocka_run_group_tests("golden: TFP fixtures", tests, count, NULL, NULL);
  for (size_t k = 0; k < count; k++) free(names[k]);
  free(names);
  free(tests);
  free(cases);
  nn_fixture_list_free(paths, n);
  return failed;
}
