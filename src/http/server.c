/*
 * server: libmicrohttpd glue and the dispatcher.  The only includer of
 * microhttpd.h.
 *
 * A request goes: first callback → struct req made (arena) and nothing
 * queued (queueing on the first call drops keep-alive, DESIGN trap 1);
 * body callbacks → bytes appended up to max_body (413 past it); last
 * callback → dispatch: route, parse, authenticate, preconditions, handler,
 * response.  Slow work (password hashing) suspends the connection and runs
 * on a small pool of its own (DESIGN trap 2).
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "base/gz.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "http/http.h"

/* Bytes of an oversize body read and dropped before answering 413, so a
 * browser reads the page rather than a reset.  A body declared larger, or
 * announced with "Expect: 100-continue", is refused before it is sent. */
#define DRAIN_MAX	((size_t)8 << 20)
/* What a request line and header may hold; past these we answer 414 and
 * 431 ourselves.  The connection's memory (CONN_MEMORY) is larger, so a
 * request well past them is still read whole and answered with a page,
 * not cut off by a reset; only a request beyond CONN_MEMORY gets
 * libmicrohttpd's own 414/431. */
#define URL_MAX		((size_t)16 << 10)
#define HEADERS_MAX	100
#define HEADER_BYTES_MAX ((size_t)32 << 10)
#define CONN_MEMORY	((size_t)256 << 10)
/* Buckets of the table of requests in flight per forwarded address. */
#define FWD_BUCKETS	1024

/* Requests one forwarded address has in flight (trust_proxy). */
struct fwd_count {
	struct fwd_count	*next;
	unsigned		 n;
	char			 addr[64];
};
/* Smaller bodies go as they are: gzip's 20 bytes of frame and the
 * work would buy next to nothing. */
#define GZIP_MIN	1024

struct job {
	struct job	*next;
	struct req	*r;
};

/* One open connection, watched for the request deadline. */
struct conn {
	struct conn	*prev, *next;	/* http_server.conns */
	int		 fd;
	int64_t		 since;	/* monotonic second the request being read
				   began; 0 while it is answered */
	bool		 cut;	/* shut down for being too slow */
};

struct http_server {
	struct MHD_Daemon	*d;
	struct http_config	 cfg;
	int			 port;
	/* offload pool */
	pthread_t		*workers;
	int			 nworkers;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct job		*head, *tail;
	bool			 stopping;
	/* request deadline: open connections and the thread that cuts the
	 * slow ones (under cmu) */
	pthread_mutex_t		 cmu;
	pthread_cond_t		 ccv;
	struct conn		*conns;
	pthread_t		 reaper;
	bool			 reaper_stop;
	/* trust_proxy: the peers whose X-Forwarded-* are believed */
	struct parse_net	 proxies[PARSE_MAX_NETS];
	size_t			 nproxies;
	/* auth_header: the peers whose auth_header is believed */
	struct parse_net	 auth_proxies[PARSE_MAX_NETS];
	size_t			 nauth_proxies;
	/* trust_proxy: requests in flight per forwarded address (under amu) */
	pthread_mutex_t		 amu;
	struct fwd_count	*fwd[FWD_BUCKETS];
};

static const char csp[] = "default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* ---- requests in flight per forwarded address ----
 *
 * Behind a proxy every connection comes from the proxy, so the per-peer
 * connection limit of libmicrohttpd cannot tell clients apart.  A request
 * whose address came from X-Forwarded-For counts against that address
 * from its headers to its end; past conns_per_addr it is answered 429 at
 * once, so one client cannot hold every worker while others wait.
 */

