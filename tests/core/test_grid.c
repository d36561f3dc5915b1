/* test_grid.c — the drawing grid: input slices are the feature values, every other slice is
 * close (1e-5) to the exact double forward pass, row 0 is y = +6, bad densities are refused; one
 * node alone (the big heatmap) is its slice of the whole grid, and exact beyond its densities. */
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
#include "each_fixture.h"
#include "fixture.h"
#include "grid.h"
#include "network.h"
#include "nnfeatures.h"
#include "rng.h"

#define FIXTURE(name) NN_FIXTURES_DIR "/" name ".json"

static nn_experiment *create_from(const char *path) {
  nn_fixture fx;
  char err[256];
  if (!nn_fixture_load(&fx, path, err, sizeof err)) fail_msg("%s", err);
  nn_config cfg;
  nn_fixture_config_for_run(&fx, &cfg);
  nn_fixture_free(&fx);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  return e;
}

/* Every slice against the exact forward pass at the cell's coordinates. */
static void check_grid_against_forward(nn_experiment *e, int density, double tol) {
  nn_status s = NN_ERR_INVALID;
  const float *g = nn_experiment_evaluate_grid(e, density, &s);
  assert_int_equal(s, NN_OK);
  assert_non_null(g);
  /* a copy of the network so the experiment's node values stay as they were */
  const nn_network *src = nn_experiment_network(e);
  nn_network net = *src;
  double *node_buf = malloc(4 * ((size_t)src->num_nodes + 1) * sizeof(double));
  assert_non_null(node_buf);
  net.total = node_buf;
  net.output = node_buf + src->num_nodes + 1;
  net.output_der = node_buf + 2 * ((size_t)src->num_nodes + 1);
  net.input_der = node_buf + 3 * ((size_t)src->num_nodes + 1);

  size_t cells = (size_t)density * density;
  double in[NN_FEAT_COUNT];
  for (int r = 0; r < density; r++) {
    double y = nn_grid_coord(density - 1 - r, density);
    for (int c = 0; c < density; c++) {
      double x = nn_grid_coord(c, density);
      nn_features_compute(in, net.input_features, net.sizes[0], x, y);
      nn_network_forward(&net, in);
      for (int k = 0; k < net.num_nodes; k++) {
        float got = g[k * cells + (size_t)r * density + c];
        double want = net.output[k];
        if (k < net.sizes[0]) {
          if (got != (float)want)
            fail_msg("input node %d at (%d,%d): %.9g, feature %.17g", k, r, c, got, want);
        } else if (!(fabs(got - want) <= tol)) {
          fail_msg("node %d at (%d,%d): grid %.9g, exact %.17g", k, r, c, got, want);
        }
      }
    }
  }
  free(node_buf);
}

static void input_slices_equal_feature_values_and_row_0_is_y_plus_6(void **state) {
  (void)state;
  nn_experiment *e = create_from(FIXTURE("dev04-spiral-tanh-6x8-allfeatures"));
  const int d = 9;
  nn_status s;
  const float *g = nn_experiment_evaluate_grid(e, d, &s);
  assert_int_equal(s, NN_OK);
  const nn_network *net = nn_experiment_network(e);
  assert_int_equal(net->input_features[0], NN_FEAT_X);
  assert_int_equal(net->input_features[1], NN_FEAT_Y);
  size_t cells = (size_t)d * d;
  const float *xs = g, *ys = g + cells;
  assert_true(ys[0] == 6.0f && ys[d - 1] == 6.0f);          /* row 0: y = +6 */
  assert_true(ys[(size_t)(d - 1) * d] == -6.0f);             /* last row: y = -6 */
  assert_true(xs[0] == -6.0f && xs[d - 1] == 6.0f);          /* column 0: x = -6 */
  assert_true(xs[4] == 0.0f && ys[4 * d] == 0.0f);           /* centre */
  for (int r = 0; r < d; r++)
    for (int c = 1; c < d; c++) {
      assert_true(xs[r * d + c] > xs[r * d + c - 1]);
      assert_true(ys[(c - 1) * d + r] > ys[c * d + r]);
    }
  check_grid_against_forward(e, d, 1e-5);
  nn_experiment_destroy(e);
}

