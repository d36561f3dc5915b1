/* network.c — layout, TFP's initial weights, and the forward / backward / update kernels
 * (docs/tfp-behaviour.md §5-§7). */
#include "network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "activation.h"
#include "nnfeatures.h"
#include "loss.h"
#include "nnmath.h"

int nn_network_layout(const nn_config *cfg, int sizes[NN_MAX_HIDDEN_LAYERS + 2]) {
  nn_feature feats[NN_FEAT_COUNT];
  if (cfg->num_hidden_layers < 0 || cfg->num_hidden_layers > NN_MAX_HIDDEN_LAYERS) return -1;
  int n = 0;
  sizes[n++] = nn_features_used(cfg, feats);
  for (int l = 0; l < cfg->num_hidden_layers; l++) {
    int c = cfg->network_shape[l];
    if (c > NN_MAX_NEURONS) return -1;
    sizes[n++] = c > 0 ? c : 0; /* as many nodes as integers i with 0 <= i < c */
  }
  int classes = nn_config_num_classes(cfg);
  sizes[n++] = classes >= 3 ? classes : 1;
  return n;
}

bool nn_network_init(nn_network *net, const nn_config *cfg) {
  memset(net, 0, sizeof *net);
  int n = nn_network_layout(cfg, net->sizes);
  if (n < 0) return false;
  net->num_layers = n;
  nn_features_used(cfg, net->input_features);
  net->hidden_activation = cfg->activation;
  net->classes = nn_config_num_classes(cfg) >= 3 ? nn_config_num_classes(cfg) : 0;
  net->output_activation =
      cfg->problem == NN_PROBLEM_REGRESSION || net->classes ? NN_ACT_LINEAR : NN_ACT_TANH;

  int nodes = 0, params = 0;
  for (int l = 0; l < n; l++) {
    net->node_offset[l] = nodes;
    nodes += net->sizes[l];
    if (l == 0) continue;
    net->weight_offset[l] = params;
    params += net->sizes[l] * net->sizes[l - 1];
    net->bias_offset[l] = params;
    params += net->sizes[l];
  }
  net->num_nodes = nodes;
  net->num_params = params;

  /* calloc(0) may return NULL; ask for at least one element. */
  size_t np = (size_t)params + 1, nn = (size_t)nodes + 1;
  net->params = calloc(np, sizeof *net->params);
  net->grad = calloc(np, sizeof *net->grad);
  net->dead = calloc(np, sizeof *net->dead);
  net->opt_m = calloc(2 * np, sizeof *net->opt_m);
  net->total = calloc(5 * nn, sizeof *net->total);
  net->acc_count = calloc(nn, sizeof *net->acc_count);
  if (!net->params || !net->grad || !net->dead || !net->opt_m || !net->total ||
      !net->acc_count) {
    nn_network_free(net);
    return false;
  }
  net->opt_v = net->opt_m + np;
  net->output = net->total + nn;
  net->output_der = net->total + 2 * nn;
  net->input_der = net->total + 3 * nn;
  net->mask = net->total + 4 * nn;
  for (size_t k = 0; k < nn; k++) net->mask[k] = 1;
  return true;
}

void nn_network_free(nn_network *net) {
  if (!net) return;
  free(net->params);
  free(net->grad);
  free(net->dead);
  free(net->opt_m); /* opt_v lives in the same block */
  free(net->total); /* output, output_der, input_der and mask live in the same block */
  free(net->acc_count);
  memset(net, 0, sizeof *net);
}

/* The arrays (and scalars) that make up a network's values, with their sizes in bytes: what
 * copying, saving and loading move. Returns how many. (Not inlined: three copies of it would
 * cost the page's download more than the calls cost.) */
enum { VALUE_BLOCKS = 9 };
__attribute__((noinline)) static int value_blocks(const nn_network *net,
                                                  void *block[VALUE_BLOCKS],
                                                  size_t size[VALUE_BLOCKS]) {
  size_t np = (size_t)net->num_params, nn = (size_t)net->num_nodes + 1;
  int k = 0;
#define BLOCK(ptr, bytes) (block[k] = (void *)(ptr), size[k++] = (bytes))
  BLOCK(net->params, np * sizeof *net->params);
  BLOCK(net->grad, np * sizeof *net->grad);
  BLOCK(net->dead, np * sizeof *net->dead);
  BLOCK(net->opt_m, np * sizeof *net->opt_m);
  BLOCK(net->opt_v, np * sizeof *net->opt_v);
  BLOCK(&net->opt_steps, sizeof net->opt_steps);
  BLOCK(net->total, 5 * nn * sizeof *net->total); /* total, output, output_der, input_der, mask */
  BLOCK(&net->masked, sizeof net->masked);
  BLOCK(net->acc_count, nn * sizeof *net->acc_count);
#undef BLOCK
  return k;
}

