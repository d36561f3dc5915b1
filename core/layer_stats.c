/* layer_stats.c — each layer's activations and error signals over the training points,
 * summarised (layer_stats.h). */
#include "layer_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loss.h"
#include "nnfeatures.h"
#include "nnmath.h"

const double NN_LAYER_STATS_LEVELS[NN_LAYER_STATS_NUM_LEVELS] = {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1};

static nn_activation layer_activation(const nn_network *net, int l) {
  return l == net->num_layers - 1 ? net->output_activation : net->hidden_activation;
}

/* dE/d output of every output node for one point (see the header: one node or K classes). */
static void output_ders(double *der, const nn_network *net, nn_loss_kind loss, double label) {
  int o = net->node_offset[net->num_layers - 1], k = net->sizes[net->num_layers - 1];
  const double *out = net->output + o;
  if (k == 1) {
    der[0] = nn_loss_der(loss, out[0], label);
    return;
  }
  double max = out[0], sum = 0;
  for (int j = 1; j < k; j++) max = out[j] > max ? out[j] : max;
  for (int j = 0; j < k; j++) sum += der[j] = nn_exp(out[j] - max);
  for (int j = 0; j < k; j++) der[j] = der[j] / sum - ((double)j == label ? 1.0 : 0.0);
}

/* Heapsort, ascending (no NaN in v): small, and no libc qsort in the wasm module. */
static void sift_down(double *v, int root, int n) {
  for (int child; (child = 2 * root + 1) < n; root = child) {
    if (child + 1 < n && v[child + 1] > v[child]) child++;
    if (!(v[child] > v[root])) return;
    double t = v[root];
    v[root] = v[child];
    v[child] = t;
  }
}

static void sort_ascending(double *v, int n) {
  for (int i = n / 2 - 1; i >= 0; i--) sift_down(v, i, n);
  for (int end = n - 1; end > 0; end--) {
    double t = v[0];
    v[0] = v[end];
    v[end] = t;
    sift_down(v, 0, end);
  }
}

/* Quantiles of v[0 .. n) at every level into q; `sorted` is scratch of n doubles. */
static void quantiles(double *q, const double *v, int n, double *sorted) {
  int m = 0;
  for (int i = 0; i < n; i++)
    if (!isnan(v[i])) sorted[m++] = v[i];
  sort_ascending(sorted, m);
  for (int k = 0; k < NN_LAYER_STATS_NUM_LEVELS; k++) {
    if (m == 0) {
      q[k] = NAN;
      continue;
    }
    double x = NN_LAYER_STATS_LEVELS[k] * (m - 1);
    int i = (int)floor(x);
    q[k] = x == i ? sorted[i] : sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]);
  }
}

static void histogram(nn_layer_stats *s, int l, const double *v, int n, nn_activation act) {
  double lo = INFINITY, hi = -INFINITY;
  if (act == NN_ACT_TANH || act == NN_ACT_SIGMOID) {
    lo = act == NN_ACT_TANH ? -1 : 0;
    hi = 1;
  } else {
    for (int i = 0; i < n; i++)
      if (isfinite(v[i])) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
      }
    if (lo > hi) lo = -1, hi = 1; /* no finite value */
    else if (lo == hi) lo -= 1, hi += 1;
  }
  s->hist_lo[l] = lo;
  s->hist_hi[l] = hi;
  int *bins = s->hist + l * NN_LAYER_STATS_BINS;
  for (int i = 0; i < n; i++) {
    if (isnan(v[i])) continue;
    double x = NN_LAYER_STATS_BINS * (v[i] - lo) / (hi - lo);
    bins[!(x >= 0) ? 0 : x >= NN_LAYER_STATS_BINS ? NN_LAYER_STATS_BINS - 1 : (int)x]++;
  }
}

/* True when every neuron's values equal neuron 0's at every point (values [j * n + p]). */
static bool same_as_first(const double *v, int size, int n) {
  for (int j = 1; j < size; j++)
    if (memcmp(v, v + (size_t)j * n, (size_t)n * sizeof *v) != 0) return false;
  return true;
}

