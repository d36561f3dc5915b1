/* test_transfer.c — moving training between two engines of the same link (the page's worker):
 * after load_state the receiver trains on exactly as the sender, with the sender's curve rows;
 * bad states are refused without changing anything. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "experiment.h"
#include "from_hash.h"
#include "network.h"

/* Adam, dropout and L1 (dead links): every kind of training state there is. */
static const char BUSY[] =
    "dataset=spiral&activation=tanh&optimizer=adam&dropout=0.2&regularization=L1&"
    "regularizationRate=0.001&learningRate=0.01&batchSize=7&networkShape=6,5,3&seed=transfer&"
    "xSquared=true&sinX=true";
static const char DIVERGING[] =
    "regDataset=reg-plane&problem=regression&activation=linear&learningRate=0.2&batchSize=10&"
    "networkShape=&seed=0.64&noise=0";

/* Sends from's state (rows since+1 .. epoch) to `to`. */
static void send(const nn_experiment *from, int since, nn_experiment *to) {
  size_t size = nn_experiment_state_size(from, since);
  assert_true(size > 0);
  uint8_t *buf = malloc(size);
  assert_non_null(buf);
  assert_int_equal(nn_experiment_save_state(from, since, buf, size), NN_OK);
  assert_int_equal(nn_experiment_load_state(to, buf, size), NN_OK);
  free(buf);
}

static void assert_same_training(const nn_experiment *a, const nn_experiment *b) {
  const nn_network *x = nn_experiment_network(a), *y = nn_experiment_network(b);
  assert_int_equal(nn_experiment_epoch(a), nn_experiment_epoch(b));
  assert_memory_equal(x->params, y->params, (size_t)x->num_params * sizeof *x->params);
  assert_memory_equal(x->dead, y->dead, (size_t)x->num_params);
  assert_int_equal(nn_experiment_diverged_at(a), nn_experiment_diverged_at(b));
  assert_int_equal(nn_experiment_last_finite_epoch(a), nn_experiment_last_finite_epoch(b));
}

/* Rows from..to of both curves, as bits. */
static void assert_same_rows(const nn_experiment *a, const nn_experiment *b, int from, int to) {
  const double *la = nn_experiment_loss_curve(a, NULL), *lb = nn_experiment_loss_curve(b, NULL);
  const double *aa = nn_experiment_accuracy_curve(a, NULL);
  const double *ab = nn_experiment_accuracy_curve(b, NULL);
  size_t bytes = (size_t)(to - from + 1) * 2 * sizeof(double);
  assert_memory_equal(la + 2 * from, lb + 2 * from, bytes);
  assert_memory_equal(aa + 2 * from, ab + 2 * from, bytes);
}

static void the_receiver_trains_on_exactly_as_the_sender(void **state) {
  (void)state;
  nn_experiment *sender = nn_test_from_hash(BUSY), *receiver = nn_test_from_hash(BUSY);
  assert_int_equal(nn_experiment_train_sampled(sender, 37, 4), NN_OK); /* 37: mid-batch */
  send(sender, 0, receiver);
  assert_same_training(sender, receiver);
  assert_same_rows(sender, receiver, 0, 37);
  assert_int_equal(nn_experiment_train(sender, 50), NN_OK);
  assert_int_equal(nn_experiment_train(receiver, 50), NN_OK);
  assert_same_training(sender, receiver);
  assert_same_rows(sender, receiver, 0, 87);
  int count_s, count_r;
  const double *ms = nn_experiment_dropout_mask(sender, &count_s);
  const double *mr = nn_experiment_dropout_mask(receiver, &count_r);
  assert_int_equal(count_s, count_r);
  assert_memory_equal(ms, mr, (size_t)count_s * sizeof *ms);
  nn_experiment_destroy(sender);
  nn_experiment_destroy(receiver);
}

static void progress_sent_in_pieces_builds_the_same_curve(void **state) {
  (void)state;
  nn_experiment *worker = nn_test_from_hash(BUSY), *page = nn_test_from_hash(BUSY);
  const int chunks[] = {5, 1, 30, 12, 64};
  int sent = 0;
  for (int k = 0; k < 5; k++) {
    assert_int_equal(nn_experiment_train_sampled(worker, chunks[k], 8), NN_OK);
    send(worker, sent, page);
    sent = nn_experiment_epoch(worker);
    assert_same_training(worker, page);
  }
  assert_same_rows(worker, page, 0, sent);
  nn_experiment_destroy(worker);
  nn_experiment_destroy(page);
}

