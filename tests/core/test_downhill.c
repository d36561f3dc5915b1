/* test_downhill.c — optimisers rolling downhill and Hebb's rule: every path of the downhill
 * panel against SGD, momentum, RMSprop and Adam written out by hand here; the surfaces against
 * central differences; the surfaces' own settings; the panel's link parameters; Hebb's rule by hand, on its own and in an
 * experiment; Rosenblatt's rule unchanged by `rule`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "downhill.h"
#include "experiment.h"
#include "perceptron.h"
#include "state.h"

enum { STEPS = 300 };

/* ---------------------------------------------------------------- by hand */

/* The surfaces' gradients as downhill.h writes them. */
static void hand_gradient(nn_surface s, double x, double y, double *gx, double *gy) {
  if (s == NN_SURFACE_BOWL) {
    *gx = x;
    *gy = 10 * y;
  } else if (s == NN_SURFACE_VALLEY) {
    *gx = -2 * (1 - x) - 20 * x * (y - x * x);
    *gy = 10 * (y - x * x);
  } else {
    *gx = x * x * x - x;
    *gy = 2 * y;
  }
}

/* `steps` steps of optimiser `kind` by the textbook formulas (optimizer.h), coordinate by
 * coordinate, into out[2 (steps + 1)]. */
static void hand_path(nn_surface s, nn_optimizer kind, double lr, double x0, double y0,
                      double *out) {
  const double mu = 0.9, rho = 0.95, b1 = 0.8, b2 = 0.99, eps = 1e-6;
  double p[2] = {x0, y0}, m[2] = {0, 0}, v[2] = {0, 0};
  out[0] = x0;
  out[1] = y0;
  for (int t = 1; t <= STEPS; t++) {
    double g[2];
    hand_gradient(s, p[0], p[1], &g[0], &g[1]);
    for (int k = 0; k < 2; k++) {
      double step;
      if (kind == NN_OPT_SGD) {
        step = lr * g[k];
      } else if (kind == NN_OPT_MOMENTUM) {
        m[k] = mu * m[k] + g[k];
        step = lr * m[k];
      } else if (kind == NN_OPT_RMSPROP) {
        v[k] = rho * v[k] + (1 - rho) * (g[k] * g[k]);
        step = lr * g[k] / (sqrt(v[k]) + eps);
      } else {
        m[k] = b1 * m[k] + (1 - b1) * g[k];
        v[k] = b2 * v[k] + (1 - b2) * (g[k] * g[k]);
        double mhat = m[k] / (1 - pow(b1, t)), vhat = v[k] / (1 - pow(b2, t));
        step = lr * mhat / (sqrt(vhat) + eps);
      }
      p[k] = p[k] - step;
    }
    out[2 * t] = p[0];
    out[2 * t + 1] = p[1];
  }
}

/* ---------------------------------------------------------------- paths */

static void every_path_equals_the_optimisers_written_out_by_hand(void **st) {
  (void)st;
  static double got[2 * (STEPS + 1)], want[2 * (STEPS + 1)];
  const double rates[] = {0.003, 0.05, 0.2};
  const double starts[][2] = {{-1.8, 0.9}, {-1.2, 1.8}, {0.001, 1.8}, {1.5, -1.5}};
  int checked = 0;
  for (nn_surface s = NN_SURFACE_BOWL; s < NN_SURFACE_COUNT; s++)
    for (nn_optimizer o = NN_OPT_SGD; o < NN_OPT_COUNT; o++)
      for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++)
        for (size_t a = 0; a < sizeof starts / sizeof starts[0]; a++) {
          nn_optimizer_opts opts = {o, 0.9, 0.95, 0.8, 0.99, 1e-6};
          assert_true(nn_downhill_path(s, &opts, rates[r], starts[a][0], starts[a][1], STEPS, got));
          hand_path(s, o, rates[r], starts[a][0], starts[a][1], want);
          for (int k = 0; k < 2 * (STEPS + 1); k++) {
            /* bit for bit, NaN for NaN once a path has left the floating-point range */
            if (memcmp(&got[k], &want[k], sizeof got[k]) != 0 && !(isnan(got[k]) && isnan(want[k]))) {
              print_error("%s %s lr %g from (%g, %g): coordinate %d is %.17g, by hand %.17g\n",
                          nn_surface_name(s), nn_optimizer_name(o), rates[r], starts[a][0],
                          starts[a][1], k, got[k], want[k]);
              fail();
            }
          }
          checked++;
        }
  assert_int_equal(checked, 3 * 4 * 3 * 4);
}

