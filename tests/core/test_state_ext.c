/* test_state_ext.c — nnplay's URL parameters beyond TFP (optimizer, momentum, rho, beta1, beta2,
 * epsilon, init, dropout, loss, speed, the new activations): parsed, validated with a notice
 * and the default, written only when not at their default, round-tripping; TFP links serialize
 * exactly as before. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "each_fixture.h"
#include "fixture.h"
#include "state.h"

static const char *const NEW_NAMES[] = {"optimizer", "momentum", "rho",     "beta1", "beta2",
                                        "epsilon",   "init",     "dropout", "loss",  "speed"};
enum { NUM_NEW_NAMES = sizeof NEW_NAMES / sizeof NEW_NAMES[0] };

static char *serialize(const nn_config *cfg) {
  size_t need = nn_state_serialize(cfg, NULL, 0);
  char *s = malloc(need + 1);
  assert_non_null(s);
  assert_int_equal(nn_state_serialize(cfg, s, need + 1), need);
  return s;
}

/* "&name=" or a leading "name=" in a serialized hash */
static bool has_param(const char *hash, const char *name) {
  size_t n = strlen(name);
  for (const char *p = hash; (p = strstr(p, name)) != NULL; p++)
    if ((p == hash || p[-1] == '&') && p[n] == '=') return true;
  return false;
}

static bool new_fields_equal(const nn_config *a, const nn_config *b) {
  return a->optimizer == b->optimizer && a->momentum == b->momentum && a->rho == b->rho &&
         a->beta1 == b->beta1 && a->beta2 == b->beta2 && a->epsilon == b->epsilon &&
         a->init == b->init && a->init_zero == b->init_zero && a->dropout == b->dropout &&
         a->loss == b->loss && a->speed == b->speed && a->activation == b->activation;
}

static void new_parameters_have_their_defaults(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(cfg.optimizer, NN_OPT_SGD);
  assert_true(cfg.momentum == 0.9 && cfg.rho == 0.9);
  assert_true(cfg.beta1 == 0.9 && cfg.beta2 == 0.999 && cfg.epsilon == 1e-8);
  assert_int_equal(cfg.init, NN_INIT_UNIFORM);
  assert_false(cfg.init_zero);
  assert_true(cfg.dropout == 0);
  assert_int_equal(cfg.loss, NN_LOSS_SQUARE);
  assert_int_equal(cfg.speed, 1);
}

static void every_new_parameter_is_parsed(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("optimizer=adam&momentum=0.5&rho=0.8&beta1=0.8&beta2=0.99&epsilon=1e-6&"
                 "init=xavier&dropout=0.3&loss=crossentropy&speed=max&activation=swish",
                 &cfg, &ns);
  if (ns.count) fail_msg("unexpected notice: %s: %s", ns.items[0].param, ns.items[0].reason);
  assert_int_equal(cfg.optimizer, NN_OPT_ADAM);
  assert_true(cfg.momentum == 0.5 && cfg.rho == 0.8 && cfg.beta1 == 0.8);
  assert_true(cfg.beta2 == 0.99 && cfg.epsilon == 1e-6 && cfg.dropout == 0.3);
  assert_int_equal(cfg.init, NN_INIT_XAVIER);
  assert_int_equal(cfg.loss, NN_LOSS_CROSS_ENTROPY);
  assert_int_equal(cfg.speed, NN_SPEED_MAX);
  assert_int_equal(cfg.activation, NN_ACT_SWISH);

  static const struct { const char *hash; nn_optimizer want; } opts[] = {
      {"optimizer=sgd", NN_OPT_SGD}, {"optimizer=momentum", NN_OPT_MOMENTUM},
      {"optimizer=rmsprop", NN_OPT_RMSPROP}, {"optimizer=adam", NN_OPT_ADAM}};
  for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
    nn_state_parse(opts[k].hash, &cfg, &ns);
    assert_int_equal(ns.count, 0);
    assert_int_equal(cfg.optimizer, opts[k].want);
  }
  static const char *const acts[] = {"leakyrelu", "elu", "softplus", "swish"};
  for (int k = 0; k < 4; k++) {
    char h[64];
    snprintf(h, sizeof h, "activation=%s", acts[k]);
    nn_state_parse(h, &cfg, &ns);
    assert_int_equal(ns.count, 0);
    assert_string_equal(nn_activation_name(cfg.activation), acts[k]);
  }
  static const int speeds[] = {1, 2, 5, 10, 20, 50, 100};
  for (int k = 0; k < 7; k++) {
    char h[32];
    snprintf(h, sizeof h, "speed=%d", speeds[k]);
    nn_state_parse(h, &cfg, &ns);
    assert_int_equal(ns.count, 0);
    assert_int_equal(cfg.speed, speeds[k]);
  }
  nn_state_parse("init=he&dropout=0.9&momentum=0&epsilon=1", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(cfg.init, NN_INIT_HE);
  assert_true(cfg.dropout == 0.9 && cfg.momentum == 0 && cfg.epsilon == 1);
}

