/* optimizer.c — momentum, RMSprop and Adam on the flat parameter array (optimizer.h). */
#include "optimizer.h"

#include <math.h>
#include <stddef.h>

#include "loss.h"
#include "nnmath.h"

nn_optimizer_opts nn_optimizer_opts_from_config(const nn_config *cfg) {
  nn_optimizer_opts o = {cfg->optimizer, cfg->momentum, cfg->rho,
                         cfg->beta1, cfg->beta2, cfg->epsilon};
  return o;
}

void nn_opt_sgd(double *g, const uint8_t *skip, int n, double lr) {
  for (int k = 0; k < n; k++) g[k] = skip && skip[k] ? 0 : lr * g[k];
}

void nn_opt_momentum(double *g, double *m, const uint8_t *skip, int n, double lr, double mu) {
  for (int k = 0; k < n; k++) {
    if (skip && skip[k]) { g[k] = 0; continue; }
    m[k] = mu * m[k] + g[k];
    g[k] = lr * m[k];
  }
}

void nn_opt_rmsprop(double *g, double *v, const uint8_t *skip, int n, double lr, double rho,
                    double eps) {
  for (int k = 0; k < n; k++) {
    if (skip && skip[k]) { g[k] = 0; continue; }
    v[k] = rho * v[k] + (1 - rho) * (g[k] * g[k]);
    g[k] = lr * g[k] / (sqrt(v[k]) + eps);
  }
}

void nn_opt_adam(double *g, double *m, double *v, const uint8_t *skip, int n, double lr,
                 double beta1, double beta2, double eps, long long t) {
  double c1 = 1 - nn_pow(beta1, (double)t), c2 = 1 - nn_pow(beta2, (double)t);
  for (int k = 0; k < n; k++) {
    if (skip && skip[k]) { g[k] = 0; continue; }
    m[k] = beta1 * m[k] + (1 - beta1) * g[k];
    v[k] = beta2 * v[k] + (1 - beta2) * (g[k] * g[k]);
    double mhat = m[k] / c1, vhat = v[k] / c2;
    g[k] = lr * mhat / (sqrt(vhat) + eps);
  }
}

void nn_opt_steps(const nn_optimizer_opts *o, double *g, double *m, double *v,
                  const uint8_t *skip, int n, double lr, long long t) {
  switch (o->kind) {
    case NN_OPT_MOMENTUM: nn_opt_momentum(g, m, skip, n, lr, o->momentum); break;
    case NN_OPT_RMSPROP: nn_opt_rmsprop(g, v, skip, n, lr, o->rho, o->epsilon); break;
    case NN_OPT_ADAM: nn_opt_adam(g, m, v, skip, n, lr, o->beta1, o->beta2, o->epsilon, t); break;
    default: nn_opt_sgd(g, skip, n, lr); break;
  }
}

void nn_network_update_opt(nn_network *net, const nn_optimizer_opts *o, double lr,
                           nn_regularization reg, double reg_rate) {
  if (o->kind == NN_OPT_SGD || (unsigned)o->kind >= NN_OPT_COUNT) {
    nn_network_update(net, lr, reg, reg_rate);
    return;
  }
  if (net->num_layers < 2 || net->acc_count[net->num_nodes - 1] <= 0) return;

  /* Accumulated sums -> batch averages, node by node (a node's bias and its incoming row). */
  for (int l = 1; l < net->num_layers; l++) {
    int n_out = net->sizes[l], n_in = net->sizes[l - 1];
    double *gw = net->grad + net->weight_offset[l], *gb = net->grad + net->bias_offset[l];
    const int *count = net->acc_count + net->node_offset[l];
    for (int j = 0; j < n_out; j++) {
      if (count[j] <= 0) continue;
      gb[j] /= count[j];
      for (int i = 0; i < n_in; i++) gw[(size_t)j * n_in + i] /= count[j];
    }
  }

  /* Averages -> steps, one loop over every parameter. */
  int n = net->num_params;
  net->opt_steps++;
  nn_opt_steps(o, net->grad, net->opt_m, net->opt_v, net->dead, n, lr, net->opt_steps);

  /* Steps applied, with TFP's regularisation step on the weights. */
  double lr_reg = lr * reg_rate;
  for (int l = 1; l < net->num_layers; l++) {
    int n_out = net->sizes[l], n_in = net->sizes[l - 1];
    double *w = net->params + net->weight_offset[l], *b = net->params + net->bias_offset[l];
    double *sw = net->grad + net->weight_offset[l], *sb = net->grad + net->bias_offset[l];
    uint8_t *dead = net->dead + net->weight_offset[l];
    for (int j = 0; j < n_out; j++) {
      b[j] = b[j] - sb[j];
      sb[j] = 0;
      for (int i = 0; i < n_in; i++) {
        size_t k = (size_t)j * n_in + i;
        if (dead[k]) { sw[k] = 0; continue; }
        double r = nn_regularizer_der(reg, w[k]);
        double wi = w[k] - sw[k];
        double cand = wi - lr_reg * r;
        if (reg == NN_REG_L1 && wi * cand < 0) {
          w[k] = 0;
          dead[k] = 1;
        } else {
          w[k] = cand;
        }
        sw[k] = 0;
      }
    }
    int *count = net->acc_count + net->node_offset[l];
    for (int j = 0; j < n_out; j++) count[j] = 0;
  }
}
