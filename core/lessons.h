/* lessons.h — the course's lessons: each one a named starting experiment.
 *
 * A lesson is {id, hash}: `hash` holds URL parameters (TFP's names plus nnplay's:
 * model, mode, optimizer, dropout, ...; never `lesson`) that parse with no notice (state.h).
 * The URL parameter `lesson=<id>` starts from that hash; any parameter also written in the URL
 * overrides the lesson's (state.h). The table is static: every returned pointer is valid for
 * the life of the program and must not be freed. Its words (title, goal, what to try) are in
 * lesson_words.h.
 */
#ifndef NN_LESSONS_H
#define NN_LESSONS_H

#include <stddef.h>

typedef struct {
  const char *id;     /* [a-z0-9-], at most NN_MAX_LESSON_ID_LEN (config.h) characters */
  const char *hash;   /* the starting parameters, without '#' */
} nn_lesson;

/* Number of lessons, in course order. */
int nn_lesson_count(void);

/* Lesson `index` (0 <= index < nn_lesson_count()), or NULL. */
const nn_lesson *nn_lesson_get(int index);

/* The index of the lesson whose id is the len bytes at id (need not be NUL-terminated), or -1. */
int nn_lesson_find(const char *id, size_t len);

/* Field accessors for bindings: the field of lesson `index`, or NULL when out of range. */
const char *nn_lesson_id(int index);
const char *nn_lesson_hash(int index);

#endif
