/* backprop_trace.h — backpropagation made visible: every number of one training step on ONE
 * sample, stage by stage, for the page to draw.
 *
 * Stages, all in network.h's layout (nodes in network order, input nodes first; parameters per
 * layer W (out, in) row-major then b, found through the network's weight_offset/bias_offset):
 *   1. forward      total[k], output[k] for every node (input nodes: the feature value in both)
 *   2. error        prediction = output of the output node, error = E(prediction, target),
 *                   error_der = dE/d prediction (the config's loss, loss.h; TFP: out - target)
 *   3. backward     output_der[k] = dE/d output_k and input_der[k] = dE/d total_k (the error
 *                   signal, "delta"), for every non-input node (0 for input nodes)
 *   4. gradients    grad[p] = dE/d param_p for every weight and bias (0 for dead links)
 *   5. update       params[p] before and params_after[p] after ONE batch-1 update with the
 *                   config's optimiser, learning rate and regularisation, as training takes it
 *                   (SGD: w - lr * grad - lr * rate * R'(w); the optimiser's state, e.g. Adam's
 *                   moments, is the network's current one)
 * It is computed with the engine's own kernels on a private copy of the network (accumulators
 * empty, as at the start of a batch), so:
 *   - grad equals what nn_network_backward accumulates for this sample alone, bit for bit, and
 *     params_after equals a real batch-size-1 training step on this sample (nn_train_epoch);
 *   - the experiment's network, accumulators and loss curve are never touched.
 * Dropout is not applied: the trace shows the plain network.
 *
 * Memory: the arrays belong to the trace. Start from a zeroed struct ({0}) or one from
 * nn_backprop_trace_create; every run (re)sizes the arrays to the network it traces; the
 * pointers stay valid until the next run or free. Errors are return values.
 */
#ifndef NN_BACKPROP_TRACE_H
#define NN_BACKPROP_TRACE_H

#include "config.h"
#include "experiment.h"
#include "network.h"

typedef struct {
  int num_nodes, num_params;   /* of the traced network; the arrays' lengths */
  double target;               /* the sample's label */
  double prediction;           /* the output node's output */
  double error;                /* E(prediction, target), e.g. 0.5 (prediction - target)^2 */
  double error_der;            /* dE/d prediction */
  double learning_rate;        /* used for params_after */

  /* per node, length num_nodes */
  double *total;               /* pre-activation */
  double *output;              /* activation(total) */
  double *output_der;          /* dE/d output */
  double *input_der;           /* dE/d total, the error signal */

  /* per parameter, length num_params */
  double *params;              /* before the update */
  double *grad;                /* dE/d parameter */
  double *params_after;        /* after the update */
} nn_backprop_trace;

/* Traces one sample through `net`, which must have the layout cfg builds (nn_network_init(cfg)):
 * input[net->sizes[0]] are the feature values of the sample (nnfeatures.h), target its label.
 * cfg supplies the loss and the update's learning rate and regularisation. net is read only.
 * Returns NN_OK; NN_ERR_INVALID for NULL arguments, a perceptron or K-class config (the
 * softmax's K outputs are not traced; the perceptron's rule is not
 * backpropagation: perceptron.h) or a network whose layout is not cfg's; NN_ERR_NOMEM when
 * memory runs out (the trace then keeps its previous contents). */
nn_status nn_backprop_trace_run(nn_backprop_trace *t, const nn_network *net,
                                const nn_config *cfg, const double *input, double target);

/* The same for training point `point` (0 <= point < number of training points, in the order
 * nn_experiment_train_points returns them) of the experiment's current network. NN_ERR_INVALID
 * for a bad index or in perceptron mode. */
nn_status nn_experiment_backprop_trace(const nn_experiment *e, int point, nn_backprop_trace *t);

/* Frees the arrays and zeroes *t. NULL and a zeroed trace are allowed. */
void nn_backprop_trace_free(nn_backprop_trace *t);

/* For bindings that hold handles: a zeroed trace on the heap (NULL when out of memory), and its
 * destructor (frees the arrays too; NULL allowed). */
nn_backprop_trace *nn_backprop_trace_create(void);
void nn_backprop_trace_destroy(nn_backprop_trace *t);

#endif
