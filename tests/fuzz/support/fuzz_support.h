/* fuzz_support.h — what every harness in tests/fuzz/ may use besides the engine.
 *
 * A harness is one file, tests/fuzz/fuzz_<name>.c, defining libFuzzer's entry point
 *   int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
 * which returns 0 and reports a broken invariant with NN_FUZZ_CHECK (an abort, which libFuzzer
 * and the replay driver both count as a crash). tests/fuzz/CMakeLists.txt builds each one twice:
 * as a libFuzzer binary `fuzz_<name>` (preset fuzz, clang) and as `fuzz_<name>_replay`, a plain
 * program (any compiler, every preset) that runs the harness over its seeds and over the inputs
 * in tests/fuzz/regressions/fuzz_<name>/ (ctest does so), or writes its seeds to a directory.
 */
#ifndef NN_FUZZ_SUPPORT_H
#define NN_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The hashes of the golden fixtures (each tests/fixtures/tfp JSON file's "hash"), in file-name order;
 * generated at configure time. */
extern const char *const nn_fuzz_fixture_hashes[];
extern const int nn_fuzz_fixture_count;

/* Seeds: a harness whose input is not a hash defines nn_fuzz_seeds and calls emit once per seed
 * input; without it, the seeds are the fixture hashes themselves. */
typedef void (*nn_fuzz_emit)(const uint8_t *data, size_t size, void *ctx);
void nn_fuzz_seeds(nn_fuzz_emit emit, void *ctx);

#define NN_FUZZ_CHECK(cond)                                                           \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);    \
      abort();                                                                        \
    }                                                                                 \
  } while (0)

#endif
