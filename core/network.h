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
 * for biases) run parallel to `params`, and so does the optimiser state (optimizer.h): `opt_m`
 * (momentum's velocity, Adam's first moment) and `opt_v` (RMSprop's and Adam's mean square),
 * with `opt_steps` the optimiser updates made so far (Adam's t). Plain SGD uses none of them.
 *
 * Per-node arrays (length num_nodes): `total` (pre-activation), `output`, `output_der`,
 * `input_der`, `acc_count` (backward passes accumulated since the last update) and `mask`
 * (dropout of the last training forward pass: 0 for a dropped hidden node, 1/(1 - rate) for a
 * kept one, 1 for input and output nodes and whenever dropout is off).
 */
#ifndef NN_NETWORK_H
#define NN_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "rng.h"

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
  nn_activation output_activation;             /* tanh (two classes), linear (regression, and
                                                  the K class totals a softmax reads) */
  int classes;                                 /* K >= 3: one output node per class, softmax
                                                  (softmax.h); 0: one output node */

  double *params;
  double *grad;
  uint8_t *dead;
  double *opt_m, *opt_v;  /* optimiser state, parallel to params */
  long long opt_steps;
  double *total, *output, *output_der, *input_der;
  double *mask;           /* per node, see above */
  bool masked;            /* the last forward pass applied `mask` (backward then uses it) */
  int *acc_count;
} nn_network;

/* ---- Lifecycle --------------------------------------------------------------------------- */

/* The layer sizes TFP builds for cfg (docs/tfp-behaviour.md §5): [used features] + networkShape + [1],
 * a negative count giving 0 nodes; a K-class config (nn_config_num_classes >= 3) ends in [K]. Writes sizes[0 .. return) and returns num_layers, or -1 when
 * the config exceeds NN_MAX_HIDDEN_LAYERS hidden layers or NN_MAX_NEURONS in a layer. */
int nn_network_layout(const nn_config *cfg, int sizes[NN_MAX_HIDDEN_LAYERS + 2]);

/* Builds the layout for cfg and allocates every array, all zero (weights 0, biases 0: draw
 * them with nn_network_init_weights). Hidden nodes use cfg->activation; the output node tanh
 * (classification) or linear (regression); K class nodes linear (classes = K). Returns false, leaving *net zeroed, when the config
 * is out of limits (see nn_network_layout) or memory runs out. The caller owns *net and frees
 * it with nn_network_free. */
bool nn_network_init(nn_network *net, const nn_config *cfg);

/* Frees the arrays and zeroes *net. NULL and an already freed network are allowed. */
void nn_network_free(nn_network *net);

/* Copies src's parameters, dead flags, accumulators, optimiser state, node values and dropout
 * mask into dst, which must have the same layout (same num_params and num_nodes). */
void nn_network_copy_values(nn_network *dst, const nn_network *src);

/* The same values as bytes, to move them to another engine: nn_network_values_size bytes, which
 * nn_network_save_values writes and nn_network_load_values reads into a network of the same
 * layout. */
size_t nn_network_values_size(const nn_network *net);
void nn_network_save_values(const nn_network *net, uint8_t *out);
void nn_network_load_values(nn_network *net, const uint8_t *in);

/* True when such bytes hold counters that `passes` backward passes can give: every acc_count and
 * opt_steps in [0, passes]. Training on from larger (or negative) ones would overflow them. */
bool nn_network_values_counters_valid(const nn_network *net, const uint8_t *in, long long passes);

/* Initial parameters. Every scheme makes exactly TFP's draws (§5): node by node in network
 * order, one draw r = Math.random() per incoming link in the previous layer's order, none for
 * biases; so the stream advances by the link count whatever the scheme. For a link into a
 * layer of n_out nodes from one of n_in:
 *   NN_INIT_UNIFORM  TFP's: w = r - 0.5, i.e. U(-0.5, 0.5); bias 0.1
 *   NN_INIT_ZEROS    TFP's initZero: w = 0 (r drawn and discarded); bias 0
 *   NN_INIT_XAVIER   Glorot uniform: w = (2r - 1) a, a = sqrt(6 / (n_in + n_out)),
 *                    variance 2 / (n_in + n_out); bias 0
 *   NN_INIT_HE       He uniform: w = (2r - 1) a, a = sqrt(6 / n_in), variance 2 / n_in; bias 0
 * (Uniform rather than normal variants keep one draw per link, so a link reproduces them with
 * the same stream position as TFP's.) Also clears the training state
 * (nn_network_clear_training). A scheme outside the enum is treated as NN_INIT_UNIFORM. */
void nn_network_init_weights(nn_network *net, nn_rng *rng, nn_init scheme);

/* Zeroes grad, dead, acc_count, the optimiser state and the per-node arrays and sets every
 * mask to 1; parameters are kept. */
void nn_network_clear_training(nn_network *net);

