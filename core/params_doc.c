/* params_doc.c — the parameter table as text: README's markdown and `nnplay --help`'s lines. */
#include <stdio.h>
#include <string.h>

#include "json_writer.h"
#include "params.h"

/* "`a`, `b`, `c`": the names a list of hideable names is written with. */
static void write_code(nn_writer *w, const char *name, bool first) {
  if (!first) nn_write(w, ", ");
  nn_write(w, "`");
  nn_write(w, name);
  nn_write(w, "`");
}

/* The "values" cell: the default first, what a number accepts, then the row's own words. */
static void write_values(nn_writer *w, const nn_param *p) {
  char text[160];
  if (p->kind != NN_PARAM_TEXT && p->kind != NN_PARAM_LESSON) {
    nn_param_default_text(p, text, sizeof text);
    write_code(w, text, true);
  }
  if (p->kind == NN_PARAM_NUMBER || p->kind == NN_PARAM_WHOLE) {
    nn_param_accepts(p, true, text, sizeof text);
    nn_write(w, strncmp(text, "any ", 4) == 0 ? ", " : ", any ");
    nn_write(w, text);
  }
  if (p->kind == NN_PARAM_SPEED)
    for (int k = 1; k < NN_SPEED_STEPS_COUNT; k++) {
      snprintf(text, sizeof text, "%d", NN_SPEED_STEPS[k]);
      write_code(w, text, false);
    }
  nn_write(w, p->doc ? p->doc : "");
}

size_t nn_params_markdown(char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  nn_write(&w, "| parameter | values (default first) | control |\n| --- | --- | --- |\n");
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    nn_write(&w, "| ");
    write_code(&w, p->name, true);
    nn_write(&w, " | ");
    write_values(&w, p);
    nn_write(&w, " | ");
    nn_write(&w, p->control ? p->control : "");
    nn_write(&w, " |\n");
  }
  nn_write(&w, "| `epoch` | `0`, any 0 ≤ epoch ≤ 1000000, whole (above: 1000000, with a notice): the "
               "epoch the link shows; opening it trains to that epoch, applying the changes below "
               "| the epoch counter |\n");
  nn_write(&w, "| `NAME@EPOCH` | a change made while training, in the order made, after `epoch`: "
               "NAME a parameter marked live here but `speed`, `showTestData`, `discretize` "
               "(`learningRate@200=0.3`, value as its row accepts), or a hand edit `wL.F.T` "
               "(the weight from node F of layer L−1 to node T of layer L, L ≥ 1 after the "
               "inputs) or `bL.N` (a bias) with the number as JavaScript's `String(x)` writes it "
               "(`-0` kept); applied when the experiment is at EPOCH (≤ `epoch`, in order); at "
               "most 1000 | the live controls; a weight's or bias's editor |\n");
  nn_write(&w, "| `<name>_hide` | `true` hides the control marked `data-control=\"<name>\"` "
               "(names below) | \"Use it in class\" |\n\n`_hide` names: ");
  bool first = true;
  for (int i = 0; i < NN_P_COUNT; i++)
    if (nn_param_row(i)->hideable) {
      write_code(&w, nn_param_row(i)->name, first);
      first = false;
    }
  nn_write(&w, ", and the page's own ");
  for (int k = 0; k < NN_HIDEABLE_CONTROLS_COUNT; k++)
    write_code(&w, NN_HIDEABLE_CONTROLS[k], k == 0);
  nn_write(&w, ". Hiding a feature also removes it from the network, as in TFP.\n");
  return w.len;
}

size_t nn_params_help(char *out, size_t cap) {
  nn_writer w = nn_writer_start(out, cap);
  nn_write(&w, "URL parameters (name, default, accepted values; \"live\": may change while "
               "training\nwithout restarting the experiment):\n");
  for (int i = 0; i < NN_P_COUNT; i++) {
    const nn_param *p = nn_param_row(i);
    char def[48], accepts[128], line[256];
    nn_param_default_text(p, def, sizeof def);
    nn_param_accepts(p, false, accepts, sizeof accepts);
    snprintf(line, sizeof line, "  %-19s %-9s %s%s\n", p->name, def, accepts,
             p->live ? "  (live)" : "");
    nn_write(&w, line);
  }
  nn_write(&w, "  <name>_hide         false     true hides that control of the page\n");
  nn_write(&w, "  epoch               0         0 <= epoch <= 1000000, whole: the epoch the link "
               "shows\n");
  nn_write(&w, "  NAME@EPOCH          -         a change at EPOCH: a live NAME (not speed, "
               "showTestData,\n                                discretize), wL.F.T (a weight) "
               "or bL.N (a bias)\n");
  return w.len;
}
