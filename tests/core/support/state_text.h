/* state_text.h — a config's hash and JSON as malloc'd strings, for tests that compare them. */
#ifndef NN_TEST_STATE_TEXT_H
#define NN_TEST_STATE_TEXT_H

#include "config.h"

char *nn_test_hash_of(const nn_config *cfg);       /* nn_state_serialize, whole; caller frees */
char *nn_test_state_json_of(const nn_config *cfg); /* nn_state_json, whole; caller frees */

#endif
