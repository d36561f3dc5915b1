/* dataset.h — TFP's six generators, the shuffle and the split (docs/tfp-behaviour.md §3).
 *
 * Every function draws from the stream it is given, in exactly TFP's order, so the points are
 * bit-identical to TFP's (sin/cos/log through nnmath.h). Points are nn_point {x, y, label}.
 * Buffers are the caller's; nothing here allocates.
 */
#ifndef NN_DATASET_H
#define NN_DATASET_H

#include "config.h"
#include "experiment.h" /* nn_point */
#include "rng.h"

enum { NN_NUM_SAMPLES_CLASSIFY = 500, NN_NUM_SAMPLES_REGRESS = 1200 };

/* 500 for the classification kinds, 1200 for reg-plane / reg-gauss (playground.ts:52-53). */
int nn_dataset_num_samples(nn_dataset_kind kind);

/* Generates the points of `kind` into out[0 .. num_samples), drawing from rng. `noise` is the
 * generator's argument (state.noise / 100, never clamped). num_samples is TFP's numSamples
 * (the two-class generators make num_samples/2 points per class); an odd count is rounded down
 * to even. Returns the number of points written (0 for an unknown kind or num_samples < 2). */
int nn_dataset_generate(nn_point *out, nn_dataset_kind kind, int num_samples, double noise,
                        nn_rng *rng);

/* Fisher-Yates from the end, one draw per element (§3.7). */
void nn_dataset_shuffle(nn_point *pts, int n, nn_rng *rng);

/* Where the shuffled array is cut (§3.8): train = [0, k), test = [k, n), where
 * k = floor(n * perc_train / 100) normalised as Array.prototype.slice does it (a negative index
 * counts from the end, NaN is 0, the result is clamped to [0, n]). */
int nn_dataset_split_index(int n, double perc_train);

/* Math.random() draws of one sample of the polar normal sampler, exposed for tests:
 * mean + sqrt(variance) * (sqrt((-2 * log(s)) / s) * v1) (§3.3). */
double nn_normal_random(nn_rng *rng, double mean, double variance);

#endif
