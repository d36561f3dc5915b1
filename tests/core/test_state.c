/* test_state.c — URL hash <-> config: TFP's parsing (§8), validation with notices, round trips,
 * and JavaScript number formatting/parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "each_fixture.h"
#include "fixture.h"
#include "json_compare.h"
#include "state.h"

/* ---------------------------------------------------------------- helpers */

static bool same_double(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

/* Every field equal (doubles as values: -0 == 0, as a TFP round trip gives). */
static bool config_equal(const nn_config *a, const nn_config *b, char *why, size_t cap) {
#define DIFF(...) do { snprintf(why, cap, __VA_ARGS__); return false; } while (0)
  if (a->activation != b->activation) DIFF("activation %d vs %d", a->activation, b->activation);
  if (a->regularization != b->regularization) DIFF("regularization");
  if (a->batch_size != b->batch_size) DIFF("batchSize %d vs %d", a->batch_size, b->batch_size);
  if (a->dataset != b->dataset) DIFF("dataset");
  if (a->reg_dataset != b->reg_dataset) DIFF("regDataset");
  if (!same_double(a->learning_rate, b->learning_rate))
    DIFF("learningRate %.17g vs %.17g", a->learning_rate, b->learning_rate);
  if (!same_double(a->regularization_rate, b->regularization_rate)) DIFF("regularizationRate");
  if (!same_double(a->noise, b->noise)) DIFF("noise %.17g vs %.17g", a->noise, b->noise);
  if (a->num_hidden_layers != b->num_hidden_layers)
    DIFF("networkShape length %d vs %d", a->num_hidden_layers, b->num_hidden_layers);
  for (int i = 0; i < a->num_hidden_layers; i++)
    if (a->network_shape[i] != b->network_shape[i]) DIFF("networkShape[%d]", i);
  if (strcmp(a->seed, b->seed) != 0) DIFF("seed \"%s\" vs \"%s\"", a->seed, b->seed);
  if (a->show_test_data != b->show_test_data) DIFF("showTestData");
  if (a->discretize != b->discretize) DIFF("discretize");
  if (!same_double(a->perc_train_data, b->perc_train_data)) DIFF("percTrainData");
  for (int f = 0; f < NN_FEAT_COUNT; f++)
    if (a->features[f] != b->features[f]) DIFF("feature %s", nn_feature_name((nn_feature)f));
  if (a->cos_x != b->cos_x || a->cos_y != b->cos_y) DIFF("cosX/cosY");
  if (a->collect_stats != b->collect_stats) DIFF("collectStats");
  if (strcmp(a->tutorial, b->tutorial) != 0) DIFF("tutorial");
  if (a->problem != b->problem) DIFF("problem");
  if (a->init_zero != b->init_zero) DIFF("initZero");
  if (a->hide_text != b->hide_text) DIFF("hideText");
  if (a->num_hide != b->num_hide) DIFF("hide count %d vs %d", a->num_hide, b->num_hide);
  for (int k = 0; k < a->num_hide; k++)
    if (strcmp(a->hide[k].name, b->hide[k].name) != 0 || a->hide[k].hidden != b->hide[k].hidden)
      DIFF("hide[%d] %s vs %s", k, a->hide[k].name, b->hide[k].name);
  return true;
#undef DIFF
}

/* Serializes cfg into a malloc'd string (checks the size contract on the way). */
static char *serialize(const nn_config *cfg) {
  size_t need = nn_state_serialize(cfg, NULL, 0);
  char *s = malloc(need + 1);
  assert_non_null(s);
  size_t again = nn_state_serialize(cfg, s, need + 1);
  assert_int_equal(again, need);
  assert_int_equal(strlen(s), need);
  return s;
}

/* parse(serialize(cfg)) gives cfg back, with no notices. */
static void assert_round_trip(const nn_config *cfg, const char *label) {
  char *h = serialize(cfg);
  nn_config back;
  nn_notices ns;
  nn_state_parse(h, &back, &ns);
  char why[256];
  if (!config_equal(&back, cfg, why, sizeof why)) fail_msg("%s: round trip changed %s (hash %.200s)", label, why, h);
  if (ns.count != 0)
    fail_msg("%s: canonical hash gave a notice: %s=%s: %s", label, ns.items[0].param,
         ns.items[0].value, ns.items[0].reason);
  free(h);
}

static char *state_json(const nn_config *cfg) {
  size_t need = nn_state_json(cfg, NULL, 0);
  char *s = malloc(need + 1);
  assert_non_null(s);
  assert_int_equal(nn_state_json(cfg, s, need + 1), need);
  assert_int_equal(strlen(s), need);
  return s;
}

/* ---------------------------------------------------------------- fixtures */

static void load_fixture(nn_fixture *fx, const char *path) {
  char err[256];
  if (!nn_fixture_load(fx, path, err, sizeof err)) fail_msg("%s: %s", path, err);
}

/* A fixture's hash parses to its state: field by field against the raw JSON and against
 * fixture.c's own conversion, without a notice, round-tripping, and as the same JSON. */
static void parses_to_the_fixture_state(const nn_fixture *fx, const char *path, void *ctx) {
  (void)ctx;
  const cJSON *state = cJSON_GetObjectItemCaseSensitive(fx->root, "state");
  assert_true(cJSON_IsObject(state));
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(fx->hash, &cfg, &ns);
  char why[512];
  /* against the raw JSON, field by field */
  if (!jc_config_matches_state(&cfg, state, fx->seed_in_hash, why, sizeof why))
    fail_msg("%s: %s", path, why);
  /* and against fixture.c's own conversion of `state` (written without state.c) */
  nn_config want = fx->cfg;
  if (!fx->seed_in_hash) want.seed[0] = '\0';
  if (!config_equal(&cfg, &want, why, sizeof why)) fail_msg("%s: %s", path, why);
  if (!fx->seed_in_hash) assert_string_equal(cfg.seed, "");
  if (ns.count != 0)
    fail_msg("%s: unexpected notice %s: %s", path, ns.items[0].param, ns.items[0].reason);
  assert_round_trip(&cfg, path);
  /* the JSON form of the parsed state is the fixture's `state`, value for value */
  if (fx->seed_in_hash) {
    char *js = state_json(&cfg);
    cJSON *got = cJSON_Parse(js);
    if (!jc_equal(got, state, why, sizeof why)) fail_msg("%s: state JSON: %s", path, why);
    cJSON_Delete(got);
    free(js);
  }
}

static void every_fixture_hash_parses_to_the_fixture_state(void **st) {
  (void)st;
  nn_each_fixture(parses_to_the_fixture_state, NULL);
}

static void the_default_experiment_hash_serializes_back_to_itself(void **st) {
  (void)st;
  nn_fixture fx;
  load_fixture(&fx, NN_FIXTURES_DIR "/dev01-circle-tanh-4x2-default.json");
  nn_config cfg;
  nn_state_parse(fx.hash, &cfg, NULL);
  char *out = serialize(&cfg);
  assert_string_equal(out, fx.hash);
  free(out);
  nn_fixture_free(&fx);
}

static void duplicates_and_hides_serialize_in_tfp_order(void **st) {
  (void)st;
  /* dev15: later duplicate wins, unknown numHiddenLayers dropped, _hide entries last */
  nn_fixture fx;
  load_fixture(&fx, NN_FIXTURES_DIR "/dev15-hide-param-removes-feature-dup-param.json");
  nn_config cfg;
  nn_state_parse(fx.hash, &cfg, NULL);
  char *out = serialize(&cfg);
  assert_string_equal(out,
      "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.1&"
      "regularizationRate=0&noise=0&networkShape=3&seed=0.31337&showTestData=false&"
      "discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=true&"
      "ySquared=true&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&"
      "problem=classification&initZero=false&hideText=false&xSquared_hide=true&"
      "ySquared_hide=false&activation_hide=true");
  free(out);
  nn_fixture_free(&fx);
}

static void regularization_none_empty_tutorial_and_missing_seed_are_not_written(void **st) {
  (void)st;
  nn_config cfg;
  nn_state_parse("regularization=none&networkShape=&tutorial=basics&problem=regression", &cfg,
                 NULL);
  char *out = serialize(&cfg);
  assert_string_equal(out,
      "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&"
      "regularizationRate=0&noise=0&networkShape=&showTestData=false&discretize=false&"
      "percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&"
      "sinX=false&cosY=false&sinY=false&collectStats=false&tutorial=basics&"
      "problem=regression&initZero=false&hideText=false");
  free(out);
  nn_state_parse("regularization=L2&regularizationRate=1e-7&learningRate=1e21&noise=-0", &cfg,
                 NULL);
  out = serialize(&cfg);
  assert_non_null(strstr(out, "activation=tanh&regularization=L2&batchSize=10&"));
  assert_non_null(strstr(out, "&learningRate=1e+21&regularizationRate=1e-7&noise=0&"));
  assert_null(strstr(out, "tutorial"));
  free(out);
}

static void serialize_reports_the_needed_length_and_truncates_safely(void **st) {
  (void)st;
  nn_config cfg;
  nn_state_parse("seed=abc", &cfg, NULL);
  size_t need = nn_state_serialize(&cfg, NULL, 0);
  char *full = malloc(need + 1);
  assert_non_null(full);
  nn_state_serialize(&cfg, full, need + 1);
  char small[17];
  memset(small, 'Z', sizeof small);
  size_t got = nn_state_serialize(&cfg, small, 10);
  assert_int_equal(got, need);
  assert_int_equal(strlen(small), 9);
  assert_memory_equal(small, full, 9);
  assert_int_equal(small[10], 'Z'); /* nothing written past cap */
  char one[1] = {'Q'};
  assert_int_equal(nn_state_serialize(&cfg, one, 1), need);
  assert_int_equal(one[0], '\0');
  free(full);
}

/* ---------------------------------------------------------------- malformed and hostile hashes */

static void want_lr_01(nn_config *c) { c->learning_rate = 0.1; }
static void want_seed_pct20(nn_config *c) { strcpy(c->seed, "%20"); }
static void want_seed_x(nn_config *c) { strcpy(c->seed, "x"); }
static void want_seed_eacute(nn_config *c) { strcpy(c->seed, "\xc3\xa9t\xc3\xa9"); }
static void want_seed_spaced(nn_config *c) { strcpy(c->seed, " a b "); }
static void want_seed_ab(nn_config *c) { strcpy(c->seed, "a"); }
static void want_shape_3(nn_config *c) { c->num_hidden_layers = 1; c->network_shape[0] = 3; }
static void want_shape_3_1(nn_config *c) {
  c->num_hidden_layers = 2; c->network_shape[0] = 3; c->network_shape[1] = 1;
}
static void want_shape_32(nn_config *c) { c->num_hidden_layers = 1; c->network_shape[0] = 32; }
static void want_shape_8(nn_config *c) { c->num_hidden_layers = 1; c->network_shape[0] = 8; }
static void want_shape_empty(nn_config *c) { c->num_hidden_layers = 0; }
static void want_shape_10_ones(nn_config *c) {
  c->num_hidden_layers = 10;
  for (int i = 0; i < 10; i++) c->network_shape[i] = 1;
}
static void want_noise_m10(nn_config *c) { c->noise = -10; }
static void want_noise_200(nn_config *c) { c->noise = 200; }
static void want_x_true_y_false(nn_config *c) { c->features[NN_FEAT_Y] = false; }
static void want_x_off(nn_config *c) { c->features[NN_FEAT_X] = false; }
static void want_relu(nn_config *c) { c->activation = NN_ACT_RELU; }
static void want_batch_16(nn_config *c) { c->batch_size = 16; }
static void want_perc_0(nn_config *c) { c->perc_train_data = 0; }
static void want_hide_x_false(nn_config *c) {
  c->num_hide = 1; strcpy(c->hide[0].name, "x"); c->hide[0].hidden = false;
}
static void want_hide_empty_name(nn_config *c) {
  c->num_hide = 1; c->hide[0].name[0] = '\0'; c->hide[0].hidden = true;
}
static void want_hide_script(nn_config *c) {
  c->num_hide = 1; strcpy(c->hide[0].name, "<script>"); c->hide[0].hidden = true;
}

typedef struct {
  const char *hash;
  const char *notice_param; /* every notice names this parameter; NULL: no notice */
  void (*want)(nn_config *); /* expected = defaults changed by this; NULL: all defaults */
} bad_case;

static const bad_case BAD[] = {
  /* networkShape */
  {"networkShape", "networkShape", NULL},
  {"networkShape=1000000", "networkShape", NULL},
  {"networkShape=4,,2", "networkShape", NULL},
  {"networkShape=a", "networkShape", NULL},
  {"networkShape=-1", "networkShape", NULL},
  {"networkShape=0", "networkShape", NULL},
  {"networkShape=,", "networkShape", NULL},
  {"networkShape=NaN", "networkShape", NULL},
  {"networkShape=Infinity", "networkShape", NULL},
  {"networkShape=33", "networkShape", NULL},
  {"networkShape=1,1,1,1,1,1,1,1,1,1,1", "networkShape", NULL},
  {"networkShape=3&networkShape", "networkShape", NULL},
  {"networkShape=2.5", "networkShape", want_shape_3},
  {"networkShape=2.01,0.5", "networkShape", want_shape_3_1},
  {"networkShape=32", NULL, want_shape_32},
  {"networkShape=0x8", NULL, want_shape_8},
  {"networkShape=%20", "networkShape", NULL},
  {"networkShape=%20%20", "networkShape", NULL},
  {"networkShape=%2C", "networkShape", NULL},
  {"networkShape= ", NULL, want_shape_empty},
  {"networkShape=1,1,1,1,1,1,1,1,1,1", NULL, want_shape_10_ones},
  /* choices: only the table's own keys, exactly */
  {"activation=toString", "activation", NULL},
  {"activation=constructor", "activation", NULL},
  {"activation=__proto__", "activation", NULL},
  {"activation=hasOwnProperty", "activation", NULL},
  {"activation=Tanh", "activation", NULL},
  {"activation= relu", "activation", NULL},
  {"activation=<script>alert(1)</script>", "activation", NULL},
  {"activation=%3Cscript%3Ealert(1)%3C/script%3E", "activation", NULL},
  {"activation=\"'><img src=x onerror=alert(1)>", "activation", NULL},
  {"activation=relu&activation", "activation", NULL},
  {"activation=", "activation", NULL},
  {"activation=%20", "activation", NULL},
  {"activation=\xff\xfe\x01", "activation", NULL},
  {"dataset=__proto__", "dataset", NULL},
  {"dataset=reg-plane", "dataset", NULL},
  {"regDataset=circle", "regDataset", NULL},
  {"regDataset=valueOf", "regDataset", NULL},
  {"problem=isPrototypeOf", "problem", NULL},
  {"regularization=L3", "regularization", NULL},
  {"regularization=null", "regularization", NULL},
  /* numbers */
  {"learningRate=NaN", "learningRate", NULL},
  {"learningRate=abc", "learningRate", NULL},
  {"learningRate=Infinity", "learningRate", NULL},
  {"learningRate=-Infinity", "learningRate", NULL},
  {"learningRate=1e999", "learningRate", NULL},
  {"learningRate=-0.1", "learningRate", NULL},
  {"learningRate=0.1.2", "learningRate", NULL},
  {"learningRate=1_000", "learningRate", NULL},
  {"learningRate=-0x1", "learningRate", NULL},
  {"learningRate=0x", "learningRate", NULL},
  {"learningRate", "learningRate", NULL},
  {"learningRate=0.1=5", "learningRate", want_lr_01},
  {"learningRate=abc&learningRate=0.1", NULL, want_lr_01},
  {"regularizationRate=-1", "regularizationRate", NULL},
  {"regularizationRate=NaN", "regularizationRate", NULL},
  {"batchSize=0", "batchSize", NULL},
  {"batchSize=2.5", "batchSize", NULL},
  {"batchSize=-3", "batchSize", NULL},
  {"batchSize=1001", "batchSize", NULL},
  {"batchSize=1e9", "batchSize", NULL},
  {"batchSize=Infinity", "batchSize", NULL},
  {"batchSize=", "batchSize", NULL},
  {"batchSize", "batchSize", NULL},
  {"batchSize=0x10", NULL, want_batch_16},
  {"percTrainData=200", "percTrainData", NULL},
  {"percTrainData=-1", "percTrainData", NULL},
  {"percTrainData=100.0001", "percTrainData", NULL},
  {"percTrainData=NaN", "percTrainData", NULL},
  {"percTrainData=0", NULL, want_perc_0},
  {"noise=Infinity", "noise", NULL},
  {"noise=abc", "noise", NULL},
  {"noise=-10", NULL, want_noise_m10},
  {"noise=200", NULL, want_noise_200},
  /* seed: taken as is, never decoded or trimmed */
  {"seed=", "seed", NULL},
  {"seed", "seed", NULL},
  {"seed=   ", "seed", NULL},
  {"seed=\t\n", "seed", NULL},
  {"seed=%20", NULL, want_seed_pct20},
  {"seed= a b ", NULL, want_seed_spaced},
  {"seed=\xc3\xa9t\xc3\xa9", NULL, want_seed_eacute},
  {"seed=a=b", "seed", want_seed_ab},
  {"seed=x&seed=", "seed", NULL},
  /* tutorial */
  {"tutorial=../../etc/passwd", "tutorial", NULL},
  {"tutorial=<b>hi</b>", "tutorial", NULL},
  {"tutorial=", "tutorial", NULL},
  /* booleans: only "false" is false */
  {"x=0&y=false", NULL, want_x_true_y_false},
  {"x=False&y=false", NULL, want_x_true_y_false},
  {"x=false&x=", "x", NULL},
  {"x=false&x", "x", NULL},
  {"x=%20false", NULL, NULL},
  {"x=false", NULL, want_x_off},
  /* _hide */
  {"x_hide=true&x_hide=yes", NULL, want_hide_x_false},
  {"x_hide", NULL, want_hide_x_false},
  {"_hide=true", NULL, want_hide_empty_name},
  {"<script>_hide=true", NULL, want_hide_script},
  /* tokenizing junk */
  {"", NULL, NULL},
  {"&&&", NULL, NULL},
  {"=", NULL, NULL},
  {"==", NULL, NULL},
  {"=&=&=", NULL, NULL},
  {"a=b=c", NULL, NULL},
  {"#activation=relu", NULL, NULL},
  {"ACTIVATION=relu", NULL, NULL},
  {"numHiddenLayers=5&goalTestLossMinThresholdFirst=0.1", NULL, NULL},
  {"constructor=1&__proto__=2&toString=3&hasOwnProperty=4", NULL, NULL},
  {"\x01\x02=\x7f&\x1b[31m=red", NULL, NULL},
  {"activation=relu&&&=&", NULL, want_relu},
  {"seed=x&learningRate=abc", "learningRate", want_seed_x},
};

static void check_bad_case(const bad_case *bc, const char *label) {
  nn_config got, want;
  nn_notices ns;
  nn_state_parse(bc->hash, &got, &ns);
  nn_config_default(&want);
  if (bc->want) bc->want(&want);
  char why[256];
  if (!config_equal(&got, &want, why, sizeof why)) fail_msg("%s: %s", label, why);
  if (bc->notice_param == NULL) {
    if (ns.count != 0)
      fail_msg("%s: unexpected notice %s=%s: %s", label, ns.items[0].param, ns.items[0].value,
           ns.items[0].reason);
  } else {
    if (ns.count == 0) fail_msg("%s: expected a notice for %s", label, bc->notice_param);
    for (int i = 0; i < ns.count; i++) {
      if (strcmp(ns.items[i].param, bc->notice_param) != 0)
        fail_msg("%s: notice names %s, want %s", label, ns.items[i].param, bc->notice_param);
      if (strlen(ns.items[i].reason) < 10) fail_msg("%s: reason too short", label);
      if (strlen(ns.items[i].value) > NN_NOTICE_VALUE_LEN) fail_msg("%s: value too long", label);
    }
  }
  assert_int_equal(ns.dropped, 0);
  assert_round_trip(&got, label);
}

static void malformed_hashes_fall_back_to_defaults_with_a_notice(void **st) {
  (void)st;
  for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
    char label[160];
    snprintf(label, sizeof label, "case %zu \"%.100s\"", i, BAD[i].hash);
    check_bad_case(&BAD[i], label);
  }
  assert_true(sizeof BAD / sizeof BAD[0] >= 30);
}

