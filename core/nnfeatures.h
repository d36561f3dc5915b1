/* nnfeatures.h — the input features a network sees (docs/tfp-behaviour.md §4).
 * (Not "features.h": core/ is on the include path and glibc includes its own <features.h>.)
 *
 * Feature values, in TFP's fixed order: x, y, x·x, y·y, x·y, sin(x), sin(y). cosX/cosY are never
 * inputs. A feature is used when its flag is on and `<name>_hide=true` is not set.
 */
#ifndef NN_NNFEATURES_H
#define NN_NNFEATURES_H

#include "config.h"

/* The value of feature f at (x, y), as TFP computes it (sin through nnmath.h). */
double nn_feature_value(nn_feature f, double x, double y);

/* Writes the used features of cfg, in TFP's order, to out; returns how many (0..NN_FEAT_COUNT). */
int nn_features_used(const nn_config *cfg, nn_feature out[NN_FEAT_COUNT]);

/* out[k] = value of feats[k] at (x, y), k < n. */
void nn_features_compute(double *out, const nn_feature *feats, int n, double x, double y);

#endif
