/* grid.h — every node's output over a density x density grid of [-6, 6]², for drawing.
 *
 * Layout: node k (network order, input nodes included) owns the slice out[k*d*d .. (k+1)*d*d);
 * inside a slice, cell (r, c) is at r*d + c, row 0 at y = +6 (top of the screen), column 0 at
 * x = -6. Coordinates are d3's linear scale of the index, as TFP's heatmap computes them:
 * x_c = nn_grid_coord(c, d), y_r = nn_grid_coord(d - 1 - r, d).
 *
 * This is a DRAWING path: float arithmetic and a rational approximation of tanh and sigmoid
 * (worst absolute error 4.2e-7 and 2.1e-7, tested below 1e-6), summation in TFP's order.
 * Training never reads it.
 * The plain double forward (network.h) is the reference it is tested against.
 */
#ifndef NN_GRID_H
#define NN_GRID_H

#include <stddef.h>

#include "experiment.h" /* nn_status */
#include "network.h"

enum { NN_GRID_MIN_DENSITY = 2, NN_GRID_MAX_DENSITY = 200 };
/* One node alone may be drawn finer: a heatmap at its canvas's device-pixel size. */
enum { NN_GRID_MAX_NODE_DENSITY = 2048 };
/* Cells per tile: the forward pass runs tile by tile through all layers. */
enum { NN_GRID_TILE = 256 };

/* -6 * (1 - t) + 6 * t with t = i / (density - 1). */
double nn_grid_coord(int i, int density);

/* Floats needed for every node's slice: num_nodes * density * density; 0 for a bad density. */
size_t nn_grid_size(const nn_network *net, int density);

/* Fills the input nodes' slices (feature values at each cell, computed in double through
 * nnmath.h and rounded to float). They depend only on the density and the input features, so
 * a caller may compute them once per density. NN_ERR_INVALID for a density outside
 * [NN_GRID_MIN_DENSITY, NN_GRID_MAX_DENSITY]; out must hold nn_grid_size floats. */
nn_status nn_grid_inputs(float *out, const nn_network *net, int density);

/* Fills every non-input slice from the input slices already in out (fast float forward). */
nn_status nn_grid_forward(float *out, const nn_network *net, int density);

/* nn_grid_inputs then nn_grid_forward. */
nn_status nn_grid_eval(float *out, const nn_network *net, int density);

/* Floats of scratch nn_grid_node needs: num_nodes * NN_GRID_TILE. */
size_t nn_grid_node_scratch_size(const nn_network *net);

/* Node `node`'s output (network order, 0..num_nodes-1) over the density x density grid, into
 * out (density² floats, cells as in a slice above); 2 <= density <= NN_GRID_MAX_NODE_DENSITY.
 * `inputs`: the input slices at this density as nn_grid_inputs lays them out, or NULL to compute
 * the features cell by cell (no density² x inputs buffer; slower per cell). Only the layers up
 * to the node's are computed. The arithmetic is nn_grid_forward's, so out equals the node's
 * slice of nn_grid_eval bit for bit. NN_ERR_INVALID for a bad density or node. */
nn_status nn_grid_node(float *out, const float *inputs, float *scratch, const nn_network *net,
                       int node, int density);

/* A caller's buffers for nn_grid_node, kept between calls: the output slice, the scratch, and
 * the input slices of the last density (cached only up to NN_GRID_MAX_DENSITY). Zero-initialise;
 * set density to 0 when the features may have changed; free with nn_grid_node_cache_free. */
typedef struct {
  float *out, *scratch, *inputs;
  size_t out_cap, scratch_cap, inputs_cap;
  int density; /* of the cached input slices; 0: none */
} nn_grid_node_cache;

/* nn_grid_node through the cache: returns the slice (owned by the cache, valid until the next
 * call) or NULL with *status NN_ERR_INVALID / NN_ERR_NOMEM. */
const float *nn_grid_node_cached(nn_grid_node_cache *cache, const nn_network *net, int node,
                                 int density, nn_status *status);
void nn_grid_node_cache_free(nn_grid_node_cache *cache);

/* A K-class network's (net->classes >= 3) predicted class at each cell (as a float) into
 * out[0 .. d²), and the softmax probability of that class into out[d² .. 2d²): the output
 * nodes' totals as nn_grid_node gives them, then a float softmax. `inputs` and `scratch` as
 * for nn_grid_node. NN_ERR_INVALID for a bad density or a network without classes. */
nn_status nn_grid_classes(float *out, const float *inputs, float *scratch, const nn_network *net,
                          int density);

/* nn_grid_classes through the cache (its output slice holds both halves). */
const float *nn_grid_classes_cached(nn_grid_node_cache *cache, const nn_network *net,
                                    int density, nn_status *status);

/* The approximations used by the grid (exposed for tests): NaN stays NaN, +-Infinity saturate. */
float nn_fast_tanhf(float x);
float nn_fast_sigmoidf(float x);

#endif
