/* changelog.c — the link's `epoch=` and its change entries (see changelog.h). */
#include "changelog.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "js_number.h"
#include "json_writer.h"
#include "network.h"
#include "notices.h"
#include "params.h"

void nn_changelog_init(nn_changelog *log) { memset(log, 0, sizeof *log); }

void nn_changelog_free(nn_changelog *log) {
  if (!log) return;
  free(log->items);
  nn_changelog_init(log);
}

static bool reserve(nn_changelog *log, int need) {
  if (need <= log->cap) return true;
  int cap = log->cap ? log->cap : 16;
  while (cap < need) cap *= 2;
  if (cap > NN_MAX_CHANGES) cap = NN_MAX_CHANGES;
  nn_change *items = realloc(log->items, (size_t)cap * sizeof *items);
  if (!items) return false;
  log->items = items;
  log->cap = cap;
  return true;
}

bool nn_changelog_copy(nn_changelog *dst, const nn_changelog *src) {
  nn_changelog copy;
  nn_changelog_init(&copy);
  copy.target_epoch = src->target_epoch;
  if (src->count > 0 && !reserve(&copy, src->count)) return false;
  if (src->count > 0) memcpy(copy.items, src->items, (size_t)src->count * sizeof *src->items);
  copy.count = src->count;
  nn_changelog_free(dst);
  *dst = copy;
  return true;
}

bool nn_changelog_append(nn_changelog *log, const nn_change *c) {
  if (log->count >= NN_MAX_CHANGES || !reserve(log, log->count + 1)) return false;
  log->items[log->count++] = *c;
  return true;
}

int nn_change_param_id(const char *name, size_t len) {
  int id = nn_param_find(name, len);
  if (id < 0 || !nn_param_row(id)->live) return -1;
  /* what the screen shows, not what training does: plain parameters of the link */
  if (id == NN_P_SPEED || id == NN_P_SHOW_TEST_DATA || id == NN_P_DISCRETIZE) return -1;
  return id;
}

/* The reason of a refusal without the parser's "; using <default>" (a refused change keeps
 * the current value). */
static void reason_of(const nn_notices *ns, char *why) {
  const char *r = ns->count > 0 ? ns->items[0].reason : "refused";
  size_t n = 0;
  while (r[n] && !(r[n] == ';' && r[n + 1] == ' ' && r[n + 2] == 'u')) n++; /* "; using" */
  memcpy(why, r, n);
  why[n] = '\0';
}

bool nn_change_make_param(nn_change *out, const char *name, size_t name_len, const char *value,
                          size_t value_len, int epoch, char *why) {
  int id = nn_change_param_id(name, name_len);
  if (id < 0) {
    strcpy(why, "not a parameter that can change while training");
    return false;
  }
  nn_config cfg;
  nn_config_default(&cfg);
  nn_notices ns;
  ns.count = ns.dropped = 0;
  nn_state_apply_value(&cfg, id, value, value_len, &ns);
  if (ns.count > 0 || ns.dropped > 0) {
    reason_of(&ns, why);
    return false;
  }
  memset(out, 0, sizeof *out);
  out->epoch = epoch;
  out->kind = NN_CHANGE_PARAM;
  out->param = id;
  char num[32];
  const char *text = nn_state_value_text(&cfg, nn_param_row(id), num);
  size_t n = strlen(text); /* a live value is a number (String(x): at most 24) or a short name */
  if (n >= sizeof out->value) n = sizeof out->value - 1;
  memcpy(out->value, text, n);
  out->value[n] = '\0';
  return true;
}

void nn_change_apply_param(const nn_change *c, nn_config *cfg) {
  nn_state_apply_value(cfg, c->param, c->value, strlen(c->value), NULL);
}

/* ---------------------------------------------------------------- parsing */

/* A whole number 0..NN_MAX_EPOCH written in digits only, or -1 (also for -2 when too large). */
static long digits_value(const char *s, size_t n) {
  if (n == 0) return -1;
  long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    if (v <= NN_MAX_EPOCH) v = v * 10 + (s[i] - '0');
  }
  return v > NN_MAX_EPOCH ? -2 : v;
}

/* The next '.'-separated whole number of an edit's name at *p (< end), or -1. */
static long next_index(const char **p, const char *end) {
  const char *s = *p;
  while (s < end && *s != '.') s++;
  long v = digits_value(*p, (size_t)(s - *p));
  *p = s < end ? s + 1 : s;
  return v;
}