static void rows_not_received_are_not_evaluated(void **state) {
  (void)state;
  nn_experiment *page = nn_test_from_hash(BUSY), *worker = nn_test_from_hash(BUSY);
  assert_int_equal(nn_experiment_train(page, 20), NN_OK);
  send(page, 20, worker); /* the state only: the worker needs no rows */
  int rows;
  const double *curve = nn_experiment_loss_curve(worker, &rows);
  assert_int_equal(rows, 21);
  assert_memory_equal(curve, nn_experiment_loss_curve(page, NULL), 2 * sizeof(double));
  for (int r = 1; r <= 20; r++) assert_true(curve[2 * r] == NN_NOT_EVALUATED);
  assert_int_equal(nn_experiment_train(page, 3), NN_OK);
  assert_int_equal(nn_experiment_train(worker, 3), NN_OK);
  assert_same_training(page, worker);
  assert_same_rows(page, worker, 21, 23);
  nn_experiment_destroy(page);
  nn_experiment_destroy(worker);
}

static void divergence_and_the_finite_state_move_too(void **state) {
  (void)state;
  nn_experiment *sender = nn_test_from_hash(DIVERGING), *receiver = nn_test_from_hash(DIVERGING);
  assert_int_equal(nn_experiment_train_sampled(sender, 100, 16), NN_OK);
  assert_int_equal(nn_experiment_diverged_at(sender), 67);
  send(sender, 0, receiver);
  assert_same_training(sender, receiver);
  assert_int_equal(nn_experiment_restore_finite(sender), NN_OK);
  assert_int_equal(nn_experiment_restore_finite(receiver), NN_OK);
  assert_same_training(sender, receiver);
  assert_int_equal(nn_experiment_epoch(receiver), 66);
  nn_experiment_destroy(sender);
  nn_experiment_destroy(receiver);
}

static void bad_states_are_refused_and_change_nothing(void **state) {
  (void)state;
  nn_experiment *sender = nn_test_from_hash(BUSY), *receiver = nn_test_from_hash(BUSY);
  nn_experiment *other = nn_test_from_hash("networkShape=3&seed=transfer");
  assert_int_equal(nn_experiment_train(sender, 9), NN_OK);
  assert_int_equal(nn_experiment_train(receiver, 2), NN_OK);
  size_t size = nn_experiment_state_size(sender, 4);
  uint8_t *buf = malloc(size + 8);
  assert_non_null(buf);
  assert_int_equal(nn_experiment_save_state(sender, 4, buf, size - 1), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_save_state(sender, 4, buf, size), NN_OK);

  double before = nn_experiment_network(receiver)->params[0];
  assert_int_equal(nn_experiment_load_state(receiver, buf, size - 8), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_load_state(receiver, buf, 3), NN_ERR_INVALID);
  assert_int_equal(nn_experiment_load_state(other, buf, size), NN_ERR_INVALID);
  buf[0] ^= 1; /* the magic number */
  assert_int_equal(nn_experiment_load_state(receiver, buf, size), NN_ERR_INVALID);
  buf[0] ^= 1;
  int32_t epoch = -5; /* header: magic, num_params, num_nodes, epoch, ... */
  int32_t good;
  memcpy(&good, buf + 3 * sizeof(int32_t), sizeof good);
  memcpy(buf + 3 * sizeof(int32_t), &epoch, sizeof epoch);
  assert_int_equal(nn_experiment_load_state(receiver, buf, size), NN_ERR_INVALID);
  memcpy(buf + 3 * sizeof(int32_t), &good, sizeof good);
  assert_int_equal(nn_experiment_epoch(receiver), 2);
  assert_true(nn_experiment_network(receiver)->params[0] == before);

  assert_int_equal(nn_experiment_state_size(sender, -1), 0);
  assert_int_equal(nn_experiment_state_size(sender, 10), 0);
  assert_int_equal(nn_experiment_load_state(receiver, buf, size), NN_OK);
  assert_same_training(sender, receiver);

  nn_experiment *perceptron = nn_test_from_hash("model=perceptron&seed=transfer");
  assert_int_equal(nn_experiment_save_state(perceptron, 0, buf, nn_experiment_state_size(perceptron, 0)),
                   NN_ERR_INVALID);
  free(buf);
  nn_experiment_destroy(perceptron);
  nn_experiment_destroy(sender);
  nn_experiment_destroy(receiver);
  nn_experiment_destroy(other);
}

/* Same layout, another link (learning rate, seed, data, a feature hidden instead of another):
 * the state would train a different experiment on, so it is refused and nothing changes. A
 * display-only difference is another link too: the page only sends states between experiments
 * built from one hash. */