void nn_network_copy_values(nn_network *dst, const nn_network *src) {
  void *from[VALUE_BLOCKS], *to[VALUE_BLOCKS];
  size_t size[VALUE_BLOCKS];
  int n = value_blocks(src, from, size);
  value_blocks(dst, to, size);
  for (int k = 0; k < n; k++) memcpy(to[k], from[k], size[k]);
}

size_t nn_network_values_size(const nn_network *net) {
  void *block[VALUE_BLOCKS];
  size_t size[VALUE_BLOCKS], total = 0;
  int n = value_blocks(net, block, size);
  for (int k = 0; k < n; k++) total += size[k];
  return total;
}

void nn_network_save_values(const nn_network *net, uint8_t *out) {
  void *block[VALUE_BLOCKS];
  size_t size[VALUE_BLOCKS];
  int n = value_blocks(net, block, size);
  for (int k = 0; k < n; k++) {
    memcpy(out, block[k], size[k]);
    out += size[k];
  }
}

void nn_network_load_values(nn_network *net, const uint8_t *in) {
  void *block[VALUE_BLOCKS];
  size_t size[VALUE_BLOCKS];
  int n = value_blocks(net, block, size);
  for (int k = 0; k < n; k++) {
    memcpy(block[k], in, size[k]);
    in += size[k];
  }
}

bool nn_network_values_counters_valid(const nn_network *net, const uint8_t *in, long long passes) {
  void *block[VALUE_BLOCKS];
  size_t size[VALUE_BLOCKS];
  int n = value_blocks(net, block, size);
  for (int k = 0; k < n; k++) {
    if (block[k] == &net->opt_steps) {
      long long steps;
      memcpy(&steps, in, sizeof steps);
      if (steps < 0 || steps > passes) return false;
    } else if (block[k] == net->acc_count) {
      for (size_t i = 0; i < size[k] / sizeof(int); i++) {
        int count;
        memcpy(&count, in + i * sizeof count, sizeof count);
        if (count < 0 || count > passes) return false;
      }
    }
    in += size[k];
  }
  return true;
}

void nn_network_clear_training(nn_network *net) {
  size_t np = (size_t)net->num_params, nn = (size_t)net->num_nodes + 1;
  memset(net->grad, 0, np * sizeof *net->grad);
  memset(net->dead, 0, np * sizeof *net->dead);
  memset(net->opt_m, 0, np * sizeof *net->opt_m);
  memset(net->opt_v, 0, np * sizeof *net->opt_v);
  net->opt_steps = 0;
  memset(net->total, 0, 4 * nn * sizeof *net->total);
  for (size_t k = 0; k < nn; k++) net->mask[k] = 1;
  net->masked = false;
  memset(net->acc_count, 0, nn * sizeof *net->acc_count);
}

void nn_network_init_weights(nn_network *net, nn_rng *rng, nn_init scheme) {
  /* Draw order (nn.ts:204-241): layer by layer, node by node, each node's incoming links in
   * the previous layer's order; biases draw nothing. */
  for (int l = 1; l < net->num_layers; l++) {
    int n_out = net->sizes[l], n_in = net->sizes[l - 1];
    double *w = net->params + net->weight_offset[l];
    double *b = net->params + net->bias_offset[l];
    double a = 0; /* half-width of the Xavier / He range */
    if (scheme == NN_INIT_XAVIER && n_in + n_out > 0) a = sqrt(6.0 / (n_in + n_out));
    if (scheme == NN_INIT_HE && n_in > 0) a = sqrt(6.0 / n_in);
    for (int j = 0; j < n_out; j++) {
      b[j] = scheme == NN_INIT_ZEROS || scheme == NN_INIT_XAVIER || scheme == NN_INIT_HE ? 0 : 0.1;
      for (int i = 0; i < n_in; i++) {
        double r = nn_rng_next(rng); /* drawn even for initZero (nn.ts:161, 185-187) */
        double v;
        switch (scheme) {
          case NN_INIT_ZEROS: v = 0; break;
          case NN_INIT_XAVIER:
          case NN_INIT_HE: v = (2 * r - 1) * a; break;
          default: v = r - 0.5; break;
        }
        w[j * n_in + i] = v;
      }
    }
  }
  nn_network_clear_training(net);
}

int nn_network_node_id(const nn_network *net, int node) {
  return node < net->sizes[0] ? 0 : node - net->sizes[0] + 1;
}

/* ---- kernels ---------------------------------------------------------------------------- */

/* total[j] = b[j] + sum_i w[j][i] * in[i], summed left to right from the bias (TFP's order).
 * Four nodes at a time: four independent sums, each still in that order (so the same bits), whose
 * additions overlap instead of each waiting for the one before. */