static void every_slice_is_close_to_the_exact_forward_pass(void **state) {
  (void)state;
  static const char *const names[] = {
      "dev04-spiral-tanh-6x8-allfeatures",      /* deep tanh, every feature */
      "dev03-gauss-sigmoid-L2-batch30-noise50-perc90",  /* sigmoid */
      "dev06-reggauss-relu-L2-noise25",         /* relu, linear output */
      "dev10-gauss-linear-L1-lr1-perc10",       /* linear hidden */
      "dev12-regplane-tanh-L1-allfeatures-batch30",
  };
  for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s.json", NN_FIXTURES_DIR, names[n]);
    nn_experiment *e = create_from(path);
    check_grid_against_forward(e, 40, 1e-5);           /* initial network */
    assert_int_equal(nn_experiment_train(e, 60), NN_OK);
    check_grid_against_forward(e, 100, 1e-5);          /* trained */
    check_grid_against_forward(e, 2, 1e-5);            /* smallest density */
    nn_experiment_destroy(e);
  }
}

/* After 100 epochs the output node on TFP's 7x7 grid is the fixture's, within float precision. */
static void grid_matches(const nn_fixture *fx, const char *path, void *ctx) {
  (void)path;
  (void)ctx;
  assert_true(fx->has_grid);
  nn_config cfg;
  nn_fixture_config_for_run(fx, &cfg);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  assert_int_equal(nn_experiment_train(e, 100), NN_OK);
  nn_status s;
  const float *g = nn_experiment_evaluate_grid(e, NN_FX_GRID, &s);
  assert_int_equal(s, NN_OK);
  const nn_network *net = nn_experiment_network(e);
  const float *out = g + (size_t)(net->num_nodes - 1) * NN_FX_GRID * NN_FX_GRID;
  for (int r = 0; r < NN_FX_GRID; r++) {
    assert_true(nn_grid_coord(NN_FX_GRID - 1 - r, NN_FX_GRID) == fx->grid_ys[r]);
    for (int c = 0; c < NN_FX_GRID; c++) {
      assert_true(nn_grid_coord(c, NN_FX_GRID) == fx->grid_xs[c]);
      double want = fx->grid[r][c], got = out[r * NN_FX_GRID + c];
      if (isnan(want) ? !isnan(got) : !(fabs(got - want) <= 1e-5))
        fail_msg("%s: grid[%d][%d] %.9g, TFP %.17g", fx->name, r, c, got, want);
    }
  }
  nn_experiment_destroy(e);
}

static void grid_after_100_epochs_matches_tfp_output(void **state) {
  (void)state;
  nn_each_fixture(grid_matches, NULL);
}

static void bad_densities_are_refused(void **state) {
  (void)state;
  nn_experiment *e = create_from(FIXTURE("dev01-circle-tanh-4x2-default"));
  const int bad[] = {-1, 0, 1, 201, 1000000};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    nn_status s = NN_OK;
    assert_null(nn_experiment_evaluate_grid(e, bad[k], &s));
    assert_int_equal(s, NN_ERR_INVALID);
    assert_int_equal(nn_grid_size(nn_experiment_network(e), bad[k]), 0);
    assert_int_equal(nn_grid_eval(NULL, nn_experiment_network(e), bad[k]), NN_ERR_INVALID);
  }
  nn_status s = NN_ERR_INVALID;
  assert_non_null(nn_experiment_evaluate_grid(e, 200, &s));
  assert_int_equal(s, NN_OK);
  assert_non_null(nn_experiment_evaluate_grid(e, 2, NULL));
  nn_experiment_destroy(e);
}

/* The input slices are cached per density: changing density back and forth recomputes them. */
static void changing_density_recomputes_the_grid(void **state) {
  (void)state;
  nn_experiment *e = create_from(FIXTURE("dev15-hide-param-removes-feature-dup-param"));
  check_grid_against_forward(e, 30, 1e-5);
  check_grid_against_forward(e, 11, 1e-5);
  check_grid_against_forward(e, 30, 1e-5);
  assert_int_equal(nn_experiment_train(e, 5), NN_OK);
  check_grid_against_forward(e, 30, 1e-5);              /* weights changed, same density */
  assert_int_equal(nn_experiment_regenerate(e), NN_OK);
  check_grid_against_forward(e, 30, 1e-5);
  nn_experiment_destroy(e);
}

/* One node alone: the same floats as its slice of the whole grid (cached input slices), and
 * beyond the whole grid's densities (features computed cell by cell) within 1e-5 of the exact
 * double forward pass: float sums of at most a few dozen terms plus the 1e-6 tanh. */
