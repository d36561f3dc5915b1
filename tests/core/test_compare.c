/* test_compare.c — compare=<param>:<v1>,... (core/compare.h) and samples=<n>: every variant is
 * the experiment its own link builds, bit for bit; every bad comparison gets a notice and the
 * plain experiment; samples gives that many points, TFP's when absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compare.h"
#include "experiment.h"
#include "fixture.h"
#include "from_hash.h"
#include "state.h"
#include "state_text.h"

enum { EPOCHS = 25 };

/* A link as the CLI reads it: parsed, then its comparison checked. */
static void parse(const char *hash, nn_config *cfg, nn_notices *ns) {
  nn_state_parse(hash, cfg, ns);
  nn_compare_check(cfg, ns);
}

static const char *const FIXTURES[] = {
  "dev01-circle-tanh-4x2-default.json", "dev02-xor-relu-L1-batch1-noise25.json",
  "dev06-reggauss-relu-L2-noise25.json", "dev09-spiral-relu-sinonly-noise50.json",
  "dev13-xor-textseed-minimal-hash.json"};

/* The fixture's hash (a seed drawn for the seedless one, as the page writes it back). */
static char *fixture_hash(const char *file) {
  char path[512], err[256];
  snprintf(path, sizeof path, "%s/%s", NN_FIXTURES_DIR, file);
  nn_fixture fx;
  if (!nn_fixture_load(&fx, path, err, sizeof err)) fail_msg("%s", err);
  nn_config cfg;
  nn_state_parse(fx.hash, &cfg, NULL);
  if (cfg.seed[0] == '\0') snprintf(cfg.seed, sizeof cfg.seed, "%s", fx.state_seed);
  nn_fixture_free(&fx);
  return nn_test_hash_of(&cfg);
}

static void same_curves(nn_experiment *a, nn_experiment *b, const char *what) {
  int ra, rb;
  const double *ca = nn_experiment_loss_curve(a, &ra), *cb = nn_experiment_loss_curve(b, &rb);
  assert_int_equal(ra, rb);
  if (memcmp(ca, cb, (size_t)ra * 2 * sizeof *ca) != 0) fail_msg("%s: curves differ", what);
  const nn_network *na = nn_experiment_network(a), *nb = nn_experiment_network(b);
  assert_int_equal(na->num_params, nb->num_params);
  if (memcmp(na->params, nb->params, (size_t)na->num_params * sizeof *na->params) != 0)
    fail_msg("%s: final weights differ", what);
}

/* Each variant of `hash&compare=<param>:<v1>,...` trains exactly as `hash&<param>=<v>` alone:
 * the link written by hand here, not by compare.c. */
static void variants_are_their_own_links(const char *hash, const char *param,
                                         const char *const *values, int count) {
  char *spec = malloc(strlen(hash) + 256), *alone = malloc(strlen(hash) + 256);
  int len = sprintf(spec, "%s&compare=%s:", hash, param);
  for (int i = 0; i < count; i++) len += sprintf(spec + len, i ? ",%s" : "%s", values[i]);
  nn_config cfg, v;
  nn_notices ns;
  parse(spec, &cfg, &ns);
  if (ns.count > 0) fail_msg("%s: %s", spec, ns.items[0].reason);
  assert_int_equal(nn_compare_count(&cfg), count);
  assert_string_equal(nn_param_row(nn_compare_param(&cfg))->name, param);
  for (int i = 0; i < count; i++) {
    assert_true(nn_compare_variant(&cfg, i, &v));
    assert_string_equal(v.compare, "");
    nn_experiment *a = NULL;
    assert_int_equal(nn_experiment_create(&a, &v), NN_OK);
    int n = sprintf(alone, "%s&%s=%s", hash, param, values[i]);
    if (strcmp(param, "init") == 0) /* zeros is written initZero=true; a TFP link has false */
      sprintf(alone + n, "&initZero=%s", strcmp(values[i], "zeros") == 0 ? "true" : "false");
    for (char *p = alone + strlen(hash); strcmp(param, "networkShape") == 0 && *p; p++)
      if (*p == '-') *p = ',';
    nn_experiment *b = nn_test_from_hash(alone);
    assert_int_equal(nn_experiment_train(a, EPOCHS), NN_OK);
    assert_int_equal(nn_experiment_train(b, EPOCHS), NN_OK);
    same_curves(a, b, alone);
    nn_experiment_destroy(a);
    nn_experiment_destroy(b);
  }
  free(spec);
  free(alone);
}

