/* experiment.h — the unit the page holds: a config, its data, its network and its loss history.
 *
 * Lifecycle: nn_experiment_create() builds exactly what TFP builds on a fresh load of the URL
 * (seeded stream → data → shuffle → split → weights → epoch-0 losses); nn_experiment_destroy()
 * frees everything. Two experiments share nothing, so they may be used side by side.
 *
 * Memory: every pointer returned by an accessor is owned by the experiment and stays valid until
 * the next call that changes it (train, reset, regenerate, evaluate_grid with a new density) or
 * until destroy. Errors are return values (nn_status); nothing here aborts or exits.
 */
#ifndef NN_EXPERIMENT_H
#define NN_EXPERIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "changelog.h"
#include "config.h"
#include "network.h"

typedef enum {
  NN_OK = 0,
  NN_ERR_NOMEM = 1,    /* an allocation failed; the experiment is unchanged */
  NN_ERR_INVALID = 2,  /* an argument is out of range (message via nn_status_message) */
} nn_status;

/* A short English sentence for a status, e.g. "out of memory". */
const char *nn_status_message(nn_status s);

typedef struct { double x, y, label; } nn_point;

typedef struct nn_experiment nn_experiment;

/* Builds the experiment for `cfg`, which must already be validated (state.h) and carry a seed
 * (cfg->seed non-empty; see nn_seed_from_unseeded). On success *out owns a new experiment. */
nn_status nn_experiment_create(nn_experiment **out, const nn_config *cfg);
void nn_experiment_destroy(nn_experiment *e); /* NULL is allowed */

/* Trains `epochs` epochs (TFP's oneStep each, losses appended to the curve). epochs >= 0. */
nn_status nn_experiment_train(nn_experiment *e, int epochs);

/* Rows of the loss and accuracy curves that nn_experiment_train_sampled did not evaluate
 * (losses and accuracies are never negative). */
#define NN_NOT_EVALUATED (-1.0)

/* Trains as nn_experiment_train, with the same parameters after every epoch, but evaluates the
 * losses and accuracies only at epochs that are multiples of `every` (>= 1) and at the call's
 * last epoch, for a display that shows no more (the page's chart keeps a point every `every`
 * epochs): the other rows hold NN_NOT_EVALUATED. Divergence is still found at its exact epoch,
 * by training again from the last evaluated epoch when an evaluated one is not finite; from
 * then on every epoch is evaluated. Perceptron mode evaluates every epoch. */
nn_status nn_experiment_train_sampled(nn_experiment *e, int epochs, int every);

/* Back to the state a fresh load of the same config gives: same data, same initial weights,
 * epoch 0. (TFP's own reset button draws new weights from the running stream; a link could not
 * reproduce that, so nnplay's reset restores the link's experiment.) */
nn_status nn_experiment_reset(nn_experiment *e);

/* TFP's "regenerate": draws a new seed from the experiment's seeded stream, formatted like
 * Math.random().toFixed(5), stores it in the config and rebuilds as a fresh load of that seed. */
nn_status nn_experiment_regenerate(nn_experiment *e);

const nn_config *nn_experiment_config(const nn_experiment *e);
const nn_network *nn_experiment_network(const nn_experiment *e);
nn_network *nn_experiment_network_mut(nn_experiment *e); /* for edits of weights/biases by hand */

/* Recomputes the current train/test losses after a hand edit of the network (no training). The
 * last row of the loss curve is replaced by the new values. */
void nn_experiment_refresh_loss(nn_experiment *e);

int nn_experiment_epoch(const nn_experiment *e);

/* The loss curve: rows*2 doubles [train0, test0, train1, test1, ...], rows = epoch + 1. */
const double *nn_experiment_loss_curve(const nn_experiment *e, int *rows);

