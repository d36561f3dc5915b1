/* fuzz_state_parse.c — the URL hash parser and writers (state.h) on arbitrary bytes.
 *
 * The input is a hash (bytes up to the first NUL). Invariants checked:
 *   - the notices are well formed: a count within bounds, every field NUL-terminated in its
 *     array, a parameter and a reason in each;
 *   - the canonical hash is a fixed point: serialize(parse(serialize(parse(h)))) equals
 *     serialize(parse(h)), the JSON of both configs is the same, and the canonical hash parses
 *     without a notice;
 *   - compare (compare.h), checked as the CLI reads a link: every accepted variant builds its
 *     config, and an accepted comparison is accepted again from the canonical hash;
 *   - nn_state_serialize, nn_state_json and nn_notices_json return the length they write, write
 *     a NUL-terminated prefix when the buffer is short, and the JSON is printable ASCII that
 *     cJSON parses to an object / an array of one object per notice.
 * What is built from a parsed hash is fuzz_experiment_build.c's. Seeds: the fixture hashes.
 */
#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "compare.h"
#include "fuzz_support.h"
#include "state.h"

typedef size_t (*writer_fn)(const void *object, char *out, size_t cap);

static size_t write_hash(const void *cfg, char *out, size_t cap) {
  return nn_state_serialize(cfg, out, cap);
}
static size_t write_state_json(const void *cfg, char *out, size_t cap) {
  return nn_state_json(cfg, out, cap);
}
static size_t write_notices_json(const void *notices, char *out, size_t cap) {
  return nn_notices_json(notices, out, cap);
}

/* The whole output of write (caller frees), after checking the snprintf-like contract. */
static char *written(writer_fn write, const void *object) {
  size_t n = write(object, NULL, 0);
  char *full = malloc(n + 1);
  NN_FUZZ_CHECK(full != NULL);
  memset(full, 'x', n + 1);
  NN_FUZZ_CHECK(write(object, full, n + 1) == n);
  NN_FUZZ_CHECK(strlen(full) == n);
  /* A short buffer gets the same text, cut and NUL-terminated. */
  size_t cap = n / 2 + 1;
  char *cut = malloc(cap);
  NN_FUZZ_CHECK(cut != NULL);
  NN_FUZZ_CHECK(write(object, cut, cap) == n);
  NN_FUZZ_CHECK(strlen(cut) == cap - 1 && memcmp(cut, full, cap - 1) == 0);
  free(cut);
  return full;
}

static void check_ascii(const char *s) {
  for (; *s; s++) NN_FUZZ_CHECK(*s >= 0x20 && *s < 0x7f);
}

static bool terminated(const char *field, size_t size) { return memchr(field, '\0', size) != NULL; }

static void check_notices(const nn_notices *ns) {
  NN_FUZZ_CHECK(ns->count >= 0 && ns->count <= NN_MAX_NOTICES);
  NN_FUZZ_CHECK(ns->dropped >= 0);
  NN_FUZZ_CHECK(ns->dropped == 0 || ns->count == NN_MAX_NOTICES);
  for (int i = 0; i < ns->count; i++) {
    const nn_notice *it = &ns->items[i];
    NN_FUZZ_CHECK(terminated(it->param, sizeof it->param) && it->param[0] != '\0');
    NN_FUZZ_CHECK(terminated(it->value, sizeof it->value));
    NN_FUZZ_CHECK(terminated(it->reason, sizeof it->reason) && it->reason[0] != '\0');
  }

  char *json = written(write_notices_json, ns);
  check_ascii(json);
  cJSON *array = cJSON_Parse(json);
  NN_FUZZ_CHECK(cJSON_IsArray(array) && cJSON_GetArraySize(array) == ns->count);
  for (int i = 0; i < ns->count; i++) {
    cJSON *item = cJSON_GetArrayItem(array, i);
    NN_FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "param")));
    NN_FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "value")));
    NN_FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "reason")));
  }
  cJSON_Delete(array);
  free(json);
}

static char *checked_state_json(const nn_config *cfg) {
  char *json = written(write_state_json, cfg);
  check_ascii(json);
  cJSON *object = cJSON_Parse(json);
  NN_FUZZ_CHECK(cJSON_IsObject(object));
  cJSON_Delete(object);
  return json;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *hash = malloc(size + 1);
  NN_FUZZ_CHECK(hash != NULL);
  memcpy(hash, data, size);
  hash[size] = '\0';

  nn_config cfg;
  nn_notices notices;
  nn_state_parse(hash, &cfg, &notices);
  nn_compare_check(&cfg, &notices); /* as the CLI reads a link */
  check_notices(&notices);
  nn_config variant;
  for (int i = 0; i < nn_compare_count(&cfg); i++) NN_FUZZ_CHECK(nn_compare_variant(&cfg, i, &variant));
  char *canonical = written(write_hash, &cfg);
  char *json = checked_state_json(&cfg);

  nn_config again;
  nn_notices again_notices;
  nn_state_parse(canonical, &again, &again_notices);
  nn_compare_check(&again, &again_notices); /* an accepted comparison stays accepted */
  NN_FUZZ_CHECK(again_notices.count == 0 && again_notices.dropped == 0);
  char *canonical_again = written(write_hash, &again);
  NN_FUZZ_CHECK(strcmp(canonical, canonical_again) == 0);
  char *json_again = checked_state_json(&again);
  NN_FUZZ_CHECK(strcmp(json, json_again) == 0);

  free(json_again);
  free(canonical_again);
  free(json);
  free(canonical);
  free(hash);
  return 0;
}
