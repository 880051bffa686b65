/*
 * http: the web server.  Only this subsystem sees libmicrohttpd.  The
 * application hands it a route table (pages/routes.c) and a few hooks;
 * the dispatcher enforces each route's declared preconditions — method,
 * who may call it, organisation scope, CSRF — before the handler runs, so
 * handlers start from a request that is already allowed.
 *
 * A struct req lives from the first byte of a request to the end of its
 * response; everything it points to is in its arena.
 */
#ifndef MAMORI_HTTP_H
#define MAMORI_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/str.h"
#include "http/parse.h"

enum http_method {
	HTTP_GET,
	HTTP_POST,
	HTTP_PUT,	/* the API's rows (JSON bodies, never forms) */
	HTTP_DELETE,
	HTTP_METHOD__MAX
};

/* Who may call a route.  Each level includes the instance admin. */
enum route_auth {
	AUTH_PUBLIC,		/* anyone */
	AUTH_LINK,		/* holder of a capability link (verified by the
				 * authenticate hook from the path) */
	AUTH_USER,		/* any signed-in user */
	AUTH_ORG_MEMBER,	/* any member of the {org} in the path */
	AUTH_ORG_ADMIN,		/* organisation admin or advisor of {org} */
	AUTH_ADMIN,		/* instance admin */
	AUTH__MAX
};

/* How a route's errors are shown. */
enum route_type {
	RT_HTML,	/* an error page in the user's language */
	RT_JSON,	/* {"error": "..."} */
	RT__MAX
};

/* Organisation roles, weakest first. */
enum org_role {
	ORG_NONE,
	ORG_MEMBER,
	ORG_ADVISOR,
	ORG_ADMIN,
	ORG_ROLE__MAX
};

struct req;

struct route {
	const char	*name;		/* stable id for logs and tests */
	enum http_method method;
	/* "/o/{org}/rounds/{id}": literal segments and {name} captures;
	 * a capture named org is the organisation scope and must be a
	 * positive integer; "{*}" as the last segment takes the rest. */
	const char	*pattern;
	enum route_auth	 auth;
	bool		 csrf;		/* POST, PUT and DELETE must carry _csrf
					 * or X-CSRF-Token (or a Bearer token) */
	enum route_type	 type;
	bool		 bare;		/* no session lookup (health, assets) */
	/* Returns 0 once a response is set, REQ_SUSPENDED after
	 * req_offload(), or an HTTP status (≥400) for the error hook. */
	int		(*handler)(struct req *r);
};

#define REQ_SUSPENDED	(-1)
/* The authenticate hook answered the request itself (http_hooks). */
#define REQ_ANSWERED	1

/* Who is calling, as the authenticate hook found out. */
struct req_auth {
	int64_t		 user_id;	/* 0: nobody signed in */
	bool		 admin;		/* instance admin */
	bool		 advisor;	/* instance role advisor */
	bool		 bearer;	/* came with an API token, not a cookie */
	const char	*email;
	const char	*csrf;		/* token expected on POST forms */
	const char	*session;	/* hash of the session cookie, or NULL */
	int64_t		 cur_org;	/* organisation chosen in the session */
	int		 lang;		/* user's language, -1 unknown */
	enum org_role	 org_role;	/* role in the {org} of the path */
	int64_t		 link_id;	/* AUTH_LINK: id the token names */
	int		 link_kind;	/* AUTH_LINK: which kind of link */
};

#define REQ_MAX_PARAMS	6
#define REQ_MAX_HEADERS	12
#define REQ_MAX_SPLICES	4

/* A kept gzip piece (base/gz.h) that continues the body at byte at of
 * r->out; see req_splice_gz(). */
struct req_splice {
	size_t		 at;		/* offset in r->out it comes after */
	const void	*piece;		/* head and deflate bytes */
	size_t		 n;		/* bytes at piece */
};

