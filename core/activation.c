/* activation.c — TFP's activations (nn.ts:114-137) and nnplay's extra ones, transcendental
 * calls through nnmath.h. */
#include "activation.h"

#include "nnmath.h"

/* Math.max(0, t): NaN stays NaN, -0 becomes +0. */
static double relu_value(double t) { return t != t ? t : (t > 0 ? t : 0.0); }
static double relu_der(double t, double out) { (void)t; return out <= 0 ? 0.0 : 1.0; }
static double tanh_value(double t) { return nn_tanh(t); }
static double tanh_der(double t, double out) { (void)t; return 1 - out * out; }
static double sigmoid_value(double t) { return 1 / (1 + nn_exp(-t)); }
static double sigmoid_der(double t, double out) { (void)t; return out * (1 - out); }
static double linear_value(double t) { return t; }
static double linear_der(double t, double out) { (void)t; (void)out; return 1.0; }

static const double leaky_alpha = 0.01, elu_alpha = 1.0;

static double leaky_value(double t) { return t > 0 ? t : leaky_alpha * t; }
static double leaky_der(double t, double out) { (void)out; return t > 0 ? 1.0 : leaky_alpha; }
static double elu_value(double t) { return t > 0 ? t : elu_alpha * (nn_exp(t) - 1); }
static double elu_der(double t, double out) { return t > 0 ? 1.0 : out + elu_alpha; }
static double softplus_value(double t) {
  if (t != t) return t;
  double a = t < 0 ? -t : t;
  return (t > 0 ? t : 0.0) + nn_log(1 + nn_exp(-a));
}
static double softplus_der(double t, double out) { (void)out; return sigmoid_value(t); }
static double swish_value(double t) { return t * sigmoid_value(t); }
static double swish_der(double t, double out) {
  double s = sigmoid_value(t);
  return out + s * (1 - out); /* = s + t s (1 - s), with out = t s */
}

static const nn_activation_fn table[NN_ACT_COUNT] = {
    [NN_ACT_RELU] = {"relu", relu_value, relu_der},
    [NN_ACT_TANH] = {"tanh", tanh_value, tanh_der},
    [NN_ACT_SIGMOID] = {"sigmoid", sigmoid_value, sigmoid_der},
    [NN_ACT_LINEAR] = {"linear", linear_value, linear_der},
    [NN_ACT_LEAKY_RELU] = {"leakyrelu", leaky_value, leaky_der},
    [NN_ACT_ELU] = {"elu", elu_value, elu_der},
    [NN_ACT_SOFTPLUS] = {"softplus", softplus_value, softplus_der},
    [NN_ACT_SWISH] = {"swish", swish_value, swish_der},
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
    case NN_ACT_LEAKY_RELU: return leaky_value(total);
    case NN_ACT_ELU: return elu_value(total);
    case NN_ACT_SOFTPLUS: return softplus_value(total);
    case NN_ACT_SWISH: return swish_value(total);
    case NN_ACT_COUNT: break;
  }
  return total;
}

double nn_act_der(nn_activation a, double total, double out) {
  switch (a) {
    case NN_ACT_RELU: return relu_der(total, out);
    case NN_ACT_TANH: return tanh_der(total, out);
    case NN_ACT_SIGMOID: return sigmoid_der(total, out);
    case NN_ACT_LINEAR: return 1.0;
    case NN_ACT_LEAKY_RELU: return leaky_der(total, out);
    case NN_ACT_ELU: return elu_der(total, out);
    case NN_ACT_SOFTPLUS: return softplus_der(total, out);
    case NN_ACT_SWISH: return swish_der(total, out);
    case NN_ACT_COUNT: break;
  }
  return 1.0;
}
