/* experiment_internal.h — the experiment's parts, shared by the files that implement
 * experiment.h: experiment.c (build, train, divergence), experiment_changes.c (the change log:
 * live changes, hand edits, the link) and experiment_transfer.c (save/load state). Nothing
 * outside those files includes it. */
#ifndef NN_EXPERIMENT_INTERNAL_H
#define NN_EXPERIMENT_INTERNAL_H

#include "changelog.h"
#include "experiment.h"
#include "rng.h"
#include "train.h"

struct nn_experiment {
  nn_config cfg;        /* the settings now: base with the changes applied so far */
  nn_config base;       /* the link's settings at epoch 0 */
  nn_changelog log;     /* the link's changes (changelog.h), in the order they apply */
  int cursor;           /* log entries [0, cursor) are applied */
  nn_rng rng;           /* the seeded stream as it runs on (regenerate draws from it) */
  nn_rng rng_at_start;  /* the stream right after the initial weights, restored by reset */
  nn_draw_counts draws;
  nn_rng drop_rng;          /* dropout's own stream (seed + "|dropout"), as it runs on */
  nn_rng drop_rng_at_start;

  nn_point *points;     /* num_train + num_test points: train first, then test (TFP's order) */
  int num_train, num_test;
  double *inputs;       /* feature rows of every point, parallel to points */

  nn_network net;
  double *initial_params; /* num_params: the link's initial network, restored by reset */
  nn_train_opts opts;

  int epoch;
  double *curve;        /* (epoch + 1) rows of [train, test] */
  int *misclassified;   /* perceptron mode: train errors per epoch, curve_cap entries */
  int curve_cap;        /* rows allocated */
  double *acc_curve;    /* (epoch + 1) rows of [train, test] accuracy, curve_cap rows */

  /* Divergence: the first epoch whose losses or parameters were not all finite (-1: none), and
   * the whole training state at the last finite epoch before it. */
  int diverged_at;
  int finite_epoch;
  nn_network finite;
  nn_rng finite_drop_rng;
  int finite_cursor;

  float *grid;          /* grid buffer; its input slices are valid for grid_density */
  int grid_density;
  size_t grid_cap;
};

/* Room for `need` rows in the curves, grown geometrically; a failure changes nothing visible. */
nn_status nn_exp_ensure_rows(nn_experiment *e, long long need);

/* Row r of the loss and accuracy curves was not evaluated. */
void nn_exp_mark_not_evaluated(nn_experiment *e, int r);

/* The losses and accuracies of the current network into the epoch's row, then the divergence
 * check (the copy of a finite state). */
void nn_exp_evaluate_now(nn_experiment *e);

/* Keeps the whole training state now as the last finite one. */
void nn_exp_take_snapshot(nn_experiment *e);

/* Applies the log entries due at the current epoch (those from the cursor with epoch <= it). */
void nn_exp_apply_due(nn_experiment *e);

/* The settings after log entries [0, count): base with those live changes. */
void nn_exp_settings_at(const nn_experiment *e, int count, nn_config *out);

/* FNV-1a of the base config's hash and log entries [0, count): the identity of a link up to
 * a point (0 when out of memory). */
uint64_t nn_exp_link_id(const nn_experiment *e, int count);

#endif
