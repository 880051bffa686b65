/* Unit tests for src/model/diag_csv.c: encodings, line endings, quoting,
 * labels, and every error code with its line and column. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "model/diag_csv.h"

#define HDR	"name,role,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13," \
		"q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25"

/* Per test: the file being built, the arena and the outcome. */
struct fx {
	struct buf	 b;
	struct arena	 a;
	struct diag_csv	 out;
};

static int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));

	arena_init(&f->a);
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	buf_free(&f->b);
	arena_free(&f->a);
	free(f);
	return 0;
}

/*
 * Append a record: name, role and 25 answers, all `fill` except item
 * `item` (1-based; 0 for none) which is `special`; then eol.
 */
static void
row(struct buf *b, const char *name, const char *role, const char *fill,
    int item, const char *special, const char *eol)
{
	int i;

	buf_printf(b, "%s,%s", name, role);
	for (i = 1; i <= DIAG_ITEMS; i++)
		buf_printf(b, ",%s", i == item ? special : fill);
	buf_adds(b, eol);
}

static int
parse(struct fx *f)
{
	arena_free(&f->a);
	return diag_csv_parse(f->b.p, f->b.n, 0, &f->a, &f->out);
}

static void
assert_err(const struct diag_csv *o, size_t k, enum diag_csv_err code,
    unsigned long line, unsigned col, const char *msg)
{
	assert_true(k < o->n_err);
	assert_int_equal(o->err[k].code, code);
	assert_int_equal(o->err[k].line, line);
	assert_int_equal(o->err[k].column, col);
	if (msg != NULL)
		assert_string_equal(o->err[k].msg, msg);
}

/* The only error is code at line:col. */
static void
assert_one_err(const struct fx *f, enum diag_csv_err code,
    unsigned long line, unsigned col, const char *msg)
{
	assert_int_equal(f->out.n_err, 1);
	assert_null(f->out.resp);
	assert_int_equal(f->out.n_resp, 0);
	assert_err(&f->out, 0, code, line, col, msg);
}

/* Convert UTF-8 text to CP932 bytes in out. */
static void
to_cp932(const struct buf *in, struct buf *out)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	char *ip = in->p, *op;
	size_t il = in->n, ol = in->n * 2 + 16;

	assert_true(cd != (iconv_t)-1);
	op = buf_reserve(out, ol);
	assert_non_null(op);
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	buf_commit(out, in->n * 2 + 16 - ol);
	iconv_close(cd);
}

/* ---- accepted files ---------------------------------------------------- */

static void
test_diag_csv_parse_utf8(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "Tanaka", "executive", "yes", 3, "no", "\n");
	row(&f->b, "鈴木", "manager", "partly", 0, NULL, "\n");
	row(&f->b, "", "employee", "unknown", 25, "4", "\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_err, 0);
	assert_null(f->out.err);
	assert_false(f->out.cp932);
	assert_int_equal(f->out.n_resp, 3);
	assert_string_equal(f->out.resp[0].name, "Tanaka");
	assert_int_equal(f->out.resp[0].role, DIAG_ROLE_EXECUTIVE);
	assert_int_equal(f->out.resp[0].ans[0], DIAG_YES);
	assert_int_equal(f->out.resp[0].ans[2], DIAG_NO);
	assert_int_equal(diag_resp_score(&f->out.resp[0]), 96);
	assert_string_equal(f->out.resp[1].name, "鈴木");
	assert_int_equal(f->out.resp[1].role, DIAG_ROLE_MANAGER);
	assert_int_equal(diag_resp_score(&f->out.resp[1]), 50);
	assert_string_equal(f->out.resp[2].name, "");
	assert_int_equal(f->out.resp[2].role, DIAG_ROLE_EMPLOYEE);
	assert_int_equal(f->out.resp[2].ans[24], DIAG_YES);
	assert_int_equal(diag_resp_score(&f->out.resp[2]), -20);
}

static void
test_diag_csv_parse_bom(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "\xef\xbb\xbf" HDR "\r\n");
	row(&f->b, "佐藤", "経営者", "実施している", 0, NULL, "\r\n");
	assert_int_equal(parse(f), 0);
	assert_false(f->out.cp932);
	assert_int_equal(f->out.n_resp, 1);
	assert_string_equal(f->out.resp[0].name, "佐藤");
	assert_int_equal(diag_resp_score(&f->out.resp[0]), 100);
}

