/* experiment_changes.c — the experiment's change log (changelog.h): live changes and hand edits
 * made while training, applied at their epochs, and the link that reproduces the screen. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "experiment_internal.h"
#include "params.h"
#include "state.h"

/* The index in params of the weight or bias an edit names (the layout was checked). */
static int edit_index(const nn_network *net, const nn_change *c) {
  if (c->kind == NN_CHANGE_WEIGHT)
    return net->weight_offset[c->layer] + c->to * net->sizes[c->layer - 1] + c->from;
  return net->bias_offset[c->layer] + c->to;
}

static void apply_change(nn_experiment *e, const nn_change *c) {
  if (c->kind != NN_CHANGE_PARAM) {
    e->net.params[edit_index(&e->net, c)] = c->number;
    nn_exp_evaluate_now(e); /* the epoch's row shows the edited network */
    return;
  }
  nn_optimizer before = e->cfg.optimizer;
  nn_change_apply_param(c, &e->cfg);
  e->opts = nn_train_opts_from_config(&e->cfg);
  if (e->cfg.optimizer != before) { /* another optimiser starts from zero (m, v, t) */
    size_t n = (size_t)e->net.num_params;
    memset(e->net.opt_m, 0, n * sizeof *e->net.opt_m);
    memset(e->net.opt_v, 0, n * sizeof *e->net.opt_v);
    e->net.opt_steps = 0;
  }
  /* The finite state kept at this very epoch includes the change (restore keeps it). */
  if (e->diverged_at < 0 && e->finite_epoch == e->epoch) nn_exp_take_snapshot(e);
}

void nn_exp_apply_due(nn_experiment *e) {
  while (e->cursor < e->log.count && e->log.items[e->cursor].epoch <= e->epoch) {
    const nn_change *c = &e->log.items[e->cursor++];
    apply_change(e, c);
  }
}

void nn_exp_settings_at(const nn_experiment *e, int count, nn_config *out) {
  *out = e->base;
  for (int i = 0; i < count && i < e->log.count; i++)
    if (e->log.items[i].kind == NN_CHANGE_PARAM) nn_change_apply_param(&e->log.items[i], out);
}

uint64_t nn_exp_link_id(const nn_experiment *e, int count) {
  size_t need = nn_link_write(&e->base, &e->log, count, 0, NULL, 0);
  char *text = malloc(need + 1);
  if (text == NULL) return 0; /* no memory: no id, the load is refused */
  nn_link_write(&e->base, &e->log, count, 0, text, need + 1);
  uint64_t h = nn_fnv1a(NN_FNV_START, text, need);
  free(text);
  return h;
}

nn_status nn_experiment_set_changes(nn_experiment *e, nn_changelog *log) {
  if (!e || !log || e->epoch != 0 || e->cursor != 0) return NN_ERR_INVALID;
  nn_changelog_free(&e->log);
  e->log = *log; /* moved in */
  nn_changelog_init(log);
  nn_exp_apply_due(e);
  return NN_OK;
}

int nn_experiment_target_epoch(const nn_experiment *e) { return e->log.target_epoch; }
const nn_config *nn_experiment_base_config(const nn_experiment *e) { return &e->base; }
const nn_changelog *nn_experiment_changes(const nn_experiment *e) { return &e->log; }
int nn_experiment_changes_applied(const nn_experiment *e) { return e->cursor; }

/* A setting changed again at the same epoch (a slider dragged) replaces its entry: the link
 * stays short and means the same. Not the optimiser, whose every change restarts its state. */
static bool replaces_last(const nn_experiment *e, const nn_change *c) {
  if (c->kind != NN_CHANGE_PARAM || c->param == NN_P_OPTIMIZER || e->cursor == 0) return false;
  const nn_change *last = &e->log.items[e->cursor - 1];
  return last->kind == NN_CHANGE_PARAM && last->param == c->param && last->epoch == e->epoch;
}

/* Logs c at the current epoch (the entries the link planned later are dropped: training now
 * goes another way) and applies it. */
static nn_status log_and_apply(nn_experiment *e, const nn_change *c, char *why) {
  if (replaces_last(e, c)) {
    e->log.count = e->cursor;
    if (e->log.target_epoch > e->epoch) e->log.target_epoch = e->epoch;
    e->log.items[e->cursor - 1] = *c;
    apply_change(e, c);
    return NN_OK;
  }
  if (e->cursor >= NN_MAX_CHANGES) {
    strcpy(why, "a link holds at most 1000 changes");
    return NN_ERR_INVALID;
  }
  e->log.count = e->cursor;
  if (e->log.target_epoch > e->epoch) e->log.target_epoch = e->epoch;
  if (!nn_changelog_append(&e->log, c)) return NN_ERR_NOMEM;
  nn_exp_apply_due(e);
  return NN_OK;
}

nn_status nn_experiment_change(nn_experiment *e, const char *name, const char *value,
                               char *why) {
  char unused[NN_NOTICE_REASON_LEN + 1];
  if (!why) why = unused;
  if (!e || !name || !value) return NN_ERR_INVALID;
  nn_change c;
  if (!nn_change_make_param(&c, name, strlen(name), value, strlen(value), e->epoch, why))
    return NN_ERR_INVALID;
  return log_and_apply(e, &c, why);
}

static nn_status edit(nn_experiment *e, nn_change_kind kind, int layer, int from, int to,
                      double v) {
  char why[NN_NOTICE_REASON_LEN + 1];
  nn_change c;
  memset(&c, 0, sizeof c);
  c.kind = kind;
  c.layer = layer;
  c.from = from;
  c.to = to;
  c.number = v;
  if (!e || !nn_change_edit_exists(&c, e->net.sizes, e->net.num_layers) || !isfinite(v))
    return NN_ERR_INVALID;
  c.epoch = e->epoch;
  return log_and_apply(e, &c, why);
}

nn_status nn_experiment_set_weight(nn_experiment *e, int layer, int from, int to, double v) {
  return edit(e, NN_CHANGE_WEIGHT, layer, from, to, v);
}

nn_status nn_experiment_set_bias(nn_experiment *e, int layer, int node, double v) {
  return edit(e, NN_CHANGE_BIAS, layer, 0, node, v);
}

size_t nn_experiment_link(const nn_experiment *e, char *out, size_t cap) {
  return nn_link_write(&e->base, &e->log, e->cursor, e->epoch, out, cap);
}