static void notices_say_what_was_used_instead(void **st) {
  (void)st;
  nn_notices ns;
  nn_config cfg;
  nn_state_parse("activation=toString", &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].value, "toString");
  assert_non_null(strstr(ns.items[0].reason, "using tanh"));
  nn_state_parse("learningRate=abc", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "using 0.03"));
  nn_state_parse("networkShape=1000000", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "using 4,2"));
  nn_state_parse("networkShape=2.5,1", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "using 3,1"));
  nn_state_parse("batchSize=0", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "using 10"));
  nn_state_parse("percTrainData=200", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "using 50"));
  nn_state_parse("seed=", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "random seed"));
  nn_state_parse("regularization=L3", &cfg, &ns);
  assert_non_null(strstr(ns.items[0].reason, "using none"));
}

static void long_values_are_cut_in_notices_on_a_character_boundary(void **st) {
  (void)st;
  char hash[400];
  strcpy(hash, "activation=");
  size_t n = strlen(hash);
  for (int i = 0; i < 100; i++) { /* "é" is 2 bytes: 200 bytes of it */
    hash[n++] = '\xc3';
    hash[n++] = '\xa9';
  }
  hash[n] = '\0';
  nn_notices ns;
  nn_config cfg;
  nn_state_parse(hash, &cfg, &ns);
  assert_int_equal(ns.count, 1);
  const char *v = ns.items[0].value;
  size_t len = strlen(v);
  assert_true(len <= NN_NOTICE_VALUE_LEN && len >= NN_NOTICE_VALUE_LEN - 4);
  assert_string_equal(v + len - 3, "...");
  assert_int_equal((len - 3) % 2, 0); /* whole characters only */
}

