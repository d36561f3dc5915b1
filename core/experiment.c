/* experiment.c — config + data + network + history, built as TFP builds a fresh load
 * (docs/tfp-behaviour.md §2 steps 5-6). */
#include "experiment.h"
#include "experiment_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "dataset_classes.h"
#include "nnfeatures.h"
#include "grid.h"
#include "perceptron.h"
#include "points_codec.h"
#include "rng.h"
#include "state.h"
#include "train.h"


const char *nn_status_message(nn_status s) {
  switch (s) {
    case NN_OK: return "ok";
    case NN_ERR_NOMEM: return "out of memory";
    case NN_ERR_INVALID: return "invalid argument";
  }
  return "unknown status";
}

static void experiment_free_parts(nn_experiment *e) {
  free(e->points);
  free(e->inputs);
  nn_network_free(&e->net);
  free(e->initial_params);
  free(e->curve);
  free(e->acc_curve);
  nn_network_free(&e->finite);
  nn_changelog_free(&e->log);
  free(e->misclassified);
  free(e->grid);
  nn_grid_node_cache_free(&e->node_grid);
}

static void losses_now(nn_experiment *e, double *row) {
  double *acc = e->acc_curve + (row - e->curve); /* the same row of the accuracy curve */
  acc[0] = acc[1] = NAN;
  if (e->cfg.model == NN_MODEL_PERCEPTRON) { /* fraction misclassified; row is epoch's row */
    e->misclassified[(row - e->curve) / 2] = nn_perceptron_evaluate(
        &e->net, e->inputs, e->points, e->num_train, e->num_test, row);
    acc[0] = 1 - row[0]; /* accuracy: the fraction classified right (NaN for an empty set) */
    acc[1] = 1 - row[1];
    return;
  }
  int stride = e->net.sizes[0];
  bool cls = e->cfg.problem == NN_PROBLEM_CLASSIFICATION;
  nn_eval tr = nn_train_evaluate(&e->net, e->inputs, e->points, e->num_train, e->opts.loss, cls);
  nn_eval te = nn_train_evaluate(&e->net, e->inputs + (size_t)e->num_train * stride,
                                 e->points + e->num_train, e->num_test, e->opts.loss, cls);
  row[0] = tr.loss;
  row[1] = te.loss;
  acc[0] = tr.accuracy;
  acc[1] = te.accuracy;
}

/* Finite losses (an empty set's NaN does not count) and parameters. */
static bool state_is_finite(const nn_experiment *e) {
  const double *row = e->curve + 2 * (size_t)e->epoch;
  if ((e->num_train > 0 && !isfinite(row[0])) || (e->num_test > 0 && !isfinite(row[1])))
    return false;
  for (int k = 0; k < e->net.num_params; k++)
    if (!isfinite(e->net.params[k])) return false;
  return true;
}

/* After the losses of the current epoch: keep a copy of a finite state (until the first
 * divergence), or note the epoch at which training diverged. */
static void note_divergence(nn_experiment *e) {
  if (state_is_finite(e)) {
    if (e->diverged_at >= 0 && e->diverged_at < e->epoch) return;
    e->diverged_at = -1;
    nn_exp_take_snapshot(e);
  } else if (e->diverged_at < 0) {
    e->diverged_at = e->epoch;
  }
}

void nn_exp_take_snapshot(nn_experiment *e) {
  nn_network_copy_values(&e->finite, &e->net);
  e->finite_drop_rng = e->drop_rng;
  e->finite_epoch = e->epoch;
  e->finite_cursor = e->cursor;
}

void nn_exp_evaluate_now(nn_experiment *e) {
  losses_now(e, e->curve + 2 * (size_t)e->epoch);
  note_divergence(e);
}

/* A fresh load of e->cfg into the (zeroed) parts of e: reseed, generate, shuffle, split, build
 * the network, epoch-0 losses. */
