/* points_codec.h — own points (drawn, imported) on an exact grid, and their text in a link.
 *
 * Points that are not generated travel in the link as `data=<text>`, so a link reproduces them
 * bit for bit. Every point is quantised when it enters (drawn, imported, set by script), so the
 * points trained on are exactly the decoded ones:
 *   coordinates  multiples of 1/256 within [-6, 6] (3073 values: code = x*256 + 1536, 12 bits)
 *   labels       binary: -1 / +1 (1 bit); K classes (3 <= K <= 6): the class 0..K-1 (3 bits);
 *                regression values: multiples of 1/1024 within [-1, 1] (code = v*1024 + 1024,
 *                12 bits)
 * The text is one character for the kind of labels ('b' binary, '3'..'6' classes, 'r' values),
 * then the codes of every point in order (x, y, label), most significant bit first, packed into
 * base64url characters (A-Z a-z 0-9 - _, 6 bits each), the last one padded with zero bits. The
 * count is implied by the length. 200 binary points take 835 characters; the most points a link
 * may carry is NN_MAX_DATA_POINTS (60,001 characters for 10,000 regression values).
 */
#ifndef NN_POINTS_CODEC_H
#define NN_POINTS_CODEC_H

#include <stdbool.h>
#include <stddef.h>

#include "experiment.h" /* nn_point */
#include "state.h"        /* nn_notices */

enum {
  NN_MAX_DATA_POINTS = 10000,
  NN_DATA_COORD_STEPS = 256, /* grid points per unit */
  NN_DATA_VALUE_STEPS = 1024,
};

typedef enum {
  NN_LABELS_BINARY,  /* -1 / +1 */
  NN_LABELS_CLASSES, /* 0 .. classes-1 */
  NN_LABELS_VALUES,  /* regression values in [-1, 1] */
} nn_label_kind;

typedef struct {
  nn_label_kind kind;
  int classes; /* NN_LABELS_CLASSES: 3..6; binary: 2; values: 0 */
} nn_labels;

/* The grid point nearest to v (ties away from zero), for a coordinate and a regression value.
 * Both assume v within range (see nn_points_in_range). */
double nn_quantize_coord(double v);
double nn_quantize_value(double v);

/* True when x and y are finite and within [-6, 6]. */
bool nn_point_in_plane(double x, double y);

/* The kind of labels of n points as read (a file, a script): all in {-1, +1} or all in {0, 1}
 * is binary; whole numbers 0..K-1 with 3 <= K <= 6 (max 2..5) are K classes; anything else
 * regression values. */
nn_labels nn_labels_detect(const nn_point *pts, int n);

/* The label as stored for `labels`: binary +1 is +1, -1 and 0 are -1; a class
 * as is; a value quantised. Returns false (label untouched) when it cannot be one: not finite,
 * a class not a whole number 0..K-1, a value outside [-1, 1]. */
bool nn_label_normalize(nn_labels labels, double in, double *out);

/* Characters nn_points_encode writes for n points (without the NUL). */
size_t nn_points_encoded_len(nn_labels labels, int n);

/* Encodes n already quantised and normalised points (0 <= n <= NN_MAX_DATA_POINTS) into out
 * (capacity cap, NUL-terminated when cap > 0). snprintf-like: returns the full length. */
size_t nn_points_encode(nn_labels labels, const nn_point *pts, int n, char *out, size_t cap);

/* Decodes `len` bytes of link text. With out == NULL it only checks. Returns the number of
 * points (written to out[0..n), which must hold NN_MAX_DATA_POINTS) and sets *labels, or -1 with
 * a reason in why (capacity why_cap; may be NULL) when the text is not exactly what
 * nn_points_encode writes for some points (so decode then encode gives the same text). */
int nn_points_decode(const char *text, size_t len, nn_point *out, nn_labels *labels, char *why,
                     size_t why_cap);

/* Own points decide the number of classes: K for class labels (data= starting with '3'..'6'),
 * else 2; a link's classes= other than 2 (the default) that says otherwise gets a notice.
 * Nothing without own points. */
void nn_points_reconcile(nn_config *cfg, nn_notices *notices);

/* Own points into a config: their text into cfg->data (n <= NN_MAX_DATA_POINTS, points
 * quantised and normalised), the problem their labels ask for (values: regression, else
 * classification) and the number of classes (K for K classes, else 2). */
void nn_config_set_points(nn_config *cfg, nn_labels labels, const nn_point *pts, int n);

#endif