static void a_ten_kilobyte_hash_parses_fast_and_safely(void **st) {
  (void)st;
  /* four flavours of 10 kB: one huge value, many layers, many pieces, a huge seed */
  size_t big = 10 * 1024;
  char *h = malloc(big + 64);
  assert_non_null(h);
  nn_config cfg;
  nn_notices ns;

  strcpy(h, "learningRate=");
  size_t n = strlen(h);
  memset(h + n, '9', big); /* a 10 kB numeral: about 1e10240, i.e. Infinity */
  h[n + big] = '\0';
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "learningRate");
  assert_true(cfg.learning_rate == 0.03);

  strcpy(h, "networkShape=");
  n = strlen(h);
  for (size_t i = 0; i + 2 < big; i += 2) { h[n++] = '1'; h[n++] = ','; }
  h[n++] = '1';
  h[n] = '\0';
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "networkShape");
  assert_int_equal(cfg.num_hidden_layers, 2);

  n = 0;
  while (n + 8 < big) { memcpy(h + n, "a=b&c&=&", 8); n += 8; }
  strcpy(h + n, "x=false");
  clock_t t0 = clock();
  for (int rep = 0; rep < 200; rep++) nn_state_parse(h, &cfg, &ns);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  assert_int_equal(ns.count, 0);
  assert_false(cfg.features[NN_FEAT_X]);
  assert_true(secs < 2.0); /* 200 parses of 10 kB: ~5 ms natively */

  strcpy(h, "seed=");
  n = strlen(h);
  memset(h + n, 's', big);
  h[n + big] = '\0';
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "seed");
  assert_string_equal(cfg.seed, "");
  assert_true(strlen(ns.items[0].value) <= NN_NOTICE_VALUE_LEN);

  /* a 300-character decimal numeral takes the allocating path and is read correctly */
  strcpy(h, "learningRate=0.");
  n = strlen(h);
  memset(h + n, '0', 300);
  strcpy(h + n + 300, "1e300");
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(ns.count, 0);
  assert_true(cfg.learning_rate == 1e-1);
  free(h);
}

