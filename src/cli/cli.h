/*
 * cli: the `mamori <subcommand>` commands.  Each cmd_* takes the arguments
 * after the subcommand name (argv[0] is the subcommand itself) and returns
 * the process exit status: 0 success, 1 failure, 2 bad usage or bad input.
 */
#ifndef MAMORI_CLI_H
#define MAMORI_CLI_H

/* Run `mamori ARGV…`: argv[1] names the command. */
int	cli_main(int argc, char **argv);

int	cmd_serve(int argc, char **argv);
int	cmd_init(int argc, char **argv);
int	cmd_user(int argc, char **argv);
int	cmd_diagnosis(int argc, char **argv);
int	cmd_office(int argc, char **argv);
int	cmd_backup(int argc, char **argv);
int	cmd_export(int argc, char **argv);
int	cmd_import(int argc, char **argv);
int	cmd_restore(int argc, char **argv);
int	cmd_check_config(int argc, char **argv);
int	cmd_estimate(int argc, char **argv);

#endif
