/* grid.c — the heatmap forward pass: float, layer by layer over tiles of cells, four cells to a
 * SIMD lane group, so it vectorises without reassociating any sum. */
#include "grid.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activation.h"
#include "nnfeatures.h"

static int density_ok(int d) { return d >= NN_GRID_MIN_DENSITY && d <= NN_GRID_MAX_DENSITY; }

double nn_grid_coord(int i, int density) {
  double t = (double)i / (density - 1);
  return -6 * (1 - t) + 6 * t;
}

size_t nn_grid_size(const nn_network *net, int density) {
  if (!density_ok(density)) return 0;
  return (size_t)net->num_nodes * (size_t)density * (size_t)density;
}

/* Branch-free helpers: with the default -ftrapping-math gcc will not if-convert float
 * ternaries, so a select through the bits keeps the activation loops vectorisable. */
static inline uint32_t bits_of(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}
static inline float float_of(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}
static inline float select_f(int c, float a, float b) { /* c ? a : b, c is 0 or 1 */
  uint32_t m = 0u - (uint32_t)c;
  return float_of((bits_of(a) & m) | (bits_of(b) & ~m));
}

/* e^x for |x| <= 18 (callers clamp): x = k ln2 + r, |r| <= ln2/2, Taylor degree 6
 * (relative error about 1.2e-7), 2^k put together from its exponent bits. */
static inline float exp_small(float x) {
  const float log2e = 1.44269504088896341f;
  const float ln2_hi = 0.693145751953125f, ln2_lo = 1.42860682030941723e-6f;
  const float round_magic = 12582912.0f; /* 1.5 * 2^23: adding it rounds to an integer */
  float kf = (x * log2e + round_magic) - round_magic;
  float r = (x - kf * ln2_hi) - kf * ln2_lo;
  float p = 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t k = (int32_t)kf;
  return p * float_of((uint32_t)(k + 127) << 23);
}

float nn_fast_tanhf(float x) {
  /* tanh(9) rounds to 1 in float; clamping also keeps exp_small in range. A NaN input must not
   * reach the float->int conversion, and comes back out unchanged. */
  int nan_in = x != x;
  float xc = select_f(x > 9.0f, 9.0f, x);
  xc = select_f(xc < -9.0f, -9.0f, xc);
  xc = select_f(nan_in, 0.0f, xc);
  float e = exp_small(2 * xc);
  return select_f(nan_in, x, (e - 1) / (e + 1));
}

float nn_fast_sigmoidf(float x) {
  /* 1 / (1 + e^-x) is 0 or 1 in float beyond |x| = 18. */
  int nan_in = x != x;
  float xc = select_f(x > 18.0f, 18.0f, x);
  xc = select_f(xc < -18.0f, -18.0f, xc);
  xc = select_f(nan_in, 0.0f, xc);
  float s = 1 / (1 + exp_small(-xc));
  s = select_f(x > 18.0f, 1.0f, s);
  s = select_f(x < -18.0f, 0.0f, s);
  return select_f(nan_in, x, s);
}

nn_status nn_grid_inputs(float *out, const nn_network *net, int density) {
  if (!density_ok(density)) return NN_ERR_INVALID;
  size_t cells = (size_t)density * density;
  for (int r = 0; r < density; r++) {
    double y = nn_grid_coord(density - 1 - r, density);
    for (int c = 0; c < density; c++) {
      double x = nn_grid_coord(c, density);
      for (int k = 0; k < net->sizes[0]; k++)
        out[k * cells + (size_t)r * density + c] =
            (float)nn_feature_value(net->input_features[k], x, y);
    }
  }
  return NN_OK;
}

static void activate(float *v, size_t n, nn_activation act) {
  switch (act) {
    case NN_ACT_TANH:
      for (size_t c = 0; c < n; c++) v[c] = nn_fast_tanhf(v[c]);
      break;
    case NN_ACT_SIGMOID:
      for (size_t c = 0; c < n; c++) v[c] = nn_fast_sigmoidf(v[c]);
      break;
    case NN_ACT_RELU:
      for (size_t c = 0; c < n; c++) v[c] = select_f((v[c] > 0) | (v[c] != v[c]), v[c], 0.0f);
      break;
    case NN_ACT_LEAKY_RELU:
      for (size_t c = 0; c < n; c++) v[c] = select_f(v[c] > 0, v[c], 0.01f * v[c]);
      break;
    case NN_ACT_ELU:
    case NN_ACT_SOFTPLUS:
    case NN_ACT_SWISH: /* nnplay's own: the double function, rounded */
      for (size_t c = 0; c < n; c++) v[c] = (float)nn_act_value(act, v[c]);
      break;
    case NN_ACT_LINEAR:
    case NN_ACT_COUNT:
      break;
  }
}

/* Four floats; loads and stores through memcpy, so no alignment is assumed. Plain C: gcc and
 * clang lower it to SSE natively and to SIMD128 in wasm (-msimd128). */
