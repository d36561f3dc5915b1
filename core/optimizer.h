/* optimizer.h — momentum, RMSprop and Adam beside TFP's plain SGD.
 *
 * Plain SGD is TFP's updateWeights, bit for bit (network.h: nn_dense_update / nn_network_update).
 * The others follow TFP's batch semantics too: derivatives accumulate over batch_size points
 * (across epochs), and at each update every parameter's step is computed from the
 * BATCH-AVERAGED gradient g = accumulated derivative / count (count = backward passes since the
 * last update; every node gets one per point, so it is the same for all). With lr the learning
 * rate, per parameter, state arrays parallel to params (network.h: opt_m, opt_v), all 0 after
 * initialisation or reset:
 *
 *   momentum  m = mu m + g;                  step = lr m
 *             (PyTorch's form; mu = cfg->momentum)
 *   rmsprop   v = rho v + (1 - rho) g^2;     step = lr g / (sqrt(v) + eps)
 *   adam      Kingma & Ba (2015), Algorithm 1, t = net->opt_steps after increment (1 at the
 *             first update):
 *             m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
 *             mhat = m / (1 - b1^t);  vhat = v / (1 - b2^t);  step = lr mhat / (sqrt(vhat) + eps)
 *             (at t = 1, mhat = g and vhat = g^2, so step = lr g / (|g| + eps) ~ lr sign(g)).
 *
 * then, per parameter, with w the value before this update:
 *   bias:   b = b - step                         (biases are never regularised, as in TFP)
 *   weight: w' = w - step;  c = w' - (lr * reg_rate) R'(w);
 *           L1 and w' * c < 0: w = 0, the link dies; else w = c   (TFP's regularisation step)
 * Dead links (L1) never move and their state stays as it was. Accumulators and counts are
 * zeroed. With nothing accumulated (the output node's count is 0) nothing happens.
 */
#ifndef NN_OPTIMIZER_H
#define NN_OPTIMIZER_H

#include <stdint.h>

#include "config.h"
#include "network.h"

typedef struct {
  nn_optimizer kind;
  double momentum;   /* momentum's mu */
  double rho;        /* RMSprop's decay */
  double beta1, beta2, epsilon;
} nn_optimizer_opts;

/* The optimiser settings of cfg. */
nn_optimizer_opts nn_optimizer_opts_from_config(const nn_config *cfg);

/* ---- Kernels: pure functions over n parameters -------------------------------------------
 * g[n]: in: the batch-averaged gradient; out: the step to subtract from each parameter.
 * State arrays m[n], v[n] parallel to g. Entries with skip[k] != 0 (dead links; skip may be
 * NULL) get step 0 and keep their state. */
void nn_opt_sgd(double *g, const uint8_t *skip, int n, double lr); /* step = lr g */
void nn_opt_momentum(double *g, double *m, const uint8_t *skip, int n, double lr, double mu);
void nn_opt_rmsprop(double *g, double *v, const uint8_t *skip, int n, double lr, double rho,
                    double eps);
void nn_opt_adam(double *g, double *m, double *v, const uint8_t *skip, int n, double lr,
                 double beta1, double beta2, double eps, long long t);

/* o's kernel (SGD's for an unknown kind) on n parameters: g -> steps, m and v updated, t the
 * update's number counted from 1 (Adam's bias correction). The one dispatch from an optimiser
 * to its formulas, for the network (below; SGD there is TFP's own update) and the downhill
 * panel (downhill.h). */
void nn_opt_steps(const nn_optimizer_opts *o, double *g, double *m, double *v,
                  const uint8_t *skip, int n, double lr, long long t);

/* ---- Whole network -------------------------------------------------------------------------*/

/* Applies the accumulated derivatives with o's optimiser (the header comment above), learning
 * rate lr and regularisation reg at reg_rate; SGD is exactly nn_network_update. */
void nn_network_update_opt(nn_network *net, const nn_optimizer_opts *o, double lr,
                           nn_regularization reg, double reg_rate);

#endif
