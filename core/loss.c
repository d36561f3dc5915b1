/* loss.c — error and regulariser tables (nn.ts:94-112). */
#include "loss.h"

#include <math.h>

#include "nnmath.h"

static double square_error(double out, double target) { return nn_square_error(out, target); }
static double square_der(double out, double target) { return nn_square_error_der(out, target); }

/* p = (out + 1) / 2 kept in [eps, 1 - eps]; a NaN output stays NaN. */
static double ce_p(double out) {
  double p = (out + 1) / 2;
  if (p < NN_CE_EPS) return NN_CE_EPS;
  if (p > 1 - NN_CE_EPS) return 1 - NN_CE_EPS;
  return p;
}

double nn_cross_entropy_error(double out, double target) {
  double p = ce_p(out), y = (target + 1) / 2;
  return -(y * nn_log(p) + (1 - y) * nn_log(1 - p));
}

double nn_cross_entropy_der(double out, double target) {
  double p = ce_p(out), y = (target + 1) / 2;
  return (p - y) / (2 * p * (1 - p));
}

double nn_loss_error(nn_loss_kind k, double out, double target) {
  return k == NN_LOSS_CROSS_ENTROPY ? nn_cross_entropy_error(out, target)
                                    : nn_square_error(out, target);
}

double nn_loss_der(nn_loss_kind k, double out, double target) {
  return k == NN_LOSS_CROSS_ENTROPY ? nn_cross_entropy_der(out, target)
                                    : nn_square_error_der(out, target);
}

static const nn_loss_fn losses[NN_LOSS_COUNT] = {
    [NN_LOSS_SQUARE] = {"square", square_error, square_der},
    [NN_LOSS_CROSS_ENTROPY] = {"crossentropy", nn_cross_entropy_error, nn_cross_entropy_der},
};

const nn_loss_fn *nn_loss_get(nn_loss_kind k) {
  return (unsigned)k < NN_LOSS_COUNT ? &losses[k] : 0;
}

static double none_value(double w) { (void)w; return 0; }
static double none_der(double w) { (void)w; return 0; }
static double l1_value(double w) { return fabs(w); }
static double l1_der(double w) { return nn_regularizer_der(NN_REG_L1, w); }
static double l2_value(double w) { return 0.5 * w * w; }
static double l2_der(double w) { return w; }

static const nn_regularizer_fn regularizers[3] = {
    [NN_REG_NONE] = {"none", none_value, none_der},
    [NN_REG_L1] = {"L1", l1_value, l1_der},
    [NN_REG_L2] = {"L2", l2_value, l2_der},
};

const nn_regularizer_fn *nn_regularizer_get(nn_regularization r) {
  return (unsigned)r <= NN_REG_L2 ? &regularizers[r] : 0;
}
