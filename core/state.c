/* state.c — URL hash <-> validated nn_config (docs/tfp-behaviour.md §8; the rules are in state.h). What
 * each parameter is comes from the table in params.c; this file reads it. */
#include "state.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "js_number.h"
#include "json_writer.h"
#include "lessons.h"
#include "classes.h"
#include "points_codec.h"
#include "notices.h"


/* A piece of the hash: p[0..n). p == NULL means "no value" (a piece without '='). */
typedef struct {
  const char *p;
  size_t n;
} span;

static bool span_eq(span s, const char *lit) {
  size_t n = strlen(lit);
  return s.p != NULL && s.n == n && memcmp(s.p, lit, n) == 0;
}

/* The length of s without JS whitespace around it. */
static size_t trimmed_len(span s) {
  const char *p = s.p;
  return nn_js_trim(&p, s.n);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* ---------------------------------------------------------------- notices */

static span lit(const char *s) { return (span){s, strlen(s)}; }

/* The notice of this parameter (notices.h). */
#define notice(ns, param, value, ...) notice_spans((ns), (param), (value), __VA_ARGS__)
#define notice_spans(ns, param, value, ...) \
  nn_notice_add((ns), (param).p, (param).n, (value).p, (value).n, __VA_ARGS__)

/* ---------------------------------------------------------------- applying one parameter */

static void *field(nn_config *cfg, const nn_param *p) { return nn_param_field(cfg, p); }

static void apply_choice(nn_config *cfg, const nn_param *p, span raw, nn_notices *ns) {
  char keys[96], def[48];
  size_t len = 0;
  keys[0] = '\0';
  for (int v = p->first; v <= p->last && len < sizeof keys; v++)
    len += (size_t)snprintf(keys + len, sizeof keys - len, v > p->first ? ", %s" : "%s",
                            p->choice_name(v));
  nn_param_default_text(p, def, sizeof def);
  for (int v = p->first; v <= p->last; v++) {
    /* TFP tests the raw (untrimmed) value against the table's own keys */
    if (span_eq(raw, p->choice_name(v))) {
      *(int *)field(cfg, p) = v;
      return;
    }
  }
  notice(ns, lit(p->name), raw, "not one of %s; using %s", keys, def);
}

/* NUMBER and WHOLE: within the row's range; a range unbounded above still asks for a finite
 * number (noise, learningRate: TFP would use Infinity and train on NaN). */
static void apply_number(nn_config *cfg, const nn_param *p, span raw, nn_notices *ns) {
  char def[48], then[64], lo[32], hi[32];
  nn_param_default_text(p, def, sizeof def);
  /* what is used instead: the default, or what the row says (a goal: "no goal") */
  if (p->fallback) snprintf(then, sizeof then, "%s", p->fallback);
  else snprintf(then, sizeof then, "using %s", def);
  nn_format_js_number(p->min, lo);
  nn_format_js_number(p->max, hi);
  double v = nn_js_string_to_number(raw.p, raw.n);
  if (isnan(v)) {
    notice(ns, lit(p->name), raw, "not a number; %s", then);
    return;
  }
  if (p->kind == NN_PARAM_WHOLE) {
    if (!(v >= p->min && v <= p->max && v == floor(v) && !(p->even && (int)v % 2))) {
      notice(ns, lit(p->name), raw, "must be a whole number from %s to %s%s; %s", lo, hi,
             p->even ? ", even" : "", then);
      return;
    }
    *(int *)field(cfg, p) = (int)v;
    return;
  }
  bool above_min = p->min_open ? v > p->min : v >= p->min;
  bool below_max = p->max_open ? v < p->max : v <= p->max;
  if (isinf(p->max)) {
    if (!isfinite(v)) {
      notice(ns, lit(p->name), raw, "not a finite number; %s", then);
      return;
    }
    if (!above_min) { /* only 0 is a lower bound without an upper one */
      notice(ns, lit(p->name), raw, "must not be negative; %s", then);
      return;
    }
  } else if (!(above_min && below_max)) {
    if (!p->min_open && !p->max_open)
      notice(ns, lit(p->name), raw, "must be a number from %s to %s; %s", lo, hi, then);
    else if (!p->min_open)
      notice(ns, lit(p->name), raw, "must be a number from %s up to (not including) %s; "
             "%s", lo, hi, then);
    else
      notice(ns, lit(p->name), raw, "must be a number above %s and at most %s; %s", lo,
             hi, then);
    return;
  }
  *(double *)field(cfg, p) = v;
}

static void apply_network_shape(nn_config *cfg, span raw, nn_notices *ns) {
  static const char name[] = "networkShape";
  char def[48];
  nn_param_default_text(nn_param_row(NN_P_NETWORK_SHAPE), def, sizeof def);
  if (raw.p == NULL) {
    notice(ns, lit(name), raw, "written without '=' (malformed); using %s", def);
    return;
  }
  int shape[NN_MAX_HIDDEN_LAYERS];
  int count = 0;
  bool rounded = false;
  if (trimmed_len(raw) > 0) {
    size_t start = 0;
    for (;;) {
      size_t end = start;
      while (end < raw.n && raw.p[end] != ',') end++;
      if (count == NN_MAX_HIDDEN_LAYERS) {
        notice(ns, lit(name), raw, "more than %d hidden layers; using %s", NN_MAX_HIDDEN_LAYERS,
               def);
        return;
      }
      double c = nn_js_string_to_number(raw.p + start, end - start);
      if (!(c > 0)) {
        notice(ns, lit(name), raw,
               "layer %d is not a positive number of neurons (TFP would build an empty layer); "
               "using %s", count + 1, def);
        return;
      }
      if (!(ceil(c) <= NN_MAX_NEURONS)) {
        notice(ns, lit(name), raw, "layer %d has more than %d neurons; using %s", count + 1,
               NN_MAX_NEURONS, def);
        return;
      }
      if (c != ceil(c)) rounded = true;
      shape[count++] = (int)ceil(c);
      if (end == raw.n) break;
      start = end + 1;
    }
  }
  cfg->num_hidden_layers = count;
  for (int i = 0; i < count; i++) cfg->network_shape[i] = shape[i];
  if (rounded) {
    char got[NN_MAX_HIDDEN_LAYERS * 4 + 1];
    size_t len = 0;
    got[0] = '\0';
    for (int i = 0; i < count; i++)
      len += (size_t)snprintf(got + len, sizeof got - len, i ? ",%d" : "%d", shape[i]);
    notice(ns, lit(name), raw, "neuron counts that are not whole numbers were rounded up, as TFP "
           "does; using %s", got);
  }
}

/* TEXT: 1..size-1 bytes, only [A-Za-z0-9_-] when id_chars. */
static void apply_text(nn_config *cfg, const nn_param *p, span raw, nn_notices *ns) {
  if (raw.n > p->size - 1) {
    notice(ns, lit(p->name), raw, "longer than %d characters; %s", (int)p->size - 1,
           p->fallback);
    return;
  }
  for (size_t i = 0; p->id_chars && i < raw.n; i++) {
    char c = raw.p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' ||
              c == '_';
    if (!ok) {
      notice(ns, lit(p->name), raw, "may only contain letters, digits, '-' and '_'; %s",
             p->fallback);
      return;
    }
  }
  char why[NN_NOTICE_REASON_LEN - 40];
  if (p->check && !p->check(raw.p, raw.n, why, sizeof why)) {
    notice(ns, lit(p->name), raw, "%s; %s", why, p->fallback);
    return;
  }
  char *dst = field(cfg, p);
  memcpy(dst, raw.p, raw.n);
  dst[raw.n] = '\0';
}

/* A known lesson id (lessons.h); the lesson's own parameters were merged in by the parser. */
static void apply_lesson(nn_config *cfg, const nn_param *p, span raw, nn_notices *ns) {
  if (raw.n > p->size - 1 || nn_lesson_find(raw.p, raw.n) < 0) {
    notice(ns, lit(p->name), raw, "no such lesson; ignored");
    return;
  }
  char *dst = field(cfg, p);
  memcpy(dst, raw.p, raw.n);
  dst[raw.n] = '\0';
}

/* Epochs per frame: one of the page's steps, or "max". */
static void apply_speed(nn_config *cfg, const nn_param *p, span raw, nn_notices *ns) {
  if (span_eq(raw, "max")) {
    cfg->speed = NN_SPEED_MAX;
    return;
  }
  double v = nn_js_string_to_number(raw.p, raw.n);
  char steps[64], def[48];
  size_t len = 0;
  for (int k = 0; k < NN_SPEED_STEPS_COUNT; k++) {
    if (v == NN_SPEED_STEPS[k]) {
      cfg->speed = NN_SPEED_STEPS[k];
      return;
    }
    len += (size_t)snprintf(steps + len, sizeof steps - len, "%d, ", NN_SPEED_STEPS[k]);
  }
  nn_param_default_text(p, def, sizeof def);
  notice(ns, lit(p->name), raw, "not one of %smax; using %s", steps, def);
}

static void apply_param(nn_config *cfg, int id, span raw, bool extra_eq, nn_notices *ns) {
  const nn_param *p = nn_param_row(id);
  if (p->kind == NN_PARAM_SHAPE) { /* applied even when empty (TFP: name in map) */
    apply_network_shape(cfg, raw, ns);
  } else if (raw.p == NULL || trimmed_len(raw) == 0) {
    /* TFP keeps the default silently (hasKey fails); we say so */
    char def[48];
    nn_param_default_text(p, def, sizeof def);
    const char *what = raw.p == NULL ? "no value given" : "empty value";
    if (p->fallback != NULL)
      notice(ns, lit(p->name), raw, "%s; %s", what, p->fallback);
    else
      notice(ns, lit(p->name), raw, "%s; using %s", what, def);
    return;
  } else {
    switch (p->kind) {
      case NN_PARAM_CHOICE: apply_choice(cfg, p, raw, ns); break;
      case NN_PARAM_BOOL: *(bool *)field(cfg, p) = !span_eq(raw, "false"); break;
      case NN_PARAM_TEXT: apply_text(cfg, p, raw, ns); break;
      case NN_PARAM_LESSON: apply_lesson(cfg, p, raw, ns); break;
      case NN_PARAM_SPEED: apply_speed(cfg, p, raw, ns); break;
      case NN_PARAM_NUMBER:
      case NN_PARAM_WHOLE:
      case NN_PARAM_SHAPE: apply_number(cfg, p, raw, ns); break;
    }
  }
  if (extra_eq)
    notice(ns, lit(p->name), raw, "the value had a second '='; the text after it was ignored, "
           "as TFP does");
}

void nn_state_apply_value(nn_config *cfg, int id, const char *value, size_t len,
                          nn_notices *notices) {
  apply_param(cfg, id, (span){value, len}, false, notices);
}

/* ---------------------------------------------------------------- tokenizing */

typedef struct {
  span name, value; /* value.p == NULL: no '=' */
  bool extra_eq;    /* a second '=' cut the value short */
} piece;

/* The piece starting at *pos (TFP: split on "&", then on "="); advances *pos past it. Returns
 * false when the hash is exhausted. */
static bool next_piece(const char *h, size_t n, size_t *pos, piece *out) {
  if (*pos > n) return false;
  size_t start = *pos, end = start;
  while (end < n && h[end] != '&') end++;
  *pos = end + 1;
  size_t eq = start;
  while (eq < end && h[eq] != '=') eq++;
  out->name = (span){h + start, eq - start};
  out->extra_eq = false;
  if (eq == end) {
    out->value = (span){NULL, 0};
  } else {
    size_t v = eq + 1, ve = v;
    while (ve < end && h[ve] != '=') ve++;
    out->value = (span){h + v, ve - v};
    out->extra_eq = ve < end;
  }
  return true;
}

static const char HIDE_SUFFIX[] = "_hide";
enum { HIDE_SUFFIX_LEN = sizeof HIDE_SUFFIX - 1 };

static bool is_hide_name(span name) {
  return name.n >= HIDE_SUFFIX_LEN &&
         memcmp(name.p + name.n - HIDE_SUFFIX_LEN, HIDE_SUFFIX, HIDE_SUFFIX_LEN) == 0;
}

enum { P_COUNT = NN_P_COUNT };

/* Does lesson `index`'s hash set parameter `id`? */
static bool in_lesson_of(int index, int id) {
  const char *lh = nn_lesson_hash(index);
  size_t pos = 0, len = strlen(nn_param_row(id)->name);
  piece pc;
  while (next_piece(lh, strlen(lh), &pos, &pc))
    if (pc.name.n == len && memcmp(pc.name.p, nn_param_row(id)->name, len) == 0) return true;
  return false;
}

/* A refused text the lesson sets keeps the lesson's: the notice says so. */
static void say_lesson_value(nn_notice *it) {
  char *then = strrchr(it->reason, ';');
  size_t at = then ? (size_t)(then - it->reason) : strlen(it->reason);
  static const char said[] = "; using the lesson's value";
  if (at + sizeof said > sizeof it->reason) at = sizeof it->reason - sizeof said;
  memcpy(it->reason + at, said, sizeof said);
}

void nn_state_parse(const char *hash, nn_config *cfg, nn_notices *notices) {
  nn_config_default(cfg);
  if (notices != NULL) memset(notices, 0, sizeof *notices);
  if (hash == NULL) return;
  size_t n = strlen(hash);

  /* Pass 1: the last occurrence of each known parameter wins. */
  bool present[NN_P_COUNT] = {false};
  piece last[NN_P_COUNT];
  size_t name_len[NN_P_COUNT];
  for (int i = 0; i < NN_P_COUNT; i++) name_len[i] = strlen(nn_param_row(i)->name);
  piece pc;
  size_t pos = 0;
  while (next_piece(hash, n, &pos, &pc)) {
    if (pc.name.n > NN_MAX_PARAM_NAME_LEN) continue;
    for (int i = 0; i < NN_P_COUNT; i++) {
      if (pc.name.n == name_len[i] && memcmp(pc.name.p, nn_param_row(i)->name, pc.name.n) == 0) {
        present[i] = true;
        last[i] = pc;
        break;
      }
    }
  }
  /* lesson=<id>: the lesson's parameters first; any the URL gives itself win. */
  int lesson = present[NN_P_LESSON] && last[NN_P_LESSON].value.p != NULL
                   ? nn_lesson_find(last[NN_P_LESSON].value.p, last[NN_P_LESSON].value.n)
                   : -1;
  if (lesson >= 0) {
    const char *lh = nn_lesson_hash(lesson);
    bool in_lesson[NN_P_COUNT] = {false};
    piece from_lesson[NN_P_COUNT];
    pos = 0;
    while (next_piece(lh, strlen(lh), &pos, &pc))
      for (int i = 0; i < NN_P_COUNT; i++)
        if (pc.name.n == name_len[i] && memcmp(pc.name.p, nn_param_row(i)->name, pc.name.n) == 0) {
          in_lesson[i] = true;
          from_lesson[i] = pc;
          break;
        }
    for (int i = 0; i < NN_P_COUNT; i++) {
      if (!in_lesson[i]) continue;
      /* A refused value falls back to the page's default, except for text (the seed): empty,
       * it is left out of the link, whose next reading would take the lesson's seed. So the
       * lesson's text goes first and a refused one keeps it. */
      if (present[i] && nn_param_row(i)->kind == NN_PARAM_TEXT)
        apply_param(cfg, i, from_lesson[i].value, false, NULL);
      else if (!present[i]) {
        present[i] = true;
        last[i] = from_lesson[i];
      }
    }
  }
  for (int i = 0; i < NN_P_COUNT; i++) {
    if (!present[i]) continue;
    int before = notices ? notices->count : 0;
    apply_param(cfg, i, last[i].value, last[i].extra_eq, notices);
    if (lesson >= 0 && notices && notices->count > before &&
        nn_param_row(i)->kind == NN_PARAM_TEXT && in_lesson_of(lesson, i))
      say_lesson_value(&notices->items[before]);
  }
  if (cfg->model == NN_MODEL_PERCEPTRON && cfg->problem != NN_PROBLEM_CLASSIFICATION) {
    notice(notices, lit("model"), lit("perceptron"), "the perceptron is a classifier and this "
           "is a regression problem; using mlp");
    cfg->model = NN_MODEL_MLP;
  }
  nn_points_reconcile(cfg, notices); /* own points' classes, before the classes' rules */
  nn_classes_reconcile(cfg, present[NN_P_DATASET] && !cfg->data[0], notices);
  /* init=zeros and TFP's initZero=true say the same; zeros wins a conflict, with a notice. */
  bool init_given = present[NN_P_INIT] && last[NN_P_INIT].value.p != NULL &&
                    (cfg->init != NN_INIT_UNIFORM || span_eq(last[NN_P_INIT].value, "uniform"));
  if (cfg->init_zero && init_given && cfg->init != NN_INIT_ZEROS)
    notice(notices, lit("init"), last[NN_P_INIT].value, "initZero=true asks for zero weights; "
           "using zeros");
  else if (!cfg->init_zero && cfg->init == NN_INIT_ZEROS && present[NN_P_INIT_ZERO])
    notice(notices, lit("initZero"), last[NN_P_INIT_ZERO].value, "init=zeros asks for zero "
           "weights; using true");
  if (cfg->init_zero || cfg->init == NN_INIT_ZEROS) {
    cfg->init_zero = true;
    cfg->init = NN_INIT_ZEROS;
  }
  if (cfg->loss == NN_LOSS_CROSS_ENTROPY && cfg->problem != NN_PROBLEM_CLASSIFICATION) {
    notice(notices, lit("loss"), lit("crossentropy"), "cross-entropy needs a classification "
           "problem and this is regression; using square");
    cfg->loss = NN_LOSS_SQUARE;
  }

  /* Pass 2: <name>_hide entries in first-seen order, last value wins; over-long names. */
  int hide_ignored = 0; /* fewer than the hash's bytes */
  pos = 0;
  while (next_piece(hash, n, &pos, &pc)) {
    if (is_hide_name(pc.name)) {
      span base = {pc.name.p, pc.name.n - HIDE_SUFFIX_LEN};
      if (base.n > NN_MAX_HIDE_NAME) {
        notice(notices, pc.name, pc.value, "name longer than %d characters before _hide; "
               "ignored", NN_MAX_HIDE_NAME);
        continue;
      }
      bool hidden = span_eq(pc.value, "true");
      int k = 0;
      while (k < cfg->num_hide && !(strlen(cfg->hide[k].name) == base.n &&
                                    memcmp(cfg->hide[k].name, base.p, base.n) == 0))
        k++;
      if (k == cfg->num_hide) {
        if (cfg->num_hide == NN_MAX_HIDE) {
          hide_ignored++;
          continue;
        }
        memcpy(cfg->hide[k].name, base.p, base.n);
        cfg->hide[k].name[base.n] = '\0';
        cfg->num_hide++;
      }
      cfg->hide[k].hidden = hidden;
    } else if (pc.name.n > NN_MAX_PARAM_NAME_LEN) {
      notice(notices, pc.name, pc.value, "parameter name is %d characters long; ignored",
             pc.name.n > 1000000 ? 1000000 : (int)pc.name.n);
    }
  }
  span empty = {"", 0};
  if (hide_ignored > 0)
    notice(notices, lit("_hide"), empty, "more than %d different _hide parameters; "
           "ignored %d of them", NN_MAX_HIDE, hide_ignored);
}

/* ---------------------------------------------------------------- serializing */

static void w_param(nn_writer *w, const char *name, const char *value) {
  if (w->len > 0) nn_write(w, "&");
  nn_write(w, name);
  nn_write(w, "=");
  nn_write(w, value);
}

/* Marks the parameters the lesson's hash sets (none when `lesson` is not a lesson id). */
static void lesson_params(const char *lesson, bool in_lesson[NN_P_COUNT]) {
  int index = nn_lesson_find(lesson, strlen(lesson));
  if (index < 0) return;
  const char *lh = nn_lesson_hash(index);
  piece pc;
  size_t pos = 0;
  while (next_piece(lh, strlen(lh), &pos, &pc)) {
    int id = pc.name.p != NULL ? nn_param_find(pc.name.p, pc.name.n) : -1;
    if (id >= 0) in_lesson[id] = true;
  }
}

/* The value of parameter p as the hash writes it (TEXT, LESSON and SHAPE excepted). */
const char *nn_state_value_text(const nn_config *cfg, const nn_param *p, char num[32]) {
  const void *v = nn_param_field_const(cfg, p);
  switch (p->kind) {
    case NN_PARAM_CHOICE: return p->choice_name(*(const int *)v);
    case NN_PARAM_BOOL: return *(const bool *)v ? "true" : "false";
    case NN_PARAM_NUMBER: nn_format_js_number(*(const double *)v, num); return num;
    case NN_PARAM_SPEED:
      if (cfg->speed == NN_SPEED_MAX) return "max";
      /* fall through */
    case NN_PARAM_WHOLE: nn_format_js_number(*(const int *)v, num); return num;
    case NN_PARAM_TEXT:
    case NN_PARAM_LESSON: return v;
    case NN_PARAM_SHAPE: break;
  }
  return "";
}

size_t nn_state_serialize(const nn_config *cfg, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  /* A parameter the lesson sets is written even at its default: left out, parsing the hash
   * would take the lesson's value again (the round trip of "lesson=perceptron-xor&mode=complete"). */
  bool in_lesson[NN_P_COUNT] = {false};
  lesson_params(cfg->lesson, in_lesson);
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    char num[32];
    bool text = p->kind == NN_PARAM_TEXT || p->kind == NN_PARAM_LESSON;
    if (text && ((const char *)nn_param_field_const(cfg, p))[0] == '\0') continue;
    if (p->omit_default && !in_lesson[i] && nn_param_at_default(cfg, p)) continue;
    if (p->kind != NN_PARAM_SHAPE) {
      w_param(&w, p->name, nn_state_value_text(cfg, p, num));
      continue;
    }
    w_param(&w, p->name, "");
    for (int l = 0; l < cfg->num_hidden_layers; l++) {
      if (l) nn_write(&w, ",");
      nn_format_js_number(cfg->network_shape[l], num);
      nn_write(&w, num);
    }
  }
  for (int k = 0; k < cfg->num_hide; k++) {
    if (w.len > 0) nn_write(&w, "&");
    nn_write(&w, cfg->hide[k].name);
    nn_write(&w, HIDE_SUFFIX);
    nn_write(&w, cfg->hide[k].hidden ? "=true" : "=false");
  }
  return w.len;
}

