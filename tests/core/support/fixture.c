/* fixture.c — loading the TFP golden fixtures (see fixture.h). */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers -------------------------------------------------------------------- */

static bool fail(char *err, size_t cap, const char *fmt, ...) {
  if (cap > 0) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
  }
  return false;
}

bool nn_same_double(double a, double b) {
  if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
  return memcmp(&a, &b, sizeof a) == 0;
}

bool nn_fixture_number(const cJSON *item, double *out) {
  if (cJSON_IsNumber(item)) {
    *out = item->valuedouble;
    return true;
  }
  if (cJSON_IsString(item)) {
    const char *s = item->valuestring;
    if (strcmp(s, "NaN") == 0) { *out = NAN; return true; }
    if (strcmp(s, "Infinity") == 0) { *out = INFINITY; return true; }
    if (strcmp(s, "-Infinity") == 0) { *out = -INFINITY; return true; }
  }
  return false;
}

static int index_of(const char *s, const char *(*name)(int), int count) {
  if (!s) return -1;
  for (int k = 0; k < count; k++)
    if (strcmp(s, name(k)) == 0) return k;
  return -1;
}
static const char *act_name(int k) { return nn_activation_name((nn_activation)k); }
static const char *data_name(int k) { return nn_dataset_name((nn_dataset_kind)k); }
static const char *feat_name(int k) { return nn_feature_name((nn_feature)k); }

int nn_fixture_activation_from_name(const char *s) { return index_of(s, act_name, NN_ACT_COUNT); }
int nn_fixture_dataset_from_name(const char *s) { return index_of(s, data_name, NN_DATA_COUNT); }
int nn_fixture_feature_from_name(const char *s) { return index_of(s, feat_name, NN_FEAT_COUNT); }

static const cJSON *field(const cJSON *obj, const char *name) {
  return cJSON_GetObjectItemCaseSensitive(obj, name);
}

static bool get_number(const cJSON *obj, const char *name, double *out, char *err, size_t cap) {
  if (!nn_fixture_number(field(obj, name), out))
    return fail(err, cap, "field `%s` is not a number", name);
  return true;
}

static bool get_int(const cJSON *obj, const char *name, int *out, char *err, size_t cap) {
  double v = 0;
  if (!get_number(obj, name, &v, err, cap)) return false;
  if (!(v >= -2147483647.0 && v <= 2147483647.0) || v != floor(v))
    return fail(err, cap, "field `%s` is not an integer", name);
  *out = (int)v;
  return true;
}

static bool get_bool(const cJSON *obj, const char *name, bool *out, char *err, size_t cap) {
  const cJSON *b = field(obj, name);
  if (!cJSON_IsBool(b)) return fail(err, cap, "field `%s` is not a boolean", name);
  *out = cJSON_IsTrue(b);
  return true;
}

static bool copy_string(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap) return false;
  memcpy(dst, src, n + 1);
  return true;
}

/* ---- state -> nn_config --------------------------------------------------------------- */