static void dense_totals(double *total, const double *in, const double *w, const double *b,
                         int n_out, int n_in) {
  int j = 0;
  for (; j + 4 <= n_out; j += 4) {
    const double *w0 = w + (size_t)j * n_in, *w1 = w0 + n_in, *w2 = w1 + n_in, *w3 = w2 + n_in;
    double t0 = b[j], t1 = b[j + 1], t2 = b[j + 2], t3 = b[j + 3];
    for (int i = 0; i < n_in; i++) {
      double x = in[i];
      t0 = t0 + w0[i] * x;
      t1 = t1 + w1[i] * x;
      t2 = t2 + w2[i] * x;
      t3 = t3 + w3[i] * x;
    }
    total[j] = t0;
    total[j + 1] = t1;
    total[j + 2] = t2;
    total[j + 3] = t3;
  }
  for (; j < n_out; j++) {
    const double *wj = w + (size_t)j * n_in;
    double t = b[j];
    for (int i = 0; i < n_in; i++) t = t + wj[i] * in[i];
    total[j] = t;
  }
}

static void activate_n(double *out, const double *total, int n, nn_activation act) {
  if (act == NN_ACT_TANH)
    nn_tanh_n(out, total, n); /* in wasm one call to the host's Math for all n values */
  else
    for (int j = 0; j < n; j++) out[j] = nn_act_value(act, total[j]);
}

void nn_dense_forward(double *total, double *out, const double *in, const double *w,
                      const double *b, int n_out, int n_in, nn_activation act) {
  dense_totals(total, in, w, b, n_out, n_in);
  activate_n(out, total, n_out, act);
}

void nn_dense_backward(double *input_der, double *gw, double *gb, int *count,
                       double *prev_output_der, const double *output_der, const double *total,
                       const double *out, const double *mask, const double *in,
                       const double *w, const uint8_t *dead, int n_out, int n_in,
                       nn_activation act) {
  for (int j = 0; j < n_out; j++) {
    if (mask)
      input_der[j] = output_der[j] * mask[j] *
                     nn_act_der(act, total[j], nn_act_value(act, total[j]));
    else
      input_der[j] = output_der[j] * nn_act_der(act, total[j], out[j]);
    gb[j] += input_der[j];
    count[j] += 1;
  }
  for (int j = 0; j < n_out; j++) {
    double *gwj = gw + (size_t)j * n_in;
    const uint8_t *dj = dead + (size_t)j * n_in;
    for (int i = 0; i < n_in; i++)
      if (!dj[i]) gwj[i] += input_der[j] * in[i];
  }
  if (!prev_output_der) return;
  /* prev_output_der[i] = sum_j w[j][i] * input_der[j], j in order; four inputs at a time, as
   * in dense_totals. */
  int i = 0;
  for (; i + 4 <= n_in; i += 4) {
    double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    for (int j = 0; j < n_out; j++) {
      const double *wj = w + (size_t)j * n_in + i;
      double g = input_der[j];
      d0 += wj[0] * g;
      d1 += wj[1] * g;
      d2 += wj[2] * g;
      d3 += wj[3] * g;
    }
    prev_output_der[i] = d0;
    prev_output_der[i + 1] = d1;
    prev_output_der[i + 2] = d2;
    prev_output_der[i + 3] = d3;
  }
  for (; i < n_in; i++) {
    double d = 0;
    for (int j = 0; j < n_out; j++) d += w[(size_t)j * n_in + i] * input_der[j];
    prev_output_der[i] = d;
  }
}

void nn_dense_update(double *w, double *b, double *gw, double *gb, uint8_t *dead, int *count,
                     int n_out, int n_in, double lr, nn_regularization reg, double reg_rate) {
  for (int j = 0; j < n_out; j++) {
    int c = count[j];
    if (c <= 0) continue; /* nothing accumulated: no step, no regularisation */
    b[j] = b[j] - lr * gb[j] / c;
    gb[j] = 0;
    double *wj = w + (size_t)j * n_in, *gwj = gw + (size_t)j * n_in;
    uint8_t *dj = dead + (size_t)j * n_in;
    for (int i = 0; i < n_in; i++) {
      if (dj[i]) continue;
      double r = nn_regularizer_der(reg, wj[i]);
      double wi = wj[i] - (lr / c) * gwj[i];
      double cand = wi - (lr * reg_rate) * r;
      if (reg == NN_REG_L1 && wi * cand < 0) { /* the L1 step crossed zero: the link dies */
        wj[i] = 0;
        dj[i] = 1;
      } else {
        wj[i] = cand;
      }
      gwj[i] = 0;
    }
    count[j] = 0;
  }
}

/* ---- whole network ---------------------------------------------------------------------- */

static nn_activation layer_act(const nn_network *net, int l) {
  return l == net->num_layers - 1 ? net->output_activation : net->hidden_activation;
}