/* The accuracy curve, parallel to the loss curve: rows*2 doubles [train0, test0, ...], each
 * the fraction of points whose predicted class (+1 when output >= 0, else -1, TFP's
 * convention) equals the label; NaN for regression and an empty set. In perceptron mode it is
 * the step neuron's: 1 - the fraction misclassified (perceptron.h). */
const double *nn_experiment_accuracy_curve(const nn_experiment *e, int *rows);

/* Divergence. After each epoch (and at epoch 0, after reset and refresh_loss) the experiment
 * checks that the train and test losses (of non-empty sets) and every parameter are finite.
 * nn_experiment_diverged_at: the first epoch at which they were not, or -1 (none, or since
 * restored). Training goes on after divergence, as in TFP (the curve shows Infinity / NaN).
 * nn_experiment_last_finite_epoch: the last epoch before that whose state was finite (the
 * current epoch while not diverged). */
int nn_experiment_diverged_at(const nn_experiment *e);
int nn_experiment_last_finite_epoch(const nn_experiment *e);

/* "Go back to the last finite state": when diverged, restores the whole training state at
 * nn_experiment_last_finite_epoch (parameters, dead links, accumulated derivatives, optimiser
 * state, dropout stream), sets the epoch to it, which truncates the loss and accuracy curves to
 * that epoch, and clears the divergence. Training on from there repeats the same steps. Without
 * divergence, nothing changes. NN_ERR_INVALID only for e == NULL. */
nn_status nn_experiment_restore_finite(nn_experiment *e);

/* Moving training to another engine of the same link (the page trains in a Web Worker at speed
 * "max" while its own thread draws). The state is all that further training depends on: the
 * network's values (nn_network_save_values), the dropout stream, the epoch, the divergence and
 * the last finite state; it carries the loss and accuracy rows of epochs since+1 .. epoch too.
 *   nn_experiment_state_size: the bytes nn_experiment_save_state writes; 0 unless
 *     0 <= since <= epoch.
 *   nn_experiment_load_state: into an experiment of the same link, i.e. whose base config
 *     serializes (nn_state_serialize) to the sender's, seed included, and whose change log
 *     holds the entries the sender had applied and none else up to the sender's epoch (in
 *     practice built from the sender's link, at any epoch), which then trains on exactly as
 *     the sender would (settings included). Rows it neither has nor receives hold
 *     NN_NOT_EVALUATED.
 * Both return NN_ERR_INVALID, changing nothing, for a size that does not match, a state of
 * another layout, a state of another link (the state carries a 64-bit digest of the sender's
 * base hash and applied changes: another learning rate, seed, dataset, feature, ... is refused even with the same
 * layout) or a malformed one, and in perceptron mode (its error counts do not move); load_state
 * NN_ERR_NOMEM when the curves cannot grow. */
size_t nn_experiment_state_size(const nn_experiment *e, int since);
nn_status nn_experiment_save_state(const nn_experiment *e, int since, uint8_t *out, size_t size);
nn_status nn_experiment_load_state(nn_experiment *e, const uint8_t *in, size_t size);

