/* test_params.c — the parameter table (params.h): README's table is the one it generates, its
 * words agree with its data, and the parser finds every row by its name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "state.h"

static const char BEGIN[] = "<!-- params:begin";
static const char END[] = "<!-- params:end -->";

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) fail_msg("cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  assert_non_null(s);
  assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
  s[n] = '\0';
  fclose(f);
  return s;
}

static char *generated(size_t (*text)(char *, size_t)) {
  size_t need = text(NULL, 0);
  char *s = malloc(need + 1);
  assert_non_null(s);
  assert_int_equal(text(s, need + 1), need);
  assert_int_equal(strlen(s), need);
  return s;
}

/* Prints the first lines where a and b differ, numbered as in the README (first = line of a[0]). */
static int report_differences(const char *a, const char *b, int first) {
  int shown = 0, line = first;
  while ((*a || *b) && shown < 5) {
    size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
    if (la != lb || memcmp(a, b, la) != 0) {
      print_error("README.md:%d\n  README:    %.*s\n  generated: %.*s\n", line, (int)la, a,
                  (int)lb, b);
      shown++;
    }
    a += la + (a[la] == '\n');
    b += lb + (b[lb] == '\n');
    line++;
  }
  return shown;
}

static void readme_table_is_the_generated_one(void **state) {
  (void)state;
  char *readme = read_file(NN_README_PATH);
  char *begin = strstr(readme, BEGIN);
  if (begin == NULL) fail_msg("README.md has no '%s' marker", BEGIN);
  char *start = strchr(begin, '\n') + 1;
  char *end = strstr(start, END);
  if (end == NULL) fail_msg("README.md has no '%s' marker after the begin marker", END);
  *end = '\0';
  int line = 1;
  for (const char *c = readme; c < start; c++) line += *c == '\n';
  char *table = generated(nn_params_markdown);
  if (strcmp(start, table) != 0) {
    report_differences(start, table, line);
    fail_msg("README.md's parameter table differs from `nnplay params --markdown`; "
             "run: bash scripts/params-table.sh");
  }
  free(table);
  free(readme);
}

/* The row's README words name every value the parser accepts. */
static void every_choice_is_named_in_its_readme_row(void **state) {
  (void)state;
  char *table = generated(nn_params_markdown);
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    char head[80];
    snprintf(head, sizeof head, "| `%s` |", p->name);
    char *row = strstr(table, head);
    if (row == NULL) fail_msg("no README row for %s", p->name);
    size_t len = strcspn(row, "\n");
    for (int v = p->first; p->kind == NN_PARAM_CHOICE && v <= p->last; v++) {
      char code[64];
      snprintf(code, sizeof code, "`%s`", p->choice_name(v));
      char *hit = strstr(row, code);
      if (hit == NULL || hit >= row + len) fail_msg("%s's README row does not name %s", p->name, code);
    }
  }
  free(table);
}

static void every_row_is_found_by_its_name_and_names_are_unique(void **state) {
  (void)state;
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    assert_int_equal(nn_param_find(p->name, strlen(p->name)), i);
    assert_non_null(p->doc);
    assert_non_null(p->control);
    if (p->kind == NN_PARAM_TEXT || p->kind == NN_PARAM_LESSON) assert_non_null(p->fallback);
  }
  assert_int_equal(nn_param_find("learningRat", 11), -1);
  assert_int_equal(nn_param_find("learningRatex", 13), -1);
}

/* Live: the training options a running experiment may take on (optimiser and its
 * hyperparameters, regularisation, dropout, batch size) and what only the page shows (the
 * goals). */
static void live_parameters_are_the_training_options_and_display_only_ones(void **state) {
  (void)state;
  static const char *const live[] = {
    "learningRate", "regularization", "regularizationRate", "optimizer", "momentum", "rho",
    "beta1", "beta2", "epsilon", "dropout", "batchSize", "speed", "showTestData", "discretize",
    "goalTrainLoss", "goalTestLoss", "palette"};
  int count = 0;
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    bool listed = false;
    for (size_t k = 0; k < sizeof live / sizeof live[0]; k++) listed |= strcmp(live[k], p->name) == 0;
    if (listed != p->live) fail_msg("%s: live is %d", p->name, p->live);
    count += p->live;
  }
  assert_int_equal(count, (int)(sizeof live / sizeof live[0]));
}

static void hideable_names_are_the_page_controls(void **state) {
  (void)state;
  static const char *const expected[] = {
    "activation", "regularization", "batchSize", "dataset", "learningRate",
    "regularizationRate", "noise", "showTestData", "discretize", "percTrainData", "x", "y",
    "xTimesY", "xSquared", "ySquared", "sinX", "sinY", "problem", "optimizer", "momentum", "rho",
    "beta1", "beta2", "epsilon", "init", "dropout", "loss", "speed", "data"};
  size_t k = 0;
  for (int i = 0; i < NN_P_COUNT; i++) {
    if (!nn_param_row(i)->hideable) continue;
    assert_true(k < sizeof expected / sizeof expected[0]);
    assert_string_equal(nn_param_row(i)->name, expected[k++]);
  }
  assert_int_equal(k, sizeof expected / sizeof expected[0]);
}

/* The help names every parameter with its default and what it accepts. */
static void help_lists_every_parameter_with_default_and_range(void **state) {
  (void)state;
  char *help = generated(nn_params_help);
  assert_non_null(strstr(help, "  momentum            0.9       0 <= momentum < 1  (live)\n"));
  assert_non_null(strstr(help, "  batchSize           10        1 <= batchSize <= 1000, whole"));
  assert_non_null(strstr(help, "  init                uniform   uniform | zeros | xavier | he\n"));
  assert_non_null(strstr(help, "  speed               1         1 | 2 | 5 | 10 | 20 | 50 | 100 | max"));
  for (int i = 0; i < NN_P_COUNT; i++) {
    char head[64];
    snprintf(head, sizeof head, "\n  %s ", nn_param_row(i)->name);
    if (strstr(help, head) == NULL) fail_msg("--help does not list %s", nn_param_row(i)->name);
  }
  free(help);
}

/* The range in the table is the range the parser enforces, at its edges. */
static void the_parser_enforces_each_rows_range(void **state) {
  (void)state;
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    if (p->kind != NN_PARAM_NUMBER || isinf(p->min) || isinf(p->max)) continue;
    char hash[128], num[32];
    nn_config cfg;
    nn_notices ns;
    nn_format_js_number(p->min, num);
    snprintf(hash, sizeof hash, "%s=%s", p->name, num);
    nn_state_parse(hash, &cfg, &ns);
    assert_int_equal(ns.count, p->min_open ? 1 : 0);
    nn_format_js_number(p->max, num);
    snprintf(hash, sizeof hash, "%s=%s", p->name, num);
    nn_state_parse(hash, &cfg, &ns);
    assert_int_equal(ns.count, p->max_open ? 1 : 0);
    if (!p->max_open) assert_true(*(double *)nn_param_field(&cfg, p) == p->max);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(readme_table_is_the_generated_one),
    cmocka_unit_test(every_choice_is_named_in_its_readme_row),
    cmocka_unit_test(every_row_is_found_by_its_name_and_names_are_unique),
    cmocka_unit_test(live_parameters_are_the_training_options_and_display_only_ones),
    cmocka_unit_test(hideable_names_are_the_page_controls),
    cmocka_unit_test(help_lists_every_parameter_with_default_and_range),
    cmocka_unit_test(the_parser_enforces_each_rows_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