static nn_status build(nn_experiment *e) {
  const nn_config *cfg = &e->cfg;
  int sizes[NN_MAX_HIDDEN_LAYERS + 2];
  if (cfg->seed[0] == '\0' || nn_network_layout(cfg, sizes) < 0) return NN_ERR_INVALID;

  nn_dataset_kind kind = nn_config_active_dataset(cfg);
  size_t data_len = strlen(cfg->data);
  /* own points (points_codec.h) replace the generated ones; the stream still shuffles them;
   * samples= sets how many a generator makes */
  int n = data_len ? nn_points_decode(cfg->data, data_len, NULL, NULL, NULL, 0)
          : cfg->samples > 0 ? cfg->samples : nn_dataset_num_samples(kind);
  if (n < 0) return NN_ERR_INVALID;
  bool perceptron = cfg->model == NN_MODEL_PERCEPTRON;
  if (perceptron && cfg->problem != NN_PROBLEM_CLASSIFICATION) return NN_ERR_INVALID;
  if (!(perceptron ? nn_perceptron_network_init(&e->net, cfg) : nn_network_init(&e->net, cfg)))
    return NN_ERR_NOMEM;
  if (!(perceptron ? nn_perceptron_network_init(&e->finite, cfg)
                   : nn_network_init(&e->finite, cfg)))
    return NN_ERR_NOMEM;
  int stride = e->net.sizes[0];
  e->points = malloc(((size_t)n + 1) * sizeof *e->points);
  e->inputs = malloc(((size_t)n * stride + 1) * sizeof *e->inputs);
  e->initial_params = malloc(((size_t)e->net.num_params + 1) * sizeof *e->initial_params);
  e->curve_cap = 64;
  e->curve = malloc((size_t)e->curve_cap * 2 * sizeof *e->curve);
  e->acc_curve = malloc((size_t)e->curve_cap * 2 * sizeof *e->acc_curve);
  if (!e->acc_curve) return NN_ERR_NOMEM;
  if (perceptron) e->misclassified = malloc((size_t)e->curve_cap * sizeof *e->misclassified);
  if (!e->points || !e->inputs || !e->initial_params || !e->curve ||
      (perceptron && !e->misclassified))
    return NN_ERR_NOMEM;

  nn_rng_seed(&e->rng, cfg->seed);                 /* playground.ts:1074 */
  int classes = nn_config_num_classes(cfg);
  int made = data_len    ? nn_points_decode(cfg->data, data_len, e->points, NULL, NULL, 0)
             : classes >= 3 ? nn_dataset_generate_classes(e->points, kind, classes, n,
                                                          cfg->noise / 100, &e->rng)
                            : nn_dataset_generate(e->points, kind, n, cfg->noise / 100, &e->rng);
  if (made != n) return NN_ERR_INVALID;
  e->draws.generator = e->rng.draws;
  nn_dataset_shuffle(e->points, n, &e->rng);
  e->draws.shuffle = e->rng.draws - e->draws.generator;
  e->num_train = nn_dataset_split_index(n, cfg->perc_train_data);
  e->num_test = n - e->num_train;
  for (int k = 0; k < n; k++)
    nn_features_compute(e->inputs + (size_t)k * stride, e->net.input_features, stride,
                        e->points[k].x, e->points[k].y);

  nn_network_init_weights(&e->net, &e->rng, nn_config_init_scheme(cfg));
  e->draws.weights = e->rng.draws - e->draws.generator - e->draws.shuffle;
  e->rng_at_start = e->rng;
  memcpy(e->initial_params, e->net.params, (size_t)e->net.num_params * sizeof *e->net.params);
  e->opts = nn_train_opts_from_config(cfg);

  /* Dropout draws from a stream of its own, so data and weights (and, at rate 0, everything)
   * stay TFP's. */
  char drop_seed[NN_MAX_SEED_LEN + 16];
  snprintf(drop_seed, sizeof drop_seed, "%s|dropout", cfg->seed);
  nn_rng_seed(&e->drop_rng, drop_seed);
  e->drop_rng_at_start = e->drop_rng;

  e->epoch = 0;
  losses_now(e, e->curve);
  e->diverged_at = -1;
  note_divergence(e);
  e->grid_density = 0;
  e->node_grid.density = 0;
  return NN_OK;
}

nn_status nn_experiment_create(nn_experiment **out, const nn_config *cfg) {
  if (!out || !cfg) return NN_ERR_INVALID;
  *out = NULL;
  nn_experiment *e = calloc(1, sizeof *e);
  if (!e) return NN_ERR_NOMEM;
  e->cfg = *cfg;
  e->base = *cfg;
  nn_status s = build(e);
  if (s != NN_OK) {
    experiment_free_parts(e);
    free(e);
    return s;
  }
  *out = e;
  return NN_OK;
}

