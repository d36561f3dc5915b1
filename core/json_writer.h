/* json_writer.h — text into a caller's buffer, snprintf-style, and JSON string literals.
 *
 * A writer counts every byte it is given but stores only what fits (always NUL-terminated when
 * cap > 0), so one pass both measures and writes: call with cap 0 to learn the length, then
 * again with length + 1.
 */
#ifndef NN_JSON_WRITER_H
#define NN_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char *out;  /* may be NULL when cap is 0 */
  size_t cap; /* bytes at out, the NUL's included */
  size_t len; /* bytes written so far, counting those that did not fit */
} nn_writer;

/* A writer into out[0..cap); writes the NUL when cap > 0. */
nn_writer nn_writer_start(char *out, size_t cap);

void nn_write(nn_writer *w, const char *s);                      /* a NUL-terminated string */
void nn_write_bytes(nn_writer *w, const char *s, size_t n);      /* n bytes */
void nn_write_json_string(nn_writer *w, const char *s, size_t n); /* as nn_json_string */
void nn_write_json_key(nn_writer *w, const char *key, bool first); /* [,]"key": */

/* Writes the len bytes at s as a JSON string literal (with quotes): '"', '\\', control
 * characters, DEL, '<', '>' and '&' are escaped, valid UTF-8 becomes \uXXXX (surrogate pairs
 * above U+FFFF), and each byte that is not part of valid UTF-8 becomes \ufffd, so the output
 * is pure ASCII and safe inside HTML. snprintf-like: returns the full length needed, excluding
 * the NUL; out may be NULL when cap is 0. */
size_t nn_json_string(const char *s, size_t len, char *out, size_t cap);

/* strlen that stops at max (strnlen is POSIX, not C11). */
size_t nn_bounded_len(const char *s, size_t max);

#endif