/* Layer l's totals and outputs from layer l-1's outputs. */
static void forward_layer(nn_network *net, int l) {
  int o = net->node_offset[l], p = net->node_offset[l - 1];
  nn_dense_forward(net->total + o, net->output + o, net->output + p,
                   net->params + net->weight_offset[l], net->params + net->bias_offset[l],
                   net->sizes[l], net->sizes[l - 1], layer_act(net, l));
}

double nn_network_forward(nn_network *net, const double *input) {
  for (int i = 0; i < net->sizes[0]; i++) net->output[i] = input[i]; /* inputs may be empty */
  for (int l = 1; l < net->num_layers; l++) forward_layer(net, l);
  net->masked = false;
  return nn_network_output(net);
}

void nn_network_forward_batch(nn_network *net, const double *inputs, int n, double *outputs) {
  enum { CHUNK = 32 }; /* points per pass: two chunk x layer scratch arrays stay on the stack */
  double total[CHUNK * NN_MAX_NEURONS], out[2][CHUNK * NN_MAX_NEURONS];
  int n0 = net->sizes[0];
  for (int start = 0; start < n; start += CHUNK) {
    int m = n - start < CHUNK ? n - start : CHUNK;
    const double *in = inputs + (size_t)start * n0;
    int in_stride = n0;
    for (int l = 1; l < net->num_layers; l++) {
      int width = net->sizes[l], o = net->node_offset[l];
      double *dst = out[l & 1];
      const double *w = net->params + net->weight_offset[l], *b = net->params + net->bias_offset[l];
      for (int p = 0; p < m; p++)
        dense_totals(total + p * width, in + (size_t)p * in_stride, w, b, width, in_stride);
      activate_n(dst, total, m * width, layer_act(net, l));
      /* keep the last point's values in the per-node arrays, as a plain forward would */
      for (int j = 0; j < width; j++) {
        net->total[o + j] = total[(m - 1) * width + j];
        net->output[o + j] = dst[(m - 1) * width + j];
      }
      in = dst;
      in_stride = width;
    }
    int k = net->sizes[net->num_layers - 1];
    for (int p = 0; p < m * k; p++) outputs[(size_t)start * k + p] = in[p];
    if (start + m == n)
      for (int i = 0; i < n0; i++) net->output[i] = inputs[(size_t)(n - 1) * n0 + i];
  }
  net->masked = false;
}

double nn_network_forward_dropout(nn_network *net, const double *input, double rate,
                                  nn_rng *rng) {
  if (!(rate > 0)) {
    for (int k = 0; k < net->num_nodes; k++) net->mask[k] = 1;
    return nn_network_forward(net, input);
  }
  double keep_scale = 1 / (1 - rate);
  for (int i = 0; i < net->sizes[0]; i++) net->output[i] = input[i]; /* inputs may be empty */
  for (int l = 1; l < net->num_layers; l++) {
    forward_layer(net, l);
    int o = net->node_offset[l];
    bool hidden = l < net->num_layers - 1;
    for (int j = 0; j < net->sizes[l]; j++) {
      double m = hidden ? (nn_rng_next(rng) < rate ? 0.0 : keep_scale) : 1.0;
      net->mask[o + j] = m;
      if (hidden) net->output[o + j] = m == 0 ? 0.0 : net->output[o + j] * m;
    }
  }
  net->masked = true;
  return nn_network_output(net);
}

void nn_network_backward(nn_network *net, double output_der) {
  net->output_der[net->num_nodes - 1] = output_der;
  nn_network_backward_outputs(net);
}

void nn_network_backward_outputs(nn_network *net) {
  for (int l = net->num_layers - 1; l >= 1; l--) {
    int o = net->node_offset[l], p = net->node_offset[l - 1];
    bool hidden = l < net->num_layers - 1;
    nn_dense_backward(net->input_der + o, net->grad + net->weight_offset[l],
                      net->grad + net->bias_offset[l], net->acc_count + o,
                      l > 1 ? net->output_der + p : NULL, net->output_der + o, net->total + o,
                      net->output + o, net->masked && hidden ? net->mask + o : NULL,
                      net->output + p, net->params + net->weight_offset[l],
                      net->dead + net->weight_offset[l], net->sizes[l], net->sizes[l - 1],
                      layer_act(net, l));
  }
}

void nn_network_update(nn_network *net, double lr, nn_regularization reg, double reg_rate) {
  for (int l = 1; l < net->num_layers; l++) {
    int o = net->node_offset[l];
    nn_dense_update(net->params + net->weight_offset[l], net->params + net->bias_offset[l],
                    net->grad + net->weight_offset[l], net->grad + net->bias_offset[l],
                    net->dead + net->weight_offset[l], net->acc_count + o, net->sizes[l],
                    net->sizes[l - 1], lr, reg, reg_rate);
  }
}
