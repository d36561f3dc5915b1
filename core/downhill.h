/* downhill.h — optimisers rolling downhill: SGD, momentum, RMSprop and Adam descending a loss
 * surface of two parameters (the downhill panel; config.h: nn_surface, nn_downhill_config).
 *
 * A surface is f(x, y) with its gradient, both written with +, - and * only (no libm), so any
 * language computes the same bits. The page's map spans [-2, 2] x [-2, 2]:
 *
 *   bowl    f = (x^2 + 10 y^2) / 2                 grad = (x, 10 y)
 *           an elongated bowl: the minimum (0, 0) at the bottom of a narrow trough, steep
 *           across it, shallow along it
 *   valley  f = (1 - x)^2 + 5 (y - x^2)^2          grad = (-2 (1 - x) - 20 x (y - x^2),
 *                                                          10 (y - x^2))
 *           Rosenbrock's curved valley (with 5 for his 100): the minimum (1, 1) at the end of a
 *           banana-shaped floor
 *   saddle  f = x^4 / 4 - x^2 / 2 + y^2            grad = (x^3 - x, 2 y)
 *           a saddle at (0, 0) between two minima (-1, 0) and (1, 0)
 *   (none has f = 0 everywhere)
 *
 * One step of optimiser o at learning rate lr from parameters p = (x, y), with its state m, v
 * and t (all 0 at the start): g = grad f(p); t = t + 1; the step s from the engine's own
 * per-parameter update, nn_opt_steps (optimizer.h: the same formulas that train the network,
 * on the plain gradient, no batch average); p = p - s. SGD's step is lr g.
 */
#ifndef NN_DOWNHILL_H
#define NN_DOWNHILL_H

#include "config.h"
#include "optimizer.h"

enum { NN_DOWNHILL_MAX_STEPS = 100000 };

/* f(x, y) and its gradient g[2] on surface s (0 for an unknown s). */
double nn_surface_value(nn_surface s, double x, double y);
void nn_surface_gradient(nn_surface s, double x, double y, double g[2]);

/* Surface s's own start and learning rates, chosen so that each optimiser shows its character
 * there: {x, y, SGD's, momentum's, RMSprop's, Adam's} (static; none's for an unknown s). */
const double *nn_downhill_own(nn_surface s);

/* The start point p[2] and each optimiser's learning rate that c asks for: its own values, or
 * the surface's where they are NN_DOWNHILL_OWN. */
void nn_downhill_start(const nn_downhill_config *c, double p[2]);
double nn_downhill_rate(const nn_downhill_config *c, nn_optimizer o);

/* One walker: the parameters and the optimiser's state. */
typedef struct {
  double p[2], m[2], v[2];
  long long t;
} nn_downhill_walker;

/* A walker at (x, y) with zero state. */
nn_downhill_walker nn_downhill_walker_at(double x, double y);

/* One step of o (o->kind picks the optimiser) at rate lr on surface s (header comment). */
void nn_downhill_step(nn_downhill_walker *w, nn_surface s, const nn_optimizer_opts *o, double lr);

/* The path of `steps` steps from (x0, y0): out[2k], out[2k + 1] = the point after k steps,
 * k = 0..steps (caller-owned, 2 (steps + 1) doubles). Points go on past any overflow (inf,
 * NaN), as the formulas give them. Returns false, writing nothing, when steps is outside
 * 0..NN_DOWNHILL_MAX_STEPS or out is NULL. */
bool nn_downhill_path(nn_surface s, const nn_optimizer_opts *o, double lr, double x0, double y0,
                      int steps, double *out);

#endif