static void three_hundred_hide_names_keep_the_first_48_with_one_notice(void **st) {
  (void)st;
  char *h = malloc(300 * 24);
  assert_non_null(h);
  size_t n = 0;
  for (int i = 0; i < 300; i++) n += (size_t)sprintf(h + n, "%sc%d_hide=true", i ? "&" : "", i);
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(cfg.num_hide, NN_MAX_HIDE);
  assert_string_equal(cfg.hide[0].name, "c0");
  assert_string_equal(cfg.hide[NN_MAX_HIDE - 1].name, "c47");
  assert_int_equal(ns.count, 1);
  assert_string_equal(ns.items[0].param, "_hide");
  assert_non_null(strstr(ns.items[0].reason, "252"));
  assert_round_trip(&cfg, "300 hides");
  /* a name already kept still takes a later value when the table is full */
  n += (size_t)sprintf(h + n, "&c3_hide=false");
  nn_state_parse(h, &cfg, &ns);
  assert_false(cfg.hide[3].hidden);
  free(h);
}

static void over_long_names_are_ignored_with_a_notice(void **st) {
  (void)st;
  char h[400];
  memset(h, 'q', 100);
  strcpy(h + 100, "=1&activation=relu");
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(cfg.activation, NN_ACT_RELU);
  assert_int_equal(ns.count, 1);
  assert_int_equal(strlen(ns.items[0].param), NN_NOTICE_PARAM_LEN);
  assert_string_equal(ns.items[0].param + NN_NOTICE_PARAM_LEN - 3, "...");
  /* a _hide name too long to keep */
  memset(h, 'w', NN_MAX_HIDE_NAME + 1);
  strcpy(h + NN_MAX_HIDE_NAME + 1, "_hide=true");
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(cfg.num_hide, 0);
  assert_int_equal(ns.count, 1);
  memset(h, 'w', NN_MAX_HIDE_NAME);
  strcpy(h + NN_MAX_HIDE_NAME, "_hide=true");
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(cfg.num_hide, 1);
  assert_int_equal(ns.count, 0);
}

