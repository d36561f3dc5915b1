/* params.c — the table of URL parameters (see params.h): one row per parameter. */
#include "params.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "js_number.h"
#include "json_writer.h"
#include "points_codec.h"

static const char *act_name(int v) { return nn_activation_name((nn_activation)v); }
static const char *reg_name(int v) { return nn_regularization_name((nn_regularization)v); }
static const char *data_name(int v) { return nn_dataset_name((nn_dataset_kind)v); }
static const char *problem_name(int v) { return nn_problem_name((nn_problem)v); }
static const char *mode_name(int v) { return nn_mode_name((nn_mode)v); }
static const char *model_name(int v) { return nn_model_name((nn_model)v); }
static const char *optimizer_name(int v) { return nn_optimizer_name((nn_optimizer)v); }
static const char *init_name(int v) { return nn_init_name((nn_init)v); }
static const char *loss_name(int v) { return nn_loss_name((nn_loss_kind)v); }
static const char *palette_name(int v) { return nn_palette_name((nn_palette)v); }
static const char *rule_name(int v) { return nn_rule_name((nn_perceptron_rule)v); }
static const char *surface_name(int v) { return nn_surface_name((nn_surface)v); }
static bool data_check(const char *value, size_t len, char *why, size_t why_cap) {
  return nn_points_decode(value, len, NULL, NULL, why, why_cap) >= 0;
}

#define AT(field) offsetof(nn_config, field)
#define FEATURE(f) (offsetof(nn_config, features) + (f) * sizeof(bool))
#define CHOICE_OR(field, lo, hi, names, also) \
  .kind = NN_PARAM_CHOICE, .offset = AT(field), .first = (lo), .last = (hi), \
  .choice_name = (names), .also_default = (also)
#define CHOICE(field, lo, hi, names) CHOICE_OR(field, lo, hi, names, -1)
#define NUMBER(field, lo, hi) .kind = NN_PARAM_NUMBER, .offset = AT(field), .min = (lo), .max = (hi)
#define BOOLEAN(at) .kind = NN_PARAM_BOOL, .offset = (at)
#define TEXT(field) \
  .kind = NN_PARAM_TEXT, .offset = AT(field), .size = sizeof(((nn_config *)0)->field)
/* README and --help text: the CLI's; the wasm module (and the page's download) goes without. */
#ifdef __EMSCRIPTEN__
#define DOC(text) NULL
#else
#define DOC(text) text
#endif
#define NO_EFFECT ": read and written back as TFP does; no effect"

