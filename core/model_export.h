/* model_export.h — a trained network taken away: as JSON, and as a stand-alone Python file.
 *
 * The model JSON (format "nnplay-model", version 1), numbers as JavaScript's String(x) writes
 * them (the shortest text that reads back as the same double; "-0" keeps negative zero):
 *   {"format": "nnplay-model", "version": 1,
 *    "link": the link the network came from (its settings, epoch and changes),
 *    "features": the input features in network order, as the link names them ("x", "sinY"),
 *    "layers": nodes per layer, inputs first, outputs last ([2, 4, 2, 1]),
 *    "hiddenActivation": "tanh" | "relu" | ... (activation.h's names),
 *    "output": "tanh" (binary: one node, tanh) | "linear" (regression: one node, its total)
 *              | "softmax" (K >= 2 nodes with linear totals, then a softmax over the K),
 *    "weights": per layer after the inputs, per node j, the weights of its links from each
 *               node i of the layer before: weights[l - 1][j][i],
 *    "biases": per layer after the inputs, per node: biases[l - 1][j]}
 *
 * The Python file (standard library only) holds that JSON and defines predict(x1, x2): the
 * output in -1..1 (tanh), the value (linear) or the list of K probabilities (softmax), computed
 * with the engine's formulas in the engine's order (activation.c, nnfeatures.c, network.h), so
 * it equals the engine to the last bit or two of its libm. Run as a script it reads "x1 x2"
 * lines on stdin and prints one prediction per line (repr, K numbers separated by spaces).
 *
 * Writers are snprintf-like (json_writer.h): they return the full length (NUL excluded) and
 * write what fits in out[0..cap). They expect finite parameters (nn_model_params_finite): a
 * non-finite one is written as null, which no importer takes.
 */
#ifndef NN_MODEL_EXPORT_H
#define NN_MODEL_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "network.h"

typedef enum { NN_MODEL_JSON, NN_MODEL_PYTHON } nn_model_format;

/* "tanh", "linear" or "softmax" (an output layer of more than one node). */
const char *nn_model_output_kind(const nn_network *net);

/* True when every weight and bias is a finite number. */
bool nn_model_params_finite(const nn_network *net);

/* The model JSON of net, with `link` (NUL-terminated; NULL means "") as its "link". */
size_t nn_model_json_write(const nn_network *net, const char *link, char *out, size_t cap);

/* The stand-alone Python file of net (its model JSON inside). */
size_t nn_model_python_write(const nn_network *net, const char *link, char *out, size_t cap);

/* One of the two, by format (NN_MODEL_JSON or NN_MODEL_PYTHON; anything else writes nothing
 * and returns 0). */
size_t nn_model_write(const nn_network *net, int format, const char *link, char *out,
                      size_t cap);

#endif
