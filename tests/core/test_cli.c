/* test_cli.c — the `nnplay` binary (NN_CLI_PATH) run as a user runs it: every fixture through
 * `nnplay run`, bit for bit, and bad command lines refused cleanly. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "each_fixture.h"
#include "fixture.h"
#include "json_compare.h"
#include "params.h"

extern char **environ;

/* ---------------------------------------------------------------- running the binary */

typedef struct {
  char *out, *err;  /* NUL-terminated, malloc'd */
  size_t out_len, err_len;
  int status;       /* exit status; -1 when killed by a signal */
} run_result;

static void append(char **buf, size_t *len, size_t *cap, const char *data, size_t n) {
  if (*len + n + 1 > *cap) {
    size_t c = *cap ? *cap : 4096;
    while (*len + n + 1 > c) c *= 2;
    char *b = realloc(*buf, c);
    assert_non_null(b);
    *buf = b;
    *cap = c;
  }
  memcpy(*buf + *len, data, n);
  *len += n;
  (*buf)[*len] = '\0';
}

/* Runs NN_CLI_PATH with args (NULL-terminated, without argv[0]), stdin from /dev/null, and
 * collects both output streams. */
static void run_cli(const char *const *args, run_result *r) {
  int po[2], pe[2];
  assert_int_equal(pipe(po), 0);
  assert_int_equal(pipe(pe), 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, po[1], 1);
  posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
  posix_spawn_file_actions_addclose(&fa, po[0]);
  posix_spawn_file_actions_addclose(&fa, pe[0]);
  posix_spawn_file_actions_addclose(&fa, po[1]);
  posix_spawn_file_actions_addclose(&fa, pe[1]);
  const char *argv[32];
  int argc = 0;
  argv[argc++] = NN_CLI_PATH;
  for (int i = 0; args[i] != NULL && argc < 31; i++) argv[argc++] = args[i];
  argv[argc] = NULL;
  pid_t pid;
  int rc = posix_spawn(&pid, NN_CLI_PATH, &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  assert_int_equal(rc, 0);
  close(po[1]);
  close(pe[1]);

  memset(r, 0, sizeof *r);
  size_t out_cap = 0, err_cap = 0;
  append(&r->out, &r->out_len, &out_cap, "", 0);
  append(&r->err, &r->err_len, &err_cap, "", 0);
  struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
  int open_fds = 2;
  char chunk[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      fail();
    }
    for (int k = 0; k < 2; k++) {
      if (fds[k].fd < 0 || fds[k].revents == 0) continue;
      ssize_t n = read(fds[k].fd, chunk, sizeof chunk);
      if (n > 0) {
        if (k == 0) append(&r->out, &r->out_len, &out_cap, chunk, (size_t)n);
        else append(&r->err, &r->err_len, &err_cap, chunk, (size_t)n);
      } else if (n == 0 || errno != EINTR) {
        close(fds[k].fd);
        fds[k].fd = -1;
        open_fds--;
      }
    }
  }
  int st;
  while (waitpid(pid, &st, 0) < 0) assert_int_equal(errno, EINTR);
  r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void free_result(run_result *r) {
  free(r->out);
  free(r->err);
}

/* Runs a command that must succeed and returns its stdout parsed. */
static cJSON *run_ok(const char *const *args, const char *label) {
  run_result r;
  run_cli(args, &r);
  if (r.status != 0) fail_msg("%s: exit %d, stderr: %s", label, r.status, r.err);
  if (r.err_len != 0) fail_msg("%s: stderr not empty: %s", label, r.err);
  cJSON *j = cJSON_Parse(r.out);
  if (j == NULL) fail_msg("%s: stdout is not JSON: %.300s", label, r.out);
  free_result(&r);
  return j;
}

static const cJSON *get(const cJSON *o, const char *k) {
  return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* ---------------------------------------------------------------- fixtures */

/* `nnplay run --hash H --epochs 300` prints the fixture's state, data, network and losses. */
static void runs_bit_for_bit(const nn_fixture *fx, const char *path, void *ctx) {
  (void)ctx;
  char r_text[40];
  const char *args[10] = {"run", "--hash", fx->hash, "--epochs", "300", NULL};
  if (!fx->seed_in_hash) {
    snprintf(r_text, sizeof r_text, "%.17g", fx->unseeded_random);
    args[5] = "--unseeded-random";
    args[6] = r_text;
    args[7] = NULL;
  }
  cJSON *got = run_ok(args, path);
  const char *fields[] = {"state", "derived", "train", "test", "network", "loss_curve"};
  for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
    char why[512];
    if (!jc_equal(get(got, fields[f]), get(fx->root, fields[f]), why, sizeof why))
      fail_msg("%s: %s differs: %s", path, fields[f], why);
  }
  assert_int_equal(cJSON_GetArraySize(get(got, "loss_curve")), 301);
  const cJSON *notices = get(got, "notices");
  assert_true(cJSON_IsArray(notices));
  assert_int_equal(cJSON_GetArraySize(notices), 0);
  assert_int_equal(cJSON_GetArraySize(get(got, "accuracy_curve")), 301);
  assert_int_equal(cJSON_GetArraySize(get(got, "final_network")),
                   cJSON_GetArraySize(get(got, "network")));
  assert_int_equal(cJSON_GetArraySize(got), 11); /* exactly the documented fields */
  cJSON_Delete(got);
}

static void every_fixture_runs_bit_for_bit_for_300_epochs(void **st) {
  (void)st;
  nn_each_fixture(runs_bit_for_bit, NULL);
}

static void diverging_losses_print_as_infinity_then_nan(void **st) {
  (void)st;
  nn_fixture fx;
  char err[256];
  assert_true(nn_fixture_load(&fx, NN_FIXTURES_DIR "/dev07-regplane-linear-lr3-diverges.json",
                              err, sizeof err));
  const char *args[] = {"run", "--hash", fx.hash, "--epochs", "5", NULL};
  cJSON *got = run_ok(args, "dev07");
  const cJSON *curve = get(got, "loss_curve");
  assert_int_equal(cJSON_GetArraySize(curve), 6);
  assert_true(cJSON_IsNumber(cJSON_GetArrayItem(cJSON_GetArrayItem(curve, 1), 0)));
  assert_string_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(curve, 2), 0)->valuestring,
                      "Infinity");
  assert_string_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(curve, 4), 0)->valuestring, "NaN");
  cJSON_Delete(got);
  nn_fixture_free(&fx);
}

