/* test_isolation.c — experiments share nothing; reset and regenerate are deterministic; the
 * seed of a seedless link is formatted exactly like JavaScript's toFixed(5). */
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
#include "rng.h"

#define FIXTURE(name) NN_FIXTURES_DIR "/" name ".json"
static const char *const FX_A = FIXTURE("dev01-circle-tanh-4x2-default");
static const char *const FX_B = FIXTURE("dev12-regplane-tanh-L1-allfeatures-batch30");
static const char *const FX_C = FIXTURE("dev16-xor-relu-L1-dead-links");

static nn_experiment *create_from(const char *path, nn_fixture *fx_out) {
  nn_fixture fx;
  char err[256];
  if (!nn_fixture_load(&fx, path, err, sizeof err)) fail_msg("%s", err);
  nn_config cfg;
  nn_fixture_config_for_run(&fx, &cfg);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  if (fx_out) *fx_out = fx;
  else nn_fixture_free(&fx);
  return e;
}

static void expect_same_bits(const double *a, const double *b, size_t n, const char *what) {
  for (size_t k = 0; k < n; k++)
    if (!nn_same_double(a[k], b[k])) fail_msg("%s[%zu]: %.17g vs %.17g", what, k, a[k], b[k]);
}

static void expect_same_experiment(const nn_experiment *x, const nn_experiment *y) {
  int rx, ry;
  const double *cx = nn_experiment_loss_curve(x, &rx), *cy = nn_experiment_loss_curve(y, &ry);
  assert_int_equal(rx, ry);
  expect_same_bits(cx, cy, 2 * (size_t)rx, "loss curve");
  const nn_network *nx = nn_experiment_network(x), *ny = nn_experiment_network(y);
  assert_int_equal(nx->num_params, ny->num_params);
  expect_same_bits(nx->params, ny->params, (size_t)nx->num_params, "params");
  assert_memory_equal(nx->dead, ny->dead, (size_t)nx->num_params);
  int tx, ty, sx, sy;
  const nn_point *px = nn_experiment_train_points(x, &tx), *py = nn_experiment_train_points(y, &ty);
  nn_experiment_test_points(x, &sx);
  nn_experiment_test_points(y, &sy);
  assert_int_equal(tx, ty);
  assert_int_equal(sx, sy);
  expect_same_bits((const double *)px, (const double *)py, 3 * (size_t)(tx + sx), "points");
  assert_string_equal(nn_experiment_config(x)->seed, nn_experiment_config(y)->seed);
}

static void interleaved_experiments_train_exactly_as_each_alone(void **state) {
  (void)state;
  nn_experiment *a = create_from(FX_A, NULL), *b = create_from(FX_B, NULL);
  nn_experiment *c = create_from(FX_C, NULL);
  for (int k = 0; k < 40; k++) {
    assert_int_equal(nn_experiment_train(a, 1), NN_OK);
    assert_int_equal(nn_experiment_train(b, 2), NN_OK);
    assert_int_equal(nn_experiment_train(c, 1), NN_OK);
    nn_status s;
    assert_non_null(nn_experiment_evaluate_grid(b, 13 + k % 3, &s)); /* drawing changes nothing */
  }
  nn_experiment *a_alone = create_from(FX_A, NULL);
  assert_int_equal(nn_experiment_train(a_alone, 40), NN_OK);
  nn_experiment *b_alone = create_from(FX_B, NULL);
  assert_int_equal(nn_experiment_train(b_alone, 80), NN_OK);
  nn_experiment *c_alone = create_from(FX_C, NULL);
  assert_int_equal(nn_experiment_train(c_alone, 40), NN_OK);
  expect_same_experiment(a, a_alone);
  expect_same_experiment(b, b_alone);
  expect_same_experiment(c, c_alone);
  nn_experiment_destroy(a);
  nn_experiment_destroy(b);
  nn_experiment_destroy(c);
  nn_experiment_destroy(a_alone);
  nn_experiment_destroy(b_alone);
  nn_experiment_destroy(c_alone);
}

