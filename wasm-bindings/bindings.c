/* bindings.c — the wasm module's C side: thin exports over core/ (listed in exports.txt).
 *
 * Each function unpacks its arguments and calls one engine function or reads one field; all
 * logic stays in core/. Structured data crosses the boundary through memory, never JSON:
 * getters return numbers, NUL-terminated strings owned by the engine, or pointers into the
 * engine's arrays, which engine.js wraps in typed-array views.
 *
 * Ownership: nnw_parse() returns a block that engine.js frees with nnw_parsed_free();
 * nnw_experiment_create() returns an nn_experiment* freed with nn_experiment_destroy(). Every
 * other pointer returned here belongs to the engine (see core/experiment.h for how long it lives).
 * Out-parameters (nn_status *, int *, double *) point into a scratch block engine.js allocates.
 *
 * Engine functions whose signatures already suit JavaScript (nn_experiment_train, ...) are
 * exported as they are and have no wrapper here.
 */
#include <stdbool.h>
#include <stdint.h>
#include <malloc.h>
#include <stdlib.h>

#include "config.h"
#include "experiment.h"
#include "network.h"
#include "perceptron.h"
#include "state.h"

/* ---- URL hash -> config + notices ------------------------------------------------------- */

typedef struct {
  nn_config cfg;
  nn_notices notices;
  nn_changelog log; /* the link's epoch and changes (changelog.h) */
} nnw_parsed;

/* Parses `hash` (UTF-8, no '#'; NULL means ""): the base parameters, then the link's epoch and
 * changes. Returns NULL only when out of memory. */
nnw_parsed *nnw_parse(const char *hash) {
  nnw_parsed *p = malloc(sizeof *p);
  if (!p) return NULL;
  nn_state_parse(hash, &p->cfg, &p->notices);
  nn_changelog_init(&p->log);
  if (!nn_changelog_parse(hash, &p->cfg, &p->log, &p->notices)) {
    free(p);
    return NULL;
  }
  return p;
}

void nnw_parsed_free(nnw_parsed *p) {
  if (p) nn_changelog_free(&p->log);
  free(p);
}

/* The canonical link of a parsed hash: base parameters, epoch and every change. snprintf-like. */
size_t nnw_parsed_link(const nnw_parsed *p, char *out, size_t cap) {
  return nn_link_write(&p->cfg, &p->log, p->log.count, p->log.target_epoch, out, cap);
}
const nn_config *nnw_parsed_config(const nnw_parsed *p) { return &p->cfg; }
const nn_notices *nnw_parsed_notices(const nnw_parsed *p) { return &p->notices; }

/* ---- notices ------------------------------------------------------------------------------ */

int nnw_notices_count(const nn_notices *n) { return n->count; }
int nnw_notices_dropped(const nn_notices *n) { return n->dropped; }

/* Strings of notice i, or NULL when i is out of range. */
const char *nnw_notice_param(const nn_notices *n, int i) {
  return i >= 0 && i < n->count ? n->items[i].param : NULL;
}
const char *nnw_notice_value(const nn_notices *n, int i) {
  return i >= 0 && i < n->count ? n->items[i].value : NULL;
}
const char *nnw_notice_reason(const nn_notices *n, int i) {
  return i >= 0 && i < n->count ? n->items[i].reason : NULL;
}

/* ---- config fields (names as in URLs; see config.h) ---------------------------------------- */

#define NNW_CFG_GETTER(type, name, expr) \
  type nnw_cfg_##name(const nn_config *c) { return (expr); }

NNW_CFG_GETTER(const char *, activation, nn_activation_name(c->activation))
NNW_CFG_GETTER(const char *, regularization, nn_regularization_name(c->regularization))
NNW_CFG_GETTER(int, batch_size, c->batch_size)
NNW_CFG_GETTER(const char *, dataset, nn_dataset_name(c->dataset))
NNW_CFG_GETTER(const char *, reg_dataset, nn_dataset_name(c->reg_dataset))
NNW_CFG_GETTER(double, learning_rate, c->learning_rate)
NNW_CFG_GETTER(double, regularization_rate, c->regularization_rate)
NNW_CFG_GETTER(double, noise, c->noise)
NNW_CFG_GETTER(int, num_hidden_layers, c->num_hidden_layers)
NNW_CFG_GETTER(const int *, network_shape, c->network_shape)
NNW_CFG_GETTER(const char *, seed, c->seed)
NNW_CFG_GETTER(bool, show_test_data, c->show_test_data)
NNW_CFG_GETTER(bool, discretize, c->discretize)
NNW_CFG_GETTER(double, perc_train_data, c->perc_train_data)
NNW_CFG_GETTER(bool, cos_x, c->cos_x)
NNW_CFG_GETTER(bool, cos_y, c->cos_y)
NNW_CFG_GETTER(bool, collect_stats, c->collect_stats)
NNW_CFG_GETTER(const char *, tutorial, c->tutorial)
NNW_CFG_GETTER(const char *, problem, nn_problem_name(c->problem))
NNW_CFG_GETTER(bool, init_zero, c->init_zero)
NNW_CFG_GETTER(bool, hide_text, c->hide_text)
NNW_CFG_GETTER(int, num_hide, c->num_hide)
/* nnplay's own parameters, beyond TFP */
NNW_CFG_GETTER(const char *, optimizer, nn_optimizer_name(c->optimizer))
NNW_CFG_GETTER(double, momentum, c->momentum)
NNW_CFG_GETTER(double, rho, c->rho)
NNW_CFG_GETTER(double, beta1, c->beta1)
NNW_CFG_GETTER(double, beta2, c->beta2)
NNW_CFG_GETTER(double, epsilon, c->epsilon)
NNW_CFG_GETTER(const char *, init, nn_init_name(c->init))
NNW_CFG_GETTER(double, dropout, c->dropout)
NNW_CFG_GETTER(const char *, loss, nn_loss_name(c->loss))
NNW_CFG_GETTER(int, speed, c->speed)
NNW_CFG_GETTER(const char *, palette, nn_palette_name(c->palette))
/* the lecture's: model, mode, lesson ("" = none) */
NNW_CFG_GETTER(const char *, model, nn_model_name(c->model))
NNW_CFG_GETTER(const char *, mode, nn_mode_name(c->mode))
NNW_CFG_GETTER(const char *, lesson, c->lesson)
/* the goals (NN_NO_GOAL, below 0, when none) */
NNW_CFG_GETTER(double, goal_train_loss, c->goal_train_loss)
NNW_CFG_GETTER(double, goal_test_loss, c->goal_test_loss)
/* the page's language ("" = the browser's) */
NNW_CFG_GETTER(const char *, lang, c->lang)
/* K-class problems: 2 = TFP's two classes */
NNW_CFG_GETTER(int, classes, c->classes)