static void too_many_notices_are_counted_not_stored(void **st) {
  (void)st;
  char h[8000];
  size_t n = 0;
  for (int i = 0; i < 40; i++) {
    if (i) h[n++] = '&';
    memset(h + n, 'a' + (i % 26), 70);
    n += 70;
  }
  h[n] = '\0';
  nn_config cfg;
  nn_notices ns;
  nn_state_parse(h, &cfg, &ns);
  assert_int_equal(ns.count, NN_MAX_NOTICES);
  assert_int_equal(ns.dropped, 40 - NN_MAX_NOTICES);
  nn_state_parse(NULL, &cfg, NULL); /* NULL hash, NULL notices: defaults */
  nn_config d;
  nn_config_default(&d);
  char why[128];
  assert_true(config_equal(&cfg, &d, why, sizeof why));
}

static void tfp_parsing_rules_hold(void **st) {
  (void)st;
  nn_config c;
  nn_notices ns;
  /* numbers as unary plus */
  const struct { const char *h; double lr; } nums[] = {
    {"learningRate=1e-3", 0.001}, {"learningRate=0x10", 16}, {"learningRate= 5 ", 5},
    {"learningRate=5.", 5}, {"learningRate=.5", 0.5}, {"learningRate=0b11", 3},
    {"learningRate=0o7", 7}, {"learningRate=+3", 3}, {"learningRate=1E2", 100},
    {"learningRate=\xc2\xa0" "2\xe3\x80\x80", 2}, {"learningRate=00012", 12},
  };
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    nn_state_parse(nums[i].h, &c, &ns);
    if (c.learning_rate != nums[i].lr || ns.count != 0) fail_msg("%s -> %.17g", nums[i].h, c.learning_rate);
  }
  nn_state_parse("learningRate=-0", &c, &ns); /* TFP keeps -0 */
  assert_int_equal(ns.count, 0);
  assert_true(c.learning_rate == 0 && signbit(c.learning_rate));
  /* everything at once, the later duplicate winning */
  nn_state_parse("activation=relu&regularization=L1&batchSize=3&dataset=spiral&"
                 "regDataset=reg-gauss&learningRate=0.3&regularizationRate=0.001&noise=35&"
                 "networkShape=5,6,7&seed=hello&showTestData=true&discretize=1&"
                 "percTrainData=70&x=false&y=false&xTimesY=yes&xSquared=1&ySquared=1&"
                 "cosX=true&sinX=true&cosY=true&sinY=true&collectStats=true&tutorial=a-b_c&"
                 "problem=regression&initZero=true&hideText=true&batchSize=4&x_hide=true",
                 &c, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(c.activation, NN_ACT_RELU);
  assert_int_equal(c.regularization, NN_REG_L1);
  assert_int_equal(c.batch_size, 4);
  assert_int_equal(c.dataset, NN_DATA_SPIRAL);
  assert_int_equal(c.reg_dataset, NN_DATA_REG_GAUSS);
  assert_true(c.learning_rate == 0.3 && c.regularization_rate == 0.001 && c.noise == 35);
  assert_int_equal(c.num_hidden_layers, 3);
  assert_int_equal(c.network_shape[2], 7);
  assert_string_equal(c.seed, "hello");
  assert_true(c.show_test_data && c.discretize && c.perc_train_data == 70);
  assert_false(c.features[NN_FEAT_X] || c.features[NN_FEAT_Y]);
  for (int f = NN_FEAT_X_SQUARED; f < NN_FEAT_COUNT; f++) assert_true(c.features[f]);
  assert_true(c.cos_x && c.cos_y && c.collect_stats && c.init_zero && c.hide_text);
  assert_string_equal(c.tutorial, "a-b_c");
  assert_int_equal(c.problem, NN_PROBLEM_REGRESSION);
  assert_int_equal(c.num_hide, 1);
  assert_true(nn_config_is_hidden(&c, "x"));
  assert_round_trip(&c, "everything");
}