struct req {
	struct arena	 arena;		/* everything below lives here */
	void		*app;		/* the application (struct app) */
	const struct route *route;
	enum http_method method;	/* HEAD is HTTP_GET; HTTP_METHOD__MAX
					 * any other (answered 404/405) */
	const char	*path;		/* as received, without the query */
	struct str	 param[REQ_MAX_PARAMS];	/* {captures} in order */
	const char	*param_name[REQ_MAX_PARAMS];
	int		 nparam;
	int64_t		 org_id;	/* {org}, 0 when the route has none */
	struct kvs	 query;
	struct kvs	 form;		/* POST fields (url-encoded or multipart) */
	struct kvs	 cookies;
	struct buf	 body;		/* raw request body */
	const char	*content_type;
	const char	*authorization;
	const char	*accept_language;
	bool		 gzip_ok;	/* Accept-Encoding takes gzip */
	const char	*csrf_header;	/* X-CSRF-Token, for scripts on a session */
	const char	*remote_addr;	/* client address as text */
	bool		 forwarded;	/* remote_addr from a trusted proxy */
	/* the auth_header's value when the peer is one of the auth
	 * proxies; NULL otherwise */
	const char	*proxy_user;
	bool		 fwd_held;	/* counted in flight (server-private) */
	const char	*host;		/* Host header as sent, NULL if none */
	bool		 secure;	/* reached over TLS (directly or via proxy) */
	int		 lang;		/* enum lang of this response */
	struct req_auth	 auth;

	/* The response. */
	int		 status;
	const char	*ctype;
	struct buf	 out;
	int		 nheaders;
	const char	*hname[REQ_MAX_HEADERS];
	const char	*hval[REQ_MAX_HEADERS];
	bool		 cacheable;	/* static assets: skip no-store */
	int		 nsplice;
	struct req_splice splice[REQ_MAX_SPLICES];	/* in body order */

	/* Work moved off the HTTP threads (see req_offload). */
	bool		 resumed;	/* handler is being called again */
	void		(*work)(void *arg);
	void		*work_arg;
	/* req_suspend: starts the work once the connection is suspended */
	void		(*start)(struct req *r, void *arg);
	void		*conn;		/* server-private */
	bool		 too_large;
	size_t		 drained;	/* bytes of an oversize body dropped */
	bool		 refuse_body;	/* too_large as declared, and not worth
					 * reading: 413 before the body */
	bool		 queued;
};

/* Hooks the application gives the server. */
struct http_hooks {
	/* Fill r->auth from cookies, Authorization, or the capability in the
	 * path (AUTH_LINK routes), and set r->lang.  Returns 0, an HTTP
	 * status to stop with (e.g. 503 when the database is gone), or
	 * REQ_ANSWERED when it set the response itself (a redirect). */
	int	(*authenticate)(struct req *r);
	/* Role of the signed-in user in organisation org. */
	enum org_role (*org_role)(struct req *r, int64_t org);
	/* Render an error page (or JSON) for status into r. */
	void	(*error)(struct req *r, int status);
	/* Where to send a visitor who must sign in first (HTML routes). */
	const char *login_path;
};

struct http_server;

#define HTTP_TRUSTED_PROXIES	"127.0.0.1, ::1"

struct http_config {
	const char		*host;		/* listen address */
	int			 port;		/* 0: any free port */
	int			 threads;	/* worker threads */
	int			 hash_workers;	/* threads for req_offload */
	size_t			 max_body;
	bool			 trust_proxy;
	/* connections one client address may hold at once (0: any); not
	 * applied with trust_proxy, where every connection comes from the
	 * proxy */
	int			 conns_per_addr;
	/* seconds from the start of a request (a connection's opening, or
	 * the end of its previous answer) to the end of its body: a client
	 * slower than that is cut off, however steadily it trickles */
	int			 request_seconds;
	/* With trust_proxy: the proxies' addresses (or ADDR/BITS), split by
	 * commas or blanks; NULL for HTTP_TRUSTED_PROXIES. */
	const char		*trusted_proxies;
	/* A header naming the signed-in user (an e-mail address) that is
	 * believed only from the peers of auth_proxies (addresses or
	 * ADDR/BITS, as trusted_proxies); NULL or "": off. */
	const char		*auth_header;
	const char		*auth_proxies;
	const struct route	*routes;
	int			 nroutes;
	struct http_hooks	 hooks;
	void			*app;
};

