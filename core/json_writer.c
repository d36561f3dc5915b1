/* json_writer.c — text into a caller's buffer and JSON string literals (see json_writer.h). */
#include "json_writer.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

nn_writer nn_writer_start(char *out, size_t cap) {
  if (cap > 0) out[0] = '\0';
  return (nn_writer){out, cap, 0};
}

void nn_write_bytes(nn_writer *w, const char *s, size_t n) {
  if (w->len < w->cap) {
    size_t room = w->cap - w->len; /* includes the NUL's slot */
    size_t k = n < room - 1 ? n : room - 1;
    memcpy(w->out + w->len, s, k);
    w->out[w->len + k] = '\0';
  }
  w->len += n;
}

void nn_write(nn_writer *w, const char *s) { nn_write_bytes(w, s, strlen(s)); }

size_t nn_bounded_len(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n] != '\0') n++;
  return n;
}

/* Length of the valid UTF-8 sequence at p (2..4) and its code point, or 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp) {
  unsigned char b = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) len = 2;
  else if (b >= 0xE0 && b <= 0xEF) len = 3;
  else if (b >= 0xF0 && b <= 0xF4) len = 4;
  else return 0;
  if (b == 0xE0) lo = 0xA0;
  if (b == 0xED) hi = 0x9F; /* no surrogates */
  if (b == 0xF0) lo = 0x90;
  if (b == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
  if (n < len || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  uint32_t c = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < len; i++) c = (c << 6) | (p[i] & 0x3F);
  *cp = c;
  return len;
}

void nn_write_json_string(nn_writer *w, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  char esc[16];
  nn_write_bytes(w, "\"", 1);
  size_t i = 0;
  while (i < n) {
    unsigned char b = p[i];
    if (b >= 0x80) {
      uint32_t cp;
      size_t len = utf8_seq(p + i, n - i, &cp);
      if (len == 0) {
        cp = 0xFFFD;
        len = 1;
      }
      if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000;
        snprintf(esc, sizeof esc, "\\u%04x\\u%04x", 0xD800u + (v >> 10), 0xDC00u + (v & 0x3FF));
      } else {
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
      }
      nn_write_bytes(w, esc, strlen(esc));
      i += len;
      continue;
    }
    size_t run = i; /* copy plain characters in one go */
    while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\' &&
           p[run] != '<' && p[run] != '>' && p[run] != '&')
      run++;
    if (run > i) {
      nn_write_bytes(w, s + i, run - i);
      i = run;
      continue;
    }
    switch (b) {
      case '"': nn_write_bytes(w, "\\\"", 2); break;
      case '\\': nn_write_bytes(w, "\\\\", 2); break;
      case '\n': nn_write_bytes(w, "\\n", 2); break;
      case '\r': nn_write_bytes(w, "\\r", 2); break;
      case '\t': nn_write_bytes(w, "\\t", 2); break;
      case '\b': nn_write_bytes(w, "\\b", 2); break;
      case '\f': nn_write_bytes(w, "\\f", 2); break;
      default:
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)b);
        nn_write_bytes(w, esc, strlen(esc));
    }
    i++;
  }
  nn_write_bytes(w, "\"", 1);
}

size_t nn_json_string(const char *s, size_t len, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  nn_write_json_string(&w, s, len);
  return w.len;
}

void nn_write_json_key(nn_writer *w, const char *key, bool first) {
  if (!first) nn_write(w, ",");
  nn_write_json_string(w, key, strlen(key));
  nn_write(w, ":");
}