/* ---------------------------------------------------------------- JSON */

size_t nn_state_json(const nn_config *cfg, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  char num[32];
  bool first = true;
  nn_write(&w, "{");
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    /* nnplay's parameters only when set, so TFP links give the fixtures' object */
    if (!p->tfp && nn_param_at_default(cfg, p)) continue;
    nn_write_json_key(&w, p->name, first);
    first = false;
    const void *v = nn_param_field_const(cfg, p);
    switch (p->kind) {
      case NN_PARAM_CHOICE:
      case NN_PARAM_LESSON: {
        const char *s = nn_state_value_text(cfg, p, num);
        nn_write_json_string(&w, s, nn_bounded_len(s, p->kind == NN_PARAM_LESSON ? p->size
                                                                                 : (size_t)-1));
        break;
      }
      case NN_PARAM_NUMBER:
        nn_format_js_number(*(const double *)v, num);
        if (isfinite(*(const double *)v)) nn_write(&w, num); /* always, once validated */
        else nn_write_json_string(&w, num, strlen(num));
        break;
      case NN_PARAM_SPEED:
        if (cfg->speed == NN_SPEED_MAX) {
          nn_write(&w, "\"max\"");
          break;
        }
        /* fall through */
      case NN_PARAM_BOOL:
      case NN_PARAM_WHOLE: nn_write(&w, nn_state_value_text(cfg, p, num)); break;
      case NN_PARAM_SHAPE:
        nn_write(&w, "[");
        for (int l = 0; l < cfg->num_hidden_layers; l++) {
          nn_format_js_number(cfg->network_shape[l], num);
          if (l) nn_write(&w, ",");
          nn_write(&w, num);
        }
        nn_write(&w, "]");
        break;
      case NN_PARAM_TEXT:
        if (p->null_when_empty && ((const char *)v)[0] == '\0') nn_write(&w, "null");
        else nn_write_json_string(&w, v, nn_bounded_len(v, p->size));
        break;
    }
  }
  nn_write_json_key(&w, "hide", false);
  nn_write(&w, "{");
  for (int k = 0; k < cfg->num_hide && k < NN_MAX_HIDE; k++) {
    char key[NN_MAX_HIDE_NAME + HIDE_SUFFIX_LEN + 1];
    size_t n = nn_bounded_len(cfg->hide[k].name, NN_MAX_HIDE_NAME);
    memcpy(key, cfg->hide[k].name, n);
    memcpy(key + n, HIDE_SUFFIX, HIDE_SUFFIX_LEN + 1);
    nn_write_json_key(&w, key, k == 0);
    nn_write(&w, cfg->hide[k].hidden ? "true" : "false");
  }
  nn_write(&w, "}}");
  return w.len;
}

size_t nn_notices_json(const nn_notices *ns, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  nn_write(&w, "[");
  int count = ns == NULL ? 0 : ns->count;
  for (int i = 0; i < count && i < NN_MAX_NOTICES; i++) {
    const nn_notice *it = &ns->items[i];
    nn_write(&w, i ? ",{" : "{");
    nn_write_json_key(&w, "param", true);
    nn_write_json_string(&w, it->param, nn_bounded_len(it->param, sizeof it->param));
    nn_write_json_key(&w, "value", false);
    nn_write_json_string(&w, it->value, nn_bounded_len(it->value, sizeof it->value));
    nn_write_json_key(&w, "reason", false);
    nn_write_json_string(&w, it->reason, nn_bounded_len(it->reason, sizeof it->reason));
    nn_write(&w, "}");
  }
  nn_write(&w, "]");
  return w.len;
}
