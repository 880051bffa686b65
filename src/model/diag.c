#include "diag.h"

#include <limits.h>
#include <string.h>

/* Everything an answer is: points, stable key, storage character. */
static const struct {
	int		 points;
	const char	*key;
	char		 code;
} diag_answers[DIAG_ANSWER__MAX] = {
	[DIAG_NONE] =		{ 0, "", '.' },
	[DIAG_YES] =		{ 4, "yes", '4' },
	[DIAG_PARTLY] =		{ 2, "partly", '2' },
	[DIAG_NO] =		{ 0, "no", '0' },
	[DIAG_UNKNOWN] =	{ -1, "unknown", 'u' },
};

static const char *const diag_roles[DIAG_ROLE__MAX] = {
	[DIAG_ROLE_EXECUTIVE] = "executive",
	[DIAG_ROLE_MANAGER] = "manager",
	[DIAG_ROLE_EMPLOYEE] = "employee",
};

/* Lowest score in tenths that still earns the band. */
static const struct {
	const char	*key;
	long		 min_tenths;
} diag_bands[DIAG_BAND__MAX] = {
	[DIAG_BAND_EXCELLENT] =	{ "excellent", 1000 },
	[DIAG_BAND_GOOD] =	{ "good", 700 },
	[DIAG_BAND_FAIR] =	{ "fair", 500 },
	[DIAG_BAND_WEAK] =	{ "weak", LONG_MIN },
};

/* Items 1–5, 6–18, 19–25 (SPEC §2), 0-based. */
static const struct {
	int	 first;
	int	 len;
} diag_parts[DIAG_PARTS] = {
	{ 0, 5 },
	{ 5, 13 },
	{ 18, 7 },
};

_Static_assert(5 + 13 + 7 == DIAG_ITEMS, "parts must cover every item");

/* True for the four real answers (not NONE, not out of range). */
static int
diag_is_answer(unsigned a)
{
	return a > DIAG_NONE && a < DIAG_ANSWER__MAX;
}

int
diag_points(enum diag_answer a)
{
	return diag_is_answer(a) ? diag_answers[a].points : 0;
}

int
diag_part_of(int item)
{
	int p;

	for (p = 0; p < DIAG_PARTS; p++)
		if (item >= diag_parts[p].first &&
		    item < diag_parts[p].first + diag_parts[p].len)
			return p;
	return -1;
}

int
diag_part_first(int part)
{
	return part >= 0 && part < DIAG_PARTS ? diag_parts[part].first : -1;
}

int
diag_part_len(int part)
{
	return part >= 0 && part < DIAG_PARTS ? diag_parts[part].len : 0;
}

enum diag_band
diag_band_of(long tenths)
{
	int b;

	for (b = 0; b < DIAG_BAND_WEAK; b++)
		if (tenths >= diag_bands[b].min_tenths)
			return (enum diag_band)b;
	return DIAG_BAND_WEAK;
}

const char *
diag_answer_key(enum diag_answer a)
{
	return (unsigned)a < DIAG_ANSWER__MAX ? diag_answers[a].key : "";
}

const char *
diag_role_key(enum diag_role r)
{
	return (unsigned)r < DIAG_ROLE__MAX ? diag_roles[r] : "";
}

const char *
diag_band_key(enum diag_band b)
{
	return (unsigned)b < DIAG_BAND__MAX ? diag_bands[b].key : "";
}

/* True when the n bytes at s spell exactly the C string key. */
static int
diag_key_eq(const char *s, size_t n, const char *key)
{
	return n == strlen(key) && (n == 0 || memcmp(s, key, n) == 0);
}

int
diag_role_from_key(const char *s, size_t n)
{
	int r;

	if (s == NULL)
		return -1;
	for (r = 0; r < DIAG_ROLE__MAX; r++)
		if (diag_key_eq(s, n, diag_roles[r]))
			return r;
	return -1;
}

int
diag_answer_from_key(const char *s, size_t n)
{
	int a;

	/* NONE's key is "" and is not an answer anyone can give. */
	if (s == NULL || n == 0)
		return -1;
	for (a = DIAG_NONE + 1; a < DIAG_ANSWER__MAX; a++)
		if (diag_key_eq(s, n, diag_answers[a].key))
			return a;
	return -1;
}