static struct fwd_count **
fwd_find(struct http_server *s, const char *addr)
{
	struct fwd_count **p;
	uint32_t h = 2166136261u;
	const char *c;

	for (c = addr; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (p = &s->fwd[h % FWD_BUCKETS]; *p != NULL; p = &(*p)->next)
		if (strcmp((*p)->addr, addr) == 0)
			break;
	return p;
}

/* Count r against its forwarded address; false when the address already
 * has conns_per_addr requests in flight. */
static bool
fwd_hold(struct http_server *s, struct req *r)
{
	struct fwd_count **p, *e;
	bool ok = true;

	pthread_mutex_lock(&s->amu);
	p = fwd_find(s, r->remote_addr);
	if ((e = *p) == NULL) {
		e = xcalloc(1, sizeof(*e));
		snprintf(e->addr, sizeof(e->addr), "%s", r->remote_addr);
		*p = e;
	}
	if (e->n >= (unsigned)s->cfg.conns_per_addr)
		ok = false;
	else {
		e->n++;
		r->fwd_held = true;
	}
	pthread_mutex_unlock(&s->amu);
	return ok;
}

static void
fwd_release(struct http_server *s, struct req *r)
{
	struct fwd_count **p, *e;

	pthread_mutex_lock(&s->amu);
	p = fwd_find(s, r->remote_addr);
	if ((e = *p) != NULL && --e->n == 0) {
		*p = e->next;
		free(e);
	}
	pthread_mutex_unlock(&s->amu);
	r->fwd_held = false;
}

static void
fwd_free(struct http_server *s)
{
	struct fwd_count *e, *next;
	size_t i;

	for (i = 0; i < FWD_BUCKETS; i++)
		for (e = s->fwd[i]; e != NULL; e = next) {
			next = e->next;
			free(e);
		}
	pthread_mutex_destroy(&s->amu);
}

/* ---- request deadline ---- */

static int64_t
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

/*
 * Every second, shut down the sockets of connections whose request has
 * taken longer than request_seconds to arrive (headers and body): the
 * idle timeout restarts with every byte, so it never ends a client that
 * trickles one header line every few seconds.  shutdown() only wakes
 * libmicrohttpd, which closes the connection itself; a connection leaves
 * the list (on_connection, CLOSED) before its descriptor is closed, so
 * the descriptor shut down here is always still its own.
 */
static void *
reaper_main(void *arg)
{
	struct http_server *s = arg;
	struct timespec until;
	struct conn *k;
	int64_t now;

	pthread_mutex_lock(&s->cmu);
	while (!s->reaper_stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&s->ccv, &s->cmu, &until);
		now = mono_now();
		for (k = s->conns; k != NULL; k = k->next) {
			if (k->since == 0 || k->cut ||
			    now - k->since < s->cfg.request_seconds)
				continue;
			k->cut = true;
			shutdown(k->fd, SHUT_RDWR);
			log_debug("http", "cut a connection that took over "
			    "%d s to send its request", s->cfg.request_seconds);
		}
	}
	pthread_mutex_unlock(&s->cmu);
	return NULL;
}

static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	struct http_server *s = cls;
	struct conn *k = *socket_context;
	const union MHD_ConnectionInfo *ci;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		k = xcalloc(1, sizeof(*k));
		k->fd = ci != NULL ? (int)ci->connect_fd : -1;
		k->since = k->fd >= 0 ? mono_now() : 0;
		pthread_mutex_lock(&s->cmu);
		k->next = s->conns;
		if (s->conns != NULL)
			s->conns->prev = k;
		s->conns = k;
		pthread_mutex_unlock(&s->cmu);
		*socket_context = k;
		return;
	}
	if (k == NULL)
		return;
	pthread_mutex_lock(&s->cmu);
	if (k->prev != NULL)
		k->prev->next = k->next;
	else
		s->conns = k->next;
	if (k->next != NULL)
		k->next->prev = k->prev;
	pthread_mutex_unlock(&s->cmu);
	free(k);
	*socket_context = NULL;
}

/* The request on c has arrived whole (since 0: no deadline while it is
 * answered), or its answer is done and the next one may begin (since:
 * now). */
static void
conn_mark(struct http_server *s, struct MHD_Connection *c, bool arrived)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn *k = ci != NULL ? ci->socket_context : NULL;

	if (k == NULL)
		return;
	pthread_mutex_lock(&s->cmu);
	k->since = arrived ? 0 : mono_now();
	pthread_mutex_unlock(&s->cmu);
}

/* ---- offload pool ---- */

static void *
worker_main(void *arg)
{
	struct http_server *s = arg;

	for (;;) {
		struct job *j;

		pthread_mutex_lock(&s->mu);
		while (s->head == NULL && !s->stopping)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->head == NULL) {
			pthread_mutex_unlock(&s->mu);
			return NULL;
		}
		j = s->head;
		s->head = j->next;
		if (s->head == NULL)
			s->tail = NULL;
		pthread_mutex_unlock(&s->mu);
		j->r->work(j->r->work_arg);
		j->r->resumed = true;
		MHD_resume_connection(j->r->conn);
		free(j);
	}
}

