/* test_model_export.c — a trained network taken away (model_export.h): the Python file run by
 * python3 predicts what the engine computes (every activation, several feature sets,
 * regression, a hand-built softmax), the JSON gives back every parameter bit for bit, and
 * `nnplay run --export` prints the same files. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "experiment.h"
#include "from_hash.h"
#include "model_export.h"
#include "network.h"
#include "nnfeatures.h"
#include "softmax.h"

/* One network per activation (nnplay's own included), then other feature sets and regression. */
static const char *const NETS[] = {
    "activation=tanh&dataset=spiral&networkShape=5,3&seed=e1&xSquared=true&sinX=true&sinY=true",
    "activation=relu&dataset=spiral&networkShape=5,3&seed=e2&xSquared=true&sinX=true&sinY=true",
    "activation=sigmoid&dataset=xor&networkShape=4,4&seed=e3&xTimesY=true&ySquared=true",
    "activation=linear&dataset=circle&networkShape=3&seed=e4&xSquared=true&ySquared=true",
    "activation=leakyrelu&dataset=gauss&networkShape=6,2&seed=e5&sinX=true&sinY=true",
    "activation=elu&dataset=circle&networkShape=4,3,2&seed=e6&xSquared=true&learningRate=0.3",
    "activation=softplus&dataset=xor&networkShape=5&seed=e7&xTimesY=true&sinY=true",
    "activation=swish&dataset=spiral&networkShape=8,8,4&seed=e8&xSquared=true&ySquared=true"
    "&xTimesY=true&sinX=true&sinY=true",
    "activation=tanh&problem=regression&regDataset=reg-gauss&networkShape=4,2&seed=e9"
    "&xSquared=true&sinX=true",
    "activation=relu&problem=regression&regDataset=reg-plane&networkShape=3&seed=e10",
    "activation=tanh&dataset=xor&networkShape=&seed=e11&x=false&xTimesY=true",
    "activation=elu&dataset=gauss&networkShape=2&seed=q\"\"\"\\\"\"\"&sinX=true",
};
enum { NUM_NETS = sizeof NETS / sizeof NETS[0], EPOCHS = 60 };

/* The points the predictions are compared at: a grid over the plane and beyond it, and a few
 * that push exp, sin and the squares to their limits. */
static int make_points(double *xy, int cap) {
  int n = 0;
  for (int i = 0; i <= 40; i++)
    for (int j = 0; j <= 40; j++) {
      xy[2 * n] = -8 + 0.4 * i;
      xy[2 * n + 1] = -8 + 0.4 * j + 0.013 * i;
      n++;
    }
  static const double extra[][2] = {{0, -0.0},  {1e-300, -1e-300}, {700, -700}, {-750, 750},
                                    {1e5, 3},   {-1e154, 2e154},   {1e300, 1}, {0.1, 0.2}};
  for (size_t k = 0; k < sizeof extra / sizeof extra[0] && n < cap; k++, n++) {
    xy[2 * n] = extra[k][0];
    xy[2 * n + 1] = extra[k][1];
  }
  return n;
}

static char *write_text(const nn_network *net, int format, const char *link) {
  size_t need = nn_model_write(net, format, link, NULL, 0);
  char *text = malloc(need + 1);
  assert_non_null(text);
  assert_int_equal(nn_model_write(net, format, link, text, need + 1), need);
  assert_int_equal(strlen(text), need);
  return text;
}