/* TFP's id of node k: k - num_inputs + 1 for non-input nodes, 0 for input nodes (whose ids are
 * nn_feature_name(input_features[k])). */
int nn_network_node_id(const nn_network *net, int node);

/* ---- Kernels: one dense layer, pure functions on raw arrays -------------------------------
 * Shapes: in[n_in] (outputs of the previous layer), w[n_out][n_in] row-major, b[n_out],
 * dead[n_out][n_in] parallel to w. Summation order is TFP's: bias first, then links left to
 * right; no FMA contraction (core is built with -ffp-contract=off). */

/* total[j] = b[j] + sum_i w[j][i] * in[i]; out[j] = act(total[j]). Dead links take part with
 * their weight 0, as in TFP (so 0 * Infinity still gives NaN). */
void nn_dense_forward(double *total, double *out, const double *in, const double *w,
                      const double *b, int n_out, int n_in, nn_activation act);

/* Backward of one layer for one sample (docs/tfp-behaviour.md §7.2 a-c), given output_der[n_out]
 * (dE/d out), the layer's totals total[n_out] and outputs out[n_out], and an optional dropout
 * mask[n_out] (NULL: none):
 *   input_der[j] = output_der[j] * act'(total[j], out[j])            (no mask)
 *   input_der[j] = output_der[j] * mask[j] * act'(total[j], f(total[j]))   (mask; out[j] is
 *                  then the masked output, so f is recomputed from the total)
 *   gb[j] += input_der[j];  count[j] += 1
 *   gw[j][i] += input_der[j] * in[i]                for live links only
 *   prev_output_der[i] = 0 + sum_j w[j][i] * input_der[j]   (j in order, dead links included;
 *                                                             skipped when prev_output_der is NULL)
 */
void nn_dense_backward(double *input_der, double *gw, double *gb, int *count,
                       double *prev_output_der, const double *output_der, const double *total,
                       const double *out, const double *mask, const double *in,
                       const double *w, const uint8_t *dead, int n_out, int n_in,
                       nn_activation act);

/* TFP's updateWeights for one layer (docs/tfp-behaviour.md §7.3). For node j with count[j] > 0:
 *   b[j] -= (lr * gb[j]) / count[j]
 *   per live link: r = R'(w) (old weight); w = w - (lr / count[j]) * gw;
 *                  c = w - (lr * reg_rate) * r; L1 and w * c < 0: w = 0, dead = 1; else w = c
 * then the accumulators and count[j] are zeroed. Nodes with count 0 are left alone.
 * This is plain SGD; the other optimisers' update is in optimizer.h. */
void nn_dense_update(double *w, double *b, double *gw, double *gb, uint8_t *dead, int *count,
                     int n_out, int n_in, double lr, nn_regularization reg, double reg_rate);

/* ---- Whole network --------------------------------------------------------------------------*/

/* Sets the input nodes' outputs to input[0 .. sizes[0]) and runs every layer; returns the
 * output node's value. No dropout (net->masked becomes false; mask is left as it was). */
double nn_network_forward(nn_network *net, const double *input);

/* The same forward pass for n points at once (inputs row-major, sizes[0] per point), writing
 * each point's output layer to outputs (K = the output layer's size values per point, point p's
 * at outputs[p * K ..]; n values for one output node). Every point gets exactly nn_network_forward's numbers;
 * going layer by layer over all points lets one host Math call serve a whole layer of a whole
 * chunk in the wasm build. Afterwards the per-node arrays hold the last point's values. */
void nn_network_forward_batch(nn_network *net, const double *inputs, int n, double *outputs);

/* A training forward pass with inverted dropout at `rate` on the hidden layers: after each
 * hidden layer's activations, one draw r per node (network order) from `rng`; the node is
 * dropped (mask 0, output 0) when r < rate, else kept with its output scaled by 1/(1 - rate).
 * Input and output nodes are never dropped. rate <= 0 (or NaN) is exactly nn_network_forward:
 * no draws, every mask 1. Otherwise net->masked is set and the next backward uses the mask. */
double nn_network_forward_dropout(nn_network *net, const double *input, double rate,
                                  nn_rng *rng);

/* Backpropagates one sample from the last forward pass: output_der = dE/d output (for TFP's
 * square error, output - target; see loss.h). Accumulates into grad and acc_count. Goes
 * through the dropout mask when that pass applied one. */
void nn_network_backward(nn_network *net, double output_der);

/* The same from the output layer's output_der, already set for each of its nodes (a K-class
 * network's, softmax.h). */
void nn_network_backward_outputs(nn_network *net);

/* Applies the accumulated derivatives to every layer (nn_dense_update). */
void nn_network_update(nn_network *net, double lr, nn_regularization reg, double reg_rate);

/* The output node's last output. */
static inline double nn_network_output(const nn_network *net) {
  return net->output[net->num_nodes - 1];
}

#endif
