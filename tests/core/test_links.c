/* test_links.c — the link of the screen, as a property: seeded random sessions (training in
 * sampled chunks, live changes of every live parameter, hand edits, resets, divergence and
 * restore) on several links; the session's link, opened fresh and trained to its epoch, gives
 * the same epoch, parameters, settings and curves bit for bit, in the engine and through
 * `nnplay run --hash`; and a changed link's training state moves to an experiment of the same
 * link and no other. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "changelog.h"
#include "experiment.h"
#include "js_number.h"
#include "link.h"
#include "network.h"

static const char *const LINKS[] = {
    "seed=0.5",
    "dataset=xor&activation=relu&regularization=L1&regularizationRate=0.001&batchSize=1&"
    "noise=25&seed=links-xor&networkShape=3",
    "dataset=spiral&activation=tanh&networkShape=6,8&xTimesY=true&xSquared=true&ySquared=true&"
    "sinX=true&sinY=true&seed=links-spiral&dropout=0.2",
    "regDataset=reg-gauss&problem=regression&activation=relu&regularization=L2&"
    "regularizationRate=0.01&seed=links-reg&learningRate=0.01",
    "dataset=gauss&model=perceptron&seed=links-perc",
};
enum { NUM_LINKS = sizeof LINKS / sizeof LINKS[0] };

static uint64_t rnd_state;
static uint64_t rnd(void) { /* xorshift64* */
  rnd_state ^= rnd_state >> 12;
  rnd_state ^= rnd_state << 25;
  rnd_state ^= rnd_state >> 27;
  return rnd_state * UINT64_C(2685821657736338717);
}
static int rnd_int(int n) { return (int)(rnd() % (uint64_t)n); }
static double rnd_unit(void) { return (double)(rnd() >> 11) * 0x1p-53; }

/* A valid random value for live parameter `name`. */
static void random_value(const char *name, char out[32]) {
  static const char *const REG[] = {"none", "L1", "L2"};
  static const char *const OPT[] = {"sgd", "momentum", "rmsprop", "adam"};
  static const char *const LR[] = {"0.001", "0.003", "0.01", "0.03", "0.1", "0.3"};
  if (strcmp(name, "regularization") == 0) strcpy(out, REG[rnd_int(3)]);
  else if (strcmp(name, "optimizer") == 0) strcpy(out, OPT[rnd_int(4)]);
  else if (strcmp(name, "learningRate") == 0) strcpy(out, LR[rnd_int(6)]);
  else if (strcmp(name, "batchSize") == 0) sprintf(out, "%d", 1 + rnd_int(30));
  else if (strcmp(name, "regularizationRate") == 0) nn_format_js_number(rnd_unit() * 0.01, out);
  else if (strcmp(name, "dropout") == 0) nn_format_js_number(rnd_unit() * 0.9, out);
  else if (strcmp(name, "epsilon") == 0) nn_format_js_number(1e-8 + rnd_unit() * 0.1, out);
  else nn_format_js_number(rnd_unit() * 0.999, out); /* momentum, rho, beta1, beta2 */
}

static const char *const LIVE[] = {"learningRate", "regularization", "regularizationRate",
                                   "optimizer", "momentum", "rho", "beta1", "beta2", "epsilon",
                                   "dropout", "batchSize"};

/* One random session on e. */
static void play(nn_experiment *e) {
  int steps = 4 + rnd_int(10);
  for (int s = 0; s < steps; s++) {
    int what = rnd_int(20);
    if (what < 7) {
      assert_int_equal(nn_experiment_train_sampled(e, rnd_int(25), 1 + rnd_int(4)), NN_OK);
    } else if (what < 13) {
      const char *name = LIVE[rnd_int((int)(sizeof LIVE / sizeof LIVE[0]))];
      char value[32], why[NN_NOTICE_REASON_LEN + 1];
      random_value(name, value);
      assert_int_equal(nn_experiment_change(e, name, value, why), NN_OK);
    } else if (what < 17) {
      const nn_network *net = nn_experiment_network(e);
      int layer = 1 + rnd_int(net->num_layers - 1);
      double v = (rnd_unit() - 0.5) * 4;
      if (rnd_int(2))
        assert_int_equal(nn_experiment_set_weight(e, layer, rnd_int(net->sizes[layer - 1]),
                                                  rnd_int(net->sizes[layer]), v), NN_OK);
      else
        assert_int_equal(nn_experiment_set_bias(e, layer, rnd_int(net->sizes[layer]), v), NN_OK);
    } else if (what < 18) {
      assert_int_equal(nn_experiment_reset(e), NN_OK);
    } else {
      /* force divergence, then go back to the last finite state (or train on diverged) */
      assert_int_equal(nn_experiment_change(e, "learningRate", "1000", NULL), NN_OK);
      assert_int_equal(nn_experiment_train(e, 1 + rnd_int(20)), NN_OK);
      if (rnd_int(3)) assert_int_equal(nn_experiment_restore_finite(e), NN_OK);
    }
  }
  assert_int_equal(nn_experiment_train_sampled(e, rnd_int(10), 1 + rnd_int(3)), NN_OK);
}