static void interleaved_experiments_match_the_golden_curves(void **state) {
  (void)state;
  nn_fixture fa, fb;
  nn_experiment *a = create_from(FX_A, &fa), *b = create_from(FX_B, &fb);
  for (int k = 0; k < 300; k++) {
    assert_int_equal(nn_experiment_train(b, 1), NN_OK);
    assert_int_equal(nn_experiment_train(a, 1), NN_OK);
  }
  int rows;
  expect_same_bits(nn_experiment_loss_curve(a, &rows), fa.loss_curve, 2 * 301, "curve A");
  expect_same_bits(nn_experiment_loss_curve(b, &rows), fb.loss_curve, 2 * 301, "curve B");
  nn_experiment_destroy(a);
  nn_experiment_destroy(b);
  nn_fixture_free(&fa);
  nn_fixture_free(&fb);
}

static void reset_restores_initial_weights_and_curve_bit_for_bit(void **state) {
  (void)state;
  nn_fixture fx;
  nn_experiment *e = create_from(FX_C, &fx); /* L1 kills links: dead flags must be cleared too */
  nn_experiment *fresh = create_from(FX_C, NULL);
  assert_int_equal(nn_experiment_train(e, 25), NN_OK);
  int dead = 0;
  for (int k = 0; k < nn_experiment_network(e)->num_params; k++)
    dead += nn_experiment_network(e)->dead[k];
  assert_true(dead > 0);

  assert_int_equal(nn_experiment_reset(e), NN_OK);
  assert_int_equal(nn_experiment_epoch(e), 0);
  expect_same_experiment(e, fresh);
  expect_same_bits(nn_experiment_network(e)->params, fx.network.params,
                   (size_t)fx.network.num_params, "initial params vs TFP");
  for (int k = 0; k < nn_experiment_network(e)->num_nodes; k++)
    assert_int_equal(nn_experiment_network(e)->acc_count[k], 0);

  /* and trains again exactly like the first time (no accumulators left over) */
  assert_int_equal(nn_experiment_train(e, 30), NN_OK);
  assert_int_equal(nn_experiment_train(fresh, 30), NN_OK);
  expect_same_experiment(e, fresh);
  int rows;
  expect_same_bits(nn_experiment_loss_curve(e, &rows), fx.loss_curve, 2 * 31, "curve vs TFP");
  nn_experiment_destroy(e);
  nn_experiment_destroy(fresh);
  nn_fixture_free(&fx);
}

static bool is_fixed5(const char *s) {
  if (strlen(s) != 7 || s[1] != '.' || (s[0] != '0' && strcmp(s, "1.00000") != 0)) return false;
  for (int k = 2; k < 7; k++)
    if (s[k] < '0' || s[k] > '9') return false;
  return true;
}

static void regenerate_draws_a_new_fixed5_seed_deterministically(void **state) {
  (void)state;
  nn_experiment *e = create_from(FX_A, NULL), *twin = create_from(FX_A, NULL);
  char old_seed[NN_MAX_SEED_LEN + 1];
  strcpy(old_seed, nn_experiment_config(e)->seed);
  assert_int_equal(nn_experiment_train(e, 7), NN_OK); /* training draws nothing */

  /* The new seed is the next value of the seeded stream after data and weights. */
  nn_rng rng;
  nn_rng_seed(&rng, old_seed);
  nn_draw_counts d = nn_experiment_draw_counts(e);
  for (uint64_t k = 0; k < d.generator + d.shuffle + d.weights; k++) nn_rng_next(&rng);
  char want[8];
  nn_seed_from_unseeded(nn_rng_next(&rng), want);

  assert_int_equal(nn_experiment_regenerate(e), NN_OK);
  assert_int_equal(nn_experiment_regenerate(twin), NN_OK);
  char seed[NN_MAX_SEED_LEN + 1];
  strcpy(seed, nn_experiment_config(e)->seed);
  assert_true(is_fixed5(seed));
  assert_string_not_equal(seed, old_seed);
  assert_string_equal(seed, want);
  assert_int_equal(nn_experiment_epoch(e), 0);
  expect_same_experiment(e, twin);

  /* a regenerated experiment is a fresh load of its new seed */
  nn_config cfg = *nn_experiment_config(e);
  nn_experiment *reloaded = NULL;
  assert_int_equal(nn_experiment_create(&reloaded, &cfg), NN_OK);
  expect_same_experiment(e, reloaded);

  /* reset does not undo a regenerate; after reset, regenerate continues the same stream */
  assert_int_equal(nn_experiment_train(e, 3), NN_OK);
  assert_int_equal(nn_experiment_reset(e), NN_OK);
  expect_same_experiment(e, reloaded);
  assert_int_equal(nn_experiment_regenerate(e), NN_OK);
  assert_int_equal(nn_experiment_regenerate(reloaded), NN_OK);
  expect_same_experiment(e, reloaded);
  assert_string_not_equal(nn_experiment_config(e)->seed, seed);

  nn_experiment_destroy(e);
  nn_experiment_destroy(twin);
  nn_experiment_destroy(reloaded);
}

