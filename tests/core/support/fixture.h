/* fixture.h — the TFP golden fixtures (tests/fixtures/tfp, format tfp-golden-fixture/1) as C
 * data, for tests and tools.
 *
 * nn_fixture_load() parses one JSON file with cJSON and converts what the engine needs:
 *   - `state` directly into an nn_config (core/state.c is NOT used, so the parser can be tested
 *     against these same files independently);
 *   - `derived`, `train`, `test`, `network`, `network_after_1` and `loss_curve` into plain arrays
 *     (the strings "NaN", "Infinity" and "-Infinity" become the non-finite doubles);
 *   - `grid_after_100` into a 7x7 array.
 * Everything else stays reachable through fx->root (owned by the fixture).
 *
 * Networks use core/network.h's parameter layout, so a test can compare a fixture network with
 * nn_network.params directly (nn_same_double per element).
 *
 * Errors are return values: a function that can fail returns false / -1 and writes a message to
 * the caller's buffer. Nothing here aborts.
 */
#ifndef NN_TEST_FIXTURE_H
#define NN_TEST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "experiment.h"
#include "network.h"

enum { NN_FX_GRID = 7, NN_FX_ID_LEN = 15 };

/* A network as the fixtures record it: one node object {id, bias, weights[, dead]} per node. */
typedef struct {
  int num_layers;                      /* layers including the input layer (= derived) */
  int sizes[NN_MAX_HIDDEN_LAYERS + 2]; /* inferred from the node objects */
  int weight_offset[NN_MAX_HIDDEN_LAYERS + 2], bias_offset[NN_MAX_HIDDEN_LAYERS + 2];
  int num_params;
  double *params;                      /* network.h layout: per layer W (out, in), then b */
  uint8_t *dead;                       /* parallel to params; all 0 when no `dead` is given */
  int num_ids;                         /* non-input nodes */
  char (*ids)[NN_FX_ID_LEN + 1];       /* TFP's node ids ("1", "2", ...), network order */
} nn_fixture_network;

typedef struct {
  char *path;                 /* as given to nn_fixture_load (copy) */
  cJSON *root;                /* the whole document */
  const char *name;           /* `name` (points into root) */
  const char *hash;           /* `hash`, the URL fragment without '#' (points into root) */
  bool seed_in_hash;
  bool has_unseeded_random;   /* `unseeded_random` is a number (seedless hashes) */
  double unseeded_random;

  /* `state` converted. cfg.seed is the seed TFP used (`state.seed`), even for seedless hashes;
   * use nn_fixture_config_for_run to get the config a link would give (seed drawn). */
  nn_config cfg;
  const char *state_seed;     /* `state.seed` (points into root) */

  /* `derived` */
  int num_inputs;
  nn_feature input_ids[NN_FEAT_COUNT];
  int num_layers;                       /* length of layer_sizes */
  int layer_sizes[NN_MAX_HIDDEN_LAYERS + 2];
  nn_activation output_activation;
  int num_samples;
  double generator_noise_argument;
  int split_index, num_train, num_test;
  nn_draw_counts math_random_draws;

  /* `train`, `test` */
  nn_point *train, *test;
  int train_count, test_count;

  nn_fixture_network network;           /* initial */
  nn_fixture_network network_after_1;   /* after one epoch (dead flags when L1 killed links) */

  /* `loss_curve`: rows x [train, test], rows = 301 (epochs 0..300) */
  int loss_rows;
  double *loss_curve;

  /* `grid_after_100`: values[r][c] at x = xs[c], y = ys[r] (row 0 at y = +6) */
  bool has_grid;
  double grid_xs[NN_FX_GRID], grid_ys[NN_FX_GRID], grid[NN_FX_GRID][NN_FX_GRID];
} nn_fixture;

/* Loads and converts one fixture. On failure returns false, writes a message to err (capacity
 * errcap, may be 0) and leaves *fx freed. On success the caller frees with nn_fixture_free. */
bool nn_fixture_load(nn_fixture *fx, const char *path, char *err, size_t errcap);
void nn_fixture_free(nn_fixture *fx); /* NULL and a freed fixture are allowed */

/* The config to build the experiment from, as a link gives it: cfg with the seed the page
 * would use: state.seed for hashes with a seed; for seedless hashes the seed is formatted from
 * unseeded_random with nn_seed_from_unseeded (so that path is exercised). */
void nn_fixture_config_for_run(const nn_fixture *fx, nn_config *cfg);

/* Every *.json file in dir, sorted by name. Returns the count (paths in *out, free with
 * nn_fixture_list_free) or -1 if the directory cannot be read. */
int nn_fixture_list(const char *dir, char ***out);
void nn_fixture_list_free(char **paths, int count);

/* A fixture number: a JSON number, or the strings "NaN", "Infinity", "-Infinity". */
bool nn_fixture_number(const cJSON *item, double *out);

/* Bit-identical doubles, any NaN equal to any NaN (JSON has no NaN payloads). */
bool nn_same_double(double a, double b);

/* Name lookups shared with other tests: -1 when unknown. */
int nn_fixture_activation_from_name(const char *s);
int nn_fixture_dataset_from_name(const char *s);
int nn_fixture_feature_from_name(const char *s);

#endif
