#include "str.h"

#include <limits.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct str
str_trim(struct str s)
{
	while (s.n > 0 && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

struct str
str_cut(struct str s, char c, struct str *head)
{
	const char *q = s.n ? memchr(s.p, c, s.n) : NULL;

	if (q == NULL) {
		*head = s;
		return STR_NULL;
	}
	head->p = s.p;
	head->n = (size_t)(q - s.p);
	return (struct str){ q + 1, s.n - head->n - 1 };
}

int
str_to_long(struct str s, long min, long max, long *out)
{
	size_t i = 0;
	bool neg = false;
	unsigned long v = 0, lim;

	if (s.n == 0)
		return -1;
	if (s.p[0] == '-') {
		neg = true;
		i = 1;
		if (s.n == 1)
			return -1;
	}
	lim = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	for (; i < s.n; i++) {
		unsigned d;

		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		d = (unsigned)(s.p[i] - '0');
		if (v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	{
		long r = neg ? (v == (unsigned long)LONG_MAX + 1 ? LONG_MIN :
		    -(long)v) : (long)v;

		if (r < min || r > max)
			return -1;
		*out = r;
	}
	return 0;
}

bool
str_utf8_valid(struct str s)
{
	const unsigned char *p = (const unsigned char *)s.p;
	size_t i = 0;

	while (i < s.n) {
		unsigned c = p[i], need, cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
		} else
			return false;
		if (i + need >= s.n)
			return false;
		for (unsigned k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += need + 1;
	}
	return true;
}

size_t
str_utf8_count(struct str s)
{
	size_t i, n = 0;

	for (i = 0; i < s.n; i++)
		if (((unsigned char)s.p[i] & 0xc0) != 0x80)
			n++;
	return n;
}

size_t
str_text_rows(struct str s, size_t cols)
{
	size_t i, rows = 0, col = 0;

	if (cols == 0)
		cols = 1;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		size_t w;

		if (c == '\n') {
			rows++;
			col = 0;
			continue;
		}
		if ((c & 0xc0) == 0x80 || c == '\r')
			continue;	/* counted with its first byte */
		w = c < 0x80 ? 1 : 2;
		if (col + w > cols) {
			rows++;
			col = 0;
		}
		col += w;
	}
	return rows + 1;
}
