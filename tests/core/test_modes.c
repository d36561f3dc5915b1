/* test_modes.c — the `mode` and `model` URL parameters: accepted values, bad values falling
 * back to the default with a notice, the perceptron refused for regression, serialization only
 * when not the default (TFP links unchanged), and round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "each_fixture.h"
#include "fixture.h"
#include "state.h"
#include "state_text.h"

static void mode_and_model_accept_their_names(void **st) {
  (void)st;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("mode=simplified&model=perceptron", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(cfg.mode, NN_MODE_SIMPLIFIED);
  assert_int_equal(cfg.model, NN_MODEL_PERCEPTRON);
  nn_state_parse("mode=complete&model=mlp", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(cfg.mode, NN_MODE_COMPLETE);
  assert_int_equal(cfg.model, NN_MODEL_MLP);
  nn_state_parse("", &cfg, &ns);
  assert_int_equal(cfg.mode, NN_MODE_COMPLETE); /* defaults */
  assert_int_equal(cfg.model, NN_MODEL_MLP);
  assert_string_equal(nn_model_name(NN_MODEL_PERCEPTRON), "perceptron");
  assert_string_equal(nn_mode_name(NN_MODE_SIMPLIFIED), "simplified");
}

static void bad_mode_or_model_keeps_the_default_with_a_notice(void **st) {
  (void)st;
  const char *bad[] = {"mode=easy", "mode=Simplified", "mode= simplified", "mode=", "mode",
                       "model=svm", "model=Perceptron", "model=toString", "model=", "model",
                       "model=perceptron=1"};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    char hash[96];
    snprintf(hash, sizeof hash, "dataset=xor&%s", bad[k]);
    nn_config cfg;
    nn_notices ns;
    nn_state_parse(hash, &cfg, &ns);
    if (ns.count < 1) fail_msg("%s: no notice", hash);
    const char *param = strncmp(bad[k], "model", 5) == 0 ? "model" : "mode";
    assert_string_equal(ns.items[0].param, param);
    assert_int_equal(cfg.dataset, NN_DATA_XOR);
    if (strcmp(bad[k], "model=perceptron=1") == 0) {
      assert_int_equal(cfg.model, NN_MODEL_PERCEPTRON); /* TFP's rule: text before the '=' */
      continue;
    }
    assert_int_equal(cfg.mode, NN_MODE_COMPLETE);
    assert_int_equal(cfg.model, NN_MODEL_MLP);
  }
}

static void the_perceptron_is_refused_for_regression(void **st) {
  (void)st;
  const char *hashes[] = {"model=perceptron&problem=regression",
                          "problem=regression&model=perceptron&regDataset=reg-gauss"};
  for (int k = 0; k < 2; k++) {
    nn_config cfg;
    nn_notices ns;
    nn_state_parse(hashes[k], &cfg, &ns);
    assert_int_equal(ns.count, 1);
    assert_string_equal(ns.items[0].param, "model");
    assert_string_equal(ns.items[0].value, "perceptron");
    assert_non_null(strstr(ns.items[0].reason, "mlp"));
    assert_int_equal(cfg.model, NN_MODEL_MLP);
    assert_int_equal(cfg.problem, NN_PROBLEM_REGRESSION);
    strcpy(cfg.seed, "r"); /* and it builds, as an MLP */
    nn_experiment *e = NULL;
    assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
    nn_experiment_destroy(e);
  }
}

/* A TFP link written back gains no mode, model or lesson, in the hash or in the state JSON. */
static void writes_no_lecture_names(const nn_fixture *fx, const char *path, void *ctx) {
  (void)path;
  (void)ctx;
  nn_config cfg;
  nn_state_parse(fx->hash, &cfg, NULL);
  char *s = nn_test_hash_of(&cfg);
  if (strstr(s, "mode=") || strstr(s, "model=") || strstr(s, "lesson="))
    fail_msg("%s: %s", fx->name, s);
  char *j = nn_test_state_json_of(&cfg);
  if (strstr(j, "\"mode\"") || strstr(j, "\"model\"") || strstr(j, "\"lesson\""))
    fail_msg("%s: %s", fx->name, j);
  free(j);
  free(s);
}

static void defaults_are_not_written_so_tfp_links_serialize_as_before(void **st) {
  (void)st;
  nn_each_fixture(writes_no_lecture_names, NULL);
  /* explicit defaults are dropped too */
  nn_config cfg;
  nn_state_parse("mode=complete&model=mlp&seed=a", &cfg, NULL);
  char *s = nn_test_hash_of(&cfg);
  assert_null(strstr(s, "mode"));
  free(s);
}

static void set_modes_are_written_after_tfp_parameters_and_round_trip(void **st) {
  (void)st;
  nn_config a, b;
  nn_notices ns;
  nn_state_parse("x_hide=true&model=perceptron&dataset=gauss&mode=simplified&seed=s", &a, &ns);
  assert_int_equal(ns.count, 0);
  char *s1 = nn_test_hash_of(&a);
  const char *m = strstr(s1, "&mode=simplified&model=perceptron");
  if (!m) fail_msg("%s", s1);
  assert_true(m > strstr(s1, "hideText=")); /* after TFP's last parameter */
  assert_true(m < strstr(s1, "x_hide=true")); /* before the _hide entries */
  nn_state_parse(s1, &b, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(b.model, NN_MODEL_PERCEPTRON);
  assert_int_equal(b.mode, NN_MODE_SIMPLIFIED);
  char *s2 = nn_test_hash_of(&b);
  assert_string_equal(s1, s2);
  char *j = nn_test_state_json_of(&b);
  assert_non_null(strstr(j, "\"mode\":\"simplified\",\"model\":\"perceptron\""));
  free(j);
  free(s1);
  free(s2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(mode_and_model_accept_their_names),
      cmocka_unit_test(bad_mode_or_model_keeps_the_default_with_a_notice),
      cmocka_unit_test(the_perceptron_is_refused_for_regression),
      cmocka_unit_test(defaults_are_not_written_so_tfp_links_serialize_as_before),
      cmocka_unit_test(set_modes_are_written_after_tfp_parameters_and_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