static const nn_param PARAMS[NN_P_COUNT] = {
  [NN_P_ACTIVATION] = {"activation", CHOICE(activation, NN_ACT_RELU, NN_ACT_COUNT - 1, act_name),
    .tfp = true, .hideable = true,
    .doc = DOC(", `relu`, `sigmoid`, `linear`; nnplay's own `leakyrelu` (slope 0.01 below 0), `elu` "
           "(α = 1), `softplus`, `swish` (x·sigmoid(x))"),
    .control = DOC("Activation")},
  [NN_P_REGULARIZATION] = {"regularization",
    CHOICE(regularization, NN_REG_NONE, NN_REG_L2, reg_name),
    .tfp = true, .omit_default = true, .hideable = true, .live = true,
    .doc = DOC(" (not written), `L1`, `L2`"), .control = DOC("Regularization")},
  [NN_P_BATCH_SIZE] = {"batchSize", .kind = NN_PARAM_WHOLE, .offset = AT(batch_size), .min = 1,
    .max = NN_MAX_BATCH_SIZE, .tfp = true, .hideable = true, .live = true,
    .doc = DOC("; slider 1–30"), .control = DOC("Batch size")},
  [NN_P_DATASET] = {"dataset", CHOICE(dataset, NN_DATA_CIRCLE, NN_DATA_SPIRAL, data_name),
    .tfp = true, .hideable = true,
    .doc = DOC(", `xor`, `gauss`, `spiral` (classification)"), .control = DOC("dataset thumbnails")},
  [NN_P_REG_DATASET] = {"regDataset",
    CHOICE(reg_dataset, NN_DATA_REG_PLANE, NN_DATA_REG_GAUSS, data_name),
    .tfp = true, .doc = DOC(", `reg-gauss` (regression)"), .control = DOC("dataset thumbnails")},
  [NN_P_LEARNING_RATE] = {"learningRate", NUMBER(learning_rate, 0, INFINITY),
    .tfp = true, .hideable = true, .live = true,
    .doc = DOC("; menu 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 (no upper "
           "bound: TFP diverges)"),
    .control = DOC("Learning rate")},
  [NN_P_REGULARIZATION_RATE] = {"regularizationRate", NUMBER(regularization_rate, 0, INFINITY),
    .tfp = true, .hideable = true, .live = true,
    .doc = DOC("; menu 0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10"),
    .control = DOC("Regularization rate")},
  [NN_P_NOISE] = {"noise", NUMBER(noise, -INFINITY, INFINITY), .tfp = true, .hideable = true,
    .doc = DOC("; slider 0–50 (the generator gets noise/100; never clamped, as the deployed TFP)"),
    .control = DOC("Noise")},
  [NN_P_NETWORK_SHAPE] = {"networkShape", .kind = NN_PARAM_SHAPE, .offset = AT(network_shape),
    .tfp = true,
    .doc = DOC(": neurons per hidden layer, empty = none; buttons 0–6 layers of 1–8"),
    .control = DOC("+ / − above the network (hidden as `numHiddenLayers`)")},
  [NN_P_SEED] = {"seed", TEXT(seed), .fallback = "a random seed is drawn instead", .tfp = true,
    .doc = DOC("a string; none = drawn (`Math.random().toFixed(5)`) and written back"),
    .control = DOC("Regenerate draws a new one")},
  [NN_P_SHOW_TEST_DATA] = {"showTestData", BOOLEAN(AT(show_test_data)), .tfp = true,
    .hideable = true, .live = true, .doc = DOC(""), .control = DOC("Show test data (under the output)")},
  [NN_P_DISCRETIZE] = {"discretize", BOOLEAN(AT(discretize)), .tfp = true, .hideable = true,
    .live = true, .doc = DOC(""), .control = DOC("Discretize output (under the output)")},
  [NN_P_PERC_TRAIN_DATA] = {"percTrainData", NUMBER(perc_train_data, 0, 100), .tfp = true,
    .hideable = true, .doc = DOC("; slider 10–90"), .control = DOC("Ratio of training to test data (%)")},
  [NN_P_X] = {"x", BOOLEAN(FEATURE(NN_FEAT_X)), .tfp = true, .hideable = true, .doc = DOC(""),
    .control = DOC("feature X₁ (click to toggle)")},
  [NN_P_Y] = {"y", BOOLEAN(FEATURE(NN_FEAT_Y)), .tfp = true, .hideable = true, .doc = DOC(""),
    .control = DOC("feature X₂")},
  [NN_P_X_TIMES_Y] = {"xTimesY", BOOLEAN(FEATURE(NN_FEAT_X_TIMES_Y)), .tfp = true,
    .hideable = true, .doc = DOC(""), .control = DOC("feature X₁X₂")},
  [NN_P_X_SQUARED] = {"xSquared", BOOLEAN(FEATURE(NN_FEAT_X_SQUARED)), .tfp = true,
    .hideable = true, .doc = DOC(""), .control = DOC("feature X₁²")},
  [NN_P_Y_SQUARED] = {"ySquared", BOOLEAN(FEATURE(NN_FEAT_Y_SQUARED)), .tfp = true,
    .hideable = true, .doc = DOC(""), .control = DOC("feature X₂²")},
  [NN_P_COS_X] = {"cosX", BOOLEAN(AT(cos_x)), .tfp = true, .doc = DOC(NO_EFFECT), .control = DOC("—")},
  [NN_P_SIN_X] = {"sinX", BOOLEAN(FEATURE(NN_FEAT_SIN_X)), .tfp = true, .hideable = true,
    .doc = DOC(""), .control = DOC("feature sin(X₁)")},
  [NN_P_COS_Y] = {"cosY", BOOLEAN(AT(cos_y)), .tfp = true, .doc = DOC(NO_EFFECT), .control = DOC("—")},
  [NN_P_SIN_Y] = {"sinY", BOOLEAN(FEATURE(NN_FEAT_SIN_Y)), .tfp = true, .hideable = true,
    .doc = DOC(""), .control = DOC("feature sin(X₂)")},
  [NN_P_COLLECT_STATS] = {"collectStats", BOOLEAN(AT(collect_stats)), .tfp = true,
    .doc = DOC(NO_EFFECT), .control = DOC("—")},
  [NN_P_TUTORIAL] = {"tutorial", TEXT(tutorial), .id_chars = true, .fallback = "no tutorial",
    .tfp = true, .null_when_empty = true,
    .doc = DOC("none; letters, digits, `-`, `_`" NO_EFFECT), .control = DOC("—")},
  [NN_P_PROBLEM] = {"problem",
    CHOICE(problem, NN_PROBLEM_CLASSIFICATION, NN_PROBLEM_REGRESSION, problem_name),
    .tfp = true, .hideable = true, .doc = DOC(", `regression`"), .control = DOC("Problem type")},
  [NN_P_INIT_ZERO] = {"initZero", BOOLEAN(AT(init_zero)), .tfp = true,
    .doc = DOC(": `true` starts all weights and biases at 0 (the same as `init=zeros`)"),
    .control = DOC("—")},
  [NN_P_HIDE_TEXT] = {"hideText", BOOLEAN(AT(hide_text)), .tfp = true,
    .doc = DOC(": `true` hides the header, the explanatory text and the class panel"),
    .control = DOC("\"Use it in class\"")},
  [NN_P_MODE] = {"mode", CHOICE(mode, NN_MODE_COMPLETE, NN_MODE_COUNT - 1, mode_name),
    .omit_default = true,
    .doc = DOC(": every control; `simplified`: only dataset, ratio, noise, features, layers, "
           "learning rate, play/step/reset"),
    .control = DOC("Simplified / Complete (top right)")},
  [NN_P_MODEL] = {"model", CHOICE(model, NN_MODEL_MLP, NN_MODEL_COUNT - 1, model_name),
    .omit_default = true,
    .doc = DOC(" (TFP's network), `perceptron`: one neuron with a step activation on the chosen "
           "features, trained by the perceptron rule (classification only)"),
    .control = DOC("Model (top right)")},
  [NN_P_LESSON] = {"lesson", .kind = NN_PARAM_LESSON, .offset = AT(lesson),
    .size = sizeof(((nn_config *)0)->lesson), .fallback = "no lesson", .omit_default = true,
    .doc = DOC("none; a lesson id (`engine.lessons()`): the lesson's parameters, with any the link "
           "also gives winning; its title and goal are shown above the playground"),
    .control = DOC("Lessons menu; × leaves the lesson and keeps the experiment")},
  [NN_P_GOAL_TRAIN_LOSS] = {"goalTrainLoss", NUMBER(goal_train_loss, 0, INFINITY),
    .fallback = "no goal", .omit_default = true, .live = true,
    .doc = DOC(": the page shows \"Goal: training loss ≤ x\" and says at which epoch the training "
           "loss first reached it (embedded, it posts `nnplay:goal`)"),
    .control = DOC("the goal line under the losses")},
  [NN_P_GOAL_TEST_LOSS] = {"goalTestLoss", NUMBER(goal_test_loss, 0, INFINITY),
    .fallback = "no goal", .omit_default = true, .live = true,
    .doc = DOC(": the same for the test loss"), .control = DOC("the goal line under the losses")},
  [NN_P_OPTIMIZER] = {"optimizer", CHOICE(optimizer, NN_OPT_SGD, NN_OPT_COUNT - 1, optimizer_name),
    .omit_default = true, .hideable = true, .live = true,
    .doc = DOC(" (TFP's update), `momentum`, `rmsprop`, `adam`"),
    .control = DOC("Optimizer (shows only the chosen optimiser's hyperparameters)")},
  [NN_P_MOMENTUM] = {"momentum", NUMBER(momentum, 0, 1), .max_open = true, .omit_default = true,
    .hideable = true, .live = true, .doc = DOC("; menu 0, 0.5, 0.8, 0.9, 0.95, 0.99"),
    .control = DOC("Momentum μ (optimizer=momentum)")},
  [NN_P_RHO] = {"rho", NUMBER(rho, 0, 1), .max_open = true, .omit_default = true,
    .hideable = true, .live = true, .doc = DOC("; menu 0.5, 0.8, 0.9, 0.95, 0.99, 0.999"),
    .control = DOC("Decay ρ (optimizer=rmsprop)")},
  [NN_P_BETA1] = {"beta1", NUMBER(beta1, 0, 1), .max_open = true, .omit_default = true,
    .hideable = true, .live = true, .doc = DOC("; menu 0.5–0.99"), .control = DOC("β₁ (optimizer=adam)")},
  [NN_P_BETA2] = {"beta2", NUMBER(beta2, 0, 1), .max_open = true, .omit_default = true,
    .hideable = true, .live = true, .doc = DOC("; menu 0.9–0.9999"), .control = DOC("β₂ (optimizer=adam)")},
  [NN_P_EPSILON] = {"epsilon", NUMBER(epsilon, 0, 1), .min_open = true, .omit_default = true,
    .hideable = true, .live = true,
    .doc = DOC("; menu 1e-8, 1e-7, 1e-6, 0.0001, 0.001, 0.01, 0.1"),
    .control = DOC("ε (optimizer=rmsprop or adam)")},
  [NN_P_INIT] = {"init",
    CHOICE_OR(init, NN_INIT_UNIFORM, NN_INIT_COUNT - 1, init_name, NN_INIT_ZEROS),
    .omit_default = true, .hideable = true,
    .doc = DOC(" (TFP's U(−0.5, 0.5), biases 0.1), `zeros` (written as `initZero=true`), `xavier` "
           "(Glorot uniform, biases 0), `he` (He uniform, biases 0)"),
    .control = DOC("Initialization")},
  [NN_P_DROPOUT] = {"dropout", NUMBER(dropout, 0, 0.9), .omit_default = true, .hideable = true,
    .live = true,
    .doc = DOC("; menu 0, 0.1, ..., 0.9: inverted dropout of hidden neurons, training passes only"),
    .control = DOC("Dropout (the neurons dropped in the last step are greyed and crossed while "
               "paused)")},
  [NN_P_LOSS] = {"loss", CHOICE(loss, NN_LOSS_SQUARE, NN_LOSS_COUNT - 1, loss_name),
    .omit_default = true, .hideable = true,
    .doc = DOC(" (TFP's ½(out − label)²), `crossentropy` (binary, classification only)"),
    .control = DOC("Loss (classification only)")},
  [NN_P_SPEED] = {"speed", .kind = NN_PARAM_SPEED, .offset = AT(speed), .omit_default = true,
    .hideable = true, .live = true,
    .doc = DOC(" epochs per animation frame, or `max`: a Web Worker trains as fast as a second core "
           "allows and the page draws its state every frame (where no worker can run, and in "
           "perceptron mode, as many epochs as fit in a time budget per frame, measured each "
           "frame so the page keeps the display's rate). Losses are evaluated for the epochs the "
           "chart keeps and the latest, so the chart is the same"),
    .control = DOC("Speed (changes the hash without restarting training)")},
  [NN_P_PALETTE] = {"palette",
    CHOICE(palette, NN_PALETTE_DEFAULT, NN_PALETTE_COUNT - 1, palette_name),
    .omit_default = true, .live = true,
    .doc = DOC(" (TFP's orange, white, blue), `viridis` (dark purple, teal, yellow: its lightness "
           "rises from −1 to 1, so it reads with any colour vision and in greyscale): the colours "
           "of the heatmaps, the points and the links"),
    .control = DOC("— (link only)")},
  [NN_P_LANG] = {"lang", TEXT(lang), .id_chars = true, .fallback = "the browser's language",
    .omit_default = true, .null_when_empty = true,
    .doc = DOC("none (the browser's: French if its first language is French, else English); `en`, "
           "`fr`: the page's language (any other code: English, with a notice)"),
    .control = DOC("—")},
  [NN_P_SAMPLES] = {"samples", .kind = NN_PARAM_WHOLE, .offset = AT(samples),
    .min = NN_MIN_SAMPLES, .max = NN_MAX_SAMPLES, .even = true,
    .fallback = "using TFP's count", .omit_default = true,
    .doc = DOC(" (TFP's: 500 points, 1200 for `reg-plane` and `reg-gauss`): the number of points "
           "generated, for every dataset, before the split (`samples=2000`: 1000 to train at "
           "50 %); the same generators drawing from the same seed, so the points are TFP's "
           "stream made longer or shorter"),
    .control = DOC("— (link only)")},
  [NN_P_COMPARE] = {"compare", TEXT(compare), .fallback = "no comparison",
    .omit_default = true, .null_when_empty = true,
    .doc = DOC("none; `<param>:<v1>,<v2>[,<v3>[,<v4>]]` (`optimizer:sgd,momentum,adam`; "
           "`networkShape` values write their layers with `-`: `networkShape:2,4-2,8-8`): two "
           "to four variants of the experiment, this parameter set to each value, trained side "
           "by side (see [Compare](#compare-variants-side-by-side))"),
    .control = DOC("the compare panel under the playground")},
  [NN_P_CLASSES] = {"classes", .kind = NN_PARAM_WHOLE, .offset = AT(classes), .min = 2,
    .max = NN_MAX_CLASSES, .omit_default = true,
    .doc = DOC(": TFP's two classes; 3–6: one output node per class with a softmax and "
           "cross-entropy (whatever `loss` says), on K Gaussian blobs (`dataset=gauss`, and "
           "instead of `circle` and `xor`, with a notice) or a K-arm spiral (`dataset=spiral`); "
           "classification with `model=mlp` only (else 2, with a notice)"),
    .control = DOC("— (link only)")},
  [NN_P_RULE] = {"rule", CHOICE(rule, NN_RULE_ROSENBLATT, NN_RULE_COUNT - 1, rule_name),
    .omit_default = true,
    .doc = DOC(" (w ← w + η·(y − y′)·x on a mistake), `hebb` (Hebb's rule: w ← w + η·y·x on every "
           "training point): how the perceptron learns (model=perceptron)"),
    .control = DOC("Rule (in the perceptron panel)")},
  [NN_P_DOWNHILL] = {"downhill", CHOICE(downhill.surface, NN_SURFACE_NONE, NN_SURFACE_COUNT - 1,
    surface_name), .omit_default = true,
    .doc = DOC(" (closed), `bowl` (an elongated bowl), `valley` (a curved valley, Rosenbrock-like), "
           "`saddle` (a saddle between two minima): opens the downhill panel, where SGD, momentum, "
           "RMSprop and Adam descend that surface side by side"),
    .control = DOC("\"Optimizers downhill\" (lecture bar) and the panel's surface menu")},
  [NN_P_DOWNHILL_X] = {"downhillX", NUMBER(downhill.start[0], -2, 2),
    .fallback = "the surface's own start", .omit_default = true,
    .doc = DOC("; the start point's first coordinate (the panel's map spans −2..2)"),
    .control = DOC("a click, tap or arrow keys on the panel's map")},
  [NN_P_DOWNHILL_Y] = {"downhillY", NUMBER(downhill.start[1], -2, 2),
    .fallback = "the surface's own start", .omit_default = true,
    .doc = DOC("; its second coordinate"), .control = DOC("a click, tap or arrow keys on the panel's map")},
  [NN_P_DOWNHILL_SGD] = {"downhillSgd", NUMBER(downhill.rate[NN_OPT_SGD], 0, 10), .min_open = true,
    .fallback = "the surface's own rate", .omit_default = true,
    .doc = DOC("; the learning rate of SGD in the downhill panel"),
    .control = DOC("the panel's SGD rate menu")},
  [NN_P_DOWNHILL_MOMENTUM] = {"downhillMomentum", NUMBER(downhill.rate[NN_OPT_MOMENTUM], 0, 10),
    .min_open = true, .fallback = "the surface's own rate", .omit_default = true,
    .doc = DOC("; momentum's learning rate there (its μ is `momentum`)"),
    .control = DOC("the panel's momentum rate menu")},
  [NN_P_DOWNHILL_RMSPROP] = {"downhillRmsprop", NUMBER(downhill.rate[NN_OPT_RMSPROP], 0, 10),
    .min_open = true, .fallback = "the surface's own rate", .omit_default = true,
    .doc = DOC("; RMSprop's learning rate there (its ρ and ε are `rho`, `epsilon`)"),
    .control = DOC("the panel's RMSprop rate menu")},
  [NN_P_DOWNHILL_ADAM] = {"downhillAdam", NUMBER(downhill.rate[NN_OPT_ADAM], 0, 10),
    .min_open = true, .fallback = "the surface's own rate", .omit_default = true,
    .doc = DOC("; Adam's learning rate there (its β₁, β₂, ε are `beta1`, `beta2`, `epsilon`)"),
    .control = DOC("the panel's Adam rate menu")},
  [NN_P_DATA] = {"data", TEXT(data), .id_chars = true, .check = data_check,
    .fallback = "the dataset's own points are used", .omit_default = true, .hideable = true,
    .doc = DOC("none (the dataset's generated points); own points, drawn or imported: one letter "
           "for the labels (`b` −1/+1, `3`–`6` classes, `r` values), then every point's codes in "
           "base64url (see [Your own data](#your-own-data)); they replace the generated points, "
           "and the shuffle and split still come from the seed"),
    .control = DOC("Edit data (draw, import, export; `data_hide=true` hides it)")},
};

