/* link.c — see link.h. */
#include "link.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "changelog.h"

nn_experiment *nn_test_open_link(const char *hash, nn_notices *notices) {
  nn_config cfg;
  nn_notices local;
  if (!notices) notices = &local;
  nn_state_parse(hash, &cfg, notices);
  nn_changelog log;
  nn_changelog_init(&log);
  assert_true(nn_changelog_parse(hash, &cfg, &log, notices));
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  assert_int_equal(nn_experiment_set_changes(e, &log), NN_OK);
  nn_changelog_free(&log);
  return e;
}

char *nn_test_link_of(const nn_experiment *e) {
  size_t n = nn_experiment_link(e, NULL, 0);
  char *text = malloc(n + 1);
  assert_non_null(text);
  assert_int_equal(nn_experiment_link(e, text, n + 1), n);
  return text;
}

static void assert_same_rows(const double *a, const double *b, int rows) {
  for (int r = 0; r < rows; r++) {
    if (a[2 * r] == NN_NOT_EVALUATED || b[2 * r] == NN_NOT_EVALUATED) continue;
    assert_memory_equal(a + 2 * r, b + 2 * r, 2 * sizeof *a);
  }
}

void nn_test_assert_same_screen(const nn_experiment *a, const nn_experiment *b) {
  assert_int_equal(nn_experiment_epoch(a), nn_experiment_epoch(b));
  const nn_network *x = nn_experiment_network(a), *y = nn_experiment_network(b);
  assert_int_equal(x->num_params, y->num_params);
  assert_memory_equal(x->params, y->params, (size_t)x->num_params * sizeof *x->params);
  assert_memory_equal(x->dead, y->dead, (size_t)x->num_params);
  char ca[8192], cb[8192];
  nn_state_serialize(nn_experiment_config(a), ca, sizeof ca);
  nn_state_serialize(nn_experiment_config(b), cb, sizeof cb);
  assert_string_equal(ca, cb);
  int rows = nn_experiment_epoch(a) + 1;
  assert_same_rows(nn_experiment_loss_curve(a, NULL), nn_experiment_loss_curve(b, NULL), rows);
  assert_same_rows(nn_experiment_accuracy_curve(a, NULL), nn_experiment_accuracy_curve(b, NULL),
                   rows);
}
