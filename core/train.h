/* train.h — one training epoch with TFP's batch semantics, and the loss over a point set
 * (docs/tfp-behaviour.md §7), with nnplay's optimisers, dropout and losses beside TFP's defaults.
 *
 * Inputs are precomputed feature rows: inputs[k * num_inputs + f] is feature f of point k (see
 * nnfeatures.h); TFP recomputes them per pass, which gives the same bits.
 */
#ifndef NN_TRAIN_H
#define NN_TRAIN_H

#include <stdbool.h>

#include "config.h"
#include "experiment.h" /* nn_point */
#include "network.h"
#include "optimizer.h"
#include "rng.h"

typedef struct {
  double learning_rate;
  nn_regularization regularization;
  double regularization_rate;
  int batch_size; /* update after every batch_size points; 0 never updates (JS: x % 0 is NaN) */
  nn_optimizer_opts optimizer; /* kind + hyper-parameters; NN_OPT_SGD is TFP's update */
  double dropout;              /* hidden-layer drop rate during training; 0 = none (TFP) */
  nn_loss_kind loss;           /* the error descended (and reported) */
} nn_train_opts;

/* The training options of cfg (loss: nn_config_loss_kind, so regression is always square). */
nn_train_opts nn_train_opts_from_config(const nn_config *cfg);

/* TFP's oneStep (§7.1) without the loss evaluation: for each point k in order, forward (with
 * dropout from dropout_rng when opts->dropout > 0; dropout_rng may be NULL otherwise), backward
 * with the loss's derivative, and an update (nn_network_update_opt) when
 * (k + 1) % batch_size == 0. No update at the end: what is left accumulated carries into the
 * next epoch. With the defaults (SGD, no dropout, square error) this is TFP's, bit for bit. */
void nn_train_epoch(nn_network *net, const double *inputs, const nn_point *pts, int n,
                    const nn_train_opts *opts, nn_rng *dropout_rng);

/* getLoss (§7.4): (sum of 0.5 * (output - label)^2 in order) / n; NaN for n == 0. Overwrites
 * the network's node values (total/output), nothing else. */
double nn_train_loss(nn_network *net, const double *inputs, const nn_point *pts, int n);

/* A K-class network (net->classes) always descends the softmax's cross-entropy (softmax.h)
 * and reports its mean with the argmax accuracy (classes.h), whatever `loss` says.
 *
 * One pass over a point set (no dropout): the mean of `loss` over the points, summed in order
 * (for square error exactly nn_train_loss), and the accuracy: the fraction of points whose
 * predicted class, +1 when output >= 0 and -1 otherwise (TFP's convention; a NaN output
 * predicts -1), equals the label. Accuracy is NaN when !classification or n == 0; loss is NaN
 * for n == 0. Overwrites the node values, nothing else. */
typedef struct { double loss, accuracy; } nn_eval;
nn_eval nn_train_evaluate(nn_network *net, const double *inputs, const nn_point *pts, int n,
                          nn_loss_kind loss, bool classification);

#endif
