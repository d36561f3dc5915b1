/* each_fixture.c — see each_fixture.h. */
#include "each_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

void nn_each_fixture(void (*check)(const nn_fixture *fx, const char *path, void *ctx), void *ctx) {
  char **paths = NULL;
  int n = nn_fixture_list(NN_FIXTURES_DIR, &paths);
  assert_true(n >= 16);
  for (int i = 0; i < n; i++) {
    nn_fixture fx;
    char err[256];
    if (!nn_fixture_load(&fx, paths[i], err, sizeof err)) fail_msg("%s: %s", paths[i], err);
    check(&fx, paths[i], ctx);
    nn_fixture_free(&fx);
  }
  nn_fixture_list_free(paths, n);
}