static bool convert_state(const cJSON *st, nn_config *cfg, const char **seed, char *err,
                          size_t cap) {
  nn_config_default(cfg);
  if (!cJSON_IsObject(st)) return fail(err, cap, "`state` is not an object");

  const cJSON *a = field(st, "activation");
  int act = nn_fixture_activation_from_name(cJSON_GetStringValue(a));
  if (act < 0) return fail(err, cap, "state.activation: unknown");
  cfg->activation = (nn_activation)act;

  const char *reg = cJSON_GetStringValue(field(st, "regularization"));
  if (!reg || strcmp(reg, "none") == 0) cfg->regularization = NN_REG_NONE;
  else if (strcmp(reg, "L1") == 0) cfg->regularization = NN_REG_L1;
  else if (strcmp(reg, "L2") == 0) cfg->regularization = NN_REG_L2;
  else return fail(err, cap, "state.regularization: unknown '%s'", reg);

  int ds = nn_fixture_dataset_from_name(cJSON_GetStringValue(field(st, "dataset")));
  int rds = nn_fixture_dataset_from_name(cJSON_GetStringValue(field(st, "regDataset")));
  if (ds < 0 || ds > NN_DATA_SPIRAL) return fail(err, cap, "state.dataset: unknown");
  if (rds < NN_DATA_REG_PLANE) return fail(err, cap, "state.regDataset: unknown");
  cfg->dataset = (nn_dataset_kind)ds;
  cfg->reg_dataset = (nn_dataset_kind)rds;

  const char *prob = cJSON_GetStringValue(field(st, "problem"));
  if (prob && strcmp(prob, "classification") == 0) cfg->problem = NN_PROBLEM_CLASSIFICATION;
  else if (prob && strcmp(prob, "regression") == 0) cfg->problem = NN_PROBLEM_REGRESSION;
  else return fail(err, cap, "state.problem: unknown");

  if (!get_int(st, "batchSize", &cfg->batch_size, err, cap) ||
      !get_number(st, "learningRate", &cfg->learning_rate, err, cap) ||
      !get_number(st, "regularizationRate", &cfg->regularization_rate, err, cap) ||
      !get_number(st, "noise", &cfg->noise, err, cap) ||
      !get_number(st, "percTrainData", &cfg->perc_train_data, err, cap))
    return false;

  const cJSON *shape = field(st, "networkShape");
  if (!cJSON_IsArray(shape)) return fail(err, cap, "state.networkShape is not an array");
  int nl = cJSON_GetArraySize(shape);
  if (nl > NN_MAX_HIDDEN_LAYERS) return fail(err, cap, "state.networkShape: too many layers");
  cfg->num_hidden_layers = nl;
  for (int l = 0; l < nl; l++) {
    double v;
    if (!nn_fixture_number(cJSON_GetArrayItem(shape, l), &v))
      return fail(err, cap, "state.networkShape[%d] is not a number", l);
    /* as many nodes as integers i with 0 <= i < v (docs/tfp-behaviour.md §5) */
    cfg->network_shape[l] = v > 0 ? (v > 1e6 ? 1000000 : (int)ceil(v)) : 0;
  }

  const char *s = cJSON_GetStringValue(field(st, "seed"));
  *seed = s;
  if (s && !copy_string(cfg->seed, sizeof cfg->seed, s))
    return fail(err, cap, "state.seed longer than NN_MAX_SEED_LEN");

  static const struct { const char *name; size_t off; } bools[] = {
      {"showTestData", offsetof(nn_config, show_test_data)},
      {"discretize", offsetof(nn_config, discretize)},
      {"cosX", offsetof(nn_config, cos_x)},
      {"cosY", offsetof(nn_config, cos_y)},
      {"collectStats", offsetof(nn_config, collect_stats)},
      {"initZero", offsetof(nn_config, init_zero)},
      {"hideText", offsetof(nn_config, hide_text)},
  };
  for (size_t k = 0; k < sizeof bools / sizeof bools[0]; k++)
    if (!get_bool(st, bools[k].name, (bool *)((char *)cfg + bools[k].off), err, cap))
      return false;
  for (int f = 0; f < NN_FEAT_COUNT; f++)
    if (!get_bool(st, nn_feature_name((nn_feature)f), &cfg->features[f], err, cap)) return false;

  const cJSON *tut = field(st, "tutorial");
  if (cJSON_IsString(tut) && !copy_string(cfg->tutorial, sizeof cfg->tutorial, tut->valuestring))
    return fail(err, cap, "state.tutorial too long");

  const cJSON *hide = field(st, "hide");
  const cJSON *h;
  cfg->num_hide = 0;
  cJSON_ArrayForEach(h, hide) {
    if (cfg->num_hide >= NN_MAX_HIDE) return fail(err, cap, "state.hide: too many entries");
    nn_hide_entry *e = &cfg->hide[cfg->num_hide++];
    /* keys are full parameter names ("xSquared_hide"); nn_config keeps "xSquared" */
    size_t len = strlen(h->string), suffix = strlen("_hide");
    if (len >= suffix && strcmp(h->string + len - suffix, "_hide") == 0) len -= suffix;
    if (len >= sizeof e->name) return fail(err, cap, "state.hide: name too long");
    memcpy(e->name, h->string, len);
    e->name[len] = '\0';
    e->hidden = cJSON_IsTrue(h);
  }
  return true;
}

/* ---- derived ---------------------------------------------------------------------------- */