static void
offload_push(struct http_server *s, struct req *r)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->r = r;
	pthread_mutex_lock(&s->mu);
	if (s->tail)
		s->tail->next = j;
	else
		s->head = j;
	s->tail = j;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* ---- request helpers for handlers ---- */

const struct kv *
req_field_kv(const struct req *r, const char *name)
{
	const struct kv *kv = kvs_get(&r->form, name);

	return kv ? kv : kvs_get(&r->query, name);
}

const char *
req_field(const struct req *r, const char *name)
{
	const struct kv *kv = req_field_kv(r, name);

	return kv ? kv->val.p : NULL;
}

int
req_suspend(struct req *r, void (*start)(struct req *r, void *arg),
    void *arg)
{
	r->start = start;
	r->work_arg = arg;
	return REQ_SUSPENDED;
}

void
req_resume(struct req *r)
{
	r->resumed = true;
	MHD_resume_connection(r->conn);
}

const char *
req_query(const struct req *r, const char *name)
{
	const struct kv *kv = kvs_get(&r->query, name);

	return kv ? kv->val.p : NULL;
}

const char *
req_cookie(const struct req *r, const char *name)
{
	const struct kv *kv = kvs_get(&r->cookies, name);

	return kv ? kv->val.p : NULL;
}

const char *
req_param(const struct req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nparam; i++)
		if (strcmp(r->param_name[i], name) == 0)
			return r->param[i].p;
	return NULL;
}

int64_t
req_param_id(const struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	long id;

	if (v == NULL || str_to_long(str_c(v), 1, INT64_MAX / 2, &id) != 0)
		return 0;
	return id;
}

void
req_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders >= REQ_MAX_HEADERS) {
		log_err("http", "too many response headers for %s", r->path);
		return;
	}
	r->hname[r->nheaders] = name;
	r->hval[r->nheaders] = arena_strdup(&r->arena, value);
	r->nheaders++;
}

void
req_cookie_set(struct req *r, const char *name, const char *value,
    long max_age, bool httponly)
{
	req_header(r, MHD_HTTP_HEADER_SET_COOKIE, arena_printf(&r->arena,
	    "%s=%s; Path=/; Max-Age=%ld; SameSite=Lax%s%s", name,
	    max_age < 0 ? "" : value, max_age < 0 ? 0 : max_age,
	    httponly ? "; HttpOnly" : "", r->secure ? "; Secure" : ""));
}

void
req_splice_gz(struct req *r, const void *piece, size_t n)
{
	if (r->nsplice == REQ_MAX_SPLICES) {
		/* No room to keep it apart: its plain bytes then. */
		if (gz_piece_inflate(&r->out, piece, n) != 0)
			r->out.err = true;
		return;
	}
	r->splice[r->nsplice++] = (struct req_splice){ r->out.n, piece, n };
}