static void
test_diag_csv_parse_cp932_iconv(void **state)
{
	struct fx *f = *state;
	struct buf utf8 = BUF_INIT;

	buf_adds(&utf8, HDR "\r\n");
	row(&utf8, "山田　花子", "従業員", "一部実施している", 7, "わからない",
	    "\r\n");
	row(&utf8, "ｶﾀｶﾅ", "管理者", "実施していない", 1, "実施している",
	    "\r\n");
	to_cp932(&utf8, &f->b);
	buf_free(&utf8);
	assert_int_equal(parse(f), 0);
	assert_true(f->out.cp932);
	assert_int_equal(f->out.n_resp, 2);
	assert_string_equal(f->out.resp[0].name, "山田　花子");
	assert_int_equal(f->out.resp[0].role, DIAG_ROLE_EMPLOYEE);
	assert_int_equal(f->out.resp[0].ans[6], DIAG_UNKNOWN);
	assert_int_equal(diag_resp_score(&f->out.resp[0]), 47);
	assert_string_equal(f->out.resp[1].name, "ｶﾀｶﾅ");
	assert_int_equal(f->out.resp[1].role, DIAG_ROLE_MANAGER);
	assert_int_equal(diag_resp_score(&f->out.resp[1]), 4);
}

/* "表示" is 95 5C 8E A6 in CP932: its 0x5C trail byte is no backslash,
 * and "経営者" is 8C 6F 89 63 8E D2. */
static void
test_diag_csv_parse_cp932_bytes(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "\"\x95\x5c\x8e\xa6\"", "\x8c\x6f\x89\x63\x8e\xd2", "4", 0,
	    NULL, "");
	assert_int_equal(parse(f), 0);
	assert_true(f->out.cp932);
	assert_string_equal(f->out.resp[0].name, "表示");
	assert_int_equal(f->out.resp[0].role, DIAG_ROLE_EXECUTIVE);
}

static void
test_diag_csv_parse_line_endings(void **state)
{
	struct fx *f = *state;

	/* CRLF, lone CR, LF, and a last line without any */
	buf_adds(&f->b, HDR "\r\n");
	row(&f->b, "a", "executive", "4", 0, NULL, "\r");
	row(&f->b, "b", "manager", "2", 0, NULL, "\n");
	row(&f->b, "c", "employee", "0", 0, NULL, "\r\n");
	row(&f->b, "d", "employee", "-1", 0, NULL, "");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, 4);
	assert_string_equal(f->out.resp[3].name, "d");
	assert_int_equal(diag_resp_score(&f->out.resp[3]), -25);
	/* and the lines are counted the same way */
	row(&f->b, "\r\ne", "boss", "4", 0, NULL, "");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ROLE, 6, 2, NULL);
}

static void
test_diag_csv_parse_quoted(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "\"Tanaka, Taro\"", "\"manager\"", "\"yes\"", 0, NULL, "\n");
	row(&f->b, "\"O\"\"Brien \"\"Jr\"\"\"", "employee", "no", 0, NULL,
	    "\n");
	row(&f->b, "\"\"", "employee  ", "\"4\"  ", 2, "\"4\n\"", "\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, 3);
	assert_string_equal(f->out.resp[0].name, "Tanaka, Taro");
	assert_int_equal(f->out.resp[0].role, DIAG_ROLE_MANAGER);
	assert_string_equal(f->out.resp[1].name, "O\"Brien \"Jr\"");
	assert_string_equal(f->out.resp[2].name, "");
	assert_int_equal(diag_resp_score(&f->out.resp[2]), 100);
	/* the quoted line break moved the next record to line 6 */
	row(&f->b, "x", "boss", "4", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ROLE, 6, 2, NULL);
}

static void
test_diag_csv_parse_labels(void **state)
{
	static const char *const forms[] = {
		"4", "2", "0", "-1",
		"yes", "partly", "no", "unknown",
		"YES", "Partly", "nO", "Unknown",
		"実施している", "一部実施している", "実施していない",
		"わからない",
	};
	struct fx *f = *state;
	int i;

	buf_adds(&f->b, HDR "\nx,employee");
	for (i = 0; i < DIAG_ITEMS; i++)
		buf_printf(&f->b, ",%s", forms[i % 16]);
	assert_int_equal(parse(f), 0);
	for (i = 0; i < DIAG_ITEMS; i++)
		assert_int_equal(f->out.resp[0].ans[i], DIAG_YES + i % 4);
}

