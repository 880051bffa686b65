/*
 * cli: `mamori <subcommand>`.  One table; each row names the command, a
 * one-line summary for `mamori --help`, and its function in src/cli/.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

struct cli_cmd {
	const char	*name;
	const char	*summary;
	int		(*fn)(int argc, char **argv);
};

static const struct cli_cmd cli_cmds[] = {
	{ "serve", "serve the web application", cmd_serve },
	{ "init", "create or upgrade the database; print the first-admin "
	    "link", cmd_init },
	{ "user", "add, list and change accounts (add|list|passwd|role|token)",
	    cmd_user },
	{ "office", "set up programme offices (add|list|member|advisor)",
	    cmd_office },
	{ "diagnosis", "score self-diagnosis answers collected offline "
	    "(score FILE.csv)", cmd_diagnosis },
	{ "backup", "copy the database to a file while it is in use",
	    cmd_backup },
	{ "restore", "read a backup into a new, empty database", cmd_restore },
	{ "export", "write the whole instance as one JSON file (--all)",
	    cmd_export },
	{ "import", "read an export into a new, empty database (any engine)",
	    cmd_import },
	{ "estimate", "what an incident would cost, from a scenario preset "
	    "(--preset KEY)", cmd_estimate },
	{ "check-config", "check the configuration and content packs",
	    cmd_check_config },
};

#define NCMDS	(sizeof(cli_cmds) / sizeof(cli_cmds[0]))

static void
cli_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: mamori <command> [options]\n\ncommands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-13s %s\n", cli_cmds[i].name,
		    cli_cmds[i].summary);
	fprintf(f, "\n`mamori <command> --help` describes each command.\n");
}

int
cli_main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		cli_usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		cli_usage(stdout);
		return 0;
	}
	for (i = 0; i < NCMDS; i++)
		if (strcmp(argv[1], cli_cmds[i].name) == 0)
			return cli_cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "mamori: unknown command '%s'\n", argv[1]);
	cli_usage(stderr);
	return 2;
}