void nn_experiment_destroy(nn_experiment *e) {
  if (!e) return;
  experiment_free_parts(e);
  free(e);
}

nn_status nn_exp_ensure_rows(nn_experiment *e, long long need) {
  if (need > 0x3fffffff) return NN_ERR_INVALID;
  if (need <= e->curve_cap) return NN_OK;
  long long cap = e->curve_cap;
  while (cap < need) cap *= 2;
  if (e->misclassified) { /* first: a failure below then only leaves it larger */
    int *m = realloc(e->misclassified, (size_t)cap * sizeof *m);
    if (!m) return NN_ERR_NOMEM;
    e->misclassified = m;
  }
  double *a = realloc(e->acc_curve, (size_t)cap * 2 * sizeof *a);
  if (!a) return NN_ERR_NOMEM;
  e->acc_curve = a; /* larger than curve_cap says until the curve grows too: harmless */
  double *c = realloc(e->curve, (size_t)cap * 2 * sizeof *c);
  if (!c) return NN_ERR_NOMEM;
  e->curve = c;
  e->curve_cap = (int)cap;
  return NN_OK;
}

/* One training epoch (TFP's oneStep without the losses). */
static void train_epoch(nn_experiment *e) {
  if (e->cfg.model == NN_MODEL_PERCEPTRON)
    nn_perceptron_train_epoch(&e->net, e->cfg.rule, e->inputs, e->points, e->num_train, e->cfg.learning_rate);
  else
    nn_train_epoch(&e->net, e->inputs, e->points, e->num_train, &e->opts, &e->drop_rng);
  e->epoch++;
}

void nn_exp_mark_not_evaluated(nn_experiment *e, int r) {
  double *row = e->curve + 2 * (size_t)r, *acc = e->acc_curve + 2 * (size_t)r;
  row[0] = row[1] = acc[0] = acc[1] = NN_NOT_EVALUATED;
}

/* The whole training state at the last finite epoch becomes the current one: network, dropout
 * stream, epoch, and the settings of the log entries applied then. */
static void back_to_finite(nn_experiment *e) {
  nn_network_copy_values(&e->net, &e->finite);
  e->drop_rng = e->finite_drop_rng;
  e->epoch = e->finite_epoch;
  e->cursor = e->finite_cursor;
  nn_exp_settings_at(e, e->cursor, &e->cfg);
  e->opts = nn_train_opts_from_config(&e->cfg);
}

nn_status nn_experiment_train(nn_experiment *e, int epochs) {
  return nn_experiment_train_sampled(e, epochs, 1);
}

nn_status nn_experiment_train_sampled(nn_experiment *e, int epochs, int every) {
  if (!e || epochs < 0 || every < 1) return NN_ERR_INVALID;
  /* Grow the curve once for the whole call, so a failure changes nothing. */
  nn_status grown = nn_exp_ensure_rows(e, (long long)e->epoch + epochs + 1);
  if (grown != NN_OK) return grown;
  /* The perceptron's "not separable" rule reads every epoch's error count. */
  if (e->cfg.model == NN_MODEL_PERCEPTRON) every = 1;
  int end = e->epoch + epochs;
  int replay_to = -1; /* epochs up to this one are being trained again, every one evaluated */
  while (e->epoch < end) {
    nn_exp_apply_due(e); /* the link's changes at this epoch, before the next is trained */
    train_epoch(e);
    if (e->diverged_at < 0 && e->epoch % every != 0 && e->epoch != end && e->epoch > replay_to) {
      nn_exp_mark_not_evaluated(e, e->epoch);
      continue;
    }
    losses_now(e, e->curve + 2 * (size_t)e->epoch);
    if (e->diverged_at < 0 && e->epoch - e->finite_epoch > 1 && !state_is_finite(e)) {
      /* Diverged somewhere after the last evaluated (finite) epoch: train again from there,
       * evaluating every epoch, so that divergence is found at the very epoch, and the same
       * finite state kept, as when every epoch is evaluated. Training is deterministic. */
      replay_to = e->epoch;
      back_to_finite(e);
      continue;
    }
    note_divergence(e);
  }
  nn_exp_apply_due(e);
  return NN_OK;
}

