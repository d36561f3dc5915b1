/* test_goals.c — the goals `goalTrainLoss` and `goalTestLoss`: none by default (and then in
 * neither the hash nor the JSON), any finite number >= 0 kept and written back as given, every
 * other value refused with a notice that says no goal is set, and the lessons' goals reached
 * by the fix each lesson asks for. */
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
#include "lessons.h"
#include "params.h"
#include "state.h"
#include "state_text.h"

static void no_goal_by_default_and_none_written(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("dataset=xor&seed=a", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.goal_train_loss == NN_NO_GOAL);
  assert_true(cfg.goal_test_loss == NN_NO_GOAL);
  char *h = nn_test_hash_of(&cfg), *j = nn_test_state_json_of(&cfg);
  assert_null(strstr(h, "goal"));
  assert_null(strstr(j, "goal"));
  free(h);
  free(j);
  char def[16];
  nn_param_default_text(nn_param_row(NN_P_GOAL_TEST_LOSS), def, sizeof def);
  assert_string_equal(def, "none");
}

static void a_goal_is_kept_and_written_back_as_given(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("goalTestLoss=0.05&seed=a&goalTrainLoss=0", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.goal_test_loss == 0.05);
  assert_true(cfg.goal_train_loss == 0);
  char *h = nn_test_hash_of(&cfg), *j = nn_test_state_json_of(&cfg);
  assert_non_null(strstr(h, "&goalTrainLoss=0&goalTestLoss=0.05"));
  assert_non_null(strstr(j, "\"goalTrainLoss\":0,\"goalTestLoss\":0.05"));
  nn_config again;
  nn_state_parse(h, &again, &ns);
  assert_int_equal(ns.count, 0);
  char *h2 = nn_test_hash_of(&again);
  assert_string_equal(h, h2);
  free(h);
  free(h2);
  free(j);
  nn_state_parse("goalTrainLoss=1e3&goalTestLoss=.5", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.goal_train_loss == 1000 && cfg.goal_test_loss == 0.5);
}

/* Each bad value: one notice naming the parameter and the value as written, and no goal. */
static void a_bad_goal_is_refused_with_a_notice_and_sets_no_goal(void **state) {
  (void)state;
  static const struct { const char *value, *reason; } bad[] = {
    {"-0.1", "must not be negative; no goal"},
    {"abc", "not a number; no goal"},
    {"Infinity", "not a finite number; no goal"},
    {"NaN", "not a number; no goal"},
    {"1e400", "not a finite number; no goal"},
    {"", "empty value; no goal"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    for (int which = 0; which < 2; which++) {
      const char *name = which ? "goalTestLoss" : "goalTrainLoss";
      char hash[64];
      snprintf(hash, sizeof hash, "%s=%s", name, bad[k].value);
      nn_config cfg;
      nn_notices ns;
      nn_state_parse(hash, &cfg, &ns);
      assert_int_equal(ns.count, 1);
      assert_string_equal(ns.items[0].param, name);
      assert_string_equal(ns.items[0].value, bad[k].value);
      assert_string_equal(ns.items[0].reason, bad[k].reason);
      assert_true(cfg.goal_train_loss == NN_NO_GOAL && cfg.goal_test_loss == NN_NO_GOAL);
    }
  }
}

/* A link's goal wins over its lesson's; the lesson's is written out beside `lesson=`. */
static void a_lesson_gives_its_goal_and_the_link_may_change_it(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("lesson=xor-mlp", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.goal_test_loss == 0.05 && cfg.goal_train_loss == NN_NO_GOAL);
  char *h = nn_test_hash_of(&cfg);
  assert_non_null(strstr(h, "goalTestLoss=0.05"));
  free(h);
  nn_state_parse("lesson=xor-mlp&goalTestLoss=0.02", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.goal_test_loss == 0.02);
}

/* Trains until the goal is reached or `epochs` have passed; the first epoch whose loss is at
 * most the goal, or -1. */
static int epoch_reaching(const char *hash, int epochs) {
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(hash, &cfg, &ns);
  assert_int_equal(ns.count, 0);
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &cfg), NN_OK);
  assert_int_equal(nn_experiment_train(e, epochs), NN_OK);
  int rows;
  const double *c = nn_experiment_loss_curve(e, &rows);
  int found = -1;
  for (int r = 0; r < rows && found < 0; r++) {
    if (cfg.goal_train_loss != NN_NO_GOAL && c[2 * r] <= cfg.goal_train_loss) found = r;
    if (cfg.goal_test_loss != NN_NO_GOAL && c[2 * r + 1] <= cfg.goal_test_loss) found = r;
  }
  nn_experiment_destroy(e);
  return found;
}

/* Every lesson with a goal: not reached as the lesson starts (where the lesson asks for a fix),
 * reached once the fix is made. */
static void each_lessons_goal_is_reached_by_the_lessons_fix(void **state) {
  (void)state;
  static const struct { const char *hash; int epochs; bool reached_as_is; } cases[] = {
    {"lesson=perceptron-separable", 50, true},
    {"lesson=xor-mlp", 300, true},
    {"lesson=activations", 1000, false},
    {"lesson=activations&activation=tanh", 300, true},
    {"lesson=learning-rate-too-high", 1000, false},
    {"lesson=learning-rate-too-high&learningRate=0.03", 300, true},
    {"lesson=underfitting", 1000, false},
    {"lesson=underfitting&networkShape=8,8,8", 1000, true},
    {"lesson=sgd-vs-adam", 300, false},
    {"lesson=sgd-vs-adam&optimizer=adam", 300, true},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    int at = epoch_reaching(cases[k].hash, cases[k].epochs);
    if ((at >= 0) != cases[k].reached_as_is)
      fail_msg("%s: goal %s within %d epochs (epoch %d)", cases[k].hash,
               cases[k].reached_as_is ? "not reached" : "reached", cases[k].epochs, at);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(no_goal_by_default_and_none_written),
    cmocka_unit_test(a_goal_is_kept_and_written_back_as_given),
    cmocka_unit_test(a_bad_goal_is_refused_with_a_notice_and_sets_no_goal),
    cmocka_unit_test(a_lesson_gives_its_goal_and_the_link_may_change_it),
    cmocka_unit_test(each_lessons_goal_is_reached_by_the_lessons_fix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
