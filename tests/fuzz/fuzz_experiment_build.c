/* fuzz_experiment_build.c — the experiment a parsed hash builds (experiment.h), for arbitrary
 * hashes.
 *
 * The input is a hash (bytes up to the first NUL), parsed as the page parses it; a missing seed
 * is drawn as the page draws one. Invariants checked: the experiment of every config the parser
 * gives builds, with one curve row; a small one trains one epoch (a large one would cost the
 * fuzzer too much time per input); it evaluates a grid; and it takes back its own saved state,
 * which then saves the same again (perceptron mode refuses to save). Seeds: the fixture hashes.
 */
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "fuzz_support.h"
#include "state.h"

/* Networks of at most this many parameters also train an epoch. */
enum { TRAIN_MAX_PARAMS = 200 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *hash = malloc(size + 1);
  NN_FUZZ_CHECK(hash != NULL);
  memcpy(hash, data, size);
  hash[size] = '\0';
  nn_config cfg;
  nn_state_parse(hash, &cfg, NULL);
  free(hash);
  if (cfg.seed[0] == '\0') nn_seed_from_unseeded(0.5, cfg.seed);
  nn_experiment *e = NULL;
  NN_FUZZ_CHECK(nn_experiment_create(&e, &cfg) == NN_OK);

  int rows = 0;
  nn_experiment_loss_curve(e, &rows);
  NN_FUZZ_CHECK(rows == 1);
  if (nn_experiment_network(e)->num_params <= TRAIN_MAX_PARAMS) {
    NN_FUZZ_CHECK(nn_experiment_train(e, 1) == NN_OK);
    NN_FUZZ_CHECK(nn_experiment_epoch(e) == 1);
    nn_experiment_loss_curve(e, &rows);
    NN_FUZZ_CHECK(rows == 2);
  }
  nn_status status;
  NN_FUZZ_CHECK(nn_experiment_evaluate_grid(e, 2, &status) != NULL && status == NN_OK);

  /* Its own state loads back (perceptron mode refuses both ways), and saves the same again. */
  size_t state_size = nn_experiment_state_size(e, 0);
  NN_FUZZ_CHECK(state_size > 0);
  uint8_t *saved = malloc(state_size), *again = malloc(state_size);
  NN_FUZZ_CHECK(saved && again);
  if (cfg.model == NN_MODEL_PERCEPTRON) {
    NN_FUZZ_CHECK(nn_experiment_save_state(e, 0, saved, state_size) == NN_ERR_INVALID);
  } else {
    NN_FUZZ_CHECK(nn_experiment_save_state(e, 0, saved, state_size) == NN_OK);
    NN_FUZZ_CHECK(nn_experiment_load_state(e, saved, state_size) == NN_OK);
    NN_FUZZ_CHECK(nn_experiment_save_state(e, 0, again, state_size) == NN_OK);
    NN_FUZZ_CHECK(memcmp(saved, again, state_size) == 0);
  }
  free(saved);
  free(again);
  nn_experiment_destroy(e);
  return 0;
}
