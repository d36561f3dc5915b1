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
  NN_MAX_LESSON_ID_LEN = 32, /* lesson=<id>; the ids are listed in lessons.h */
  NN_MAX_LANG_LEN = 16,      /* lang=<code>; the page has a string table per language */
  NN_MAX_COMPARE_LEN = 160,  /* compare=<param>:<v1>,<v2>[,<v3>[,<v4>]] (compare.h) */
  NN_MIN_SAMPLES = 50,       /* samples=<n>: points of a generated dataset, even */
  NN_MAX_SAMPLES = 2000,
  NN_MAX_CLASSES = 6,        /* classes=K, 2 <= K <= NN_MAX_CLASSES */
  NN_MAX_DATA_LEN = 60001,   /* data=<text>: 10,000 points at most (points_codec.h) */
};

typedef enum {
  NN_ACT_RELU,
  NN_ACT_TANH,
  NN_ACT_SIGMOID,
  NN_ACT_LINEAR,
  /* nnplay's own, beyond TFP (activation.h gives their formulas) */
  NN_ACT_LEAKY_RELU,               /* "leakyrelu", alpha 0.01 */
  NN_ACT_ELU,                      /* "elu", alpha 1 */
  NN_ACT_SOFTPLUS,                 /* "softplus" */
  NN_ACT_SWISH,                    /* "swish" (x * sigmoid(x)) */
  NN_ACT_COUNT
} nn_activation;

/* Beyond TFP: how parameters move (train.h), how they start (network.h), what is minimised
 * (loss.h). The first value of each is TFP's behaviour and the default. */
typedef enum { NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_RMSPROP, NN_OPT_ADAM, NN_OPT_COUNT } nn_optimizer;
typedef enum { NN_INIT_UNIFORM, NN_INIT_ZEROS, NN_INIT_XAVIER, NN_INIT_HE, NN_INIT_COUNT } nn_init;
typedef enum { NN_LOSS_SQUARE, NN_LOSS_CROSS_ENTROPY, NN_LOSS_COUNT } nn_loss_kind;

/* `speed` (epochs per animation frame; the page's business, the engine only stores it). */
enum { NN_SPEED_MAX = 0 }; /* "max": as many epochs as fit in a frame */

/* `palette` (the page's colours; the engine only stores it). The first is TFP's orange/blue. */
typedef enum {
  NN_PALETTE_DEFAULT, /* "default": TFP's orange (negative), white, blue (positive) */
  NN_PALETTE_VIRIDIS, /* "viridis": dark purple, teal, yellow; lightness rises from -1 to 1 */
  NN_PALETTE_COUNT
} nn_palette;

typedef enum { NN_REG_NONE, NN_REG_L1, NN_REG_L2 } nn_regularization;

typedef enum { NN_PROBLEM_CLASSIFICATION, NN_PROBLEM_REGRESSION } nn_problem;

/* The lecture's parameters (not TFP's): `model` picks what is trained, `mode` how much of the
 * page is shown. The first value of each is the default (a zeroed config has it). */
typedef enum {
  NN_MODEL_MLP,        /* "mlp": TFP's network trained by backpropagation */
  NN_MODEL_PERCEPTRON, /* "perceptron": one step neuron, perceptron rule (perceptron.h) */
  NN_MODEL_COUNT
} nn_model;

/* `rule`: how the perceptron learns (perceptron.h). The first is Rosenblatt's, the default. */
typedef enum {
  NN_RULE_ROSENBLATT,  /* "rosenblatt": w += lr (y - y') x on a mistake */
  NN_RULE_HEBB,        /* "hebb": w += lr y x on every training point */
  NN_RULE_COUNT
} nn_perceptron_rule;

/* The downhill panel (downhill.h): optimisers on a loss surface of two parameters. The page's
 * only: the engine stores the panel's link parameters and computes its paths. */
typedef enum {
  NN_SURFACE_NONE,     /* "none": the panel is closed */
  NN_SURFACE_BOWL,     /* "bowl": an elongated bowl */
  NN_SURFACE_VALLEY,   /* "valley": a curved valley (Rosenbrock-like) */
  NN_SURFACE_SADDLE,   /* "saddle": a saddle between two minima */
  NN_SURFACE_COUNT
} nn_surface;

/* A downhill start or learning rate that is not set: the surface's own (downhill.h). Below every
 * accepted value. */
#define NN_DOWNHILL_OWN (-1e9)

typedef struct {
  nn_surface surface;         /* downhill, none */
  double start[2];            /* downhillX, downhillY: NN_DOWNHILL_OWN or in [-2, 2] */
  double rate[NN_OPT_COUNT];  /* downhillSgd, downhillMomentum, downhillRmsprop, downhillAdam:
                                 NN_DOWNHILL_OWN or in (0, 10] */
} nn_downhill_config;