/* Random hashes built from real names and hostile values: never crash, always round-trip. */
static void random_hashes_always_round_trip(void **st) {
  (void)st;
  static const char *const names[] = {
    "activation", "regularization", "batchSize", "dataset", "regDataset", "learningRate",
    "regularizationRate", "noise", "networkShape", "seed", "showTestData", "percTrainData",
    "x", "y", "sinX", "tutorial", "problem", "initZero", "x_hide", "sinX_hide", "foo_hide",
    "", "zzz", "_hide"};
  static const char *const values[] = {
    "", " ", "relu", "tanh", "L1", "L2", "none", "xor", "reg-gauss", "regression", "true",
    "false", "0", "-0", "1", "2.5", "30", "1e3", "0x1f", "NaN", "Infinity", "-5", "abc",
    "4,2", "8,8,8", "1,,1", "%20", "\xc3\xa9", "toString", "a=b", "\x7f", "99999999999"};
  uint64_t s = 0x9E3779B97F4A7C15u;
  char h[2048];
  for (int iter = 0; iter < 20000; iter++) {
    size_t n = 0;
    s = s * 6364136223846793005u + 1442695040888963407u;
    int pieces = (int)(s >> 60);
    for (int p = 0; p < pieces; p++) {
      s = s * 6364136223846793005u + 1442695040888963407u;
      const char *nm = names[(s >> 33) % (sizeof names / sizeof names[0])];
      const char *v = values[(s >> 17) % (sizeof values / sizeof values[0])];
      int form = (int)((s >> 8) % 5); /* 0: bare name */
      n += (size_t)snprintf(h + n, sizeof h - n, "%s%s%s%s", p ? "&" : "", nm, form ? "=" : "",
                            form ? v : "");
    }
    h[n] = '\0';
    nn_config c;
    nn_notices ns;
    nn_state_parse(h, &c, &ns);
    char label[2100];
    snprintf(label, sizeof label, "random hash \"%s\"", h);
    assert_round_trip(&c, label);
  }
}