/* "wL.F.T" or "bL.N" naming a weight or bias of the layers `sizes` (layers of them): fills c
 * and returns 1; 0 when the name is not an edit's; -1 when it names none there is. */
static int parse_edit_name(const char *s, size_t n, const int *sizes, int layers,
                           nn_change *c) {
  if (n < 2 || (s[0] != 'w' && s[0] != 'b') || s[1] < '0' || s[1] > '9') return 0;
  const char *p = s + 1, *end = s + n;
  c->kind = s[0] == 'w' ? NN_CHANGE_WEIGHT : NN_CHANGE_BIAS;
  c->layer = (int)next_index(&p, end);
  c->from = c->kind == NN_CHANGE_WEIGHT ? (int)next_index(&p, end) : 0;
  c->to = (int)next_index(&p, end);
  return p == end && nn_change_edit_exists(c, sizes, layers) ? 1 : -1;
}

bool nn_change_edit_exists(const nn_change *c, const int *sizes, int layers) {
  return c->layer >= 1 && c->layer < layers && c->from >= 0 && c->to >= 0 &&
         c->to < sizes[c->layer] && (c->kind == NN_CHANGE_BIAS || c->from < sizes[c->layer - 1]);
}

/* Logs one entry NAME@EPOCH=VALUE; returns why it was refused, or NULL (logged, or counted in
 * *over when the log is full). */
static const char *parse_entry(const char *name, size_t name_len, const char *at,
                               const char *value, size_t value_len, const int *sizes, int layers,
                               nn_changelog *log, int *last_epoch, int *over, char *why) {
  long epoch = digits_value(at + 1, (size_t)(name + name_len - at - 1));
  if (epoch < 0) return "the epoch after '@' must be a whole number from 0 to 1000000";
  if (epoch > log->target_epoch) return "its epoch is beyond the link's epoch";
  if (epoch < *last_epoch) return "out of order: its epoch is before the previous one's";
  if (value == NULL) return "no value given";
  nn_change c;
  memset(&c, 0, sizeof c);
  int edit = parse_edit_name(name, (size_t)(at - name), sizes, layers, &c);
  if (edit < 0) return "no such weight or bias in this network";
  if (edit) {
    const char *p = value;
    c.number = nn_js_string_to_number(value, value_len);
    if (nn_js_trim(&p, value_len) == 0 || !isfinite(c.number)) return "not a finite number";
    c.epoch = (int)epoch;
  } else if (!nn_change_make_param(&c, name, (size_t)(at - name), value, value_len, (int)epoch,
                                   why)) {
    return why;
  }
  if (!nn_changelog_append(log, &c)) (*over)++;
  else *last_epoch = (int)epoch;
  return NULL;
}

