/* fuzz_changelog.c — the change-log parser and writer (changelog.h) on arbitrary bytes.
 *
 * The input is a hash (bytes up to the first NUL), parsed as a link is: base parameters
 * (state.h), then `epoch=` and the change entries. Invariants checked:
 *   - the notices are well formed (count within bounds, fields NUL-terminated, a parameter and
 *     a reason in each);
 *   - the log is what changelog.h promises: at most NN_MAX_CHANGES entries, epochs
 *     non-decreasing and within 0..target epoch <= NN_MAX_EPOCH, live parameters only, every
 *     edit naming a weight or bias of the base config's network, edit values finite;
 *   - nn_link_write returns the length it writes and cuts short buffers cleanly;
 *   - the written link is a fixed point: parsed again it gives no notice, the same target and
 *     the same entries (edit values bit for bit), and is written the same.
 * Seeds: the fixture hashes, and the same with an epoch and one entry of each kind.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "changelog.h"
#include "fuzz_support.h"
#include "network.h"
#include "state.h"

static void check_notices(const nn_notices *ns) {
  NN_FUZZ_CHECK(ns->count >= 0 && ns->count <= NN_MAX_NOTICES);
  NN_FUZZ_CHECK(ns->dropped >= 0);
  NN_FUZZ_CHECK(ns->dropped == 0 || ns->count == NN_MAX_NOTICES);
  for (int i = 0; i < ns->count; i++) {
    const nn_notice *it = &ns->items[i];
    NN_FUZZ_CHECK(memchr(it->param, '\0', sizeof it->param) && it->param[0] != '\0');
    NN_FUZZ_CHECK(memchr(it->value, '\0', sizeof it->value));
    NN_FUZZ_CHECK(memchr(it->reason, '\0', sizeof it->reason) && it->reason[0] != '\0');
  }
}

static void check_log(const nn_changelog *log, const nn_config *cfg) {
  int sizes[NN_MAX_HIDDEN_LAYERS + 2];
  nn_config layout = *cfg;
  if (cfg->model == NN_MODEL_PERCEPTRON) layout.num_hidden_layers = 0;
  int layers = nn_network_layout(&layout, sizes);
  NN_FUZZ_CHECK(log->target_epoch >= 0 && log->target_epoch <= NN_MAX_EPOCH);
  NN_FUZZ_CHECK(log->count >= 0 && log->count <= NN_MAX_CHANGES && log->count <= log->cap);
  for (int i = 0; i < log->count; i++) {
    const nn_change *c = &log->items[i];
    NN_FUZZ_CHECK(c->epoch >= (i ? log->items[i - 1].epoch : 0));
    NN_FUZZ_CHECK(c->epoch <= log->target_epoch);
    if (c->kind == NN_CHANGE_PARAM) {
      NN_FUZZ_CHECK(c->param >= 0 && c->param < NN_P_COUNT);
      const char *name = nn_param_row(c->param)->name;
      NN_FUZZ_CHECK(nn_change_param_id(name, strlen(name)) == c->param);
      NN_FUZZ_CHECK(memchr(c->value, '\0', sizeof c->value) && c->value[0] != '\0');
    } else {
      NN_FUZZ_CHECK(c->kind == NN_CHANGE_WEIGHT || c->kind == NN_CHANGE_BIAS);
      NN_FUZZ_CHECK(c->layer >= 1 && c->layer < layers && c->to >= 0 && c->to < sizes[c->layer]);
      NN_FUZZ_CHECK(c->kind == NN_CHANGE_BIAS || (c->from >= 0 && c->from < sizes[c->layer - 1]));
      NN_FUZZ_CHECK(isfinite(c->number));
    }
  }
}

/* The link of (cfg, log), malloc'd, after checking the snprintf-like contract. */
static char *link_text(const nn_config *cfg, const nn_changelog *log) {
  size_t n = nn_link_write(cfg, log, log->count, log->target_epoch, NULL, 0);
  char *text = malloc(n + 1);
  NN_FUZZ_CHECK(text != NULL);
  memset(text, 'x', n + 1);
  NN_FUZZ_CHECK(nn_link_write(cfg, log, log->count, log->target_epoch, text, n + 1) == n);
  NN_FUZZ_CHECK(strlen(text) == n);
  size_t cap = n / 2 + 1;
  char *cut = malloc(cap);
  NN_FUZZ_CHECK(cut != NULL);
  NN_FUZZ_CHECK(nn_link_write(cfg, log, log->count, log->target_epoch, cut, cap) == n);
  NN_FUZZ_CHECK(strlen(cut) == cap - 1 && memcmp(cut, text, cap - 1) == 0);
  free(cut);
  return text;
}

static bool same_change(const nn_change *a, const nn_change *b) {
  return a->epoch == b->epoch && a->kind == b->kind &&
         (a->kind == NN_CHANGE_PARAM
              ? a->param == b->param && strcmp(a->value, b->value) == 0
              : a->layer == b->layer && a->from == b->from && a->to == b->to &&
                    memcmp(&a->number, &b->number, sizeof a->number) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *hash = malloc(size + 1);
  NN_FUZZ_CHECK(hash != NULL);
  memcpy(hash, data, size);
  hash[size] = '\0';

  nn_config cfg;
  nn_notices notices;
  nn_changelog log;
  nn_changelog_init(&log);
  nn_state_parse(hash, &cfg, &notices);
  NN_FUZZ_CHECK(nn_changelog_parse(hash, &cfg, &log, &notices));
  check_notices(&notices);
  check_log(&log, &cfg);
  char *link = link_text(&cfg, &log);

  nn_config again;
  nn_changelog again_log;
  nn_changelog_init(&again_log);
  nn_state_parse(link, &again, &notices);
  NN_FUZZ_CHECK(nn_changelog_parse(link, &again, &again_log, &notices));
  NN_FUZZ_CHECK(notices.count == 0 && notices.dropped == 0);
  NN_FUZZ_CHECK(again_log.target_epoch == log.target_epoch && again_log.count == log.count);
  for (int i = 0; i < log.count; i++)
    NN_FUZZ_CHECK(same_change(&log.items[i], &again_log.items[i]));
  char *link_again = link_text(&again, &again_log);
  NN_FUZZ_CHECK(strcmp(link, link_again) == 0);

  free(link_again);
  free(link);
  nn_changelog_free(&again_log);
  nn_changelog_free(&log);
  free(hash);
  return 0;
}

void nn_fuzz_seeds(nn_fuzz_emit emit, void *ctx) {
  static const char CHANGES[] = "&epoch=40&learningRate@3=0.3&optimizer@5=adam&w1.0.0@5=0.5&"
                                "b1.0@7=-0.25&batchSize@9=3&dropout@9=0.1&w1.9.9@10=1";
  for (int f = 0; f < nn_fuzz_fixture_count; f++) {
    const char *h = nn_fuzz_fixture_hashes[f];
    size_t n = strlen(h);
    emit((const uint8_t *)h, n, ctx);
    char *with = malloc(n + sizeof CHANGES);
    NN_FUZZ_CHECK(with != NULL);
    memcpy(with, h, n);
    memcpy(with + n, CHANGES, sizeof CHANGES);
    emit((const uint8_t *)with, n + sizeof CHANGES - 1, ctx);
    free(with);
  }
}