typedef struct {
  const char *hash;
  const char *param; /* the notice's parameter */
} bad_case;

static const bad_case BAD[] = {
    {"optimizer=toString", "optimizer"}, {"optimizer=SGD", "optimizer"},
    {"optimizer=", "optimizer"},         {"optimizer", "optimizer"},
    {"optimizer=lbfgs", "optimizer"},    {"momentum=2", "momentum"},
    {"momentum=1", "momentum"},          {"momentum=-0.1", "momentum"},
    {"momentum=abc", "momentum"},        {"momentum=Infinity", "momentum"},
    {"rho=1", "rho"},                    {"rho=-1", "rho"},
    {"beta1=1.5", "beta1"},              {"beta1=NaN", "beta1"},
    {"beta2=1", "beta2"},                {"beta2=", "beta2"},
    {"epsilon=0", "epsilon"},            {"epsilon=-1e-8", "epsilon"},
    {"epsilon=2", "epsilon"},            {"epsilon=x", "epsilon"},
    {"init=normal", "init"},             {"init=constructor", "init"},
    {"dropout=0.95", "dropout"},         {"dropout=-0.1", "dropout"},
    {"dropout=1", "dropout"},            {"dropout=half", "dropout"},
    {"loss=mse", "loss"},                {"loss=__proto__", "loss"},
    {"speed=7", "speed"},                {"speed=0", "speed"},
    {"speed=maxx", "speed"},             {"speed=1.5", "speed"},
    {"speed=-1", "speed"},               {"speed=", "speed"},
    {"activation=LeakyReLU", "activation"},
};

static void bad_values_keep_the_default_with_a_notice(void **state) {
  (void)state;
  nn_config def;
  nn_config_default(&def);
  for (size_t k = 0; k < sizeof BAD / sizeof BAD[0]; k++) {
    nn_config cfg;
    nn_notices ns;
    nn_state_parse(BAD[k].hash, &cfg, &ns);
    if (ns.count != 1) fail_msg("%s: %d notices, want 1", BAD[k].hash, ns.count);
    if (strcmp(ns.items[0].param, BAD[k].param) != 0)
      fail_msg("%s: notice about '%s'", BAD[k].hash, ns.items[0].param);
    if (strstr(ns.items[0].reason, "using") == NULL)
      fail_msg("%s: reason '%s' does not say what is used", BAD[k].hash, ns.items[0].reason);
    if (!new_fields_equal(&cfg, &def)) fail_msg("%s: not the default", BAD[k].hash);
  }
}

