#include "model/policy.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "model/figures.h"
#include "model/office.h"

static const char *const commitment_keys[PC__MAX] = {
	[PC_LEADERSHIP] = "leadership",
	[PC_ORGANISATION] = "organisation",
	[PC_PEOPLE] = "people",
	[PC_COMPLIANCE] = "compliance",
	[PC_INCIDENTS] = "incidents",
};

static const char *const scope_keys[PS__MAX] = {
	[PS_ENTRUSTED] = "entrusted",
	[PS_OWN] = "own",
	[PS_BOTH] = "both",
};

static const char *const field_keys[PF__MAX] = {
	[PF_COMPANY] = "company",
	[PF_SCOPE] = "scope",
	[PF_PREAMBLE] = "preamble",
	[PF_COMMITMENTS] = "commitments",
	[PF_CLOSING] = "closing",
	[PF_ENACTED] = "enacted",
	[PF_REP_TITLE] = "rep_title",
	[PF_REP_NAME] = "rep_name",
};

const char *
policy_commitment_key(enum policy_commitment c)
{
	return c >= 0 && c < PC__MAX ? commitment_keys[c] : "";
}

const char *
policy_scope_key(enum policy_scope s)
{
	return (int)s >= 0 && s < PS__MAX ? scope_keys[s] : "";
}

const char *
policy_field_key(enum policy_field f)
{
	return f >= 0 && f < PF__MAX ? field_keys[f] : "";
}

int
policy_scope_from_key(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < PS__MAX; i++)
		if (strcmp(s, scope_keys[i]) == 0)
			return i;
	return -1;
}

bool
policy_filled(const char *s)
{
	for (; s != NULL && *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		if ((unsigned char)s[0] == 0xe3 && (unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] == 0x80) {
			s += 2;
			continue;
		}
		return true;
	}
	return false;
}

int
policy_missing(const struct policy_body *b, bool missing[PF__MAX])
{
	int i, n = 0;

	memset(missing, 0, sizeof(missing[0]) * PF__MAX);
	missing[PF_COMPANY] = !policy_filled(b->company);
	missing[PF_SCOPE] = b->scope < 0 || b->scope >= PS__MAX ||
	    !policy_filled(b->scope_text);
	missing[PF_PREAMBLE] = !policy_filled(b->preamble);
	for (i = 0; i < PC__MAX; i++)
		if (!policy_filled(b->c[i].title) || !policy_filled(b->c[i].text))
			missing[PF_COMMITMENTS] = true;
	missing[PF_ENACTED] = !policy_date_ok(b->enacted);
	missing[PF_REP_TITLE] = !policy_filled(b->rep_title);
	missing[PF_REP_NAME] = !policy_filled(b->rep_name);
	for (i = 0; i < PF__MAX; i++)
		n += missing[i];
	return n;
}

bool
policy_date_ok(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return false;
	return true;
}

bool
policy_slug_ok(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n < POLICY_SLUG_MIN || n > POLICY_SLUG_MAX || s[0] == '-' ||
	    s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

void
policy_body_json(struct buf *out, const struct policy_body *b)
{
	json_t *o, *cs, *one;
	char *s;
	int i;

	o = json_object();
	json_object_set_new(o, "lang", json_string(b->lang));
	json_object_set_new(o, "company", json_string(b->company));
	json_object_set_new(o, "scope", json_string(b->scope >= 0 &&
	    b->scope < PS__MAX ? scope_keys[b->scope] : ""));
	json_object_set_new(o, "scope_text", json_string(b->scope_text));
	json_object_set_new(o, "preamble", json_string(b->preamble));
	cs = json_array();
	for (i = 0; i < PC__MAX; i++) {
		one = json_object();
		json_object_set_new(one, "key", json_string(commitment_keys[i]));
		json_object_set_new(one, "title", json_string(b->c[i].title));
		json_object_set_new(one, "text", json_string(b->c[i].text));
		json_array_append_new(cs, one);
	}
	json_object_set_new(o, "commitments", cs);
	json_object_set_new(o, "closing", json_string(b->closing));
	json_object_set_new(o, "enacted", json_string(b->enacted));
	json_object_set_new(o, "rep_title", json_string(b->rep_title));
	json_object_set_new(o, "rep_name", json_string(b->rep_name));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	buf_adds(out, s != NULL ? s : "");
	free(s);
	json_decref(o);
}

/* A string member of o copied into a, "" when absent; *bad set when it
 * is there but not a string. */
static const char *
member(struct arena *a, const json_t *o, const char *key, bool *bad)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL)
		return "";
	if (!json_is_string(v)) {
		*bad = true;
		return "";
	}
	return arena_strndup(a, json_string_value(v), json_string_length(v));
}

