/* layer_stats.h — what each layer does over the training points: the spread of its neurons'
 * activations and error signals, for the initialisation and vanishing-gradient lessons.
 *
 * For every layer l >= 1 (hidden layers and the output layer; layer 0, the inputs, is left
 * zero), over every training point p and every neuron j of the layer (sizes[l] * num_points
 * values each):
 *   activations  a = output of neuron j for point p (the plain forward pass: no dropout)
 *   gradients    g = dE/d total of neuron j for point p (the error signal δ that one backward
 *                pass of that point alone gives: nn_dense_backward's input_der)
 * and the summaries:
 *   act_q, grad_q  quantiles at NN_LAYER_STATS_LEVELS (0, 0.1, 0.25, 0.5, 0.75, 0.9, 1) of the
 *                  layer's values: sorted ascending as v[0 .. n), level q gives, with
 *                  x = q (n - 1), i = floor(x): v[i] + (x - i) (v[i + 1] - v[i]) (v[i] when
 *                  x = i). NaN values are left out; all NaN (or no point): every quantile NaN.
 *   hist           activations in NN_LAYER_STATS_BINS equal bins over [hist_lo, hist_hi]: the
 *                  activation's range when it has one (tanh [-1, 1], sigmoid [0, 1]), else the
 *                  finite values' [min, max] ([min - 1, max + 1] when they are equal, [-1, 1]
 *                  when there are none). A value v goes to bin floor(BINS (v - lo) / (hi - lo))
 *                  computed in that order, clamped to [0, BINS - 1] (so ±Infinity land in the
 *                  end bins); NaN in no bin.
 *   identical      1 when the layer has more than one neuron and every neuron has bit for bit the
 *                  same activation and the same gradient as neuron 0 at every point (the
 *                  symmetry zero initialisation never breaks), else 0.
 * Error derivative at the output: one output node: the config's loss (loss.h), as training;
 * K > 1 output nodes (K classes, linear totals): softmax cross-entropy, g_j = p_j - [j == label]
 * with p the softmax of the totals and the label the class index.
 *
 * Computed on a private copy of the network with the engine's own kernels: the experiment's
 * network, accumulators and curves are never touched, so training is unchanged bit for bit.
 * The struct holds no pointers (the caller owns it; bindings use nn_layer_stats_create);
 * errors are return values.
 */
#ifndef NN_LAYER_STATS_H
#define NN_LAYER_STATS_H

#include "config.h"
#include "experiment.h"
#include "network.h"

enum { NN_LAYER_STATS_NUM_LEVELS = 7, NN_LAYER_STATS_BINS = 20 };
enum { NN_LAYER_STATS_MAX_LAYERS = NN_MAX_HIDDEN_LAYERS + 2 };

/* The quantile levels, in the order of act_q and grad_q. */
extern const double NN_LAYER_STATS_LEVELS[NN_LAYER_STATS_NUM_LEVELS];

typedef struct {
  int num_layers;   /* of the network, input layer included */
  int num_points;   /* training points summarised */
  int sizes[NN_LAYER_STATS_MAX_LAYERS];

  /* per layer l, at [l * NUM_LEVELS + q] and [l * BINS + b] */
  double act_q[NN_LAYER_STATS_MAX_LAYERS * NN_LAYER_STATS_NUM_LEVELS];
  double grad_q[NN_LAYER_STATS_MAX_LAYERS * NN_LAYER_STATS_NUM_LEVELS];
  double hist_lo[NN_LAYER_STATS_MAX_LAYERS], hist_hi[NN_LAYER_STATS_MAX_LAYERS];
  int hist[NN_LAYER_STATS_MAX_LAYERS * NN_LAYER_STATS_BINS];
  int identical[NN_LAYER_STATS_MAX_LAYERS];
} nn_layer_stats;

/* The statistics of `net` (the layout cfg builds) over the points pts[0 .. n): their feature
 * values (nnfeatures.h) and labels. cfg supplies the loss. net is read only.
 * Returns NN_OK; NN_ERR_INVALID for NULL arguments (pts may be NULL when n == 0), n < 0, a
 * perceptron config or a network whose layout is not cfg's; NN_ERR_NOMEM when memory runs out
 * (the struct then keeps its previous contents). Any struct will do: all of it is written. */
nn_status nn_layer_stats_run(nn_layer_stats *s, const nn_network *net, const nn_config *cfg,
                             const nn_point *pts, int n);

/* The same over the experiment's training points and current network. */
nn_status nn_experiment_layer_stats(const nn_experiment *e, nn_layer_stats *s);

/* For bindings that hold handles: a zeroed struct on the heap (NULL when out of memory), and
 * its destructor (NULL allowed). */
nn_layer_stats *nn_layer_stats_create(void);
void nn_layer_stats_destroy(nn_layer_stats *s);

#endif
