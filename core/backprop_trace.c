/* backprop_trace.c — one sample's forward, backward and update, recorded (backprop_trace.h). */
#include "backprop_trace.h"

#include <stdlib.h>
#include <string.h>

#include "loss.h"
#include "nnfeatures.h"
#include "optimizer.h"
#include "train.h"

/* Sizes the trace for a network of `nodes` nodes and `params` parameters (one block). */
static bool trace_reserve(nn_backprop_trace *t, int nodes, int params) {
  if (t->total && t->num_nodes == nodes && t->num_params == params) return true;
  size_t nn = (size_t)nodes, np = (size_t)params;
  double *block = calloc(4 * nn + 3 * np + 1, sizeof *block);
  if (!block) return false;
  free(t->total);
  t->num_nodes = nodes;
  t->num_params = params;
  t->total = block;
  t->output = block + nn;
  t->output_der = block + 2 * nn;
  t->input_der = block + 3 * nn;
  t->params = block + 4 * nn;
  t->grad = t->params + np;
  t->params_after = t->grad + np;
  return true;
}

nn_status nn_backprop_trace_run(nn_backprop_trace *t, const nn_network *net,
                                const nn_config *cfg, const double *input, double target) {
  if (!t || !net || !cfg || !input || cfg->model != NN_MODEL_MLP) return NN_ERR_INVALID;
  if (nn_config_num_classes(cfg) >= 3) return NN_ERR_INVALID; /* one output node only */
  int sizes[NN_MAX_HIDDEN_LAYERS + 2];
  int layers = nn_network_layout(cfg, sizes);
  if (layers != net->num_layers) return NN_ERR_INVALID;
  for (int l = 0; l < layers; l++)
    if (sizes[l] != net->sizes[l]) return NN_ERR_INVALID;

  /* A private network of the same layout: training's own forward/backward/update run on it. */
  nn_network work;
  if (!nn_network_init(&work, cfg)) return NN_ERR_NOMEM;
  if (work.num_params != net->num_params || work.num_nodes != net->num_nodes ||
      work.output_activation != net->output_activation ||
      work.hidden_activation != net->hidden_activation) {
    nn_network_free(&work);
    return NN_ERR_INVALID;
  }
  if (!trace_reserve(t, net->num_nodes, net->num_params)) {
    nn_network_free(&work);
    return NN_ERR_NOMEM;
  }
  size_t np = (size_t)net->num_params, nn = (size_t)net->num_nodes;
  nn_network_copy_values(&work, net); /* parameters, dead links, optimiser state */
  /* Start of a batch: nothing accumulated, no node values from earlier passes. */
  memset(work.grad, 0, np * sizeof *work.grad);
  memset(work.acc_count, 0, nn * sizeof *work.acc_count);
  memset(work.total, 0, nn * sizeof *work.total);
  memset(work.output, 0, nn * sizeof *work.output);
  memset(work.output_der, 0, nn * sizeof *work.output_der);
  memset(work.input_der, 0, nn * sizeof *work.input_der);

  nn_loss_kind loss = nn_config_loss_kind(cfg);
  double out = nn_network_forward(&work, input);
  t->target = target;
  t->prediction = out;
  t->error = nn_loss_error(loss, out, target);
  t->error_der = nn_loss_der(loss, out, target);
  nn_network_backward(&work, t->error_der);

  memcpy(t->total, work.total, nn * sizeof *t->total);
  memcpy(t->output, work.output, nn * sizeof *t->output);
  memcpy(t->output_der, work.output_der, nn * sizeof *t->output_der);
  memcpy(t->input_der, work.input_der, nn * sizeof *t->input_der);
  for (int i = 0; i < net->sizes[0]; i++) t->total[i] = t->output[i]; /* inputs: no activation */
  memcpy(t->params, work.params, np * sizeof *t->params);
  memcpy(t->grad, work.grad, np * sizeof *t->grad);

  /* One batch-1 step, exactly as training takes it after this sample. */
  nn_train_opts opts = nn_train_opts_from_config(cfg);
  t->learning_rate = opts.learning_rate;
  nn_network_update_opt(&work, &opts.optimizer, opts.learning_rate, opts.regularization,
                        opts.regularization_rate);
  memcpy(t->params_after, work.params, np * sizeof *t->params_after);

  nn_network_free(&work);
  return NN_OK;
}

nn_status nn_experiment_backprop_trace(const nn_experiment *e, int point, nn_backprop_trace *t) {
  if (!e || !t) return NN_ERR_INVALID;
  int count;
  const nn_point *pts = nn_experiment_train_points(e, &count);
  if (point < 0 || point >= count) return NN_ERR_INVALID;
  const nn_network *net = nn_experiment_network(e);
  double input[NN_FEAT_COUNT];
  /* The same feature values training computes for this point (nnfeatures.h). */
  nn_features_compute(input, net->input_features, net->sizes[0], pts[point].x, pts[point].y);
  return nn_backprop_trace_run(t, net, nn_experiment_config(e), input, pts[point].label);
}

void nn_backprop_trace_free(nn_backprop_trace *t) {
  if (!t) return;
  free(t->total); /* every array lives in this block */
  memset(t, 0, sizeof *t);
}

nn_backprop_trace *nn_backprop_trace_create(void) { return calloc(1, sizeof(nn_backprop_trace)); }

void nn_backprop_trace_destroy(nn_backprop_trace *t) {
  nn_backprop_trace_free(t);
  free(t);
}