static void
test_diag_csv_parse_roles(void **state)
{
	static const struct {
		const char	*s;
		enum diag_role	 r;
	} roles[] = {
		{ "executive", DIAG_ROLE_EXECUTIVE },
		{ "Executive", DIAG_ROLE_EXECUTIVE },
		{ "経営者", DIAG_ROLE_EXECUTIVE },
		{ "MANAGER", DIAG_ROLE_MANAGER },
		{ "管理者", DIAG_ROLE_MANAGER },
		{ "employee", DIAG_ROLE_EMPLOYEE },
		{ "従業員", DIAG_ROLE_EMPLOYEE },
	};
	struct fx *f = *state;
	size_t k;

	buf_adds(&f->b, HDR "\n");
	for (k = 0; k < sizeof(roles) / sizeof(roles[0]); k++)
		row(&f->b, "x", roles[k].s, "0", 0, NULL, "\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, sizeof(roles) / sizeof(roles[0]));
	for (k = 0; k < sizeof(roles) / sizeof(roles[0]); k++)
		assert_int_equal(f->out.resp[k].role, roles[k].r);
}

static void
test_diag_csv_parse_trim(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, " Name ,\tROLE\t");
	buf_adds(&f->b, &HDR[sizeof("name,role") - 1]);
	buf_adds(&f->b, "\n");
	row(&f->b, "  Tanaka \t", " executive ", "\t yes ", 4,
	    "　実施している　", "\n");
	assert_int_equal(parse(f), 0);
	assert_string_equal(f->out.resp[0].name, "Tanaka");
	assert_int_equal(f->out.resp[0].ans[3], DIAG_YES);
	assert_int_equal(diag_resp_score(&f->out.resp[0]), 100);
}

static void
test_diag_csv_parse_skips_blank(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "\n\r\n" HDR "\n\n");
	row(&f->b, "a", "executive", "4", 0, NULL, "\n");
	buf_adds(&f->b, ",,,,,,\n \t \n\"\",\" \"\n");
	row(&f->b, "b", "employee", "0", 0, NULL, "\n\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, 2);
	assert_string_equal(f->out.resp[1].name, "b");
	/* blank lines count: a bad record after them is on line 11 */
	row(&f->b, "c", "boss", "0", 0, NULL, "");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ROLE, 11, 2, NULL);
}

/* Notes after the header: a record whose first field begins with '#'
 * is skipped whatever its fields; a quoted "#..." is a name. */
static void
test_diag_csv_parse_skips_comments(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n# 4=実施している, 2=一部実施している\n");
	row(&f->b, "  #例 山田", "経営者", "4", 0, NULL, "\n");
	row(&f->b, "a", "executive", "4", 0, NULL, "\n");
	buf_adds(&f->b, "#,\"two\nlines\",x\n");
	row(&f->b, "\"#3\"", "employee", "0", 0, NULL, "\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, 2);
	assert_string_equal(f->out.resp[0].name, "a");
	assert_string_equal(f->out.resp[1].name, "#3");
	/* lines inside a note's quotes count: the bad role is on line 8 */
	row(&f->b, "c", "boss", "0", 0, NULL, "");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ROLE, 8, 2, NULL);
}

/* Only notes after the header: no respondents, said as such; a note
 * whose quote never ends is still an error. */
static void
test_diag_csv_parse_comments_only(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "\xef\xbb\xbf" HDR "\r\n# codes\r\n");
	row(&f->b, "#example", "manager", "2", 0, NULL, "\r\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_NO_ROWS, 2, 1, NULL);
	buf_adds(&f->b, "#,\"open\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_QUOTE, 4, 2, NULL);
	/* before the header a note is a wrong header */
	buf_reset(&f->b);
	buf_adds(&f->b, "# codes\n" HDR "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.err[0].code, DIAG_CSV_E_HEADER);
}

/* A prefix of a valid file never crashes nor reads past its end: each one
 * is handed over in a heap block of exactly its length. */
static void
test_diag_csv_parse_every_prefix(void **state)
{
	struct fx *f = *state;
	struct buf utf8 = BUF_INIT;
	size_t n;
	char *p;

	buf_adds(&utf8, HDR "\r\n");
	row(&utf8, "\"山田, \"\"花子\"\"\"", "従業員", "わからない", 3,
	    "\"4\r\n\"", "\r\n");
	to_cp932(&utf8, &f->b);
	buf_free(&utf8);
	for (n = 0; n <= f->b.n; n++) {
		p = xmalloc(n);
		memcpy(p, f->b.p, n);
		arena_free(&f->a);
		(void)diag_csv_parse(p, n, 0, &f->a, &f->out);
		assert_true(f->out.n_err > 0 || f->out.n_resp == 1);
		free(p);
	}
	assert_int_equal(f->out.n_err, 0);
}

/* ---- the header -------------------------------------------------------- */

static void
test_diag_csv_parse_header_case(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "NAME,Role,Q1,q2,Q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,"
	    "q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24, \"Q25\" \n");
	row(&f->b, "x", "manager", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), 0);
}

