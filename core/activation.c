/* activation.c — TFP's activations (nn.ts:114-137), transcendental calls through nnmath.h. */
#include "activation.h"

#include "nnmath.h"

/* Math.max(0, t): NaN stays NaN, -0 becomes +0. */
static double relu_value(double t) { return t != t ? t : (t > 0 ? t : 0.0); }
static double relu_der(double out) { return out <= 0 ? 0.0 : 1.0; }
static double tanh_value(double t) { return nn_tanh(t); }
static double tanh_der(double out) { return 1 - out * out; }
static double sigmoid_value(double t) { return 1 / (1 + nn_exp(-t)); }
static double sigmoid_der(double out) { return out * (1 - out); }
static double linear_value(double t) { return t; }
static double linear_der(double out) { (void)out; return 1.0; }

static const nn_activation_fn table[NN_ACT_COUNT] = {
    [NN_ACT_RELU] = {"relu", relu_value, relu_der},
    [NN_ACT_TANH] = {"tanh", tanh_value, tanh_der},
    [NN_ACT_SIGMOID] = {"sigmoid", sigmoid_value, sigmoid_der},
    [NN_ACT_LINEAR] = {"linear", linear_value, linear_der},
};

const nn_activation_fn *nn_activation_get(nn_activation a) {
  return (unsigned)a < NN_ACT_COUNT ? &table[a] : 0;
}

double nn_act_value(nn_activation a, double total) {
  switch (a) {
    case NN_ACT_RELU: return relu_value(total);
    case NN_ACT_TANH: return tanh_value(total);
    case NN_ACT_SIGMOID: return sigmoid_value(total);
    case NN_ACT_LINEAR: return total;
    case NN_ACT_COUNT: break;
  }
  return total;
}

double nn_act_der(nn_activation a, double out) {
  switch (a) {
    case NN_ACT_RELU: return relu_der(out);
    case NN_ACT_TANH: return tanh_der(out);
    case NN_ACT_SIGMOID: return sigmoid_der(out);
    case NN_ACT_LINEAR: return 1.0;
    case NN_ACT_COUNT: break;
  }
  return 1.0;
}