/* Start serving; NULL with one line in err when the port cannot be
 * bound.  The port actually bound is http_port(). */
struct http_server *http_start(const struct http_config *cfg, char *err,
		    size_t errlen);
int		 http_port(const struct http_server *s);
void		 http_stop(struct http_server *s);

/* ---- for handlers ---- */

/* Form field (POST) or query parameter: form first.  NULL if absent. */
const char	*req_field(const struct req *r, const char *name);
const struct kv	*req_field_kv(const struct req *r, const char *name);
const char	*req_query(const struct req *r, const char *name);
const char	*req_cookie(const struct req *r, const char *name);
/* Capture by name ("id"); NULL if the route has none. */
const char	*req_param(const struct req *r, const char *name);
/* Capture as a positive id; 0 when absent or not a number. */
int64_t		 req_param_id(const struct req *r, const char *name);

void		 req_header(struct req *r, const char *name, const char *value);
/* Set-Cookie with Path=/, SameSite=Lax, HttpOnly (unless script),
 * Secure when the request came over TLS; max_age < 0 deletes. */
void		 req_cookie_set(struct req *r, const char *name,
		    const char *value, long max_age, bool httponly);
/*
 * True when `location` is a path of this site however a browser reads
 * it: it starts with exactly one '/' ('\\' counts as '/', as browsers
 * read it) and holds no control character anywhere (browsers drop TAB,
 * CR and LF, so "/<TAB>/x" would become "//x", another host).  NULL is
 * not local.  Thread-safe; no allocation.
 */
bool		 req_local_path(const char *location);
/* 303 See Other to a path of this site; a location that is not
 * req_local_path() goes to "/" instead. */
int		 req_redirect(struct req *r, const char *location);
/*
 * Continue the body with the plain bytes of a kept gzip piece (base/gz.h)
 * without writing them to r->out: a gzip response copies the deflate
 * bytes as they are, any other inflates them.  The piece must stay valid
 * until the response is sent (put it in r->arena).  Resetting r->out
 * drops the splices with it only through req_redirect() or an error
 * status; a handler that resets r->out itself must not have spliced.
 */
void		 req_splice_gz(struct req *r, const void *piece, size_t n);
/* Respond with r->out as it is, with this status and type.  Bodies of
 * HTML, CSS, JavaScript, SVG and JSON of 1 KiB or more go gzip-compressed
 * to clients that take it; every such response says Vary:
 * Accept-Encoding. */
int		 req_send(struct req *r, int status, const char *ctype);
/* Run work(arg) on a hash worker; the handler is called again with
 * r->resumed set once it is done.  Return its value from the handler. */
int		 req_offload(struct req *r, void (*work)(void *), void *arg);
/*
 * Wait for work that another thread finishes (a durable write queued for
 * group commit) without holding an HTTP thread: the connection is
 * suspended, then start(r, arg) runs on this thread and hands the work
 * on; whoever finishes it calls req_resume(r) once, from any thread (or
 * from inside start).  The handler is then called again with r->resumed
 * set and r->work_arg = arg.  Return its value from the handler.
 */
int		 req_suspend(struct req *r, void (*start)(struct req *r,
		    void *arg), void *arg);
void		 req_resume(struct req *r);
/* The calling client's address, for logs, rate limits and audit. */
const char	*req_addr(const struct req *r);

/* Match path against pattern; fills r->param on success (route.c). */
bool		 route_match(const char *pattern, const char *path,
		    struct req *r);

#endif