int
policy_body_parse(struct arena *a, const char *s, struct policy_body *b)
{
	json_t *o, *cs, *one;
	bool bad = false;
	int i;

	memset(b, 0, sizeof(*b));
	if ((o = json_loads(s, 0, NULL)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	b->lang = member(a, o, "lang", &bad);
	b->company = member(a, o, "company", &bad);
	b->scope = policy_scope_from_key(member(a, o, "scope", &bad));
	b->scope_text = member(a, o, "scope_text", &bad);
	b->preamble = member(a, o, "preamble", &bad);
	cs = json_object_get(o, "commitments");
	for (i = 0; i < PC__MAX; i++) {
		one = json_array_get(cs, (size_t)i);
		b->c[i].title = member(a, one, "title", &bad);
		b->c[i].text = member(a, one, "text", &bad);
	}
	b->closing = member(a, o, "closing", &bad);
	b->enacted = member(a, o, "enacted", &bad);
	b->rep_title = member(a, o, "rep_title", &bad);
	b->rep_name = member(a, o, "rep_name", &bad);
	json_decref(o);
	return bad ? -1 : 0;
}

static bool
same(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

bool
policy_body_equal(const struct policy_body *x, const struct policy_body *y)
{
	int i;

	if (!same(x->lang, y->lang) || !same(x->company, y->company) ||
	    x->scope != y->scope || !same(x->scope_text, y->scope_text) ||
	    !same(x->preamble, y->preamble) ||
	    !same(x->closing, y->closing) || !same(x->enacted, y->enacted) ||
	    !same(x->rep_title, y->rep_title) ||
	    !same(x->rep_name, y->rep_name))
		return false;
	for (i = 0; i < PC__MAX; i++)
		if (!same(x->c[i].title, y->c[i].title) ||
		    !same(x->c[i].text, y->c[i].text))
			return false;
	return true;
}

/* One row of STMT_POLICY_LATEST / STMT_POLICY_GET. */
static int
version_row(struct db_stmt *st, struct arena *a, int64_t org_id,
    struct policy_version *v)
{
	memset(v, 0, sizeof(*v));
	v->id = db_col_int(st, 0);
	v->org_id = org_id;
	v->version = (int)db_col_int(st, 1);
	v->created_at = db_col_int(st, 3);
	v->created_by = arena_cstr(a, db_col_text(st, 4));
	v->approved_at = db_col_int(st, 5);
	v->approved_by = arena_cstr(a, db_col_text(st, 6));
	return policy_body_parse(a, arena_cstr(a, db_col_text(st, 2)), &v->b)
	    == 0 ? DB_OK : DB_E_IO;
}

int
policy_latest(struct db_conn *c, struct arena *a, int64_t org_id,
    struct policy_version *out)
{
	struct db_stmt *st = db_stmt(c, STMT_POLICY_LATEST);
	int rc;

	db_bind_int(st, 1, org_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	return version_row(st, a, org_id, out);
}

int
policy_get(struct db_conn *c, struct arena *a, int64_t org_id, int version,
    struct policy_version *out)
{
	struct db_stmt *st = db_stmt(c, STMT_POLICY_GET);
	int rc;

	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, version);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	return version_row(st, a, org_id, out);
}

int
policy_list(struct db_conn *c, struct arena *a, int64_t org_id,
    struct policy_version **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_POLICY_LIST);
	struct policy_version *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	db_bind_int(st, 1, org_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		memset(&v[len], 0, sizeof(v[len]));
		v[len].id = db_col_int(st, 0);
		v[len].org_id = org_id;
		v[len].version = (int)db_col_int(st, 1);
		v[len].created_at = db_col_int(st, 2);
		v[len].created_by = arena_cstr(a, db_col_text(st, 3));
		v[len].approved_at = db_col_int(st, 4);
		v[len].approved_by = arena_cstr(a, db_col_text(st, 5));
		len++;
	}
	*out = v;
	*n = len;
	return rc == DB_DONE ? DB_OK : rc;
}

int
policy_save(struct db_conn *c, struct arena *a, int64_t org_id,
    const struct policy_body *b, int64_t user_id, int *version)
{
	struct policy_version cur;
	struct buf body = BUF_INIT;
	struct db_stmt *st;
	int rc, next = 1;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	rc = policy_latest(c, a, org_id, &cur);
	if (rc == DB_OK) {
		if (policy_body_equal(&cur.b, b)) {
			*version = cur.version;
			db_rollback(c);
			return DB_DONE;
		}
		next = cur.version + 1;
	} else if (rc != DB_DONE)
		goto fail;
	policy_body_json(&body, b);
	st = db_stmt(c, STMT_POLICY_INSERT);
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, next);
	db_bind_text(st, 3, buf_str(&body));
	db_bind_int(st, 4, account_now());
	if (user_id > 0)
		db_bind_int(st, 5, user_id);
	else
		db_bind_null(st, 5);
	rc = db_exec(st);
	buf_free(&body);
	if (rc != DB_OK)
		goto fail;
	*version = next;
	return db_commit(c);
fail:
	db_rollback(c);
	return rc;
}

int
policy_approve(struct db_conn *c, int64_t org_id, int version,
    int64_t user_id)
{
	struct db_stmt *st = db_stmt(c, STMT_POLICY_APPROVE);
	int rc;

	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, version);
	db_bind_int(st, 3, account_now());
	db_bind_int(st, 4, user_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) != 1)
		return DB_DONE;
	if ((rc = figures_refresh(c, org_id, account_now())) != DB_OK)
		return rc;
	return office_refresh_org(c, NULL, org_id);	/* stars may move */
}