nn_status nn_experiment_reset(nn_experiment *e) {
  if (!e) return NN_ERR_INVALID;
  /* The settings now become the link's base: a reset link has no changes. */
  e->base = e->cfg;
  nn_changelog_free(&e->log);
  e->cursor = 0;
  memcpy(e->net.params, e->initial_params, (size_t)e->net.num_params * sizeof *e->net.params);
  nn_network_clear_training(&e->net);
  e->rng = e->rng_at_start;
  e->drop_rng = e->drop_rng_at_start;
  e->epoch = 0;
  losses_now(e, e->curve);
  e->diverged_at = -1;
  note_divergence(e);
  return NN_OK;
}

nn_status nn_experiment_regenerate(nn_experiment *e) {
  if (!e) return NN_ERR_INVALID;
  /* playground.ts:1068-1073: the new seed comes from the running seeded stream. Build the new
   * experiment beside the old one so that a failure leaves e unchanged. */
  nn_rng rng = e->rng;
  nn_experiment fresh;
  memset(&fresh, 0, sizeof fresh);
  fresh.cfg = e->cfg;
  nn_seed_from_unseeded(nn_rng_next(&rng), fresh.cfg.seed);
  fresh.base = fresh.cfg; /* the settings now, with the new seed; no changes */
  nn_status s = build(&fresh);
  if (s != NN_OK) {
    experiment_free_parts(&fresh);
    return s;
  }
  experiment_free_parts(e);
  *e = fresh;
  return NN_OK;
}

const nn_config *nn_experiment_config(const nn_experiment *e) { return &e->cfg; }
const nn_network *nn_experiment_network(const nn_experiment *e) { return &e->net; }
nn_network *nn_experiment_network_mut(nn_experiment *e) { return &e->net; }

void nn_experiment_refresh_loss(nn_experiment *e) {
  losses_now(e, e->curve + 2 * (size_t)e->epoch);
  note_divergence(e);
}

int nn_experiment_epoch(const nn_experiment *e) { return e->epoch; }

const double *nn_experiment_loss_curve(const nn_experiment *e, int *rows) {
  if (rows) *rows = e->epoch + 1;
  return e->curve;
}

const double *nn_experiment_accuracy_curve(const nn_experiment *e, int *rows) {
  if (rows) *rows = e->epoch + 1;
  return e->acc_curve;
}

int nn_experiment_diverged_at(const nn_experiment *e) { return e->diverged_at; }

int nn_experiment_last_finite_epoch(const nn_experiment *e) { return e->finite_epoch; }

nn_status nn_experiment_restore_finite(nn_experiment *e) {
  if (!e) return NN_ERR_INVALID;
  if (e->diverged_at < 0) return NN_OK;
  back_to_finite(e);
  e->diverged_at = -1;
  /* What the log says happened after that state did not happen now. */
  e->log.count = e->cursor;
  if (e->log.target_epoch > e->epoch) e->log.target_epoch = e->epoch;
  losses_now(e, e->curve + 2 * (size_t)e->epoch); /* a hand edit may have replaced the row */
  return NN_OK;
}

const double *nn_experiment_dropout_mask(const nn_experiment *e, int *count) {
  if (count) *count = e->net.num_nodes;
  return e->net.mask;
}

const nn_point *nn_experiment_train_points(const nn_experiment *e, int *count) {
  if (count) *count = e->num_train;
  return e->points;
}

const nn_point *nn_experiment_test_points(const nn_experiment *e, int *count) {
  if (count) *count = e->num_test;
  return e->points + e->num_train;
}

nn_draw_counts nn_experiment_draw_counts(const nn_experiment *e) { return e->draws; }

const float *nn_experiment_evaluate_grid(nn_experiment *e, int density, nn_status *status) {
  nn_status dummy;
  if (!status) status = &dummy;
  size_t size = e ? nn_grid_size(&e->net, density) : 0;
  if (size == 0) {
    *status = NN_ERR_INVALID;
    return NULL;
  }
  if (size > e->grid_cap) {
    float *g = realloc(e->grid, size * sizeof *g);
    if (!g) {
      *status = NN_ERR_NOMEM;
      return NULL;
    }
    e->grid = g;
    e->grid_cap = size;
    e->grid_density = 0;
  }
  /* The input slices depend only on the density (the features never change in an experiment). */
  if (e->grid_density != density) {
    nn_grid_inputs(e->grid, &e->net, density);
    e->grid_density = density;
  }
  *status = nn_grid_forward(e->grid, &e->net, density);
  if (e->cfg.model == NN_MODEL_PERCEPTRON) /* the step neuron's output: +-1 */
    nn_perceptron_step_floats(e->grid + (size_t)(e->net.num_nodes - 1) * density * density,
                              (size_t)density * density);
  return e->grid;
}