bool
req_local_path(const char *location)
{
	const unsigned char *p = (const unsigned char *)location;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	/* Refused rather than stripped: a browser would remove TAB, CR and
	 * LF and read what is left, and a header must not carry them. */
	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

int
req_redirect(struct req *r, const char *location)
{
	/* Only paths of this site: never an open redirect. */
	if (!req_local_path(location))
		location = "/";
	req_header(r, MHD_HTTP_HEADER_LOCATION, location);
	buf_reset(&r->out);
	r->nsplice = 0;
	return req_send(r, 303, "text/plain; charset=utf-8");
}

int
req_send(struct req *r, int status, const char *ctype)
{
	r->status = status;
	r->ctype = ctype;
	return 0;
}

int
req_offload(struct req *r, void (*work)(void *), void *arg)
{
	r->work = work;
	r->work_arg = arg;
	return REQ_SUSPENDED;
}

const char *
req_addr(const struct req *r)
{
	return r->remote_addr ? r->remote_addr : "";
}

/* ---- dispatch ---- */

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct req *r = cls;
	struct kvs *q = &r->query;
	struct kv *v;

	(void)kind;
	if (q->n >= PARSE_MAX_PAIRS)
		return MHD_NO;
	/* Grow by doubling inside the arena. */
	if ((q->n & (q->n - 1)) == 0) {
		struct kv *nv = arena_alloc(&r->arena,
		    (q->n ? q->n * 2 : 1) * sizeof(*nv));

		if (q->n)
			memcpy(nv, q->v, q->n * sizeof(*nv));
		q->v = nv;
	}
	v = &q->v[q->n++];
	v->key = (struct str){ arena_strdup(&r->arena, key), strlen(key) };
	value = value ? value : "";
	v->val = (struct str){ arena_strdup(&r->arena, value), strlen(value) };
	v->filename = STR_LIT("");
	return MHD_YES;
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Whether the peer of a connection is one of nets[n]. */
static bool
peer_in(const struct parse_net *nets, size_t n,
    const union MHD_ConnectionInfo *ci)
{
	const struct sockaddr *sa;

	if (ci == NULL || ci->client_addr == NULL)
		return false;
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		return parse_net_match(nets, n, 4,
		    (const unsigned char *)&((const struct sockaddr_in *)
		    (const void *)sa)->sin_addr);
	if (sa->sa_family == AF_INET6)
		return parse_net_match(nets, n, 6,
		    ((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr.s6_addr);
	return false;
}

/* Whether the peer of a connection is one of the trusted proxies: only
 * they may say who the client is. */
static bool
from_proxy(const struct http_server *s, const union MHD_ConnectionInfo *ci)
{
	return peer_in(s->proxies, s->nproxies, ci);
}

static void
fill_addr(struct http_server *s, struct req *r, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci;
	char a[INET6_ADDRSTRLEN] = "";
	const char *fwd;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    (const void *)sa)->sin_addr, a, sizeof(a));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    (const void *)sa)->sin6_addr, a, sizeof(a));
	}
	r->remote_addr = arena_strdup(&r->arena, a);
	/* A sign-in proxy's word on who the user is, from its own address
	 * only (the socket's peer, never X-Forwarded-For). */
	if (s->cfg.auth_header != NULL && s->nauth_proxies > 0 &&
	    peer_in(s->auth_proxies, s->nauth_proxies, ci) &&
	    (fwd = header(c, s->cfg.auth_header)) != NULL && fwd[0] != '\0')
		r->proxy_user = arena_strdup(&r->arena, fwd);
	if (!s->cfg.trust_proxy || !from_proxy(s, ci))
		return;
	/* Behind a proxy we trust: the last hop it appended. */
	if ((fwd = header(c, "X-Forwarded-For")) != NULL) {
		const char *last = strrchr(fwd, ',');
		struct str v = str_trim(str_c(last ? last + 1 : fwd));

		if (v.n > 0 && v.n < 64) {
			r->remote_addr = arena_cstr(&r->arena, v);
			r->forwarded = true;
		}
	}
	if ((fwd = header(c, "X-Forwarded-Proto")) != NULL &&
	    strcasecmp(fwd, "https") == 0)
		r->secure = true;
}

