#include "http/parse.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>


static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
parse_pct_decode(struct arena *a, struct str in, int plus, struct str *out)
{
	char *p = arena_alloc(a, in.n + 1);
	size_t i, n = 0;

	for (i = 0; i < in.n; i++) {
		char c = in.p[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= in.n)
				return -1;
			hi = hexval(in.p[i + 1]);
			lo = hexval(in.p[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			p[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus)
			p[n++] = ' ';
		else
			p[n++] = c;
	}
	p[n] = '\0';
	out->p = p;
	out->n = n;
	return 0;
}

/* Grow out by one pair; -1 past the limit. */
static struct kv *
kvs_push(struct arena *a, struct kvs *out, size_t *cap)
{
	if (out->n >= PARSE_MAX_PAIRS)
		return NULL;
	if (out->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct kv *v = arena_alloc(a, ncap * sizeof(*v));

		if (out->n)
			memcpy(v, out->v, out->n * sizeof(*v));
		out->v = v;
		*cap = ncap;
	}
	memset(&out->v[out->n], 0, sizeof(out->v[0]));
	return &out->v[out->n++];
}

int
parse_urlencoded(struct arena *a, struct str in, struct kvs *out)
{
	size_t cap = 0;
	struct str rest = in, pair, k, v;

	out->n = 0;
	out->v = NULL;
	while (rest.p != NULL && rest.n > 0) {
		struct kv *kv;

		rest = str_cut(rest, '&', &pair);
		if (pair.n == 0)
			continue;
		v = str_cut(pair, '=', &k);
		if ((kv = kvs_push(a, out, &cap)) == NULL)
			return PARSE_E_TOO_MANY;
		if (parse_pct_decode(a, k, 1, &kv->key) != 0 ||
		    parse_pct_decode(a, v.p ? v : STR_LIT(""), 1,
		    &kv->val) != 0)
			return PARSE_E_SYNTAX;
		kv->filename = STR_LIT("");
		kv->nul = memchr(kv->val.p, '\0', kv->val.n) != NULL;
	}
	return PARSE_OK;
}

int
parse_cookies(struct arena *a, struct str in, struct kvs *out)
{
	size_t cap = 0;
	struct str rest = in, pair, k, v;

	out->n = 0;
	out->v = NULL;
	while (rest.p != NULL && rest.n > 0) {
		struct kv *kv;

		rest = str_cut(rest, ';', &pair);
		v = str_cut(pair, '=', &k);
		k = str_trim(k);
		if (v.p == NULL || k.n == 0)
			continue;
		v = str_trim(v);
		if (v.n >= 2 && v.p[0] == '"' && v.p[v.n - 1] == '"') {
			v.p++;
			v.n -= 2;
		}
		if ((kv = kvs_push(a, out, &cap)) == NULL)
			return PARSE_E_TOO_MANY;
		kv->key.p = arena_cstr(a, k);
		kv->key.n = k.n;
		kv->val.p = arena_cstr(a, v);
		kv->val.n = v.n;
		kv->filename = STR_LIT("");
	}
	return PARSE_OK;
}

const struct kv *
kvs_get(const struct kvs *k, const char *key)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (str_eq_c(k->v[i].key, key))
			return &k->v[i];
	return NULL;
}

/* Find needle in hay; offset or -1. */
static long
memfind(struct str hay, struct str needle)
{
	size_t i;

	if (needle.n == 0 || hay.n < needle.n)
		return -1;
	for (i = 0; i + needle.n <= hay.n; i++)
		if (hay.p[i] == needle.p[0] &&
		    memcmp(hay.p + i, needle.p, needle.n) == 0)
			return (long)i;
	return -1;
}

struct str
parse_boundary(struct str ct)
{
	static const char key[] = "boundary=";
	struct str rest = ct, param, b;

	rest = str_cut(rest, ';', &param);
	if (!str_eq_c(str_trim(param), "multipart/form-data"))
		return STR_LIT("");
	while (rest.p != NULL) {
		rest = str_cut(rest, ';', &param);
		param = str_trim(param);
		if (param.n > sizeof(key) - 1 &&
		    strncasecmp(param.p, key, sizeof(key) - 1) == 0) {
			b.p = param.p + sizeof(key) - 1;
			b.n = param.n - (sizeof(key) - 1);
			if (b.n >= 2 && b.p[0] == '"' && b.p[b.n - 1] == '"') {
				b.p++;
				b.n -= 2;
			}
			if (b.n == 0 || b.n > 70)
				return STR_LIT("");
			return b;
		}
	}
	return STR_LIT("");
}

/* Value of a parameter such as name="x" in a Content-Disposition line. */
static struct str
disp_param(struct str line, const char *name)
{
	size_t nl = strlen(name), i;

	for (i = 0; i + nl + 2 <= line.n; i++) {
		const char *q;

		if (strncasecmp(line.p + i, name, nl) != 0 ||
		    line.p[i + nl] != '=' || line.p[i + nl + 1] != '"')
			continue;
		if (i > 0 && line.p[i - 1] != ' ' && line.p[i - 1] != ';')
			continue;
		q = memchr(line.p + i + nl + 2, '"', line.n - (i + nl + 2));
		if (q == NULL)
			return STR_NULL;
		return (struct str){ line.p + i + nl + 2,
		    (size_t)(q - (line.p + i + nl + 2)) };
	}
	return STR_NULL;
}

int
parse_multipart(struct arena *a, struct str body, struct str boundary,
    struct kvs *out)
{
	char *delim;
	struct str d, rest;
	size_t cap = 0;
	long at;

	out->n = 0;
	out->v = NULL;
	if (boundary.n == 0)
		return PARSE_E_SYNTAX;
	delim = arena_printf(a, "--%.*s", (int)boundary.n, boundary.p);
	d = str_c(delim);
	if ((at = memfind(body, d)) < 0)
		return PARSE_E_SYNTAX;
	rest = (struct str){ body.p + at + d.n, body.n - (size_t)at - d.n };
	for (;;) {
		struct str headers, content, name = STR_NULL, fname = STR_NULL;
		struct kv *kv;
		long hend, next;

		if (rest.n >= 2 && rest.p[0] == '-' && rest.p[1] == '-')
			return PARSE_OK;	/* closing delimiter */
		if (rest.n < 2 || rest.p[0] != '\r' || rest.p[1] != '\n')
			return PARSE_E_SYNTAX;
		rest.p += 2;
		rest.n -= 2;
		if ((hend = memfind(rest, STR_LIT("\r\n\r\n"))) < 0)
			return PARSE_E_SYNTAX;
		headers = (struct str){ rest.p, (size_t)hend };
		rest.p += hend + 4;
		rest.n -= (size_t)hend + 4;
		/* Content runs to CRLF + delimiter. */
		{
			char *cd = arena_printf(a, "\r\n%s", delim);

			if ((next = memfind(rest, str_c(cd))) < 0)
				return PARSE_E_SYNTAX;
			content = (struct str){ rest.p, (size_t)next };
			rest.p += next + 2 + d.n;
			rest.n -= (size_t)next + 2 + d.n;
		}
		while (headers.n > 0) {
			struct str line;

			headers = str_cut(headers, '\n', &line);
			line = str_trim(line);
			if (line.n > 20 && strncasecmp(line.p,
			    "content-disposition:", 20) == 0) {
				name = disp_param(line, "name");
				fname = disp_param(line, "filename");
			}
			if (headers.p == NULL)
				break;
		}
		if (name.p == NULL)
			return PARSE_E_SYNTAX;
		if ((kv = kvs_push(a, out, &cap)) == NULL)
			return PARSE_E_TOO_MANY;
		kv->key.p = arena_cstr(a, name);
		kv->key.n = name.n;
		kv->val.p = arena_cstr(a, content);
		kv->val.n = content.n;
		kv->nul = memchr(content.p, '\0', content.n) != NULL;
		kv->filename.p = arena_cstr(a, fname.p ? fname : STR_LIT(""));
		kv->filename.n = fname.p ? fname.n : 0;
	}
}

/* An HTTP qvalue in thousandths: "1", "0.5", "0.001"; -1 if malformed. */
static int
qvalue(struct str s)
{
	int v, i, scale = 100;

	if (s.n == 0 || (s.p[0] != '0' && s.p[0] != '1'))
		return -1;
	v = (s.p[0] - '0') * 1000;
	if (s.n == 1)
		return v;
	if (s.p[1] != '.' || s.n > 5)
		return -1;
	for (i = 2; i < (int)s.n; i++, scale /= 10) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		v += (s.p[i] - '0') * scale;
	}
	return v <= 1000 ? v : -1;
}

