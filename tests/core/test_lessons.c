/* test_lessons.c — the lesson table: every hash is clean and builds, `lesson=<id>` gives the
 * lesson's parameters with the URL's own overriding them, unknown ids are refused with a
 * notice, and each lesson shows what its goal promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "lesson_words.h"
#include "lessons.h"
#include "perceptron.h"
#include "state.h"

static void parse_clean(const char *hash, nn_config *cfg) {
  nn_notices ns;
  nn_state_parse(hash, cfg, &ns);
  if (ns.count != 0 || ns.dropped != 0)
    fail_msg("%s: %d notice(s), first: %s=%s: %s", hash, ns.count, ns.items[0].param,
         ns.items[0].value, ns.items[0].reason);
}

static char *serialize(const nn_config *cfg) {
  size_t n = nn_state_serialize(cfg, NULL, 0);
  char *s = malloc(n + 1);
  assert_non_null(s);
  assert_int_equal(nn_state_serialize(cfg, s, n + 1), n);
  return s;
}

static nn_experiment *build(const nn_config *cfg) {
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, cfg), NN_OK);
  return e;
}

static nn_experiment *build_hash(const char *hash) {
  nn_config cfg;
  parse_clean(hash, &cfg);
  return build(&cfg);
}

/* Train and test loss at the last epoch after training `epochs`. */
static void losses_after(nn_experiment *e, int epochs, double *train, double *test) {
  assert_int_equal(nn_experiment_train(e, epochs), NN_OK);
  int rows;
  const double *c = nn_experiment_loss_curve(e, &rows);
  *train = c[2 * (rows - 1)];
  *test = c[2 * (rows - 1) + 1];
}

/* ---------------------------------------------------------------- the table */

static void every_lesson_hash_parses_without_notices_and_builds(void **st) {
  (void)st;
  assert_true(nn_lesson_count() >= 7);
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_get(i);
    assert_non_null(l);
    nn_config cfg;
    parse_clean(l->hash, &cfg);
    if (cfg.seed[0] == '\0') fail_msg("%s: no seed", l->id);
    if (strstr(l->hash, "lesson=") || strstr(l->hash, "_hide"))
      fail_msg("%s: a lesson's hash may not name a lesson or hide anything", l->id);
    nn_experiment *e = build(&cfg);
    assert_int_equal(nn_experiment_train(e, 2), NN_OK);
    nn_experiment_destroy(e);

    /* through lesson=<id>, the same parameters and still no notice */
    char hash[64];
    snprintf(hash, sizeof hash, "lesson=%s", l->id);
    nn_config via;
    parse_clean(hash, &via);
    assert_string_equal(via.lesson, l->id);
    via.lesson[0] = '\0';
    char *a = serialize(&cfg), *b = serialize(&via);
    assert_string_equal(a, b);
    free(a);
    free(b);
  }
}

static void lesson_ids_are_unique_short_and_url_safe(void **st) {
  (void)st;
  for (int i = 0; i < nn_lesson_count(); i++) {
    const char *id = nn_lesson_id(i);
    assert_non_null(id);
    assert_true(strlen(id) > 0 && strlen(id) <= NN_MAX_LESSON_ID_LEN);
    for (const char *c = id; *c; c++)
      assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-');
    assert_int_equal(nn_lesson_find(id, strlen(id)), i);
    for (int j = 0; j < i; j++) assert_string_not_equal(id, nn_lesson_id(j));
    assert_true(strlen(nn_lesson_title(i)) > 0);
    assert_true(strlen(nn_lesson_goal(i)) > 0);
    /* what to try: one short line */
    assert_true(strlen(nn_lesson_try(i)) > 0 && strlen(nn_lesson_try(i)) <= 80);
    assert_string_equal(nn_lesson_words_get(i)->id, id);
    assert_true(nn_lesson_hash(i) == nn_lesson_get(i)->hash);
  }
  assert_null(nn_lesson_get(-1));
  assert_null(nn_lesson_get(nn_lesson_count()));
  assert_null(nn_lesson_id(nn_lesson_count()));
  assert_null(nn_lesson_title(-1));
  assert_null(nn_lesson_goal(1000));
  assert_null(nn_lesson_try(nn_lesson_count()));
  assert_null(nn_lesson_hash(-5));
  assert_int_equal(nn_lesson_find("xor-mlpX", 7), nn_lesson_find("xor-mlp", 7)); /* by length */
  assert_int_equal(nn_lesson_find("xor", 3), -1);
  assert_int_equal(nn_lesson_find(NULL, 0), -1);
}