static void
test_diag_csv_parse_header_wrong(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "name,role,q1,q2,q3,question4,q5\n");
	row(&f->b, "x", "manager", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 1, 6,
	    "header: expected \"q4\", found \"question4\"");
	assert_string_equal(f->out.err[0].value, "question4");
}

static void
test_diag_csv_parse_header_japanese(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "\n\n名前,役割\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 3, 1,
	    "header: expected \"name\", found \"名前\"");
}

static void
test_diag_csv_parse_header_missing(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, "name,role,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,"
	    "q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 1, 27,
	    "header: missing column \"q25\"");
	buf_reset(&f->b);
	buf_adds(&f->b, "name");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 1, 2,
	    "header: missing column \"role\"");
}

static void
test_diag_csv_parse_header_extra(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR ",comment,more\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 1, 28,
	    "header: unexpected column \"comment\" after q25");
}

/* ---- errors ------------------------------------------------------------ */

static void
test_diag_csv_parse_error_empty(void **state)
{
	static const char *const empties[] = {
		"", "\n", "\r\n \t\n,,,\n", "\xef\xbb\xbf", "\"\"\n",
	};
	struct fx *f = *state;
	size_t k;

	for (k = 0; k < sizeof(empties) / sizeof(empties[0]); k++) {
		buf_reset(&f->b);
		buf_adds(&f->b, empties[k]);
		assert_int_equal(parse(f), -1);
		assert_one_err(f, DIAG_CSV_E_EMPTY, 1, 1, "file is empty: "
		    "expected the header name,role,q1,...,q25");
	}
	assert_int_equal(diag_csv_parse(NULL, 0, 0, &f->a, &f->out), -1);
	assert_one_err(f, DIAG_CSV_E_EMPTY, 1, 1, NULL);
}

static void
test_diag_csv_parse_error_no_rows(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR);
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_NO_ROWS, 2, 1,
	    "no respondents after the header");
	buf_adds(&f->b, "\r\n\r\n,,\r\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_NO_ROWS, 2, 1, NULL);
}

static void
test_diag_csv_parse_error_too_big(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "manager", "2", 0, NULL, "\n");
	assert_int_equal(diag_csv_parse(f->b.p, f->b.n, f->b.n - 1, &f->a,
	    &f->out), -1);
	assert_one_err(f, DIAG_CSV_E_TOO_BIG, 1, 1, NULL);
	assert_int_equal(strncmp(f->out.err[0].msg, "file is larger than ",
	    20), 0);
	assert_int_equal(diag_csv_parse(f->b.p, f->b.n, f->b.n, &f->a,
	    &f->out), 0);
	/* a limit above the hard cap is the hard cap; an oversized input
	 * is refused before any of its bytes is read */
	assert_int_equal(diag_csv_parse(f->b.p, DIAG_CSV_MAX_BYTES + 1,
	    DIAG_CSV_MAX_BYTES * 2, &f->a, &f->out), -1);
	assert_one_err(f, DIAG_CSV_E_TOO_BIG, 1, 1, NULL);
}

