/* test_sampled.c — training that evaluates the losses only every `every` epochs (the page at high
 * speeds) trains exactly as full training: the same parameters, the same losses at the evaluated
 * epochs, NN_NOT_EVALUATED elsewhere, and divergence found at the same epoch with the same
 * finite state to go back to. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "experiment.h"
#include "from_hash.h"
#include "network.h"

static void assert_same_params(const nn_experiment *a, const nn_experiment *b) {
  const nn_network *x = nn_experiment_network(a), *y = nn_experiment_network(b);
  assert_int_equal(x->num_params, y->num_params);
  assert_memory_equal(x->params, y->params, (size_t)x->num_params * sizeof *x->params);
}

/* Equal as bits: NaN and Infinity rows must match too. */
static void assert_same_row(const double *a, const double *b) {
  assert_memory_equal(a, b, 2 * sizeof *a);
}

/* Trains `full` with every epoch evaluated and `sampled` in the given chunks, evaluating every
 * `every` epochs, and checks both curves row by row. */
static void compare(const char *hash, int every, const int *chunks, int num_chunks) {
  nn_experiment *full = nn_test_from_hash(hash), *sampled = nn_test_from_hash(hash);
  int total = 0;
  int ends[64];
  for (int k = 0; k < num_chunks; k++) {
    assert_int_equal(nn_experiment_train_sampled(sampled, chunks[k], every), NN_OK);
    total += chunks[k];
    ends[k] = total;
  }
  assert_int_equal(nn_experiment_train(full, total), NN_OK);
  assert_int_equal(nn_experiment_epoch(sampled), total);
  assert_same_params(full, sampled);
  assert_int_equal(nn_experiment_diverged_at(sampled), nn_experiment_diverged_at(full));
  assert_int_equal(nn_experiment_last_finite_epoch(sampled), nn_experiment_last_finite_epoch(full));

  int rows_f, rows_s;
  const double *lf = nn_experiment_loss_curve(full, &rows_f);
  const double *ls = nn_experiment_loss_curve(sampled, &rows_s);
  const double *af = nn_experiment_accuracy_curve(full, NULL);
  const double *as = nn_experiment_accuracy_curve(sampled, NULL);
  assert_int_equal(rows_f, rows_s);
  int diverged = nn_experiment_diverged_at(full);
  int evaluated = 0;
  for (int r = 0; r < rows_s; r++) {
    bool at_end = r == 0;
    for (int k = 0; k < num_chunks; k++) at_end = at_end || ends[k] == r;
    bool expect = at_end || r % every == 0 ||
                  (diverged >= 0 && r > nn_experiment_last_finite_epoch(full));
    if (expect) {
      assert_same_row(lf + 2 * r, ls + 2 * r);
      assert_same_row(af + 2 * r, as + 2 * r);
      evaluated++;
    } else if (ls[2 * r] != NN_NOT_EVALUATED) {
      /* Rows before a divergence may have been evaluated again while finding it: then exact. */
      assert_true(diverged >= 0);
      assert_same_row(lf + 2 * r, ls + 2 * r);
    } else {
      assert_true(ls[2 * r + 1] == NN_NOT_EVALUATED && as[2 * r] == NN_NOT_EVALUATED &&
                  as[2 * r + 1] == NN_NOT_EVALUATED);
    }
  }
  assert_true(evaluated < rows_s || every == 1 || diverged >= 0);
  nn_experiment_destroy(full);
  nn_experiment_destroy(sampled);
}

static const char SPIRAL_6x8[] =
    "activation=tanh&batchSize=10&dataset=spiral&learningRate=0.03&noise=0&"
    "networkShape=8,8,8,8,8,8&seed=0.31415&percTrainData=50&x=true&y=true&xTimesY=true&"
    "xSquared=true&ySquared=true&sinX=true&sinY=true";

static void sampled_training_trains_exactly_as_full_training(void **state) {
  (void)state;
  const int chunks[] = {1, 7, 30, 3, 64, 5, 90};
  compare(SPIRAL_6x8, 4, chunks, 7);
  compare(SPIRAL_6x8, 16, chunks, 7);
  const int one[] = {200};
  compare(SPIRAL_6x8, 1, one, 1);
  /* Optimiser state, dropout's own stream and L1-killed links go on as in full training. */
  compare("dataset=xor&activation=relu&optimizer=adam&dropout=0.3&regularization=L1&"
          "regularizationRate=0.003&networkShape=6,4&seed=sampled",
          8, chunks, 7);
}