static void one_node_equals_its_grid_slice_and_is_exact_beyond_200(void **state) {
  (void)state;
  static const char *const names[] = {"dev01-circle-tanh-4x2-default",
                                      "dev04-spiral-tanh-6x8-allfeatures",
                                      "dev06-reggauss-relu-L2-noise25"};
  for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s.json", NN_FIXTURES_DIR, names[n]);
    nn_experiment *e = create_from(path);
    assert_int_equal(nn_experiment_train(e, 40), NN_OK);
    const nn_network *net = nn_experiment_network(e);
    const int densities[] = {100, 37, 2};
    for (size_t d = 0; d < 3; d++) {
      int density = densities[d];
      size_t cells = (size_t)density * density;
      for (int k = 0; k < net->num_nodes; k++) {
        nn_status s = NN_ERR_INVALID;
        const float *one = nn_experiment_evaluate_node(e, k, density, &s);
        assert_int_equal(s, NN_OK);
        float *copy = malloc(cells * sizeof *copy);
        assert_non_null(copy);
        memcpy(copy, one, cells * sizeof *copy);
        const float *all = nn_experiment_evaluate_grid(e, density, &s);
        assert_int_equal(s, NN_OK);
        if (memcmp(copy, all + k * cells, cells * sizeof *copy) != 0)
          fail_msg("%s: node %d at density %d differs from its grid slice", names[n], k, density);
        free(copy);
      }
    }
    /* 301: past NN_GRID_MAX_DENSITY, so no input slices are cached; output node and a hidden. */
    const int fine = 301;
    int nodes[2] = {net->num_nodes - 1, net->sizes[0]};
    for (int i = 0; i < 2; i++) {
      nn_status s = NN_ERR_INVALID;
      const float *one = nn_experiment_evaluate_node(e, nodes[i], fine, &s);
      assert_int_equal(s, NN_OK);
      nn_network copy = *net;
      double *buf = malloc(4 * ((size_t)net->num_nodes + 1) * sizeof(double));
      assert_non_null(buf);
      copy.total = buf;
      copy.output = buf + net->num_nodes + 1;
      copy.output_der = buf + 2 * ((size_t)net->num_nodes + 1);
      copy.input_der = buf + 3 * ((size_t)net->num_nodes + 1);
      double in[NN_FEAT_COUNT];
      for (int r = 0; r < fine; r += 7)
        for (int c = 0; c < fine; c++) {
          double x = nn_grid_coord(c, fine), y = nn_grid_coord(fine - 1 - r, fine);
          nn_features_compute(in, copy.input_features, copy.sizes[0], x, y);
          nn_network_forward(&copy, in);
          double want = copy.output[nodes[i]], got = one[(size_t)r * fine + c];
          if (!(fabs(got - want) <= 1e-5))
            fail_msg("%s: node %d at (%d,%d) of %d: %.9g, exact %.17g", names[n], nodes[i], r, c,
                     fine, got, want);
        }
      free(buf);
    }
    nn_experiment_destroy(e);
  }
}

static void bad_nodes_and_node_densities_are_refused(void **state) {
  (void)state;
  nn_experiment *e = create_from(FIXTURE("dev01-circle-tanh-4x2-default"));
  int nodes = nn_experiment_network(e)->num_nodes;
  const int bad_density[] = {-1, 0, 1, NN_GRID_MAX_NODE_DENSITY + 1};
  for (size_t k = 0; k < sizeof bad_density / sizeof bad_density[0]; k++) {
    nn_status s = NN_OK;
    assert_null(nn_experiment_evaluate_node(e, nodes - 1, bad_density[k], &s));
    assert_int_equal(s, NN_ERR_INVALID);
  }
  const int bad_node[] = {-1, nodes, 1 << 30};
  for (size_t k = 0; k < sizeof bad_node / sizeof bad_node[0]; k++) {
    nn_status s = NN_OK;
    assert_null(nn_experiment_evaluate_node(e, bad_node[k], 50, &s));
    assert_int_equal(s, NN_ERR_INVALID);
  }
  assert_non_null(nn_experiment_evaluate_node(e, nodes - 1, 2, NULL));
  nn_experiment_destroy(e);
}

/* The grid's sums go two neurons and 16 cells at a time; each cell's operations stay those of
 * a plain loop (the bias, then w[i] * x[i] added left to right in float, then the fast
 * activation), so its bits must be too: layers of odd sizes (a lone last neuron), densities
 * whose cell counts are no multiple of 16 or 4 (and tiles that end mid-block), tanh and sigmoid. */
