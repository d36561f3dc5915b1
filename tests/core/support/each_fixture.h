/* each_fixture.h — a test's loop over every golden fixture. */
#ifndef NN_TEST_EACH_FIXTURE_H
#define NN_TEST_EACH_FIXTURE_H

#include "fixture.h"

/* Loads every fixture in NN_FIXTURES_DIR in name order (there must be at least 16) and calls
 * check(fx, path, ctx) on each, then frees it. A fixture that does not load fails the test. */
void nn_each_fixture(void (*check)(const nn_fixture *fx, const char *path, void *ctx), void *ctx);

#endif