static void a_step_by_step_walker_follows_the_same_path(void **st) {
  (void)st;
  static double path[2 * 11];
  nn_optimizer_opts adam = {NN_OPT_ADAM, 0.9, 0.9, 0.9, 0.999, 1e-8};
  assert_true(nn_downhill_path(NN_SURFACE_VALLEY, &adam, 0.1, -1.2, 1.8, 10, path));
  nn_downhill_walker w = nn_downhill_walker_at(-1.2, 1.8);
  for (int k = 1; k <= 10; k++) {
    nn_downhill_step(&w, NN_SURFACE_VALLEY, &adam, 0.1);
    assert_true(w.p[0] == path[2 * k] && w.p[1] == path[2 * k + 1]);
  }
  assert_true(w.t == 10);
}

static void each_optimiser_reaches_the_bottom_of_the_bowl(void **st) {
  (void)st;
  nn_downhill_config c;
  nn_config cfg;
  nn_config_default(&cfg);
  c = cfg.downhill;
  c.surface = NN_SURFACE_BOWL;
  double p[2];
  nn_downhill_start(&c, p);
  static double path[2 * 1001];
  for (nn_optimizer o = NN_OPT_SGD; o < NN_OPT_COUNT; o++) {
    nn_optimizer_opts opts = nn_optimizer_opts_from_config(&cfg);
    opts.kind = o;
    assert_true(nn_downhill_path(NN_SURFACE_BOWL, &opts, nn_downhill_rate(&c, o), p[0], p[1],
                                 1000, path));
    double f0 = nn_surface_value(NN_SURFACE_BOWL, p[0], p[1]);
    double f = nn_surface_value(NN_SURFACE_BOWL, path[2000], path[2001]);
    if (!(f < 0.02 * f0)) {
      print_error("%s ends at f = %g from %g\n", nn_optimizer_name(o), f, f0);
      fail();
    }
  }
}

static void the_gradients_match_central_differences(void **st) {
  (void)st;
  const double h = 1e-6;
  for (nn_surface s = NN_SURFACE_BOWL; s < NN_SURFACE_COUNT; s++)
    for (double x = -2; x <= 2; x += 0.37)
      for (double y = -2; y <= 2; y += 0.41) {
        double g[2];
        nn_surface_gradient(s, x, y, g);
        double dx = (nn_surface_value(s, x + h, y) - nn_surface_value(s, x - h, y)) / (2 * h);
        double dy = (nn_surface_value(s, x, y + h) - nn_surface_value(s, x, y - h)) / (2 * h);
        assert_true(fabs(g[0] - dx) <= 1e-5 * (1 + fabs(dx)));
        assert_true(fabs(g[1] - dy) <= 1e-5 * (1 + fabs(dy)));
      }
  /* the minima and the saddle the header names */
  double g[2];
  nn_surface_gradient(NN_SURFACE_VALLEY, 1, 1, g);
  assert_true(g[0] == 0 && g[1] == 0);
  nn_surface_gradient(NN_SURFACE_SADDLE, 0, 0, g);
  assert_true(g[0] == 0 && g[1] == 0);
  assert_true(nn_surface_value(NN_SURFACE_SADDLE, 1, 0) == -0.25);
  assert_true(nn_surface_value(NN_SURFACE_SADDLE, 0, 0) > nn_surface_value(NN_SURFACE_SADDLE, 0.1, 0));
  assert_true(nn_surface_value(NN_SURFACE_SADDLE, 0, 0) < nn_surface_value(NN_SURFACE_SADDLE, 0, 0.1));
}

