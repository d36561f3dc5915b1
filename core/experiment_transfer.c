/* experiment_transfer.c — an experiment's whole training state as bytes, to move training to
 * another engine of the same link (experiment.h: nn_experiment_save_state). */
#include <string.h>

#include "experiment.h"
#include "experiment_internal.h"

enum { STATE_MAGIC = 0x334e534e }; /* "NSN3" */

typedef struct {
  int32_t magic, num_params, num_nodes, epoch, since, diverged_at, finite_epoch;
  int32_t cursor, finite_cursor; /* log entries applied now and at the finite state */
  uint32_t link_lo, link_hi; /* the sender's nn_exp_link_id up to its cursor */
} state_header;

static size_t state_bytes(const nn_experiment *e, long long rows) {
  return sizeof(state_header) + 2 * sizeof(nn_rng) + 2 * nn_network_values_size(&e->net) +
         (size_t)rows * 4 * sizeof(double);
}

size_t nn_experiment_state_size(const nn_experiment *e, int since) {
  if (!e || since < 0 || since > e->epoch) return 0;
  return state_bytes(e, e->epoch - since);
}

nn_status nn_experiment_save_state(const nn_experiment *e, int since, uint8_t *out, size_t size) {
  if (!e || !out || e->misclassified || size == 0 || size != nn_experiment_state_size(e, since))
    return NN_ERR_INVALID;
  uint64_t id = nn_exp_link_id(e, e->cursor);
  state_header h = {STATE_MAGIC, e->net.num_params, e->net.num_nodes, e->epoch, since,
                    e->diverged_at, e->finite_epoch, e->cursor, e->finite_cursor,
                    (uint32_t)id, (uint32_t)(id >> 32)};
  memcpy(out, &h, sizeof h);
  out += sizeof h;
  memcpy(out, &e->drop_rng, sizeof e->drop_rng);
  out += sizeof e->drop_rng;
  memcpy(out, &e->finite_drop_rng, sizeof e->finite_drop_rng);
  out += sizeof e->finite_drop_rng;
  nn_network_save_values(&e->net, out);
  out += nn_network_values_size(&e->net);
  nn_network_save_values(&e->finite, out);
  out += nn_network_values_size(&e->finite);
  for (int r = since + 1; r <= e->epoch; r++) { /* loss train, test, accuracy train, test */
    memcpy(out, e->curve + 2 * (size_t)r, 2 * sizeof(double));
    memcpy(out + 2 * sizeof(double), e->acc_curve + 2 * (size_t)r, 2 * sizeof(double));
    out += 4 * sizeof(double);
  }
  return NN_OK;
}

nn_status nn_experiment_load_state(nn_experiment *e, const uint8_t *in, size_t size) {
  state_header h;
  if (!e || !in || e->misclassified || size < sizeof h) return NN_ERR_INVALID;
  memcpy(&h, in, sizeof h);
  if (h.magic != STATE_MAGIC || h.num_params != e->net.num_params ||
      h.num_nodes != e->net.num_nodes || h.since < 0 || h.since > h.epoch ||
      h.diverged_at < -1 || h.diverged_at > h.epoch || h.finite_epoch < 0 ||
      h.finite_epoch > h.epoch || size != state_bytes(e, (long long)h.epoch - h.since))
    return NN_ERR_INVALID;
  /* The same link: the same base and the same changes up to the sender's epoch (this
   * experiment may hold later ones, which it then applies as it trains on). */
  if (h.cursor < 0 || h.cursor > e->log.count || h.finite_cursor < 0 ||
      h.finite_cursor > h.cursor ||
      (h.cursor < e->log.count && e->log.items[h.cursor].epoch <= h.epoch))
    return NN_ERR_INVALID;
  uint64_t id = nn_exp_link_id(e, h.cursor);
  if (id == 0 || h.link_lo != (uint32_t)id || h.link_hi != (uint32_t)(id >> 32))
    return NN_ERR_INVALID;
  nn_status grown = nn_exp_ensure_rows(e, (long long)h.epoch + 1);
  if (grown != NN_OK) return grown;
  in += sizeof h;
  memcpy(&e->drop_rng, in, sizeof e->drop_rng);
  in += sizeof e->drop_rng;
  memcpy(&e->finite_drop_rng, in, sizeof e->finite_drop_rng);
  in += sizeof e->finite_drop_rng;
  nn_network_load_values(&e->net, in);
  in += nn_network_values_size(&e->net);
  nn_network_load_values(&e->finite, in);
  in += nn_network_values_size(&e->finite);
  /* Rows this experiment neither has nor receives were not evaluated here. */
  for (int r = e->epoch + 1; r <= h.since; r++) nn_exp_mark_not_evaluated(e, r);
  for (int r = h.since + 1; r <= h.epoch; r++) {
    memcpy(e->curve + 2 * (size_t)r, in, 2 * sizeof(double));
    memcpy(e->acc_curve + 2 * (size_t)r, in + 2 * sizeof(double), 2 * sizeof(double));
    in += 4 * sizeof(double);
  }
  e->epoch = h.epoch;
  e->diverged_at = h.diverged_at;
  e->finite_epoch = h.finite_epoch;
  e->cursor = h.cursor;
  e->finite_cursor = h.finite_cursor;
  nn_exp_settings_at(e, e->cursor, &e->cfg);
  e->opts = nn_train_opts_from_config(&e->cfg);
  return NN_OK;
}