const char *const NN_HIDEABLE_CONTROLS[] = {"playButton", "stepButton", "resetButton",
                                            "numHiddenLayers", "showAccuracy"};
const int NN_HIDEABLE_CONTROLS_COUNT =
    (int)(sizeof NN_HIDEABLE_CONTROLS / sizeof NN_HIDEABLE_CONTROLS[0]);

const int NN_SPEED_STEPS[] = {1, 2, 5, 10, 20, 50, 100};
const int NN_SPEED_STEPS_COUNT = (int)(sizeof NN_SPEED_STEPS / sizeof NN_SPEED_STEPS[0]);

const nn_param *nn_param_row(nn_param_id id) { return &PARAMS[id]; }

int nn_param_find(const char *name, size_t len) {
  for (int i = 0; i < NN_P_COUNT; i++)
    if (strlen(PARAMS[i].name) == len && memcmp(PARAMS[i].name, name, len) == 0) return i;
  return -1;
}

void *nn_param_field(nn_config *cfg, const nn_param *p) { return (char *)cfg + p->offset; }

const void *nn_param_field_const(const nn_config *cfg, const nn_param *p) {
  return (const char *)cfg + p->offset;
}

bool nn_param_at_default(const nn_config *cfg, const nn_param *p) {
  if (p->kind == NN_PARAM_TEXT || p->kind == NN_PARAM_LESSON) /* "" by default */
    return ((const char *)nn_param_field_const(cfg, p))[0] == '\0';
  nn_config d;
  nn_config_default(&d);
  const void *v = nn_param_field_const(cfg, p), *dv = nn_param_field_const(&d, p);
  switch (p->kind) {
    case NN_PARAM_CHOICE:
      return *(const int *)v == *(const int *)dv || *(const int *)v == p->also_default;
    case NN_PARAM_NUMBER: return *(const double *)v == *(const double *)dv;
    case NN_PARAM_WHOLE:
    case NN_PARAM_SPEED: return *(const int *)v == *(const int *)dv;
    case NN_PARAM_BOOL: return *(const bool *)v == *(const bool *)dv;
    case NN_PARAM_TEXT:
    case NN_PARAM_LESSON: return ((const char *)v)[0] == '\0';
    case NN_PARAM_SHAPE:
      return cfg->num_hidden_layers == d.num_hidden_layers &&
             memcmp(cfg->network_shape, d.network_shape,
                    (size_t)d.num_hidden_layers * sizeof d.network_shape[0]) == 0;
  }
  return false;
}