static nn_experiment *reopen(const nn_experiment *e) {
  char *link = nn_test_link_of(e);
  nn_notices ns;
  nn_experiment *again = nn_test_open_link(link, &ns);
  assert_int_equal(ns.count, 0);
  assert_int_equal(nn_experiment_train(again, nn_experiment_target_epoch(again)), NN_OK);
  char *link2 = nn_test_link_of(again);
  assert_string_equal(link, link2);
  free(link);
  free(link2);
  return again;
}

static void random_sessions_reopen_bit_for_bit(void **state) {
  (void)state;
  for (int session = 0; session < 60; session++) {
    rnd_state = UINT64_C(0x9E3779B97F4A7C15) * (uint64_t)(session + 1);
    nn_experiment *e = nn_test_open_link(LINKS[session % NUM_LINKS], NULL);
    play(e);
    nn_experiment *again = reopen(e);
    nn_test_assert_same_screen(e, again);
    /* and both train on alike */
    assert_int_equal(nn_experiment_train(e, 3), NN_OK);
    assert_int_equal(nn_experiment_train(again, 3), NN_OK);
    nn_test_assert_same_screen(e, again);
    nn_experiment_destroy(again);
    nn_experiment_destroy(e);
  }
}

/* ---------------------------------------------------------------- through the CLI */

static cJSON *run_cli(const char *link) {
  size_t cap = strlen(link) + 256;
  char *cmd = malloc(cap);
  snprintf(cmd, cap, "'%s' run --hash '%s'", NN_CLI_PATH, link);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  size_t len = 0, size = 1 << 16;
  char *out = malloc(size);
  size_t got;
  while ((got = fread(out + len, 1, size - len - 1, p)) > 0) {
    len += got;
    if (len + 1 == size) out = realloc(out, size *= 2);
  }
  out[len] = '\0';
  assert_int_equal(pclose(p), 0);
  cJSON *json = cJSON_Parse(out);
  assert_non_null(json);
  free(out);
  free(cmd);
  return json;
}

/* A JSON number as the CLI writes it (17 digits, "NaN", ...) back to the double. */
static double json_double(const cJSON *v) {
  if (cJSON_IsString(v)) {
    const char *s = v->valuestring;
    return strcmp(s, "NaN") == 0 ? NAN : s[0] == '-' ? -INFINITY : INFINITY;
  }
  return v->valuedouble;
}

static bool same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b)); }

static void the_cli_reopens_random_sessions(void **state) {
  (void)state;
  for (int session = 0; session < 12; session++) {
    rnd_state = UINT64_C(0xD1B54A32D192ED03) * (uint64_t)(session + 7);
    nn_experiment *e = nn_test_open_link(LINKS[session % NUM_LINKS], NULL);
    play(e);
    char *link = nn_test_link_of(e);
    cJSON *json = run_cli(link);
    const nn_network *net = nn_experiment_network(e);
    const cJSON *layers = cJSON_GetObjectItem(json, "final_network");
    assert_int_equal(cJSON_GetArraySize(layers), net->num_layers - 1);
    for (int l = 1; l < net->num_layers; l++) {
      const cJSON *nodes = cJSON_GetArrayItem(layers, l - 1);
      for (int j = 0; j < net->sizes[l]; j++) {
        const cJSON *node = cJSON_GetArrayItem(nodes, j);
        assert_true(same_bits(json_double(cJSON_GetObjectItem(node, "bias")),
                              net->params[net->bias_offset[l] + j]));
        const cJSON *w = cJSON_GetObjectItem(node, "weights");
        for (int i = 0; i < net->sizes[l - 1]; i++)
          assert_true(same_bits(json_double(cJSON_GetArrayItem(w, i)),
                                net->params[net->weight_offset[l] + j * net->sizes[l - 1] + i]));
      }
    }
    int rows;
    const double *curve = nn_experiment_loss_curve(e, &rows);
    const cJSON *lc = cJSON_GetObjectItem(json, "loss_curve");
    assert_int_equal(cJSON_GetArraySize(lc), rows);
    for (int r = 0; r < rows; r++) {
      if (curve[2 * r] == NN_NOT_EVALUATED) continue;
      const cJSON *row = cJSON_GetArrayItem(lc, r);
      assert_true(same_bits(json_double(cJSON_GetArrayItem(row, 0)), curve[2 * r]));
      assert_true(same_bits(json_double(cJSON_GetArrayItem(row, 1)), curve[2 * r + 1]));
    }
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(json, "notices")), 0);
    cJSON_Delete(json);
    free(link);
    nn_experiment_destroy(e);
  }
}

