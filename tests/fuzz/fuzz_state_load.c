/* fuzz_state_load.c — nn_experiment_load_state (experiment.h) on arbitrary bytes.
 *
 * Input: one selector byte, then the state. The selector's low 7 bits choose a hash (modulo the
 * number of hashes: first a few with nnplay's own training options, whose optimiser state and
 * dropout stream the fixtures lack, then the fixtures'); its high bit is FIT_TO_HEADER. The state is loaded into a fresh experiment of that hash. Invariants
 * checked:
 *   - a refused state (NN_ERR_INVALID) changes nothing: the experiment saves the same state as
 *     before;
 *   - an accepted one (NN_OK) is all that is kept: saving it again with the same `since` gives
 *     the input back byte for byte, the curves have epoch + 1 rows, and the experiment trains on
 *     one epoch, restores its last finite state and evaluates a grid without a fault.
 * Seeds: each hash's own saved state after 0, 3 and 12 epochs (since 0, with FIT_TO_HEADER, and
 * since the epoch before, without), so mutations start from states the engine accepts.
 */
#include <string.h>

#include "experiment.h"
#include "fuzz_support.h"
#include "state.h"

/* A state names its epoch: the curves grow to it (32 bytes a row), and training on may replay
 * every epoch since its last finite one to find where it diverged (experiment.h). Both are
 * valid and linear in the epoch, so a state naming a million epochs is a long run rather than a
 * bug. Inputs naming more epochs than this are skipped so that the fuzzer explores the format. */
enum { MAX_FUZZED_EPOCH = 32 };

/* The header's fields the harness reads, int32 at these offsets (core/experiment.c: magic,
 * num_params, num_nodes, epoch, since, ...), and the bytes of one curve row (the loss and the
 * accuracy, train and test). */
enum { EPOCH_OFFSET = 12, SINCE_OFFSET = 16, ROW_BYTES = 4 * sizeof(double) };

/* A selector byte with this bit set asks the harness to cut or zero-pad the state to the size
 * its header asks for, so that most mutations get past the size check into the values. */
enum { FIT_TO_HEADER = 0x80 };

static int32_t header_field(const uint8_t *state, size_t size, size_t offset) {
  int32_t v = 0;
  if (size >= offset + sizeof v) memcpy(&v, state + offset, sizeof v);
  return v;
}

/* First, so that the index of each stays put when fixtures are added. */
static const char *const OWN_HASHES[] = {
    "dataset=xor&networkShape=3,2&optimizer=adam&dropout=0.2&batchSize=7&seed=adam",
    "dataset=spiral&networkShape=4&optimizer=momentum&regularization=L1&seed=momentum",
    "problem=regression&regDataset=reg-gauss&optimizer=rmsprop&init=he&seed=rmsprop",
    "dataset=circle&loss=crossentropy&activation=swish&init=xavier&dropout=0.5&seed=swish",
};
enum { OWN_COUNT = sizeof OWN_HASHES / sizeof *OWN_HASHES };

static int hash_count(void) { return nn_fuzz_fixture_count + OWN_COUNT; }

static nn_experiment *hash_experiment(int index) {
  nn_config cfg;
  nn_state_parse(index < OWN_COUNT ? OWN_HASHES[index] : nn_fuzz_fixture_hashes[index - OWN_COUNT],
                 &cfg, NULL);
  nn_experiment *e = NULL;
  NN_FUZZ_CHECK(nn_experiment_create(&e, &cfg) == NN_OK);
  return e;
}

/* The experiment's state since `since` (caller frees), its size in *size. */
static uint8_t *saved_state(const nn_experiment *e, int since, size_t *size) {
  *size = nn_experiment_state_size(e, since);
  NN_FUZZ_CHECK(*size > 0);
  uint8_t *out = malloc(*size);
  NN_FUZZ_CHECK(out != NULL);
  NN_FUZZ_CHECK(nn_experiment_save_state(e, since, out, *size) == NN_OK);
  return out;
}

/* The `since` an accepted state of `size` bytes was saved with: each curve row it carries adds
 * the same number of bytes. */
