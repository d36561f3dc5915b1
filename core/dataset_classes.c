/* dataset_classes.c — K Gaussian blobs and a K-arm spiral (dataset_classes.h). */
#include "dataset_classes.h"

#include "dataset.h"
#include "nnmath.h"

static const double PI = 3.141592653589793;

/* The first point of class c among n points of k classes. */
static int class_start(int c, int k, int n) { return (int)(((long long)c * n + k - 1) / k); }

int nn_dataset_generate_classes(nn_point *out, nn_dataset_kind kind, int k, int n,
                                double noise, nn_rng *rng) {
  if (k < 3 || k > NN_MAX_CLASSES || n < k) return 0;
  if (kind != NN_DATA_GAUSS && kind != NN_DATA_SPIRAL) return 0;
  /* TFP's gauss variance: d3's linear scale of noise from [0, 0.5] to [0.5, 4], unclamped. */
  double t = noise / 0.5, variance = 0.5 * (1 - t) + 4 * t;
  for (int c = 0; c < k; c++) {
    int first = class_start(c, k, n), m = class_start(c + 1, k, n) - first;
    double angle = 2 * PI * c / k;
    for (int j = 0; j < m; j++) {
      double x, y;
      if (kind == NN_DATA_GAUSS) {
        x = nn_normal_random(rng, 4 * nn_cos(angle), variance);
        y = nn_normal_random(rng, 4 * nn_sin(angle), variance);
      } else {
        double r = (double)j / m * 5, a = 1.75 * j / m * 2 * PI + angle;
        x = r * nn_sin(a) + nn_rng_uniform(rng, -1, 1) * noise;
        y = r * nn_cos(a) + nn_rng_uniform(rng, -1, 1) * noise;
      }
      out[first + j] = (nn_point){x, y, (double)c};
    }
  }
  return n;
}
