/* state.h — URL hash <-> validated nn_config, with a report of what was ignored and why.
 * (Number()/String() of JavaScript are in js_number.h, JSON strings in json_writer.h; both
 * come with this header.)
 *
 * Parsing follows TFP (docs/tfp-behaviour.md §8): split on "&" then "=", no percent-decoding,
 * later duplicates win, unknown names ignored, numbers read as JavaScript's unary plus reads
 * them, booleans false only for "false". Where TFP would crash or accept nonsense (a bare
 * `networkShape`, `activation=toString`, a NaN learning rate, a layer of 10^6 neurons), that
 * parameter keeps its default and a notice records the parameter, the value and the reason.
 */
#ifndef NN_STATE_H
#define NN_STATE_H

#include <stddef.h>

#include "config.h"
#include "js_number.h"
#include "json_writer.h"
#include "params.h"

enum {
  NN_MAX_NOTICES = 32,
  NN_NOTICE_PARAM_LEN = 48,
  NN_NOTICE_VALUE_LEN = 64,   /* longer values are cut and end in "..." */
  NN_NOTICE_REASON_LEN = 160,
};

/* Validation. What each parameter accepts, its default and its fallback are its row in params.c
 * (`nnplay --help` prints them; README's table is generated from them). Anything else keeps the
 * default (config.h) and adds a notice {param, value as written (cut to NN_NOTICE_VALUE_LEN,
 * ending in "..."), reason: one sentence saying what was used instead}. A parameter that is
 * absent gets no notice; a known parameter written without a value ("batchSize") or with an
 * empty/whitespace value ("batchSize=") keeps its default with a notice (TFP keeps the default
 * silently). Rules by kind (params.h):
 *
 *   choice        exactly one of the names, as written: inherited names such as "toString",
 *                 "constructor", "__proto__" and keys with surrounding spaces are refused (TFP
 *                 crashes or ignores them)
 *   number        JS unary plus, then the row's range; one unbounded above must be finite
 *                 (noise is never clamped: the deployed TFP uses it as is)
 *   networkShape  needs "="; empty/blank value = no hidden layer; at most NN_MAX_HIDDEN_LAYERS
 *                 entries, each a number > 0 whose ceil is <= NN_MAX_NEURONS; a non-whole count
 *                 c becomes ceil(c) neurons, as in TFP, with a notice ("4,,2", "a", "0", "-1",
 *                 "1000000" refused)
 *   seed          1..NN_MAX_SEED_LEN characters, not blank, as is; missing: no notice, and the
 *                 caller draws one
 *   tutorial      1..NN_MAX_TUTORIAL_LEN of [A-Za-z0-9_-] (it names a file the page may load)
 *   lesson        a lesson id (lessons.h): its hash gives the starting parameters, and every
 *                 parameter the URL also gives overrides the lesson's, wherever it stands; an
 *                 unknown id is ignored with a notice
 *   speed         epochs per frame: NN_SPEED_STEPS (as numbers) or max (NN_SPEED_MAX); stored
 *   booleans      "false" is false, any other non-empty value true
 *   <name>_hide   "true" is true, anything else (even none) false; name at most
 *                 NN_MAX_HIDE_NAME characters before "_hide"; at most NN_MAX_HIDE distinct
 *                 names (the rest are ignored with one notice)
 *   unknown names ignored silently (real links carry some), except names longer than
 *                 NN_MAX_PARAM_NAME_LEN (notice)
 * Between parameters: model=perceptron only with problem=classification (else mlp, notice);
 * loss=crossentropy only with problem=classification (else square, notice); init=zeros is
 * initZero=true and is written so, either one asks for zeros, which wins a conflict
 * ("init=he&initZero=true": zeros, notice).
 * A known parameter whose value holds a second "=" ("seed=a=b") uses the text before it, as TFP
 * does, with a notice. Numbers are read as JavaScript's Number(string) (js_number.h). Parsing
 * is linear in the hash length.
 *
 * Serialization writes the parameters in the table's order (TFP's, then mode, model and lesson,
 * then nnplay's training options), leaving out those marked omit_default while at their default
 * (so a TFP link serializes exactly as before), then the _hide entries. The JSON (nn_state_json)
 * has the same keys (speed a number or "max"), nnplay's own only when not at their default.
 * Round trip: for any hash h, parse(serialize(parse(h))) gives the same config (doubles equal
 * as values, so -0 becomes 0 as in TFP), provided seeds and _hide names contain no '&' or '='
 * (a parsed hash never produces such). */
enum {
  NN_MAX_PARAM_NAME_LEN = 64, /* longer parameter names are ignored with a notice */
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

/* Writes cfg as a hash in TFP's order (docs/tfp-behaviour.md §8.4), without '#', into out (capacity cap,
 * always NUL-terminated when cap > 0). Returns the full length needed, excluding the NUL, like
 * snprintf; the output was complete if the return value < cap. */
size_t nn_state_serialize(const nn_config *cfg, char *out, size_t cap);

/* Writes cfg as the JSON object the fixtures call `state`: TFP's names, choices by name, numbers
 * in JS's shortest form, networkShape an array, seed a string, tutorial null when empty, and
 * "hide": {"<name>_hide": bool, ...} in first-seen order; "mode", "model" (strings) and "lesson"
 * (string) only when not the default. Strings are escaped so that the output
 * is pure ASCII (see nn_json_string). snprintf-like: returns the full length needed, excluding
 * the NUL; out may be NULL when cap is 0. */
size_t nn_state_json(const nn_config *cfg, char *out, size_t cap);

/* Writes the notices as a JSON array [{"param": ..., "value": ..., "reason": ...}, ...].
 * snprintf-like, as nn_state_json. */
size_t nn_notices_json(const nn_notices *notices, char *out, size_t cap);

/* Applies one parameter's value, as a link writes it (value[0..len), value NULL = none), to cfg
 * by that parameter's rule above: a refused value leaves cfg as it was and adds a notice. No
 * rule between parameters is applied (the change log uses it for live parameters). */
void nn_state_apply_value(nn_config *cfg, int id, const char *value, size_t len,
                          nn_notices *notices);

/* The value of parameter p in cfg as the hash writes it ("0.03", "adam", "true"), for every
 * kind but SHAPE (""); num is the buffer numbers are written into. */
const char *nn_state_value_text(const nn_config *cfg, const nn_param *p, char num[32]);

#endif
