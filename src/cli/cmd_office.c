/*
 * cmd_office: `mamori office add|list|member|advisor`, the instance
 * admin's way to set up programme offices (model/office.h) from the
 * console.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/arena.h"
#include "cli/cli.h"
#include "cli/cli_int.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/office.h"

static void
office_usage(FILE *f)
{
	fprintf(f,
	    "usage: mamori office add NAME [--db URL]\n"
	    "       mamori office list [--db URL]\n"
	    "       mamori office member OFFICE EMAIL "
	    "--role office_admin|office_staff [--db URL]\n"
	    "       mamori office advisor OFFICE EMAIL [--db URL]\n"
	    "\nOFFICE is the office's name or its number.\n");
}

struct office_args {
	const char	*sub;
	const char	*arg[2];	/* NAME, or OFFICE and EMAIL */
	int		 narg;
	const char	*role;
};

static int
parse_args(int nrest, char **rest, struct office_args *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < nrest; i++) {
		if (strcmp(rest[i], "--role") == 0 && i + 1 < nrest)
			o->role = rest[++i];
		else if (strncmp(rest[i], "--role=", 7) == 0)
			o->role = rest[i] + 7;
		else if (rest[i][0] == '-' && rest[i][1] != '\0') {
			fprintf(stderr, "mamori office: unknown option '%s'\n",
			    rest[i]);
			return -1;
		} else if (o->sub == NULL)
			o->sub = rest[i];
		else if (o->narg < 2)
			o->arg[o->narg++] = rest[i];
		else {
			fprintf(stderr, "mamori office: unexpected argument "
			    "'%s'\n", rest[i]);
			return -1;
		}
	}
	if (o->sub == NULL) {
		office_usage(stderr);
		return -1;
	}
	return 0;
}

/* The office named (or numbered) in; prints why not and returns 2. */
static int
find_office(struct db_conn *c, const char *in, int64_t *id)
{
	struct office o;
	struct arena ar;
	char *end;
	long long n;
	int rc;

	if (in == NULL) {
		office_usage(stderr);
		return 2;
	}
	if ((rc = office_by_name(c, in, id)) == DB_OK)
		return 0;
	n = strtoll(in, &end, 10);
	if (rc == OFFICE_NONE && *in != '\0' && *end == '\0' && n > 0) {
		arena_init(&ar);
		rc = office_get(c, &ar, n, &o);
		arena_free(&ar);
		if (rc == DB_OK) {
			*id = n;
			return 0;
		}
	}
	if (rc == OFFICE_NONE) {
		fprintf(stderr, "mamori office: no office '%s'\n", in);
		return 2;
	}
	fprintf(stderr, "mamori office: database error\n");
	return 1;
}

/* The account of in; prints why not and returns 2. */
static int
find_user(struct db_conn *c, struct arena *ar, const char *in,
    struct user *u)
{
	char *email;

	if (in == NULL || account_email_norm(ar, in, &email) != 0) {
		fprintf(stderr, "mamori office: '%s' is not an e-mail "
		    "address\n", in ? in : "");
		return 2;
	}
	if (user_by_email(c, ar, email, u) != 0) {
		fprintf(stderr, "mamori office: no account for %s\n", email);
		return 2;
	}
	return 0;
}

static int
office_add_cmd(struct db_conn *c, const struct office_args *o)
{
	int64_t id;
	int rc;

	if (o->narg != 1) {
		office_usage(stderr);
		return 2;
	}
	rc = office_add(c, o->arg[0], account_now(), &id);
	if (rc == OFFICE_EXISTS) {
		fprintf(stderr, "mamori office add: an office is called '%s' "
		    "already\n", o->arg[0]);
		return 2;
	}
	if (rc == DB_E_CONSTRAINT) {
		fprintf(stderr, "mamori office add: a name needs 1 to %d "
		    "characters of UTF-8\n", OFFICE_NAME_MAX);
		return 2;
	}
	if (rc != DB_OK) {
		fprintf(stderr, "mamori office add: database error\n");
		return 1;
	}
	audit(c, 0, 0, AUDIT_OFFICE_ADDED, o->arg[0], AUDIT_ADDR_CLI);
	printf("%" PRId64 "\t%s\n", id, o->arg[0]);
	return 0;
}

static int
office_list_cmd(struct db_conn *c, struct arena *ar)
{
	struct office *v;
	size_t n, i;

	if (office_list(c, ar, &v, &n) != DB_OK) {
		fprintf(stderr, "mamori office list: database error\n");
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("%" PRId64 "\t%s\n", v[i].id, v[i].name);
	return 0;
}

static int
office_person_cmd(struct db_conn *c, struct arena *ar,
    const struct office_args *o, bool advisor)
{
	struct user u;
	int64_t id;
	int role = 0, rc;

	if (o->narg != 2) {
		office_usage(stderr);
		return 2;
	}
	if (!advisor && (o->role == NULL ||
	    (role = office_role_of(o->role)) < 0)) {
		fprintf(stderr, "mamori office member: --role must be "
		    "office_admin or office_staff\n");
		return 2;
	}
	if ((rc = find_office(c, o->arg[0], &id)) != 0 ||
	    (rc = find_user(c, ar, o->arg[1], &u)) != 0)
		return rc;
	rc = advisor ? office_advisor_put(c, id, u.id) :
	    office_member_put(c, id, u.id, (enum office_role)role);
	if (rc != DB_OK) {
		fprintf(stderr, "mamori office: database error\n");
		return 1;
	}
	audit(c, 0, u.id, advisor ? AUDIT_OFFICE_ADVISOR : AUDIT_OFFICE_MEMBER,
	    arena_printf(ar, "%s: %s%s%s", o->arg[0], u.email, advisor ? "" :
	    " ", advisor ? "" : o->role), AUDIT_ADDR_CLI);
	if (advisor)
		printf("%s advises for office %" PRId64 "\n", u.email, id);
	else
		printf("%s is %s of office %" PRId64 "\n", u.email, o->role, id);
	return 0;
}

int
cmd_office(int argc, char **argv)
{
	struct office_args oa;
	struct db_conn *dc;
	struct conf c;
	struct app a;
	struct arena ar;
	char err[512], **rest;
	int nrest, rc;

	if (cli_wants_help(argc, argv)) {
		office_usage(stdout);
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (cli_conf(argc, argv, &c, rest, &nrest, true) != 0 ||
	    parse_args(nrest, rest, &oa) != 0) {
		free(rest);
		conf_free(&c);
		return 2;
	}
	free(rest);
	if (app_open_db(&a, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		app_free(&a);
		conf_free(&c);
		return 2;
	}
	arena_init(&ar);
	dc = db_acquire(a.db);
	if (strcmp(oa.sub, "add") == 0)
		rc = office_add_cmd(dc, &oa);
	else if (strcmp(oa.sub, "list") == 0)
		rc = office_list_cmd(dc, &ar);
	else if (strcmp(oa.sub, "member") == 0)
		rc = office_person_cmd(dc, &ar, &oa, false);
	else if (strcmp(oa.sub, "advisor") == 0)
		rc = office_person_cmd(dc, &ar, &oa, true);
	else {
		fprintf(stderr, "mamori office: unknown subcommand '%s'\n",
		    oa.sub);
		office_usage(stderr);
		rc = 2;
	}
	db_release(a.db, dc);
	arena_free(&ar);
	app_free(&a);
	conf_free(&c);
	return rc;
}
