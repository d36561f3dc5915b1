/* loss.h — the error function and the weight regularisers, as value + derivative tables
 * (tfp-behaviour §7.3-7.4, nn.ts:94-98 and 100-112).
 *
 * Error: TFP has only the square error, error(out, target) = 0.5 * (out - target)^2 with
 * der = out - target (derivative with respect to the output). A cross-entropy entry would sit
 * beside it in nn_loss_kind and the table.
 * Regularisers: penalty R(w) and R'(w), applied per weight in the update (train.c/network.c).
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include "config.h"

typedef enum { NN_LOSS_SQUARE, NN_LOSS_COUNT } nn_loss_kind;

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