#define VALUES(...) (const char *const[]){__VA_ARGS__}, \
  (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static void each_variant_trains_as_its_own_link(void **state) {
  (void)state;
  for (size_t f = 0; f < sizeof FIXTURES / sizeof FIXTURES[0]; f++) {
    char *hash = fixture_hash(FIXTURES[f]);
    variants_are_their_own_links(hash, "optimizer", VALUES("sgd", "momentum", "adam"));
    variants_are_their_own_links(hash, "learningRate", VALUES("0.003", "0.03", "0.3", "3"));
    variants_are_their_own_links(hash, "activation", VALUES("tanh", "relu", "swish"));
    variants_are_their_own_links(hash, "init", VALUES("uniform", "zeros", "xavier", "he"));
    variants_are_their_own_links(hash, "regularization", VALUES("none", "L1", "L2"));
    variants_are_their_own_links(hash, "batchSize", VALUES("1", "10", "30"));
    variants_are_their_own_links(hash, "networkShape", VALUES("", "3", "4-2", "8-8-8"));
    variants_are_their_own_links(hash, "samples", VALUES("100", "2000"));
    variants_are_their_own_links(hash, "dropout", VALUES("0", "0.5"));
    free(hash);
  }
}

/* The variant whose value is the link's own is the link itself: TFP's losses, bit for bit. */
static void the_links_own_value_gives_the_fixtures_losses(void **state) {
  (void)state;
  char path[512], err[256];
  snprintf(path, sizeof path, "%s/%s", NN_FIXTURES_DIR, "dev02-xor-relu-L1-batch1-noise25.json");
  nn_fixture fx;
  if (!nn_fixture_load(&fx, path, err, sizeof err)) fail_msg("%s", err);
  char hash[2048];
  snprintf(hash, sizeof hash, "%s&compare=learningRate:0.3,0.01", fx.hash);
  nn_config cfg, v;
  parse(hash, &cfg, NULL);
  assert_true(nn_compare_variant(&cfg, 1, &v));
  nn_experiment *e = NULL;
  assert_int_equal(nn_experiment_create(&e, &v), NN_OK);
  assert_int_equal(nn_experiment_train(e, fx.loss_rows - 1), NN_OK);
  int rows;
  const double *c = nn_experiment_loss_curve(e, &rows);
  assert_int_equal(rows, fx.loss_rows);
  for (int r = 0; r < rows * 2; r++) assert_true(nn_same_double(c[r], fx.loss_curve[r]));
  char value[32];
  nn_compare_value(&cfg, 1, value, sizeof value);
  assert_string_equal(value, "0.01");
  nn_experiment_destroy(e);
  nn_fixture_free(&fx);
}

/* The engine's parser keeps a comparison's text as it is (1..160 characters): the check is
 * the CLI's and the page's (web/compare.js), so the engine every page loads stays small. */
static void the_parser_keeps_the_text(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("compare=foo:1", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_string_equal(cfg.compare, "foo:1");
  char long_one[300] = "compare=";
  memset(long_one + 8, 'a', 200);
  nn_state_parse(long_one, &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].reason, "longer than 160 characters; no comparison");
  assert_string_equal(cfg.compare, "");
}

/* Every bad comparison: one notice naming compare, the value as written and why; the link
 * opens the plain experiment (the same config as without compare). */
static void bad_comparisons_get_a_notice_and_the_plain_experiment(void **state) {
  (void)state;
  static const struct { const char *hash, *reason; } bad[] = {
    {"compare=optimizer", "not <parameter>:<value>,<value>"},
    {"compare=optimiser:sgd,adam", "no parameter is named optimiser"},
    {"compare=speed:1,2", "speed is the display's"},
    {"compare=palette:default,viridis", "palette is the display's"},
    {"compare=lesson:xor-mlp,backprop", "lesson is the display's"},
    {"compare=compare:a,b", "compare is the display's"},
    {"compare=optimizer:adam", "needs 2 to 4 values, got 1"},
    {"compare=optimizer:", "needs 2 to 4 values, got 1"},
    {"compare=optimizer:,adam", "optimizer= is refused (empty value)"},
    {"compare=optimizer:sgd,momentum,rmsprop,adam,sgd", "needs 2 to 4 values, got more than 4"},
    {"compare=optimizer:sgd,nesterov", "optimizer=nesterov is refused (not one of"},
    {"compare=learningRate:0.1,-1", "learningRate=-1 is refused (must not be negative)"},
    {"compare=batchSize:10,2.5", "batchSize=2.5 is refused (must be a whole number"},
    {"compare=networkShape:4,4-99", "networkShape=4,99 is refused (layer 2 has more than 32 neurons)"},
    {"compare=samples:100,101", "samples=101 is refused (must be a whole number from 50 to "
                                "2000, even)"},
    {"compare=learningRate:0.1,0.3,0.1", "learningRate: 0.1 is given twice"},
    {"init=he&compare=initZero:false,true", "initZero=true is refused (initZero=true asks"},
    {"problem=regression&compare=loss:square,crossentropy",
     "loss=crossentropy is refused (cross-entropy needs a classification problem"},
    {"model=perceptron&compare=learningRate:0.1,1", "the perceptron is not compared"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    char hash[256];
    snprintf(hash, sizeof hash, "seed=0.5&%s", bad[k].hash);
    nn_config cfg, plain;
    nn_notices ns;
    parse(hash, &cfg, &ns);
    if (ns.count != 1) fail_msg("%s: %d notices", hash, ns.count);
    assert_string_equal(ns.items[0].param, "compare");
    const char *spec = strstr(bad[k].hash, "compare=") + 8;
    size_t spec_len = strcspn(spec, "&");
    assert_int_equal(strlen(ns.items[0].value), spec_len);
    assert_memory_equal(ns.items[0].value, spec, spec_len);
    if (strstr(ns.items[0].reason, bad[k].reason) != ns.items[0].reason)
      fail_msg("%s: reason %s", hash, ns.items[0].reason);
    assert_non_null(strstr(ns.items[0].reason, "; opening the experiment alone"));
    assert_int_equal(nn_compare_count(&cfg), 0);
    char *written = nn_test_hash_of(&cfg);
    assert_null(strstr(written, "compare"));
    parse(written, &plain, &ns);
    assert_int_equal(ns.count, 0);
    free(written);
  }
}

/* A good comparison is written back as given, and read back the same. */
static void a_comparison_is_written_back(void **state) {
  (void)state;
  nn_config cfg, again;
  nn_notices ns;
  parse("seed=0.5&compare=networkShape:,4-2,8", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(nn_compare_count(&cfg), 3);
  char value[32];
  nn_compare_value(&cfg, 0, value, sizeof value);
  assert_string_equal(value, "");
  nn_compare_value(&cfg, 1, value, sizeof value);
  assert_string_equal(value, "4,2");
  char *written = nn_test_hash_of(&cfg);
  assert_non_null(strstr(written, "&compare=networkShape:,4-2,8"));
  parse(written, &again, &ns);
  assert_int_equal(ns.count, 0);
  assert_string_equal(again.compare, cfg.compare);
  free(written);
}

/* samples=<n> generates n points, for every dataset; TFP's 500 / 1200 when absent, and the
 * same points as samples written out at that count. */
static void samples_sets_the_number_of_points(void **state) {
  (void)state;
  static const char *const sets[] = {"dataset=circle", "dataset=xor", "dataset=gauss",
                                     "dataset=spiral", "problem=regression&regDataset=reg-plane",
                                     "problem=regression&regDataset=reg-gauss"};
  for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
    char hash[256];
    int tfp = k < 4 ? 500 : 1200;
    const int counts[] = {50, 100, 1000, 2000, tfp};
    for (int c = 0; c < 5; c++) {
      snprintf(hash, sizeof hash, "seed=s&noise=10&%s&samples=%d", sets[k], counts[c]);
      nn_experiment *e = nn_test_from_hash(hash);
      int train, test;
      nn_experiment_train_points(e, &train);
      nn_experiment_test_points(e, &test);
      assert_int_equal(train + test, counts[c]);
      assert_int_equal(train, counts[c] / 2);
      if (counts[c] == tfp) { /* absent: the same points */
        snprintf(hash, sizeof hash, "seed=s&noise=10&%s", sets[k]);
        nn_experiment *d = nn_test_from_hash(hash);
        int n;
        const nn_point *a = nn_experiment_train_points(e, &n), *b = nn_experiment_train_points(d, &n);
        assert_memory_equal(a, b, (size_t)n * sizeof *a);
        a = nn_experiment_test_points(e, &n);
        b = nn_experiment_test_points(d, &n);
        assert_memory_equal(a, b, (size_t)n * sizeof *a);
        nn_experiment_destroy(d);
      }
      nn_experiment_destroy(e);
    }
  }
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("samples=1000", &cfg, &ns);
  char *written = nn_test_hash_of(&cfg);
  assert_non_null(strstr(written, "&samples=1000"));
  free(written);
  nn_state_parse("samples=500", &cfg, &ns);
  assert_int_equal(cfg.samples, 500); /* given, it is written, even at TFP's count */
  const char *const bad[] = {"samples=49", "samples=2002", "samples=51", "samples=1e9",
                             "samples=abc", "samples="};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    nn_state_parse(bad[k], &cfg, &ns);
    assert_int_equal(ns.count, 1);
    assert_string_equal(ns.items[0].param, "samples");
    assert_int_equal(cfg.samples, 0);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(each_variant_trains_as_its_own_link),
    cmocka_unit_test(the_links_own_value_gives_the_fixtures_losses),
    cmocka_unit_test(the_parser_keeps_the_text),
    cmocka_unit_test(bad_comparisons_get_a_notice_and_the_plain_experiment),
    cmocka_unit_test(a_comparison_is_written_back),
    cmocka_unit_test(samples_sets_the_number_of_points),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
