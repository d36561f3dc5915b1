/* cli.h — the `nnplay` command line as a function (core/cli_main.c is only its main()).
 *
 *   nnplay run --hash '<TFP hash>' [--epochs N] [--unseeded-random R]
 *   nnplay params [--markdown]
 *   nnplay --help | nnplay run --help
 *
 * `params` prints the URL parameters (params.h), one line each; with --markdown, the table
 * README.md holds between its params:begin/params:end markers. `--help` ends with the same list.
 *
 * `run` builds the experiment a fresh TFP load of the hash builds, trains N epochs (default 0)
 * and prints ONE JSON object on `out`:
 *   state       as the fixtures' `state` (nn_state_json), with the seed actually used
 *   derived     {input_ids, layer_sizes, output_activation, num_samples,
 *                generator_noise_argument, split_index, num_train, num_test,
 *                math_random_draws: {generator, shuffle, weights}}
 *   train, test [[x, y, label], ...] after shuffle and split
 *   network     the initial parameters (before training): per layer after the input,
 *               [{"id": "1", "bias": b, "weights": [...]}, ...]
 *   loss_curve  [[train, test], ...] for epochs 0..N
 *   misclassified, perceptron   only with model=perceptron (perceptron.h):
 *               misclassified  [n0, n1, ...] misclassified training points after epochs 0..N
 *               perceptron     {"converged": bool, "epoch": first error-free epoch or null,
 *                               "separable_verdict": "converged" | "not-separable" |
 *                               "undecided", "message": one sentence, "patience": 50}
 *               (loss_curve then holds the fraction misclassified, train and test)
 *   notices     [{param, value, reason}, ...] what the hash asked for that was not used
 *               (plus "notices_dropped": n when more than NN_MAX_NOTICES occurred)
 * Numbers carry 17 significant digits (they parse back to the same double), -0 is -0.0, and
 * non-finite values are the strings "NaN", "Infinity", "-Infinity", as in the fixtures.
 *
 * The hash may start with one '#', which is dropped. A hash without a usable seed gets
 * nn_seed_from_unseeded(R) when --unseeded-random R is given (0 <= R < 1), else a seed drawn
 * from /dev/urandom (or the clock where that is missing), as TFP draws one.
 *
 * Output is built in memory and written at the end, so on any error nothing reaches `out`: one
 * line goes to `err` and the return value says why. Nothing here calls exit().
 */
#ifndef NN_CLI_H
#define NN_CLI_H

#include <stdio.h>

enum {
  NN_CLI_OK = 0,
  NN_CLI_FAILED = 1,         /* out of memory, or writing the output failed */
  NN_CLI_USAGE = 2,          /* bad command line: unknown command/flag, bad or missing value */
  NN_CLI_MAX_EPOCHS = 1000000,
  NN_CLI_MAX_HASH = 65536,   /* bytes, after the '#'; longer hashes are refused (a link with
                                10,000 own points is about 60,000) */
  NN_CLI_MAX_DATA_FILE = 64 << 20, /* bytes of a --data file */
};

/* Runs the command line argv[0..argc) (argv[0] is the program name). Returns the exit status:
 * NN_CLI_OK, NN_CLI_FAILED or NN_CLI_USAGE. */
int nn_cli_main(int argc, char **argv, FILE *out, FILE *err);

#endif
