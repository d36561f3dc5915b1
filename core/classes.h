/* classes.h — K-class problems (classes=K in a link, 3 <= K <= NN_MAX_CLASSES): the rule
 * between parameters, and what a classifier is judged by: its loss, its accuracy and its
 * confusion matrix.
 *
 * A K-class network has one output node per class (softmax.h); a point's label is its class
 * index 0..K-1 stored as a double, its predicted class the argmax of the output totals (the
 * first on a tie). Two classes keep TFP's labels -1 / +1 and prediction (+1 when the output is
 * >= 0, else -1; a NaN output predicts -1); in a confusion matrix -1 is class 0 and +1 class 1.
 */
#ifndef NN_CLASSES_H
#define NN_CLASSES_H

#include <stdbool.h>

#include "experiment.h"
#include "network.h"
#include "state.h"

/* After a hash is parsed: classes >= 3 needs problem=classification and model=mlp (else 2,
 * with a notice), and a K-class data set: `gauss` (K blobs) or `spiral` (K arms); circle and
 * xor become gauss, with a notice when the link named them (dataset_given). */
void nn_classes_reconcile(nn_config *cfg, bool dataset_given, nn_notices *notices);

/* One pass over n points of a K-class network (no dropout): the mean cross-entropy, summed in
 * order, and the fraction whose predicted class is the label (both NaN for n == 0).
 * Overwrites the node values, as nn_train_evaluate. */
void nn_classes_evaluate(nn_network *net, const double *inputs, const nn_point *pts, int n,
                         double *loss, double *accuracy);

/* Adds each of the n points to matrix[true * k + predicted] (k = 2 for a binary network, the
 * network's K else; the caller zeroes it); a point whose label is no class is left out.
 * Overwrites the node values. */
void nn_classes_confusion(nn_network *net, bool perceptron, const double *inputs,
                          const nn_point *pts, int n, int *matrix);

/* The experiment's confusion matrices now, train then test: k x k ints each (k =
 * nn_experiment_num_classes), rows the true class, columns the predicted one. The node values
 * are left as they were. NN_ERR_INVALID for regression, NN_ERR_NOMEM. */
nn_status nn_experiment_confusion(nn_experiment *e, int *train, int *test);

/* 0 for regression, 2 for two classes, K for K classes. */
int nn_experiment_num_classes(const nn_experiment *e);

/* The big heatmap of a K-class network: for each cell of a density x density grid (as
 * nn_experiment_evaluate_node lays it out) the predicted class as a float, then, in a second
 * slice, that class's probability. 2 <= density <= NN_GRID_MAX_NODE_DENSITY. Owned by the
 * experiment, valid until the next call; NULL (and *status) for a binary network, a bad
 * density or out of memory. Drawing only (float). */
const float *nn_experiment_evaluate_classes(nn_experiment *e, int density, nn_status *status);

#endif
