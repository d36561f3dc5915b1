/* bench_native.c — native engine benchmark for one TFP fixture.
 *
 *   nnplay-bench --fixture path.json [--runs 7] [--epochs 200] [--grids 50] [--density 100]
 *
 * Each run builds the experiment afresh, times `epochs` training epochs (TFP's oneStep: the
 * training pass plus the train/test loss evaluation), then `grids` evaluations of the
 * density x density drawing grid (every node; input slices are cached per density, as in the
 * page). Prints one JSON line with the medians over the runs:
 *   {"fixture": ..., "runs": ..., "epochs": ..., "ms_per_epoch": ..., "density": ...,
 *    "ms_per_grid": ..., "layer_sizes": [...], "num_train": ..., "num_test": ...}
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "experiment.h"
#include "fixture.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int usage(const char *msg) {
  fprintf(stderr, "nnplay-bench: %s\nusage: nnplay-bench --fixture path.json [--runs N] "
                  "[--epochs N] [--grids N] [--density D]\n", msg);
  return 2;
}

int main(int argc, char **argv) {
  const char *path = NULL;
  int runs = 7, epochs = 200, grids = 50, density = 100;
  for (int k = 1; k < argc; k++) {
    int *target = NULL;
    if (strcmp(argv[k], "--fixture") == 0 && k + 1 < argc) { path = argv[++k]; continue; }
    if (strcmp(argv[k], "--runs") == 0) target = &runs;
    else if (strcmp(argv[k], "--epochs") == 0) target = &epochs;
    else if (strcmp(argv[k], "--grids") == 0) target = &grids;
    else if (strcmp(argv[k], "--density") == 0) target = &density;
    if (!target || k + 1 >= argc) return usage("unknown or incomplete argument");
    *target = atoi(argv[++k]);
  }
  if (!path) return usage("--fixture is required");
  if (runs < 1 || runs > 1000 || epochs < 1 || grids < 1) return usage("counts must be >= 1");

  nn_fixture fx;
  char err[256];
  if (!nn_fixture_load(&fx, path, err, sizeof err)) {
    fprintf(stderr, "nnplay-bench: %s\n", err);
    return 1;
  }
  nn_config cfg;
  nn_fixture_config_for_run(&fx, &cfg);

  double *epoch_ms = calloc((size_t)runs, sizeof *epoch_ms);
  double *grid_ms = calloc((size_t)runs, sizeof *grid_ms);
  if (!epoch_ms || !grid_ms) return 1;
  double checksum = 0;
  nn_experiment *e = NULL;
  for (int r = 0; r < runs; r++) {
    nn_status s = nn_experiment_create(&e, &cfg);
    if (s != NN_OK) {
      fprintf(stderr, "nnplay-bench: %s\n", nn_status_message(s));
      return 1;
    }
    double t0 = now_ms();
    if (nn_experiment_train(e, epochs) != NN_OK) return 1;
    double t1 = now_ms();
    epoch_ms[r] = (t1 - t0) / epochs;

    const float *g = nn_experiment_evaluate_grid(e, density, &s); /* warm-up: input slices */
    if (!g) {
      fprintf(stderr, "nnplay-bench: bad density %d\n", density);
      return 1;
    }
    t0 = now_ms();
    for (int k = 0; k < grids; k++) {
      g = nn_experiment_evaluate_grid(e, density, &s);
      checksum += g[(size_t)density * density * (nn_experiment_network(e)->num_nodes - 1)];
    }
    t1 = now_ms();
    grid_ms[r] = (t1 - t0) / grids;
    int rows;
    checksum += nn_experiment_loss_curve(e, &rows)[0];
    nn_experiment_destroy(e);
  }

  printf("{\"fixture\":\"%s\",\"runs\":%d,\"epochs\":%d,\"ms_per_epoch\":%.4f,"
         "\"density\":%d,\"grids\":%d,\"ms_per_grid\":%.4f,\"layer_sizes\":[",
         fx.name, runs, epochs, median(epoch_ms, runs), density, grids, median(grid_ms, runs));
  for (int l = 0; l < fx.num_layers; l++) printf("%s%d", l ? "," : "", fx.layer_sizes[l]);
  printf("],\"num_train\":%d,\"num_test\":%d,\"checksum\":%.6g}\n", fx.num_train, fx.num_test,
         checksum);
  free(epoch_ms);
  free(grid_ms);
  nn_fixture_free(&fx);
  return 0;
}
