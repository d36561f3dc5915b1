/* test_backprop_trace.c — the backpropagation step-through for one sample: its gradients are
 * training's own accumulated derivatives bit for bit, its "after" weights are a real batch-1
 * training step, its numbers mean what they say (central differences), and it never changes
 * the experiment. Networks come from every TFP fixture (tanh, relu, sigmoid, linear; L1, L2). */
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

#include "backprop_trace.h"
#include "experiment.h"
#include "each_fixture.h"
#include "fixture.h"
#include "loss.h"
#include "network.h"
#include "nnfeatures.h"
#include "train.h"

static bool same_bits(const double *a, const double *b, int n, int *where) {
  for (int k = 0; k < n; k++)
    if (!nn_same_double(a[k], b[k])) {
      *where = k;
      return false;
    }
  return true;
}

/* A private copy of the experiment's network (same layout, same values). */
static void copy_network(nn_network *dst, const nn_experiment *e) {
  assert_true(nn_network_init(dst, nn_experiment_config(e)));
  nn_network_copy_values(dst, nn_experiment_network(e));
}

/* Compares the trace of training point k with training itself on a copy. */
static void check_point(const nn_experiment *e, int k, nn_backprop_trace *t, const char *label) {
  const nn_config *cfg = nn_experiment_config(e);
  int n;
  const nn_point *pts = nn_experiment_train_points(e, &n);
  assert_int_equal(nn_experiment_backprop_trace(e, k, t), NN_OK);
  const nn_network *net = nn_experiment_network(e);
  assert_int_equal(t->num_params, net->num_params);
  assert_int_equal(t->num_nodes, net->num_nodes);
  assert_true(t->target == pts[k].label);
  double input[NN_FEAT_COUNT];
  nn_features_compute(input, net->input_features, net->sizes[0], pts[k].x, pts[k].y);

  /* Gradients: training's pass over this one point with nothing accumulated and no update
   * (batch size 0 never updates), i.e. the derivative nn_network_backward accumulates. */
  nn_train_opts opts = nn_train_opts_from_config(cfg);
  opts.dropout = 0;
  nn_network ref;
  copy_network(&ref, e);
  nn_network_clear_training(&ref);
  memcpy(ref.dead, net->dead, (size_t)net->num_params); /* dead links stay dead */
  opts.batch_size = 0;
  nn_train_epoch(&ref, input, pts + k, 1, &opts, NULL);
  int where;
  if (!same_bits(t->grad, ref.grad, net->num_params, &where))
    fail_msg("%s point %d: grad[%d] %.17g vs training %.17g", label, k, where, t->grad[where],
         ref.grad[where]);
  int first = net->sizes[0];
  if (!same_bits(t->total + first, ref.total + first, net->num_nodes - first, &where) ||
      !same_bits(t->output, ref.output, net->num_nodes, &where) ||
      !same_bits(t->input_der + first, ref.input_der + first, net->num_nodes - first, &where))
    fail_msg("%s point %d: node values differ at %d", label, k, where);
  assert_true(nn_same_double(t->prediction, nn_network_output(&ref)));
  nn_loss_kind lk = nn_config_loss_kind(cfg);
  assert_true(nn_same_double(t->error_der, nn_loss_der(lk, t->prediction, t->target)));
  assert_true(nn_same_double(t->error, nn_loss_error(lk, t->prediction, t->target)));
  for (int i = 0; i < first; i++) assert_true(t->total[i] == input[i] && t->output[i] == input[i]);
  if (!same_bits(t->params, net->params, net->num_params, &where))
    fail_msg("%s point %d: params (before) differ at %d", label, k, where);
  nn_network_free(&ref);

  /* Update: a real batch-size-1 training step on this point, from the current state. */
  copy_network(&ref, e);
  memset(ref.grad, 0, (size_t)net->num_params * sizeof *ref.grad);
  memset(ref.acc_count, 0, (size_t)net->num_nodes * sizeof *ref.acc_count);
  opts.batch_size = 1;
  nn_train_epoch(&ref, input, pts + k, 1, &opts, NULL);
  if (!same_bits(t->params_after, ref.params, net->num_params, &where))
    fail_msg("%s point %d: params_after[%d] %.17g vs training %.17g", label, k, where,
         t->params_after[where], ref.params[where]);
  assert_true(t->learning_rate == cfg->learning_rate);
  nn_network_free(&ref);
}

typedef struct {
  nn_backprop_trace trace;
  int activations_seen[NN_ACT_COUNT];
} trace_run;

/* Traces of the first, middle and last training points equal real training steps, at the
 * initial weights and after some training (weights away from their start; L1 fixtures then
 * have dead links). */
