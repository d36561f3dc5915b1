/* cli_main.c — the `nnplay` executable; everything else is in cli.c. */
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv) { return nn_cli_main(argc, argv, stdout, stderr); }
