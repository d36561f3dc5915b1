/* bindings_lab.c — what only the lab engine exports (exports-lab.txt): the C side of the panels
 * a page opens on use. The first engine a page loads is built without this file, so none of
 * their code weighs on the first load (wasm-bindings/CMakeLists.txt). */
#include <malloc.h>
#include <stdint.h>

#include "backprop_trace.h"
#include "downhill.h"
#include "experiment.h"
#include "layer_stats.h"
#include "model_export.h"

/* Present only in the lab engine: the JS API asks for it before a lab call. */
int nnw_lab(void) { return 1; }

/* ---- layer statistics (layer_stats.h): create, nn_experiment_layer_stats, read, destroy ---- */

/* Everything JS reads of a run, in one call (a few exports instead of one per field):
 * out[0..1] num_layers, num_points; out[2..3] NN_LAYER_STATS_NUM_LEVELS, _BINS; out[4..11]
 * pointers to sizes, act_q, grad_q, hist_lo, hist_hi, hist, identical, NN_LAYER_STATS_LEVELS. */
void nnw_stats_read(const nn_layer_stats *s, int32_t out[12]) {
  const void *ptrs[8] = {s->sizes, s->act_q, s->grad_q, s->hist_lo, s->hist_hi, s->hist,
                         s->identical, NN_LAYER_STATS_LEVELS};
  out[0] = s->num_layers;
  out[1] = s->num_points;
  out[2] = NN_LAYER_STATS_NUM_LEVELS;
  out[3] = NN_LAYER_STATS_BINS;
  for (int i = 0; i < 8; i++) out[4 + i] = (int32_t)(uintptr_t)ptrs[i];
}

/* ---- the downhill panel (downhill.h) ------------------------------------------------------ */

/* The path of nn_downhill_path into out[2 (steps + 1)] for surface s and optimiser o with these
 * hyperparameters. NN_ERR_INVALID for an unknown s or o, or steps out of range. */
nn_status nnw_downhill_path(int s, int o, double lr, double mu, double rho, double beta1,
                            double beta2, double eps, double x0, double y0, int steps,
                            double *out) {
  if (s < 0 || s >= NN_SURFACE_COUNT || o < 0 || o >= NN_OPT_COUNT) return NN_ERR_INVALID;
  nn_optimizer_opts opts = {(nn_optimizer)o, mu, rho, beta1, beta2, eps};
  return nn_downhill_path((nn_surface)s, &opts, lr, x0, y0, steps, out) ? NN_OK : NN_ERR_INVALID;
}

/* ---- backprop trace (backprop_trace.h): create, nn_experiment_backprop_trace, read, destroy -- */

/* The trace's numbers in one call: out[0..1] num_nodes, num_params; out[2..6] target,
 * prediction, error, error_der, learning_rate; out[7..13] pointers to total, output, output_der,
 * input_der, params, grad, params_after (doubles hold every int and pointer exactly). */
void nnw_trace_read(const nn_backprop_trace *t, double out[14]) {
  const double *ptrs[7] = {t->total, t->output, t->output_der, t->input_der,
                           t->params, t->grad, t->params_after};
  out[0] = t->num_nodes;
  out[1] = t->num_params;
  out[2] = t->target;
  out[3] = t->prediction;
  out[4] = t->error;
  out[5] = t->error_der;
  out[6] = t->learning_rate;
  for (int i = 0; i < 7; i++) out[7 + i] = (double)(uintptr_t)ptrs[i];
}

/* ---- the model files (model_export.h); nn_model_write is exported as it is ---------------- */
/* Exported by exports-model.txt: the served lab engine has them, the one-file page's does not. */

/* Why e's network is not taken away as a model file (a static sentence), or NULL: a perceptron's
 * step output is not a network's, and a non-finite parameter would be written as null. */
const char *nnw_model_refusal(const nn_experiment *e) {
  if (nn_experiment_config(e)->model == NN_MODEL_PERCEPTRON)
    return "a perceptron (model=perceptron) is not exported: its step output is not a network's "
           "output";
  if (!nn_model_params_finite(nn_experiment_network(e)))
    return "the network has non-finite parameters (training diverged): go back to the last "
           "finite epoch first";
  return NULL;
}

/* ---- diagnostics: the leak tests' (the page never asks) ---------------------------------- */

/* Bytes currently allocated by malloc (mallinfo), for leak tests. */
int nnw_heap_bytes_in_use(void) { return (int)mallinfo().uordblks; }
