/* compare.c — the variants of `compare=<param>:<v1>,...` (compare.h). */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "notices.h"
#include "params.h"

/* What the display, the lecture and the page own: never compared. */
static const nn_param_id NOT_COMPARED[] = {
  NN_P_SHOW_TEST_DATA, NN_P_DISCRETIZE, NN_P_COS_X, NN_P_COS_Y, NN_P_COLLECT_STATS,
  NN_P_TUTORIAL, NN_P_HIDE_TEXT, NN_P_MODE, NN_P_MODEL, NN_P_LESSON, NN_P_GOAL_TRAIN_LOSS,
  NN_P_GOAL_TEST_LOSS, NN_P_SPEED, NN_P_PALETTE, NN_P_LANG, NN_P_COMPARE};

static bool comparable(int id) {
  for (size_t k = 0; k < sizeof NOT_COMPARED / sizeof NOT_COMPARED[0]; k++)
    if ((int)NOT_COMPARED[k] == id) return false;
  return true;
}

/* The spec split up: the parameter and where each value starts and ends in cfg->compare. */
typedef struct {
  int id; /* -1: no ':' or no such parameter */
  size_t name_len;
  int count; /* values, counted up to NN_MAX_COMPARE + 1 */
  size_t at[NN_MAX_COMPARE + 1], len[NN_MAX_COMPARE + 1];
} spec;

static spec split(const char *text) {
  spec s = {.id = -1};
  const char *colon = strchr(text, ':');
  s.name_len = colon ? (size_t)(colon - text) : strlen(text);
  if (!colon) return s;
  s.id = nn_param_find(text, s.name_len);
  size_t pos = s.name_len + 1;
  for (;;) {
    size_t end = pos;
    while (text[end] != '\0' && text[end] != ',') end++;
    if (s.count <= NN_MAX_COMPARE) {
      s.at[s.count] = pos;
      s.len[s.count] = end - pos;
    }
    s.count++;
    if (text[end] == '\0' || s.count > NN_MAX_COMPARE) break;
    pos = end + 1;
  }
  return s;
}

/* The link of variant i as a parser reads it: cfg's without compare, then `name=value` (a
 * shape's '-' read as ','). Allocated; NULL when out of memory. */
static char *variant_hash(const nn_config *cfg, const spec *s, int i) {
  nn_config *base = malloc(sizeof *base);
  if (!base) return NULL;
  *base = *cfg;
  base->compare[0] = '\0';
  size_t n = nn_state_serialize(base, NULL, 0);
  const char *name = nn_param_row(s->id)->name;
  size_t cap = n + strlen(name) + s->len[i] + 24; /* + "&initZero=false" */
  char *hash = malloc(cap);
  if (hash) {
    nn_state_serialize(base, hash, n + 1);
    size_t len = n;
    len += (size_t)snprintf(hash + len, cap - len, "%s%s=", n ? "&" : "", name);
    memcpy(hash + len, cfg->compare + s->at[i], s->len[i]);
    for (size_t k = 0; s->id == NN_P_NETWORK_SHAPE && k < s->len[i]; k++)
      if (hash[len + k] == '-') hash[len + k] = ',';
    hash[len + s->len[i]] = '\0';
    if (s->id == NN_P_INIT) /* zeros is initZero=true, which a TFP link writes as false */
      snprintf(hash + len + s->len[i], cap - len - s->len[i], "&initZero=%s",
               s->len[i] == 5 && memcmp(cfg->compare + s->at[i], "zeros", 5) == 0 ? "true"
                                                                                   : "false");
  }
  free(base);
  return hash;
}

/* Variant i's config and the notices its link gets. False when out of memory. */
static bool parse_variant(const nn_config *cfg, const spec *s, int i, nn_config *out,
                          nn_notices *ns) {
  char *hash = variant_hash(cfg, s, i);
  if (!hash) return false;
  nn_state_parse(hash, out, ns);
  free(hash);
  return true;
}

/* p[0..n) as a string in out[cap] (cut short if need be): the wasm build's snprintf has no
 * "%.*s". */
static const char *text_of(char *out, size_t cap, const char *p, size_t n) {
  if (n > cap - 1) n = cap - 1;
  memcpy(out, p, n);
  out[n] = '\0';
  return out;
}

/* why[cap] = the strings of `parts` (NULL-terminated) one after the other, cut short if need be. */
static void say(char *why, size_t cap, const char *const *parts) {
  nn_writer w = nn_writer_start(why, cap);
  for (; *parts; parts++) nn_write(&w, *parts);
}

