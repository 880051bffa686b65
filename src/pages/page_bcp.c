/*
 * page_bcp: IT business continuity seen whole (issue 13) —
 *
 *   GET /api/v1/orgs/{org}/bcp   the dependency class, the RTO table,
 *                                the processes with their priority and
 *                                RTO, the systems with 3-2-1 and their
 *                                warnings
 *   PUT /api/v1/orgs/{org}/bcp   {"preset": "ex2"} or {"preset": "own",
 *                                "own": {"s": 4, …}}, with "rev" once
 *                                set: 409 when stale
 *
 * The registers themselves (processes, systems, recovery, contacts,
 * disruptions) are served by the register engine's pages and API.
 */
#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "base/esc.h"
#include "model/account.h"
#include "model/bcp.h"
#include "model/bcpflow.h"
#include "model/org.h"
#include "model/register.h"
#include "pages/pages.h"

/* Everything the BCP views read, at one moment. */
struct bcp_data {
	struct org		 org;
	struct bcp_all		 a;
};

static int
bcp_load(struct req *r, struct bcp_data *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc;

	memset(x, 0, sizeof(*x));
	if ((rc = page_org_get(r, r->org_id, &x->org)) != 0)
		return rc == DB_DONE ? 404 : 503;
	c = db_acquire(db);
	rc = bcpflow_read(c, &req_app(r)->content.regenv, r->org_id,
	    account_now(), &r->arena, &x->a);
	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/* The keys of the warning flags, in flag order (docs/api.md). */
static const char *const warn_keys[] = {
	"never_tested", "test_old", "test_failed", "test_slow", "loss",
	"steps_slow", "no_backup",
};
static const char *const miss_keys[] = {
	"copies", "media", "offline_offsite",
};

static void
json_hours(struct buf *b, int h)
{
	if (h < 0)
		buf_adds(b, "null");
	else
		buf_printf(b, "%d", h);
}

static void
json_flags(struct buf *b, unsigned flags, const char *const *keys, size_t n)
{
	const char *sep = "";
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < n; i++)
		if (flags & (1u << i)) {
			buf_printf(b, "%s\"%s\"", sep, keys[i]);
			sep = ", ";
		}
	buf_addc(b, ']');
}

/* A derived value of row as JSON: its key or number, null when unset. */
static void
json_field(struct buf *b, const struct register_decl *d,
    const struct register_row *row, const char *key)
{
	int f = register_field(d, key);

	if (f < 0 || !row->v[f].set)
		buf_adds(b, "null");
	else if (d->f[f].type == RF_INT)
		buf_printf(b, "%" PRId64, row->v[f].i);
	else
		esc_json(b, str_c(row->v[f].s));
}

int
page_api_bcp(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES),
	    *sd = register_of(REGISTER_SYSTEMS);
	const struct register_env *e = &ct->regenv;
	struct bcp_data x;
	struct buf *b = &r->out;
	unsigned all = 0;
	size_t i;
	int st, k, f;

	if ((st = bcp_load(r, &x)) != 0)
		return st;
	buf_reset(b);
	buf_adds(b, "{\"class\": ");
	if (x.org.dep_class != NULL && x.org.dep_class[0] != '\0')
		esc_json(b, str_c(x.org.dep_class));
	else
		buf_adds(b, "null");
	buf_printf(b, ", \"preset\": \"%s\", \"rev\": %" PRId64
	    ", \"rto\": {", bcp_preset_key(x.a.s.preset), x.a.set.rev);
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		buf_printf(b, "%s\"%s\": ", k ? ", " : "",
		    ct->bcp.priority[k].key != NULL ?
		    ct->bcp.priority[k].key : "");
		json_hours(b, bcp_rto_hours(&x.a.s, (enum bcp_priority)k));
	}
	buf_adds(b, "}, \"own\": {");
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		buf_printf(b, "%s\"%s\": ", k ? ", " : "",
		    ct->bcp.priority[k].key != NULL ?
		    ct->bcp.priority[k].key : "");
		json_hours(b, x.a.s.own.hours[k]);
	}
	buf_adds(b, "}, \"processes\": [");
	for (i = 0; i < x.a.np; i++) {
		const struct register_row *p = &x.a.proc[i];
		int fl = register_field(pd, "rto_label");

		buf_printf(b, "%s{\"id\": %" PRId64 ", \"name\": ", i ? ", " :
		    "", p->id);
		json_field(b, pd, p, "name");
		buf_adds(b, ", \"importance\": ");
		json_field(b, pd, p, "importance");
		buf_adds(b, ", \"dependency\": ");
		json_field(b, pd, p, "dependency");
		buf_adds(b, ", \"priority\": ");
		json_field(b, pd, p, "priority");
		buf_adds(b, ", \"rto_hours\": ");
		json_field(b, pd, p, "rto_hours");
		buf_adds(b, ", \"rto_label\": ");
		if (fl >= 0 && p->v[fl].set)
			esc_json(b, str_c(register_label(e, &pd->f[fl],
			    &p->v[fl], r->lang < 0 ? 0 : r->lang)));
		else
			buf_adds(b, "null");
		buf_addc(b, '}');
	}
	buf_adds(b, "], \"systems\": [");
	for (i = 0; i < x.a.ns; i++) {
		const struct bcp_sys_view *v = &x.a.view[i];

		f = register_field(sd, "name");
		buf_printf(b, "%s{\"id\": %" PRId64 ", \"name\": ", i ? ", " :
		    "", v->row->id);
		esc_json(b, str_c(v->row->v[f].s));
		buf_printf(b, ", \"rule_321\": {\"ok\": %s, \"missing\": ",
		    v->miss == 0 ? "true" : "false");
		json_flags(b, v->miss, miss_keys, 3);
		buf_adds(b, "}, \"rto_hours\": ");
		json_hours(b, v->st.rto_hours);
		buf_printf(b, ", \"steps_minutes\": %d, \"steps_miss_minutes\": "
		    "%d, \"warnings\": ", v->st.steps_minutes, v->steps_miss);
		json_flags(b, v->warn, warn_keys, 7);
		buf_addc(b, '}');
		all |= v->warn;
	}
	buf_adds(b, "], \"warnings\": ");
	json_flags(b, all, warn_keys, 7);
	buf_adds(b, "}\n");
	return page_json(r, 200);
}