static void save(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* Runs `python3 model < points` and reads `outs` numbers per point into got. */
static void run_python(const char *model_text, const double *xy, int n, int outs, double *got) {
  char dir[] = "/tmp/nnplay-model-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char model[64], points[64], cmd[256];
  snprintf(model, sizeof model, "%s/model.py", dir);
  snprintf(points, sizeof points, "%s/points.txt", dir);
  save(model, model_text);
  FILE *f = fopen(points, "w");
  assert_non_null(f);
  for (int k = 0; k < n; k++) fprintf(f, "%.17g %.17g\n", xy[2 * k], xy[2 * k + 1]);
  assert_int_equal(fclose(f), 0);
  snprintf(cmd, sizeof cmd, "python3 '%s' < '%s'", model, points);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  for (int k = 0; k < n * outs; k++) {
    char word[64];
    if (fscanf(p, "%63s", word) != 1) fail_msg("python3 printed %d numbers of %d", k, n * outs);
    got[k] = strtod(word, NULL);
  }
  assert_int_equal(pclose(p), 0);
  remove(model);
  remove(points);
  rmdir(dir);
}

/* The largest |python - engine| over the points; NaN must meet NaN. */
static double compare(const double *got, const double *want, int count) {
  double worst = 0;
  for (int k = 0; k < count; k++) {
    if (isnan(want[k]) || isnan(got[k])) {
      if (!(isnan(want[k]) && isnan(got[k])))
        fail_msg("value %d: python %.17g, engine %.17g", k, got[k], want[k]);
      continue;
    }
    double d = fabs(got[k] - want[k]);
    if (!(d <= 1e-12)) fail_msg("value %d: python %.17g, engine %.17g", k, got[k], want[k]);
    if (d > worst) worst = d;
  }
  return worst;
}

static void python_predicts_what_the_engine_computes(void **state) {
  (void)state;
  enum { CAP = 41 * 41 + 8 };
  static double xy[2 * CAP], want[CAP], got[CAP];
  int n = make_points(xy, CAP);
  for (int t = 0; t < NUM_NETS; t++) {
    nn_experiment *e = nn_test_from_hash(NETS[t]);
    assert_int_equal(nn_experiment_train(e, EPOCHS), NN_OK);
    nn_network *net = nn_experiment_network_mut(e);
    assert_true(nn_model_params_finite(net));
    char *text = write_text(net, NN_MODEL_PYTHON, NETS[t]);
    double in[NN_FEAT_COUNT];
    for (int k = 0; k < n; k++) {
      nn_features_compute(in, net->input_features, net->sizes[0], xy[2 * k], xy[2 * k + 1]);
      want[k] = nn_network_forward(net, in);
    }
    run_python(text, xy, n, 1, got);
    double worst = compare(got, want, n);
    print_message("%-40.40s max |python - engine| = %g over %d points\n", NETS[t], worst, n);
    free(text);
    nn_experiment_destroy(e);
  }
}

/* A softmax network built by hand (3 classes over x, y, sin x): the Python file gives the K
 * probabilities of the linear totals, as a reference computed here. */
static void python_gives_a_softmax_its_probabilities(void **state) {
  (void)state;
  double params[] = {/* W1 2x3 */ 0.5, -1.25, 0.75, -0.3, 0.2, 1.5, /* b1 */ 0.1, -0.2,
                     /* W2 3x2 */ 1.0, -2.0, 0.5, 0.25, -1.5, 3.0, /* b2 */ 0.0, 0.3, -0.1};
  nn_network net = {0};
  net.num_layers = 3;
  net.sizes[0] = 3, net.sizes[1] = 2, net.sizes[2] = 3;
  net.weight_offset[1] = 0, net.bias_offset[1] = 6, net.weight_offset[2] = 8;
  net.bias_offset[2] = 14;
  net.num_params = 17;
  net.input_features[0] = NN_FEAT_X, net.input_features[1] = NN_FEAT_Y;
  net.input_features[2] = NN_FEAT_SIN_X;
  net.hidden_activation = NN_ACT_SWISH;
  net.output_activation = NN_ACT_LINEAR;
  net.params = params;
  assert_string_equal(nn_model_output_kind(&net), "softmax");
  char *text = write_text(&net, NN_MODEL_PYTHON, "");
  enum { N = 50 };
  double xy[2 * N], want[3 * N], got[3 * N];
  for (int k = 0; k < N; k++) {
    double x = -6 + 0.24 * k, y = 5 - 0.2 * k, in[3] = {x, y, sin(x)}, h[2], z[3];
    xy[2 * k] = x, xy[2 * k + 1] = y;
    for (int j = 0; j < 2; j++) {
      double t = params[6 + j];
      for (int i = 0; i < 3; i++) t = t + params[3 * j + i] * in[i];
      h[j] = t / (1 + exp(-t));
    }
    double top = -INFINITY, sum = 0;
    for (int c = 0; c < 3; c++) {
      z[c] = params[14 + c] + params[8 + 2 * c] * h[0] + params[8 + 2 * c + 1] * h[1];
      top = fmax(top, z[c]);
    }
    for (int c = 0; c < 3; c++) sum += exp(z[c] - top);
    for (int c = 0; c < 3; c++) want[3 * k + c] = exp(z[c] - top) / sum;
  }
  run_python(text, xy, N, 3, got);
  compare(got, want, 3 * N);
  for (int k = 0; k < N; k++) assert_true(fabs(got[3 * k] + got[3 * k + 1] + got[3 * k + 2] - 1) < 1e-15);
  free(text);
}

/* Networks of K classes trained by the engine: the Python file's K probabilities are the
 * engine's (nn_network_class_probs), within 1e-12. */
static void python_gives_the_engines_class_probabilities(void **state) {
  (void)state;
  static const char *const K_NETS[] = {
      "classes=3&dataset=gauss&networkShape=4,3&seed=k1&activation=elu&xSquared=true",
      "classes=5&dataset=gauss&networkShape=6&seed=k2&activation=swish&sinX=true&sinY=true",
      "classes=6&dataset=gauss&networkShape=&seed=k3&activation=tanh",
  };
  enum { CAP = 41 * 41 + 8, K_MAX = 6 };
  static double xy[2 * CAP], want[K_MAX * CAP], got[K_MAX * CAP];
  int n = make_points(xy, CAP);
  for (size_t t = 0; t < sizeof K_NETS / sizeof K_NETS[0]; t++) {
    nn_experiment *e = nn_test_from_hash(K_NETS[t]);
    assert_int_equal(nn_experiment_train(e, EPOCHS), NN_OK);
    nn_network *net = nn_experiment_network_mut(e);
    int k = net->sizes[net->num_layers - 1];
    assert_true(k >= 3);
    assert_string_equal(nn_model_output_kind(net), "softmax");
    char *text = write_text(net, NN_MODEL_PYTHON, K_NETS[t]);
    double in[NN_FEAT_COUNT];
    for (int p = 0; p < n; p++) {
      nn_features_compute(in, net->input_features, net->sizes[0], xy[2 * p], xy[2 * p + 1]);
      nn_network_forward(net, in);
      nn_network_class_probs(net, want + (size_t)k * p);
    }
    run_python(text, xy, n, k, got);
    double worst = compare(got, want, k * n);
    print_message("%-40.40s max |python - engine| = %g over %d points x %d classes\n", K_NETS[t],
                  worst, n, k);
    free(text);
    nn_experiment_destroy(e);
  }
}

static void json_holds_every_parameter_bit_for_bit(void **state) {
  (void)state;
  nn_experiment *e = nn_test_from_hash(NETS[7]);
  assert_int_equal(nn_experiment_train(e, EPOCHS), NN_OK);
  nn_network *net = nn_experiment_network_mut(e);
  net->params[net->bias_offset[1]] = -0.0; /* negative zero keeps its sign */
  net->params[net->weight_offset[2] + 1] = 1e-300;
  char *text = write_text(net, NN_MODEL_JSON, "a=\"b\"&c");
  cJSON *root = cJSON_Parse(text);
  assert_non_null(root);
  assert_string_equal(cJSON_GetObjectItem(root, "format")->valuestring, "nnplay-model");
  assert_int_equal(cJSON_GetObjectItem(root, "version")->valueint, 1);
  assert_string_equal(cJSON_GetObjectItem(root, "link")->valuestring, "a=\"b\"&c");
  assert_string_equal(cJSON_GetObjectItem(root, "hiddenActivation")->valuestring, "swish");
  assert_string_equal(cJSON_GetObjectItem(root, "output")->valuestring, "tanh");
  cJSON *features = cJSON_GetObjectItem(root, "features");
  const char *names[] = {"x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"};
  assert_int_equal(cJSON_GetArraySize(features), 7);
  for (int i = 0; i < 7; i++)
    assert_string_equal(cJSON_GetArrayItem(features, i)->valuestring, names[i]);
  cJSON *layers = cJSON_GetObjectItem(root, "layers");
  assert_int_equal(cJSON_GetArraySize(layers), net->num_layers);
  cJSON *weights = cJSON_GetObjectItem(root, "weights");
  cJSON *biases = cJSON_GetObjectItem(root, "biases");
  for (int l = 1; l < net->num_layers; l++) {
    assert_int_equal(cJSON_GetArrayItem(layers, l)->valueint, net->sizes[l]);
    for (int j = 0; j < net->sizes[l]; j++) {
      cJSON *row = cJSON_GetArrayItem(cJSON_GetArrayItem(weights, l - 1), j);
      assert_int_equal(cJSON_GetArraySize(row), net->sizes[l - 1]);
      for (int i = 0; i < net->sizes[l - 1]; i++) {
        double w = net->params[net->weight_offset[l] + j * net->sizes[l - 1] + i];
        double read = cJSON_GetArrayItem(row, i)->valuedouble;
        assert_memory_equal(&w, &read, sizeof w);
      }
      double b = net->params[net->bias_offset[l] + j];
      double read = cJSON_GetArrayItem(cJSON_GetArrayItem(biases, l - 1), j)->valuedouble;
      assert_memory_equal(&b, &read, sizeof b);
    }
  }
  assert_non_null(strstr(text, "-0"));
  cJSON_Delete(root);
  free(text);

  /* Not finite: refused by the check, written as null (which no importer takes). */
  net->params[0] = NAN;
  assert_false(nn_model_params_finite(net));
  text = write_text(net, NN_MODEL_JSON, NULL);
  assert_non_null(strstr(text, "[[null,"));
  free(text);
  nn_experiment_destroy(e);
}

static void writers_measure_then_fill_and_cut_cleanly(void **state) {
  (void)state;
  nn_experiment *e = nn_test_from_hash(NETS[0]);
  const nn_network *net = nn_experiment_network(e);
  for (int format = NN_MODEL_JSON; format <= NN_MODEL_PYTHON; format++) {
    char *full = write_text(net, format, NETS[0]);
    size_t len = strlen(full);
    for (size_t cap = 1; cap < len; cap += 97) {
      char *cut = malloc(cap);
      assert_int_equal(nn_model_write(net, format, NETS[0], cut, cap), len);
      assert_true(strlen(cut) < cap);
      assert_memory_equal(cut, full, strlen(cut));
      free(cut);
    }
    free(full);
  }
  char one[4] = "abc";
  assert_int_equal(nn_model_write(net, 7, "", one, sizeof one), 0);
  assert_string_equal(one, "");
  nn_experiment_destroy(e);
}

/* Reads all of a command's output. */
static char *command_output(const char *cmd, int *status) {
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  size_t len = 0, cap = 1 << 16;
  char *buf = malloc(cap);
  assert_non_null(buf);
  size_t got;
  while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
    len += got;
    if (len + 1 == cap) buf = realloc(buf, cap *= 2);
    assert_non_null(buf);
  }
  buf[len] = '\0';
  *status = pclose(p);
  return buf;
}

