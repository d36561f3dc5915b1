/* replay_main.c — a harness as a plain program, for builds without libFuzzer.
 *
 *   fuzz_<name>_replay [FILE|DIR ...]        runs the harness on each of its seeds, then on each
 *                                            FILE and every regular file in each DIR
 *   fuzz_<name>_replay --write-seeds DIR     writes the seeds to DIR/seed-NN (DIR must exist)
 *
 * Exit 0 when every input ran (a broken invariant aborts), 2 on a bad argument or unreadable
 * input. ctest runs it over tests/fuzz/regressions/fuzz_<name>/ in every preset; scripts/fuzz.sh
 * writes the seed corpus with it.
 */
#define _DEFAULT_SOURCE /* scandir, alphasort */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Without a harness's own: the fixture hashes, as bytes. */
__attribute__((weak)) void nn_fuzz_seeds(nn_fuzz_emit emit, void *ctx) {
  for (int i = 0; i < nn_fuzz_fixture_count; i++)
    emit((const uint8_t *)nn_fuzz_fixture_hashes[i], strlen(nn_fuzz_fixture_hashes[i]), ctx);
}

static void run_seed(const uint8_t *data, size_t size, void *ctx) {
  (*(int *)ctx)++;
  LLVMFuzzerTestOneInput(data, size);
}

typedef struct {
  const char *dir;
  int written;
  int failed;
} seed_writer;

static void write_seed(const uint8_t *data, size_t size, void *ctx) {
  seed_writer *w = ctx;
  char path[4096];
  snprintf(path, sizeof path, "%s/seed-%02d", w->dir, w->written++);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size) w->failed = 1;
  if (f && fclose(f) != 0) w->failed = 1;
}

/* Runs the harness on the file at path; 0, or -1 when it cannot be read. */
static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 4096, size = 0;
  uint8_t *data = malloc(cap);
  size_t n;
  while (data && (n = fread(data + size, 1, cap - size, f)) > 0) {
    size += n;
    if (size == cap) {
      uint8_t *grown = realloc(data, cap *= 2);
      if (!grown) free(data);
      data = grown;
    }
  }
  int bad = ferror(f) || !data;
  fclose(f);
  /* An exact-size copy, so that ASan sees a read past the input's end. */
  uint8_t *exact = bad ? NULL : malloc(size ? size : 1);
  int rc = exact ? 0 : -1;
  if (exact) {
    memcpy(exact, data, size);
    LLVMFuzzerTestOneInput(exact, size);
  }
  free(exact);
  free(data);
  return rc;
}

/* Runs every regular file in dir, in name order; the count run, or -1 on an error. */
static int run_dir(const char *dir) {
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  if (n < 0) return -1;
  int ran = 0;
  for (int i = 0; i < n; i++) {
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
    if (ran >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
      if (run_file(path) == 0) {
        ran++;
      } else {
        fprintf(stderr, "cannot read %s\n", path);
        ran = -1;
      }
    }
    free(names[i]);
  }
  free(names);
  return ran;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0) {
    seed_writer w = {argv[2], 0, 0};
    nn_fuzz_seeds(write_seed, &w);
    if (w.failed || w.written == 0) {
      fprintf(stderr, "could not write the seeds to %s\n", argv[2]);
      return 2;
    }
    printf("wrote %d seeds to %s\n", w.written, argv[2]);
    return 0;
  }
  int seeds = 0, files = 0;
  nn_fuzz_seeds(run_seed, &seeds);
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "no such file or directory: %s\n", argv[i]);
      return 2;
    }
    int ran = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i]) == 0 ? 1 : -1;
    if (ran < 0) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 2;
    }
    files += ran;
  }
  printf("replayed %d inputs: %d seeds, %d files\n", seeds + files, seeds, files);
  return seeds + files > 0 ? 0 : 2;
}
