/* train.c — TFP's oneStep and getLoss (playground.ts:840-849, 909-923), with optimisers,
 * dropout and the loss kind as options. */
#include "train.h"

#include <math.h>

#include "classes.h"
#include "loss.h"
#include "softmax.h"

nn_train_opts nn_train_opts_from_config(const nn_config *cfg) {
  nn_train_opts o = {cfg->learning_rate, cfg->regularization, cfg->regularization_rate,
                     cfg->batch_size, nn_optimizer_opts_from_config(cfg), cfg->dropout,
                     nn_config_loss_kind(cfg)};
  return o;
}

void nn_train_epoch(nn_network *net, const double *inputs, const nn_point *pts, int n,
                    const nn_train_opts *opts, nn_rng *dropout_rng) {
  int stride = net->sizes[0];
  bool drop = opts->dropout > 0 && dropout_rng;
  for (int k = 0; k < n; k++) {
    const double *in = inputs + (size_t)k * stride;
    double out = drop ? nn_network_forward_dropout(net, in, opts->dropout, dropout_rng)
                      : nn_network_forward(net, in);
    if (net->classes)
      nn_network_backward_classes(net, pts[k].label);
    else
      nn_network_backward(net, nn_loss_der(opts->loss, out, pts[k].label));
    /* A negative batch size divides like its absolute value: JS and C agree that
     * (k + 1) % -b == 0 exactly when b divides k + 1. */
    if (opts->batch_size != 0 && (k + 1) % opts->batch_size == 0)
      nn_network_update_opt(net, &opts->optimizer, opts->learning_rate, opts->regularization,
                            opts->regularization_rate);
  }
}

double nn_train_loss(nn_network *net, const double *inputs, const nn_point *pts, int n) {
  return nn_train_evaluate(net, inputs, pts, n, NN_LOSS_SQUARE, false).loss;
}

nn_eval nn_train_evaluate(nn_network *net, const double *inputs, const nn_point *pts, int n,
                          nn_loss_kind loss, bool classification) {
  enum { BLOCK = 256 };
  double outs[BLOCK];
  double sum = 0;
  int correct = 0;
  if (net->classes) {
    nn_eval c;
    nn_classes_evaluate(net, inputs, pts, n, &c.loss, &c.accuracy);
    return c;
  }
  for (int start = 0; start < n; start += BLOCK) {
    int m = n - start < BLOCK ? n - start : BLOCK;
    nn_network_forward_batch(net, inputs + (size_t)start * net->sizes[0], m, outs);
    for (int k = 0; k < m; k++) { /* summed in stored order, as TFP does */
      double out = outs[k], label = pts[start + k].label;
      sum += nn_loss_error(loss, out, label);
      correct += (out >= 0 ? 1.0 : -1.0) == label;
    }
  }
  nn_eval r;
  r.loss = sum / n; /* 0 / 0 = NaN for an empty set, as in TFP */
  r.accuracy = classification && n > 0 ? (double)correct / n : NAN;
  return r;
}