static void the_course_lessons_are_all_there(void **st) {
  (void)st;
  /* the lecture's order */
  const char *ids[] = {"perceptron-separable", "hebb", "perceptron-xor", "xor-mlp",
                       "activations", "initialisation", "vectorisation", "backprop",
                       "learning-rate-too-high", "batch-size", "sgd-vs-adam", "optimizers",
                       "underfitting", "overfitting", "l1-vs-l2", "more-data", "dropout"};
  assert_int_equal(nn_lesson_count(), (int)(sizeof ids / sizeof ids[0]));
  for (int k = 0; k < nn_lesson_count(); k++) assert_string_equal(nn_lesson_id(k), ids[k]);
  nn_config cfg;
  parse_clean(nn_lesson_hash(nn_lesson_find("perceptron-separable", 20)), &cfg);
  assert_int_equal(cfg.model, NN_MODEL_PERCEPTRON);
  assert_int_equal(cfg.dataset, NN_DATA_GAUSS);
  parse_clean(nn_lesson_hash(nn_lesson_find("perceptron-xor", 14)), &cfg);
  assert_int_equal(cfg.model, NN_MODEL_PERCEPTRON);
  assert_int_equal(cfg.dataset, NN_DATA_XOR);
  parse_clean(nn_lesson_hash(nn_lesson_find("xor-mlp", 7)), &cfg);
  assert_int_equal(cfg.model, NN_MODEL_MLP);
  assert_int_equal(cfg.num_hidden_layers, 1);
}

/* ---------------------------------------------------------------- lesson= in a URL */

static void url_parameters_override_the_lesson_wherever_they_stand(void **st) {
  (void)st;
  const char *hashes[] = {"lesson=perceptron-xor&dataset=gauss&learningRate=0.5",
                          "dataset=gauss&learningRate=0.5&lesson=perceptron-xor"};
  for (int k = 0; k < 2; k++) {
    nn_config cfg;
    parse_clean(hashes[k], &cfg);
    assert_int_equal(cfg.dataset, NN_DATA_GAUSS);      /* the URL's */
    assert_true(cfg.learning_rate == 0.5);            /* the URL's */
    assert_int_equal(cfg.model, NN_MODEL_PERCEPTRON);  /* the lesson's */
    assert_int_equal(cfg.mode, NN_MODE_SIMPLIFIED);    /* the lesson's */
    assert_string_equal(cfg.seed, "lesson2");          /* the lesson's */
    assert_string_equal(cfg.lesson, "perceptron-xor");
  }
  nn_config cfg;
  parse_clean("lesson=perceptron-separable&model=mlp&mode=complete&seed=mine", &cfg);
  assert_int_equal(cfg.model, NN_MODEL_MLP);
  assert_int_equal(cfg.mode, NN_MODE_COMPLETE);
  assert_string_equal(cfg.seed, "mine");
  assert_int_equal(cfg.dataset, NN_DATA_GAUSS);
  /* the URL's networkShape, even empty, wins over the lesson's */
  parse_clean("lesson=xor-mlp&networkShape=", &cfg);
  assert_int_equal(cfg.num_hidden_layers, 0);
  /* the last lesson= wins, as for any parameter */
  parse_clean("lesson=perceptron-xor&lesson=xor-mlp", &cfg);
  assert_string_equal(cfg.lesson, "xor-mlp");
  assert_int_equal(cfg.model, NN_MODEL_MLP);
  /* a URL value the validation refuses falls back to the DEFAULT, not to the lesson's value */
  nn_notices ns;
  nn_state_parse("lesson=learning-rate-too-high&learningRate=abc", &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "learningRate");
  assert_true(cfg.learning_rate == 0.03);
}

