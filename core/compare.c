/* compare.c — the variants of `compare=<param>:<v1>,...` (compare.h). Kept small: it is in the
 * engine every page load fetches. */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notices.h"
#include "params.h"

/* What the display, the lecture and the page own: never compared. */
static const unsigned char NOT_COMPARED[] = {
  NN_P_SHOW_TEST_DATA, NN_P_DISCRETIZE, NN_P_COS_X, NN_P_COS_Y, NN_P_COLLECT_STATS,
  NN_P_TUTORIAL, NN_P_HIDE_TEXT, NN_P_MODE, NN_P_MODEL, NN_P_LESSON, NN_P_GOAL_TRAIN_LOSS,
  NN_P_GOAL_TEST_LOSS, NN_P_SPEED, NN_P_PALETTE, NN_P_LANG, NN_P_COMPARE};

/* The spec split up: a copy whose ':' and ','s are NULs (a shape's '-' read as ','). */
typedef struct {
  char text[NN_MAX_COMPARE_LEN + 1];
  int id;    /* -1: no ':' or no such parameter */
  int count; /* values, counted up to NN_MAX_COMPARE + 1 */
  const char *value[NN_MAX_COMPARE + 1];
} spec;

static void split(const char *compare, spec *s) {
  snprintf(s->text, sizeof s->text, "%s", compare);
  char *end = s->text + strlen(s->text), *p = strchr(s->text, ':');
  s->id = -1;
  s->count = 0;
  if (!p) return;
  *p++ = '\0';
  s->id = nn_param_find(s->text, strlen(s->text));
  for (char *q = p; q < end; q++)
    if (*q == ',') *q = '\0';
    else if (*q == '-' && s->id == NN_P_NETWORK_SHAPE) *q = ',';
  for (; p <= end && s->count <= NN_MAX_COMPARE; p += strlen(p) + 1) s->value[s->count++] = p;
}

/* Variant i's config and the notices its link gets: cfg's link without compare, then
 * `name=value` (init's also sets initZero, which a TFP link writes as false). */
static bool parse_variant(const nn_config *cfg, const spec *s, int i, nn_config *out,
                          nn_notices *ns) {
  nn_config *base = malloc(sizeof *base);
  size_t n = 0, cap = 0;
  char *hash = NULL;
  if (base) {
    *base = *cfg;
    base->compare[0] = '\0';
    n = nn_state_serialize(base, NULL, 0);
    cap = n + sizeof s->text + 40;
    hash = malloc(cap);
  }
  if (hash) {
    nn_state_serialize(base, hash, n + 1);
    snprintf(hash + n, cap - n, "&%s=%s%s", nn_param_row(s->id)->name, s->value[i],
             s->id != NN_P_INIT ? ""
             : strcmp(s->value[i], "zeros") == 0 ? "&initZero=true" : "&initZero=false");
    nn_state_parse(hash, out, ns);
  }
  free(base);
  free(hash);
  return hash != NULL;
}

/* Why a spec is refused, given the parameter's name, the value and the reason of its notice. */
static const char *const WHY[] = {
  "not <parameter>:<value>,<value>", "no parameter is named %s",
  "%s is the display's, the lecture's or the page's, not the experiment's",
  "needs 2 to 4 values, got 1", "needs 2 to 4 values, got more than 4",
  "the perceptron is not compared", "%s=%s is refused (%s)", "%s: %s is given twice",
  "out of memory"};

/* Why the spec is refused (an index into WHY), or -1; *value and the notices' first reason
 * (ns) say which value and why. */
static int judge(const nn_config *cfg, const spec *s, nn_config *v, nn_notices *ns, int *value) {
  bool shown = true;
  for (size_t k = 0; s->id >= 0 && k < sizeof NOT_COMPARED; k++) shown &= NOT_COMPARED[k] != s->id;
  if (s->count == 0) return 0;
  if (s->id < 0) return 1;
  if (!shown) return 2;
  if (s->count < NN_MIN_COMPARE) return 3;
  if (s->count > NN_MAX_COMPARE) return 4;
  if (cfg->model == NN_MODEL_PERCEPTRON) return 5;
  for (*value = 0; *value < s->count; ++*value) {
    if (!v || !ns || !parse_variant(cfg, s, *value, v, ns)) return 8;
    if (ns->count > 0) return 6; /* the parameter's own rule, or one between parameters */
    for (int k = 0; k < *value; k++)
      if (strcmp(s->value[k], s->value[*value]) == 0) return 7;
  }
  return -1;
}

void nn_compare_check(nn_config *cfg, nn_notices *notices) {
  if (cfg->compare[0] == '\0') return;
  spec s;
  split(cfg->compare, &s);
  nn_config *v = malloc(sizeof *v);
  nn_notices *ns = malloc(sizeof *ns);
  int value = 0, why = judge(cfg, &s, v, ns, &value);
  if (why >= 0) {
    char text[3 * NN_MAX_COMPARE_LEN + 32]; /* room for every part; the notice cuts it short */
    char *reason = ns && why == 6 ? ns->items[0].reason : "";
    if (strchr(reason, ';')) *strchr(reason, ';') = '\0'; /* what was wrong, not what was done */
    snprintf(text, sizeof text, WHY[why], s.text, value < s.count ? s.value[value] : "", reason);
    nn_notice_add(notices, "compare", 7, cfg->compare, strlen(cfg->compare),
                  "%s; opening the experiment alone", text);
    cfg->compare[0] = '\0';
  }
  free(v);
  free(ns);
}

int nn_compare_count(const nn_config *cfg) {
  spec s;
  split(cfg->compare, &s);
  return s.id < 0 || s.count > NN_MAX_COMPARE ? 0 : s.count;
}

int nn_compare_param(const nn_config *cfg) {
  spec s;
  split(cfg->compare, &s);
  return s.count > NN_MAX_COMPARE ? -1 : s.id;
}

bool nn_compare_variant(const nn_config *cfg, int i, nn_config *variant) {
  spec s;
  split(cfg->compare, &s);
  return s.id >= 0 && i >= 0 && i < s.count && i < NN_MAX_COMPARE + 1 &&
         s.count <= NN_MAX_COMPARE && parse_variant(cfg, &s, i, variant, NULL);
}

size_t nn_compare_value(const nn_config *cfg, int i, char *out, size_t cap) {
  spec s;
  split(cfg->compare, &s);
  bool ok = s.id >= 0 && i >= 0 && i < s.count && s.count <= NN_MAX_COMPARE;
  return (size_t)snprintf(out, cap, "%s", ok ? s.value[i] : "");
}