static bool convert_derived(const cJSON *d, nn_fixture *fx, char *err, size_t cap) {
  const cJSON *ids = field(d, "input_ids");
  if (!cJSON_IsArray(ids) || cJSON_GetArraySize(ids) > NN_FEAT_COUNT)
    return fail(err, cap, "derived.input_ids is not an array of features");
  fx->num_inputs = cJSON_GetArraySize(ids);
  for (int k = 0; k < fx->num_inputs; k++) {
    int f = nn_fixture_feature_from_name(cJSON_GetStringValue(cJSON_GetArrayItem(ids, k)));
    if (f < 0) return fail(err, cap, "derived.input_ids[%d]: unknown feature", k);
    fx->input_ids[k] = (nn_feature)f;
  }
  const cJSON *ls = field(d, "layer_sizes");
  if (!cJSON_IsArray(ls) || cJSON_GetArraySize(ls) < 2 ||
      cJSON_GetArraySize(ls) > NN_MAX_HIDDEN_LAYERS + 2)
    return fail(err, cap, "derived.layer_sizes is not a usable array");
  fx->num_layers = cJSON_GetArraySize(ls);
  for (int l = 0; l < fx->num_layers; l++) {
    const cJSON *v = cJSON_GetArrayItem(ls, l);
    if (!cJSON_IsNumber(v) || v->valueint < 0 || v->valueint > 4096)
      return fail(err, cap, "derived.layer_sizes[%d] is not a size", l);
    fx->layer_sizes[l] = v->valueint;
  }
  int oa = nn_fixture_activation_from_name(cJSON_GetStringValue(field(d, "output_activation")));
  if (oa < 0) return fail(err, cap, "derived.output_activation: unknown");
  fx->output_activation = (nn_activation)oa;
  if (!get_int(d, "num_samples", &fx->num_samples, err, cap) ||
      !get_number(d, "generator_noise_argument", &fx->generator_noise_argument, err, cap) ||
      !get_int(d, "split_index", &fx->split_index, err, cap) ||
      !get_int(d, "num_train", &fx->num_train, err, cap) ||
      !get_int(d, "num_test", &fx->num_test, err, cap))
    return false;
  const cJSON *draws = field(d, "math_random_draws");
  double g, s, w;
  if (!get_number(draws, "generator", &g, err, cap) || !get_number(draws, "shuffle", &s, err, cap) ||
      !get_number(draws, "weights", &w, err, cap))
    return false;
  fx->math_random_draws = (nn_draw_counts){(uint64_t)g, (uint64_t)s, (uint64_t)w};
  return true;
}

/* ---- points, networks, curves ------------------------------------------------------------ */

static bool convert_points(const cJSON *arr, const char *what, nn_point **out, int *count,
                           char *err, size_t cap) {
  if (!cJSON_IsArray(arr)) return fail(err, cap, "`%s` is not an array", what);
  int n = cJSON_GetArraySize(arr);
  *out = calloc((size_t)n + 1, sizeof **out);
  if (!*out) return fail(err, cap, "out of memory");
  *count = n;
  int k = 0;
  const cJSON *p;
  cJSON_ArrayForEach(p, arr) {
    double v[3];
    for (int c = 0; c < 3; c++)
      if (cJSON_GetArraySize(p) != 3 || !nn_fixture_number(cJSON_GetArrayItem(p, c), &v[c]))
        return fail(err, cap, "%s[%d] is not [x, y, label]", what, k);
    (*out)[k++] = (nn_point){v[0], v[1], v[2]};
  }
  return true;
}

static void free_network(nn_fixture_network *n) {
  free(n->params);
  free(n->dead);
  free(n->ids);
  memset(n, 0, sizeof *n);
}

