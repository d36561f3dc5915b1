/* dataset_classes.h — the K-class data sets (3 <= K <= NN_MAX_CLASSES), drawn from the link's
 * seeded stream as TFP's generators are (dataset.h), so a link reproduces them.
 *
 * Point i of n belongs to class c = floor(i * K / n) (classes in order, sizes differing by at
 * most one); its label is c as a double. Noise is the generator's argument (noise / 100).
 *   gauss   K Gaussian blobs, centre c at radius 4 and angle 2 pi c / K (class 0 on the
 *           right): x then y drawn by TFP's normal sampler, with TFP's variance for its two
 *           blobs, d3's scale of noise from [0, 0.5] to [0.5, 4]
 *   spiral  K arms as TFP's two: the arm's j-th of m points at r = j / m * 5,
 *           t = 1.75 * j / m * 2 pi + 2 pi c / K, then x, y plus U(-1, 1) * noise each
 */
#ifndef NN_DATASET_CLASSES_H
#define NN_DATASET_CLASSES_H

#include "config.h"
#include "experiment.h" /* nn_point */
#include "rng.h"

/* Writes the n points of `kind` (NN_DATA_GAUSS or NN_DATA_SPIRAL) with k classes; returns n,
 * or 0 for another kind, k out of 3..NN_MAX_CLASSES or n < k. */
int nn_dataset_generate_classes(nn_point *out, nn_dataset_kind kind, int k, int n,
                                double noise, nn_rng *rng);

#endif
