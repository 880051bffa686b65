#include "num.h"

#include <math.h>
#include <stdio.h>

static const long pow10_tab[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

static void
num_scaled(struct buf *b, double v, int decimals, int trim)
{
	long long scaled, ip, fp;
	long scale;
	char digits[8];
	int i, keep;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	scale = pow10_tab[decimals];
	if (!isfinite(v) || fabs(v) * (double)scale > 9e17)
		v = 0;
	scaled = llround(v * (double)scale);
	if (scaled < 0) {
		buf_addc(b, '-');
		scaled = -scaled;
	}
	ip = scaled / scale;
	fp = scaled % scale;
	buf_printf(b, "%lld", ip);
	if (decimals == 0)
		return;
	for (i = decimals - 1; i >= 0; i--) {
		digits[i] = (char)('0' + fp % 10);
		fp /= 10;
	}
	keep = decimals;
	if (trim)
		while (keep > 0 && digits[keep - 1] == '0')
			keep--;
	if (keep == 0)
		return;
	buf_addc(b, '.');
	buf_add(b, digits, (size_t)keep);
}

void
num_fixed(struct buf *b, double v, int decimals)
{
	num_scaled(b, v, decimals, 0);
}

void
num_short(struct buf *b, double v, int decimals)
{
	num_scaled(b, v, decimals, 1);
}

void
num_tenths(struct buf *b, long tenths)
{
	unsigned long u = (unsigned long)tenths;

	if (tenths < 0) {
		buf_addc(b, '-');
		u = 0UL - u;	/* LONG_MIN included */
	}
	buf_printf(b, "%lu.%lu", u / 10, u % 10);
}

const char *
num_tenths_a(struct arena *a, long tenths)
{
	struct buf b = BUF_INIT;
	const char *s;

	num_tenths(&b, tenths);
	s = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}

void
num_list_parse(struct str s, int64_t *v, int n)
{
	struct str one;
	long x;
	int i;

	for (i = 0; i < n; i++) {
		s = str_cut(s, ',', &one);
		v[i] = str_to_long(one, -1000000000000L, 1000000000000L,
		    &x) == 0 ? x : 0;
	}
}

char *
num_list_format(struct arena *a, const int64_t *v, int n)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)v[i]);
	s = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}