/* ---------------------------------------------------------------- JSON output */

static bool all_ascii_printable(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F) return false;
  return true;
}

static void json_strings_are_escaped_and_pure_ascii(void **st) {
  (void)st;
  /* quote, backslash, controls, DEL, HTML specials, 2/3/4-byte UTF-8, a stray byte, an
   * encoded surrogate, an overlong '/', and a sequence cut off at the end */
  const char in[] = "a\"b\\c\x01\n\t\x7f<>&\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff"
                    "\xed\xa0\x80\xc0\xaf\xc3";
  const char want[] = "a\"b\\c\x01\n\t\x7f<>&\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd"
                      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd";
  size_t need = nn_json_string(in, sizeof in - 1, NULL, 0);
  char *out = malloc(need + 1);
  assert_non_null(out);
  assert_int_equal(nn_json_string(in, sizeof in - 1, out, need + 1), need);
  assert_true(all_ascii_printable(out));
  assert_null(strchr(out, '<'));
  assert_non_null(strstr(out, "\\ud83d\\ude00")); /* U+1F600 as a surrogate pair */
  cJSON *j = cJSON_Parse(out);
  assert_true(cJSON_IsString(j));
  assert_string_equal(j->valuestring, want);
  cJSON_Delete(j);
  free(out);

  /* a hostile hash: its state and notices are valid JSON that decode to what was given */
  nn_config cfg;
  nn_notices ns;
  nn_state_parse("seed=\"};alert(1)//\x01\xff&activation=</script><script>alert(1)</script>"
                 "&\"_hide=true", &cfg, &ns);
  char *js = state_json(&cfg);
  assert_true(all_ascii_printable(js));
  cJSON *state = cJSON_Parse(js);
  assert_non_null(state);
  assert_string_equal(cJSON_GetObjectItemCaseSensitive(state, "seed")->valuestring,
                      "\"};alert(1)//\x01\xef\xbf\xbd");
  assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(state, "hide"), "\"_hide")));
  cJSON_Delete(state);
  free(js);
  need = nn_notices_json(&ns, NULL, 0);
  char *nj = malloc(need + 1);
  assert_non_null(nj);
  nn_notices_json(&ns, nj, need + 1);
  assert_true(all_ascii_printable(nj));
  cJSON *arr = cJSON_Parse(nj);
  assert_int_equal(cJSON_GetArraySize(arr), 1);
  const cJSON *it = cJSON_GetArrayItem(arr, 0);
  assert_string_equal(cJSON_GetObjectItemCaseSensitive(it, "param")->valuestring, "activation");
  assert_string_equal(cJSON_GetObjectItemCaseSensitive(it, "value")->valuestring,
                      "</script><script>alert(1)</script>");
  assert_string_equal(cJSON_GetObjectItemCaseSensitive(it, "reason")->valuestring,
                      ns.items[0].reason);
  cJSON_Delete(arr);
  free(nj);
  /* no notices: [] */
  nn_state_parse("", &cfg, &ns);
  char empty[8];
  assert_int_equal(nn_notices_json(&ns, empty, sizeof empty), 2);
  assert_string_equal(empty, "[]");
}

/* ---------------------------------------------------------------- JS numbers */

