/* network.h — a fully connected network with every parameter in one contiguous array.
 *
 * Nodes are numbered in network order: the input nodes (one per used feature, TFP's order),
 * then each layer top to bottom, the output node last. TFP's node ids are "1", "2", ... for the
 * non-input nodes in that same order (node k >= num_inputs has id k - num_inputs + 1).
 *
 * Parameters (`params`, length num_params), per layer l = 1 .. num_layers-1, in this order:
 *   weights W_l: sizes[l] x sizes[l-1], row-major (out, in): the weight of the link from node i
 *                of layer l-1 to node j of layer l is params[weight_offset[l] + j*sizes[l-1] + i]
 *   biases  b_l: sizes[l]: the bias of node j of layer l is params[bias_offset[l] + j]
 * `grad` (accumulated derivatives since the last update) and `dead` (links killed by L1; always 0
 * for biases) run parallel to `params`. Optimiser state will sit beside them the same way.
 *
 * Per-node arrays (length num_nodes): `total` (pre-activation), `output`, `output_der`,
 * `input_der`, and `acc_count` (backward passes accumulated since the last update).
 */
#ifndef NN_NETWORK_H
#define NN_NETWORK_H

#include <stdint.h>

#include "config.h"

typedef struct {
  int num_layers;                          /* input + hidden + output */
  int sizes[NN_MAX_HIDDEN_LAYERS + 2];
  int node_offset[NN_MAX_HIDDEN_LAYERS + 2];   /* first node index of each layer */
  int weight_offset[NN_MAX_HIDDEN_LAYERS + 2]; /* [0] unused */
  int bias_offset[NN_MAX_HIDDEN_LAYERS + 2];   /* [0] unused */
  int num_nodes;
  int num_params;
  nn_feature input_features[NN_FEAT_COUNT];    /* feature of each input node */
  nn_activation hidden_activation;
  nn_activation output_activation;             /* tanh (classification) or linear (regression) */

  double *params;
  double *grad;
  uint8_t *dead;
  double *total, *output, *output_der, *input_der;
  int *acc_count;
} nn_network;

#endif
