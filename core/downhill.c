/* downhill.c — optimisers on a surface of two parameters (downhill.h). */
#include "downhill.h"

#include <stddef.h>

/* Each surface's start (x, y) and rates (SGD, momentum, RMSprop, Adam). */
static const double OWN[NN_SURFACE_COUNT][2 + NN_OPT_COUNT] = {
  [NN_SURFACE_NONE] = {0, 0, 0.1, 0.1, 0.1, 0.1},
  [NN_SURFACE_BOWL] = {-1.8, 0.9, 0.18, 0.03, 0.05, 0.2},
  [NN_SURFACE_VALLEY] = {-1.2, 1.8, 0.01, 0.002, 0.05, 0.1},
  [NN_SURFACE_SADDLE] = {0.001, 1.8, 0.1, 0.02, 0.05, 0.1},
};

static nn_surface known(nn_surface s) {
  return (unsigned)s < NN_SURFACE_COUNT ? s : NN_SURFACE_NONE;
}

double nn_surface_value(nn_surface s, double x, double y) {
  switch (s) {
    case NN_SURFACE_BOWL: return (x * x + 10 * (y * y)) / 2;
    case NN_SURFACE_VALLEY: {
      double a = 1 - x, b = y - x * x;
      return a * a + 5 * (b * b);
    }
    case NN_SURFACE_SADDLE: {
      double x2 = x * x;
      return x2 * x2 / 4 - x2 / 2 + y * y;
    }
    default: return 0;
  }
}

void nn_surface_gradient(nn_surface s, double x, double y, double g[2]) {
  switch (s) {
    case NN_SURFACE_BOWL:
      g[0] = x;
      g[1] = 10 * y;
      return;
    case NN_SURFACE_VALLEY: {
      double b = y - x * x;
      g[0] = -2 * (1 - x) - 20 * x * b;
      g[1] = 10 * b;
      return;
    }
    case NN_SURFACE_SADDLE:
      g[0] = x * x * x - x;
      g[1] = 2 * y;
      return;
    default: g[0] = g[1] = 0; return;
  }
}

const double *nn_downhill_own(nn_surface s) { return OWN[known(s)]; }

void nn_downhill_start(const nn_downhill_config *c, double p[2]) {
  const double *own = nn_downhill_own(c->surface);
  for (int k = 0; k < 2; k++) p[k] = c->start[k] == NN_DOWNHILL_OWN ? own[k] : c->start[k];
}

double nn_downhill_rate(const nn_downhill_config *c, nn_optimizer o) {
  if ((unsigned)o >= NN_OPT_COUNT) o = NN_OPT_SGD;
  return c->rate[o] == NN_DOWNHILL_OWN ? nn_downhill_own(c->surface)[2 + o] : c->rate[o];
}

nn_downhill_walker nn_downhill_walker_at(double x, double y) {
  nn_downhill_walker w = {{x, y}, {0, 0}, {0, 0}, 0};
  return w;
}

void nn_downhill_step(nn_downhill_walker *w, nn_surface s, const nn_optimizer_opts *o, double lr) {
  double g[2];
  nn_surface_gradient(s, w->p[0], w->p[1], g);
  w->t++;
  nn_opt_steps(o, g, w->m, w->v, NULL, 2, lr, w->t); /* g becomes the step */
  w->p[0] = w->p[0] - g[0];
  w->p[1] = w->p[1] - g[1];
}

bool nn_downhill_path(nn_surface s, const nn_optimizer_opts *o, double lr, double x0, double y0,
                      int steps, double *out) {
  if (!out || steps < 0 || steps > NN_DOWNHILL_MAX_STEPS) return false;
  nn_downhill_walker w = nn_downhill_walker_at(x0, y0);
  out[0] = x0;
  out[1] = y0;
  for (int k = 1; k <= steps; k++) {
    nn_downhill_step(&w, s, o, lr);
    out[2 * k] = w.p[0];
    out[2 * k + 1] = w.p[1];
  }
  return true;
}