static bool
coding_is(struct str s, const char *name)
{
	return s.n == strlen(name) && strncasecmp(s.p, name, s.n) == 0;
}

bool
parse_accept_gzip(struct str v)
{
	int gzip = -1, star = -1;	/* -1 not named, 0 refused, 1 taken */

	while (v.p != NULL && v.n > 0) {
		struct str item, coding, params, param;
		int q = 1000;

		v = str_cut(v, ',', &item);
		params = str_cut(item, ';', &coding);
		coding = str_trim(coding);
		while (params.p != NULL) {
			params = str_cut(params, ';', &param);
			param = str_trim(param);
			if (param.n >= 2 && (param.p[0] == 'q' ||
			    param.p[0] == 'Q') && param.p[1] == '=')
				q = qvalue(str_trim((struct str){ param.p + 2,
				    param.n - 2 }));
		}
		if (coding_is(coding, "gzip") || coding_is(coding, "x-gzip"))
			gzip = gzip == 1 || q > 0;
		else if (coding_is(coding, "*"))
			star = star == 1 || q > 0;
	}
	return gzip >= 0 ? gzip == 1 : star == 1;
}

/* One item of a net list into *o; -1 when it is not ADDR or ADDR/BITS. */
static int
net_one(struct str item, struct parse_net *o)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	long bits = -1;

	if (item.n == 0 || item.n >= sizeof(buf))
		return -1;
	memcpy(buf, item.p, item.n);
	buf[item.n] = '\0';
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash = '\0';
		if (str_to_long(str_c(slash + 1), 0, 128, &bits) != 0)
			return -1;
	}
	memset(o, 0, sizeof(*o));
	if (inet_pton(AF_INET, buf, o->addr) == 1) {
		o->family = 4;
		o->bits = bits < 0 ? 32 : (int)bits;
		return o->bits <= 32 ? 0 : -1;
	}
	if (inet_pton(AF_INET6, buf, o->addr) == 1) {
		o->family = 6;
		o->bits = bits < 0 ? 128 : (int)bits;
		return 0;
	}
	return -1;
}

