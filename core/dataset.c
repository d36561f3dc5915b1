/* dataset.c — generators, shuffle and split, in TFP's exact operation order
 * (docs/tfp-behaviour.md §3, dataset.ts). Formulas are written as TFP evaluates them, not simplified:
 * d3's linear scales are t = (v - d0) / (d1 - d0), r0 * (1 - t) + r1 * t. */
#include "dataset.h"

#include <math.h>

#include "nnmath.h"

static const double PI = 3.141592653589793;

/* d3.scale.linear().domain([d0, d1]).range([r0, r1]) (optionally .clamp(true)). */
static double d3_linear(double v, double d0, double d1, double r0, double r1, int clamp) {
  double t = (v - d0) / (d1 - d0);
  if (clamp) t = nn_js_max(0, nn_js_min(1, t));
  return r0 * (1 - t) + r1 * t;
}

static double dist(double ax, double ay, double bx, double by) {
  double dx = ax - bx, dy = ay - by;
  return sqrt(dx * dx + dy * dy);
}

int nn_dataset_num_samples(nn_dataset_kind kind) {
  return (kind == NN_DATA_REG_PLANE || kind == NN_DATA_REG_GAUSS) ? NN_NUM_SAMPLES_REGRESS
                                                                   : NN_NUM_SAMPLES_CLASSIFY;
}