/* ---------------------------------------------------------------- seeds and hash forms */

static void a_seedless_hash_uses_the_unseeded_random_value(void **st) {
  (void)st;
  const char *a[] = {"run", "--hash", "dataset=xor", "--unseeded-random", "0.5", NULL};
  cJSON *got = run_ok(a, "unseeded 0.5");
  assert_string_equal(get(get(got, "state"), "seed")->valuestring, "0.50000");
  cJSON_Delete(got);
  const char *b[] = {"run", "--hash", "seed=", "--unseeded-random=0.123456", NULL};
  got = run_ok(b, "unseeded 0.123456");
  assert_string_equal(get(get(got, "state"), "seed")->valuestring, "0.12346");
  const cJSON *notices = get(got, "notices");
  assert_int_equal(cJSON_GetArraySize(notices), 1);
  assert_string_equal(get(cJSON_GetArrayItem(notices, 0), "param")->valuestring, "seed");
  cJSON_Delete(got);
  /* a seed in the hash wins over --unseeded-random */
  const char *c[] = {"run", "--hash", "seed=abc", "--unseeded-random", "0.5", NULL};
  got = run_ok(c, "seeded");
  assert_string_equal(get(get(got, "state"), "seed")->valuestring, "abc");
  cJSON_Delete(got);
}

static void a_seedless_hash_without_a_value_gets_a_random_seed(void **st) {
  (void)st;
  const char *a[] = {"run", "--hash", "dataset=gauss", NULL};
  cJSON *got = run_ok(a, "random seed");
  const char *seed = get(get(got, "state"), "seed")->valuestring;
  assert_int_equal(strlen(seed), 7);
  assert_true((seed[0] == '0' || seed[0] == '1') && seed[1] == '.');
  for (int i = 2; i < 7; i++) assert_true(seed[i] >= '0' && seed[i] <= '9');
  assert_int_equal(cJSON_GetArraySize(get(got, "loss_curve")), 1); /* --epochs defaults to 0 */
  cJSON_Delete(got);
}