static void grid_bits_are_the_plain_per_cell_loop(void **state) {
  (void)state;
  nn_fixture fx;
  char err[256];
  if (!nn_fixture_load(&fx, FIXTURE("dev01-circle-tanh-4x2-default"), err, sizeof err))
    fail_msg("%s", err);
  for (int a = 0; a < 2; a++) {
    nn_config cfg;
    nn_fixture_config_for_run(&fx, &cfg);
    cfg.num_hidden_layers = 3;
    cfg.network_shape[0] = 5, cfg.network_shape[1] = 3, cfg.network_shape[2] = 7;
    cfg.activation = a == 0 ? NN_ACT_TANH : NN_ACT_SIGMOID;
    nn_experiment *e = NULL;
    assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
    assert_int_equal(nn_experiment_train(e, 30), NN_OK);
    const nn_network *net = nn_experiment_network(e);
    const int densities[] = {37, 17, 3};
    for (size_t d = 0; d < 3; d++) {
      int density = densities[d];
      size_t cells = (size_t)density * density;
      nn_status s;
      const float *g = nn_experiment_evaluate_grid(e, density, &s);
      assert_int_equal(s, NN_OK);
      for (size_t c = 0; c < cells; c++) {
        float v[NN_MAX_HIDDEN_LAYERS * NN_MAX_NEURONS + NN_FEAT_COUNT + 8];
        for (int k = 0; k < net->sizes[0]; k++) v[k] = g[k * cells + c];
        for (int l = 1; l < net->num_layers; l++) {
          nn_activation act =
              l == net->num_layers - 1 ? net->output_activation : net->hidden_activation;
          for (int j = 0; j < net->sizes[l]; j++) {
            const double *w = net->params + net->weight_offset[l] + (size_t)j * net->sizes[l - 1];
            float sum = (float)net->params[net->bias_offset[l] + j];
            for (int i = 0; i < net->sizes[l - 1]; i++)
              sum = sum + (float)w[i] * v[net->node_offset[l - 1] + i];
            v[net->node_offset[l] + j] =
                act == NN_ACT_TANH ? nn_fast_tanhf(sum)
                : act == NN_ACT_SIGMOID ? nn_fast_sigmoidf(sum) : sum;
          }
        }
        for (int k = net->sizes[0]; k < net->num_nodes; k++)
          if (memcmp(&v[k], &g[k * cells + c], sizeof(float)) != 0)
            fail_msg("activation %d, density %d, node %d, cell %zu: grid %.9g, plain loop %.9g",
                     a, density, k, c, g[k * cells + c], v[k]);
      }
    }
    nn_experiment_destroy(e);
  }
  nn_fixture_free(&fx);
}

static void fast_tanh_and_sigmoid_are_within_1e_6(void **state) {
  (void)state;
  double worst_t = 0, worst_s = 0;
  for (int k = -400000; k <= 400000; k++) {
    float x = (float)k * 5e-5f;
    worst_t = fmax(worst_t, fabs(nn_fast_tanhf(x) - tanh((double)x)));
    worst_s = fmax(worst_s, fabs(nn_fast_sigmoidf(x) - 1 / (1 + exp(-(double)x))));
  }
  for (float x = 20; x < 1e30f; x *= 3) {
    worst_t = fmax(worst_t, fabs(nn_fast_tanhf(x) - 1));
    worst_t = fmax(worst_t, fabs(nn_fast_tanhf(-x) + 1));
    worst_s = fmax(worst_s, fabs(nn_fast_sigmoidf(x) - 1));
    worst_s = fmax(worst_s, fabs(nn_fast_sigmoidf(-x)));
  }
  if (worst_t > 1e-6 || worst_s > 1e-6) fail_msg("tanh %.3g, sigmoid %.3g", worst_t, worst_s);
  assert_true(nn_fast_tanhf(INFINITY) == 1 && nn_fast_tanhf(-INFINITY) == -1);
  assert_true(nn_fast_sigmoidf(INFINITY) == 1 && nn_fast_sigmoidf(-INFINITY) == 0);
  assert_true(isnan(nn_fast_tanhf(NAN)) && isnan(nn_fast_sigmoidf(NAN)));
  assert_true(nn_fast_tanhf(0) == 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(input_slices_equal_feature_values_and_row_0_is_y_plus_6),
      cmocka_unit_test(every_slice_is_close_to_the_exact_forward_pass),
      cmocka_unit_test(grid_after_100_epochs_matches_tfp_output),
      cmocka_unit_test(bad_densities_are_refused),
      cmocka_unit_test(changing_density_recomputes_the_grid),
      cmocka_unit_test(one_node_equals_its_grid_slice_and_is_exact_beyond_200),
      cmocka_unit_test(bad_nodes_and_node_densities_are_refused),
      cmocka_unit_test(grid_bits_are_the_plain_per_cell_loop),
      cmocka_unit_test(fast_tanh_and_sigmoid_are_within_1e_6),
  };
  return cmocka_run_group_tests_name("grid", tests, NULL, NULL);
}