static void
test_diag_csv_parse_error_fields(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	buf_adds(&f->b, "x,manager,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,"
	    "2,2\n");
	row(&f->b, "y", "manager", "2", 0, NULL, ",2\n");
	buf_adds(&f->b, "lonely\n");
	row(&f->b, "z", "manager", "2", 0, NULL, ",,,,\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 4);
	assert_err(&f->out, 0, DIAG_CSV_E_FIELDS, 2, 27,
	    "expected 27 fields (name, role, q1..q25), found 26");
	assert_err(&f->out, 1, DIAG_CSV_E_FIELDS, 3, 28,
	    "expected 27 fields (name, role, q1..q25), found 28");
	assert_err(&f->out, 2, DIAG_CSV_E_FIELDS, 4, 2, NULL);
	assert_err(&f->out, 3, DIAG_CSV_E_FIELDS, 5, 28,
	    "expected 27 fields (name, role, q1..q25), found 31");
}

static void
test_diag_csv_parse_error_role(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "boss", "2", 0, NULL, "\n");
	row(&f->b, "y", "", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 2);
	assert_err(&f->out, 0, DIAG_CSV_E_ROLE, 2, 2,
	    "role \"boss\" is not executive, manager or employee");
	assert_string_equal(f->out.err[0].value, "boss");
	assert_err(&f->out, 1, DIAG_CSV_E_ROLE, 3, 2,
	    "role \"\" is not executive, manager or employee");
}

static void
test_diag_csv_parse_error_answer(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "manager", "2", 5, "maybe", "\n");
	row(&f->b, "x", "manager", "2", 1, "4.0", "\n");
	row(&f->b, "x", "manager", "2", 25, "+4", "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 3);
	assert_err(&f->out, 0, DIAG_CSV_E_ANSWER, 2, 7, "q5: \"maybe\" is not "
	    "an answer (4, 2, 0, -1 or yes, partly, no, unknown)");
	assert_string_equal(f->out.err[0].value, "maybe");
	assert_err(&f->out, 1, DIAG_CSV_E_ANSWER, 3, 3, NULL);
	assert_err(&f->out, 2, DIAG_CSV_E_ANSWER, 4, 27, NULL);
	assert_string_equal(f->out.err[2].value, "+4");
}

static void
test_diag_csv_parse_error_missing(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "manager", "2", 25, "", "\n");
	row(&f->b, "x", "manager", "2", 13, " \t ", "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 2);
	assert_err(&f->out, 0, DIAG_CSV_E_MISSING, 2, 27,
	    "q25: answer is empty");
	assert_err(&f->out, 1, DIAG_CSV_E_MISSING, 3, 15,
	    "q13: answer is empty");
}

static void
test_diag_csv_parse_error_name(void **state)
{
	struct fx *f = *state;
	struct buf name = BUF_INIT;
	int i;

	for (i = 0; i < 100; i++)
		buf_adds(&name, "あ");
	buf_adds(&f->b, HDR "\n");
	row(&f->b, buf_cstr(&name), "manager", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(strlen(f->out.resp[0].name), 300);
	buf_adds(&name, "x");
	row(&f->b, buf_cstr(&name), "manager", "2", 0, NULL, "\n");
	row(&f->b, "\"two\nlines\"", "manager", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 2);
	/* the value is cut at a character boundary: 16 × 3 bytes + "…" */
	assert_err(&f->out, 0, DIAG_CSV_E_NAME, 3, 1, "name \"ああああああああ"
	    "ああああああああ…\" is longer than 100 characters");
	assert_err(&f->out, 1, DIAG_CSV_E_NAME, 4, 1,
	    "name \"two?lines\" contains a control character");
	buf_free(&name);
}

static void
test_diag_csv_parse_error_encoding(void **state)
{
	struct fx *f = *state;

	/* a BOM promises UTF-8: a bad byte is an error where it stands */
	buf_adds(&f->b, "\xef\xbb\xbf" HDR "\n");
	row(&f->b, "\xff", "manager", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ENCODING, 2, 1, "text is not valid UTF-8");
	/* without one, the file is CP932, where 0x80 does not exist */
	buf_reset(&f->b);
	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "manager", "2", 0, NULL, "\n");
	row(&f->b, "x", "mana\x80ger", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_true(f->out.cp932);
	assert_one_err(f, DIAG_CSV_E_ENCODING, 3, 2,
	    "text is not valid CP932 (Shift_JIS)");
	/* a lead byte cut off by a comma */
	buf_reset(&f->b);
	buf_adds(&f->b, HDR "\n");
	row(&f->b, "\x95", "manager", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ENCODING, 2, 1, NULL);
}

static void
test_diag_csv_parse_error_nul(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "manager", "2", 3, "4", "\n");
	f->b.p[f->b.n - 2] = '\0';		/* q25 "2" becomes NUL */
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ENCODING, 2, 27, NULL);
}

