/* state.h — URL hash <-> validated nn_config, with a report of what was ignored and why.
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

enum {
  NN_MAX_NOTICES = 32,
  NN_NOTICE_PARAM_LEN = 48,
  NN_NOTICE_VALUE_LEN = 64,   /* longer values are cut and end in "..." */
  NN_NOTICE_REASON_LEN = 160,
};

/* Validation: what each parameter accepts. Anything else keeps the default (config.h) and adds a
 * notice {param, value as written (cut to NN_NOTICE_VALUE_LEN, ending in "..."), reason: one
 * sentence saying what was used instead}. A parameter that is absent gets no notice; a known
 * parameter written without a value ("batchSize") or with an empty/whitespace value
 * ("batchSize=") keeps its default with a notice (TFP keeps the default silently).
 *
 *   param              accepted (after JS unary plus for numbers)        fallback
 *   activation         exactly relu | tanh | sigmoid | linear             tanh
 *   regularization     exactly none | L1 | L2                             none
 *   dataset            exactly circle | xor | gauss | spiral              circle
 *   regDataset         exactly reg-plane | reg-gauss                      reg-plane
 *   problem            exactly classification | regression                classification
 *                      (inherited names such as "toString", "constructor", "__proto__" and
 *                      keys with surrounding spaces are refused: TFP crashes or ignores them)
 *   batchSize          a whole number, 1 <= n <= NN_MAX_BATCH_SIZE        10
 *   learningRate       finite and >= 0 (no upper bound: TFP diverges)     0.03
 *   regularizationRate finite and >= 0                                    0
 *   noise              finite; never clamped (the deployed TFP uses it)   0
 *   percTrainData      0 <= p <= 100                                      50
 *   networkShape       needs "="; empty/blank value = no hidden layer;    4,2
 *                      at most NN_MAX_HIDDEN_LAYERS entries, each a number
 *                      > 0 whose ceil is <= NN_MAX_NEURONS; a non-whole
 *                      count c becomes ceil(c) neurons, as in TFP, with a
 *                      notice ("4,,2", "a", "0", "-1", "1000000" refused)
 *   seed               1..NN_MAX_SEED_LEN characters, not blank, as is    "" (caller draws one)
 *                      (missing: no notice; "seed=" / blank / too long: notice)
 *   tutorial           1..NN_MAX_TUTORIAL_LEN of [A-Za-z0-9_-]            "" (none)
 *                      (it names a file the page may load)
 *   mode               exactly complete | simplified                      complete
 *   model              exactly mlp | perceptron; perceptron only when     mlp
 *                      problem=classification (else a notice)
 *   lesson             a lesson id (lessons.h): its hash gives the        none
 *                      starting parameters, and every parameter the URL
 *                      also gives overrides the lesson's, wherever it
 *                      stands; an unknown id is ignored with a notice
 *   -- nnplay's training options (config.h; written only when not at their default) --
 *   activation         also leakyrelu | elu | softplus | swish (activation.h)
 *   optimizer          exactly sgd | momentum | rmsprop | adam            sgd (TFP's update)
 *   momentum           momentum's coefficient, 0 <= m < 1                 0.9
 *   rho                RMSprop's decay, 0 <= r < 1                        0.9
 *   beta1, beta2       Adam's decays, 0 <= b < 1                          0.9, 0.999
 *   epsilon            RMSprop's and Adam's, 0 < e <= 1                   1e-8
 *   init               exactly uniform | zeros | xavier | he (network.h)  uniform
 *                      init=zeros is initZero=true and is written so;
 *                      either one asks for zeros, which wins a conflict
 *                      ("init=he&initZero=true": zeros, notice)
 *   dropout            hidden-layer drop rate, 0 <= p <= 0.9              0
 *   loss               exactly square | crossentropy; crossentropy only   square
 *                      with problem=classification (else notice, square)
 *   speed              epochs per frame: 1 | 2 | 5 | 10 | 20 | 50 | 100   1
 *                      (as numbers) | max (NN_SPEED_MAX); stored only
 *   booleans           "false" is false, any other non-empty value true   the default
 *   <name>_hide        "true" is true, anything else (even none) false;   entry ignored
 *                      name at most NN_MAX_HIDE_NAME characters before
 *                      "_hide"; at most NN_MAX_HIDE distinct names (the
 *                      rest are ignored with one notice)
 *   unknown names      ignored silently (real links carry some), except   ignored
 *                      names longer than NN_MAX_PARAM_NAME_LEN (notice)
 * A known parameter whose value holds a second "=" ("seed=a=b") uses the text before it, as TFP
 * does, with a notice. Numbers are read as JavaScript's Number(string): surrounding JS whitespace
 * is ignored; decimal with optional sign, ".5", "5.", exponents; "Infinity"; unsigned 0x/0o/0b
 * integers; anything else is NaN. Parsing is linear in the hash length and allocates only for
 * decimal numerals longer than 255 characters. Number parsing and formatting assume the C
 * locale for LC_NUMERIC (the engine never calls setlocale).
 *
 * Serialization writes TFP's parameters in TFP's order, then mode, model and lesson, then
 * optimizer, momentum, rho, beta1, beta2, epsilon, init, dropout, loss, speed — each of these
 * only when it is not the default (so a TFP link serializes exactly as before) — then the _hide
 * entries. The JSON (nn_state_json) has the same keys (speed a number or "max").
 * Round trip: for any hash h, parse(serialize(parse(h))) gives the same config (doubles equal
 * as values, so -0 becomes 0 as in TFP), provided seeds and _hide names contain no '&' or '='
 * (a parsed hash never produces such). */
enum {
  NN_MAX_BATCH_SIZE = 1000,
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

/* Formats a double as JavaScript's String(x) does (shortest round trip: "0.03", "1e-7", "NaN",
 * "Infinity", "-0" is "0"). out needs 32 bytes. Returns the length. */
int nn_format_js_number(double x, char out[32]);

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

/* Writes the len bytes at s as a JSON string literal (with quotes): '"', '\\', control
 * characters, DEL, '<', '>' and '&' are escaped, valid UTF-8 becomes \uXXXX (surrogate pairs
 * above U+FFFF), and each byte that is not part of valid UTF-8 becomes \ufffd. snprintf-like. */
size_t nn_json_string(const char *s, size_t len, char *out, size_t cap);

/* JavaScript's Number(string) (= unary plus) on the len bytes at s (UTF-8; need not be
 * NUL-terminated): "" and blank give 0, "1e-3" 0.001, "0x10" 16, " 5 " 5, "Infinity", "-0" -0,
 * "abc" NaN. Exposed for tests and the page. */
double nn_js_string_to_number(const char *s, size_t len);

#endif
