/* state_text.c — see state_text.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "state.h"
#include "state_text.h"

char *nn_test_hash_of(const nn_config *cfg) {
  size_t n = nn_state_serialize(cfg, NULL, 0);
  char *s = malloc(n + 1);
  assert_non_null(s);
  nn_state_serialize(cfg, s, n + 1);
  return s;
}

char *nn_test_state_json_of(const nn_config *cfg) {
  size_t n = nn_state_json(cfg, NULL, 0);
  char *s = malloc(n + 1);
  assert_non_null(s);
  nn_state_json(cfg, s, n + 1);
  return s;
}