static void
test_diag_csv_parse_error_utf16(void **state)
{
	struct fx *f = *state;

	buf_add(&f->b, "\xff\xfen\0a\0", 6);
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ENCODING, 1, 1, "UTF-16 is not "
	    "supported: save as \"CSV UTF-8\" or \"CSV\"");
	buf_reset(&f->b);
	buf_add(&f->b, "\xfe\xff\0n\0a", 6);
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ENCODING, 1, 1, NULL);
}

static void
test_diag_csv_parse_error_quote_unterminated(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "manager", "2", 0, NULL, "\n");
	row(&f->b, "x", "manager", "2", 4, "\"4,\n", "\n");
	row(&f->b, "x", "boss", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	/* everything after the open quote is its field: one error */
	assert_one_err(f, DIAG_CSV_E_QUOTE, 3, 6, "quoted field never ends");
	buf_reset(&f->b);
	buf_adds(&f->b, "\"name,role\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_QUOTE, 1, 1, NULL);
}

static void
test_diag_csv_parse_error_quote_trailing(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "\"Tanaka\" Taro", "manager", "2", 0, NULL, "\n");
	row(&f->b, "x", "boss", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 2);
	assert_err(&f->out, 0, DIAG_CSV_E_QUOTE, 2, 1,
	    "text after the closing quote of a field");
	assert_err(&f->out, 1, DIAG_CSV_E_ROLE, 3, 2, NULL);
}

static void
test_diag_csv_parse_error_several_in_row(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "ok", "manager", "2", 0, NULL, "\n");
	buf_adds(&f->b, "x,boss,2,2,nope,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,"
	    "2,2,\n");
	assert_int_equal(parse(f), -1);
	assert_null(f->out.resp);		/* whole file or nothing */
	assert_int_equal(f->out.n_resp, 0);
	assert_int_equal(f->out.n_err, 3);
	assert_err(&f->out, 0, DIAG_CSV_E_ROLE, 3, 2, NULL);
	assert_err(&f->out, 1, DIAG_CSV_E_ANSWER, 3, 5, NULL);
	assert_err(&f->out, 2, DIAG_CSV_E_MISSING, 3, 27, NULL);
}

static void
test_diag_csv_parse_error_value_sanitised(void **state)
{
	struct fx *f = *state;

	buf_adds(&f->b, HDR "\n");
	row(&f->b, "x", "\"a\tb\x1b[31m\x7f\xc2\x85z\"", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_ROLE, 2, 2, NULL);
	assert_string_equal(f->out.err[0].value, "a?b?[31m??z");
}

static void
test_diag_csv_parse_error_cap(void **state)
{
	struct fx *f = *state;
	int i;

	buf_adds(&f->b, HDR "\n");
	for (i = 0; i < 150; i++)
		row(&f->b, "x", "boss", "2", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, DIAG_CSV_MAX_ERRORS + 1);
	assert_err(&f->out, 99, DIAG_CSV_E_ROLE, 101, 2, NULL);
	assert_err(&f->out, 100, DIAG_CSV_E_TOO_MANY_ERRORS, 102, 2,
	    "too many errors; stopped here");
	assert_string_equal(f->out.err[100].value, "");
}

