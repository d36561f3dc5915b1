/* model_export.c — the model JSON and the stand-alone Python file (see model_export.h). */
#include "model_export.h"

#include <math.h>

#include "js_number.h"
#include "json_writer.h"
#include "model_python.h"

const char *nn_model_output_kind(const nn_network *net) {
  if (net->sizes[net->num_layers - 1] > 1) return "softmax";
  return net->output_activation == NN_ACT_LINEAR ? "linear" : "tanh";
}

bool nn_model_params_finite(const nn_network *net) {
  for (int k = 0; k < net->num_params; k++)
    if (!isfinite(net->params[k])) return false;
  return true;
}

/* x as String(x) writes it, but "-0" for negative zero, so every bit reads back. */
static void write_number(nn_writer *w, double x) {
  char text[32];
  if (!isfinite(x)) {
    nn_write(w, "null");
  } else if (x == 0 && signbit(x)) {
    nn_write(w, "-0");
  } else {
    nn_write_bytes(w, text, (size_t)nn_format_js_number(x, text));
  }
}

static void write_int(nn_writer *w, int v) { write_number(w, (double)v); }

/* A JSON string: only '"', '\\' and control characters escaped, so the link stays readable. */
static void write_string(nn_writer *w, const char *s) {
  static const char hex[] = "0123456789abcdef";
  nn_write(w, "\"");
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      nn_write_bytes(w, esc, 2);
    } else if (c < 0x20 || c == 0x7F) {
      char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      nn_write_bytes(w, esc, 6);
    } else {
      nn_write_bytes(w, (const char *)&c, 1);
    }
  }
  nn_write(w, "\"");
}

size_t nn_model_json_write(const nn_network *net, const char *link, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  const int layers = net->num_layers;
  nn_write(&w, "{\n  \"format\": \"nnplay-model\",\n  \"version\": 1,\n  \"link\": ");
  write_string(&w, link ? link : "");
  nn_write(&w, ",\n  \"features\": [");
  for (int i = 0; i < net->sizes[0]; i++) {
    if (i) nn_write(&w, ", ");
    nn_write(&w, "\"");
    nn_write(&w, nn_feature_name(net->input_features[i]));
    nn_write(&w, "\"");
  }
  nn_write(&w, "],\n  \"layers\": [");
  for (int l = 0; l < layers; l++) {
    if (l) nn_write(&w, ", ");
    write_int(&w, net->sizes[l]);
  }
  nn_write(&w, "],\n  \"hiddenActivation\": \"");
  nn_write(&w, nn_activation_name(net->hidden_activation));
  nn_write(&w, "\",\n  \"output\": \"");
  nn_write(&w, nn_model_output_kind(net));
  nn_write(&w, "\",\n  \"weights\": [");
  for (int l = 1; l < layers; l++) {
    const double *wl = net->params + net->weight_offset[l];
    nn_write(&w, l > 1 ? ",\n    [" : "\n    [");
    for (int j = 0; j < net->sizes[l]; j++) {
      nn_write(&w, j ? ", [" : "[");
      for (int i = 0; i < net->sizes[l - 1]; i++) {
        if (i) nn_write(&w, ", ");
        write_number(&w, wl[j * net->sizes[l - 1] + i]);
      }
      nn_write(&w, "]");
    }
    nn_write(&w, "]");
  }
  nn_write(&w, layers > 1 ? "\n  ],\n  \"biases\": [" : "],\n  \"biases\": [");
  for (int l = 1; l < layers; l++) {
    const double *bl = net->params + net->bias_offset[l];
    nn_write(&w, l > 1 ? ",\n    [" : "\n    [");
    for (int j = 0; j < net->sizes[l]; j++) {
      if (j) nn_write(&w, ", ");
      write_number(&w, bl[j]);
    }
    nn_write(&w, "]");
  }
  nn_write(&w, layers > 1 ? "\n  ]\n}\n" : "]\n}\n");
  return w.len;
}

size_t nn_model_python_write(const nn_network *net, const char *link, char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  nn_write(&w, nn_model_python_head);
  /* The JSON sits in a raw string: it never holds three quotes in a row (its quotes inside
   * strings are escaped) and ends with a newline, not a backslash. */
  size_t json = nn_model_json_write(net, link, NULL, 0);
  if (w.len + json < w.cap) nn_model_json_write(net, link, w.out + w.len, w.cap - w.len);
  w.len += json; /* what does not fit is not written, as nn_write does */
  nn_write(&w, nn_model_python_tail);
  return w.len;
}

size_t nn_model_write(const nn_network *net, int format, const char *link, char *out,
                      size_t cap) {
  if (format == NN_MODEL_JSON) return nn_model_json_write(net, link, out, cap);
  if (format == NN_MODEL_PYTHON) return nn_model_python_write(net, link, out, cap);
  if (cap > 0) out[0] = '\0';
  return 0;
}
