/* softmax.h — the output layer of a K-class network (K = net->classes >= 3): K nodes with a
 * linear activation on their totals, a softmax over the totals giving the class probabilities,
 * and the cross-entropy of the true class as the error.
 *
 *   p_k = exp(t_k - m) / sum_j exp(t_j - m),  m = max_j t_j   (subtracting m keeps every exp
 *         at most 1, so large totals give no Infinity; the result is the same softmax)
 *   E   = -log p_y = log(sum_j exp(t_j - m)) - (t_y - m)     (y the true class, 0..K-1)
 *   dE/dt_k = p_k - [k == y]
 * exp and log go through nnmath.h, so the wasm build takes them from the page's Math.
 */
#ifndef NN_SOFTMAX_H
#define NN_SOFTMAX_H

#include "network.h"

/* probs[0..k) = softmax(totals[0..k)). A NaN total makes every probability NaN. */
void nn_softmax(const double *totals, int k, double *probs);

/* -log softmax(totals)[label]; label a class index 0..k-1 (NaN for another label). */
double nn_softmax_cross_entropy(const double *totals, int k, int label);

/* The index of the largest of v[0..k), the first on a tie; NaNs are passed over (all NaN: 0). */
int nn_argmax(const double *v, int k);

/* The class index a K-class point's label holds, or -1 when it holds none (not a whole number
 * in 0..k-1). */
int nn_class_of_label(double label, int k);

/* The K probabilities of the last forward pass of a K-class network (net->classes >= 3), from
 * its output nodes' totals. For a binary network (classes 0), the one output's class
 * probabilities: probs[0] for -1 and probs[1] for +1, as (1 - out) / 2 and (1 + out) / 2 of its
 * tanh output. */
void nn_network_class_probs(const nn_network *net, double *probs);

/* Backpropagates one sample from the last forward pass of a K-class network: the output
 * nodes' dE/d out = p_k - [k == label] (their activation is linear), then every layer as
 * nn_network_backward does. A label that is no class gives NaN derivatives. */
void nn_network_backward_classes(nn_network *net, double label);

#endif