static bool convert_network(const cJSON *layers, const char *what, int num_inputs,
                            nn_fixture_network *net, char *err, size_t cap) {
  memset(net, 0, sizeof *net);
  if (!cJSON_IsArray(layers) || cJSON_GetArraySize(layers) > NN_MAX_HIDDEN_LAYERS + 1)
    return fail(err, cap, "`%s` is not an array of layers", what);
  net->num_layers = cJSON_GetArraySize(layers) + 1;
  net->sizes[0] = num_inputs;
  int params = 0, nodes = 0;
  for (int l = 1; l < net->num_layers; l++) {
    const cJSON *layer = cJSON_GetArrayItem(layers, l - 1);
    if (!cJSON_IsArray(layer)) return fail(err, cap, "%s[%d] is not an array", what, l - 1);
    net->sizes[l] = cJSON_GetArraySize(layer);
    net->weight_offset[l] = params;
    params += net->sizes[l] * net->sizes[l - 1];
    net->bias_offset[l] = params;
    params += net->sizes[l];
    nodes += net->sizes[l];
  }
  net->num_params = params;
  net->num_ids = nodes;
  net->params = calloc((size_t)params + 1, sizeof *net->params);
  net->dead = calloc((size_t)params + 1, sizeof *net->dead);
  net->ids = calloc((size_t)nodes + 1, sizeof *net->ids);
  if (!net->params || !net->dead || !net->ids) return fail(err, cap, "out of memory");

  int id = 0;
  for (int l = 1; l < net->num_layers; l++) {
    const cJSON *layer = cJSON_GetArrayItem(layers, l - 1);
    int n_in = net->sizes[l - 1];
    for (int j = 0; j < net->sizes[l]; j++) {
      const cJSON *node = cJSON_GetArrayItem(layer, j);
      const char *nid = cJSON_GetStringValue(field(node, "id"));
      if (!nid || !copy_string(net->ids[id], sizeof net->ids[id], nid))
        return fail(err, cap, "%s[%d][%d].id is not a short string", what, l - 1, j);
      id++;
      if (!nn_fixture_number(field(node, "bias"), &net->params[net->bias_offset[l] + j]))
        return fail(err, cap, "%s[%d][%d].bias is not a number", what, l - 1, j);
      const cJSON *w = field(node, "weights"), *dead = field(node, "dead");
      if (!cJSON_IsArray(w) || cJSON_GetArraySize(w) != n_in)
        return fail(err, cap, "%s[%d][%d].weights: expected %d weights", what, l - 1, j, n_in);
      if (dead && (!cJSON_IsArray(dead) || cJSON_GetArraySize(dead) != n_in))
        return fail(err, cap, "%s[%d][%d].dead does not line up with weights", what, l - 1, j);
      for (int i = 0; i < n_in; i++) {
        int at = net->weight_offset[l] + j * n_in + i;
        if (!nn_fixture_number(cJSON_GetArrayItem(w, i), &net->params[at]))
          return fail(err, cap, "%s[%d][%d].weights[%d] is not a number", what, l - 1, j, i);
        if (dead) net->dead[at] = cJSON_IsTrue(cJSON_GetArrayItem(dead, i)) ? 1 : 0;
      }
    }
  }
  return true;
}

static bool convert_curve(const cJSON *arr, nn_fixture *fx, char *err, size_t cap) {
  if (!cJSON_IsArray(arr)) return fail(err, cap, "`loss_curve` is not an array");
  fx->loss_rows = cJSON_GetArraySize(arr);
  fx->loss_curve = calloc(2 * (size_t)fx->loss_rows + 1, sizeof *fx->loss_curve);
  if (!fx->loss_curve) return fail(err, cap, "out of memory");
  for (int r = 0; r < fx->loss_rows; r++) {
    const cJSON *row = cJSON_GetArrayItem(arr, r);
    if (cJSON_GetArraySize(row) != 2 ||
        !nn_fixture_number(cJSON_GetArrayItem(row, 0), &fx->loss_curve[2 * r]) ||
        !nn_fixture_number(cJSON_GetArrayItem(row, 1), &fx->loss_curve[2 * r + 1]))
      return fail(err, cap, "loss_curve[%d] is not [train, test]", r);
  }
  return true;
}

static bool convert_grid(const cJSON *g, nn_fixture *fx, char *err, size_t cap) {
  fx->has_grid = false;
  if (!g || cJSON_IsNull(g)) return true;
  const cJSON *xs = field(g, "xs"), *ys = field(g, "ys"), *values = field(g, "values");
  if (cJSON_GetArraySize(xs) != NN_FX_GRID || cJSON_GetArraySize(ys) != NN_FX_GRID ||
      cJSON_GetArraySize(values) != NN_FX_GRID)
    return fail(err, cap, "grid_after_100 is not 7x7");
  for (int k = 0; k < NN_FX_GRID; k++) {
    const cJSON *row = cJSON_GetArrayItem(values, k);
    if (!nn_fixture_number(cJSON_GetArrayItem(xs, k), &fx->grid_xs[k]) ||
        !nn_fixture_number(cJSON_GetArrayItem(ys, k), &fx->grid_ys[k]) ||
        cJSON_GetArraySize(row) != NN_FX_GRID)
      return fail(err, cap, "grid_after_100: bad row %d", k);
    for (int c = 0; c < NN_FX_GRID; c++)
      if (!nn_fixture_number(cJSON_GetArrayItem(row, c), &fx->grid[k][c]))
        return fail(err, cap, "grid_after_100.values[%d][%d] is not a number", k, c);
  }
  fx->has_grid = true;
  return true;
}

/* ---- load / free -------------------------------------------------------------------------- */