const float *nn_experiment_evaluate_node(nn_experiment *e, int node, int density,
                                         nn_status *status) {
  nn_status dummy;
  if (!status) status = &dummy;
  if (!e) {
    *status = NN_ERR_INVALID;
    return NULL;
  }
  float *out = (float *)nn_grid_node_cached(&e->node_grid, &e->net, node, density, status);
  if (out && e->cfg.model == NN_MODEL_PERCEPTRON && node == e->net.num_nodes - 1)
    nn_perceptron_step_floats(out, (size_t)density * density);
  return out;
}

const int *nn_experiment_misclassified(const nn_experiment *e, int *rows) {
  bool on = e && e->misclassified;
  if (rows) *rows = on ? e->epoch + 1 : 0;
  return on ? e->misclassified : NULL;
}

nn_perceptron_report nn_experiment_perceptron_report(const nn_experiment *e) {
  int rows;
  const int *m = nn_experiment_misclassified(e, &rows);
  return nn_perceptron_judge(m, rows);
}

/* ---- toFixed(5) ------------------------------------------------------------------------- */

/* JavaScript's r.toFixed(5) (ECMA-262 Number.prototype.toFixed): n = the integer for which
 * n / 10^5 - r is closest to zero, the larger n on an exact tie. Computed exactly: r =
 * m / 2^s with m < 2^53, so r * 10^5 = m * 3125 / 2^(s-5), a 65-bit numerator. printf would
 * round ties to even (0.015625 -> "0.01562"; JS gives "0.01563"). */
#ifdef __EMSCRIPTEN__
/* In the wasm build the host's own toFixed does it (wasm-bindings/engine/instantiate.js). */
int nnw_js_to_fixed5(double x, char *out);
#endif

void nn_seed_from_unseeded(double r, char out[8]) {
  uint32_t n = 0;
#ifdef __EMSCRIPTEN__
  if (r >= 0 && r < 1) {
    nnw_js_to_fixed5(r, out);
    return;
  }
#else
  if (r >= 1e-6 && r < 1) { /* below 1e-6, r * 10^5 < 0.1 rounds to 0 */
    int e2;
    double f = frexp(r, &e2);                  /* r = f * 2^e2, f in [0.5, 1), e2 in [-19, 0] */
    uint64_t m = (uint64_t)ldexp(f, 53);       /* exact: r = m / 2^(53 - e2) */
    int shift = 53 - e2 - 5;                   /* r * 10^5 = m * 3125 / 2^shift, shift 48..67 */
    /* P = m * 3125 as hi:lo (at most 65 bits) */
    uint64_t lo_part = (m & 0xffffffffu) * 3125u;  /* < 2^44 */
    uint64_t hi_part = (m >> 32) * 3125u;          /* < 2^33, weight 2^32 */
    uint64_t lo = lo_part + (hi_part << 32);
    uint64_t hi = (hi_part >> 32) + (lo < lo_part);
    uint64_t q, rem_hi, rem_lo, half_hi, half_lo;
    if (shift < 64) {
      q = (lo >> shift) | (hi << (64 - shift));
      rem_hi = 0;
      rem_lo = lo & ((UINT64_C(1) << shift) - 1);
      half_hi = 0;
      half_lo = UINT64_C(1) << (shift - 1);
    } else {
      q = hi >> (shift - 64);
      rem_hi = hi & ((UINT64_C(1) << (shift - 64)) - 1);
      rem_lo = lo;
      half_hi = shift == 64 ? 0 : UINT64_C(1) << (shift - 65);
      half_lo = shift == 64 ? UINT64_C(1) << 63 : 0;
    }
    int round_up = rem_hi > half_hi || (rem_hi == half_hi && rem_lo >= half_lo);
    n = (uint32_t)q + (round_up ? 1u : 0u);
  }
#endif
  /* "0.ddddd", or "1.00000" when r rounds up to 1 */
  out[0] = (char)('0' + n / 100000);
  out[1] = '.';
  for (int k = 6; k >= 2; k--) {
    out[k] = (char)('0' + n % 10);
    n /= 10;
  }
  out[7] = '\0';
}
