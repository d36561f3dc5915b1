/* from_hash.h — an experiment built from a URL hash, for tests: the hash must parse without a
 * notice (a test's own hash is never malformed) and the experiment must build; the test frees
 * it with nn_experiment_destroy. */
#ifndef NN_TEST_FROM_HASH_H
#define NN_TEST_FROM_HASH_H

#include "experiment.h"

nn_experiment *nn_test_from_hash(const char *hash);

#endif