static const char *const method_names[HTTP_METHOD__MAX] = {
	[HTTP_GET] = "GET",
	[HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",
	[HTTP_DELETE] = "DELETE",
};

/* The route for r's method and path, or NULL. */
static const struct route *
find_route(struct http_server *s, struct req *r)
{
	int i;

	for (i = 0; i < s->cfg.nroutes; i++) {
		const struct route *rt = &s->cfg.routes[i];

		if (rt->method == r->method &&
		    route_match(rt->pattern, r->path, r))
			return rt;
	}
	r->nparam = 0;
	r->org_id = 0;
	return NULL;
}

/*
 * The methods the route table has for r's path, as an Allow value
 * ("GET, POST") in r's arena; NULL when no route has this path.
 */
static const char *
allowed_methods(struct http_server *s, struct req *r)
{
	bool has[HTTP_METHOD__MAX] = { false };
	const char *allow = NULL;
	int i;

	for (i = 0; i < s->cfg.nroutes; i++)
		if (route_match(s->cfg.routes[i].pattern, r->path, r))
			has[s->cfg.routes[i].method] = true;
	r->nparam = 0;
	r->org_id = 0;
	for (i = 0; i < HTTP_METHOD__MAX; i++)
		if (has[i])
			allow = allow ? arena_printf(&r->arena, "%s, %s", allow,
			    method_names[i]) : method_names[i];
	return allow;
}

static int
parse_body(struct req *r)
{
	struct str ct = str_c(r->content_type);
	struct str body = buf_str(&r->body);

	if (r->method != HTTP_POST || body.n == 0)
		return 0;
	if (str_has_prefix(ct, STR_LIT("application/x-www-form-urlencoded")))
		return parse_urlencoded(&r->arena, body, &r->form) == 0 ?
		    0 : 400;
	if (str_has_prefix(ct, STR_LIT("multipart/form-data")))
		return parse_multipart(&r->arena, body, parse_boundary(ct),
		    &r->form) == 0 ? 0 : 400;
	return 0;	/* JSON, CSV…: the handler reads r->body */
}

static bool
csrf_ok(const struct req *r)
{
	const char *sent = r->csrf_header ? r->csrf_header :
	    req_field(r, "_csrf");
	size_t n;

	if (r->auth.bearer)
		return true;	/* no ambient credentials: nothing to forge */
	if (sent == NULL || r->auth.csrf == NULL)
		return false;
	n = strlen(r->auth.csrf);
	if (strlen(sent) != n || n == 0)
		return false;
	{
		unsigned char d = 0;
		size_t i;

		for (i = 0; i < n; i++)
			d |= (unsigned char)(sent[i] ^ r->auth.csrf[i]);
		return d == 0;
	}
}

/* Check the route's preconditions, then run its handler. */
static int
dispatch(struct http_server *s, struct req *r)
{
	const struct route *rt = r->route;
	int st;

	if (r->resumed)
		return rt->handler(r);
	if ((st = parse_body(r)) != 0)
		return st;
	if (!rt->bare && (st = s->cfg.hooks.authenticate(r)) != 0)
		return st == REQ_ANSWERED ? 0 : st;
	if (rt->auth >= AUTH_USER && r->auth.user_id == 0) {
		if (rt->type == RT_HTML && r->method == HTTP_GET) {
			const char *next = r->path;

			buf_reset(&r->out);
			return req_redirect(r, arena_printf(&r->arena,
			    "%s?next=%s", s->cfg.hooks.login_path,
			    next[0] == '/' ? next : "/"));
		}
		return 401;
	}
	if (rt->auth == AUTH_ADMIN && !r->auth.admin)
		return 404;
	if (r->org_id != 0 || rt->auth == AUTH_ORG_MEMBER ||
	    rt->auth == AUTH_ORG_ADMIN) {
		if (r->org_id == 0)
			return 404;
		r->auth.org_role = r->auth.admin ? ORG_ADMIN :
		    s->cfg.hooks.org_role(r, r->org_id);
		/* Not a member: the organisation does not exist for them. */
		if (r->auth.org_role == ORG_NONE)
			return 404;
		if (rt->auth == AUTH_ORG_ADMIN &&
		    r->auth.org_role < ORG_ADVISOR)
			return 403;
	}
	if (rt->csrf && r->method != HTTP_GET && !csrf_ok(r))
		return 403;
	return rt->handler(r);
}

static void
add_common_headers(struct req *r, struct MHD_Response *resp)
{
	int i;

	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    r->ctype ? r->ctype : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	/* Capability links carry secrets in the path: never leak them. */
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	if (!r->cacheable)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
		    "no-store");
	if (r->secure)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000");
	for (i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->hname[i], r->hval[i]);
}

/* Types worth compressing: text of ours.  PDF, XLSX and PNG are
 * compressed inside already. */
static bool
compressible(const char *ctype)
{
	static const char *const types[] = { "text/html", "text/css",
	    "text/javascript", "application/javascript", "image/svg+xml",
	    "application/json" };
	size_t i, n;

	if (ctype == NULL)
		return true;	/* the default: HTML */
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i]);
		if (strncasecmp(ctype, types[i], n) == 0 &&
		    (ctype[n] == '\0' || ctype[n] == ';'))
			return true;
	}
	return false;
}

/*
 * Turn r->out and its splices into the body to send: gzip when the type
 * is compressible, the client takes it and there is enough of it; else
 * plain, with the spliced pieces inflated in place.  Returns 0, or -1
 * when a piece would not inflate (a bug: they are all made here).
 */