static bool layout_matches(const nn_network *net, const nn_config *cfg) {
  int sizes[NN_MAX_HIDDEN_LAYERS + 2];
  int layers = nn_network_layout(cfg, sizes);
  if (layers != net->num_layers) return false;
  for (int l = 0; l < layers; l++)
    if (sizes[l] != net->sizes[l]) return false;
  return true;
}

nn_status nn_layer_stats_run(nn_layer_stats *s, const nn_network *net, const nn_config *cfg,
                             const nn_point *pts, int n) {
  if (!s || !net || !cfg || (!pts && n != 0) || n < 0 || cfg->model != NN_MODEL_MLP ||
      !layout_matches(net, cfg))
    return NN_ERR_INVALID;
  nn_network work;
  if (!nn_network_init(&work, cfg)) return NN_ERR_NOMEM;
  if (work.num_params != net->num_params || work.num_nodes != net->num_nodes) {
    nn_network_free(&work);
    return NN_ERR_INVALID;
  }
  nn_network_copy_values(&work, net);
  int inputs = net->sizes[0], nodes = net->num_nodes, widest = 1;
  for (int l = 1; l < net->num_layers; l++) widest = net->sizes[l] > widest ? net->sizes[l] : widest;
  /* acts and grads hold [(k - inputs) * n + p] for node k, point p; then a sort buffer. */
  size_t cells = (size_t)(nodes - inputs) * (size_t)n;
  double *block = malloc((2 * cells + (size_t)widest * (size_t)n + 1) * sizeof *block);
  if (!block) {
    nn_network_free(&work);
    return NN_ERR_NOMEM;
  }
  double *acts = block, *grads = block + cells, *sorted = grads + cells;
  nn_loss_kind loss = nn_config_loss_kind(cfg);
  int out_first = net->node_offset[net->num_layers - 1];
  for (int p = 0; p < n; p++) {
    double input[NN_FEAT_COUNT];
    nn_features_compute(input, net->input_features, inputs, pts[p].x, pts[p].y);
    nn_network_forward(&work, input);
    /* Training's own backward pass; it starts from the last node's value and reads the other
     * output nodes' (K classes) where they were written. */
    output_ders(work.output_der + out_first, &work, loss, pts[p].label);
    nn_network_backward(&work, work.output_der[nodes - 1]);
    for (int k = inputs; k < nodes; k++) {
      acts[(size_t)(k - inputs) * n + p] = work.output[k];
      grads[(size_t)(k - inputs) * n + p] = work.input_der[k];
    }
  }

  memset(s, 0, sizeof *s);
  s->num_layers = net->num_layers;
  s->num_points = n;
  memcpy(s->sizes, net->sizes, sizeof s->sizes);
  for (int l = 1; l < net->num_layers; l++) {
    int size = net->sizes[l], len = size * n;
    const double *a = acts + (size_t)(net->node_offset[l] - inputs) * n;
    const double *g = grads + (size_t)(net->node_offset[l] - inputs) * n;
    quantiles(s->act_q + l * NN_LAYER_STATS_NUM_LEVELS, a, len, sorted);
    quantiles(s->grad_q + l * NN_LAYER_STATS_NUM_LEVELS, g, len, sorted);
    histogram(s, l, a, len, layer_activation(net, l));
    s->identical[l] = size > 1 && same_as_first(a, size, n) && same_as_first(g, size, n);
  }
  free(block);
  nn_network_free(&work);
  return NN_OK;
}

nn_status nn_experiment_layer_stats(const nn_experiment *e, nn_layer_stats *s) {
  if (!e || !s) return NN_ERR_INVALID;
  int count;
  const nn_point *pts = nn_experiment_train_points(e, &count);
  return nn_layer_stats_run(s, nn_experiment_network(e), nn_experiment_config(e), pts, count);
}

nn_layer_stats *nn_layer_stats_create(void) { return calloc(1, sizeof(nn_layer_stats)); }

void nn_layer_stats_destroy(nn_layer_stats *s) { free(s); }