typedef enum {
  NN_MODE_COMPLETE,    /* "complete": every control */
  NN_MODE_SIMPLIFIED,  /* "simplified": the page shows only the essential controls */
  NN_MODE_COUNT
} nn_mode;

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
  bool init_zero;                  /* initZero, false; true exactly when init is NN_INIT_ZEROS */
  bool hide_text;                  /* hideText, false */
  int num_hide;                    /* every <name>_hide parameter, in first-seen order */
  nn_hide_entry hide[NN_MAX_HIDE];

  /* Beyond TFP (state.h documents each URL parameter; never serialized at its default). */
  nn_optimizer optimizer;          /* optimizer, sgd (TFP's update) */
  double momentum;                 /* momentum, 0.9: momentum's coefficient, [0, 1) */
  double rho;                      /* rho, 0.9: RMSprop's decay, [0, 1) */
  double beta1, beta2;             /* beta1 0.9, beta2 0.999: Adam's decays, [0, 1) */
  double epsilon;                  /* epsilon, 1e-8: RMSprop's and Adam's, (0, 1] */
  nn_init init;                    /* init, uniform (TFP's); zeros whenever init_zero */
  double dropout;                  /* dropout, 0: hidden-layer drop rate, [0, 0.9] */
  nn_loss_kind loss;               /* loss, square; cross-entropy only for classification */
  int speed;                       /* speed, 1: epochs per frame, or NN_SPEED_MAX */
  nn_palette palette;              /* palette, default (TFP's colours) */

  /* The lecture (state.h documents the URL parameters; never serialized at their default). */
  nn_model model;                  /* model, mlp (perceptron only for classification) */
  nn_mode mode;                    /* mode, complete */
  char lesson[NN_MAX_LESSON_ID_LEN + 1]; /* lesson, "" = none, else a known id (lessons.h) */
  double goal_train_loss;          /* goalTrainLoss, none (NN_NO_GOAL): the page says when the
                                      training loss first is at most this; finite, >= 0 */
  double goal_test_loss;           /* goalTestLoss, none (NN_NO_GOAL): the same for the test loss */
  nn_perceptron_rule rule;         /* rule, rosenblatt (the perceptron's learning rule) */
  nn_downhill_config downhill;     /* the downhill panel's parameters (above) */

  /* The page's language: read and written back, never used by the engine. */
  char lang[NN_MAX_LANG_LEN + 1]; /* lang, "" = the browser's language */

  /* The number of points of the generated dataset, and two to four variants side by side. */
  int samples;                     /* samples, 0 = TFP's (500; 1200 for regression) */
  char compare[NN_MAX_COMPARE_LEN + 1]; /* compare, "" = none; checked by compare.h */
  /* K-class problems (classes.h): 2 = TFP's two classes (labels -1 / +1); 3..NN_MAX_CLASSES:
   * one output node per class and a softmax (labels 0..K-1). */
  int classes;                     /* classes, 2 */
  /* Own points (points_codec.h) instead of the dataset's generated ones. Last, and only its
   * text up to the NUL is meaningful (nn_config_default clears only the first byte). */
  char data[NN_MAX_DATA_LEN + 1];  /* data, "" = the dataset's generated points */
} nn_config;

/* A goal that is not set: below every loss, so never reached. */
#define NN_NO_GOAL (-1.0)

/* TFP's defaults (no seed: `seed` is ""). */
void nn_config_default(nn_config *cfg);

/* True when `<name>_hide=true` is set for this name. */
bool nn_config_is_hidden(const nn_config *cfg, const char *name);

/* True when feature f is a network input: its flag is on and it is not hidden (docs/tfp-behaviour.md §4). */
bool nn_config_feature_used(const nn_config *cfg, nn_feature f);

/* The dataset actually generated: `dataset` or `reg_dataset`, depending on `problem`. */
nn_dataset_kind nn_config_active_dataset(const nn_config *cfg);

/* The init scheme in effect: NN_INIT_ZEROS when init_zero is set (a config built by hand or
 * from a TFP fixture may set only that), else cfg->init. */
nn_init nn_config_init_scheme(const nn_config *cfg);

/* The classes the network tells apart: 0 for regression, 2 for TFP's two classes (and the
 * perceptron), cfg->classes (3..NN_MAX_CLASSES) for a K-class MLP. */
int nn_config_num_classes(const nn_config *cfg);

/* The loss in effect: cfg->loss for classification, always square error for regression. */
nn_loss_kind nn_config_loss_kind(const nn_config *cfg);

/* Names as they appear in URLs and in the fixtures. Never NULL for a valid enum value. */
const char *nn_activation_name(nn_activation a);
const char *nn_optimizer_name(nn_optimizer o);           /* "sgd", "momentum", "rmsprop", "adam" */
const char *nn_init_name(nn_init i);                     /* "uniform", "zeros", "xavier", "he" */
const char *nn_loss_name(nn_loss_kind k);                /* "square", "crossentropy" */
const char *nn_regularization_name(nn_regularization r); /* "none", "L1", "L2" */
const char *nn_problem_name(nn_problem p);
const char *nn_dataset_name(nn_dataset_kind d);          /* "circle", ..., "reg-plane", "reg-gauss" */
const char *nn_feature_name(nn_feature f);               /* "x", "y", "xSquared", ... */
const char *nn_model_name(nn_model m);                   /* "mlp", "perceptron" */
const char *nn_mode_name(nn_mode m);                     /* "complete", "simplified" */
const char *nn_rule_name(nn_perceptron_rule r);          /* "rosenblatt", "hebb" */
const char *nn_surface_name(nn_surface s);               /* "none", "bowl", "valley", "saddle" */
const char *nn_palette_name(nn_palette p);               /* "default", "viridis" */

#endif