static int
encode_body(struct req *r, bool *gzipped)
{
	struct buf to = BUF_INIT;
	const char *o = buf_cstr(&r->out);
	size_t plain = r->out.n, at = 0;
	int i;

	*gzipped = false;
	for (i = 0; i < r->nsplice; i++) {
		if (r->splice[i].at < at || r->splice[i].at > r->out.n)
			return -1;
		at = r->splice[i].at;
		plain += gz_piece_plain(r->splice[i].piece, r->splice[i].n);
	}
	at = 0;
	if (compressible(r->ctype) && r->gzip_ok && plain >= GZIP_MIN &&
	    r->status != 204 && r->status != 304) {
		struct gz g;

		buf_reserve(&to, plain / 4 + 64);
		gz_begin(&g, &to);
		for (i = 0; i < r->nsplice; i++) {
			gz_add(&g, o + at, r->splice[i].at - at,
			    GZ_FAST);
			gz_add_piece(&g, r->splice[i].piece, r->splice[i].n);
			at = r->splice[i].at;
		}
		gz_add(&g, o + at, r->out.n - at, GZ_FAST);
		if (gz_end(&g) == 0) {
			buf_free(&r->out);
			r->out = to;
			r->nsplice = 0;
			*gzipped = true;
			return 0;
		}
		buf_free(&to);
		to = (struct buf)BUF_INIT;
		log_err("http", "gzip failed for %s; sent plain", r->path);
	}
	if (r->nsplice == 0)
		return 0;
	buf_reserve(&to, plain);
	for (i = 0; i < r->nsplice; i++) {
		buf_add(&to, o + at, r->splice[i].at - at);
		if (gz_piece_inflate(&to, r->splice[i].piece,
		    r->splice[i].n) != 0)
			break;
		at = r->splice[i].at;
	}
	buf_add(&to, o + at, r->out.n - at);
	if (i < r->nsplice || to.err) {
		buf_free(&to);
		return -1;
	}
	buf_free(&r->out);
	r->out = to;
	r->nsplice = 0;
	return 0;
}

static enum MHD_Result
queue(struct MHD_Connection *c, struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool gzipped;
	size_t n;
	char *body;

	if (encode_body(r, &gzipped) != 0) {
		log_err("http", "a kept piece of %s did not inflate", r->path);
		buf_reset(&r->out);
		r->nsplice = 0;
		r->nheaders = 0;
		r->status = 500;
		r->ctype = "text/plain; charset=utf-8";
		buf_adds(&r->out, "500 Internal Server Error\n");
	}
	n = r->out.n;
	body = buf_detach(&r->out);

	resp = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(body);
		return MHD_NO;
	}
	add_common_headers(r, resp);
	if (compressible(r->ctype))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY,
		    MHD_HTTP_HEADER_ACCEPT_ENCODING);
	if (gzipped)
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	r->queued = true;
	return ret;
}

static void
render_status(struct http_server *s, struct req *r, int status)
{
	buf_reset(&r->out);
	r->nsplice = 0;
	r->nheaders = 0;
	r->status = status;
	r->ctype = NULL;
	if (r->route == NULL || r->route->type == RT_HTML ||
	    r->route->type == RT_JSON)
		s->cfg.hooks.error(r, status);
	if (r->status == 0)
		r->status = status;
}

/*
 * No route takes this method on this path: 405 with the Allow header when
 * the path has routes for other methods, else 404.
 */
static void
render_unrouted(struct http_server *s, struct req *r)
{
	const char *allow = allowed_methods(s, r);

	render_status(s, r, allow ? 405 : 404);
	if (allow)
		req_header(r, "Allow", allow);
}

static struct req *
req_new(struct http_server *s, struct MHD_Connection *c, const char *url,
    const char *method)
{
	struct req *r = xcalloc(1, sizeof(*r));
	const char *v;

	arena_init(&r->arena);
	r->app = s->cfg.app;
	r->conn = c;
	r->lang = -1;
	r->auth.lang = -1;
	r->path = arena_strdup(&r->arena, url);
	/* HEAD is a GET whose body libmicrohttpd leaves out; any other
	 * method is none of ours (HTTP_METHOD__MAX matches no route). */
	r->method = strcmp(method, "POST") == 0 ? HTTP_POST :
	    strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ?
	    HTTP_GET : strcmp(method, "PUT") == 0 ? HTTP_PUT :
	    strcmp(method, "DELETE") == 0 ? HTTP_DELETE : HTTP_METHOD__MAX;
	buf_init(&r->body, s->cfg.max_body);
	buf_init(&r->out, 0);
	if ((v = header(c, MHD_HTTP_HEADER_CONTENT_TYPE)) != NULL)
		r->content_type = arena_strdup(&r->arena, v);
	if ((v = header(c, MHD_HTTP_HEADER_AUTHORIZATION)) != NULL)
		r->authorization = arena_strdup(&r->arena, v);
	if ((v = header(c, "X-CSRF-Token")) != NULL)
		r->csrf_header = arena_strdup(&r->arena, v);
	if ((v = header(c, MHD_HTTP_HEADER_ACCEPT_LANGUAGE)) != NULL)
		r->accept_language = arena_strdup(&r->arena, v);
	if ((v = header(c, MHD_HTTP_HEADER_HOST)) != NULL)
		r->host = arena_strdup(&r->arena, v);
	if ((v = header(c, MHD_HTTP_HEADER_ACCEPT_ENCODING)) != NULL)
		r->gzip_ok = parse_accept_gzip(str_c(v));
	if ((v = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH)) != NULL) {
		long n;
		bool bad = str_to_long(str_c(v), 0, INT64_MAX / 2, &n) != 0;

		if (bad || (size_t)n > s->cfg.max_body)
			r->too_large = true;
		if (r->too_large && (bad || (size_t)n > DRAIN_MAX || ((v = header(c,
		    MHD_HTTP_HEADER_EXPECT)) != NULL &&
		    strcasecmp(v, "100-continue") == 0)))
			r->refuse_body = true;
	}
	if ((v = header(c, "Cookie")) != NULL)
		parse_cookies(&r->arena, str_c(v), &r->cookies);
	fill_addr(s, r, c);
	return r;
}