void
diag_encode(const unsigned char ans[DIAG_ITEMS], char out[DIAG_ITEMS + 1])
{
	int i;

	for (i = 0; i < DIAG_ITEMS; i++)
		out[i] = diag_is_answer(ans[i]) ? diag_answers[ans[i]].code :
		    diag_answers[DIAG_NONE].code;
	out[DIAG_ITEMS] = '\0';
}

int
diag_decode(const char *s, size_t n, unsigned char ans[DIAG_ITEMS])
{
	unsigned char tmp[DIAG_ITEMS];
	int i, a;

	if (s == NULL || n != DIAG_ITEMS)
		return -1;
	for (i = 0; i < DIAG_ITEMS; i++) {
		for (a = 0; a < DIAG_ANSWER__MAX; a++)
			if (s[i] == diag_answers[a].code)
				break;
		if (a == DIAG_ANSWER__MAX)
			return -1;
		tmp[i] = (unsigned char)a;
	}
	/* ans is left untouched on failure. */
	memcpy(ans, tmp, sizeof(tmp));
	return 0;
}

int
diag_resp_answered(const struct diag_resp *r)
{
	int i, n = 0;

	for (i = 0; i < DIAG_ITEMS; i++)
		if (diag_is_answer(r->ans[i]))
			n++;
	return n;
}

int
diag_resp_score(const struct diag_resp *r)
{
	int i, sum = 0;

	for (i = 0; i < DIAG_ITEMS; i++)
		sum += diag_points(r->ans[i]);
	return sum;
}

/*
 * sum*10/n rounded half away from zero, in unsigned arithmetic on the
 * magnitude so that neither sum*10 nor a negative remainder can trip us:
 * the whole part and the remainder are scaled separately.  Exact for every
 * n up to ULONG_MAX/10 and every sum whose mean ×10 fits in a long.
 */
long
diag_mean_tenths(long sum, long n)
{
	unsigned long mag, un, q, r;

	if (n <= 0)
		return 0;
	un = (unsigned long)n;
	mag = sum < 0 ? 0UL - (unsigned long)sum : (unsigned long)sum;
	q = mag / un;
	r = mag % un;
	q = q * 10 + (r * 10) / un;
	r = (r * 10) % un;
	if (r >= un - r)	/* 2r >= n: half or more rounds away */
		q++;
	return sum < 0 ? -(long)q : (long)q;
}

/* Running sums while diag_compute walks the respondents. */
struct diag_acc {
	long	 score_sum;
	long	 role_score[DIAG_ROLE__MAX];
	long	 item_sum[DIAG_ITEMS];
	long	 item_role_sum[DIAG_ITEMS][DIAG_ROLE__MAX];
	long	 part_sum[DIAG_PARTS];
};

static void
diag_add(struct diag_acc *acc, const struct diag_resp *r,
    struct diag_result *out)
{
	int i, a;

	out->n++;
	out->role_n[r->role]++;
	acc->score_sum += diag_resp_score(r);
	acc->role_score[r->role] += diag_resp_score(r);
	for (i = 0; i < DIAG_ITEMS; i++) {
		a = r->ans[i];
		out->item[i].counts[a]++;
		out->item[i].by_role[r->role][a]++;
		acc->item_sum[i] += diag_points(a);
		acc->item_role_sum[i][r->role] += diag_points(a);
		acc->part_sum[diag_part_of(i)] += diag_points(a);
	}
}

/*
 * The staff's mean (managers and employees together) and the executives'
 * lead over it.  The gap is the difference of the two means as shown, so
 * that "2.3, 1.7, +0.6" always reads right.
 */
static void
diag_gap(struct diag_item_stat *it, const long *role_sum, const int *role_n)
{
	long ne = role_n[DIAG_ROLE_EXECUTIVE];
	long ns = role_n[DIAG_ROLE_MANAGER] + role_n[DIAG_ROLE_EMPLOYEE];
	long st = role_sum[DIAG_ROLE_MANAGER] + role_sum[DIAG_ROLE_EMPLOYEE];

	it->staff_mean_tenths = diag_mean_tenths(st, ns);
	it->gap_valid = ne > 0 && ns > 0;
	it->gap_tenths = it->gap_valid ? it->role_mean_tenths[
	    DIAG_ROLE_EXECUTIVE] - it->staff_mean_tenths : 0;
}

