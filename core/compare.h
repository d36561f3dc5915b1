/* compare.h — `compare=<param>:<v1>,<v2>[,<v3>[,<v4>]]`: two to four variants of one experiment
 * trained side by side, each the link with that one parameter set to its value.
 *
 * A variant is exactly the experiment its own link builds: the link without `compare`, with
 * `<param>=<value>` written last (later duplicates win), parsed as any link. So every variant
 * shares the rest of the link, the seed included: the same data, unless the parameter is one
 * the data is made from (dataset, regDataset, problem, noise, percTrainData, samples, seed), and
 * the same initial weights, unless it changes what is drawn or how (networkShape, the features,
 * init, initZero, and those that change the data). `networkShape` values write their layers
 * with '-' ("networkShape:2,4-2,8-8"), since ',' separates the values; an empty value is no
 * hidden layer.
 */
#ifndef NN_COMPARE_H
#define NN_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "state.h"

enum { NN_MIN_COMPARE = 2, NN_MAX_COMPARE = 4 };

/* Checks cfg->compare after nn_state_parse (which keeps any text of 1..NN_MAX_COMPARE_LEN
 * characters): the CLI calls it, and the page's web/compare.js applies the same rules, each value
 * through the engine's own parser, in the module it loads only for a link that compares (this
 * code stays out of the engine every page load fetches). Accepted: a
 * parameter an experiment is made of (not the display's, the lecture's or the page's:
 * showTestData, discretize, cosX, cosY, collectStats, tutorial, hideText, mode, model, lesson,
 * goalTrainLoss, goalTestLoss, speed, palette, lang, compare), NN_MIN_COMPARE..NN_MAX_COMPARE
 * values each of which its variant's link takes without a notice (the parameter's own rule and
 * the rules between parameters, as for any link), no value given twice, and not the
 * perceptron (model=perceptron). Anything else empties cfg->compare with one notice: the
 * experiment opens alone. */
void nn_compare_check(nn_config *cfg, nn_notices *notices);

/* The number of variants of cfg (0 without compare). */
int nn_compare_count(const nn_config *cfg);

/* The compared parameter (params.h), or -1 without compare. */
int nn_compare_param(const nn_config *cfg);

/* Variant i (0 <= i < count): the config its link gives. For a cfg whose seed was drawn
 * (experiment.h), the variants take that seed. False when i is out of range or memory ran out. */
bool nn_compare_variant(const nn_config *cfg, int i, nn_config *variant);

/* Variant i's value as the link gives it, a shape's layers separated by ',' ("adam", "0.1",
 * "4,2", "" for no hidden layer). snprintf-like into out; "" when i is out of range. */
size_t nn_compare_value(const nn_config *cfg, int i, char *out, size_t cap);

#endif