static int since_of(const nn_experiment *e, size_t size) {
  int epoch = nn_experiment_epoch(e);
  size_t base = nn_experiment_state_size(e, epoch);
  if (epoch == 0) return 0;
  size_t row = nn_experiment_state_size(e, epoch - 1) - base;
  NN_FUZZ_CHECK(size >= base && (size - base) % row == 0);
  return epoch - (int)((size - base) / row);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const uint8_t *state = data + 1;
  size_t state_size = size - 1;
  int32_t epoch = header_field(state, state_size, EPOCH_OFFSET);
  int32_t since = header_field(state, state_size, SINCE_OFFSET);
  if (epoch > MAX_FUZZED_EPOCH) return 0;

  nn_experiment *e = hash_experiment((data[0] & ~FIT_TO_HEADER) % hash_count());
  uint8_t *fitted = NULL;
  if ((data[0] & FIT_TO_HEADER) && since >= 0 && since <= epoch) {
    size_t want = nn_experiment_state_size(e, 0) + (size_t)(epoch - since) * ROW_BYTES;
    fitted = calloc(want, 1);
    NN_FUZZ_CHECK(fitted != NULL);
    memcpy(fitted, state, state_size < want ? state_size : want);
    state = fitted;
    state_size = want;
  }
  size_t before_size;
  uint8_t *before = saved_state(e, 0, &before_size);

  nn_status status = nn_experiment_load_state(e, state, state_size);
  if (status != NN_OK) {
    NN_FUZZ_CHECK(status == NN_ERR_INVALID);
    size_t after_size;
    uint8_t *after = saved_state(e, 0, &after_size);
    NN_FUZZ_CHECK(after_size == before_size && memcmp(after, before, before_size) == 0);
    free(after);
  } else {
    int epoch = nn_experiment_epoch(e), rows = 0;
    nn_experiment_loss_curve(e, &rows);
    NN_FUZZ_CHECK(rows == epoch + 1);
    nn_experiment_accuracy_curve(e, &rows);
    NN_FUZZ_CHECK(rows == epoch + 1);
    size_t again_size;
    uint8_t *again = saved_state(e, since_of(e, state_size), &again_size);
    NN_FUZZ_CHECK(again_size == state_size && memcmp(again, state, state_size) == 0);
    free(again);

    NN_FUZZ_CHECK(nn_experiment_train(e, 1) == NN_OK);
    NN_FUZZ_CHECK(nn_experiment_epoch(e) == epoch + 1);
    NN_FUZZ_CHECK(nn_experiment_restore_finite(e) == NN_OK);
    nn_status grid;
    NN_FUZZ_CHECK(nn_experiment_evaluate_grid(e, 2, &grid) != NULL && grid == NN_OK);
  }
  free(before);
  free(fitted);
  nn_experiment_destroy(e);
  return 0;
}

/* Seeds: real states, each behind its hash's index byte. */
static void emit_state(const nn_experiment *e, uint8_t selector, int since, nn_fuzz_emit emit,
                       void *ctx) {
  size_t size;
  uint8_t *state = saved_state(e, since, &size);
  uint8_t *input = malloc(size + 1);
  NN_FUZZ_CHECK(input != NULL);
  input[0] = selector;
  memcpy(input + 1, state, size);
  emit(input, size + 1, ctx);
  free(input);
  free(state);
}

void nn_fuzz_seeds(nn_fuzz_emit emit, void *ctx) {
  static const int epochs[] = {0, 3, 12};
  for (int f = 0; f < hash_count(); f++) {
    nn_experiment *e = hash_experiment(f);
    int trained = 0;
    for (size_t k = 0; k < sizeof epochs / sizeof *epochs; k++) {
      NN_FUZZ_CHECK(nn_experiment_train(e, epochs[k] - trained) == NN_OK);
      trained = epochs[k];
      emit_state(e, (uint8_t)(f | FIT_TO_HEADER), 0, emit, ctx);
      if (trained > 0) emit_state(e, (uint8_t)f, trained - 1, emit, ctx);
    }
    nn_experiment_destroy(e);
  }
}
