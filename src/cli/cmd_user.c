/*
 * cmd_user: `mamori user add|list|passwd|role|token`, for scripts and for
 * the operator at the console.
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
#include "model/totp.h"

static void
user_usage(FILE *f)
{
	fprintf(f,
	    "usage: mamori user add EMAIL --role admin|advisor|member "
	    "[--password-stdin] [--db URL]\n"
	    "       mamori user list [--db URL]\n"
	    "       mamori user passwd EMAIL [--password-stdin] [--db URL]\n"
	    "       mamori user role EMAIL admin|advisor|member [--db URL]\n"
	    "       mamori user token EMAIL [--db URL]\n"
	    "       mamori user twostep-off EMAIL [--db URL]\n"
	    "\nWithout --password-stdin the password is asked for twice "
	    "on the terminal.\nPasswords need at least 10 characters.\n");
}

struct user_args {
	const char	*sub;
	const char	*email;
	const char	*role;
	bool		 pw_stdin;
};

static int
parse_args(int nrest, char **rest, struct user_args *u)
{
	int i, pos = 0;

	memset(u, 0, sizeof(*u));
	for (i = 0; i < nrest; i++) {
		if (strcmp(rest[i], "--password-stdin") == 0)
			u->pw_stdin = true;
		else if (strcmp(rest[i], "--role") == 0 && i + 1 < nrest)
			u->role = rest[++i];
		else if (strncmp(rest[i], "--role=", 7) == 0)
			u->role = rest[i] + 7;
		else if (rest[i][0] == '-') {
			fprintf(stderr, "mamori user: unknown option '%s'\n",
			    rest[i]);
			return -1;
		} else if (pos == 0)
			u->sub = rest[i], pos++;
		else if (pos == 1)
			u->email = rest[i], pos++;
		else if (pos == 2 && u->role == NULL)
			u->role = rest[i], pos++;
		else {
			fprintf(stderr, "mamori user: unexpected argument "
			    "'%s'\n", rest[i]);
			return -1;
		}
	}
	if (u->sub == NULL) {
		user_usage(stderr);
		return -1;
	}
	return 0;
}

static int
get_password(bool from_stdin, char **hash)
{
	char *pw = cli_read_password(from_stdin);

	if (pw == NULL)
		return 2;
	if (account_password_ok(pw) != 0) {
		fprintf(stderr, "mamori user: the password needs 10 to 256 "
		    "characters\n");
		free(pw);
		return 2;
	}
	*hash = account_hash_password(pw);
	free(pw);
	return *hash ? 0 : 1;
}

static int
user_add(struct app *a, struct arena *ar, const struct user_args *u)
{
	struct db_conn *c;
	char *email, *hash = NULL;
	int role, rc;
	int64_t id;

	if (u->email == NULL || account_email_norm(ar, u->email, &email) != 0) {
		fprintf(stderr, "mamori user add: '%s' is not an e-mail "
		    "address\n", u->email ? u->email : "");
		return 2;
	}
	if (u->role == NULL || (role = user_role_from_key(u->role)) < 0) {
		fprintf(stderr, "mamori user add: --role must be admin, advisor "
		    "or member\n");
		return 2;
	}
	if ((rc = get_password(u->pw_stdin, &hash)) != 0)
		return rc;
	c = db_acquire(a->db);
	rc = user_insert(c, email, hash, role, a->lang, &id);
	if (rc == DB_OK)
		audit(c, 0, id, AUDIT_USER_ADDED, email, AUDIT_ADDR_CLI);
	db_release(a->db, c);
	free(hash);
	if (rc == DB_E_CONSTRAINT) {
		fprintf(stderr, "mamori user add: %s already has an account\n",
		    email);
		return 2;
	}
	if (rc != DB_OK) {
		fprintf(stderr, "mamori user add: database error\n");
		return 1;
	}
	printf("added %s (%s)\n", email, u->role);
	return 0;
}

static int
user_list(struct app *a)
{
	struct db_conn *c = db_acquire(a->db);
	struct db_stmt *st = db_stmt(c, STMT_USER_LIST);

	while (db_step(st) == DB_ROW) {
		struct str e = db_col_text(st, 1), r = db_col_text(st, 2);

		printf("%.*s\t%.*s\n", (int)e.n, e.p, (int)r.n, r.p);
	}
	db_release(a->db, c);
	return 0;
}

/* The user named on the command line; prints why not and returns 2. */
static int
find_user(struct app *a, struct arena *ar, const char *in, struct user *u)
{
	struct db_conn *c;
	char *email;
	int rc;

	if (in == NULL || account_email_norm(ar, in, &email) != 0) {
		fprintf(stderr, "mamori user: '%s' is not an e-mail address\n",
		    in ? in : "");
		return 2;
	}
	c = db_acquire(a->db);
	rc = user_by_email(c, ar, email, u);
	db_release(a->db, c);
	if (rc != 0) {
		fprintf(stderr, "mamori user: no account for %s\n", email);
		return 2;
	}
	return 0;
}

