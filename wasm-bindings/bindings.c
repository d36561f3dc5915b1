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
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "experiment.h"
#include "lessons.h"
#include "network.h"
#include "perceptron.h"
#include "downhill.h"
#include "points_file.h"
#include "state.h"

/* How many doubles nnw_cfg_read writes (engine/config.js reads as many). */
enum { NNW_CFG_FIELDS = 56 };

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

int nnw_notices_dropped(const nn_notices *n) { return n->dropped; }

/* Notice i's strings at out[0..2] (param, value, reason; owned by the notices); false when i is
 * out of range. */
bool nnw_notice_read(const nn_notices *n, int i, const char *out[3]) {
  if (i < 0 || i >= n->count) return false;
  out[0] = n->items[i].param;
  out[1] = n->items[i].value;
  out[2] = n->items[i].reason;
  return true;
}

/* ---- lessons (lessons.h) ------------------------------------------------------------------ */

/* Lesson i's strings at out[0..1] (id, hash; static; the words are the lab engine's); false past the last. */
bool nnw_lesson_read(int i, const char *out[2]) {
  const nn_lesson *l = nn_lesson_get(i);
  if (!l) return false;
  out[0] = l->id;
  out[1] = l->hash;
  return true;
}

/* ---- config fields (names as in URLs; see config.h) ---------------------------------------- */

/* A string or a pointer as one of the doubles below (a double holds every wasm32 pointer). */
#define NNW_PTR(p) ((double)(uintptr_t)(p))

/* Every field of a config JS reads, in one call (one export instead of one per field): numbers
 * and booleans as they are, strings and arrays as pointers, in the order of engine/config.js's
 * readState. The block is the engine's own, overwritten by the next call. */
const double *nnw_cfg_read(const nn_config *c) {
  static double out[NNW_CFG_FIELDS];
  const double fields[] = {
    NNW_PTR(nn_activation_name(c->activation)),
    NNW_PTR(nn_regularization_name(c->regularization)),
    c->batch_size,
    NNW_PTR(nn_dataset_name(c->dataset)),
    NNW_PTR(nn_dataset_name(c->reg_dataset)),
    c->learning_rate,
    c->regularization_rate,
    c->noise,
    c->num_hidden_layers, NNW_PTR(c->network_shape), /* networkShape: count, then the array */
    NNW_PTR(c->seed),
    c->show_test_data,
    c->discretize,
    c->perc_train_data,
    c->features[NN_FEAT_X],
    c->features[NN_FEAT_Y],
    c->features[NN_FEAT_X_TIMES_Y],
    c->features[NN_FEAT_X_SQUARED],
    c->features[NN_FEAT_Y_SQUARED],
    c->cos_x,
    c->features[NN_FEAT_SIN_X],
    c->cos_y,
    c->features[NN_FEAT_SIN_Y],
    c->collect_stats,
    NNW_PTR(c->tutorial),
    NNW_PTR(nn_problem_name(c->problem)),
    c->init_zero,
    c->hide_text,
    c->num_hide, /* the <name>_hide map: nnw_cfg_hide_name / _value */
    /* nnplay's own parameters, beyond TFP */
    NNW_PTR(nn_optimizer_name(c->optimizer)),
    c->momentum,
    c->rho,
    c->beta1,
    c->beta2,
    c->epsilon,
    NNW_PTR(nn_init_name(c->init)),
    c->dropout,
    NNW_PTR(nn_loss_name(c->loss)),
    c->speed,
    NNW_PTR(nn_palette_name(c->palette)),
    /* the lecture's: model, mode, lesson ("" = none) */
    NNW_PTR(nn_model_name(c->model)),
    NNW_PTR(nn_mode_name(c->mode)),
    NNW_PTR(c->lesson),
    /* the goals (NN_NO_GOAL, below 0, when none) */
    c->goal_train_loss,
    c->goal_test_loss,
    /* the page's language ("" = the browser's) */
    NNW_PTR(c->lang),
    /* K-class problems: 2 = TFP's two classes */
    c->classes,
    /* the perceptron's rule; the downhill panel's surface, then its start x, y and the rates of
     * SGD, momentum, RMSprop, Adam (NN_DOWNHILL_OWN when not set) */
    NNW_PTR(nn_rule_name(c->rule)),
    NNW_PTR(nn_surface_name(c->downhill.surface)),
    c->downhill.start[0], c->downhill.start[1],
    c->downhill.rate[0], c->downhill.rate[1], c->downhill.rate[2], c->downhill.rate[3],
    /* own points as the link carries them ("" = the dataset's own) */
    NNW_PTR(c->data),
  };
  _Static_assert(sizeof fields == sizeof out, "NNW_CFG_FIELDS counts the fields");
  memcpy(out, fields, sizeof out);
  return out;
}

/* Entry i of the <name>_hide map: the name without "_hide", and its value. */
const char *nnw_cfg_hide_name(const nn_config *c, int i) {
  return i >= 0 && i < c->num_hide ? c->hide[i].name : NULL;
}
bool nnw_cfg_hide_value(const nn_config *c, int i) {
  return i >= 0 && i < c->num_hide && c->hide[i].hidden;
}

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

/* The network's layout numbers and arrays, in one call: out[0..2] num_layers, num_nodes,
 * num_params; out[3..9] pointers to sizes, node_offset, weight_offset, bias_offset, params, dead,
 * output; out[10..11] the hidden and output activations' names. The block is the engine's own,
 * overwritten by the next call. */
const int32_t *nnw_net_read(const nn_network *n) {
  static int32_t out[12];
  const void *ptrs[9] = {n->sizes, n->node_offset, n->weight_offset, n->bias_offset,
                         n->params, n->dead, n->output, nn_activation_name(n->hidden_activation),
                         n->classes ? "softmax" : nn_activation_name(n->output_activation)};
  out[0] = n->num_layers;
  out[1] = n->num_nodes;
  out[2] = n->num_params;
  for (int i = 0; i < 9; i++) out[3 + i] = (int32_t)(uintptr_t)ptrs[i];
  return out;
}

/* The feature name of input node i, or NULL when i is not an input node. */
const char *nnw_net_input_feature(const nn_network *n, int i) {
  return i >= 0 && i < n->sizes[0] ? nn_feature_name(n->input_features[i]) : NULL;
}

/* ---- perceptron (perceptron.h) ------------------------------------------------------------ */

/* The report as four ints: out[0] converged_epoch, out[1] misclassified, out[2..3] the verdict's
 * name and sentence (static strings). */
void nnw_experiment_perceptron_report(const nn_experiment *e, int32_t out[4]) {
  nn_perceptron_report r = nn_experiment_perceptron_report(e);
  out[0] = r.converged_epoch;
  out[1] = r.misclassified;
  out[2] = (int32_t)(uintptr_t)nn_perceptron_verdict_name(r.verdict);
  out[3] = (int32_t)(uintptr_t)nn_perceptron_verdict_text(r.verdict);
}

/* ---- own points (core/points_file.h); reading them is the points module's ------------------ */

/* The experiment's points as CSV, train then test (x,y,label,set; snprintf-like). */
int nnw_experiment_points_csv(const nn_experiment *e, char *out, int cap) {
  int ntrain, ntest;
  const nn_point *train = nn_experiment_train_points(e, &ntrain);
  const nn_point *test = nn_experiment_test_points(e, &ntest);
  return (int)nn_points_csv_write(train, ntrain, test, ntest, out, (size_t)cap);
}
