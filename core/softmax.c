/* softmax.c — class probabilities, cross-entropy and its derivative (softmax.h). */
#include "softmax.h"

#include <math.h>

#include "nnmath.h"

/* The largest total, or NaN when any total is NaN (then everything that follows is NaN). */
static double max_total(const double *t, int k) {
  double m = t[0];
  for (int j = 1; j < k; j++) {
    if (t[j] != t[j]) return t[j];
    if (t[j] > m) m = t[j];
  }
  return m;
}

void nn_softmax(const double *totals, int k, double *probs) {
  double m = max_total(totals, k), sum = 0;
  for (int j = 0; j < k; j++) {
    probs[j] = nn_exp(totals[j] - m);
    sum += probs[j];
  }
  for (int j = 0; j < k; j++) probs[j] /= sum;
}

double nn_softmax_cross_entropy(const double *totals, int k, int label) {
  if (label < 0 || label >= k) return NAN;
  double m = max_total(totals, k), sum = 0;
  for (int j = 0; j < k; j++) sum += nn_exp(totals[j] - m);
  return nn_log(sum) - (totals[label] - m);
}

int nn_argmax(const double *v, int k) {
  int best = -1;
  for (int j = 0; j < k; j++)
    if (v[j] == v[j] && (best < 0 || v[j] > v[best])) best = j;
  return best < 0 ? 0 : best;
}

int nn_class_of_label(double label, int k) {
  if (!(label >= 0 && label < k) || label != floor(label)) return -1;
  return (int)label;
}

void nn_network_class_probs(const nn_network *net, double *probs) {
  int k = net->sizes[net->num_layers - 1], o = net->node_offset[net->num_layers - 1];
  if (net->classes >= 3) {
    nn_softmax(net->total + o, k, probs);
    return;
  }
  double out = net->output[o];
  probs[0] = (1 - out) / 2;
  probs[1] = (1 + out) / 2;
}

void nn_network_backward_classes(nn_network *net, double label) {
  int last = net->num_layers - 1, k = net->sizes[last], o = net->node_offset[last];
  int y = nn_class_of_label(label, k);
  double *der = net->output_der + o;
  nn_softmax(net->total + o, k, der);
  for (int j = 0; j < k; j++) der[j] = y < 0 ? NAN : der[j] - (j == y ? 1.0 : 0.0);
  nn_network_backward_outputs(net);
}