static int
user_passwd(struct app *a, struct arena *ar, const struct user_args *ua)
{
	struct db_conn *c;
	struct db_stmt *st;
	struct user u;
	char *hash = NULL;
	int rc;

	if ((rc = find_user(a, ar, ua->email, &u)) != 0)
		return rc;
	if ((rc = get_password(ua->pw_stdin, &hash)) != 0)
		return rc;
	c = db_acquire(a->db);
	st = db_stmt(c, STMT_USER_SET_PASSWORD);
	db_bind_int(st, 1, u.id);
	db_bind_text(st, 2, str_c(hash));
	rc = db_exec(st);
	if (rc == DB_OK) {
		st = db_stmt(c, STMT_SESSION_DELETE_USER);
		db_bind_int(st, 1, u.id);
		db_exec(st);
		audit(c, 0, u.id, AUDIT_PASSWORD_CHANGED, "", AUDIT_ADDR_CLI);
	}
	db_release(a->db, c);
	free(hash);
	printf("password of %s changed; its sessions ended\n", u.email);
	return rc == DB_OK ? 0 : 1;
}

static int
user_role(struct app *a, struct arena *ar, const struct user_args *ua)
{
	struct db_conn *c;
	struct db_stmt *st;
	struct user u;
	int role, rc;

	if ((rc = find_user(a, ar, ua->email, &u)) != 0)
		return rc;
	if (ua->role == NULL || (role = user_role_from_key(ua->role)) < 0) {
		fprintf(stderr, "mamori user role: the role must be admin, "
		    "advisor or member\n");
		return 2;
	}
	c = db_acquire(a->db);
	st = db_stmt(c, STMT_USER_SET_ROLE);
	db_bind_int(st, 1, u.id);
	db_bind_text(st, 2, str_c(ua->role));
	rc = db_exec(st);
	if (rc == DB_OK)
		audit(c, 0, u.id, AUDIT_ROLE_CHANGED, arena_printf(ar,
		    "%s → %s", user_role_key(u.role), ua->role),
		    AUDIT_ADDR_CLI);
	db_release(a->db, c);
	printf("%s is now %s\n", u.email, ua->role);
	return rc == DB_OK ? 0 : 1;
}

static int
user_token(struct app *a, struct arena *ar, const struct user_args *ua)
{
	struct db_conn *c;
	struct user u;
	char tok[TOKEN_LEN + 1];
	int rc;

	if ((rc = find_user(a, ar, ua->email, &u)) != 0)
		return rc;
	c = db_acquire(a->db);
	rc = user_new_token(c, u.id, account_now() +
	    a->conf.num[CONF_API_TOKEN_DAYS] * 86400L, tok);
	if (rc == DB_OK)
		audit(c, 0, u.id, AUDIT_API_TOKEN_CREATED, "", AUDIT_ADDR_CLI);
	db_release(a->db, c);
	if (rc != DB_OK)
		return 1;
	printf("%s\n", tok);
	return 0;
}

/* Turn a user's two-step sign-in off (a lost phone and lost backup
 * codes): the secret and the codes go, and the audit log says it was
 * done here. */
static int
user_twostep_off(struct app *a, struct arena *ar, const struct user_args *ua)
{
	struct db_conn *c;
	struct user u;
	int rc;

	if ((rc = find_user(a, ar, ua->email, &u)) != 0)
		return rc;
	c = db_acquire(a->db);
	rc = totp_delete(c, u.id);
	if (rc == DB_OK)
		audit(c, 0, u.id, AUDIT_TWOSTEP_OFF, "cli", AUDIT_ADDR_CLI);
	db_release(a->db, c);
	if (rc != DB_OK)
		return 1;
	printf("two-step sign-in is off for %s\n", u.email);
	return 0;
}

int
cmd_user(int argc, char **argv)
{
	struct user_args ua;
	struct conf c;
	struct app a;
	struct arena ar;
	char err[512], **rest;
	int nrest, rc;

	if (cli_wants_help(argc, argv)) {
		user_usage(stdout);
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (cli_conf(argc, argv, &c, rest, &nrest, true) != 0 ||
	    parse_args(nrest, rest, &ua) != 0) {
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
	if (strcmp(ua.sub, "add") == 0)
		rc = user_add(&a, &ar, &ua);
	else if (strcmp(ua.sub, "list") == 0)
		rc = user_list(&a);
	else if (strcmp(ua.sub, "passwd") == 0)
		rc = user_passwd(&a, &ar, &ua);
	else if (strcmp(ua.sub, "role") == 0)
		rc = user_role(&a, &ar, &ua);
	else if (strcmp(ua.sub, "token") == 0)
		rc = user_token(&a, &ar, &ua);
	else if (strcmp(ua.sub, "twostep-off") == 0)
		rc = user_twostep_off(&a, &ar, &ua);
	else {
		fprintf(stderr, "mamori user: unknown subcommand '%s'\n",
		    ua.sub);
		user_usage(stderr);
		rc = 2;
	}
	arena_free(&ar);
	app_free(&a);
	conf_free(&c);
	return rc;
}
