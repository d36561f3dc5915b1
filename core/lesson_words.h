/* lesson_words.h — what the page says about each lesson (lessons.h): its title, its goal and
 * what to try, in English (the page's other languages translate them by the lesson's id).
 *
 * They are kept apart from the lesson table so that the engine a page loads first, which needs
 * only the table's ids and hashes to read a link, does not carry them: the lab engine does
 * (wasm-bindings/exports-lab.txt). The table is static, parallel to lessons.c's (same ids, same
 * order); every returned pointer is valid for the life of the program and must not be freed.
 */
#ifndef NN_LESSON_WORDS_H
#define NN_LESSON_WORDS_H

typedef struct {
  const char *id;     /* the lesson's id, as in lessons.c */
  const char *title;  /* a few words, e.g. "The perceptron" */
  const char *goal;   /* one line, e.g. "Make the perceptron separate the two clusters." */
  const char *try;    /* what to try, one short line: the change the lesson asks for */
} nn_lesson_words;

/* The words of lesson `index` (0 <= index < nn_lesson_count()), or NULL. */
const nn_lesson_words *nn_lesson_words_get(int index);

/* Field accessors for bindings: the field of lesson `index`, or NULL when out of range. */
const char *nn_lesson_title(int index);
const char *nn_lesson_goal(int index);
const char *nn_lesson_try(int index);

#endif
