/* nnfeatures.c — input features (docs/tfp-behaviour.md §4, playground.ts:65-73). */
#include "nnfeatures.h"

#include "nnmath.h"

double nn_feature_value(nn_feature f, double x, double y) {
  switch (f) {
    case NN_FEAT_X: return x;
    case NN_FEAT_Y: return y;
    case NN_FEAT_X_SQUARED: return x * x;
    case NN_FEAT_Y_SQUARED: return y * y;
    case NN_FEAT_X_TIMES_Y: return x * y;
    case NN_FEAT_SIN_X: return nn_sin(x);
    case NN_FEAT_SIN_Y: return nn_sin(y);
    case NN_FEAT_COUNT: break;
  }
  return 0;
}

int nn_features_used(const nn_config *cfg, nn_feature out[NN_FEAT_COUNT]) {
  int n = 0;
  for (int f = 0; f < NN_FEAT_COUNT; f++)
    if (nn_config_feature_used(cfg, (nn_feature)f)) out[n++] = (nn_feature)f;
  return n;
}

void nn_features_compute(double *out, const nn_feature *feats, int n, double x, double y) {
  for (int k = 0; k < n; k++) out[k] = nn_feature_value(feats[k], x, y);
}
