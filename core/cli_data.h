/* cli_data.h — `nnplay run --data FILE`: a file's points into the config, as the page imports
 * them (points_file.h). */
#ifndef NN_CLI_DATA_H
#define NN_CLI_DATA_H

#include <stdio.h>

#include "state.h"

/* Reads and parses the file at path into cfg (its data and problem), adding a notice (param
 * "data", value the path) when rows were dropped. Returns -1 when done, else the exit status
 * after one line on err: NN_CLI_USAGE for a file that cannot be read, is too large or has no
 * point; NN_CLI_FAILED for out of memory. */
int nn_cli_load_data(const char *path, nn_config *cfg, nn_notices *ns, FILE *err);

#endif