/* 422 {"errors": [{"field", "code", "message"}]} for one field. */
static int
bcp_error(struct req *r, const char *field, const char *code, long a,
    long b)
{
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"errors\": [{\"field\": ");
	esc_json(&r->out, str_c(field));
	buf_printf(&r->out, ", \"code\": \"%s\", \"message\": ", code);
	esc_json(&r->out, str_c(Tn(r, arena_printf(&r->arena, "reg.err.%s",
	    code), a, b)));
	buf_adds(&r->out, "}]}\n");
	return page_json(r, PAGE_INVALID);
}

int
page_api_bcp_put(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES);
	struct register_settings cur;
	struct register_who who = { r->auth.user_id, r->remote_addr };
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	json_error_t jerr;
	json_t *o, *v, *own;
	struct buf body = BUF_INIT;
	int64_t rev = 0, new_rev = 0;
	int preset, k, rc;
	const char *field = NULL, *code = NULL;

	o = json_loadb(r->body.p ? r->body.p : "", r->body.n,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		return bcp_error(r, "", "wrong_type", 0, 0);
	}
	if ((preset = bcp_preset_of(json_string_value(json_object_get(o,
	    "preset")))) < 0) {
		field = "preset";
		code = json_object_get(o, "preset") == NULL ? "required" :
		    "unknown_key";
	}
	if ((v = json_object_get(o, "rev")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			field = "rev";
			code = "not_integer";
		} else
			rev = json_integer_value(v);
	}
	buf_printf(&body, "{\"preset\": \"%s\"", preset >= 0 ?
	    bcp_preset_key((enum bcp_preset)preset) : "");
	own = json_object_get(o, "own");
	if (own != NULL && !json_is_object(own)) {
		field = "own";
		code = "wrong_type";
	} else if (own != NULL) {
		buf_adds(&body, ", \"own\": {");
		for (k = 0; k < BCP_PRIORITY__MAX && code == NULL; k++) {
			const char *key = ct->bcp.priority[k].key;

			v = key != NULL ? json_object_get(own, key) : NULL;
			if (v == NULL || json_is_null(v)) {
				buf_printf(&body, "%s\"%s\": null", k ? ", " : "",
				    key ? key : "");
				continue;
			}
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > BCP_HOURS_MAX) {
				field = arena_printf(&r->arena, "own.%s", key);
				code = json_is_integer(v) ? "out_of_range" :
				    "not_integer";
				break;
			}
			buf_printf(&body, "%s\"%s\": %lld", k ? ", " : "", key,
			    (long long)json_integer_value(v));
		}
		buf_addc(&body, '}');
	}
	buf_addc(&body, '}');
	json_decref(o);
	if (code != NULL) {
		buf_free(&body);
		return bcp_error(r, field, code, 0, BCP_HOURS_MAX);
	}
	/* a first save needs no rev; a later one names the one it saw */
	c = db_acquire(db);
	rc = register_settings_get(c, pd, r->org_id, &r->arena, &cur);
	db_release(db, c);
	if (rc != DB_OK) {
		buf_free(&body);
		return 503;
	}
	if (rev == 0 && cur.rev > 0 && json_object_get(o, "rev") == NULL)
		rev = -1;	/* stale: it did not say what it started from */
	rc = rev < 0 ? REGISTER_STALE : register_settings_put(db, pd,
	    r->org_id, &who, rev, buf_cstr(&body), &new_rev);
	buf_free(&body);
	if (rc == REGISTER_STALE) {
		buf_reset(&r->out);
		buf_printf(&r->out, "{\"error\": \"409\", \"rev\": %" PRId64
		    "}\n", cur.rev);
		return page_json(r, 409);
	}
	if (rc != DB_OK)
		return 503;
	return page_api_bcp(r);
}