/* Sizes of a request's header fields or query arguments. */
struct req_size {
	size_t	n;	/* fields */
	size_t	bytes;	/* names and values */
};

static enum MHD_Result
count_value(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct req_size *z = cls;

	(void)kind;
	z->n++;
	z->bytes += (key ? strlen(key) : 0) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/* The status a request gets before its body is read: 414 for a URL past
 * URL_MAX, 431 for a header past HEADERS_MAX fields or HEADER_BYTES_MAX,
 * 413 for a declared Content-Length past max_body that is not worth
 * reading (refuse_body); 0 when it may go on. */
static int
req_oversize(struct req *r, struct MHD_Connection *c)
{
	struct req_size q = { 0, 0 }, h = { 0, 0 };

	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, count_value, &q);
	if (strlen(r->path) + q.bytes > URL_MAX)
		return 414;
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_value, &h);
	if (h.n > HEADERS_MAX || h.bytes > HEADER_BYTES_MAX)
		return 431;
	return r->refuse_body ? 413 : 0;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct req *r = *con_cls;
	int st;

	(void)version;
	if (r == NULL) {
		r = req_new(s, c, url, method);
		*con_cls = r;
		if (r->method == HTTP_METHOD__MAX) {
			render_unrouted(s, r);
			return queue(c, r);
		}
		if (r->forwarded && s->cfg.conns_per_addr > 0 &&
		    !fwd_hold(s, r)) {
			r->route = find_route(s, r);	/* HTML or JSON */
			render_status(s, r, 429);
			req_header(r, "Retry-After", "5");
			return queue(c, r);
		}
		if ((st = req_oversize(r, c)) != 0) {
			r->route = find_route(s, r);	/* HTML or JSON */
			render_status(s, r, st);
			return queue(c, r);
		}
		return MHD_YES;
	}
	if (r->queued) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		/* Past the limit the body is read and dropped, so the client
		 * gets to read the 413 instead of a reset connection; past
		 * DRAIN_MAX it is not worth the bandwidth. */
		if (!r->too_large)
			buf_add(&r->body, upload, *upload_size);
		if (r->body.err)
			r->too_large = true;
		if (r->too_large)
			r->drained += *upload_size;
		*upload_size = 0;
		if (r->drained > DRAIN_MAX) {
			render_status(s, r, 413);
			return queue(c, r);
		}
		return MHD_YES;
	}
	if (r->too_large) {
		render_status(s, r, 413);
		return queue(c, r);
	}
	if (!r->resumed) {
		conn_mark(s, c, true);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND,
		    collect_arg, r);
		if ((r->route = find_route(s, r)) == NULL) {
			render_unrouted(s, r);
			return queue(c, r);
		}
	}
	st = dispatch(s, r);
	if (st == REQ_SUSPENDED) {
		MHD_suspend_connection(c);
		if (r->start != NULL) {
			void (*start)(struct req *, void *) = r->start;

			r->start = NULL;
			start(r, r->work_arg);
		} else
			offload_push(s, r);
		return MHD_YES;
	}
	if (st != 0 || r->status == 0)
		render_status(s, r, st >= 400 ? st : 500);
	return queue(c, r);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)toe;
	conn_mark(cls, c, false);
	if (r == NULL)
		return;
	if (r->fwd_held)
		fwd_release(cls, r);
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(&r->arena);
	free(r);
	*con_cls = NULL;
}