static void a_state_of_another_link_with_the_same_layout_is_refused(void **state) {
  (void)state;
  static const char *const others[] = {
    "dataset=spiral&activation=tanh&optimizer=adam&dropout=0.2&regularization=L1&"
    "regularizationRate=0.001&learningRate=0.03&batchSize=7&networkShape=6,5,3&seed=transfer&"
    "xSquared=true&sinX=true",
    "dataset=spiral&activation=tanh&optimizer=adam&dropout=0.2&regularization=L1&"
    "regularizationRate=0.001&learningRate=0.01&batchSize=7&networkShape=6,5,3&seed=other&"
    "xSquared=true&sinX=true",
    "dataset=xor&activation=tanh&optimizer=adam&dropout=0.2&regularization=L1&"
    "regularizationRate=0.001&learningRate=0.01&batchSize=7&networkShape=6,5,3&seed=transfer&"
    "xSquared=true&sinX=true",
    "dataset=spiral&activation=tanh&optimizer=adam&dropout=0.2&regularization=L1&"
    "regularizationRate=0.001&learningRate=0.01&batchSize=7&networkShape=6,5,3&seed=transfer&"
    "ySquared=true&sinX=true",
  };
  nn_experiment *sender = nn_test_from_hash(BUSY);
  assert_int_equal(nn_experiment_train(sender, 5), NN_OK);
  size_t size = nn_experiment_state_size(sender, 0);
  uint8_t *buf = malloc(size);
  assert_non_null(buf);
  assert_int_equal(nn_experiment_save_state(sender, 0, buf, size), NN_OK);
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
    nn_experiment *other = nn_test_from_hash(others[i]);
    assert_int_equal(nn_experiment_network(other)->num_params,
                     nn_experiment_network(sender)->num_params);
    assert_int_equal(nn_experiment_train(other, 1), NN_OK);
    double before = nn_experiment_network(other)->params[0];
    assert_int_equal(nn_experiment_load_state(other, buf, size), NN_ERR_INVALID);
    assert_int_equal(nn_experiment_epoch(other), 1);
    assert_true(nn_experiment_network(other)->params[0] == before);
    nn_experiment_destroy(other);
  }
  /* an experiment of the sender's own hash (as the page's worker builds it) takes it */
  nn_experiment *same = nn_test_from_hash(BUSY);
  assert_int_equal(nn_experiment_load_state(same, buf, size), NN_OK);
  assert_same_training(sender, same);
  free(buf);
  nn_experiment_destroy(same);
  nn_experiment_destroy(sender);
}

/* Found by fuzzing (tests/fuzz/regressions/fuzz_state_load/): a state whose counters training
 * cannot reach made the receiver's next epoch overflow them. The sender's counters are set by
 * hand, so no byte offsets are assumed. */
static void counters_no_training_reaches_are_refused(void **state) {
  (void)state;
  nn_experiment *receiver = nn_test_from_hash(BUSY);
  int num_train;
  nn_experiment_train_points(receiver, &num_train);
  long long passes = 3LL * num_train;
  const long long bad_steps[] = {-1, passes + 1, LLONG_MAX};
  const int bad_counts[] = {-1, (int)passes + 1, INT_MAX};
  for (int k = 0; k < 6; k++) {
    nn_experiment *sender = nn_test_from_hash(BUSY);
    assert_int_equal(nn_experiment_train(sender, 3), NN_OK);
    nn_network *net = nn_experiment_network_mut(sender);
    if (k < 3)
      net->opt_steps = bad_steps[k];
    else
      net->acc_count[net->num_nodes - 1] = bad_counts[k - 3];
    size_t size = nn_experiment_state_size(sender, 0);
    uint8_t *buf = malloc(size);
    assert_non_null(buf);
    assert_int_equal(nn_experiment_save_state(sender, 0, buf, size), NN_OK);
    assert_int_equal(nn_experiment_load_state(receiver, buf, size), NN_ERR_INVALID);
    assert_int_equal(nn_experiment_epoch(receiver), 0);
    free(buf);
    nn_experiment_destroy(sender);
  }
  /* The most a run of 3 epochs can count is accepted. */
  nn_experiment *sender = nn_test_from_hash(BUSY);
  assert_int_equal(nn_experiment_train(sender, 3), NN_OK);
  nn_network *net = nn_experiment_network_mut(sender);
  net->opt_steps = passes;
  net->acc_count[net->num_nodes - 1] = (int)passes;
  size_t size = nn_experiment_state_size(sender, 0);
  uint8_t *buf = malloc(size);
  assert_non_null(buf);
  assert_int_equal(nn_experiment_save_state(sender, 0, buf, size), NN_OK);
  assert_int_equal(nn_experiment_load_state(receiver, buf, size), NN_OK);
  free(buf);
  nn_experiment_destroy(sender);
  nn_experiment_destroy(receiver);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_receiver_trains_on_exactly_as_the_sender),
      cmocka_unit_test(progress_sent_in_pieces_builds_the_same_curve),
      cmocka_unit_test(rows_not_received_are_not_evaluated),
      cmocka_unit_test(divergence_and_the_finite_state_move_too),
      cmocka_unit_test(bad_states_are_refused_and_change_nothing),
      cmocka_unit_test(a_state_of_another_link_with_the_same_layout_is_refused),
      cmocka_unit_test(counters_no_training_reaches_are_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