int
parse_net_list(struct str in, struct parse_net *out, size_t max, size_t *n,
    struct str *bad)
{
	size_t i = 0;

	*n = 0;
	while (i < in.n) {
		size_t j;
		struct str item;

		if (in.p[i] == ',' || in.p[i] == ' ' || in.p[i] == '\t') {
			i++;
			continue;
		}
		for (j = i; j < in.n && in.p[j] != ',' && in.p[j] != ' ' &&
		    in.p[j] != '\t'; j++)
			;
		item = (struct str){ in.p + i, j - i };
		if (*n == max)
			return PARSE_E_TOO_MANY;
		if (net_one(item, &out[*n]) != 0) {
			*bad = item;
			return PARSE_E_SYNTAX;
		}
		(*n)++;
		i = j;
	}
	return PARSE_OK;
}

bool
parse_net_match(const struct parse_net *nets, size_t n, int family,
    const unsigned char *addr)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0xff, 0xff };
	size_t i;

	if (family == 6 && memcmp(addr, mapped, sizeof(mapped)) == 0) {
		family = 4;
		addr += 12;
	}
	for (i = 0; i < n; i++) {
		int bits = nets[i].bits, full = bits / 8, rest = bits % 8;

		if (nets[i].family != family)
			continue;
		if (memcmp(nets[i].addr, addr, (size_t)full) != 0)
			continue;
		if (rest != 0 && ((nets[i].addr[full] ^ addr[full]) &
		    (0xff << (8 - rest)) & 0xff) != 0)
			continue;
		return true;
	}
	return false;
}