static void numbers_format_as_javascript_string(void **st) {
  (void)st;
  const struct { double x; const char *s; } cases[] = {
    {0.03, "0.03"}, {0, "0"}, {-0.0, "0"}, {1, "1"}, {-1.5, "-1.5"}, {100, "100"},
    {1e21, "1e+21"}, {1.5e21, "1.5e+21"}, {1e20, "100000000000000000000"},
    {123456789012345680000.0, "123456789012345680000"}, {1e-7, "1e-7"}, {-1e-7, "-1e-7"},
    {1e-6, "0.000001"}, {1.5e-6, "0.0000015"}, {1.23e-18, "1.23e-18"},
    {0.1 + 0.2, "0.30000000000000004"}, {1.0 / 3.0, "0.3333333333333333"},
    {5e-324, "5e-324"}, {DBL_MAX, "1.7976931348623157e+308"}, {DBL_MIN, "2.2250738585072014e-308"},
    {9007199254740992.0, "9007199254740992"}, {4.35, "4.35"}, {0.001, "0.001"},
    {1e300, "1e+300"}, {-2.5e-300, "-2.5e-300"}, {12345.678, "12345.678"},
    /* powers of two whose shortest form lies on the wide side of a lopsided interval */
    {0x1p122, "5.316911983139664e+36"}, {0x1p-44, "5.684341886080802e-14"},
    {0x1p120, "1.329227995784916e+36"},
    {NAN, "NaN"}, {INFINITY, "Infinity"}, {-INFINITY, "-Infinity"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char out[32];
    int len = nn_format_js_number(cases[i].x, out);
    if (strcmp(out, cases[i].s) != 0 || len != (int)strlen(out))
      fail_msg("%.17g: got %s, want %s", cases[i].x, out, cases[i].s);
  }
}

static void strings_convert_as_javascript_number(void **st) {
  (void)st;
  char zeros[400];
  strcpy(zeros, "0.");
  memset(zeros + 2, '0', 300);
  strcpy(zeros + 302, "1");
  const struct { const char *s; double v; } cases[] = {
    {"1e-3", 0.001}, {"0x10", 16}, {" 5 ", 5}, {"", 0}, {" \t\n", 0}, {"Infinity", INFINITY},
    {"-Infinity", -INFINITY}, {"+Infinity", INFINITY}, {"0b11", 3}, {"0o7", 7}, {"0O17", 15},
    {"0X1F", 31}, {"0B101", 5}, {".5", 0.5}, {"5.", 5}, {"-.5", -0.5}, {"+.5e1", 5},
    {"abc", NAN}, {"+-5", NAN}, {"1_000", NAN}, {"0x", NAN}, {"0b2", NAN}, {"0o8", NAN},
    {"-0x10", NAN}, {"+0x10", NAN}, {"1e", NAN}, {"1e+", NAN}, {".", NAN}, {"1..2", NAN},
    {"1e1.5", NAN}, {"infinity", NAN}, {"INFINITY", NAN}, {"Infinityx", NAN}, {"NaN", NAN},
    {"inf", NAN}, {"nan", NAN}, {"1,2", NAN}, {"0.1.2", NAN}, {"\xd9\xa3", NAN},
    {"\xc2\xa0" "5\xc2\xa0", 5}, {"\xef\xbb\xbf" "7", 7}, {"\xe2\x80\x83" "8\xe3\x80\x80", 8},
    {"\xe2\x80\xa8 9\xe2\x80\xa9", 9}, {"\xe1\xa0\x8e" "1", NAN}, {"1e400", INFINITY},
    {"1e-400", 0}, {"5e-324", 5e-324}, {"2.4703282292062328e-324", 5e-324},
    {"2.4703282292062327e-324", 0}, {"0x1fffffffffffff", 9007199254740991.0},
    {"0x20000000000001", 9007199254740992.0}, {"0x20000000000003", 9007199254740996.0},
    {"0x3ffffffffffffe00", 4611686018427387392.0}, {"00012", 12}, {"0012.5", 12.5},
    {zeros, 1e-301},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double v = nn_js_string_to_number(cases[i].s, strlen(cases[i].s));
    bool ok = isnan(cases[i].v) ? isnan(v) : v == cases[i].v;
    if (!ok) fail_msg("\"%.60s\": got %.17g, want %.17g", cases[i].s, v, cases[i].v);
  }
  double m0 = nn_js_string_to_number("-0", 2);
  assert_true(m0 == 0 && signbit(m0));
  assert_true(nn_js_string_to_number("12345", 2) == 12); /* only len bytes are read */
  /* a hex numeral with 300 digits is Infinity, as in JS */
  char hex[310] = "0x";
  memset(hex + 2, 'f', 300);
  hex[302] = '\0';
  assert_true(isinf(nn_js_string_to_number(hex, strlen(hex))));
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_fixture_hash_parses_to_the_fixture_state),
    cmocka_unit_test(the_default_experiment_hash_serializes_back_to_itself),
    cmocka_unit_test(duplicates_and_hides_serialize_in_tfp_order),
    cmocka_unit_test(regularization_none_empty_tutorial_and_missing_seed_are_not_written),
    cmocka_unit_test(serialize_reports_the_needed_length_and_truncates_safely),
    cmocka_unit_test(malformed_hashes_fall_back_to_defaults_with_a_notice),
    cmocka_unit_test(notices_say_what_was_used_instead),
    cmocka_unit_test(long_values_are_cut_in_notices_on_a_character_boundary),
    cmocka_unit_test(a_ten_kilobyte_hash_parses_fast_and_safely),
    cmocka_unit_test(three_hundred_hide_names_keep_the_first_48_with_one_notice),
    cmocka_unit_test(over_long_names_are_ignored_with_a_notice),
    cmocka_unit_test(too_many_notices_are_counted_not_stored),
    cmocka_unit_test(tfp_parsing_rules_hold),
    cmocka_unit_test(random_hashes_always_round_trip),
    cmocka_unit_test(json_strings_are_escaped_and_pure_ascii),
    cmocka_unit_test(numbers_format_as_javascript_string),
    cmocka_unit_test(strings_convert_as_javascript_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
