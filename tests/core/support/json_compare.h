/* json_compare.h — comparing nnplay's JSON output and parsed configs with the raw JSON of the
 * TFP fixtures (loading and number conversion come from fixture.h).
 *
 * Fixture numbers are JSON numbers, or the strings "NaN", "Infinity", "-Infinity"; -0 is -0.0.
 * "Equal" for numbers means nn_same_double: the same double bit for bit, any NaN equal to NaN.
 */
#ifndef NN_TEST_JSON_COMPARE_H
#define NN_TEST_JSON_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "config.h"

/* Deep comparison of `got` with `want`: numbers (or number strings) as nn_same_double, other
 * strings exactly, booleans, null, arrays element by element, objects with the same key set.
 * On a mismatch returns false and writes where and what into why (may be NULL). */
bool jc_equal(const cJSON *got, const cJSON *want, char *why, size_t cap);

/* Compares cfg with a fixture's `state` object, field by field (all TFP names and `hide`).
 * With check_seed false the seed is not compared. */
bool jc_config_matches_state(const nn_config *cfg, const cJSON *state, bool check_seed,
                             char *why, size_t cap);

#endif