/* ---------------------------------------------------------------- moving the training state */

static void transfer(const nn_experiment *from, nn_experiment *to, nn_status expect) {
  size_t size = nn_experiment_state_size(from, 0);
  uint8_t *buf = malloc(size);
  assert_int_equal(nn_experiment_save_state(from, 0, buf, size), NN_OK);
  assert_int_equal(nn_experiment_load_state(to, buf, size), expect);
  free(buf);
}

static void a_changed_links_state_moves_to_the_same_link_only(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link("seed=move&optimizer=momentum", NULL);
  assert_int_equal(nn_experiment_train(e, 20), NN_OK);
  assert_int_equal(nn_experiment_change(e, "learningRate", "0.1", NULL), NN_OK);
  assert_int_equal(nn_experiment_set_weight(e, 1, 1, 2, 0.75), NN_OK);
  char *link = nn_test_link_of(e);
  nn_experiment *worker = nn_test_open_link(link, NULL); /* at epoch 0, its link's changes ahead */
  assert_int_equal(nn_experiment_train(e, 30), NN_OK);
  transfer(e, worker, NN_OK);
  nn_test_assert_same_screen(e, worker);
  assert_int_equal(nn_experiment_train(e, 40), NN_OK);
  assert_int_equal(nn_experiment_train(worker, 40), NN_OK);
  nn_test_assert_same_screen(e, worker);
  transfer(worker, e, NN_OK); /* and back */

  /* the same base with other changes, or none: refused */
  nn_experiment *plain = nn_test_open_link("seed=move&optimizer=momentum", NULL);
  transfer(e, plain, NN_ERR_INVALID);
  size_t n = strlen(link);
  char *other = malloc(n + 32);
  strcpy(other, link);
  strcpy(strstr(other, "learningRate@20=0.1"), "learningRate@20=0.2&w1.1.2@20=0.75");
  nn_experiment *changed = nn_test_open_link(other, NULL);
  transfer(e, changed, NN_ERR_INVALID);
  /* a receiver whose link holds a change the sender did not make by then: refused */
  nn_experiment *early = nn_test_open_link("seed=move&optimizer=momentum", NULL);
  nn_experiment *later = nn_test_open_link("seed=move&optimizer=momentum&epoch=9&"
                                           "learningRate@5=0.1", NULL);
  assert_int_equal(nn_experiment_train(early, 8), NN_OK);
  transfer(early, later, NN_ERR_INVALID);
  assert_int_equal(nn_experiment_train(early, 0), NN_OK);
  nn_experiment *plain2 = nn_test_open_link("seed=move&optimizer=momentum&epoch=9&"
                                            "learningRate@9=0.1", NULL);
  transfer(early, plain2, NN_OK); /* its change comes after epoch 8 */
  assert_int_equal(nn_experiment_train(plain2, 1), NN_OK);
  assert_true(nn_experiment_config(plain2)->learning_rate == 0.1);
  free(other);
  free(link);
  nn_experiment_destroy(plain2);
  nn_experiment_destroy(early);
  nn_experiment_destroy(later);
  nn_experiment_destroy(changed);
  nn_experiment_destroy(plain);
  nn_experiment_destroy(worker);
  nn_experiment_destroy(e);
}

/* A dozen changes make a short link. */
static void a_dozen_changes_are_short(void **state) {
  (void)state;
  nn_experiment *e = nn_test_open_link("seed=0.5", NULL);
  for (int i = 0; i < 12; i++) {
    assert_int_equal(nn_experiment_train(e, 37), NN_OK);
    if (i % 3 == 0) assert_int_equal(nn_experiment_change(e, "learningRate", i % 2 ? "0.1" : "0.01", NULL), NN_OK);
    else if (i % 3 == 1) assert_int_equal(nn_experiment_set_weight(e, 1, 1, 3, 0.123456789012345), NN_OK);
    else assert_int_equal(nn_experiment_set_bias(e, 2, 1, -0.98765432109876), NN_OK);
  }
  char *link = nn_test_link_of(e);
  assert_true(strlen(link) < 1000);
  free(link);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(random_sessions_reopen_bit_for_bit),
      cmocka_unit_test(the_cli_reopens_random_sessions),
      cmocka_unit_test(a_changed_links_state_moves_to_the_same_link_only),
      cmocka_unit_test(a_dozen_changes_are_short),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
