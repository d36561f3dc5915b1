/* params.h — every URL parameter, described once: one row per parameter.
 *
 * The hash parser and writer (state.h), the JSON of a state, the notices, `nnplay --help` and
 * the README's parameter table (`nnplay params --markdown`) all read this table; a new parameter
 * is one new row (and its field in config.h). Defaults are nn_config_default's (config.c).
 *
 * Rows are in TFP's serialization order (state.ts:106-134), then the lecture's parameters, then
 * nnplay's training options; the hash and the JSON are written in this order.
 */
#ifndef NN_PARAMS_H
#define NN_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

enum { NN_MAX_BATCH_SIZE = 1000 };

typedef enum {
  NN_P_ACTIVATION, NN_P_REGULARIZATION, NN_P_BATCH_SIZE, NN_P_DATASET, NN_P_REG_DATASET,
  NN_P_LEARNING_RATE, NN_P_REGULARIZATION_RATE, NN_P_NOISE, NN_P_NETWORK_SHAPE, NN_P_SEED,
  NN_P_SHOW_TEST_DATA, NN_P_DISCRETIZE, NN_P_PERC_TRAIN_DATA, NN_P_X, NN_P_Y, NN_P_X_TIMES_Y,
  NN_P_X_SQUARED, NN_P_Y_SQUARED, NN_P_COS_X, NN_P_SIN_X, NN_P_COS_Y, NN_P_SIN_Y,
  NN_P_COLLECT_STATS, NN_P_TUTORIAL, NN_P_PROBLEM, NN_P_INIT_ZERO, NN_P_HIDE_TEXT,
  NN_P_MODE, NN_P_MODEL, NN_P_LESSON, NN_P_GOAL_TRAIN_LOSS, NN_P_GOAL_TEST_LOSS, /* the lecture's */
  NN_P_OPTIMIZER, NN_P_MOMENTUM, NN_P_RHO, NN_P_BETA1, NN_P_BETA2, NN_P_EPSILON, NN_P_INIT,
  NN_P_DROPOUT, NN_P_LOSS, NN_P_SPEED, /* nnplay's training options */
  NN_P_PALETTE, /* the page's colours */
  NN_P_LANG, /* the page's language */
  NN_P_SAMPLES, NN_P_COMPARE, /* more data; variants side by side */
  NN_P_CLASSES, /* K-class problems */
  NN_P_RULE, /* the perceptron's learning rule */
  NN_P_DOWNHILL, NN_P_DOWNHILL_X, NN_P_DOWNHILL_Y, NN_P_DOWNHILL_SGD, NN_P_DOWNHILL_MOMENTUM,
  NN_P_DOWNHILL_RMSPROP, NN_P_DOWNHILL_ADAM, /* the downhill panel's */
  NN_P_DATA, /* own points */
  NN_P_COUNT
} nn_param_id;

/* What a parameter's value is, and so how it is read, checked and written. */
typedef enum {
  NN_PARAM_CHOICE, /* exactly one of the names choice_name(first..last), as written */
  NN_PARAM_NUMBER, /* a double (JS Number()) within the row's range; an unbounded one finite */
  NN_PARAM_WHOLE,  /* an int: a whole number within the row's range */
  NN_PARAM_BOOL,   /* "false" is false, any other non-empty value true */
  NN_PARAM_SHAPE,  /* networkShape: neurons per hidden layer, "" = none */
  NN_PARAM_TEXT,   /* a string of 1..(size - 1) bytes (id_chars: only [A-Za-z0-9_-]) */
  NN_PARAM_LESSON, /* a lesson id (lessons.h), whose parameters the link starts from */
  NN_PARAM_SPEED,  /* epochs per frame: one of NN_SPEED_STEPS, or "max" (NN_SPEED_MAX) */
} nn_param_kind;

