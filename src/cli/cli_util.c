#include "cli/cli_int.h"

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xalloc.h"

bool
cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

int
cli_conf(int argc, char **argv, struct conf *c, char **rest, int *nrest,
    bool keep_unknown)
{
	const char *file = NULL;
	char **over = xcalloc((size_t)argc + 1, sizeof(char *));
	size_t nover = 0, i;
	char err[512];
	int k, rc = -1;

	*nrest = 0;
	for (k = 1; k < argc; k++) {
		const char *a = argv[k], *eq;
		char *name, *val;

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			rest[(*nrest)++] = argv[k];
			continue;
		}
		eq = strchr(a, '=');
		name = eq ? xstrndup(a + 2, (size_t)(eq - a - 2)) :
		    xstrdup(a + 2);
		if (strcmp(name, "config") != 0 && conf_find(name) < 0) {
			free(name);
			if (!keep_unknown) {
				fprintf(stderr, "mamori: unknown option '%s'\n",
				    a);
				goto out;
			}
			rest[(*nrest)++] = argv[k];
			continue;
		}
		if (eq)
			val = xstrdup(eq + 1);
		else if (k + 1 < argc)
			val = xstrdup(argv[++k]);
		else {
			fprintf(stderr, "mamori: option '%s' needs a value\n", a);
			free(name);
			goto out;
		}
		if (strcmp(name, "config") == 0) {
			file = eq ? eq + 1 : argv[k];
			free(val);
		} else {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s=%s", name, val);
			over[nover++] = buf_detach(&b);
			free(val);
		}
		free(name);
	}
	if (conf_load(c, file, over, nover, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < nover; i++)
		free(over[i]);
	free(over);
	return rc;
}

static char *
read_line(FILE *f)
{
	struct buf b = BUF_INIT;
	int ch;

	buf_init(&b, 4096);
	while ((ch = fgetc(f)) != EOF && ch != '\n')
		buf_addc(&b, (char)ch);
	if (b.n > 0 && b.p[b.n - 1] == '\r')
		b.p[--b.n] = '\0';
	if (b.err || (ch == EOF && b.n == 0)) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static char *
prompt_noecho(const char *prompt)
{
	struct termios old, quiet;
	char *line;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return read_line(stdin);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	line = read_line(stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return line;
}

char *
cli_read_password(bool from_stdin)
{
	char *a, *b;

	if (from_stdin || !isatty(STDIN_FILENO)) {
		if ((a = read_line(stdin)) == NULL)
			fprintf(stderr, "mamori: no password on standard "
			    "input\n");
		return a;
	}
	if ((a = prompt_noecho("Password: ")) == NULL)
		return NULL;
	if ((b = prompt_noecho("Password again: ")) == NULL ||
	    strcmp(a, b) != 0) {
		fprintf(stderr, "mamori: the passwords differ\n");
		free(a);
		free(b);
		return NULL;
	}
	free(b);
	return a;
}