/*
 * True when item a is weaker than item b.  Every counted respondent
 * answered every item, so comparing point sums compares exact means.
 */
static int
diag_weaker(const struct diag_acc *acc, const struct diag_result *res,
    int a, int b)
{
	int ua = res->item[a].counts[DIAG_UNKNOWN];
	int ub = res->item[b].counts[DIAG_UNKNOWN];

	if (acc->item_sum[a] != acc->item_sum[b])
		return acc->item_sum[a] < acc->item_sum[b];
	if (ua != ub)
		return ua > ub;
	return a < b;
}

/* Insertion sort: 25 items, and the comparison needs context. */
static void
diag_order_weakest(const struct diag_acc *acc, struct diag_result *out)
{
	int i, j, v;

	for (i = 0; i < DIAG_ITEMS; i++) {
		v = i;
		for (j = i; j > 0 && diag_weaker(acc, out, v,
		    out->weakest[j - 1]); j--)
			out->weakest[j] = out->weakest[j - 1];
		out->weakest[j] = v;
	}
}

/*
 * Which role figures identify someone (struct diag_result.role_hidden).
 * Whatever is hidden can be had back as the total minus what is shown, so
 * the hidden roles together must hold more than one person.
 */
static void
diag_hide_roles(struct diag_result *out)
{
	int r, alone = 0, other = -1;

	for (r = 0; r < DIAG_ROLE__MAX; r++)
		if (out->role_n[r] == 1) {
			out->role_hidden[r] = true;
			alone++;
		} else if (out->role_n[r] > 1 && (other < 0 ||
		    out->role_n[r] < out->role_n[other]))
			other = r;
	if (alone == 1 && other >= 0)
		out->role_hidden[other] = true;
	out->staff_hidden = alone > 0;
}

static void
diag_finish(const struct diag_acc *acc, struct diag_result *out)
{
	int i, p, r;

	out->company_tenths = diag_mean_tenths(acc->score_sum, out->n);
	out->band = diag_band_of(out->company_tenths);
	for (p = 0; p < DIAG_PARTS; p++) {
		out->part_mean_tenths[p] = diag_mean_tenths(acc->part_sum[p],
		    (long)out->n * diag_part_len(p));
		out->part_on100_tenths[p] = diag_mean_tenths(
		    acc->part_sum[p] * 25, (long)out->n * diag_part_len(p));
	}
	for (r = 0; r < DIAG_ROLE__MAX; r++)
		out->role_mean_tenths[r] = diag_mean_tenths(acc->role_score[r],
		    out->role_n[r]);
	for (i = 0; i < DIAG_ITEMS; i++) {
		struct diag_item_stat *it = &out->item[i];

		it->mean_tenths = diag_mean_tenths(acc->item_sum[i], out->n);
		for (r = 0; r < DIAG_ROLE__MAX; r++)
			it->role_mean_tenths[r] = diag_mean_tenths(
			    acc->item_role_sum[i][r], out->role_n[r]);
		diag_gap(it, acc->item_role_sum[i], out->role_n);
	}
	diag_order_weakest(acc, out);
	diag_hide_roles(out);
}

/*
 * A respondent counts when every item holds a real answer and the role is
 * in range; anything else (incomplete, or corrupt) is skipped rather than
 * trusted as an array index.
 */
void
diag_compute(const struct diag_resp *r, size_t n, struct diag_result *out)
{
	struct diag_acc acc;
	size_t k;

	memset(out, 0, sizeof(*out));
	memset(&acc, 0, sizeof(acc));
	for (k = 0; k < n; k++)
		if ((unsigned)r[k].role < DIAG_ROLE__MAX &&
		    diag_resp_answered(&r[k]) == DIAG_ITEMS)
			diag_add(&acc, &r[k], out);
	diag_finish(&acc, out);
}