static void traces_equal_training(const nn_fixture *fx, const char *path, void *ctx) {
  (void)path;
  trace_run *run = ctx;
  nn_config cfg;
  nn_fixture_config_for_run(fx, &cfg);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  int count;
  nn_experiment_train_points(e, &count);
  for (int round = 0; round < 2; round++) {
    if (count > 0) {
      check_point(e, 0, &run->trace, fx->name);
      check_point(e, count / 2, &run->trace, fx->name);
      check_point(e, count - 1, &run->trace, fx->name);
    }
    assert_int_equal(nn_experiment_train(e, 7), NN_OK);
  }
  run->activations_seen[cfg.activation]++;
  nn_experiment_destroy(e);
}

static void trace_gradients_and_update_equal_training_on_every_fixture(void **st) {
  (void)st;
  trace_run run = {0};
  nn_each_fixture(traces_equal_training, &run);
  assert_true(run.activations_seen[NN_ACT_TANH] > 0 && run.activations_seen[NN_ACT_RELU] > 0 &&
              run.activations_seen[NN_ACT_SIGMOID] > 0);
  nn_backprop_trace_free(&run.trace);
}

static nn_experiment *make(nn_config *cfg, const char *seed) {
  strcpy(cfg->seed, seed);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, cfg), NN_OK);
  return e;
}

/* The update follows the configured optimiser and regularisation, with its current state. */
static void trace_update_equals_training_with_adam_momentum_and_l2(void **st) {
  (void)st;
  nn_optimizer kinds[] = {NN_OPT_ADAM, NN_OPT_MOMENTUM, NN_OPT_RMSPROP};
  nn_backprop_trace *t = nn_backprop_trace_create();
  assert_non_null(t);
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    nn_config cfg;
    nn_config_default(&cfg);
    cfg.dataset = NN_DATA_SPIRAL;
    cfg.activation = NN_ACT_RELU;
    cfg.optimizer = kinds[k];
    cfg.regularization = NN_REG_L2;
    cfg.regularization_rate = 0.01;
    cfg.batch_size = 1;
    nn_experiment *e = make(&cfg, "opt");
    assert_int_equal(nn_experiment_train(e, 3), NN_OK); /* optimiser state is not zero */
    check_point(e, 5, t, nn_optimizer_name(kinds[k]));
    nn_experiment_destroy(e);
  }
  nn_backprop_trace_destroy(t);
}

/* Independent of the engine's backward: dE/dθ by central differences of the forward pass. */
static void trace_gradients_match_central_differences(void **st) {
  (void)st;
  nn_activation acts[] = {NN_ACT_TANH, NN_ACT_SIGMOID, NN_ACT_RELU, NN_ACT_LINEAR};
  for (size_t a = 0; a < sizeof acts / sizeof acts[0]; a++) {
    nn_config cfg;
    nn_config_default(&cfg);
    cfg.activation = acts[a];
    cfg.features[NN_FEAT_X_TIMES_Y] = true;
    cfg.num_hidden_layers = 2;
    cfg.network_shape[0] = 3;
    cfg.network_shape[1] = 2;
    nn_experiment *e = make(&cfg, "fd");
    nn_backprop_trace t = {0};
    assert_int_equal(nn_experiment_backprop_trace(e, 3, &t), NN_OK);
    nn_network probe;
    copy_network(&probe, e);
    int n;
    const nn_point *p = nn_experiment_train_points(e, &n) + 3;
    double in[NN_FEAT_COUNT];
    nn_features_compute(in, probe.input_features, probe.sizes[0], p->x, p->y);
    const double h = 1e-6;
    for (int k = 0; k < probe.num_params; k++) {
      double keep = probe.params[k];
      probe.params[k] = keep + h;
      double up = nn_square_error(nn_network_forward(&probe, in), p->label);
      probe.params[k] = keep - h;
      double down = nn_square_error(nn_network_forward(&probe, in), p->label);
      probe.params[k] = keep;
      double fd = (up - down) / (2 * h);
      if (!(fabs(fd - t.grad[k]) <= 1e-6 * (1 + fabs(fd))))
        fail_msg("%s param %d: trace %.10g vs central difference %.10g",
             nn_activation_name(acts[a]), k, t.grad[k], fd);
      /* SGD without regularisation: after = before - lr * grad */
      assert_true(t.params_after[k] == t.params[k] - cfg.learning_rate * t.grad[k]);
    }
    /* the error signal of the output node is dE/dout * f'(total) */
    int o = probe.num_nodes - 1;
    assert_true(t.output_der[o] == t.error_der);
    assert_true(t.input_der[o] == t.error_der * (1 - t.output[o] * t.output[o]));
    nn_network_free(&probe);
    nn_backprop_trace_free(&t);
    nn_experiment_destroy(e);
  }
}