static void own_settings_and_bad_path_arguments(void **st) {
  (void)st;
  const double *own = nn_downhill_own(NN_SURFACE_VALLEY);
  assert_true(own[0] == -1.2 && own[1] == 1.8 && own[2] == 0.01 && own[5] == 0.1);
  assert_ptr_equal(nn_downhill_own((nn_surface)99), nn_downhill_own(NN_SURFACE_NONE));
  static double out[4];
  assert_false(nn_downhill_path(NN_SURFACE_BOWL, &(nn_optimizer_opts){0}, 0.1, 0, 0, -1, out));
  assert_false(nn_downhill_path(NN_SURFACE_BOWL, &(nn_optimizer_opts){0}, 0.1, 0, 0,
                                NN_DOWNHILL_MAX_STEPS + 1, out));
  assert_false(nn_downhill_path(NN_SURFACE_BOWL, &(nn_optimizer_opts){0}, 0.1, 0, 0, 1, NULL));
}

/* ---------------------------------------------------------------- the link */

static void the_panel_state_reads_and_writes_back_from_a_link(void **st) {
  (void)st;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("downhill=valley&downhillX=0.5&downhillY=-1&downhillAdam=0.3&rule=hebb", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(cfg.downhill.surface, NN_SURFACE_VALLEY);
  assert_int_equal(cfg.rule, NN_RULE_HEBB);
  double p[2];
  nn_downhill_start(&cfg.downhill, p);
  assert_true(p[0] == 0.5 && p[1] == -1);
  assert_true(nn_downhill_rate(&cfg.downhill, NN_OPT_ADAM) == 0.3);
  assert_true(nn_downhill_rate(&cfg.downhill, NN_OPT_SGD) == 0.01); /* the valley's own */
  char hash[2048];
  nn_state_serialize(&cfg, hash, sizeof hash);
  assert_non_null(strstr(hash, "rule=hebb"));
  assert_non_null(strstr(hash, "downhill=valley&downhillX=0.5&downhillY=-1&downhillAdam=0.3"));
  assert_null(strstr(hash, "downhillSgd"));

  /* at their defaults none is written: a plain link stays as it was */
  nn_state_parse("seed=a", &cfg, &ns);
  nn_state_serialize(&cfg, hash, sizeof hash);
  assert_null(strstr(hash, "downhill"));
  assert_null(strstr(hash, "rule"));
  assert_int_equal(cfg.rule, NN_RULE_ROSENBLATT);
  nn_downhill_start(&cfg.downhill, p);
  assert_true(p[0] == 0 && p[1] == 0);
}

static void bad_panel_values_keep_their_defaults_with_a_notice(void **st) {
  (void)st;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("downhill=cliff&downhillX=3&downhillY=NaN&downhillSgd=0&downhillRmsprop=11&rule=oja",
                 &cfg, &ns);
  assert_int_equal(ns.count, 6);
  assert_int_equal(cfg.downhill.surface, NN_SURFACE_NONE);
  assert_true(cfg.downhill.start[0] == NN_DOWNHILL_OWN && cfg.downhill.start[1] == NN_DOWNHILL_OWN);
  assert_true(cfg.downhill.rate[NN_OPT_SGD] == NN_DOWNHILL_OWN);
  assert_true(cfg.downhill.rate[NN_OPT_RMSPROP] == NN_DOWNHILL_OWN);
  assert_int_equal(cfg.rule, NN_RULE_ROSENBLATT);
  assert_string_equal(ns.items[2].param, "downhillX"); /* in the table's order */
  assert_non_null(strstr(ns.items[2].reason, "the surface's own start"));
}

/* ---------------------------------------------------------------- Hebb's rule */

/* Three points, w = (0, 0), b = 0, lr = 0.5; Hebb updates on every point, w += lr y x:
 *   epoch 1: p1 (1, 2) y -1:  total 0 -> +1 wrong;    w = (-0.5, -1),  b = -0.5
 *            p2 (-1, 1) y +1: total -1 -> -1 wrong;   w = (-1, -0.5),  b = 0
 *            p3 (2, -1) y +1: total -1.5 -> -1 wrong; w = (0, -1),     b = 0.5    3 wrong
 *   epoch 2: p1 total -1.5 right;  w = (-0.5, -2), b = 0
 *            p2 total -1.5 wrong;  w = (-1, -1.5), b = 0.5
 *            p3 total 0 -> +1 right; w = (0, -2),  b = 1                           1 wrong */
static void hebbs_rule_updates_weights_as_computed_by_hand(void **st) {
  (void)st;
  const double inputs[] = {1, 2, -1, 1, 2, -1};
  const nn_point pts[] = {{1, 2, -1}, {-1, 1, 1}, {2, -1, 1}};
  double w[2] = {0, 0}, b = 0;
  assert_int_equal(nn_perceptron_epoch_hebb(w, &b, inputs, pts, 3, 2, 0.5), 3);
  assert_true(w[0] == 0 && w[1] == -1 && b == 0.5);
  assert_int_equal(nn_perceptron_epoch_hebb(w, &b, inputs, pts, 3, 2, 0.5), 1);
  assert_true(w[0] == 0 && w[1] == -2 && b == 1);
  /* right or wrong, every point moves the weights (Rosenblatt's would not move on p1 now) */
  assert_int_equal(nn_perceptron_epoch_hebb(w, &b, inputs, pts, 1, 2, 0.5), 0);
  assert_true(w[0] == -0.5 && w[1] == -3 && b == 0.5);
}

static nn_experiment *make(const char *hash) {
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(hash, &cfg, &ns);
  assert_int_equal(ns.count, 0);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  return e;
}

static void a_hebb_experiment_sums_label_times_input_over_the_training_points(void **st) {
  (void)st;
  nn_experiment *e = make("dataset=gauss&noise=0&model=perceptron&rule=hebb&learningRate=0.1&seed=a");
  const nn_network *net = nn_experiment_network(e);
  double w[2] = {net->params[net->weight_offset[1]], net->params[net->weight_offset[1] + 1]};
  double b = net->params[net->bias_offset[1]];
  int n;
  const nn_point *pts = nn_experiment_train_points(e, &n);
  assert_true(n > 0);
  for (int epoch = 0; epoch < 2; epoch++)
    for (int k = 0; k < n; k++) { /* features x and y: the inputs are the point's coordinates */
      double step = 0.1 * pts[k].label;
      w[0] = w[0] + step * pts[k].x;
      w[1] = w[1] + step * pts[k].y;
      b = b + step;
    }
  assert_int_equal(nn_experiment_train(e, 2), NN_OK);
  net = nn_experiment_network(e);
  assert_true(net->params[net->weight_offset[1]] == w[0]);
  assert_true(net->params[net->weight_offset[1] + 1] == w[1]);
  assert_true(net->params[net->bias_offset[1]] == b);
  nn_perceptron_report r = nn_experiment_perceptron_report(e);
  assert_int_equal(r.verdict, NN_PERCEPTRON_CONVERGED); /* two clusters: Hebb separates them */
  nn_experiment_destroy(e);
}

static void rule_rosenblatt_is_todays_perceptron_bit_for_bit(void **st) {
  (void)st;
  nn_experiment *a = make("dataset=xor&model=perceptron&seed=b");
  nn_experiment *b = make("dataset=xor&model=perceptron&rule=rosenblatt&seed=b");
  assert_int_equal(nn_experiment_train(a, 30), NN_OK);
  assert_int_equal(nn_experiment_train(b, 30), NN_OK);
  const nn_network *na = nn_experiment_network(a), *nb = nn_experiment_network(b);
  assert_memory_equal(na->params, nb->params, (size_t)na->num_params * sizeof na->params[0]);
  nn_experiment_destroy(a);
  nn_experiment_destroy(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_path_equals_the_optimisers_written_out_by_hand),
      cmocka_unit_test(a_step_by_step_walker_follows_the_same_path),
      cmocka_unit_test(each_optimiser_reaches_the_bottom_of_the_bowl),
      cmocka_unit_test(the_gradients_match_central_differences),
      cmocka_unit_test(own_settings_and_bad_path_arguments),
      cmocka_unit_test(the_panel_state_reads_and_writes_back_from_a_link),
      cmocka_unit_test(bad_panel_values_keep_their_defaults_with_a_notice),
      cmocka_unit_test(hebbs_rule_updates_weights_as_computed_by_hand),
      cmocka_unit_test(a_hebb_experiment_sums_label_times_input_over_the_training_points),
      cmocka_unit_test(rule_rosenblatt_is_todays_perceptron_bit_for_bit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