static void a_leading_hash_sign_is_dropped(void **st) {
  (void)st;
  nn_fixture fx;
  char err[256];
  assert_true(nn_fixture_load(&fx, NN_FIXTURES_DIR "/dev13-xor-textseed-minimal-hash.json", err,
                              sizeof err));
  char h[256];
  snprintf(h, sizeof h, "#%s", fx.hash);
  const char *a[] = {"run", "--hash", h, "--epochs", "2", NULL};
  cJSON *got = run_ok(a, "#hash");
  char why[512];
  if (!jc_equal(get(got, "state"), get(fx.root, "state"), why, sizeof why)) fail_msg("%s", why);
  if (!jc_equal(get(got, "network"), get(fx.root, "network"), why, sizeof why)) fail_msg("%s", why);
  assert_int_equal(cJSON_GetArraySize(get(got, "notices")), 0);
  cJSON_Delete(got);
  /* --hash=VALUE works too, '=' signs in the value included */
  snprintf(h, sizeof h, "--hash=%s", fx.hash);
  const char *b[] = {"run", h, NULL};
  got = run_ok(b, "--hash=");
  assert_string_equal(get(get(got, "state"), "seed")->valuestring, "tfp-golden");
  cJSON_Delete(got);
  nn_fixture_free(&fx);
}

static void hostile_hashes_run_with_notices_and_valid_json(void **st) {
  (void)st;
  const char *a[] = {"run", "--hash",
                     "activation=<script>alert(1)</script>&networkShape=1000000&seed=\"\\\x01\xff"
                     "&learningRate=NaN&batchSize=0&percTrainData=200&dataset=__proto__"
                     "&\xe2\x80\xa8_hide=true&networkShape",
                     "--epochs", "3", NULL};
  cJSON *got = run_ok(a, "hostile");
  const cJSON *notices = get(got, "notices");
  assert_int_equal(cJSON_GetArraySize(notices), 6);
  assert_string_equal(get(get(got, "state"), "seed")->valuestring, "\"\\\x01\xef\xbf\xbd");
  assert_string_equal(get(get(got, "state"), "activation")->valuestring, "tanh");
  assert_int_equal(cJSON_GetArraySize(get(get(got, "state"), "networkShape")), 2);
  cJSON_Delete(got);

  /* a 10 kB hash of junk is fine */
  size_t big = 10 * 1024;
  char *h = malloc(big + 1);
  assert_non_null(h);
  for (size_t i = 0; i < big; i++) h[i] = "a=b&c&=&"[i % 8];
  h[big] = '\0';
  const char *b[] = {"run", "--hash", h, "--unseeded-random", "0", NULL};
  got = run_ok(b, "10 kB");
  assert_string_equal(get(get(got, "state"), "seed")->valuestring, "0.00000");
  cJSON_Delete(got);
  free(h);
}

/* accuracy {train, test} is the accuracy curve's last row; confusion {train, test} is K x K and
 * counts every point, its diagonal the points classified right. */
static void check_classification_fields(const char *hash, int k) {
  const char *args[] = {"run", "--hash", hash, "--epochs", "30", NULL};
  cJSON *got = run_ok(args, hash);
  const cJSON *acc = get(got, "accuracy"), *conf = get(got, "confusion");
  const cJSON *curve = get(got, "accuracy_curve");
  const cJSON *last = cJSON_GetArrayItem(curve, cJSON_GetArraySize(curve) - 1);
  const char *sets[2] = {"train", "test"};
  for (int s = 0; s < 2; s++) {
    const cJSON *m = get(conf, sets[s]);
    assert_int_equal(cJSON_GetArraySize(m), k);
    int sum = 0, diag = 0;
    for (int r = 0; r < k; r++) {
      const cJSON *row = cJSON_GetArrayItem(m, r);
      assert_int_equal(cJSON_GetArraySize(row), k);
      for (int c = 0; c < k; c++) {
        int v = cJSON_GetArrayItem(row, c)->valueint;
        sum += v;
        if (r == c) diag += v;
      }
    }
    assert_int_equal(sum, cJSON_GetArraySize(get(got, sets[s])));
    double a = get(acc, sets[s])->valuedouble;
    assert_true(a == cJSON_GetArrayItem(last, s)->valuedouble);
    assert_true(fabs(a - (double)diag / sum) < 1e-12);
  }
  cJSON_Delete(got);
}

static void run_prints_accuracy_and_confusion_matrices(void **st) {
  (void)st;
  check_classification_fields("seed=a", 2);
  check_classification_fields("seed=a&classes=3&networkShape=6", 3);
  check_classification_fields("seed=a&classes=6&dataset=spiral", 6);
  const char *args[] = {"run", "--hash", "seed=a&problem=regression", NULL};
  cJSON *got = run_ok(args, "regression");
  assert_true(cJSON_IsNull(get(got, "accuracy")));
  assert_true(cJSON_IsNull(get(got, "confusion")));
  cJSON_Delete(got);
}

