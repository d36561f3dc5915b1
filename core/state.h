/* state.h — URL hash <-> validated nn_config, with a report of what was ignored and why.
 *
 * Parsing follows TFP (docs: tfp-behaviour §8): split on "&" then "=", no percent-decoding,
 * later duplicates win, unknown names ignored, numbers read as JavaScript's unary plus reads
 * them, booleans false only for "false". Where TFP would crash or accept nonsense (a bare
 * `networkShape`, `activation=toString`, a NaN learning rate, a layer of 10^6 neurons), that
 * parameter keeps its default and a notice records the parameter, the value and the reason.
 */
#ifndef NN_STATE_H
#define NN_STATE_H

#include <stddef.h>

#include "config.h"

enum {
  NN_MAX_NOTICES = 32,
  NN_NOTICE_PARAM_LEN = 48,
  NN_NOTICE_VALUE_LEN = 64,   /* longer values are cut and end in "..." */
  NN_NOTICE_REASON_LEN = 160,
};

typedef struct {
  char param[NN_NOTICE_PARAM_LEN + 1];
  char value[NN_NOTICE_VALUE_LEN + 1];
  char reason[NN_NOTICE_REASON_LEN + 1]; /* one English sentence, e.g. "not a number; using 0.03" */
} nn_notice;

typedef struct {
  int count;          /* notices kept (at most NN_MAX_NOTICES) */
  int dropped;        /* further notices not kept */
  nn_notice items[NN_MAX_NOTICES];
} nn_notices;

/* Parses `hash` (without the leading '#'; NULL or "" gives the defaults) into *cfg, starting from
 * nn_config_default. Never fails: bad values become defaults plus notices. cfg->seed is "" when
 * the hash has no usable seed (missing, empty or whitespace only); the caller then draws one
 * (experiment.h: nn_seed_from_unseeded). `notices` may be NULL. */
void nn_state_parse(const char *hash, nn_config *cfg, nn_notices *notices);

/* Writes cfg as a hash in TFP's order (tfp-behaviour §8.4), without '#', into out (capacity cap,
 * always NUL-terminated when cap > 0). Returns the full length needed, excluding the NUL, like
 * snprintf; the output was complete if the return value < cap. */
size_t nn_state_serialize(const nn_config *cfg, char *out, size_t cap);

/* Formats a double as JavaScript's String(x) does (shortest round trip: "0.03", "1e-7", "NaN",
 * "Infinity", "-0" is "0"). out needs 32 bytes. Returns the length. */
int nn_format_js_number(double x, char out[32]);

#endif
