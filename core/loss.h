/* loss.h — the error function and the weight regularisers, as value + derivative tables
 * (docs/tfp-behaviour.md §7.3-7.4, nn.ts:94-98 and 100-112).
 *
 * Errors (nn_loss_kind, config.h), both per point, derivatives with respect to the output:
 *   square        TFP's: 0.5 * (out - target)^2, der = out - target.
 *   crossentropy  binary cross-entropy for classification, whose output is tanh in (-1, 1) and
 *                 labels are -1 / +1: p = (out + 1) / 2, y = (target + 1) / 2, p clamped to
 *                 [NN_CE_EPS, 1 - NN_CE_EPS];
 *                 error = -(y log p + (1 - y) log(1 - p)),
 *                 der   = (p - y) / (2 p (1 - p))   (the clamped p, so it stays finite; with
 *                 the tanh output's 1 - out^2 = 4 p (1 - p) the node's delta is 2 (p - y)).
 *                 Only meaningful for labels +-1; regression always uses square error
 *                 (nn_config_loss_kind).
 * The reported losses (loss curve) are the chosen error averaged over the points.
 * Regularisers: penalty R(w) and R'(w), applied per weight in the update (train.c/network.c).
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include "config.h"

/* How far cross-entropy keeps p from 0 and 1 (so a saturated tanh gives a finite error). */
#define NN_CE_EPS 1e-7

typedef struct {
  const char *name;
  double (*error)(double out, double target);
  double (*der)(double out, double target);   /* d error / d out */
} nn_loss_fn;

/* NULL for a value outside the enum. */
const nn_loss_fn *nn_loss_get(nn_loss_kind k);

/* 0.5 * pow(out - target, 2), written as d*d: equal to Math.pow(d, 2) bit for bit. */
static inline double nn_square_error(double out, double target) {
  double d = out - target;
  return 0.5 * (d * d);
}
static inline double nn_square_error_der(double out, double target) { return out - target; }

double nn_cross_entropy_error(double out, double target);
double nn_cross_entropy_der(double out, double target);

/* The error / its derivative of kind k (square for a value outside the enum). */
double nn_loss_error(nn_loss_kind k, double out, double target);
double nn_loss_der(nn_loss_kind k, double out, double target);

typedef struct {
  const char *name;            /* "none", "L1", "L2" */
  double (*value)(double w);   /* R(w): none 0, L1 |w|, L2 0.5*w*w */
  double (*der)(double w);     /* R'(w): none 0, L1 sign(w) (0 at 0 and NaN), L2 w */
} nn_regularizer_fn;

/* NULL for a value outside the enum. */
const nn_regularizer_fn *nn_regularizer_get(nn_regularization r);

/* R'(w) without the table (used by the update kernel). */
static inline double nn_regularizer_der(nn_regularization r, double w) {
  switch (r) {
    case NN_REG_L1: return w < 0 ? -1.0 : (w > 0 ? 1.0 : 0.0);
    case NN_REG_L2: return w;
    case NN_REG_NONE: break;
  }
  return 0.0;
}

#endif