/* The flag of feature f (its name: nn_feature_name); false when f is out of range. */
bool nnw_cfg_feature(const nn_config *c, int f) {
  return f >= 0 && f < NN_FEAT_COUNT && c->features[f];
}

/* Entry i of the <name>_hide map: the name without "_hide", and its value. */
const char *nnw_cfg_hide_name(const nn_config *c, int i) {
  return i >= 0 && i < c->num_hide ? c->hide[i].name : NULL;
}
bool nnw_cfg_hide_value(const nn_config *c, int i) {
  return i >= 0 && i < c->num_hide && c->hide[i].hidden;
}

int nnw_feature_count(void) { return NN_FEAT_COUNT; }

/* ---- experiment ---------------------------------------------------------------------------- */

/* Builds the experiment for a parsed hash. When the hash gave no seed, the seed is
 * toFixed(5) of `unseeded_random` (TFP's Math.random().toFixed(5)). The parsed change log moves
 * into the experiment (a parsed hash builds one). Returns NULL and sets *status when the
 * engine refuses. */
nn_experiment *nnw_experiment_create(nnw_parsed *p, double unseeded_random,
                                     nn_status *status) {
  nn_config cfg = p->cfg;
  if (cfg.seed[0] == '\0') nn_seed_from_unseeded(unseeded_random, cfg.seed);
  nn_experiment *e = NULL;
  *status = nn_experiment_create(&e, &cfg);
  if (*status != NN_OK) return NULL;
  *status = nn_experiment_set_changes(e, &p->log); /* the parsed log moves in */
  if (*status == NN_OK) return e;
  nn_experiment_destroy(e);
  return NULL;
}

/* A logged live change (nn_experiment_change): NULL when made, else why not (one sentence,
 * owned here; "out of memory" for NN_ERR_NOMEM). */
const char *nnw_experiment_change(nn_experiment *e, const char *name, const char *value) {
  static char why[NN_NOTICE_REASON_LEN + 1];
  nn_status s = nn_experiment_change(e, name, value, why);
  return s == NN_OK ? NULL : s == NN_ERR_NOMEM ? nn_status_message(s) : why;
}

/* The Math.random() draw counts as doubles (exact below 2^53): generator, shuffle, weights. */
void nnw_experiment_draw_counts(const nn_experiment *e, double out[3]) {
  nn_draw_counts d = nn_experiment_draw_counts(e);
  out[0] = (double)d.generator;
  out[1] = (double)d.shuffle;
  out[2] = (double)d.weights;
}

/* ---- network layout and arrays (network.h) ------------------------------------------------ */

int nnw_net_num_layers(const nn_network *n) { return n->num_layers; }
const int *nnw_net_sizes(const nn_network *n) { return n->sizes; }
const int *nnw_net_node_offset(const nn_network *n) { return n->node_offset; }
const int *nnw_net_weight_offset(const nn_network *n) { return n->weight_offset; }
const int *nnw_net_bias_offset(const nn_network *n) { return n->bias_offset; }
int nnw_net_num_nodes(const nn_network *n) { return n->num_nodes; }
int nnw_net_num_params(const nn_network *n) { return n->num_params; }

/* The feature name of input node i, or NULL when i is not an input node. */
const char *nnw_net_input_feature(const nn_network *n, int i) {
  return i >= 0 && i < n->sizes[0] ? nn_feature_name(n->input_features[i]) : NULL;
}
const char *nnw_net_hidden_activation(const nn_network *n) {
  return nn_activation_name(n->hidden_activation);
}
const char *nnw_net_output_activation(const nn_network *n) {
  return n->classes ? "softmax" : nn_activation_name(n->output_activation);
}

double *nnw_net_params(const nn_network *n) { return n->params; }
uint8_t *nnw_net_dead(const nn_network *n) { return n->dead; }
double *nnw_net_output(const nn_network *n) { return n->output; }

/* ---- perceptron (perceptron.h) ------------------------------------------------------------ */

/* The report as three ints: out[0] verdict (nn_perceptron_verdict), out[1] converged_epoch,
 * out[2] misclassified. */
void nnw_experiment_perceptron_report(const nn_experiment *e, int out[3]) {
  nn_perceptron_report r = nn_experiment_perceptron_report(e);
  out[0] = (int)r.verdict;
  out[1] = r.converged_epoch;
  out[2] = r.misclassified;
}

/* ---- diagnostics ------------------------------------------------------------------------- */

/* Bytes currently allocated by malloc (dlmalloc's mallinfo), for leak tests. */
int nnw_heap_bytes_in_use(void) { return (int)mallinfo().uordblks; }