double nn_normal_random(nn_rng *rng, double mean, double variance) {
  double v1, v2, s;
  do {
    v1 = 2 * nn_rng_next(rng) - 1;
    v2 = 2 * nn_rng_next(rng) - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  double result = sqrt(-2 * nn_log(s) / s) * v1;
  return mean + sqrt(variance) * result;
}

/* §3.1: radius 5, inner disc then outer ring; the label uses the jittered point. */
static int gen_circle(nn_point *out, int num_samples, double noise, nn_rng *rng) {
  const double radius = 5;
  int n = 0;
  for (int half = 0; half < 2; half++) {
    for (int i = 0; 2 * i < num_samples; i++) { /* i < numSamples / 2 */
      double r = half == 0 ? nn_rng_uniform(rng, 0, radius * 0.5)
                           : nn_rng_uniform(rng, radius * 0.7, radius);
      double angle = nn_rng_uniform(rng, 0, 2 * PI);
      double x = r * nn_sin(angle);
      double y = r * nn_cos(angle);
      double noise_x = nn_rng_uniform(rng, -radius, radius) * noise;
      double noise_y = nn_rng_uniform(rng, -radius, radius) * noise;
      double label = dist(x + noise_x, y + noise_y, 0, 0) < radius * 0.5 ? 1 : -1;
      out[n++] = (nn_point){x, y, label};
    }
  }
  return n;
}

/* §3.2 */
static int gen_xor(nn_point *out, int num_samples, double noise, nn_rng *rng) {
  const double padding = 0.3;
  for (int i = 0; i < num_samples; i++) {
    double x = nn_rng_uniform(rng, -5, 5);
    x += x > 0 ? padding : -padding;
    double y = nn_rng_uniform(rng, -5, 5);
    y += y > 0 ? padding : -padding;
    double noise_x = nn_rng_uniform(rng, -5, 5) * noise;
    double noise_y = nn_rng_uniform(rng, -5, 5) * noise;
    double label = (x + noise_x) * (y + noise_y) >= 0 ? 1 : -1;
    out[i] = (nn_point){x, y, label};
  }
  return num_samples;
}

/* §3.3: two Gaussians, variance from d3 [0, 0.5] -> [0.5, 4]. */
static int gen_gauss(nn_point *out, int num_samples, double noise, nn_rng *rng) {
  double variance = d3_linear(noise, 0, 0.5, 0.5, 4, 0);
  const double centres[2][3] = {{2, 2, 1}, {-2, -2, -1}};
  int n = 0;
  for (int c = 0; c < 2; c++) {
    for (int i = 0; 2 * i < num_samples; i++) {
      double x = nn_normal_random(rng, centres[c][0], variance);
      double y = nn_normal_random(rng, centres[c][1], variance);
      out[n++] = (nn_point){x, y, centres[c][2]};
    }
  }
  return n;
}

/* §3.4: two arms; here noise moves the points. */
static int gen_spiral(nn_point *out, int num_samples, double noise, nn_rng *rng) {
  double n_arm = num_samples / 2.0;
  int n = 0;
  for (int arm = 0; arm < 2; arm++) {
    double delta_t = arm == 0 ? 0 : PI;
    double label = arm == 0 ? 1 : -1;
    for (int i = 0; i < n_arm; i++) {
      double r = i / n_arm * 5;
      double t = 1.75 * i / n_arm * 2 * PI + delta_t;
      double x = r * nn_sin(t) + nn_rng_uniform(rng, -1, 1) * noise;
      double y = r * nn_cos(t) + nn_rng_uniform(rng, -1, 1) * noise;
      out[n++] = (nn_point){x, y, label};
    }
  }
  return n;
}

/* §3.5: the plane's value, d3's linear scale of x + y from [-10, 10] to [-1, 1], unclamped. */
static double reg_plane_label(double x, double y) { return d3_linear(x + y, -10, 10, -1, 1, 0); }

/* §3.6: six bumps; the label with the strictly largest |value| wins, in list order. */
static double reg_gauss_label(double x, double y) {
  static const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                     {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (int b = 0; b < 6; b++) {
    double v = bumps[b][2] * d3_linear(dist(x, y, bumps[b][0], bumps[b][1]), 0, 2, 1, 0, 1);
    if (fabs(v) > fabs(label)) label = v;
  }
  return label;
}

/* §3.5-3.6: both regression sets draw x, y and their noise the same way; the point stays clean
 * and only its label is read at the jittered position. */
static int gen_regression(nn_point *out, int num_samples, double noise, nn_rng *rng,
                          double (*label_at)(double x, double y)) {
  const double radius = 6;
  for (int i = 0; i < num_samples; i++) {
    double x = nn_rng_uniform(rng, -radius, radius);
    double y = nn_rng_uniform(rng, -radius, radius);
    double noise_x = nn_rng_uniform(rng, -radius, radius) * noise;
    double noise_y = nn_rng_uniform(rng, -radius, radius) * noise;
    out[i] = (nn_point){x, y, label_at(x + noise_x, y + noise_y)};
  }
  return num_samples;
}

int nn_dataset_generate(nn_point *out, nn_dataset_kind kind, int num_samples, double noise,
                        nn_rng *rng) {
  num_samples &= ~1; /* two-class generators would make one point too many */
  if (num_samples <= 0) return 0;
  switch (kind) {
    case NN_DATA_CIRCLE: return gen_circle(out, num_samples, noise, rng);
    case NN_DATA_XOR: return gen_xor(out, num_samples, noise, rng);
    case NN_DATA_GAUSS: return gen_gauss(out, num_samples, noise, rng);
    case NN_DATA_SPIRAL: return gen_spiral(out, num_samples, noise, rng);
    case NN_DATA_REG_PLANE: return gen_regression(out, num_samples, noise, rng, reg_plane_label);
    case NN_DATA_REG_GAUSS: return gen_regression(out, num_samples, noise, rng, reg_gauss_label);
    case NN_DATA_COUNT: break;
  }
  return 0;
}

void nn_dataset_shuffle(nn_point *pts, int n, nn_rng *rng) {
  int counter = n;
  while (counter > 0) {
    int index = (int)floor(nn_rng_next(rng) * counter);
    counter--;
    nn_point tmp = pts[counter];
    pts[counter] = pts[index];
    pts[index] = tmp;
  }
}

int nn_dataset_split_index(int n, double perc_train) {
  double k = floor((n * perc_train) / 100);
  if (k != k) return 0;
  if (k < 0) k = k + n < 0 ? 0 : k + n;
  return k > n ? n : (int)k;
}