static void
test_diag_csv_parse_error_too_many_rows(void **state)
{
	struct fx *f = *state;
	int i;

	buf_adds(&f->b, HDR "\n");
	for (i = 0; i < DIAG_CSV_MAX_ROWS; i++)
		row(&f->b, "x", "employee", "0", 0, NULL, "\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, DIAG_CSV_MAX_ROWS);
	row(&f->b, "x", "employee", "0", 0, NULL, "\n");
	row(&f->b, "x", "employee", "0", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_TOO_MANY_ROWS, DIAG_CSV_MAX_ROWS + 2, 1,
	    "more than 10000 respondents in one file");
}

static void
test_diag_csv_strerror_each(void **state)
{
	int e, k;

	for (e = 0; e < DIAG_CSV_E__MAX; e++) {
		const char *s = diag_csv_strerror((enum diag_csv_err)e);

		assert_non_null(s);
		assert_true(s[0] != '\0');
		for (k = 0; k < e; k++)
			assert_string_not_equal(s,
			    diag_csv_strerror((enum diag_csv_err)k));
	}
	assert_string_equal(diag_csv_strerror(DIAG_CSV_E__MAX), "");
	assert_string_equal(diag_csv_strerror((enum diag_csv_err)-1), "");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

/* ---- the department column (issue 16) ---------------------------------- */

static void
test_diag_csv_parse_department(void **state)
{
	struct fx *f = *state;
	char fifty[51 * 3 + 1];
	int i;

	buf_adds(&f->b, HDR ",Department\n");
	row(&f->b, "Tanaka", "executive", "yes", 0, NULL, ",営業部\n");
	row(&f->b, "", "employee", "no", 0, NULL, ",\n");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->out.n_resp, 2);
	assert_string_equal(f->out.resp[0].department, "営業部");
	assert_string_equal(f->out.resp[1].department, "");
	/* 50 characters are fine, 51 are not */
	for (i = 0; i < 51; i++)
		memcpy(fifty + 3 * i, "部", 3);
	fifty[50 * 3] = '\0';
	buf_reset(&f->b);
	buf_adds(&f->b, HDR ",department\n");
	row(&f->b, "a", "executive", "yes", 0, NULL, ",");
	buf_adds(&f->b, fifty);
	buf_adds(&f->b, "\n");
	assert_int_equal(parse(f), 0);
	fifty[50 * 3] = "部"[0];
	fifty[51 * 3] = '\0';
	memcpy(fifty + 50 * 3, "部", 3);
	buf_reset(&f->b);
	buf_adds(&f->b, HDR ",department\n");
	row(&f->b, "a", "executive", "yes", 0, NULL, ",");
	buf_adds(&f->b, fifty);
	buf_adds(&f->b, "\n");
	assert_int_equal(parse(f), -1);
	assert_int_equal(f->out.n_err, 1);
	assert_err(&f->out, 0, DIAG_CSV_E_DEPT, 2, 28, NULL);
	/* with the column, a row of 27 fields is short by it */
	buf_reset(&f->b);
	buf_adds(&f->b, HDR ",department\n");
	row(&f->b, "a", "executive", "yes", 0, NULL, "\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_FIELDS, 2, 28, "expected 28 fields "
	    "(name, role, q1..q25, department), found 27");
	/* nothing may follow it, and nothing else may follow q25 */
	buf_reset(&f->b);
	buf_adds(&f->b, HDR ",department,x\n");
	row(&f->b, "a", "executive", "yes", 0, NULL, ",d,x\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 1, 29,
	    "header: unexpected column \"x\" after department");
	buf_reset(&f->b);
	buf_adds(&f->b, HDR ",dept\n");
	assert_int_equal(parse(f), -1);
	assert_one_err(f, DIAG_CSV_E_HEADER, 1, 28,
	    "header: unexpected column \"dept\" after q25");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_diag_csv_parse_utf8),
		T(test_diag_csv_parse_department),
		T(test_diag_csv_parse_bom),
		T(test_diag_csv_parse_cp932_iconv),
		T(test_diag_csv_parse_cp932_bytes),
		T(test_diag_csv_parse_line_endings),
		T(test_diag_csv_parse_quoted),
		T(test_diag_csv_parse_labels),
		T(test_diag_csv_parse_roles),
		T(test_diag_csv_parse_trim),
		T(test_diag_csv_parse_skips_blank),
		T(test_diag_csv_parse_skips_comments),
		T(test_diag_csv_parse_comments_only),
		T(test_diag_csv_parse_every_prefix),
		T(test_diag_csv_parse_header_case),
		T(test_diag_csv_parse_header_wrong),
		T(test_diag_csv_parse_header_japanese),
		T(test_diag_csv_parse_header_missing),
		T(test_diag_csv_parse_header_extra),
		T(test_diag_csv_parse_error_empty),
		T(test_diag_csv_parse_error_no_rows),
		T(test_diag_csv_parse_error_too_big),
		T(test_diag_csv_parse_error_fields),
		T(test_diag_csv_parse_error_role),
		T(test_diag_csv_parse_error_answer),
		T(test_diag_csv_parse_error_missing),
		T(test_diag_csv_parse_error_name),
		T(test_diag_csv_parse_error_encoding),
		T(test_diag_csv_parse_error_nul),
		T(test_diag_csv_parse_error_utf16),
		T(test_diag_csv_parse_error_quote_unterminated),
		T(test_diag_csv_parse_error_quote_trailing),
		T(test_diag_csv_parse_error_several_in_row),
		T(test_diag_csv_parse_error_value_sanitised),
		T(test_diag_csv_parse_error_cap),
		T(test_diag_csv_parse_error_too_many_rows),
		T(test_diag_csv_strerror_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
