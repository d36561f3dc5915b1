/* train.c — TFP's oneStep and getLoss (playground.ts:840-849, 909-923). */
#include "train.h"

#include "loss.h"

nn_train_opts nn_train_opts_from_config(const nn_config *cfg) {
  nn_train_opts o = {cfg->learning_rate, cfg->regularization, cfg->regularization_rate,
                     cfg->batch_size};
  return o;
}

void nn_train_epoch(nn_network *net, const double *inputs, const nn_point *pts, int n,
                    const nn_train_opts *opts) {
  int stride = net->sizes[0];
  for (int k = 0; k < n; k++) {
    double out = nn_network_forward(net, inputs + (size_t)k * stride);
    nn_network_backward(net, nn_square_error_der(out, pts[k].label));
    /* A negative batch size divides like its absolute value: JS and C agree that
     * (k + 1) % -b == 0 exactly when b divides k + 1. */
    if (opts->batch_size != 0 && (k + 1) % opts->batch_size == 0)
      nn_network_update(net, opts->learning_rate, opts->regularization,
                        opts->regularization_rate);
  }
}

double nn_train_loss(nn_network *net, const double *inputs, const nn_point *pts, int n) {
  int stride = net->sizes[0];
  double loss = 0;
  for (int k = 0; k < n; k++) {
    double out = nn_network_forward(net, inputs + (size_t)k * stride);
    loss += nn_square_error(out, pts[k].label);
  }
  return loss / n; /* 0 / 0 = NaN for an empty set, as in TFP */
}
