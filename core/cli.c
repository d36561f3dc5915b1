/* cli.c — `nnplay run`: a TFP hash in, one JSON object out; `nnplay params` (see cli.h). */
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "classes.h"
#include "config.h"
#include "experiment.h"
#include "network.h"
#include "params.h"
#include "perceptron.h"
#include "cli_data.h"
#include "state.h"

static const char USAGE[] =
    "Usage: nnplay run --hash '<TensorFlow Playground hash>' [--epochs N] [--unseeded-random R]\n"
    "                  [--data FILE]\n"
    "       nnplay params [--markdown]\n"
    "       nnplay --help | nnplay run --help\n";

static const char RUN_HELP[] =
    "nnplay run: open a TensorFlow Playground link headless, train, print one JSON object.\n"
    "\n"
    "  --hash H             the part of the link after '#' (a leading '#' is dropped);\n"
    "                       quote it: it contains '&'. Bad values fall back to TFP's defaults\n"
    "                       and are listed under \"notices\".\n"
    "  --epochs N           epochs to train, 0 to 1000000 (default: the link's epoch=, else 0);\n"
    "                       the link's changes (NAME@EPOCH=VALUE) apply at their epochs\n"
    "  --unseeded-random R  for a hash without a seed: use the seed TFP would draw if its\n"
    "                       unseeded Math.random() returned R (0 <= R < 1; 0.5 -> \"0.50000\").\n"
    "                       Without it such a hash gets a random seed.\n"
    "  --data FILE          train on the points of a CSV or JSON file (x,y,label) instead of\n"
    "                       the link's (as the page's import: quantised, labels' kind decided\n"
    "                       from the file, the problem set to match; a notice says what was\n"
    "                       dropped). A link that carries data= needs no --data.\n"
    "\n"
    "Output fields: state (the link's base parameters), derived, train, test, network (initial),\n"
    "loss_curve (epochs 0..N), accuracy_curve ([train, test] per epoch; NaN for regression),\n"
    "final_network (after training, as network), accuracy ({train, test} now) and confusion\n"
    "({train, test}: K x K, rows the true class; both null for regression), notices. Numbers have 17 significant digits; NaN and infinities are strings.\n"
    "Exit status: 0 done, 1 failure (memory, output), 2 bad command line.\n";

static const char PARAMS_HELP[] =
    "nnplay params: the URL parameters, one line each; with --markdown, README's table.\n";

/* ---------------------------------------------------------------- output buffer */

typedef struct {
  char *p;
  size_t len, cap;
  bool oom;
} buffer;