void nn_param_default_text(const nn_param *p, char *out, size_t cap) {
  nn_config d;
  nn_config_default(&d);
  const void *v = nn_param_field_const(&d, p);
  char num[32];
  switch (p->kind) {
    case NN_PARAM_CHOICE: snprintf(out, cap, "%s", p->choice_name(*(const int *)v)); return;
    case NN_PARAM_NUMBER:
      nn_format_js_number(*(const double *)v, num);
      snprintf(out, cap, "%s", p->fallback ? "none" : num); /* a goal: none by default */
      return;
    case NN_PARAM_BOOL: snprintf(out, cap, "%s", *(const bool *)v ? "true" : "false"); return;
    case NN_PARAM_WHOLE:
      if (p->fallback) { /* samples: TFP's count, which depends on the dataset */
        snprintf(out, cap, "none");
        return;
      }
      /* fall through */
    case NN_PARAM_SPEED: snprintf(out, cap, "%d", *(const int *)v); return;
    case NN_PARAM_SHAPE: {
      size_t len = 0;
      out[0] = '\0';
      for (int i = 0; i < d.num_hidden_layers && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, i ? ",%d" : "%d", d.network_shape[i]);
      return;
    }
    case NN_PARAM_TEXT:
    case NN_PARAM_LESSON: snprintf(out, cap, "none"); return;
  }
}

