/* changelog.h — what happened during training, as a link writes it: the epoch the link shows
 * and the changes made on the way.
 *
 * A link is the base parameters (the settings at epoch 0; state.h), then `epoch=N`, then one
 * entry per change in the order made:
 *   NAME@E=VALUE   a live parameter (nn_change_param_id) set to VALUE, as a link writes it
 *   wL.F.T@E=X     the weight of the link from node F of layer L-1 to node T of layer L
 *   bL.N@E=X       the bias of node N of layer L
 * with L >= 1 counting the layers after the inputs, and X a number as JavaScript's String(x)
 * writes it ("-0" for negative zero), so the bits come back. An entry at epoch E applies when
 * the experiment is at epoch E: after E epochs were trained and before epoch E+1 is; entries of
 * one epoch apply in link order. e.g.
 *   ...&learningRate=0.03&epoch=500&learningRate@200=0.3&optimizer@350=adam&w1.0.2@350=0.5
 *
 * Parsing is linear in the hash length and bounded: at most NN_MAX_CHANGES entries are kept
 * (one notice for the rest). Every refused entry gets a notice naming it, and the rest apply:
 * a name that is not a live parameter nor an existing weight or bias, an epoch that is not a
 * whole number, earlier than the entry before it or later than the link's epoch, a value the
 * parameter refuses, an edit value that is not a finite number. `epoch` itself: a whole number
 * 0..NN_MAX_EPOCH (absent: 0); above it, a notice and NN_MAX_EPOCH; otherwise refused, 0.
 */
#ifndef NN_CHANGELOG_H
#define NN_CHANGELOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "state.h"

enum {
  NN_MAX_EPOCH = 1000000,
  NN_MAX_CHANGES = 1000,
  NN_CHANGE_VALUE_LEN = 32, /* a live parameter's value as written, NUL included */
};

typedef enum { NN_CHANGE_PARAM, NN_CHANGE_WEIGHT, NN_CHANGE_BIAS } nn_change_kind;

typedef struct {
  int epoch;
  nn_change_kind kind;
  int param;              /* PARAM: its nn_param_id */
  int layer, from, to;    /* WEIGHT: layer >= 1, from, to; BIAS: layer, node in `to` */
  double number;          /* WEIGHT, BIAS: the value */
  char value[NN_CHANGE_VALUE_LEN]; /* PARAM: the canonical value text ("0.3", "adam") */
} nn_change;

typedef struct {
  int target_epoch;  /* the link's `epoch` */
  int count, cap;
  nn_change *items;  /* count entries, epochs non-decreasing */
} nn_changelog;

void nn_changelog_init(nn_changelog *log);            /* empty, target 0 */
void nn_changelog_free(nn_changelog *log);            /* back to empty; NULL allowed */
/* Appends c; false (nothing changed) when full (NN_MAX_CHANGES) or out of memory. */
bool nn_changelog_append(nn_changelog *log, const nn_change *c);

/* The id of a parameter that may change while training and is logged (params.h `live`, less
 * the display-only speed, showTestData and discretize), or -1. */
int nn_change_param_id(const char *name, size_t len);

/* A live change of parameter `name` to `value` (as a link writes it) at `epoch`, checked as
 * the hash parser checks it: true and *out filled with the canonical value, or false with the
 * reason (one sentence) in why[NN_NOTICE_REASON_LEN + 1]. */
bool nn_change_make_param(nn_change *out, const char *name, size_t name_len, const char *value,
                          size_t value_len, int epoch, char *why);

/* True when the WEIGHT or BIAS edit c names one of a network of `layers` layers of sizes. */
bool nn_change_edit_exists(const nn_change *c, const int *sizes, int layers);

/* Applies a PARAM change to cfg. */
void nn_change_apply_param(const nn_change *c, nn_config *cfg);

/* Reads `epoch=` and the entries of hash (no '#') for an experiment whose base config is base
 * (its layout says which weights and biases exist), appending notices. Never fails for bad
 * input; false only when out of memory (log then empty). */
bool nn_changelog_parse(const char *hash, const nn_config *base, nn_changelog *log,
                        nn_notices *notices);

/* Writes the link of base (nn_state_serialize) followed by "&epoch=E" (when E > 0) and
 * entries [0, count) of log, each after a '&'. snprintf-like. */
size_t nn_link_write(const nn_config *base, const nn_changelog *log, int count, int epoch,
                     char *out, size_t cap);

/* FNV-1a (64 bits) over bytes, continued from h (start with NN_FNV_START). */
#define NN_FNV_START UINT64_C(0xcbf29ce484222325)
uint64_t nn_fnv1a(uint64_t h, const void *bytes, size_t n);

#endif