bool nn_changelog_parse(const char *hash, const nn_config *base, nn_changelog *log,
                        nn_notices *ns) {
  nn_changelog_free(log);
  if (hash == NULL) return true;
  int sizes[NN_MAX_HIDDEN_LAYERS + 2];
  nn_config layout_cfg = *base;
  if (base->model == NN_MODEL_PERCEPTRON) layout_cfg.num_hidden_layers = 0; /* one neuron */
  int layers = nn_network_layout(&layout_cfg, sizes);
  size_t n = strlen(hash);

  /* Pass 1: the link's epoch (the last `epoch=` wins, as for every parameter). */
  const char *epoch_value = NULL;
  size_t epoch_len = 0;
  bool epoch_given = false;
  for (size_t pos = 0; pos <= n;) {
    size_t end = pos;
    while (end < n && hash[end] != '&') end++;
    if (end - pos >= 5 && memcmp(hash + pos, "epoch", 5) == 0 &&
        (end - pos == 5 || hash[pos + 5] == '=')) {
      epoch_given = true;
      epoch_value = end - pos == 5 ? NULL : hash + pos + 6;
      epoch_len = end - pos == 5 ? 0 : end - pos - 6;
    }
    pos = end + 1;
  }
  if (epoch_given) {
    long v = epoch_value ? digits_value(epoch_value, epoch_len) : -1;
    if (v == -2) {
      nn_notice_add(ns, "epoch", 5, epoch_value, epoch_len, "more than %d; using %d",
                    NN_MAX_EPOCH, NN_MAX_EPOCH);
      v = NN_MAX_EPOCH;
    } else if (v < 0) {
      nn_notice_add(ns, "epoch", 5, epoch_value, epoch_len,
                    "must be a whole number from %s to %s; using %s", "0", "1000000", "0");
      v = 0;
    }
    log->target_epoch = (int)v;
  }

  /* Pass 2: the entries, in link order. */
  int last_epoch = 0;
  int over = 0; /* fewer than the hash's bytes */
  for (size_t pos = 0; pos <= n;) {
    size_t end = pos, eq, at = (size_t)-1;
    while (end < n && hash[end] != '&') end++;
    for (eq = pos; eq < end && hash[eq] != '='; eq++)
      if (hash[eq] == '@') at = eq;
    size_t name_len = eq - pos;
    /* `<name>_hide` entries are the hash parser's, whatever their name holds */
    bool hide = name_len >= 5 && memcmp(hash + eq - 5, "_hide", 5) == 0;
    if (at != (size_t)-1 && !hide && name_len <= NN_MAX_PARAM_NAME_LEN) { /* longer: state.c */
      const char *value = eq < end ? hash + eq + 1 : NULL;
      size_t value_len = eq < end ? end - eq - 1 : 0;
      size_t second = 0; /* a second '=' (the first ends the name) */
      while (value && second < value_len && value[second] != '=') second++;
      char why[NN_NOTICE_REASON_LEN + 1];
      const char *refused = value && second < value_len ? "a second '=' in the value"
                            : layers < 0                ? "no network"
                                                        : parse_entry(hash + pos, name_len,
                                                                      hash + at, value, value_len,
                                                                      sizes, layers, log,
                                                                      &last_epoch, &over, why);
      if (refused)
        nn_notice_add(ns, hash + pos, name_len, value, value_len, "%s; ignored", refused);
    }
    pos = end + 1;
  }
  if (over > 0) {
    if (log->count < NN_MAX_CHANGES) { /* appending failed below the limit: no memory */
      nn_changelog_free(log);
      return false;
    }
    nn_notice_add(ns, "@", 1, "", 0, "more than %d changes; ignored %d of them", NN_MAX_CHANGES,
                  over);
  }
  return true;
}

/* ---------------------------------------------------------------- writing */

static void write_index(nn_writer *w, int v) {
  char num[32];
  nn_format_js_number(v, num);
  nn_write(w, num);
}

size_t nn_link_write(const nn_config *base, const nn_changelog *log, int count, int epoch,
                     char *out, size_t cap) {
  size_t n = nn_state_serialize(base, out, cap);
  size_t rest = n < cap ? cap - n : 0;
  nn_writer w = nn_writer_start(rest ? out + n : NULL, rest);
  bool and = n > 0;
  char num[32];
  if (epoch > 0) {
    nn_write(&w, and ? "&epoch=" : "epoch=");
    write_index(&w, epoch);
    and = true;
  }
  for (int i = 0; i < count && i < log->count; i++) {
    const nn_change *c = &log->items[i];
    if (and) nn_write(&w, "&");
    and = true;
    if (c->kind == NN_CHANGE_PARAM) {
      nn_write(&w, nn_param_row(c->param)->name);
    } else {
      nn_write(&w, c->kind == NN_CHANGE_WEIGHT ? "w" : "b");
      write_index(&w, c->layer);
      nn_write(&w, ".");
      if (c->kind == NN_CHANGE_WEIGHT) {
        write_index(&w, c->from);
        nn_write(&w, ".");
      }
      write_index(&w, c->to);
    }
    nn_write(&w, "@");
    write_index(&w, c->epoch);
    nn_write(&w, "=");
    if (c->kind == NN_CHANGE_PARAM) {
      nn_write(&w, c->value);
    } else if (c->number == 0 && signbit(c->number)) {
      nn_write(&w, "-0"); /* String(-0) is "0": the sign would be lost */
    } else {
      nn_format_js_number(c->number, num);
      nn_write(&w, num);
    }
  }
  return n + w.len;
}

uint64_t nn_fnv1a(uint64_t h, const void *bytes, size_t n) {
  const unsigned char *b = bytes;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * UINT64_C(0x100000001b3);
  return h;
}
