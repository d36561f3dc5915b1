/* activation.h — activation functions as a value + derivative table (tfp-behaviour §6).
 *
 * DERIVATIVES TAKE THE OUTPUT, not the pre-activation total: der(out) with out = value(total).
 * For the four TFP activations this is bit-identical to TFP, which recomputes the function from
 * the total (tanh: 1 - out*out; sigmoid: out*(1 - out); relu: 0 if out <= 0 else 1, which also
 * gives TFP's 1 for a NaN total; linear: 1), and it saves a libm call per node.
 * An activation whose derivative needs the total (e.g. a future ELU variant) should get a
 * second field rather than change this contract. A perceptron's step activation would be one
 * more entry; its derivative is 0 almost everywhere, so the perceptron rule belongs in train.c
 * as its own update, not here.
 */
#ifndef NN_ACTIVATION_H
#define NN_ACTIVATION_H

#include "config.h"

typedef struct {
  const char *name;                 /* TFP's name: "relu", "tanh", "sigmoid", "linear" */
  double (*value)(double total);    /* out = f(total) */
  double (*der)(double out);        /* f'(total), computed from out = f(total) */
} nn_activation_fn;

/* The table entry for a; NULL for a value outside the enum. */
const nn_activation_fn *nn_activation_get(nn_activation a);

/* Direct forms, for kernels that switch once per layer instead of calling through pointers. */
double nn_act_value(nn_activation a, double total);
double nn_act_der(nn_activation a, double out);

#endif
