#include "esc.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <stdbool.h>

/* Bytes that need an entity: 1 in text and attributes, 2 only in
 * attributes. */
static const unsigned char esc_class[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, ['\0'] = 1,
	['`'] = 2, ['='] = 2,
};

/*
 * Length of the leading run of s that holds none of & < > " ' NUL (and,
 * for attributes, ` =), eight bytes at a time: most text, and all of
 * Japanese, has nothing to escape.
 */
static size_t
clean_run(const char *p, size_t n, bool attr)
{
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define HAS(x, c) ((((x) ^ (ONES * (c))) - ONES) & ~((x) ^ (ONES * (c))) & HIGHS)
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, hit;

		memcpy(&x, p + i, 8);
		hit = HAS(x, '&') | HAS(x, '<') | HAS(x, '>') | HAS(x, '"') |
		    HAS(x, '\'') | HAS(x, 0);
		if (attr)
			hit |= HAS(x, '`') | HAS(x, '=');
		if (hit)
			break;
	}
	return i;
#undef HAS
#undef HIGHS
#undef ONES
}

static void
esc_markup(struct buf *b, struct str s, bool attr)
{
	size_t i, run = 0;
	unsigned char limit = attr ? 2 : 1;

	if (s.n == 0)
		return;
	for (i = clean_run(s.p, s.n, attr); i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i], k = esc_class[c];
		const char *rep;

		if (k == 0 || k > limit)
			continue;
		switch (c) {
		case '&':  rep = "&amp;"; break;
		case '<':  rep = "&lt;"; break;
		case '>':  rep = "&gt;"; break;
		case '"':  rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '`':  rep = "&#96;"; break;
		case '=':  rep = "&#61;"; break;
		default:   rep = "\xef\xbf\xbd"; break;	/* NUL */
		}
		buf_add(b, s.p + run, i - run);
		buf_adds(b, rep);
		run = i + 1;
	}
	buf_add(b, s.p + run, s.n - run);
}

void
esc_html(struct buf *b, struct str s)
{
	esc_markup(b, s, false);
}

void
esc_attr(struct buf *b, struct str s)
{
	esc_markup(b, s, true);
}

void
esc_url(struct buf *b, struct str s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	if (s.n == 0)
		return;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_addc(b, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };

			buf_add(b, e, 3);
		}
	}
}

void
esc_json(struct buf *b, struct str s)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		switch (c) {
		case '"':  buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20 || c == '<' || c == '>' || c == '&') {
				char e[6] = { '\\', 'u', '0', '0', hex[c >> 4],
				    hex[c & 15] };

				buf_add(b, e, 6);
			} else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

void
esc_csv(struct buf *b, struct str s)
{
	bool quote = false, formula;
	long num;
	size_t i;

	/* Spreadsheets run a cell that starts like a formula; plain numbers
	 * ("-1") are numbers, not formulas, and stay as they are. */
	formula = s.n > 0 && (s.p[0] == '=' || s.p[0] == '+' ||
	    s.p[0] == '-' || s.p[0] == '@' || s.p[0] == '\t' ||
	    s.p[0] == '\r') && str_to_long(s, LONG_MIN, LONG_MAX, &num) != 0;
	for (i = 0; i < s.n; i++)
		if (s.p[i] == ',' || s.p[i] == '"' || s.p[i] == '\r' ||
		    s.p[i] == '\n')
			quote = true;
	if (!quote && !formula) {
		buf_addstr(b, s);
		return;
	}
	buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (i = 0; i < s.n; i++) {
		if (s.p[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s.p[i]);
	}
	buf_addc(b, '"');
}