static void an_unknown_lesson_is_ignored_with_a_notice(void **st) {
  (void)st;
  const char *bad[] = {"lesson=nope", "lesson=PERCEPTRON-XOR", "lesson=", "lesson",
                       "lesson=perceptron-xor-but-much-longer-than-any-id-is"};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    char hash[128];
    snprintf(hash, sizeof hash, "%s&dataset=xor", bad[k]);
    nn_config cfg;
    nn_notices ns;
    nn_state_parse(hash, &cfg, &ns);
    if (ns.count != 1) fail_msg("%s: %d notices", hash, ns.count);
    assert_string_equal(ns.items[0].param, "lesson");
    assert_string_equal(cfg.lesson, "");
    assert_int_equal(cfg.dataset, NN_DATA_XOR);
    assert_int_equal(cfg.model, NN_MODEL_MLP); /* nothing of any lesson */
    assert_string_equal(cfg.seed, "");
    char *s = serialize(&cfg);
    assert_null(strstr(s, "lesson"));
    free(s);
  }
}

static void a_lesson_link_round_trips(void **st) {
  (void)st;
  for (int i = 0; i < nn_lesson_count(); i++) {
    char hash[96];
    snprintf(hash, sizeof hash, "lesson=%s&noise=5", nn_lesson_id(i));
    nn_config a, b;
    parse_clean(hash, &a);
    char *s1 = serialize(&a);
    char want[64];
    snprintf(want, sizeof want, "&lesson=%s", nn_lesson_id(i));
    if (!strstr(s1, want)) fail_msg("%s does not hold %s", s1, want);
    parse_clean(s1, &b);
    char *s2 = serialize(&b);
    assert_string_equal(s1, s2);
    assert_string_equal(a.lesson, b.lesson);
    assert_int_equal(a.model, b.model);
    assert_int_equal(a.mode, b.mode);
    assert_true(b.noise == 5);
    free(s1);
    free(s2);
  }
}

/* The page's "complete" toggle and "switch to an MLP" button set a lesson's mode/model back
 * to the default: the link must keep that choice, not fall back to the lesson's value. */
static void a_lesson_parameter_set_back_to_its_default_survives_the_round_trip(void **st) {
  (void)st;
  const char *hashes[] = {"lesson=perceptron-xor&mode=complete",
                          "lesson=perceptron-xor&model=mlp&networkShape=4",
                          "lesson=perceptron-separable&mode=complete&model=mlp"};
  for (size_t k = 0; k < sizeof hashes / sizeof hashes[0]; k++) {
    nn_config a, b;
    parse_clean(hashes[k], &a);
    char *s1 = serialize(&a);
    parse_clean(s1, &b);
    char *s2 = serialize(&b);
    assert_string_equal(s1, s2);
    assert_int_equal(a.mode, b.mode);
    assert_int_equal(a.model, b.model);
    assert_string_equal(a.lesson, b.lesson);
    free(s1);
    free(s2);
  }
  /* A TFP link (no lesson) still leaves the defaults out. */
  nn_config c;
  parse_clean("mode=complete&model=mlp&dataset=xor", &c);
  char *s = serialize(&c);
  assert_null(strstr(s, "mode="));
  assert_null(strstr(s, "model="));
  free(s);
}

/* ---------------------------------------------------------------- what the lessons show */

static nn_experiment *lesson_experiment(const char *id, const char *extra) {
  char hash[256];
  snprintf(hash, sizeof hash, "lesson=%s%s", id, extra);
  return build_hash(hash);
}

static void the_perceptron_lessons_converge_and_fail_as_promised(void **st) {
  (void)st;
  nn_experiment *e = lesson_experiment("perceptron-separable", "");
  assert_int_equal(nn_experiment_train(e, 50), NN_OK);
  nn_perceptron_report r = nn_experiment_perceptron_report(e);
  assert_int_equal(r.verdict, NN_PERCEPTRON_CONVERGED);
  assert_true(r.converged_epoch >= 2); /* slow enough to watch */
  nn_experiment_destroy(e);

  e = lesson_experiment("perceptron-xor", "");
  assert_int_equal(nn_experiment_train(e, 50), NN_OK);
  assert_int_equal(nn_experiment_perceptron_report(e).verdict, NN_PERCEPTRON_NOT_SEPARABLE);
  nn_experiment_destroy(e);
}

