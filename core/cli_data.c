/* cli_data.c — `--data FILE` (cli_data.h). */
#include "cli_data.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "notices.h"
#include "points_file.h"

/* The whole file, or NULL with *status set (after a line on err). */
static char *read_all(const char *path, size_t *len, int *status, FILE *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(err, "nnplay: cannot read --data file '%s'\n", path);
    *status = NN_CLI_USAGE;
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    if (cap >= NN_CLI_MAX_DATA_FILE) {
      fprintf(err, "nnplay: --data file '%s' is larger than %d MB\n", path,
              NN_CLI_MAX_DATA_FILE >> 20);
      free(buf);
      fclose(f);
      *status = NN_CLI_USAGE;
      return NULL;
    }
    char *more = realloc(buf, cap * 2);
    if (!more) free(buf);
    buf = more;
    cap *= 2;
  }
  bool failed = ferror(f);
  fclose(f);
  if (!buf || failed) {
    free(buf);
    fprintf(err, buf ? "nnplay: cannot read --data file '%s'\n" : "nnplay: out of memory\n",
            path);
    *status = buf ? NN_CLI_USAGE : NN_CLI_FAILED;
    return NULL;
  }
  *len = n;
  return buf;
}

int nn_cli_load_data(const char *path, nn_config *cfg, nn_notices *ns, FILE *err) {
  int status = -1;
  size_t len = 0;
  char *text = read_all(path, &len, &status, err);
  if (!text) return status;
  nn_points_file pf;
  nn_status s = nn_points_file_parse(text, len, &pf);
  free(text);
  if (s != NN_OK) {
    fprintf(err, "nnplay: out of memory\n");
    return NN_CLI_FAILED;
  }
  char summary[320];
  nn_points_file_summary(&pf, summary, sizeof summary);
  if (pf.count == 0) {
    fprintf(err, "nnplay: --data file '%s': %s\n", path, summary);
    nn_points_file_free(&pf);
    return NN_CLI_USAGE;
  }
  nn_config_set_points(cfg, pf.labels, pf.points, pf.count);
  if (pf.dropped > 0)
    nn_notice_add(ns, "data", 4, path, strlen(path), "%s", summary);
  nn_points_file_free(&pf);
  return -1;
}
