/* link.h — opening a whole link in tests, as the page and the CLI open it: the base parameters
 * (state.h), then the change log (changelog.h) given to the new experiment; and comparing two
 * experiments bit for bit. */
#ifndef NN_TEST_LINK_H
#define NN_TEST_LINK_H

#include <stdbool.h>

#include "experiment.h"
#include "state.h"

/* The experiment of `hash` at epoch 0 (not yet trained to its epoch); notices (may be NULL)
 * get what the link asked for that was not used. The hash must carry a seed. */
nn_experiment *nn_test_open_link(const char *hash, nn_notices *notices);

/* The experiment's link (nn_experiment_link), malloc'd. */
char *nn_test_link_of(const nn_experiment *e);

/* Same epoch, parameters, dead flags and settings now, and the same rows 0..epoch of the loss
 * and accuracy curves where both evaluated them: asserted (cmocka). */
void nn_test_assert_same_screen(const nn_experiment *a, const nn_experiment *b);

#endif
