/* classes.c — K-class problems: the rule between parameters, loss, accuracy and confusion
 * (classes.h). */
#include "classes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment_internal.h"
#include "notices.h"
#include "perceptron.h"
#include "softmax.h"

#define LIT(s) (s), sizeof(s) - 1

void nn_classes_reconcile(nn_config *cfg, bool dataset_given, nn_notices *notices) {
  if (cfg->classes <= 2) return;
  char value[16];
  snprintf(value, sizeof value, "%d", cfg->classes);
  if (cfg->problem != NN_PROBLEM_CLASSIFICATION) {
    nn_notice_add(notices, LIT("classes"), value, strlen(value), "more than two classes need "
                  "a classification problem and this is regression; using 2");
    cfg->classes = 2;
    return;
  }
  if (cfg->model != NN_MODEL_MLP) {
    nn_notice_add(notices, LIT("classes"), value, strlen(value), "the perceptron separates "
                  "two classes; using 2");
    cfg->classes = 2;
    return;
  }
  if (cfg->dataset == NN_DATA_GAUSS || cfg->dataset == NN_DATA_SPIRAL) return;
  if (dataset_given) {
    const char *name = nn_dataset_name(cfg->dataset);
    nn_notice_add(notices, LIT("dataset"), name, strlen(name), "has two classes; with "
                  "classes=%d using gauss (%d Gaussian blobs)", cfg->classes, cfg->classes);
  }
  cfg->dataset = NN_DATA_GAUSS;
}

enum { BLOCK = 64 }; /* points per batched forward pass */

void nn_classes_evaluate(nn_network *net, const double *inputs, const nn_point *pts, int n,
                         double *loss, double *accuracy) {
  double outs[BLOCK * NN_MAX_CLASSES];
  int k = net->classes, correct = 0;
  double sum = 0;
  for (int start = 0; start < n; start += BLOCK) {
    int m = n - start < BLOCK ? n - start : BLOCK;
    nn_network_forward_batch(net, inputs + (size_t)start * net->sizes[0], m, outs);
    for (int p = 0; p < m; p++) { /* summed in stored order */
      const double *t = outs + (size_t)p * k;
      int y = nn_class_of_label(pts[start + p].label, k);
      sum += nn_softmax_cross_entropy(t, k, y);
      correct += y >= 0 && nn_argmax(t, k) == y;
    }
  }
  *loss = sum / n; /* 0 / 0 = NaN for an empty set */
  *accuracy = n > 0 ? (double)correct / n : NAN;
}

void nn_classes_confusion(nn_network *net, bool perceptron, const double *inputs,
                          const nn_point *pts, int n, int *matrix) {
  double outs[BLOCK * NN_MAX_CLASSES];
  int k = net->classes >= 3 ? net->classes : 2, width = net->sizes[net->num_layers - 1];
  for (int start = 0; start < n; start += BLOCK) {
    int m = n - start < BLOCK ? n - start : BLOCK;
    nn_network_forward_batch(net, inputs + (size_t)start * net->sizes[0], m, outs);
    for (int p = 0; p < m; p++) {
      const double *t = outs + (size_t)p * width;
      double label = pts[start + p].label;
      int truth, predicted;
      if (k >= 3) {
        truth = nn_class_of_label(label, k);
        predicted = nn_argmax(t, k);
      } else { /* -1 is class 0, +1 class 1; the perceptron's step is TFP's sign rule too */
        truth = label == 1 ? 1 : label == -1 ? 0 : -1;
        predicted = (perceptron ? nn_step(t[0]) : t[0]) >= 0 ? 1 : 0;
      }
      if (truth >= 0) matrix[truth * k + predicted]++;
    }
  }
}

int nn_experiment_num_classes(const nn_experiment *e) { return nn_config_num_classes(&e->cfg); }

nn_status nn_experiment_confusion(nn_experiment *e, int *train, int *test) {
  int k = e ? nn_experiment_num_classes(e) : 0;
  if (k == 0 || !train || !test) return NN_ERR_INVALID;
  memset(train, 0, (size_t)k * k * sizeof *train);
  memset(test, 0, (size_t)k * k * sizeof *test);
  /* The node values (the last forward pass) are put back: what the page shows of them, and a
   * saved training state, stay as training left them. */
  size_t nodes = (size_t)e->net.num_nodes;
  double *keep = malloc(2 * nodes * sizeof *keep + 1);
  if (!keep) return NN_ERR_NOMEM;
  memcpy(keep, e->net.total, nodes * sizeof *keep);
  memcpy(keep + nodes, e->net.output, nodes * sizeof *keep);
  bool perceptron = e->cfg.model == NN_MODEL_PERCEPTRON;
  int stride = e->net.sizes[0];
  nn_classes_confusion(&e->net, perceptron, e->inputs, e->points, e->num_train, train);
  nn_classes_confusion(&e->net, perceptron, e->inputs + (size_t)e->num_train * stride,
                       e->points + e->num_train, e->num_test, test);
  memcpy(e->net.total, keep, nodes * sizeof *keep);
  memcpy(e->net.output, keep + nodes, nodes * sizeof *keep);
  free(keep);
  return NN_OK;
}

const float *nn_experiment_evaluate_classes(nn_experiment *e, int density, nn_status *status) {
  nn_status dummy;
  if (!status) status = &dummy;
  if (!e) {
    *status = NN_ERR_INVALID;
    return NULL;
  }
  return nn_grid_classes_cached(&e->node_grid, &e->net, density, status);
}