static void cross_entropy_for_regression_falls_back_to_square_with_a_notice(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("problem=regression&loss=crossentropy", &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "loss");
  assert_int_equal(cfg.loss, NN_LOSS_SQUARE);
  assert_int_equal(cfg.problem, NN_PROBLEM_REGRESSION);
  /* in either order */
  nn_state_parse("loss=crossentropy&problem=regression", &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_int_equal(cfg.loss, NN_LOSS_SQUARE);
  nn_state_parse("loss=crossentropy&problem=classification", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(cfg.loss, NN_LOSS_CROSS_ENTROPY);
}

static void init_zeros_and_init_zero_stay_consistent(void **state) {
  (void)state;
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("initZero=true", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.init_zero);
  assert_int_equal(cfg.init, NN_INIT_ZEROS);
  nn_state_parse("init=zeros", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.init_zero);
  assert_int_equal(cfg.init, NN_INIT_ZEROS);
  char *h = serialize(&cfg);
  assert_non_null(strstr(h, "initZero=true"));
  assert_false(has_param(h, "init")); /* zeros is written the TFP way */
  free(h);
  /* a conflict: TFP's flag wins (a TFP link means zeros), with a notice */
  nn_state_parse("init=he&initZero=true", &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "init");
  assert_true(cfg.init_zero);
  assert_int_equal(cfg.init, NN_INIT_ZEROS);
  nn_state_parse("init=zeros&initZero=false", &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_true(cfg.init_zero);
  assert_int_equal(cfg.init, NN_INIT_ZEROS);
  nn_state_parse("init=xavier&initZero=false", &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_false(cfg.init_zero);
  assert_int_equal(cfg.init, NN_INIT_XAVIER);
}

static void new_parameters_are_written_only_when_not_at_their_default(void **state) {
  (void)state;
  nn_config cfg;
  nn_config_default(&cfg);
  char *h = serialize(&cfg);
  for (int k = 0; k < NUM_NEW_NAMES; k++)
    if (has_param(h, NEW_NAMES[k])) fail_msg("default config writes %s: %s", NEW_NAMES[k], h);
  free(h);
  cfg.optimizer = NN_OPT_RMSPROP;
  cfg.momentum = 0.5;
  cfg.rho = 0.95;
  cfg.beta1 = 0.8;
  cfg.beta2 = 0.9;
  cfg.epsilon = 1e-4;
  cfg.init = NN_INIT_HE;
  cfg.dropout = 0.2;
  cfg.loss = NN_LOSS_CROSS_ENTROPY;
  cfg.speed = NN_SPEED_MAX;
  h = serialize(&cfg);
  for (int k = 0; k < NUM_NEW_NAMES; k++)
    if (!has_param(h, NEW_NAMES[k])) fail_msg("%s missing: %s", NEW_NAMES[k], h);
  assert_non_null(strstr(h, "optimizer=rmsprop"));
  assert_non_null(strstr(h, "epsilon=0.0001"));
  assert_non_null(strstr(h, "init=he"));
  assert_non_null(strstr(h, "loss=crossentropy"));
  assert_non_null(strstr(h, "speed=max"));
  free(h);
}

static void new_parameters_round_trip(void **state) {
  (void)state;
  static const char *const hashes[] = {
      "optimizer=adam&beta1=0.85&beta2=0.95&epsilon=1e-7&seed=a",
      "optimizer=momentum&momentum=0.99&dropout=0.5&speed=20",
      "optimizer=rmsprop&rho=0.5&init=xavier&loss=crossentropy&activation=elu",
      "init=zeros&speed=max&activation=leakyrelu",
      "initZero=true&activation=softplus&speed=100&dropout=0.9",
      "problem=regression&loss=crossentropy&init=he",
  };
  for (size_t k = 0; k < sizeof hashes / sizeof hashes[0]; k++) {
    nn_config a, b;
    nn_state_parse(hashes[k], &a, NULL);
    char *h = serialize(&a);
    nn_notices ns;
    nn_state_parse(h, &b, &ns);
    if (ns.count) fail_msg("%s -> %s: notice %s", hashes[k], h, ns.items[0].reason);
    if (!new_fields_equal(&a, &b)) fail_msg("%s -> %s: differs", hashes[k], h);
    char *h2 = serialize(&b);
    assert_string_equal(h, h2);
    free(h);
    free(h2);
  }
}

/* A TFP fixture hash still serializes as before: none of nnplay's names appear, and the default
 * experiment's full hash comes back unchanged. */
static void serializes_as_before(const nn_fixture *fx, const char *path, void *ctx) {
  (void)path;
  (void)ctx;
  nn_config cfg;
  nn_state_parse(fx->hash, &cfg, NULL);
  char *h = serialize(&cfg);
  for (int k = 0; k < NUM_NEW_NAMES; k++)
    if (has_param(h, NEW_NAMES[k])) fail_msg("%s writes %s", fx->name, NEW_NAMES[k]);
  if (strstr(fx->name, "dev01")) assert_string_equal(h, fx->hash);
  free(h);
}

static void tfp_hashes_serialize_exactly_as_before(void **state) {
  (void)state;
  nn_each_fixture(serializes_as_before, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(new_parameters_have_their_defaults),
      cmocka_unit_test(every_new_parameter_is_parsed),
      cmocka_unit_test(bad_values_keep_the_default_with_a_notice),
      cmocka_unit_test(cross_entropy_for_regression_falls_back_to_square_with_a_notice),
      cmocka_unit_test(init_zeros_and_init_zero_stay_consistent),
      cmocka_unit_test(new_parameters_are_written_only_when_not_at_their_default),
      cmocka_unit_test(new_parameters_round_trip),
      cmocka_unit_test(tfp_hashes_serialize_exactly_as_before),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