static char *read_file(const char *path, char *err, size_t cap) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fail(err, cap, "cannot open %s", path);
    return NULL;
  }
  size_t size = 0, alloc = 1 << 16;
  char *buf = malloc(alloc);
  while (buf) {
    size_t got = fread(buf + size, 1, alloc - size - 1, f);
    size += got;
    if (size + 1 < alloc) break;
    char *bigger = realloc(buf, alloc * 2);
    if (!bigger) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = bigger;
    alloc *= 2;
  }
  fclose(f);
  if (!buf) {
    fail(err, cap, "out of memory reading %s", path);
    return NULL;
  }
  buf[size] = '\0';
  return buf;
}

static bool load(nn_fixture *fx, const char *path, char *err, size_t cap) {
  fx->path = strdup(path);
  char *text = read_file(path, err, cap);
  if (!fx->path || !text) {
    free(text);
    return fx->path ? false : fail(err, cap, "out of memory");
  }
  fx->root = cJSON_Parse(text);
  free(text);
  if (!fx->root) return fail(err, cap, "%s: not valid JSON", path);

  const char *format = cJSON_GetStringValue(field(fx->root, "format"));
  if (!format || strcmp(format, "tfp-golden-fixture/1") != 0)
    return fail(err, cap, "%s: format is not tfp-golden-fixture/1", path);
  fx->name = cJSON_GetStringValue(field(fx->root, "name"));
  fx->hash = cJSON_GetStringValue(field(fx->root, "hash"));
  if (!fx->name || !fx->hash) return fail(err, cap, "%s: no name or hash", path);
  if (!get_bool(fx->root, "seed_in_hash", &fx->seed_in_hash, err, cap)) return false;
  fx->has_unseeded_random = nn_fixture_number(field(fx->root, "unseeded_random"),
                                              &fx->unseeded_random);

  return convert_state(field(fx->root, "state"), &fx->cfg, &fx->state_seed, err, cap) &&
         convert_derived(field(fx->root, "derived"), fx, err, cap) &&
         convert_points(field(fx->root, "train"), "train", &fx->train, &fx->train_count, err,
                        cap) &&
         convert_points(field(fx->root, "test"), "test", &fx->test, &fx->test_count, err, cap) &&
         convert_network(field(fx->root, "network"), "network", fx->num_inputs, &fx->network,
                         err, cap) &&
         convert_network(field(fx->root, "network_after_1"), "network_after_1", fx->num_inputs,
                         &fx->network_after_1, err, cap) &&
         convert_curve(field(fx->root, "loss_curve"), fx, err, cap) &&
         convert_grid(field(fx->root, "grid_after_100"), fx, err, cap);
}

bool nn_fixture_load(nn_fixture *fx, const char *path, char *err, size_t errcap) {
  memset(fx, 0, sizeof *fx);
  if (errcap > 0) err[0] = '\0';
  if (!load(fx, path, err, errcap)) {
    nn_fixture_free(fx);
    return false;
  }
  return true;
}

void nn_fixture_free(nn_fixture *fx) {
  if (!fx) return;
  free(fx->path);
  cJSON_Delete(fx->root);
  free(fx->train);
  free(fx->test);
  free_network(&fx->network);
  free_network(&fx->network_after_1);
  free(fx->loss_curve);
  memset(fx, 0, sizeof *fx);
}

void nn_fixture_config_for_run(const nn_fixture *fx, nn_config *cfg) {
  *cfg = fx->cfg;
  if (!fx->seed_in_hash) {
    if (fx->has_unseeded_random) nn_seed_from_unseeded(fx->unseeded_random, cfg->seed);
    else cfg->seed[0] = '\0';
  }
}

/* ---- directory listing ------------------------------------------------------------------ */

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int nn_fixture_list(const char *dir, char ***out) {
  *out = NULL;
  DIR *d = opendir(dir);
  if (!d) return -1;
  int n = 0, cap = 0;
  char **paths = NULL;
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    size_t len = strlen(ent->d_name);
    if (len < 6 || strcmp(ent->d_name + len - 5, ".json") != 0) continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 32;
      char **bigger = realloc(paths, (size_t)cap * sizeof *paths);
      if (!bigger) break;
      paths = bigger;
    }
    size_t need = strlen(dir) + 1 + len + 1;
    char *p = malloc(need);
    if (!p) break;
    snprintf(p, need, "%s/%s", dir, ent->d_name);
    paths[n++] = p;
  }
  closedir(d);
  if (n > 0) qsort(paths, (size_t)n, sizeof *paths, compare_paths);
  *out = paths;
  return n;
}

void nn_fixture_list_free(char **paths, int count) {
  for (int k = 0; k < count; k++) free(paths[k]);
  free(paths);
}