/* Why the spec is refused, into why[cap]; "" when accepted. */
static void judge(const nn_config *cfg, const spec *s, char *why, size_t cap) {
  why[0] = '\0';
  if (s->id < 0 && strchr(cfg->compare, ':') == NULL) {
    snprintf(why, cap, "not <parameter>:<value>,<value>");
    return;
  }
  if (s->id < 0) {
    char name[NN_MAX_COMPARE_LEN + 1];
    say(why, cap, (const char *const[]){"no parameter is named ",
                                        text_of(name, sizeof name, cfg->compare, s->name_len),
                                        NULL});
    return;
  }
  if (!comparable(s->id)) {
    snprintf(why, cap, "%s is the display's, the lecture's or the page's, not the experiment's",
             nn_param_row(s->id)->name);
    return;
  }
  if (s->count < NN_MIN_COMPARE || s->count > NN_MAX_COMPARE) {
    snprintf(why, cap, "needs %d to %d values, got %s%d", NN_MIN_COMPARE, NN_MAX_COMPARE,
             s->count > NN_MAX_COMPARE ? "more than " : "", s->count > NN_MAX_COMPARE
                                                              ? NN_MAX_COMPARE : s->count);
    return;
  }
  if (cfg->model == NN_MODEL_PERCEPTRON) {
    snprintf(why, cap, "the perceptron is not compared");
    return;
  }
  nn_config *v = malloc(sizeof *v);
  nn_notices *ns = malloc(sizeof *ns);
  char *links[NN_MAX_COMPARE] = {NULL};
  for (int i = 0; v && ns && i < s->count && why[0] == '\0'; i++) {
    if (!parse_variant(cfg, s, i, v, ns)) break;
    if (ns->count > 0) { /* the parameter's own rule, or one between parameters */
      const char *r = ns->items[0].reason, *semi = strchr(r, ';');
      char value[NN_MAX_COMPARE_LEN + 1], reason[NN_NOTICE_REASON_LEN + 1];
      say(why, cap, (const char *const[]){
        nn_param_row(s->id)->name, "=",
        text_of(value, sizeof value, cfg->compare + s->at[i], s->len[i]), " is refused (",
        text_of(reason, sizeof reason, r, semi ? (size_t)(semi - r) : strlen(r)), ")", NULL});
      break;
    }
    size_t n = nn_state_serialize(v, NULL, 0);
    links[i] = malloc(n + 1);
    if (!links[i]) break;
    nn_state_serialize(v, links[i], n + 1);
    for (int k = 0; k < i && why[0] == '\0'; k++) {
      char a[NN_MAX_COMPARE_LEN + 1], b[NN_MAX_COMPARE_LEN + 1];
      if (strcmp(links[k], links[i]) == 0)
        say(why, cap, (const char *const[]){
          text_of(a, sizeof a, cfg->compare + s->at[k], s->len[k]), " and ",
          text_of(b, sizeof b, cfg->compare + s->at[i], s->len[i]),
          " give the same experiment", NULL});
    }
  }
  bool complete = v && ns && links[s->count - 1];
  if (why[0] == '\0' && !complete) snprintf(why, cap, "out of memory");
  for (int i = 0; i < NN_MAX_COMPARE; i++) free(links[i]);
  free(v);
  free(ns);
}

void nn_compare_check(nn_config *cfg, nn_notices *notices) {
  if (cfg->compare[0] == '\0') return;
  spec s = split(cfg->compare);
  char why[NN_NOTICE_REASON_LEN + 1];
  judge(cfg, &s, why, sizeof why);
  if (why[0] == '\0') return;
  nn_notice_add(notices, "compare", 7, cfg->compare, strlen(cfg->compare),
                "%s; opening the experiment alone", why);
  cfg->compare[0] = '\0';
}

int nn_compare_count(const nn_config *cfg) {
  if (cfg->compare[0] == '\0') return 0;
  spec s = split(cfg->compare);
  return s.id < 0 || s.count > NN_MAX_COMPARE ? 0 : s.count;
}

int nn_compare_param(const nn_config *cfg) {
  return nn_compare_count(cfg) > 0 ? split(cfg->compare).id : -1;
}

bool nn_compare_variant(const nn_config *cfg, int i, nn_config *variant) {
  if (i < 0 || i >= nn_compare_count(cfg)) return false;
  spec s = split(cfg->compare);
  return parse_variant(cfg, &s, i, variant, NULL);
}

size_t nn_compare_value(const nn_config *cfg, int i, char *out, size_t cap) {
  nn_config *v = malloc(sizeof *v);
  size_t len = 0;
  if (v && nn_compare_variant(cfg, i, v)) {
    const nn_param *p = nn_param_row(nn_compare_param(cfg));
    nn_writer w = nn_writer_start(out, cap);
    char num[32];
    if (p->kind == NN_PARAM_SHAPE) {
      for (int l = 0; l < v->num_hidden_layers; l++) {
        snprintf(num, sizeof num, l ? ",%d" : "%d", v->network_shape[l]);
        nn_write(&w, num);
      }
    } else {
      nn_write(&w, nn_state_value_text(v, p, num));
    }
    len = w.len;
  } else if (cap > 0) {
    out[0] = '\0';
  }
  free(v);
  return len;
}