size_t nn_param_accepts(const nn_param *p, bool unicode, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  const char *le = unicode ? " ≤ " : " <= ", *ge = unicode ? " ≥ " : " >= ";
  char num[32];
  switch (p->kind) {
    case NN_PARAM_CHOICE:
      for (int v = p->first; v <= p->last; v++) {
        if (v > p->first) nn_write(&w, " | ");
        nn_write(&w, p->choice_name(v));
      }
      break;
    case NN_PARAM_WHOLE:
    case NN_PARAM_NUMBER:
      if (isinf(p->min) && isinf(p->max)) {
        nn_write(&w, "any finite number");
        break;
      }
      if (isinf(p->max)) { /* x >= min */
        nn_write(&w, p->name);
        nn_write(&w, p->min_open ? " > " : ge);
        nn_format_js_number(p->min, num);
        nn_write(&w, num);
        nn_write(&w, ", finite");
        break;
      }
      nn_format_js_number(p->min, num);
      nn_write(&w, num);
      nn_write(&w, p->min_open ? " < " : le);
      nn_write(&w, p->name);
      nn_write(&w, p->max_open ? " < " : le);
      nn_format_js_number(p->max, num);
      nn_write(&w, num);
      if (p->kind == NN_PARAM_WHOLE) nn_write(&w, p->even ? ", whole, even" : ", whole");
      break;
    case NN_PARAM_BOOL: nn_write(&w, "false | any other value (true)"); break;
    case NN_PARAM_SHAPE:
      snprintf(num, sizeof num, "%d", NN_MAX_HIDDEN_LAYERS);
      nn_write(&w, "up to ");
      nn_write(&w, num);
      nn_write(&w, " comma-separated counts of 1..");
      snprintf(num, sizeof num, "%d", NN_MAX_NEURONS);
      nn_write(&w, num);
      break;
    case NN_PARAM_TEXT:
      snprintf(num, sizeof num, "%d", (int)p->size - 1);
      nn_write(&w, "1..");
      nn_write(&w, num);
      nn_write(&w, p->id_chars ? " of A-Z a-z 0-9 - _" : " characters");
      break;
    case NN_PARAM_LESSON: nn_write(&w, "a lesson id"); break;
    case NN_PARAM_SPEED:
      for (int k = 0; k < NN_SPEED_STEPS_COUNT; k++) {
        snprintf(num, sizeof num, "%d | ", NN_SPEED_STEPS[k]);
        nn_write(&w, num);
      }
      nn_write(&w, "max");
      break;
  }
  return w.len;
}