int
policy_pub_get(struct db_conn *c, struct arena *a, int64_t org_id,
    struct policy_pub *out)
{
	struct db_stmt *st = db_stmt(c, STMT_PUB_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, 1, org_id);
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	out->published = true;
	out->slug = arena_cstr(a, db_col_text(st, 0));
	out->version_id = db_col_int(st, 1);
	out->version = (int)db_col_int(st, 2);
	out->published_at = db_col_int(st, 3);
	return DB_OK;
}

int
policy_publish(struct db_conn *c, struct arena *a, int64_t org_id,
    const char *slug)
{
	struct db_stmt *st;
	int64_t vid, holder;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_PUB_SLUG);
	db_bind_text(st, 1, str_c(slug));
	rc = db_step(st);
	holder = rc == DB_ROW ? db_col_int(st, 0) : 0;
	if (rc < 0)
		goto fail;
	if (holder != 0 && holder != org_id) {
		rc = DB_E_CONSTRAINT;
		goto fail;
	}
	st = db_stmt(c, STMT_POLICY_LAST_APPROVED);
	db_bind_int(st, 1, org_id);
	if ((rc = db_step(st)) != DB_ROW)
		goto fail;	/* DB_DONE: nothing approved */
	vid = db_col_int(st, 0);
	st = db_stmt(c, STMT_PUB_PUT);
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, str_c(slug));
	db_bind_int(st, 3, vid);
	db_bind_int(st, 4, account_now());
	if ((rc = db_exec(st)) != DB_OK)
		goto fail;	/* a race for the slug: DB_E_CONSTRAINT */
	(void)a;
	if ((rc = figures_refresh(c, org_id, account_now())) != DB_OK)
		goto fail;
	if ((rc = office_refresh_org(c, NULL, org_id)) != DB_OK)
		goto fail;
	return db_commit(c);
fail:
	db_rollback(c);
	return rc;
}

int
policy_unpublish(struct db_conn *c, int64_t org_id)
{
	struct db_stmt *st = db_stmt(c, STMT_PUB_DELETE);
	int rc;

	db_bind_int(st, 1, org_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = figures_refresh(c, org_id, account_now())) != DB_OK)
		return rc;
	return office_refresh_org(c, NULL, org_id);	/* stars may move */
}

int
policy_public(struct db_conn *c, struct arena *a, const char *slug,
    struct policy_version *out, struct policy_pub *pub)
{
	struct db_stmt *st = db_stmt(c, STMT_PUB_SLUG);
	int64_t org_id, vid;
	int rc;

	memset(pub, 0, sizeof(*pub));
	memset(out, 0, sizeof(*out));
	db_bind_text(st, 1, str_c(slug));
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	org_id = db_col_int(st, 0);
	vid = db_col_int(st, 1);
	pub->published = true;
	pub->slug = arena_strdup(a, slug);
	pub->version_id = vid;
	pub->published_at = db_col_int(st, 2);
	st = db_stmt(c, STMT_POLICY_BY_ID);
	db_bind_int(st, 1, vid);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? DB_E_IO : rc;
	out->id = vid;
	out->org_id = org_id;
	out->version = (int)db_col_int(st, 0);
	pub->version = out->version;
	out->created_at = db_col_int(st, 2);
	out->approved_at = db_col_int(st, 3);
	out->created_by = out->approved_by = "";
	return policy_body_parse(a, arena_cstr(a, db_col_text(st, 1)),
	    &out->b) == 0 ? DB_OK : DB_E_IO;
}

const char *
policy_slug_suggest(struct db_conn *c, struct arena *a, const char *base)
{
	struct db_stmt *st;
	char cut[POLICY_SLUG_MAX + 1];
	const char *s;
	size_t n;
	int i, rc;

	n = strlen(base);
	if (n > POLICY_SLUG_MAX - 4)
		n = POLICY_SLUG_MAX - 4;
	memcpy(cut, base, n);
	while (n > 0 && cut[n - 1] == '-')
		n--;
	cut[n] = '\0';
	for (i = 2; i < 1000; i++) {
		s = arena_printf(a, "%s-%d", cut, i);
		st = db_stmt(c, STMT_PUB_SLUG);
		db_bind_text(st, 1, str_c(s));
		if ((rc = db_step(st)) == DB_DONE)
			return s;
		if (rc < 0)
			return NULL;
	}
	return NULL;
}
