/* json_compare.c — see json_compare.h. */
#define _POSIX_C_SOURCE 200809L
#include "json_compare.h"

#include "fixture.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say(char *why, size_t cap, const char *fmt, ...) {
  if (why == NULL || cap == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, cap, fmt, ap);
  va_end(ap);
}

static bool equal_at(const cJSON *got, const cJSON *want, char *path, size_t plen, char *why,
                     size_t cap) {
  double a, b;
  if (nn_fixture_number(want, &b) && !cJSON_IsString(want)) {
    if (!nn_fixture_number(got, &a) || !nn_same_double(a, b)) {
      char *g = got ? cJSON_PrintUnformatted(got) : NULL;
      say(why, cap, "%s: got %s, want %.17g", path, g ? g : "(missing)", b);
      cJSON_free(g);
      return false;
    }
    return true;
  }
  if (cJSON_IsString(want) && nn_fixture_number(want, &b)) { /* "NaN", "Infinity", "-Infinity" */
    if (!nn_fixture_number(got, &a) || !nn_same_double(a, b)) {
      char *g = got ? cJSON_PrintUnformatted(got) : NULL;
      say(why, cap, "%s: got %s, want %s", path, g ? g : "(missing)", want->valuestring);
      cJSON_free(g);
      return false;
    }
    return true;
  }
  if (got == NULL || (got->type & 0xFF) != (want->type & 0xFF)) {
    say(why, cap, "%s: wrong type or missing", path);
    return false;
  }
  if (cJSON_IsString(want)) {
    if (strcmp(got->valuestring, want->valuestring) != 0) {
      say(why, cap, "%s: got \"%s\", want \"%s\"", path, got->valuestring, want->valuestring);
      return false;
    }
    return true;
  }
  if (cJSON_IsArray(want)) {
    int n = cJSON_GetArraySize(want);
    if (cJSON_GetArraySize(got) != n) {
      say(why, cap, "%s: %d elements, want %d", path, cJSON_GetArraySize(got), n);
      return false;
    }
    const cJSON *g = got->child, *w = want->child;
    for (int i = 0; i < n; i++, g = g->next, w = w->next) {
      size_t l = strlen(path);
      snprintf(path + l, plen - l, "[%d]", i);
      bool ok = equal_at(g, w, path, plen, why, cap);
      path[l] = '\0';
      if (!ok) return false;
    }
    return true;
  }
  if (cJSON_IsObject(want)) {
    if (cJSON_GetArraySize(got) != cJSON_GetArraySize(want)) {
      say(why, cap, "%s: %d keys, want %d", path, cJSON_GetArraySize(got),
          cJSON_GetArraySize(want));
      return false;
    }
    for (const cJSON *w = want->child; w != NULL; w = w->next) {
      size_t l = strlen(path);
      snprintf(path + l, plen - l, ".%s", w->string);
      bool ok = equal_at(cJSON_GetObjectItemCaseSensitive(got, w->string), w, path, plen, why,
                         cap);
      path[l] = '\0';
      if (!ok) return false;
    }
    return true;
  }
  return true; /* true, false, null: the type check above decided */
}

bool jc_equal(const cJSON *got, const cJSON *want, char *why, size_t cap) {
  char path[512] = "$";
  return equal_at(got, want, path, sizeof path, why, cap);
}

/* ---------------------------------------------------------------- config vs fixture state */

static const cJSON *field(const cJSON *state, const char *name, char *why, size_t cap) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(state, name);
  if (v == NULL) say(why, cap, "state.%s missing from the fixture", name);
  return v;
}

#define CHECK_STR(name, value)                                                           \
  do {                                                                                   \
    const cJSON *v_ = field(state, name, why, cap);                                      \
    if (!cJSON_IsString(v_) || strcmp(v_->valuestring, (value)) != 0) {                  \
      say(why, cap, "%s: got \"%s\", want %s", name, (value),                            \
          cJSON_IsString(v_) ? v_->valuestring : "(not a string)");                      \
      return false;                                                                      \
    }                                                                                    \
  } while (0)

#define CHECK_NUM(name, value)                                                           \
  do {                                                                                   \
    const cJSON *v_ = field(state, name, why, cap);                                      \
    double w_;                                                                           \
    if (!nn_fixture_number(v_, &w_) || !(w_ == (double)(value))) {                               \
      say(why, cap, "%s: got %.17g, want %.17g", name, (double)(value), w_);             \
      return false;                                                                      \
    }                                                                                    \
  } while (0)