static bool reserve(buffer *b, size_t extra) {
  if (b->oom) return false;
  if (b->len + extra + 1 <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 1 << 16;
  while (cap < b->len + extra + 1) {
    if (cap > SIZE_MAX / 2) {
      b->oom = true;
      return false;
    }
    cap *= 2;
  }
  char *p = realloc(b->p, cap);
  if (p == NULL) {
    b->oom = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

static void put(buffer *b, const char *s) {
  size_t n = strlen(s);
  if (!reserve(b, n)) return;
  memcpy(b->p + b->len, s, n + 1);
  b->len += n;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void putf(buffer *b, const char *fmt, ...) {
  char tmp[64];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof tmp) {
    put(b, tmp);
    return;
  }
  if (!reserve(b, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* A number as the fixtures write it: 17 significant digits, -0.0, "NaN", "Infinity". */
static void put_num(buffer *b, double x) {
  if (isnan(x)) put(b, "\"NaN\"");
  else if (isinf(x)) put(b, x > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  else if (x == 0 && signbit(x)) put(b, "-0.0");
  else putf(b, "%.17g", x);
}

static void put_string(buffer *b, const char *s) {
  size_t n = strlen(s);
  size_t need = nn_json_string(s, n, NULL, 0);
  if (!reserve(b, need)) return;
  nn_json_string(s, n, b->p + b->len, need + 1);
  b->len += need;
}

static void put_points(buffer *b, const nn_point *pts, int count) {
  put(b, "[");
  for (int i = 0; i < count; i++) {
    put(b, i ? ",[" : "[");
    put_num(b, pts[i].x);
    put(b, ",");
    put_num(b, pts[i].y);
    put(b, ",");
    put_num(b, pts[i].label);
    put(b, "]");
  }
  put(b, "]");
}

/* The parameters as the fixtures' `network`: per layer after the input, one object per node. */
static void put_network(buffer *b, const nn_network *net) {
  put(b, "[");
  for (int l = 1; l < net->num_layers; l++) {
    put(b, l > 1 ? ",[" : "[");
    for (int j = 0; j < net->sizes[l]; j++) {
      int id = net->node_offset[l] + j - net->sizes[0] + 1;
      putf(b, "%s{\"id\":\"%d\",\"bias\":", j ? "," : "", id);
      put_num(b, net->params[net->bias_offset[l] + j]);
      put(b, ",\"weights\":[");
      for (int i = 0; i < net->sizes[l - 1]; i++) {
        if (i) put(b, ",");
        put_num(b, net->params[net->weight_offset[l] + j * net->sizes[l - 1] + i]);
      }
      put(b, "]}");
    }
    put(b, "]");
  }
  put(b, "]");
}

static void put_derived(buffer *b, const nn_config *cfg, const nn_experiment *e) {
  const nn_network *net = nn_experiment_network(e);
  int num_train, num_test;
  nn_experiment_train_points(e, &num_train);
  nn_experiment_test_points(e, &num_test);
  nn_draw_counts draws = nn_experiment_draw_counts(e);
  put(b, "{\"input_ids\":[");
  for (int i = 0; i < net->sizes[0]; i++) {
    if (i) put(b, ",");
    put_string(b, nn_feature_name(net->input_features[i]));
  }
  put(b, "],\"layer_sizes\":[");
  for (int l = 0; l < net->num_layers; l++) putf(b, l ? ",%d" : "%d", net->sizes[l]);
  put(b, "],\"output_activation\":");
  put_string(b, net->classes ? "softmax" : nn_activation_name(net->output_activation));
  putf(b, ",\"num_samples\":%d,\"generator_noise_argument\":", num_train + num_test);
  put_num(b, cfg->noise / 100);
  putf(b, ",\"split_index\":%d,\"num_train\":%d,\"num_test\":%d", num_train, num_train,
       num_test);
  putf(b, ",\"math_random_draws\":{\"generator\":%llu,\"shuffle\":%llu,\"weights\":%llu}}",
       (unsigned long long)draws.generator, (unsigned long long)draws.shuffle,
       (unsigned long long)draws.weights);
}

/* Perceptron mode: ,"misclassified":[epoch 0..N] and ,"perceptron":{the verdict}. */
/* "accuracy": the last row of the accuracy curve, and "confusion": the matrices now (rows the
 * true class, columns the predicted one); null for regression. */
static void put_classification(buffer *b, nn_experiment *e) {
  int k = nn_experiment_num_classes(e), rows;
  const double *acc = nn_experiment_accuracy_curve(e, &rows) + 2 * (size_t)(rows - 1);
  int m[2][NN_MAX_CLASSES * NN_MAX_CLASSES];
  if (k == 0 || nn_experiment_confusion(e, m[0], m[1]) != NN_OK) {
    put(b, ",\n\"accuracy\":null,\n\"confusion\":null");
    return;
  }
  put(b, ",\n\"accuracy\":{\"train\":");
  put_num(b, acc[0]);
  put(b, ",\"test\":");
  put_num(b, acc[1]);
  put(b, "},\n\"confusion\":{");
  for (int set = 0; set < 2; set++) {
    put(b, set ? "],\"test\":[" : "\"train\":[");
    for (int r = 0; r < k; r++)
      for (int c = 0; c < k; c++)
        putf(b, "%s%d%s", c ? "," : r ? ",[" : "[", m[set][r * k + c], c == k - 1 ? "]" : "");
  }
  put(b, "]}");
}

static void put_perceptron(buffer *b, const nn_experiment *e) {
  int rows;
  const int *m = nn_experiment_misclassified(e, &rows);
  put(b, ",\n\"misclassified\":[");
  for (int r = 0; r < rows; r++) putf(b, r ? ",%d" : "%d", m[r]);
  nn_perceptron_report rep = nn_experiment_perceptron_report(e);
  putf(b, "],\n\"perceptron\":{\"converged\":%s,\"epoch\":",
       rep.verdict == NN_PERCEPTRON_CONVERGED ? "true" : "false");
  if (rep.converged_epoch >= 0) putf(b, "%d", rep.converged_epoch);
  else put(b, "null");
  put(b, ",\"separable_verdict\":");
  put_string(b, nn_perceptron_verdict_name(rep.verdict));
  put(b, ",\"message\":");
  put_string(b, nn_perceptron_verdict_text(rep.verdict));
  putf(b, ",\"patience\":%d}", NN_PERCEPTRON_PATIENCE);
}

/* ---------------------------------------------------------------- command line */

typedef struct {
  const char *hash;
  long epochs;
  bool have_epochs; /* else the link's epoch */
  bool have_r;
  double r;
  const char *data_file; /* NULL: the link's points */
} run_args;

/* [[a, b], ...]: rows pairs of doubles. */
static void put_curve(buffer *b, const double *curve, int rows) {
  put(b, "[");
  for (int r = 0; r < rows; r++) {
    put(b, r ? ",[" : "[");
    put_num(b, curve[2 * r]);
    put(b, ",");
    put_num(b, curve[2 * r + 1]);
    put(b, "]");
  }
  put(b, "]");
}

/* "compare": [{value, link, loss_curve}, ...]: each variant of cfg (compare.h) built from its
 * own link and trained `epochs` epochs. False when one cannot be built or trained. */
static bool put_compare(buffer *b, const nn_config *cfg, int epochs) {
  nn_config *v = malloc(sizeof *v);
  bool ok = v != NULL;
  put(b, ",\n\"compare\":[");
  for (int i = 0; ok && i < nn_compare_count(cfg); i++) {
    nn_experiment *e = NULL;
    ok = nn_compare_variant(cfg, i, v) && nn_experiment_create(&e, v) == NN_OK &&
         nn_experiment_train(e, epochs) == NN_OK;
    if (ok) {
      char value[NN_MAX_COMPARE_LEN + 1];
      nn_compare_value(cfg, i, value, sizeof value);
      put(b, i ? ",{\"value\":" : "{\"value\":");
      put_string(b, value);
      size_t need = nn_state_serialize(v, NULL, 0);
      char *link = malloc(need + 1);
      ok = link != NULL;
      if (ok) {
        nn_state_serialize(v, link, need + 1);
        put(b, ",\"link\":");
        put_string(b, link); /* a seed may hold a quote */
      }
      free(link);
      int rows;
      const double *curve = nn_experiment_loss_curve(e, &rows);
      put(b, ",\"loss_curve\":");
      put_curve(b, curve, rows);
      put(b, "}");
    }
    nn_experiment_destroy(e);
  }
  put(b, "]");
  free(v);
  return ok;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int usage_error(FILE *err, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  /* one line, whatever the message quoted */
  for (char *c = msg; *c; c++)
    if (*c == '\n' || *c == '\r') *c = ' ';
  fprintf(err, "nnplay: %s (see 'nnplay --help')\n", msg);
  return NN_CLI_USAGE;
}

/* Shows at most 40 bytes of a user's argument in a message, printable ASCII only. */
static const char *shown(const char *s, char out[48]) {
  size_t n = 0;
  for (; s[n] && n < 40; n++) out[n] = (s[n] >= 0x20 && s[n] < 0x7F) ? s[n] : '?';
  if (s[n]) {
    memcpy(out + n, "...", 3);
    n += 3;
  }
  out[n] = '\0';
  return out;
}

static bool parse_epochs(const char *s, long *out) {
  if (*s == '\0') return false;
  long v = 0;
  for (const char *c = s; *c; c++) {
    if (*c < '0' || *c > '9') return false;
    if (v <= NN_CLI_MAX_EPOCHS) v = v * 10 + (*c - '0');
  }
  *out = v; /* may exceed the maximum: the caller says so */
  return true;
}

/* Parses argv[2..] of `run`. Returns -1 when fine, else the exit status (help or error). */
static int parse_run_args(int argc, char **argv, run_args *a, FILE *out, FILE *err) {
  bool have_hash = false;
  char tmp[48];
  a->hash = NULL;
  a->epochs = 0;
  a->have_epochs = false;
  a->have_r = false;
  a->r = 0;
  a->data_file = NULL;
  for (int i = 2; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      fputs(RUN_HELP, out);
      return NN_CLI_OK;
    }
    if (strncmp(arg, "--", 2) != 0)
      return usage_error(err, "unexpected argument '%s'", shown(arg, tmp));
    const char *eq = strchr(arg, '=');
    size_t name_len = eq ? (size_t)(eq - arg) : strlen(arg);
    const char *flags[] = {"--hash", "--epochs", "--unseeded-random", "--data"};
    int which = -1;
    for (int f = 0; f < 4; f++)
      if (strlen(flags[f]) == name_len && strncmp(arg, flags[f], name_len) == 0) which = f;
    if (which < 0) {
      char name[48];
      size_t n = name_len < 40 ? name_len : 40;
      memcpy(name, arg, n);
      name[n] = '\0';
      return usage_error(err, "unknown option '%s'", shown(name, tmp));
    }
    const char *value;
    if (eq) {
      value = eq + 1;
    } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
      value = argv[++i];
    } else {
      return usage_error(err, "%s needs a value", flags[which]);
    }
    if (which == 3) {
      if (a->data_file) return usage_error(err, "--data given twice");
      a->data_file = value;
      continue;
    }
    bool *seen = which == 0 ? &have_hash : which == 1 ? &a->have_epochs : &a->have_r;
    if (*seen) return usage_error(err, "%s given twice", flags[which]);
    *seen = true;
    if (which == 0) {
      if (value[0] == '#') value++;
      if (strlen(value) > NN_CLI_MAX_HASH)
        return usage_error(err, "--hash is %zu bytes long; at most %d are accepted",
                           strlen(value), NN_CLI_MAX_HASH);
      a->hash = value;
    } else if (which == 1) {
      if (!parse_epochs(value, &a->epochs))
        return usage_error(err, "--epochs must be a whole number from 0 to %d, not '%s'",
                           NN_CLI_MAX_EPOCHS, shown(value, tmp));
      if (a->epochs > NN_CLI_MAX_EPOCHS)
        return usage_error(err, "--epochs is too large: at most %d", NN_CLI_MAX_EPOCHS);
    } else {
      char *end = NULL;
      double r = strtod(value, &end);
      if (value[0] == '\0' || *end != '\0' || !(r >= 0 && r < 1))
        return usage_error(err, "--unseeded-random must be a number with 0 <= R < 1, not '%s'",
                           shown(value, tmp));
      a->r = r;
    }
  }
  if (!have_hash) return usage_error(err, "run needs --hash");
  return -1;
}

/* A uniform double in [0, 1) from the system's entropy, as the browser's unseeded Math.random. */
static double random_unit(void) {
  uint64_t u = 0;
  FILE *f = fopen("/dev/urandom", "rb");
  bool ok = f != NULL && fread(&u, sizeof u, 1, f) == 1;
  if (f) fclose(f);
  if (!ok) { /* splitmix64 of the clock */
    u = (uint64_t)time(NULL) ^ ((uint64_t)clock() << 32) ^ (uint64_t)(uintptr_t)&u;
    u += 0x9E3779B97F4A7C15u;
    u = (u ^ (u >> 30)) * 0xBF58476D1CE4E5B9u;
    u = (u ^ (u >> 27)) * 0x94D049BB133111EBu;
    u ^= u >> 31;
  }
  return (double)(u >> 11) * 0x1p-53;
}

static int run(const run_args *a, FILE *out, FILE *err) {
  nn_config cfg;
  nn_notices notices;
  nn_changelog log;
  nn_changelog_init(&log);
  nn_state_parse(a->hash, &cfg, &notices);
  nn_compare_check(&cfg, &notices);
  if (!nn_changelog_parse(a->hash, &cfg, &log, &notices)) {
    fprintf(err, "nnplay: out of memory\n");
    return NN_CLI_FAILED;
  }
  if (a->data_file) {
    int status = nn_cli_load_data(a->data_file, &cfg, &notices, err);
    if (status >= 0) {
      nn_changelog_free(&log);
      return status;
    }
  }
  if (cfg.seed[0] == '\0') {
    char seed[8];
    nn_seed_from_unseeded(a->have_r ? a->r : random_unit(), seed);
    memcpy(cfg.seed, seed, sizeof seed);
    cfg.seed[sizeof seed - 1] = '\0';
  }

  nn_experiment *e = NULL;
  nn_status s = nn_experiment_create(&e, &cfg);
  if (s != NN_OK) {
    nn_changelog_free(&log);
    fprintf(err, "nnplay: cannot build the experiment: %s\n", nn_status_message(s));
    return s == NN_ERR_INVALID ? NN_CLI_USAGE : NN_CLI_FAILED;
  }

  buffer b = {NULL, 0, 0, false};
  size_t need = nn_state_json(nn_experiment_base_config(e), NULL, 0);
  put(&b, "{\"state\":");
  if (reserve(&b, need)) {
    nn_state_json(nn_experiment_base_config(e), b.p + b.len, need + 1);
    b.len += need;
  }
  put(&b, ",\n\"derived\":");
  put_derived(&b, &cfg, e);
  int count;
  const nn_point *pts = nn_experiment_train_points(e, &count);
  put(&b, ",\n\"train\":");
  put_points(&b, pts, count);
  pts = nn_experiment_test_points(e, &count);
  put(&b, ",\n\"test\":");
  put_points(&b, pts, count);
  put(&b, ",\n\"network\":"); /* the initial network: before any training or change */
  put_network(&b, nn_experiment_network(e));

  s = nn_experiment_set_changes(e, &log); /* moved in */
  nn_changelog_free(&log);
  if (s == NN_OK)
    s = nn_experiment_train(e, a->have_epochs ? (int)a->epochs : nn_experiment_target_epoch(e));
  if (s != NN_OK) {
    fprintf(err, "nnplay: training failed: %s\n", nn_status_message(s));
    nn_experiment_destroy(e);
    free(b.p);
    return NN_CLI_FAILED;
  }
  int rows;
  const double *curve = nn_experiment_loss_curve(e, &rows);
  put(&b, ",\n\"loss_curve\":");
  put_curve(&b, curve, rows);
  const double *acc = nn_experiment_accuracy_curve(e, &rows);
  put(&b, ",\n\"accuracy_curve\":");
  put_curve(&b, acc, rows);
  put(&b, ",\n\"final_network\":");
  put_network(&b, nn_experiment_network(e));
  put_classification(&b, e);
  if (nn_experiment_config(e)->model == NN_MODEL_PERCEPTRON) put_perceptron(&b, e);
  if (nn_compare_count(nn_experiment_base_config(e)) > 0 &&
      !put_compare(&b, nn_experiment_base_config(e), nn_experiment_epoch(e))) {
    fprintf(err, "nnplay: a compared variant failed\n");
    nn_experiment_destroy(e);
    free(b.p);
    return NN_CLI_FAILED;
  }
  put(&b, ",\n\"notices\":");
  need = nn_notices_json(&notices, NULL, 0);
  if (reserve(&b, need)) {
    nn_notices_json(&notices, b.p + b.len, need + 1);
    b.len += need;
  }
  if (notices.dropped > 0) putf(&b, ",\n\"notices_dropped\":%d", notices.dropped);
  put(&b, "}\n");
  nn_experiment_destroy(e);

  if (b.oom) {
    fprintf(err, "nnplay: out of memory\n");
    free(b.p);
    return NN_CLI_FAILED;
  }
  bool ok = fwrite(b.p, 1, b.len, out) == b.len;
  ok = fflush(out) == 0 && ok;
  free(b.p);
  if (!ok) {
    fprintf(err, "nnplay: cannot write the output\n");
    return NN_CLI_FAILED;
  }
  return NN_CLI_OK;
}

/* Writes a table of the parameters (params.h) to out: `text` measures, then fills. */
static int print_table(size_t (*text)(char *, size_t), FILE *out, FILE *err) {
  size_t need = text(NULL, 0);
  char *buf = malloc(need + 1);
  if (buf == NULL) {
    fprintf(err, "nnplay: out of memory\n");
    return NN_CLI_FAILED;
  }
  text(buf, need + 1);
  bool ok = fwrite(buf, 1, need, out) == need && fflush(out) == 0;
  free(buf);
  if (!ok) {
    fprintf(err, "nnplay: cannot write the output\n");
    return NN_CLI_FAILED;
  }
  return NN_CLI_OK;
}

static int params_command(int argc, char **argv, FILE *out, FILE *err) {
  char tmp[48];
  if (argc > 3) return usage_error(err, "params takes at most one option");
  if (argc == 2) return print_table(nn_params_help, out, err);
  if (strcmp(argv[2], "--markdown") == 0) return print_table(nn_params_markdown, out, err);
  if (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0) {
    fputs(PARAMS_HELP, out);
    return NN_CLI_OK;
  }
  return usage_error(err, "unknown option '%s'", shown(argv[2], tmp));
}

int nn_cli_main(int argc, char **argv, FILE *out, FILE *err) {
  char tmp[48];
  if (argc < 2) return usage_error(err, "missing command; usage: nnplay run --hash H [--epochs N]");
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(USAGE, out);
    fputs("\n", out);
    fputs(RUN_HELP, out);
    fputs("\n", out);
    fputs(PARAMS_HELP, out);
    fputs("\n", out);
    return print_table(nn_params_help, out, err);
  }
  if (strcmp(cmd, "params") == 0) return params_command(argc, argv, out, err);
  if (strcmp(cmd, "run") != 0) return usage_error(err, "unknown command '%s'", shown(cmd, tmp));
  run_args a;
  int status = parse_run_args(argc, argv, &a, out, err);
  if (status >= 0) return status;
  return run(&a, out, err);
}
