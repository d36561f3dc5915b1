/* config.h — one experiment's parameters, as TensorFlow Playground (TFP) names them.
 *
 * An nn_config is plain data: no pointers, copyable with `=`. It is produced from a URL hash by
 * state.h (which validates every value) and consumed by experiment.h. Field comments give the
 * TFP URL parameter name and its default.
 */
#ifndef NN_CONFIG_H
#define NN_CONFIG_H

#include <stdbool.h>

/* Limits on what a URL may ask for. TFP's own UI stops at 6 layers of 8 neurons; links written
 * by hand may go further, so the engine accepts more, but not without bound. */
enum {
  NN_MAX_HIDDEN_LAYERS = 10,
  NN_MAX_NEURONS = 32,
  NN_MAX_SEED_LEN = 256,     /* longer seeds are refused (notice), not truncated */
  NN_MAX_TUTORIAL_LEN = 64,
  NN_MAX_HIDE = 48,          /* distinct <name>_hide parameters kept */
  NN_MAX_HIDE_NAME = 40,
};

typedef enum {
  NN_ACT_RELU,
  NN_ACT_TANH,
  NN_ACT_SIGMOID,
  NN_ACT_LINEAR,
  NN_ACT_COUNT
} nn_activation;

typedef enum { NN_REG_NONE, NN_REG_L1, NN_REG_L2 } nn_regularization;

typedef enum { NN_PROBLEM_CLASSIFICATION, NN_PROBLEM_REGRESSION } nn_problem;

/* Classification datasets first, then regression ones (TFP's `dataset` and `regDataset`). */
typedef enum {
  NN_DATA_CIRCLE,
  NN_DATA_XOR,
  NN_DATA_GAUSS,
  NN_DATA_SPIRAL,
  NN_DATA_REG_PLANE,
  NN_DATA_REG_GAUSS,
  NN_DATA_COUNT
} nn_dataset_kind;

/* Input features, in TFP's fixed order; names are TFP's ids ("x", "xSquared", ...). */
typedef enum {
  NN_FEAT_X,
  NN_FEAT_Y,
  NN_FEAT_X_SQUARED,
  NN_FEAT_Y_SQUARED,
  NN_FEAT_X_TIMES_Y,
  NN_FEAT_SIN_X,
  NN_FEAT_SIN_Y,
  NN_FEAT_COUNT
} nn_feature;

typedef struct {
  char name[NN_MAX_HIDE_NAME + 1]; /* the parameter name without "_hide", e.g. "xSquared" */
  bool hidden;                     /* true only for the exact value "true" */
} nn_hide_entry;

typedef struct {
  nn_activation activation;        /* activation, "tanh" */
  nn_regularization regularization;/* regularization, none */
  int batch_size;                  /* batchSize, 10 */
  nn_dataset_kind dataset;         /* dataset, circle (always a classification kind) */
  nn_dataset_kind reg_dataset;     /* regDataset, reg-plane (always a regression kind) */
  double learning_rate;            /* learningRate, 0.03 */
  double regularization_rate;      /* regularizationRate, 0 */
  double noise;                    /* noise in percent, 0; the generator gets noise / 100 */
  int num_hidden_layers;           /* length of networkShape, default [4, 2] */
  int network_shape[NN_MAX_HIDDEN_LAYERS];
  char seed[NN_MAX_SEED_LEN + 1];  /* seed, exactly as TFP seeds with; "" = none given yet */
  bool show_test_data;             /* showTestData, false */
  bool discretize;                 /* discretize, false */
  double perc_train_data;          /* percTrainData, 50 */
  bool features[NN_FEAT_COUNT];    /* x, y (true), xSquared, ySquared, xTimesY, sinX, sinY */
  bool cos_x, cos_y;               /* cosX, cosY: parsed and written back, never inputs */
  bool collect_stats;              /* collectStats, false: no effect */
  char tutorial[NN_MAX_TUTORIAL_LEN + 1]; /* tutorial, "" = none */
  nn_problem problem;              /* problem, classification */
  bool init_zero;                  /* initZero, false */
  bool hide_text;                  /* hideText, false */
  int num_hide;                    /* every <name>_hide parameter, in first-seen order */
  nn_hide_entry hide[NN_MAX_HIDE];
} nn_config;

/* TFP's defaults (no seed: `seed` is ""). */
void nn_config_default(nn_config *cfg);

/* True when `<name>_hide=true` is set for this name. */
bool nn_config_is_hidden(const nn_config *cfg, const char *name);

/* True when feature f is a network input: its flag is on and it is not hidden (TFP §4). */
bool nn_config_feature_used(const nn_config *cfg, nn_feature f);

/* The dataset actually generated: `dataset` or `reg_dataset`, depending on `problem`. */
nn_dataset_kind nn_config_active_dataset(const nn_config *cfg);

/* Names as they appear in URLs and in the fixtures. Never NULL for a valid enum value. */
const char *nn_activation_name(nn_activation a);
const char *nn_regularization_name(nn_regularization r); /* "none", "L1", "L2" */
const char *nn_problem_name(nn_problem p);
const char *nn_dataset_name(nn_dataset_kind d);          /* "circle", ..., "reg-plane", "reg-gauss" */
const char *nn_feature_name(nn_feature f);               /* "x", "y", "xSquared", ... */

#endif
