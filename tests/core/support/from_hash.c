/* from_hash.c — see from_hash.h. */
#include "from_hash.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "state.h"

nn_experiment *nn_test_from_hash(const char *hash) {
  nn_config cfg;
  nn_notices notices;
  nn_state_parse(hash, &cfg, &notices);
  if (notices.count > 0)
    fail_msg("%s: %s %s", hash, notices.items[0].param, notices.items[0].reason);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  return e;
}