static void the_mlp_lessons_show_their_point(void **st) {
  (void)st;
  double tr, te, tr2, te2;
  /* one hidden layer solves XOR */
  nn_experiment *e = lesson_experiment("xor-mlp", "");
  losses_after(e, 300, &tr, &te);
  assert_true(te < 0.05);
  nn_experiment_destroy(e);

  /* linear units cannot draw a circle; tanh can */
  e = lesson_experiment("activations", "");
  losses_after(e, 300, &tr, &te);
  assert_true(tr > 0.4);
  nn_experiment_destroy(e);
  e = lesson_experiment("activations", "&activation=tanh");
  losses_after(e, 300, &tr2, &te2);
  assert_true(tr2 < 0.05);
  nn_experiment_destroy(e);

  /* a learning rate too high ends far above a reasonable one */
  e = lesson_experiment("learning-rate-too-high", "");
  losses_after(e, 300, &tr, &te);
  nn_experiment_destroy(e);
  e = lesson_experiment("learning-rate-too-high", "&learningRate=0.03");
  losses_after(e, 300, &tr2, &te2);
  nn_experiment_destroy(e);
  assert_true(tr > 10 * tr2 && tr > 0.3);

  /* two neurons underfit the spiral */
  e = lesson_experiment("underfitting", "");
  losses_after(e, 300, &tr, &te);
  assert_true(tr > 0.3);
  nn_experiment_destroy(e);

  /* the big network overfits; L2 brings the test loss down */
  e = lesson_experiment("overfitting", "");
  losses_after(e, 800, &tr, &te);
  assert_true(tr < 0.1 && te - tr > 0.3);
  nn_experiment_destroy(e);
  e = lesson_experiment("overfitting", "&regularization=L2&regularizationRate=0.01");
  losses_after(e, 800, &tr2, &te2);
  assert_true(te2 < te - 0.05);
  nn_experiment_destroy(e);

  /* on this spiral SGD hardly moves in 300 epochs where Adam gets far */
  e = lesson_experiment("sgd-vs-adam", "");
  losses_after(e, 300, &tr, &te);
  nn_experiment_destroy(e);
  nn_config cfg;
  parse_clean("lesson=sgd-vs-adam", &cfg);
  cfg.optimizer = NN_OPT_ADAM;
  e = build(&cfg);
  losses_after(e, 300, &tr2, &te2);
  nn_experiment_destroy(e);
  assert_true(tr > 0.4 && tr2 < 0.2);
}

/* Found by fuzzing: a seed the link gives beside its lesson, refused, keeps the lesson's seed (an
 * empty one is left out of the link, whose next reading took the lesson's seed: no round trip),
 * and the notice says so. Other refused values keep the page's default (test above). */
static void a_refused_seed_keeps_the_lessons(void **st) {
  (void)st;
  nn_config cfg, lesson_only;
  nn_notices ns;
  nn_state_parse("lesson=perceptron-xor", &lesson_only, NULL);
  nn_state_parse("lesson=perceptron-xor&seed", &cfg, &ns);
  assert_string_equal(cfg.seed, lesson_only.seed);
  assert_true(cfg.seed[0] != '\0');
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "seed");
  assert_string_equal(ns.items[0].reason, "no value given; using the lesson's value");
  char link[2048];
  nn_state_serialize(&cfg, link, sizeof link);
  nn_config again;
  nn_notices none;
  nn_state_parse(link, &again, &none);
  assert_int_equal(none.count, 0);
  assert_string_equal(again.seed, cfg.seed);
}

/* The first epoch (up to `epochs`) whose loss in `column` (0 train, 1 test) is at most `goal`,
 * or -1. */