#define CHECK_BOOL(name, value)                                                          \
  do {                                                                                   \
    const cJSON *v_ = field(state, name, why, cap);                                      \
    if (!cJSON_IsBool(v_) || cJSON_IsTrue(v_) != (value)) {                              \
      say(why, cap, "%s: got %s", name, (value) ? "true" : "false");                     \
      return false;                                                                      \
    }                                                                                    \
  } while (0)

bool jc_config_matches_state(const nn_config *c, const cJSON *state, bool check_seed,
                             char *why, size_t cap) {
  CHECK_STR("activation", nn_activation_name(c->activation));
  CHECK_STR("regularization", nn_regularization_name(c->regularization));
  CHECK_NUM("batchSize", c->batch_size);
  CHECK_STR("dataset", nn_dataset_name(c->dataset));
  CHECK_STR("regDataset", nn_dataset_name(c->reg_dataset));
  CHECK_NUM("learningRate", c->learning_rate);
  CHECK_NUM("regularizationRate", c->regularization_rate);
  CHECK_NUM("noise", c->noise);
  const cJSON *shape = field(state, "networkShape", why, cap);
  if (!cJSON_IsArray(shape) || cJSON_GetArraySize(shape) != c->num_hidden_layers) {
    say(why, cap, "networkShape: %d layers, fixture differs", c->num_hidden_layers);
    return false;
  }
  for (int i = 0; i < c->num_hidden_layers; i++) {
    double w;
    if (!nn_fixture_number(cJSON_GetArrayItem(shape, i), &w) || w != c->network_shape[i]) {
      say(why, cap, "networkShape[%d]: got %d", i, c->network_shape[i]);
      return false;
    }
  }
  if (check_seed) CHECK_STR("seed", c->seed);
  CHECK_BOOL("showTestData", c->show_test_data);
  CHECK_BOOL("discretize", c->discretize);
  CHECK_NUM("percTrainData", c->perc_train_data);
  CHECK_BOOL("x", c->features[NN_FEAT_X]);
  CHECK_BOOL("y", c->features[NN_FEAT_Y]);
  CHECK_BOOL("xTimesY", c->features[NN_FEAT_X_TIMES_Y]);
  CHECK_BOOL("xSquared", c->features[NN_FEAT_X_SQUARED]);
  CHECK_BOOL("ySquared", c->features[NN_FEAT_Y_SQUARED]);
  CHECK_BOOL("cosX", c->cos_x);
  CHECK_BOOL("sinX", c->features[NN_FEAT_SIN_X]);
  CHECK_BOOL("cosY", c->cos_y);
  CHECK_BOOL("sinY", c->features[NN_FEAT_SIN_Y]);
  CHECK_BOOL("collectStats", c->collect_stats);
  const cJSON *tut = field(state, "tutorial", why, cap);
  if (c->tutorial[0] == '\0' ? !cJSON_IsNull(tut)
                             : !(cJSON_IsString(tut) && strcmp(tut->valuestring, c->tutorial) == 0)) {
    say(why, cap, "tutorial: got \"%s\"", c->tutorial);
    return false;
  }
  CHECK_STR("problem", nn_problem_name(c->problem));
  CHECK_BOOL("initZero", c->init_zero);
  CHECK_BOOL("hideText", c->hide_text);
  const cJSON *hide = field(state, "hide", why, cap);
  if (!cJSON_IsObject(hide) || cJSON_GetArraySize(hide) != c->num_hide) {
    say(why, cap, "hide: got %d entries", c->num_hide);
    return false;
  }
  int k = 0;
  for (const cJSON *h = hide->child; h != NULL; h = h->next, k++) {
    char key[NN_MAX_HIDE_NAME + 8];
    snprintf(key, sizeof key, "%s_hide", c->hide[k].name);
    if (strcmp(h->string, key) != 0 || !cJSON_IsBool(h) || cJSON_IsTrue(h) != c->hide[k].hidden) {
      say(why, cap, "hide entry %d: got %s=%s, want %s", k, key,
          c->hide[k].hidden ? "true" : "false", h->string);
      return false;
    }
  }
  return true;
}
