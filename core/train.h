/* train.h — one training epoch with TFP's batch semantics, and the loss over a point set
 * (tfp-behaviour §7).
 *
 * Inputs are precomputed feature rows: inputs[k * num_inputs + f] is feature f of point k (see
 * nnfeatures.h); TFP recomputes them per pass, which gives the same bits.
 */
#ifndef NN_TRAIN_H
#define NN_TRAIN_H

#include "config.h"
#include "experiment.h" /* nn_point */
#include "network.h"

typedef struct {
  double learning_rate;
  nn_regularization regularization;
  double regularization_rate;
  int batch_size; /* update after every batch_size points; 0 never updates (JS: x % 0 is NaN) */
  /* Room for: optimiser kind + its hyper-parameters, dropout rate, loss kind. */
} nn_train_opts;

/* The training options of cfg. */
nn_train_opts nn_train_opts_from_config(const nn_config *cfg);

/* TFP's oneStep (§7.1) without the loss evaluation: for each point k in order, forward,
 * backward with the square error's derivative, and an update when (k + 1) % batch_size == 0.
 * No update at the end: what is left accumulated carries into the next epoch. */
void nn_train_epoch(nn_network *net, const double *inputs, const nn_point *pts, int n,
                    const nn_train_opts *opts);

/* getLoss (§7.4): (sum of 0.5 * (output - label)^2 in order) / n; NaN for n == 0. Overwrites
 * the network's node values (total/output), nothing else. */
double nn_train_loss(nn_network *net, const double *inputs, const nn_point *pts, int n);

#endif