static int epoch_reached(const char *hash, int column, double goal, int epochs) {
  nn_experiment *e = build_hash(hash);
  int reached = -1, rows = 0;
  while (reached < 0 && rows <= epochs) {
    int before = rows, chunk = epochs + 1 - rows < 50 ? epochs + 1 - rows : 50;
    if (rows > 0) assert_int_equal(nn_experiment_train(e, chunk), NN_OK);
    const double *c = nn_experiment_loss_curve(e, &rows);
    for (int r = before; r < rows && reached < 0; r++)
      if (c[2 * r + column] <= goal) reached = r;
    if (rows == before) break;
  }
  nn_experiment_destroy(e);
  return reached;
}

/* Each lesson with a goal reaches it within 1,500 epochs after the change its words ask to try
 * (written here as parameters: the same change tests/browser/lesson-goals.test.js makes), and,
 * where the lesson is about that change, not in five times as many epochs without it. */
static void every_goal_is_reached_by_trying_what_the_lesson_says(void **st) {
  (void)st;
  static const struct {
    const char *id, *change; /* change: "" = play as the lesson opens */
    bool about_it;
  } TRIES[] = {
      {"perceptron-separable", "", false},
      {"hebb", "", false},
      {"xor-mlp", "", false},
      {"activations", "&activation=tanh", true},
      {"initialisation", "&init=xavier", true},
      {"learning-rate-too-high", "&learningRate=0.03", true},
      {"batch-size", "&batchSize=10", true},
      {"sgd-vs-adam", "&optimizer=adam", true},
      {"optimizers", "&optimizer=adam", true},
      {"underfitting", "&networkShape=8,8,8", true},
      {"l1-vs-l2", "&regularization=L1", true},
      {"more-data", "&percTrainData=50", true},
      {"dropout", "&dropout=0.3", true},
  };
  int with_goal = 0;
  for (int i = 0; i < nn_lesson_count(); i++) {
    nn_config cfg;
    parse_clean(nn_lesson_hash(i), &cfg);
    if (cfg.goal_train_loss == NN_NO_GOAL && cfg.goal_test_loss == NN_NO_GOAL) continue;
    with_goal++;
    int column = cfg.goal_test_loss != NN_NO_GOAL ? 1 : 0;
    double goal = column ? cfg.goal_test_loss : cfg.goal_train_loss;
    size_t k = 0;
    while (k < sizeof TRIES / sizeof TRIES[0] && strcmp(TRIES[k].id, nn_lesson_id(i)) != 0) k++;
    if (k == sizeof TRIES / sizeof TRIES[0]) fail_msg("%s: a goal with nothing to try", nn_lesson_id(i));
    char hash[1024];
    snprintf(hash, sizeof hash, "%s%s", nn_lesson_hash(i), TRIES[k].change);
    int reached = epoch_reached(hash, column, goal, 1500);
    if (reached < 0) fail_msg("%s: goal %g not reached in 1500 epochs", nn_lesson_id(i), goal);
    if (TRIES[k].about_it) {
      int without = epoch_reached(nn_lesson_hash(i), column, goal, 5 * reached > 1500 ? 1500 : 5 * reached);
      if (without >= 0) fail_msg("%s: reached at %d without the change (%d with it)", nn_lesson_id(i), without, reached);
    }
  }
  assert_int_equal(with_goal, (int)(sizeof TRIES / sizeof TRIES[0]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_refused_seed_keeps_the_lessons),
      cmocka_unit_test(every_lesson_hash_parses_without_notices_and_builds),
      cmocka_unit_test(lesson_ids_are_unique_short_and_url_safe),
      cmocka_unit_test(the_course_lessons_are_all_there),
      cmocka_unit_test(every_goal_is_reached_by_trying_what_the_lesson_says),
      cmocka_unit_test(url_parameters_override_the_lesson_wherever_they_stand),
      cmocka_unit_test(an_unknown_lesson_is_ignored_with_a_notice),
      cmocka_unit_test(a_lesson_link_round_trips),
      cmocka_unit_test(a_lesson_parameter_set_back_to_its_default_survives_the_round_trip),
      cmocka_unit_test(the_perceptron_lessons_converge_and_fail_as_promised),
      cmocka_unit_test(the_mlp_lessons_show_their_point),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