typedef float v4f __attribute__((vector_size(16)));
static inline v4f load4(const float *p) {
  v4f v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline void store4(float *p, v4f v) { memcpy(p, &v, sizeof v); }

/* Cells a weighted sum keeps in registers while it runs over the inputs. */
enum { SUM_BLOCK = 16 };

/* dst[c] = b + w[0] * src[0][c] + w[1] * src[1][c] + ... for c < n, added left to right in
 * float (TFP's order per cell); src[i] starts at in + i * stride. Blocks of SUM_BLOCK cells keep
 * their sums in registers across all inputs instead of reading and writing dst once per input;
 * each cell's operations are the same, so are its bits. */
static void weighted_sum(float *dst, const float *in, size_t stride, size_t n, const double *w,
                         int n_in, float b) {
  size_t c = 0;
  for (; c + SUM_BLOCK <= n; c += SUM_BLOCK) {
    v4f bv = {b, b, b, b};
    v4f s0 = bv, s1 = bv, s2 = bv, s3 = bv;
    for (int i = 0; i < n_in; i++) {
      float wi = (float)w[i];
      v4f wv = {wi, wi, wi, wi};
      const float *src = in + (size_t)i * stride + c;
      s0 = s0 + wv * load4(src);
      s1 = s1 + wv * load4(src + 4);
      s2 = s2 + wv * load4(src + 8);
      s3 = s3 + wv * load4(src + 12);
    }
    store4(dst + c, s0);
    store4(dst + c + 4, s1);
    store4(dst + c + 8, s2);
    store4(dst + c + 12, s3);
  }
  for (; c < n; c++) {
    float s = b;
    for (int i = 0; i < n_in; i++) s = s + (float)w[i] * in[(size_t)i * stride + c];
    dst[c] = s;
  }
}

/* One tile of n cells through layers 1..last_layer. Node k's values for the tile start at
 * buf + k * stride (the input nodes' already filled). */
static void tile_forward(float *buf, size_t stride, size_t n, const nn_network *net,
                         int last_layer) {
  for (int l = 1; l <= last_layer; l++) {
    int n_out = net->sizes[l], n_in = net->sizes[l - 1];
    const double *w = net->params + net->weight_offset[l];
    const double *b = net->params + net->bias_offset[l];
    const float *in = buf + (size_t)net->node_offset[l - 1] * stride;
    nn_activation act =
        l == net->num_layers - 1 ? net->output_activation : net->hidden_activation;
    for (int j = 0; j < n_out; j++) {
      float *dst = buf + (size_t)(net->node_offset[l] + j) * stride;
      weighted_sum(dst, in, stride, n, w + (size_t)j * n_in, n_in, (float)b[j]);
      activate(dst, n, act);
    }
  }
}

/* Cells are processed in tiles through all layers, so a tile's slices of every node stay in
 * cache (a whole 100x100 slice is 40 KB). */
nn_status nn_grid_forward(float *out, const nn_network *net, int density) {
  if (!density_ok(density)) return NN_ERR_INVALID;
  size_t cells = (size_t)density * density;
  for (size_t c0 = 0; c0 < cells; c0 += NN_GRID_TILE) {
    size_t n = cells - c0 < NN_GRID_TILE ? cells - c0 : NN_GRID_TILE;
    tile_forward(out + c0, cells, n, net, net->num_layers - 1);
  }
  return NN_OK;
}

size_t nn_grid_node_scratch_size(const nn_network *net) {
  return (size_t)net->num_nodes * NN_GRID_TILE;
}

/* The layer node k belongs to. */
static int layer_of(const nn_network *net, int k) {
  int l = 0;
  while (l + 1 < net->num_layers && net->node_offset[l + 1] <= k) l++;
  return l;
}

/* Copies (or computes) the input slices of cells [c0, c0 + n) into the tile scratch. */
static void tile_inputs(float *scratch, const float *inputs, const nn_network *net, size_t c0,
                        size_t n, int density) {
  size_t cells = (size_t)density * density;
  int n_in = net->sizes[0];
  if (inputs) {
    for (int k = 0; k < n_in; k++)
      memcpy(scratch + (size_t)k * NN_GRID_TILE, inputs + k * cells + c0, n * sizeof *scratch);
    return;
  }
  for (size_t c = 0; c < n; c++) { /* nn_grid_inputs' values, one cell at a time */
    int r = (int)((c0 + c) / (size_t)density), col = (int)((c0 + c) % (size_t)density);
    double x = nn_grid_coord(col, density), y = nn_grid_coord(density - 1 - r, density);
    for (int k = 0; k < n_in; k++)
      scratch[(size_t)k * NN_GRID_TILE + c] = (float)nn_feature_value(net->input_features[k], x, y);
  }
}

nn_status nn_grid_node(float *out, const float *inputs, float *scratch, const nn_network *net,
                       int node, int density) {
  if (density < NN_GRID_MIN_DENSITY || density > NN_GRID_MAX_NODE_DENSITY) return NN_ERR_INVALID;
  if (node < 0 || node >= net->num_nodes) return NN_ERR_INVALID;
  size_t cells = (size_t)density * density;
  int last = layer_of(net, node);
  for (size_t c0 = 0; c0 < cells; c0 += NN_GRID_TILE) {
    size_t n = cells - c0 < NN_GRID_TILE ? cells - c0 : NN_GRID_TILE;
    tile_inputs(scratch, inputs, net, c0, n, density);
    tile_forward(scratch, NN_GRID_TILE, n, net, last);
    memcpy(out + c0, scratch + (size_t)node * NN_GRID_TILE, n * sizeof *out);
  }
  return NN_OK;
}

nn_status nn_grid_classes(float *out, const float *inputs, float *scratch, const nn_network *net,
                          int density) {
  if (density < NN_GRID_MIN_DENSITY || density > NN_GRID_MAX_NODE_DENSITY) return NN_ERR_INVALID;
  if (net->classes < 3) return NN_ERR_INVALID;
  size_t cells = (size_t)density * density;
  int k = net->classes, first = net->node_offset[net->num_layers - 1];
  for (size_t c0 = 0; c0 < cells; c0 += NN_GRID_TILE) {
    size_t n = cells - c0 < NN_GRID_TILE ? cells - c0 : NN_GRID_TILE;
    tile_inputs(scratch, inputs, net, c0, n, density);
    tile_forward(scratch, NN_GRID_TILE, n, net, net->num_layers - 1);
    const float *totals = scratch + (size_t)first * NN_GRID_TILE;
    for (size_t c = 0; c < n; c++) {
      /* The winner's probability is 1 / sum_j e^(t_j - t_max); a NaN total gives class 0, NaN. */
      int best = 0;
      float m = totals[c], sum = 0;
      for (int j = 1; j < k; j++) {
        float t = totals[(size_t)j * NN_GRID_TILE + c];
        if (t > m || m != m) m = t, best = j;
      }
      for (int j = 0; j < k; j++) {
        float d = totals[(size_t)j * NN_GRID_TILE + c] - m; /* <= 0 */
        sum += d != d ? d : exp_small(d < -18.0f ? -18.0f : d);
      }
      out[c0 + c] = m != m ? 0.0f : (float)best;
      out[cells + c0 + c] = 1 / sum;
    }
  }
  return NN_OK;
}

/* Grows *buf to hold n floats. */
static int reserve(float **buf, size_t *cap, size_t n) {
  if (n <= *cap) return 1;
  float *b = realloc(*buf, n * sizeof *b);
  if (!b) return 0;
  *buf = b;
  *cap = n;
  return 1;
}

const float *nn_grid_node_cached(nn_grid_node_cache *cache, const nn_network *net, int node,
                                 int density, nn_status *status) {
  nn_status dummy;
  if (!status) status = &dummy;
  *status = NN_ERR_INVALID;
  if (density < NN_GRID_MIN_DENSITY || density > NN_GRID_MAX_NODE_DENSITY) return NULL;
  if (node < 0 || node >= net->num_nodes) return NULL;
  size_t cells = (size_t)density * density;
  *status = NN_ERR_NOMEM;
  if (!reserve(&cache->out, &cache->out_cap, cells) ||
      !reserve(&cache->scratch, &cache->scratch_cap, nn_grid_node_scratch_size(net)))
    return NULL;
  /* Input slices are kept for the densities a playing page redraws at; a finer one (a still
   * picture at the canvas's size) computes them as it goes rather than hold them all. */
  const float *inputs = NULL;
  if (density <= NN_GRID_MAX_DENSITY) {
    if (cache->density != density) {
      cache->density = 0;
      if (!reserve(&cache->inputs, &cache->inputs_cap, (size_t)net->sizes[0] * cells))
        return NULL;
      nn_grid_inputs(cache->inputs, net, density); /* only the input slices: sizes[0] of them */
      cache->density = density;
    }
    inputs = cache->inputs;
  }
  *status = nn_grid_node(cache->out, inputs, cache->scratch, net, node, density);
  return *status == NN_OK ? cache->out : NULL;
}

const float *nn_grid_classes_cached(nn_grid_node_cache *cache, const nn_network *net,
                                    int density, nn_status *status) {
  /* The same cache; the output slice becomes two (class, probability). */
  nn_status dummy;
  if (!status) status = &dummy;
  size_t cells = (size_t)density * density;
  const float *inputs = nn_grid_node_cached(cache, net, 0, density, status);
  if (!inputs || net->classes < 3) {
    if (inputs) *status = NN_ERR_INVALID;
    return NULL;
  }
  *status = NN_ERR_NOMEM;
  if (!reserve(&cache->out, &cache->out_cap, 2 * cells)) return NULL;
  *status = nn_grid_classes(cache->out, density <= NN_GRID_MAX_DENSITY ? cache->inputs : NULL,
                            cache->scratch, net, density);
  return *status == NN_OK ? cache->out : NULL;
}

void nn_grid_node_cache_free(nn_grid_node_cache *cache) {
  free(cache->out);
  free(cache->scratch);
  free(cache->inputs);
  *cache = (nn_grid_node_cache){0};
}

nn_status nn_grid_eval(float *out, const nn_network *net, int density) {
  nn_status s = nn_grid_inputs(out, net, density);
  return s != NN_OK ? s : nn_grid_forward(out, net, density);
}
