/*
 * parse: the request parsers — query strings and url-encoded forms,
 * cookies, multipart/form-data.  Pure functions over bytes: no sockets, no
 * libmicrohttpd, so each has a fuzz harness.  Results are allocated in the
 * request's arena; every key and value is NUL-terminated there as well as
 * carrying its length (values may hold NUL bytes, which validators reject).
 */
#ifndef MAMORI_HTTP_PARSE_H
#define MAMORI_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/str.h"

struct kv {
	struct str	key;
	struct str	val;
	struct str	filename;	/* multipart file parts; else empty */
	bool		nul;		/* val holds a NUL byte (%00): as a C
					 * string it would be cut there */
};

struct kvs {
	size_t		 n;
	struct kv	*v;
};

#define PARSE_MAX_PAIRS	512

enum parse_rc {
	PARSE_OK = 0,
	PARSE_E_SYNTAX = -1,	/* malformed percent-escape or part */
	PARSE_E_TOO_MANY = -2,	/* more than PARSE_MAX_PAIRS fields */
};

/* a=1&b=%E3%81%82+x — '+' is a space.  Empty input gives n = 0. */
int		 parse_urlencoded(struct arena *a, struct str in, struct kvs *out);
/* Cookie: a=1; b=2 — values are not decoded; malformed pairs skipped. */
int		 parse_cookies(struct arena *a, struct str in, struct kvs *out);
/* The boundary parameter of a multipart/form-data Content-Type, or an
 * empty view when absent or malformed. */
struct str	 parse_boundary(struct str content_type);
/* Body of a multipart/form-data request with that boundary. */
int		 parse_multipart(struct arena *a, struct str body,
		    struct str boundary, struct kvs *out);
/* Whether an Accept-Encoding value lets the response be gzip: gzip (or
 * x-gzip) with a q-value above zero, or, when gzip is not named, "*"
 * with one.  "gzip;q=0" refuses; a malformed q-value counts as zero. */
bool		 parse_accept_gzip(struct str accept_encoding);
/* An address or network of a list such as trusted-proxies. */
struct parse_net {
	int		 family;	/* 4 or 6 */
	unsigned char	 addr[16];	/* network byte order; 4 used for v4 */
	int		 bits;		/* prefix length: 32/128 for one host */
};

#define PARSE_MAX_NETS	32

/* "127.0.0.1, ::1 10.0.0.0/8": addresses or ADDR/BITS networks, split by
 * commas or blanks, into out[max]; *n gets the count.  PARSE_OK, or
 * PARSE_E_SYNTAX with the bad item in *bad (a view of in), or
 * PARSE_E_TOO_MANY past max. */
int		 parse_net_list(struct str in, struct parse_net *out,
		    size_t max, size_t *n, struct str *bad);
/* Whether the address (family 4 or 6, 4 or 16 bytes; an IPv4-mapped v6
 * address counts as its v4) falls in one of nets[n]. */
bool		 parse_net_match(const struct parse_net *nets, size_t n,
		    int family, const unsigned char *addr);
/* First value of key, or NULL. */
const struct kv	*kvs_get(const struct kvs *k, const char *key);
/* Percent-decode in into a new arena string; -1 on a bad escape. */
int		 parse_pct_decode(struct arena *a, struct str in, int plus,
		    struct str *out);

#endif
