/* perceptron.c — the perceptron rule and its verdict (see perceptron.h). */
#include "perceptron.h"

_Static_assert(NN_PERCEPTRON_PATIENCE == 50, "the verdict text says 50 epochs");

double nn_perceptron_total(const double *w, double b, const double *in, int n_in) {
  double t = b;
  for (int i = 0; i < n_in; i++) t = t + w[i] * in[i];
  return t;
}

int nn_perceptron_epoch(double *w, double *b, const double *inputs, const nn_point *pts, int n,
                        int n_in, double lr) {
  int updates = 0;
  for (int k = 0; k < n; k++) {
    const double *x = inputs + (size_t)k * n_in;
    double y = pts[k].label;
    double err = y - nn_step(nn_perceptron_total(w, *b, x, n_in));
    if (err == 0 || err != err) continue; /* right, or NaN: no meaningful step */
    double step = lr * err;
    for (int i = 0; i < n_in; i++) w[i] = w[i] + step * x[i];
    *b = *b + step; /* the bias is the weight of a constant input 1 */
    updates++;
  }
  return updates;
}

int nn_perceptron_epoch_hebb(double *w, double *b, const double *inputs, const nn_point *pts,
                             int n, int n_in, double lr) {
  int wrong = 0;
  for (int k = 0; k < n; k++) {
    const double *x = inputs + (size_t)k * n_in;
    double y = pts[k].label;
    if (!(nn_step(nn_perceptron_total(w, *b, x, n_in)) == y)) wrong++;
    double step = lr * y;
    for (int i = 0; i < n_in; i++) w[i] = w[i] + step * x[i];
    *b = *b + step;
  }
  return wrong;
}

int nn_perceptron_misclassified(const double *w, double b, const double *inputs,
                                const nn_point *pts, int n, int n_in) {
  int wrong = 0;
  for (int k = 0; k < n; k++)
    if (!(nn_step(nn_perceptron_total(w, b, inputs + (size_t)k * n_in, n_in)) == pts[k].label))
      wrong++;
  return wrong;
}

void nn_perceptron_step_floats(float *out, size_t n) {
  for (size_t c = 0; c < n; c++) {
    float v = out[c];
    out[c] = v != v ? v : (v >= 0 ? 1.0f : -1.0f);
  }
}

bool nn_perceptron_network_init(nn_network *net, const nn_config *cfg) {
  nn_config single = *cfg;
  single.num_hidden_layers = 0;
  if (!nn_network_init(net, &single)) return false;
  net->output_activation = NN_ACT_LINEAR; /* output = total; the step is applied on top */
  return true;
}

int nn_perceptron_train_epoch(nn_network *net, nn_perceptron_rule rule, const double *inputs,
                              const nn_point *pts, int n, double lr) {
  int (*epoch)(double *, double *, const double *, const nn_point *, int, int, double) =
      rule == NN_RULE_HEBB ? nn_perceptron_epoch_hebb : nn_perceptron_epoch;
  return epoch(net->params + net->weight_offset[1],
                             net->params + net->bias_offset[1], inputs, pts, n, net->sizes[0],
                             lr);
}

int nn_perceptron_evaluate(const nn_network *net, const double *inputs, const nn_point *pts,
                           int num_train, int num_test, double row[2]) {
  const double *w = net->params + net->weight_offset[1];
  double b = net->params[net->bias_offset[1]];
  int n_in = net->sizes[0];
  int train = nn_perceptron_misclassified(w, b, inputs, pts, num_train, n_in);
  int test = nn_perceptron_misclassified(w, b, inputs + (size_t)num_train * n_in,
                                         pts + num_train, num_test, n_in);
  row[0] = (double)train / num_train; /* 0 / 0 = NaN for an empty set, as TFP's loss */
  row[1] = (double)test / num_test;
  return train;
}

nn_perceptron_report nn_perceptron_judge(const int *misclassified, int rows) {
  nn_perceptron_report r = {NN_PERCEPTRON_UNDECIDED, -1, -1};
  if (rows <= 0 || !misclassified) return r;
  r.misclassified = misclassified[rows - 1];
  for (int k = 0; k < rows; k++) {
    if (misclassified[k] == 0) {
      r.verdict = NN_PERCEPTRON_CONVERGED;
      r.converged_epoch = k;
      return r;
    }
  }
  if (rows - 1 >= NN_PERCEPTRON_PATIENCE) r.verdict = NN_PERCEPTRON_NOT_SEPARABLE;
  return r;
}

const char *nn_perceptron_verdict_name(nn_perceptron_verdict v) {
  switch (v) {
    case NN_PERCEPTRON_CONVERGED: return "converged";
    case NN_PERCEPTRON_NOT_SEPARABLE: return "not-separable";
    case NN_PERCEPTRON_UNDECIDED: break;
  }
  return "undecided";
}

const char *nn_perceptron_verdict_text(nn_perceptron_verdict v) {
  switch (v) {
    case NN_PERCEPTRON_CONVERGED:
      return "The perceptron separates the training data: an epoch ended with no errors.";
    case NN_PERCEPTRON_NOT_SEPARABLE:
      return "A single perceptron cannot separate this data: no epoch without errors in 50 "
             "epochs. It is not linearly separable (like XOR); a hidden layer is needed.";
    case NN_PERCEPTRON_UNDECIDED: break;
  }
  return "Still learning: no epoch without errors yet.";
}