static void cli_exports_the_trained_model(void **state) {
  (void)state;
  const char *hash = NETS[4];
  nn_experiment *e = nn_test_from_hash(hash);
  assert_int_equal(nn_experiment_train(e, 25), NN_OK);
  size_t link_len = nn_experiment_link(e, NULL, 0);
  char *link = malloc(link_len + 1);
  nn_experiment_link(e, link, link_len + 1);
  const char *formats[] = {"json", "python"};
  for (int f = 0; f < 2; f++) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "'%s' run --hash '%s' --epochs 25 --export %s", NN_CLI_PATH, hash,
             formats[f]);
    int status;
    char *out = command_output(cmd, &status);
    assert_int_equal(status, 0);
    char *want = write_text(nn_experiment_network(e), f, link);
    assert_string_equal(out, want);
    free(out);
    free(want);
  }
  int status;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "'%s' run --hash x --export csv 2>&1", NN_CLI_PATH);
  char *out = command_output(cmd, &status);
  assert_int_equal(WEXITSTATUS(status), 2);
  assert_non_null(strstr(out, "--export must be json or python"));
  free(out);
  /* A diverged network is not exported: the message says why and what to do. */
  snprintf(cmd, sizeof cmd,
           "'%s' run --hash 'problem=regression&learningRate=10&activation=relu&seed=d&networkShape=8,8' --epochs 40 --export json 2>&1",
           NN_CLI_PATH);
  out = command_output(cmd, &status);
  assert_int_equal(WEXITSTATUS(status), 1);
  assert_non_null(strstr(out, "non-finite parameters"));
  free(out);
  /* A perceptron's step output is not a network's: not exported. */
  snprintf(cmd, sizeof cmd, "'%s' run --hash 'model=perceptron&seed=p' --export python 2>&1",
           NN_CLI_PATH);
  out = command_output(cmd, &status);
  assert_int_equal(WEXITSTATUS(status), 1);
  assert_non_null(strstr(out, "perceptron (model=perceptron) is not exported"));
  free(out);
  free(link);
  nn_experiment_destroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(python_predicts_what_the_engine_computes),
      cmocka_unit_test(python_gives_a_softmax_its_probabilities),
      cmocka_unit_test(python_gives_the_engines_class_probabilities),
      cmocka_unit_test(json_holds_every_parameter_bit_for_bit),
      cmocka_unit_test(writers_measure_then_fill_and_cut_cleanly),
      cmocka_unit_test(cli_exports_the_trained_model),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