/* Linear regression without hidden layers, a little above the stable learning rate: the loss
 * grows for a while and turns Infinity at epoch 12, 30 or 67, well inside runs of unevaluated
 * epochs. */
static const char *DIVERGING[] = {
    "regDataset=reg-plane&problem=regression&activation=linear&learningRate=0.25&"
    "batchSize=10&networkShape=&seed=0.64&noise=0",
    "regDataset=reg-plane&problem=regression&activation=linear&learningRate=0.25&"
    "batchSize=30&networkShape=&seed=0.64&noise=0",
    "regDataset=reg-plane&problem=regression&activation=linear&learningRate=0.2&"
    "batchSize=10&networkShape=&seed=0.64&noise=0",
};

static void divergence_is_found_at_its_exact_epoch_between_evaluated_ones(void **state) {
  (void)state;
  const int expected[] = {12, 30, 67};
  const int chunks[] = {100, 50};
  for (int k = 0; k < 3; k++) {
    nn_experiment *probe = nn_test_from_hash(DIVERGING[k]);
    assert_int_equal(nn_experiment_train(probe, 150), NN_OK);
    assert_int_equal(nn_experiment_diverged_at(probe), expected[k]);
    nn_experiment_destroy(probe);
    compare(DIVERGING[k], 32, chunks, 2);
    compare(DIVERGING[k], 7, chunks, 2);
    compare(DIVERGING[k], 200, chunks, 2);
  }
}

static void restoring_after_sampled_divergence_goes_on_as_full_training(void **state) {
  (void)state;
  nn_experiment *full = nn_test_from_hash(DIVERGING[2]), *sampled = nn_test_from_hash(DIVERGING[2]);
  assert_int_equal(nn_experiment_train(full, 150), NN_OK);
  assert_int_equal(nn_experiment_train_sampled(sampled, 150, 64), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(sampled), 67);
  assert_int_equal(nn_experiment_restore_finite(full), NN_OK);
  assert_int_equal(nn_experiment_restore_finite(sampled), NN_OK);
  assert_int_equal(nn_experiment_epoch(sampled), 66);
  assert_int_equal(nn_experiment_epoch(full), 66);
  assert_same_params(full, sampled);
  assert_int_equal(nn_experiment_train(full, 3), NN_OK);
  assert_int_equal(nn_experiment_train_sampled(sampled, 3, 64), NN_OK);
  assert_same_params(full, sampled);
  nn_experiment_destroy(full);
  nn_experiment_destroy(sampled);
}

static void perceptron_mode_evaluates_every_epoch(void **state) {
  (void)state;
  nn_experiment *e = nn_test_from_hash("model=perceptron&dataset=xor&seed=p");
  assert_int_equal(nn_experiment_train_sampled(e, 20, 8), NN_OK);
  int rows;
  const double *curve = nn_experiment_loss_curve(e, &rows);
  assert_int_equal(rows, 21);
  for (int r = 0; r < rows; r++) assert_true(curve[2 * r] >= 0 && curve[2 * r + 1] >= 0);
  nn_experiment_destroy(e);
}

static void every_below_one_is_refused_and_changes_nothing(void **state) {
  (void)state;
  nn_experiment *e = nn_test_from_hash("seed=x");
  assert_int_equal(nn_experiment_train_sampled(e, 5, 0), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_train_sampled(e, 5, -3), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_train_sampled(e, -1, 2), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_train_sampled(NULL, 1, 1), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_epoch(e), 0);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sampled_training_trains_exactly_as_full_training),
      cmocka_unit_test(divergence_is_found_at_its_exact_epoch_between_evaluated_ones),
      cmocka_unit_test(restoring_after_sampled_divergence_goes_on_as_full_training),
      cmocka_unit_test(perceptron_mode_evaluates_every_epoch),
      cmocka_unit_test(every_below_one_is_refused_and_changes_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
