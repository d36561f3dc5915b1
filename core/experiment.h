/* experiment.h — the unit the page holds: a config, its data, its network and its loss history.
 *
 * Lifecycle: nn_experiment_create() builds exactly what TFP builds on a fresh load of the URL
 * (seeded stream → data → shuffle → split → weights → epoch-0 losses); nn_experiment_destroy()
 * frees everything. Two experiments share nothing, so they may be used side by side.
 *
 * Memory: every pointer returned by an accessor is owned by the experiment and stays valid until
 * the next call that changes it (train, reset, regenerate, evaluate_grid with a new density) or
 * until destroy. Errors are return values (nn_status); nothing here aborts or exits.
 */
#ifndef NN_EXPERIMENT_H
#define NN_EXPERIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "network.h"

typedef enum {
  NN_OK = 0,
  NN_ERR_NOMEM = 1,    /* an allocation failed; the experiment is unchanged */
  NN_ERR_INVALID = 2,  /* an argument is out of range (message via nn_status_message) */
} nn_status;

/* A short English sentence for a status, e.g. "out of memory". */
const char *nn_status_message(nn_status s);

typedef struct { double x, y, label; } nn_point;

typedef struct nn_experiment nn_experiment;

/* Builds the experiment for `cfg`, which must already be validated (state.h) and carry a seed
 * (cfg->seed non-empty; see nn_seed_from_unseeded). On success *out owns a new experiment. */
nn_status nn_experiment_create(nn_experiment **out, const nn_config *cfg);
void nn_experiment_destroy(nn_experiment *e); /* NULL is allowed */

/* Trains `epochs` epochs (TFP's oneStep each, losses appended to the curve). epochs >= 0. */
nn_status nn_experiment_train(nn_experiment *e, int epochs);

/* Back to the state a fresh load of the same config gives: same data, same initial weights,
 * epoch 0. (TFP's own reset button draws new weights from the running stream; a link could not
 * reproduce that, so nnplay's reset restores the link's experiment.) */
nn_status nn_experiment_reset(nn_experiment *e);

/* TFP's "regenerate": draws a new seed from the experiment's seeded stream, formatted like
 * Math.random().toFixed(5), stores it in the config and rebuilds as a fresh load of that seed. */
nn_status nn_experiment_regenerate(nn_experiment *e);

const nn_config *nn_experiment_config(const nn_experiment *e);
const nn_network *nn_experiment_network(const nn_experiment *e);
nn_network *nn_experiment_network_mut(nn_experiment *e); /* for edits of weights/biases by hand */

/* Recomputes the current train/test losses after a hand edit of the network (no training). The
 * last row of the loss curve is replaced by the new values. */
void nn_experiment_refresh_loss(nn_experiment *e);

int nn_experiment_epoch(const nn_experiment *e);

/* The loss curve: rows*2 doubles [train0, test0, train1, test1, ...], rows = epoch + 1. */
const double *nn_experiment_loss_curve(const nn_experiment *e, int *rows);

const nn_point *nn_experiment_train_points(const nn_experiment *e, int *count);
const nn_point *nn_experiment_test_points(const nn_experiment *e, int *count);

/* Math.random() values consumed after the data reseed, as in fixtures' derived.math_random_draws. */
typedef struct { uint64_t generator, shuffle, weights; } nn_draw_counts;
nn_draw_counts nn_experiment_draw_counts(const nn_experiment *e);

/* Every node's output over a density×density grid of [-6, 6]² (row 0 is y = +6, column 0 is
 * x = -6; a cell's coordinate is d3's linear scale of its index: t = i/(density-1),
 * v = -6(1-t) + 6t). Node k's slice starts at k*density*density, nodes in network order, input
 * nodes included. Drawing only: float precision, possibly a faster tanh; training never reads it.
 * 2 <= density <= 200; returns NULL (and *status NN_ERR_INVALID) otherwise. */
const float *nn_experiment_evaluate_grid(nn_experiment *e, int density, nn_status *status);

/* toFixed(5) of an unseeded Math.random() draw r in [0, 1), exactly as JavaScript formats it
 * ("0.50000"), written to out (at least 8 bytes). Used when a URL has no seed. */
void nn_seed_from_unseeded(double r, char out[8]);

#endif