static void help_explains_usage(void **st) {
  (void)st;
  const char *forms[][5] = {{"--help", NULL}, {"-h", NULL}, {"run", "--help", NULL},
                            {"run", "--epochs", "5", "--help"}};
  for (int i = 0; i < 4; i++) {
    run_result r;
    run_cli(forms[i], &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--hash"));
    assert_non_null(strstr(r.out, "--epochs"));
    assert_int_equal(r.err_len, 0);
    free_result(&r);
  }
}

/* `nnplay params` prints the parameter table; --markdown, README's; --help ends with the list. */
static void params_prints_the_parameter_table(void **st) {
  (void)st;
  const char *forms[][4] = {{"params", NULL}, {"params", "--markdown", NULL}, {"--help", NULL}};
  size_t (*const text[])(char *, size_t) = {nn_params_help, nn_params_markdown, nn_params_help};
  for (int i = 0; i < 3; i++) {
    run_result r;
    run_cli(forms[i], &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.err_len, 0);
    size_t need = text[i](NULL, 0);
    char *want = malloc(need + 1);
    assert_non_null(want);
    text[i](want, need + 1);
    assert_true(r.out_len >= need);
    assert_string_equal(r.out + r.out_len - need, want); /* --help: the list comes last */
    if (i < 2) assert_int_equal(r.out_len, need);
    free(want);
    free_result(&r);
  }
}

/* ---------------------------------------------------------------- bad command lines */

static void bad_command_lines_exit_2_with_one_line_on_stderr(void **st) {
  (void)st;
  char *huge = malloc(100 * 1024 + 1);
  assert_non_null(huge);
  memset(huge, 'a', 100 * 1024);
  huge[100 * 1024] = '\0';
  const char *cases[][8] = {
    {NULL},
    {"frobnicate", NULL},
    {"params", "--json", NULL},
    {"params", "--markdown", "extra", NULL},
    {"--epochs", "3", NULL},
    {"run", NULL},
    {"run", "--hash", NULL},
    {"run", "--hash", "--epochs", "3", NULL},
    {"run", "--hash", "x", "--frob", NULL},
    {"run", "--hash", "x", "--frob=1", NULL},
    {"run", "--hash", "x", "--foo\nbar", NULL},
    {"run", "--hash", "x", "-e", "3", NULL},
    {"run", "--hash", "x", "--epochs", "-1", NULL},
    {"run", "--hash", "x", "--epochs", "abc", NULL},
    {"run", "--hash", "x", "--epochs", "1e99", NULL},
    {"run", "--hash", "x", "--epochs", "2.5", NULL},
    {"run", "--hash", "x", "--epochs", "1000001", NULL},
    {"run", "--hash", "x", "--epochs", "99999999999999999999999999", NULL},
    {"run", "--hash", "x", "--epochs", "", NULL},
    {"run", "--hash", "x", "--epochs", " 5", NULL},
    {"run", "--hash", "x", "--epochs", NULL},
    {"run", "--hash", "x", "--epochs=-1", NULL},
    {"run", "--hash", "x", "--epochs", "1", "--epochs", "2", NULL},
    {"run", "--hash", "x", "--hash", "y", NULL},
    {"run", "--hash", "x", "--unseeded-random", "2", NULL},
    {"run", "--hash", "x", "--unseeded-random", "1", NULL},
    {"run", "--hash", "x", "--unseeded-random", "-0.1", NULL},
    {"run", "--hash", "x", "--unseeded-random", "nan", NULL},
    {"run", "--hash", "x", "--unseeded-random", "abc", NULL},
    {"run", "--hash", "x", "--unseeded-random", "", NULL},
    {"run", "--hash", "x", "extra", NULL},
    {"run", "extra", "--hash", "x", NULL},
    {"run", "--hash", huge, NULL},
    {"run", "--hash", huge, "--epochs", "\x1b[31m\n", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run_result r;
    run_cli(cases[i], &r);
    char label[128];
    snprintf(label, sizeof label, "case %zu (%s %s %.20s %.20s)", i,
             cases[i][0] ? cases[i][0] : "", cases[i][0] && cases[i][1] ? cases[i][1] : "",
             cases[i][0] && cases[i][1] && cases[i][2] ? cases[i][2] : "",
             cases[i][0] && cases[i][1] && cases[i][2] && cases[i][3] ? cases[i][3] : "");
    if (r.status != 2) fail_msg("%s: exit %d, stderr: %s", label, r.status, r.err);
    if (r.out_len != 0) fail_msg("%s: stdout not empty: %.200s", label, r.out);
    if (r.err_len < 10 || r.err[r.err_len - 1] != '\n' || strchr(r.err, '\n') != r.err + r.err_len - 1)
      fail_msg("%s: stderr is not one line: \"%s\"", label, r.err);
    if (r.err_len > 400) fail_msg("%s: stderr line too long (%zu bytes)", label, r.err_len);
    free_result(&r);
  }
  free(huge);
}

/* A temporary file holding text[0..len). */
static char *temp_file(const char *text, size_t len) {
  char *path = strdup("/tmp/nnplay-test-data-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, len), (ssize_t)len);
  close(fd);
  return path;
}

/* --data FILE: the file's points, as the page imports them; the same as the link they give. */
static void a_data_file_trains_as_the_link_it_gives(void **st) {
  (void)st;
  static const char csv[] = "x,y,label\n1,2,1\n3,abc,1\n-1,-2,0\n";
  char *path = temp_file(csv, sizeof csv - 1);
  const char *args[] = {"run", "--hash", "seed=0.5&networkShape=2", "--data", path, "--epochs", "5",
                        NULL};
  cJSON *a = run_ok(args, "--data");
  assert_string_equal(get(get(a, "state"), "data")->valuestring, "bcAgAqAIAA");
  const cJSON *notice = cJSON_GetArrayItem(get(a, "notices"), 0);
  assert_string_equal(get(notice, "param")->valuestring, "data");
  assert_string_equal(get(notice, "reason")->valuestring,
                      "2 points imported, 1 rows dropped (first: line 3, column 2: text where a "
                      "number belongs)");
  const char *link[] = {"run", "--hash", "seed=0.5&networkShape=2&data=bcAgAqAIAA", "--epochs", "5",
                        NULL};
  cJSON *b = run_ok(link, "data=");
  for (const char *k = "train"; k; k = strcmp(k, "train") == 0 ? "test"
                                      : strcmp(k, "test") == 0 ? "loss_curve" : NULL)
    assert_true(cJSON_Compare(get(a, k), get(b, k), true));
  assert_int_equal(cJSON_GetArraySize(get(b, "notices")), 0);
  cJSON_Delete(a);
  cJSON_Delete(b);

  /* no file, not text, no point, twice: a bad command line, one line on stderr */
  static const char bin[] = "\x89PNG\0\0";
  char *binary = temp_file(bin, sizeof bin - 1), *empty = temp_file("x,y,label\n", 10);
  const char *bad[][8] = {
    {"run", "--hash", "seed=1", "--data", "/nonexistent/points.csv", NULL},
    {"run", "--hash", "seed=1", "--data", binary, NULL},
    {"run", "--hash", "seed=1", "--data", empty, NULL},
    {"run", "--hash", "seed=1", "--data", path, "--data", path, NULL},
    {"run", "--hash", "seed=1", "--data", NULL},
  };
  const char *said[] = {"cannot read", "not a text file", "no points in the file", "twice",
                        "needs a value"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    run_result r;
    run_cli(bad[i], &r);
    assert_int_equal(r.status, 2);
    assert_int_equal(r.out_len, 0);
    if (!strstr(r.err, said[i])) fail_msg("case %zu: %s", i, r.err);
    assert_non_null(strchr(r.err, '\n'));
    assert_int_equal(strchr(r.err, '\n')[1], '\0');
    free_result(&r);
  }
  unlink(binary);
  unlink(empty);
  unlink(path);
  free(binary);
  free(empty);
  free(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(a_data_file_trains_as_the_link_it_gives),
    cmocka_unit_test(every_fixture_runs_bit_for_bit_for_300_epochs),
    cmocka_unit_test(diverging_losses_print_as_infinity_then_nan),
    cmocka_unit_test(a_seedless_hash_uses_the_unseeded_random_value),
    cmocka_unit_test(a_seedless_hash_without_a_value_gets_a_random_seed),
    cmocka_unit_test(a_leading_hash_sign_is_dropped),
    cmocka_unit_test(hostile_hashes_run_with_notices_and_valid_json),
    cmocka_unit_test(run_prints_accuracy_and_confusion_matrices),
    cmocka_unit_test(help_explains_usage),
    cmocka_unit_test(params_prints_the_parameter_table),
    cmocka_unit_test(bad_command_lines_exit_2_with_one_line_on_stderr),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