/* ---- Changes while training: the experiment as a link (changelog.h) -------------------------
 *
 * The experiment holds its base config (the settings at epoch 0), a change log and a cursor:
 * training applies each entry when the experiment is at the entry's epoch (after that many
 * epochs were trained, before the next), so nn_experiment_train replays a link. A live change
 * sets the parameter from then on (nn_experiment_config gives the settings now); if it changes
 * the optimiser itself, the optimiser's state restarts at zero (m, v, t), while a change of
 * its coefficients keeps it; a batch size change keeps the derivatives accumulated so far (the
 * next update comes by TFP's rule (k + 1) % batchSize with the new size); a dropout change
 * continues the dropout stream. A hand edit sets one weight or bias and recomputes the losses
 * of the current epoch (its row of the curves is replaced, as by refresh_loss).
 *
 *   nn_experiment_set_changes: gives a new experiment (epoch 0) the log parsed from its link
 *     (nn_changelog_parse), moved in (*log is left empty); entries at epoch 0 apply at once.
 *   nn_experiment_change: a live change of parameter `name` (nn_change_param_id) to `value` as
 *     a link writes it, logged at the current epoch. NN_ERR_INVALID, nothing changed, with
 *     the reason in why[NN_NOTICE_REASON_LEN + 1] (may be NULL) for a name that is not live, a
 *     refused value, or a full log (NN_MAX_CHANGES).
 *   nn_experiment_set_weight / _set_bias: logged hand edits; layer >= 1 counts the layers after
 *     the inputs, the weight from node `from` of layer-1 to node `to` of layer; v finite.
 *   Logging an entry drops the entries the log held for later epochs (the link was opened and
 *   then changed on the way), and the target epoch becomes the current one if it was later.
 *   nn_experiment_link: the link of the screen: the base's hash, "epoch=E" (when E > 0) and
 *     the entries applied so far. snprintf-like. Opening it (nn_state_parse, create,
 *     nn_changelog_parse, set_changes) and training to its target epoch gives the same epoch,
 *     parameters and curves (rows evaluated by both) bit for bit.
 *   reset and regenerate make the settings now the new base and clear the log; restore_finite
 *   goes back to the settings of the finite state and drops the entries after it. */
nn_status nn_experiment_set_changes(nn_experiment *e, nn_changelog *log);
nn_status nn_experiment_change(nn_experiment *e, const char *name, const char *value,
                               char *why);
nn_status nn_experiment_set_weight(nn_experiment *e, int layer, int from, int to, double v);
nn_status nn_experiment_set_bias(nn_experiment *e, int layer, int node, double v);
size_t nn_experiment_link(const nn_experiment *e, char *out, size_t cap);
int nn_experiment_target_epoch(const nn_experiment *e);  /* the link's epoch */
const nn_config *nn_experiment_base_config(const nn_experiment *e);
const nn_changelog *nn_experiment_changes(const nn_experiment *e);
int nn_experiment_changes_applied(const nn_experiment *e); /* the cursor */

/* The dropout mask of the last training forward pass (the last point of the last epoch),
 * `count` = num_nodes doubles in network order: 0 for a dropped hidden node, 1/(1 - rate) for a
 * kept one, 1 for input and output nodes; all 1 without dropout or before training. Owned by
 * the experiment. Dropout draws from its own stream, seeded with cfg->seed + "|dropout" (so a
 * link reproduces it, and rate 0 leaves every TFP result unchanged); reset rewinds it. The
 * optimiser state is in the network (nn_experiment_network: opt_m, opt_v, opt_steps). */
const double *nn_experiment_dropout_mask(const nn_experiment *e, int *count);

const nn_point *nn_experiment_train_points(const nn_experiment *e, int *count);
const nn_point *nn_experiment_test_points(const nn_experiment *e, int *count);

/* Math.random() values consumed after the data reseed, as in fixtures' derived.math_random_draws. */
typedef struct { uint64_t generator, shuffle, weights; } nn_draw_counts;
nn_draw_counts nn_experiment_draw_counts(const nn_experiment *e);

/* Every node's output over a density×density grid of [-6, 6]² (row 0 is y = +6, column 0 is
 * x = -6; a cell's coordinate is d3's linear scale of its index: t = i/(density-1),
 * v = -6(1-t) + 6t). Node k's slice starts at k*density*density, nodes in network order, input
 * nodes included. Drawing only: float precision, possibly a faster tanh; training never reads it.
 * 2 <= density <= 200; returns NULL (and *status NN_ERR_INVALID) otherwise. */
const float *nn_experiment_evaluate_grid(nn_experiment *e, int density, nn_status *status);

/* toFixed(5) of an unseeded Math.random() draw r in [0, 1), exactly as JavaScript formats it
 * ("0.50000"), written to out (at least 8 bytes). Used when a URL has no seed. */
void nn_seed_from_unseeded(double r, char out[8]);

#endif