static void tracing_leaves_the_experiment_untouched(void **st) {
  (void)st;
  nn_config cfg;
  nn_config_default(&cfg);
  cfg.batch_size = 7; /* 250 % 7 != 0: accumulated derivatives carry between epochs */
  nn_experiment *e = make(&cfg, "still");
  assert_int_equal(nn_experiment_train(e, 2), NN_OK);
  const nn_network *net = nn_experiment_network(e);
  nn_network snap;
  copy_network(&snap, e);
  int rows;
  const double *curve = nn_experiment_loss_curve(e, &rows);
  double last[2] = {curve[2 * (rows - 1)], curve[2 * rows - 1]};
  nn_backprop_trace t = {0};
  for (int k = 0; k < 20; k++) assert_int_equal(nn_experiment_backprop_trace(e, k, &t), NN_OK);
  /* the trace starts a batch of its own: what the experiment has accumulated is not in it */
  assert_true(net->acc_count[net->num_nodes - 1] > 0);
  check_point(e, 4, &t, "mid-batch");
  size_t np = (size_t)net->num_params, nn = (size_t)net->num_nodes;
  assert_memory_equal(snap.params, net->params, np * sizeof(double));
  assert_memory_equal(snap.grad, net->grad, np * sizeof(double));
  assert_memory_equal(snap.dead, net->dead, np);
  assert_memory_equal(snap.acc_count, net->acc_count, nn * sizeof(int));
  assert_memory_equal(snap.output, net->output, nn * sizeof(double));
  assert_int_equal(nn_experiment_epoch(e), 2);
  curve = nn_experiment_loss_curve(e, &rows);
  assert_true(curve[2 * (rows - 1)] == last[0] && curve[2 * rows - 1] == last[1]);
  /* and training afterwards goes exactly as it would have */
  nn_experiment *twin = make(&cfg, "still");
  assert_int_equal(nn_experiment_train(twin, 3), NN_OK);
  assert_int_equal(nn_experiment_train(e, 1), NN_OK);
  assert_memory_equal(nn_experiment_network(twin)->params, net->params, np * sizeof(double));
  nn_network_free(&snap);
  nn_backprop_trace_free(&t);
  nn_experiment_destroy(twin);
  nn_experiment_destroy(e);
}

static void bad_requests_are_refused(void **st) {
  (void)st;
  nn_config cfg;
  nn_config_default(&cfg);
  nn_experiment *e = make(&cfg, "bad");
  nn_backprop_trace t = {0};
  int n;
  nn_experiment_train_points(e, &n);
  assert_int_equal(nn_experiment_backprop_trace(e, -1, &t), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_backprop_trace(e, n, &t), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_backprop_trace(e, 0, NULL), NN_ERR_INVALID);
  assert_null(t.grad);
  /* a network whose layout is not the config's */
  nn_config other = cfg;
  other.network_shape[0] = 5;
  double in[2] = {1, 2};
  assert_int_equal(nn_backprop_trace_run(&t, nn_experiment_network(e), &other, in, 1),
                   NN_ERR_INVALID);
  nn_experiment_destroy(e);
  /* the perceptron is not trained by backpropagation */
  cfg.model = NN_MODEL_PERCEPTRON;
  e = make(&cfg, "bad");
  assert_int_equal(nn_experiment_backprop_trace(e, 0, &t), NN_ERR_INVALID);
  nn_experiment_destroy(e);
  nn_backprop_trace_free(&t);
  nn_backprop_trace_free(NULL);
  nn_backprop_trace_destroy(NULL);
}

/* A trace reused across networks of different sizes resizes itself. */
static void one_trace_serves_networks_of_any_size(void **st) {
  (void)st;
  nn_backprop_trace t = {0};
  int shapes[][3] = {{1, 8, 0}, {3, 8, 8}, {0, 0, 0}, {2, 4, 2}};
  int counts[] = {1, 3, 0, 2};
  for (int s = 0; s < 4; s++) {
    nn_config cfg;
    nn_config_default(&cfg);
    cfg.num_hidden_layers = counts[s];
    for (int l = 0; l < counts[s]; l++) cfg.network_shape[l] = shapes[s][l];
    nn_experiment *e = make(&cfg, "sizes");
    check_point(e, 11, &t, "sizes");
    nn_experiment_destroy(e);
  }
  nn_backprop_trace_free(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(trace_gradients_and_update_equal_training_on_every_fixture),
      cmocka_unit_test(trace_update_equals_training_with_adam_momentum_and_l2),
      cmocka_unit_test(trace_gradients_match_central_differences),
      cmocka_unit_test(tracing_leaves_the_experiment_untouched),
      cmocka_unit_test(bad_requests_are_refused),
      cmocka_unit_test(one_trace_serves_networks_of_any_size),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
