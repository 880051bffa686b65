/*
 * cli_int.h: helpers shared by the cmd_*.c files.
 */
#ifndef MAMORI_CLI_INT_H
#define MAMORI_CLI_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "conf/conf.h"

/*
 * Read the configuration for a command: defaults, then --config FILE,
 * then any --NAME VALUE / --NAME=VALUE of the option table.  Arguments
 * that are not options are left, in order, in rest[0..*nrest).  Options
 * outside the table are left in rest too when keep_unknown, else an
 * error.  Prints one line and returns -1 on a bad option.
 */
int	cli_conf(int argc, char **argv, struct conf *c, char **rest,
	    int *nrest, bool keep_unknown);
/* True when argv has -h or --help. */
bool	cli_wants_help(int argc, char **argv);
/* Read a password: from stdin (one line) when from_stdin or stdin is not
 * a terminal, else prompt twice with echo off.  Returns a malloc'd string
 * or NULL (message printed). */
char	*cli_read_password(bool from_stdin);

#endif
