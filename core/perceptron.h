/* perceptron.h — Rosenblatt's perceptron: one neuron with a step activation, trained by the
 * perceptron learning rule (the lecture's first model, `model=perceptron`).
 *
 * The neuron is an nn_network with no hidden layer (layout [num_inputs, 1], network.h), so the
 * page finds its weights and bias where it finds any network's:
 *   w_i = params[weight_offset[1] + i]  (one per input node, TFP's feature order)
 *   b   = params[bias_offset[1]]        (the weight on a constant 1 input)
 * Its output node's activation is linear (output = total); the step is applied on top:
 *   y' = step(total) = +1 if total >= 0, -1 if total < 0 (NaN stays NaN).
 * The decision boundary is the line b + sum_i w_i x_i = 0; with features x, y it is
 * b + w_x x + w_y y = 0.
 *
 * Initial weights: exactly TFP's for that layout (network.h, nn_network_init_weights): after
 * the data, one draw Math.random() - 0.5 per input from the experiment's seeded stream in
 * feature order, bias 0.1; initZero gives all zeros.
 *
 * Training (nn_perceptron_epoch): one sample at a time, in the training set's (shuffled) order,
 * whatever the batch size:   if y' != y:  w_i <- w_i + lr * (y - y') * x_i,  b <- b + lr * (y - y')
 * (labels are +-1, so y - y' is +-2 on a mistake and the update does nothing otherwise).
 * With `rule=hebb` (nn_perceptron_epoch_hebb), Hebb's rule instead: on EVERY training point,
 * right or wrong,   w_i <- w_i + lr * y * x_i,  b <- b + lr * y
 * (the weights grow with the correlation of input and label; no step of the output is used, so
 * the weights keep moving after an error-free epoch).
 * Regularisation, dropout and optimisers do not apply to the perceptron.
 *
 * Reported per epoch (experiment.h): the number of misclassified training points after the
 * epoch (epoch 0: the initial weights), and as "loss" the FRACTION misclassified (train, test),
 * so the loss chart reads 0..1 (0/0 = NaN for an empty set, as TFP's loss).
 *
 * Non-convergence rule: the data is declared "not linearly separable" by a single perceptron when
 * NN_PERCEPTRON_PATIENCE (50) epochs have been trained and none of epochs 0..50 had 0
 * misclassified training points. It is a verdict about what the rule achieved, not a proof: the
 * perceptron convergence theorem guarantees convergence on separable data, but after a number of
 * mistakes that grows as (R / margin)^2, so a separable set with a tiny margin could in principle
 * be misjudged. Once an epoch has 0 errors no update happens again: converged for good.
 */
#ifndef NN_PERCEPTRON_H
#define NN_PERCEPTRON_H

#include <stddef.h>

#include <stdbool.h>

#include "config.h"
#include "experiment.h" /* nn_point, nn_experiment */
#include "network.h"

enum { NN_PERCEPTRON_PATIENCE = 50 };

/* The step activation: +1 for total >= 0 (including -0), -1 below, NaN for NaN. */
static inline double nn_step(double total) {
  return total != total ? total : (total >= 0 ? 1.0 : -1.0);
}

/* ---- Kernels: pure functions on raw arrays ------------------------------------------------
 * Shapes: w[n_in], in[n_in]; inputs[n][n_in] row-major (feature rows, as train.h);
 * pts[n] (only .label is read). */

/* b + sum_i w[i] * in[i], summed bias first then left to right (as nn_dense_forward). */
double nn_perceptron_total(const double *w, double b, const double *in, int n_in);

/* One pass of the perceptron rule over the n points in order, updating w and *b in place.
 * Returns the number of updates made (mistakes met during the pass). */
int nn_perceptron_epoch(double *w, double *b, const double *inputs, const nn_point *pts, int n,
                        int n_in, double lr);

/* One pass of Hebb's rule over the n points in order (w_i += lr y x_i, b += lr y on each).
 * Returns the number of points whose step(total), before their update, differed from the label. */
int nn_perceptron_epoch_hebb(double *w, double *b, const double *inputs, const nn_point *pts,
                             int n, int n_in, double lr);

/* Points k < n whose step(total) differs from pts[k].label (a NaN output counts as wrong). */
int nn_perceptron_misclassified(const double *w, double b, const double *inputs,
                                const nn_point *pts, int n, int n_in);

/* Fills out[c] = step(out[c]) for c < n: the grid's output slice in perceptron mode. */
void nn_perceptron_step_floats(float *out, size_t n);

/* ---- On a network (layout [num_inputs, 1], see above) ------------------------------------- */

/* Builds the perceptron's network for cfg (a classification config): cfg's used features as
 * inputs, no hidden layer whatever networkShape says, a linear output node. Zeroed parameters;
 * draw them with nn_network_init_weights. Returns false as nn_network_init does. */
bool nn_perceptron_network_init(nn_network *net, const nn_config *cfg);

/* One epoch of `rule` (nn_perceptron_epoch or nn_perceptron_epoch_hebb) on the network's weights
 * and bias; inputs are feature rows (train.h). */
int nn_perceptron_train_epoch(nn_network *net, nn_perceptron_rule rule, const double *inputs,
                              const nn_point *pts, int n, double lr);

/* The perceptron's "loss": row[0] = fraction of the num_train points misclassified,
 * row[1] = the same for the num_test points that follow them in pts/inputs (NaN for an empty
 * set). Returns the number of misclassified training points. Reads the network only. */
int nn_perceptron_evaluate(const nn_network *net, const double *inputs, const nn_point *pts,
                           int num_train, int num_test, double row[2]);

/* ---- Verdict ------------------------------------------------------------------------------ */

typedef enum {
  NN_PERCEPTRON_UNDECIDED,     /* no error-free epoch yet, fewer than PATIENCE epochs trained */
  NN_PERCEPTRON_CONVERGED,     /* some epoch had 0 misclassified training points */
  NN_PERCEPTRON_NOT_SEPARABLE, /* PATIENCE epochs trained, none error-free (rule above) */
} nn_perceptron_verdict;

typedef struct {
  nn_perceptron_verdict verdict;
  int converged_epoch;         /* first epoch with 0 misclassified, or -1 */
  int misclassified;           /* at the last epoch */
} nn_perceptron_report;

/* Applies the rule above to misclassified[0 .. rows) (epochs 0 .. rows-1). rows <= 0 gives
 * UNDECIDED with misclassified -1. */
nn_perceptron_report nn_perceptron_judge(const int *misclassified, int rows);

/* "converged", "not-separable", "undecided": stable ids for JSON and the page. */
const char *nn_perceptron_verdict_name(nn_perceptron_verdict v);

/* One English sentence for the page, e.g. "A single perceptron cannot separate this data: no
 * epoch without errors in 50 epochs." */
const char *nn_perceptron_verdict_text(nn_perceptron_verdict v);

/* ---- On an experiment in perceptron mode (cfg.model == NN_MODEL_PERCEPTRON) ----------------
 * (Defined in experiment.c.) */

/* Misclassified training points after each epoch 0 .. epoch: *rows = epoch + 1 values, owned by
 * the experiment (valid until the next train/reset/regenerate/destroy). NULL (and *rows = 0) in
 * mlp mode. */
const int *nn_experiment_misclassified(const nn_experiment *e, int *rows);

/* nn_perceptron_judge over the experiment's curve; UNDECIDED with -1s in mlp mode. */
nn_perceptron_report nn_experiment_perceptron_report(const nn_experiment *e);

#endif