static void fixed5(double r, char out[8]) { nn_seed_from_unseeded(r, out); }

static void unseeded_seed_formats_like_js_to_fixed_5(void **state) {
  (void)state;
  char s[8];
  fixed5(0.5, s);
  assert_string_equal(s, "0.50000");
  fixed5(0, s);
  assert_string_equal(s, "0.00000");
  fixed5(0.12345, s);
  assert_string_equal(s, "0.12345");
  fixed5(0.999999, s);
  assert_string_equal(s, "1.00000");
  fixed5(0.000005, s); /* the double is a little above 5e-6 */
  assert_string_equal(s, "0.00001");
  fixed5(4e-7, s);
  assert_string_equal(s, "0.00000");
}

/* Exact ties round up in JS ("pick the larger n"); printf rounds them to even. */
static void unseeded_seed_rounds_exact_ties_up_like_js(void **state) {
  (void)state;
  char s[8];
  fixed5(0.015625, s); /* 1562.5 / 10^5 exactly */
  assert_string_equal(s, "0.01563");
  fixed5(0.078125, s); /* 7812.5 */
  assert_string_equal(s, "0.07813");
  fixed5(0.046875, s); /* 4687.5 */
  assert_string_equal(s, "0.04688");
  fixed5(nextafter(0.015625, 0), s);
  assert_string_equal(s, "0.01562");
  fixed5(nextafter(0.015625, 1), s);
  assert_string_equal(s, "0.01563");
  /* 0.5 + k/2^17 ... any dyadic r with r*10^5 = n + 1/2: (2n+1) / 200000, 3125 | 2n+1 */
  for (int odd = 3125; odd < 200000; odd += 6250) {
    double r = odd / 200000.0;
    fixed5(r, s);
    char want[8];
    snprintf(want, sizeof want, "%d.%05d", (odd / 2 + 1) / 100000, (odd / 2 + 1) % 100000);
    assert_string_equal(s, want);
  }
}

/* Away from exact ties, glibc's printf is exact too: the two must agree everywhere else. */
static void unseeded_seed_agrees_with_exact_printf_away_from_ties(void **state) {
  (void)state;
  nn_rng rng;
  nn_rng_seed(&rng, "toFixed");
  char mine[8], ref[32];
  for (int k = 0; k < 200000; k++) {
    double r = nn_rng_next(&rng);
    if (k % 4 == 1) r = ldexp(r, -(k % 23)); /* small values: other exponents */
    fixed5(r, mine);
    snprintf(ref, sizeof ref, "%.5f", r);
    if (strcmp(mine, ref) != 0) fail_msg("r=%.17g: %s, printf %s", r, mine, ref);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(interleaved_experiments_train_exactly_as_each_alone),
      cmocka_unit_test(interleaved_experiments_match_the_golden_curves),
      cmocka_unit_test(reset_restores_initial_weights_and_curve_bit_for_bit),
      cmocka_unit_test(regenerate_draws_a_new_fixed5_seed_deterministically),
      cmocka_unit_test(unseeded_seed_formats_like_js_to_fixed_5),
      cmocka_unit_test(unseeded_seed_rounds_exact_ties_up_like_js),
      cmocka_unit_test(unseeded_seed_agrees_with_exact_printf_away_from_ties),
  };
  return cmocka_run_group_tests_name("isolation", tests, NULL, NULL);
}
