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

/* LANES floats; loads and stores through memcpy, so no alignment is assumed. Plain C: gcc and
 * clang lower four lanes to SSE natively and to SIMD128 in wasm (-msimd128). Wasm without SIMD
 * would spell each four-lane operation as four scalar ones (larger code, no faster), so there a
 * vector is one float: the same operations per cell, so the same bits. A comparison of two vecf gives a veci lane mask (all ones or zero). */
#if defined(__wasm__) && !defined(__wasm_simd128__)
#define LANES 1
#else
#define LANES 4
#endif
typedef float vecf __attribute__((vector_size(LANES * sizeof(float))));
typedef int32_t veci __attribute__((vector_size(LANES * sizeof(float))));
static inline vecf loadv(const float *p) {
  vecf v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline void storev(float *p, vecf v) { memcpy(p, &v, sizeof v); }
static inline vecf splatv(float f) {
#if LANES == 4
  return (vecf){f, f, f, f};
#else
  return (vecf){f};
#endif
}
static inline vecf selectv(veci m, vecf a, vecf b) { /* m ? a : b, lane by lane */
  return (vecf)((m & (veci)a) | (~m & (veci)b));
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
  uint32_t bits = (uint32_t)(k + 127) << 23;
  float two_k;
  memcpy(&two_k, &bits, sizeof two_k);
  return p * two_k;
}

/* tanh(x) ~ x P(x^2) / Q(x^2) with P of degree 4 and Q monic of degree 4: the minimax fit of
 * tanh on [0, 9] (absolute error 1.8e-8; float rounding brings the worst to ~4.2e-7). The clamp
 * is the first float from which the fit evaluates to 1.0f exactly, so +-Infinity give +-1 and
 * x^2 cannot overflow; a NaN passes both comparisons false and comes out NaN. 20 vector ops. */
static inline vecf tanhv(vecf x) {
  const vecf clamp = splatv(8.5000019f);
#ifdef __wasm_simd128__ /* pmin/pmax: one instruction each, where NaN-propagating min/max are several */
  x = __builtin_wasm_pmax_f32x4(__builtin_wasm_pmin_f32x4(x, clamp), -clamp);
#else /* the same: b < a ? b : a, then a < b ? b : a */
  x = selectv(x > clamp, clamp, x);
  x = selectv(x < -clamp, -clamp, x);
#endif
  vecf t = x * x;
  vecf p = splatv(0.0171164425f);
  p = p * t + 26.577607f;
  p = p * t + 4526.46585f;
  p = p * t + 173617.993f;
  p = p * t + 1298253.35f;
  vecf q = t + 424.708555f;
  q = q * t + 33549.4345f;
  q = q * t + 606368.677f;
  q = q * t + 1298253.47f;
  return x * p / q;
}

/* 1 / (1 + e^-x) = (1 + tanh(x / 2)) / 2, exactly so in float but for the rounding of the
 * last addition: half tanhv's error, 0 and 1 beyond |x| = 17. */
static inline vecf sigmoidv(vecf x) { return 0.5f * tanhv(0.5f * x) + 0.5f; }

float nn_fast_tanhf(float x) { return tanhv(splatv(x))[0]; }
float nn_fast_sigmoidf(float x) { return sigmoidv(splatv(x))[0]; }

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

/* v[c] = act(v[c]) for c < n, as the drawing path computes it: four cells at a time, the last
 * n % LANES through a padded copy, so each activation's code is there once. A sigmoid is tanhv's
 * loop between a halving and (1 + t) / 2: the bits of sigmoidv. */
/* Never inlined, so the engines with and without SIMD have the same functions in the same order:
 * nnplay.html carries the second as a byte delta from the first. */
__attribute__((noinline)) static void activate(float *v, size_t n, nn_activation act) {
  const vecf zero = splatv(0), half = splatv(0.5f);
  size_t whole = n - n % LANES, c;
  int sigmoid = act == NN_ACT_SIGMOID;
  if (act == NN_ACT_ELU || act == NN_ACT_SOFTPLUS || act == NN_ACT_SWISH) {
    for (c = 0; c < n; c++) v[c] = (float)nn_act_value(act, v[c]); /* nnplay's own, rounded */
    return;
  }
  if (sigmoid)
    for (c = 0; c < whole; c += LANES) storev(v + c, half * loadv(v + c));
  if (sigmoid || act == NN_ACT_TANH)
    for (c = 0; c < whole; c += LANES) storev(v + c, tanhv(loadv(v + c)));
  if (sigmoid)
    for (c = 0; c < whole; c += LANES) storev(v + c, half * loadv(v + c) + half);
  if (act == NN_ACT_RELU) /* NaN stays NaN */
    for (c = 0; c < whole; c += LANES) {
      vecf x = loadv(v + c);
      storev(v + c, selectv((x > zero) | (x != x), x, zero));
    }
  if (act == NN_ACT_LEAKY_RELU)
    for (c = 0; c < whole; c += LANES) {
      vecf x = loadv(v + c);
      storev(v + c, selectv(x > zero, x, 0.01f * x));
    }
  if (whole < n) {
    float pad[LANES] = {0};
    memcpy(pad, v + whole, (n - whole) * sizeof *v);
    activate(pad, LANES, act);
    memcpy(v + whole, pad, (n - whole) * sizeof *v);
  }
}

/* Cells a weighted sum keeps in registers while it runs over the inputs. */
enum { SUM_BLOCK = 4 * LANES };

/* For two neurons at once (sharing each load of an input), over cells c < n:
 *   dst_k[c] = act(b_k + w[0][k] * src[0][c] + w[1][k] * src[1][c] + ...),  k = 0, 1,
 * with the sum added left to right in float, TFP's order per cell: blocks of SUM_BLOCK cells
 * keep the sums in registers across all inputs and only reorder operations between cells, so
 * every cell's bits are those of the plain loop. src[i] starts at in + i * stride; w holds the
 * pairs w[i][0], w[i][1] (float). dst1 may equal dst0 (a lone neuron computed twice). */
static void neuron_pair(float *dst0, float *dst1, const float *in, size_t stride, size_t n,
                        const float *w, int n_in, float b0, float b1, nn_activation act) {
  size_t c = 0;
  for (; c + SUM_BLOCK <= n; c += SUM_BLOCK) {
    vecf a0 = splatv(b0), a1 = a0, a2 = a0, a3 = a0;
    vecf e0 = splatv(b1), e1 = e0, e2 = e0, e3 = e0;
    for (int i = 0; i < n_in; i++) {
      const float *src = in + (size_t)i * stride + c;
      vecf x0 = loadv(src), x1 = loadv(src + LANES), x2 = loadv(src + 2 * LANES),
         x3 = loadv(src + 3 * LANES);
      vecf w0 = splatv(w[2 * i]), w1 = splatv(w[2 * i + 1]);
      a0 = a0 + w0 * x0;
      a1 = a1 + w0 * x1;
      a2 = a2 + w0 * x2;
      a3 = a3 + w0 * x3;
      e0 = e0 + w1 * x0;
      e1 = e1 + w1 * x1;
      e2 = e2 + w1 * x2;
      e3 = e3 + w1 * x3;
    }
    storev(dst0 + c, a0);
    storev(dst0 + c + LANES, a1);
    storev(dst0 + c + 2 * LANES, a2);
    storev(dst0 + c + 3 * LANES, a3);
    storev(dst1 + c, e0);
    storev(dst1 + c + LANES, e1);
    storev(dst1 + c + 2 * LANES, e2);
    storev(dst1 + c + 3 * LANES, e3);
  }
  for (; c < n; c++) { /* the tile's last cells, one at a time */
    float s0 = b0, s1 = b1;
    for (int i = 0; i < n_in; i++) {
      float x = in[(size_t)i * stride + c];
      s0 = s0 + w[2 * i] * x;
      s1 = s1 + w[2 * i + 1] * x;
    }
    dst0[c] = s0;
    dst1[c] = s1;
  }
  activate(dst0, n, act);
  if (dst1 != dst0) activate(dst1, n, act);
}

/* One tile of n cells through layers 1..last_layer. Node k's values for the tile start at
 * buf + k * stride (the input nodes' already filled). Neurons go two by two; an odd last one
 * is computed as its own pair. */
static void tile_forward(float *buf, size_t stride, size_t n, const nn_network *net,
                         int last_layer) {
  float w[2 * NN_MAX_NEURONS];
  for (int l = 1; l <= last_layer; l++) {
    int n_out = net->sizes[l], n_in = net->sizes[l - 1];
    const double *wl = net->params + net->weight_offset[l];
    const double *b = net->params + net->bias_offset[l];
    const float *in = buf + (size_t)net->node_offset[l - 1] * stride;
    nn_activation act =
        l == net->num_layers - 1 ? net->output_activation : net->hidden_activation;
    for (int j = 0; j < n_out; j += 2) {
      int k = j + 1 < n_out ? j + 1 : j;
      for (int i = 0; i < n_in; i++) {
        w[2 * i] = (float)wl[(size_t)j * n_in + i];
        w[2 * i + 1] = (float)wl[(size_t)k * n_in + i];
      }
      float *dst = buf + (size_t)(net->node_offset[l] + j) * stride;
      neuron_pair(dst, dst + (size_t)(k - j) * stride, in, stride, n, w, n_in, (float)b[j],
                  (float)b[k], act);
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