typedef struct {
  const char *name;     /* the URL name (TFP's where TFP has the parameter) */
  nn_param_kind kind;
  size_t offset;        /* of its field in nn_config */
  size_t size;          /* TEXT, LESSON: bytes of the char array (NUL included) */
  int first, last;      /* CHOICE: the enum values that are names */
  const char *(*choice_name)(int value);
  int also_default;     /* CHOICE: a value that counts as the default in the hash (init=zeros is
                           written as initZero=true), or -1 */
  double min, max;      /* NUMBER, WHOLE: the accepted range */
  bool even;            /* WHOLE: only even numbers (a two-class dataset splits its points) */
  bool min_open, max_open;
  bool id_chars;        /* TEXT: only letters, digits, '-' and '_' (it names a file) */
  /* TEXT: a further check of the value (NULL: none); false refuses it, with the reason. */
  bool (*check)(const char *value, size_t len, char *why, size_t why_cap);
  const char *fallback; /* TEXT, LESSON, NUMBER, WHOLE: what an unusable value gives, e.g. "no
                           tutorial"; a NUMBER or WHOLE with one has no value by default
                           ("none") */
  bool tfp;             /* TFP's own: always in the state's JSON, as in the fixtures. Others are
                           left out of hash and JSON at their default, so a TFP link is written
                           back as TFP writes it */
  bool omit_default;    /* left out of the hash at its default (unless the lesson sets it) */
  bool null_when_empty; /* TEXT: JSON null rather than "" when empty */
  bool hideable;        /* `<name>_hide=true` hides its control in the page */
  bool live;            /* may change while training, keeping the network and the epoch; every
                           other parameter starts the experiment again */
  const char *doc;      /* README "values" text after the default (markdown); NULL in wasm */
  const char *control;  /* README "control": the page's control, "—" for none; NULL in wasm */
} nn_param;

/* The row of parameter id (0 <= id < NN_P_COUNT). */
const nn_param *nn_param_row(nn_param_id id);

/* The id of the parameter named by the len bytes at name (exact, case-sensitive), or -1. */
int nn_param_find(const char *name, size_t len);

/* Page controls that are not parameters but that `<name>_hide=true` hides too. */
extern const char *const NN_HIDEABLE_CONTROLS[];
extern const int NN_HIDEABLE_CONTROLS_COUNT;

/* The epochs per frame `speed` accepts besides "max", ascending. */
extern const int NN_SPEED_STEPS[];
extern const int NN_SPEED_STEPS_COUNT;

/* The field of parameter p in cfg, typed by its kind: CHOICE int, NUMBER double, WHOLE and
 * SPEED int, BOOL bool, TEXT and LESSON char[size]. SHAPE has num_hidden_layers and
 * network_shape instead (its offset is network_shape's). */
void *nn_param_field(nn_config *cfg, const nn_param *p);
const void *nn_param_field_const(const nn_config *cfg, const nn_param *p);

/* True when parameter p of cfg has its default value (nn_config_default): for TEXT and LESSON,
 * when empty; for CHOICE, also when it is also_default. */
bool nn_param_at_default(const nn_config *cfg, const nn_param *p);

/* The default of p as URL text ("tanh", "0.03", "4,2", "none" for TEXT, LESSON and a NUMBER
 * with a fallback), written into out (capacity cap, NUL-terminated). */
void nn_param_default_text(const nn_param *p, char *out, size_t cap);

/* What p accepts, as a short phrase: "relu | tanh | ...", "0 <= x < 1" ("0 ≤ x < 1" when
 * unicode), "a whole number, 1 <= x <= 1000", "true | false", ... (x is the parameter's name).
 * snprintf-like into out; returns the length needed. */
size_t nn_param_accepts(const nn_param *p, bool unicode, char *out, size_t cap);

/* The README's parameter table (markdown, columns parameter | values | control), one row per
 * parameter in table order, then the `<name>_hide` row and the list of hideable names.
 * snprintf-like: returns the full length needed, excluding the NUL. */
size_t nn_params_markdown(char *out, size_t cap);

/* The table for `nnplay --help`: one line per parameter (name, default, what it accepts, live),
 * plain ASCII. snprintf-like. */
size_t nn_params_help(char *out, size_t cap);

#endif