static void
on_panic(void *cls, const char *file, unsigned int line, const char *reason)
{
	(void)cls;
	log_err("http", "libmicrohttpd: %s:%u: %s", file, line,
	    reason ? reason : "");
	abort();
}

struct http_server *
http_start(const struct http_config *cfg, char *err, size_t errlen)
{
	struct http_server *s = xcalloc(1, sizeof(*s));
	struct sockaddr_in6 a6;
	struct sockaddr_in a4;
	const struct sockaddr *sa;
	const union MHD_DaemonInfo *di;
	unsigned flags;
	struct str bad = STR_LIT("");
	int i;

	s->cfg = *cfg;
	if (cfg->trust_proxy && parse_net_list(str_c(cfg->trusted_proxies ?
	    cfg->trusted_proxies : HTTP_TRUSTED_PROXIES), s->proxies,
	    PARSE_MAX_NETS, &s->nproxies, &bad) != PARSE_OK) {
		snprintf(err, errlen, "trusted-proxies: '%.*s' is not an "
		    "address or ADDR/BITS (at most %d)", (int)bad.n, bad.p,
		    PARSE_MAX_NETS);
		free(s);
		return NULL;
	}
	if (cfg->auth_header != NULL && cfg->auth_header[0] != '\0' &&
	    (parse_net_list(str_c(cfg->auth_proxies ? cfg->auth_proxies :
	    ""), s->auth_proxies, PARSE_MAX_NETS, &s->nauth_proxies,
	    &bad) != PARSE_OK || s->nauth_proxies == 0)) {
		if (s->nauth_proxies == 0 && bad.n == 0)
			snprintf(err, errlen, "auth-header needs auth-proxies: "
			    "the addresses of the proxies to believe");
		else
			snprintf(err, errlen, "auth-proxies: '%.*s' is not an "
			    "address or ADDR/BITS (at most %d)", (int)bad.n,
			    bad.p, PARSE_MAX_NETS);
		free(s);
		return NULL;
	}
	if (cfg->auth_header != NULL && cfg->auth_header[0] == '\0')
		s->cfg.auth_header = NULL;
	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_TURBO;
	if (inet_pton(AF_INET, cfg->host, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)cfg->port);
		sa = (const struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, cfg->host, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)cfg->port);
		sa = (const struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "listen: '%s' is not an IP address",
		    cfg->host);
		free(s);
		return NULL;
	}
	MHD_set_panic_func(on_panic, NULL);
	pthread_mutex_init(&s->amu, NULL);
	pthread_mutex_init(&s->cmu, NULL);
	pthread_cond_init(&s->ccv, NULL);
	s->d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL,
	    on_request, s,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->trust_proxy ?
	    0 : cfg->conns_per_addr),
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(err, errlen, "cannot listen on %s:%d (in use, or "
		    "not allowed)", cfg->host, cfg->port);
		pthread_mutex_destroy(&s->cmu);
		pthread_cond_destroy(&s->ccv);
		fwd_free(s);
		free(s);
		return NULL;
	}
	if (cfg->request_seconds > 0)
		pthread_create(&s->reaper, NULL, reaper_main, s);
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->nworkers = cfg->hash_workers > 0 ? cfg->hash_workers : 1;
	s->workers = xcalloc((size_t)s->nworkers, sizeof(*s->workers));
	for (i = 0; i < s->nworkers; i++)
		pthread_create(&s->workers[i], NULL, worker_main, s);
	return s;
}

int
http_port(const struct http_server *s)
{
	return s->port;
}

void
http_stop(struct http_server *s)
{
	int i;

	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	for (i = 0; i < s->nworkers; i++)
		pthread_join(s->workers[i], NULL);
	if (s->cfg.request_seconds > 0) {
		pthread_mutex_lock(&s->cmu);
		s->reaper_stop = true;
		pthread_cond_signal(&s->ccv);
		pthread_mutex_unlock(&s->cmu);
		pthread_join(s->reaper, NULL);
	}
	MHD_stop_daemon(s->d);
	pthread_mutex_destroy(&s->cmu);
	pthread_cond_destroy(&s->ccv);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	fwd_free(s);
	free(s->workers);
	free(s);
}
