/* activation.h — activation functions as a value + derivative table (docs/tfp-behaviour.md §6).
 *
 * DERIVATIVES TAKE BOTH the pre-activation total and the output: der(total, out) with
 * out = value(total). Each entry uses whichever is cheaper and exact:
 *   relu      max(0, t)                        der 0 if out <= 0 else 1 (TFP: 1 for a NaN total)
 *   tanh      tanh(t)                          der 1 - out*out
 *   sigmoid   1 / (1 + e^-t)                   der out * (1 - out)
 *   linear    t                                der 1
 *   leakyrelu t if t > 0 else 0.01 t           der 1 if t > 0 else 0.01
 *   elu       t if t > 0 else e^t - 1          der 1 if t > 0 else out + 1 (= e^t)
 *   softplus  max(t, 0) + log(1 + e^-|t|)      der sigmoid(t)
 *             (= log(1 + e^t), without overflow for large t)
 *   swish     t * sigmoid(t)                   der s + t s (1 - s) with s = sigmoid(t)
 * For TFP's four this is bit-identical to TFP, which recomputes the function from the total
 * (tanh: 1 - out*out; sigmoid: out*(1 - out); relu: 0 if out <= 0 else 1; linear: 1) — using
 * the output saves a libm call per node. Transcendentals go through nnmath.h. A perceptron's step
 * activation would be one more entry; its derivative is 0 almost everywhere, so the perceptron
 * rule belongs in train.c as its own update, not here.
 */
#ifndef NN_ACTIVATION_H
#define NN_ACTIVATION_H

#include "config.h"

typedef struct {
  const char *name;                          /* URL name: "relu", ..., "leakyrelu", "swish" */
  double (*value)(double total);             /* out = f(total) */
  double (*der)(double total, double out);   /* f'(total), given total and out = f(total) */
} nn_activation_fn;

/* The table entry for a; NULL for a value outside the enum. */
const nn_activation_fn *nn_activation_get(nn_activation a);

/* Direct forms, for kernels that switch once per layer instead of calling through pointers. */
double nn_act_value(nn_activation a, double total);
double nn_act_der(nn_activation a, double total, double out);

#endif
