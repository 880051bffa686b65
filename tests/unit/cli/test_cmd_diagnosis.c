/* Unit tests for src/cli/cmd_diagnosis.c: runs the command on temporary
 * files with stdout and stderr redirected to files, and checks exit status
 * and exact output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "base/buf.h"
#include "cli/cli.h"

#define HDR	"name,role,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13," \
		"q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25\n"

/* What one run of the command left behind. */
struct run {
	int		 rc;	/* exit status */
	struct buf	 out;	/* everything written to stdout */
	struct buf	 err;	/* everything written to stderr */
};

/* The seed example: 40 + 50 − 17 = 73 over three respondents. */
static const char seed_csv[] = HDR
    "Tanaka,executive,4,4,4,4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\r\n"
    "\"Suzuki, Jiro\",manager,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,"
    "2,2,2\r\n"
    "佐藤,従業員,わからない,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,"
    "no,no,no,no,no,no,no,no\r\n";

static const char seed_json[] =
    "{\"company_score\": 24.3, \"band\": \"weak\", \"respondents\": ["
    "{\"name\": \"Tanaka\", \"department\": \"\", "
    "\"role\": \"executive\", \"score\": 40}, "
    "{\"name\": \"Suzuki, Jiro\", \"department\": \"\", "
    "\"role\": \"manager\", \"score\": 50}, "
    "{\"name\": \"佐藤\", \"department\": \"\", "
    "\"role\": \"employee\", \"score\": -17}], "
    "\"parts\": [{\"part\": 1, \"mean\": 1.7, \"on_100\": 41.7}, "
    "{\"part\": 2, \"mean\": 0.9, \"on_100\": 21.8}, "
    "{\"part\": 3, \"mean\": 0.7, \"on_100\": 16.7}], "
    "\"roles\": [{\"role\": \"executive\", \"mean\": 40.0}, "
    "{\"role\": \"manager\", \"mean\": 50.0}, "
    "{\"role\": \"employee\", \"mean\": -17.0}], "
    "\"items\": ["
#define I(n, m, y, p, no, u) "{\"item\": " #n ", \"mean\": " m \
    ", \"counts\": {\"4\": " #y ", \"2\": " #p ", \"0\": " #no \
    ", \"-1\": " #u "}}"
    I(1, "1.7", 1, 1, 0, 1) ", " I(2, "1.7", 1, 1, 0, 1) ", "
    I(3, "1.7", 1, 1, 0, 1) ", " I(4, "1.7", 1, 1, 0, 1) ", "
    I(5, "1.7", 1, 1, 0, 1) ", " I(6, "1.7", 1, 1, 0, 1) ", "
    I(7, "1.7", 1, 1, 0, 1) ", " I(8, "1.7", 1, 1, 0, 1) ", "
    I(9, "1.7", 1, 1, 0, 1) ", " I(10, "1.7", 1, 1, 0, 1) ", "
    I(11, "0.3", 0, 1, 1, 1) ", " I(12, "0.3", 0, 1, 1, 1) ", "
    I(13, "0.3", 0, 1, 1, 1) ", " I(14, "0.3", 0, 1, 1, 1) ", "
    I(15, "0.3", 0, 1, 1, 1) ", " I(16, "0.3", 0, 1, 1, 1) ", "
    I(17, "0.3", 0, 1, 1, 1) ", " I(18, "0.7", 0, 1, 2, 0) ", "
    I(19, "0.7", 0, 1, 2, 0) ", " I(20, "0.7", 0, 1, 2, 0) ", "
    I(21, "0.7", 0, 1, 2, 0) ", " I(22, "0.7", 0, 1, 2, 0) ", "
    I(23, "0.7", 0, 1, 2, 0) ", " I(24, "0.7", 0, 1, 2, 0) ", "
    I(25, "0.7", 0, 1, 2, 0)
#undef I
    "]}\n";

static const char seed_text[] =
    "Company score: 24.3 of 100 (weak)\n"
    "Respondents: 3\n"
    "    40  Tanaka (executive)\n"
    "    50  Suzuki, Jiro (manager)\n"
    "   -17  佐藤 (employee)\n"
    "\n"
    "Parts (mean points per item, 4 at best):\n"
    "  Part 1 (items 1-5): 1.7\n"
    "  Part 2 (items 6-18): 0.9\n"
    "  Part 3 (items 19-25): 0.7\n"
    "\n"
    "Roles (mean score):\n"
    "  executive (1): 40.0\n"
    "  manager (1): 50.0\n"
    "  employee (1): -17.0\n"
    "\n"
    "Weakest items:\n"
    "  Item 11: mean 0.3 (yes 0, partly 1, no 1, unknown 1)\n"
    "  Item 12: mean 0.3 (yes 0, partly 1, no 1, unknown 1)\n"
    "  Item 13: mean 0.3 (yes 0, partly 1, no 1, unknown 1)\n"
    "  Item 14: mean 0.3 (yes 0, partly 1, no 1, unknown 1)\n"
    "  Item 15: mean 0.3 (yes 0, partly 1, no 1, unknown 1)\n";

/* Write n bytes to a new temporary file; returns its malloc'ed path. */
static char *
tmp_file(const void *p, size_t n)
{
	char *path = strdup("/tmp/mamori-test-XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, p, n), (ssize_t)n);
	close(fd);
	return path;
}

/* Everything in the file at fd, from its start, appended to b. */
static void
slurp(int fd, struct buf *b)
{
	char chunk[4096];
	ssize_t got;

	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(b, chunk, (size_t)got);
	assert_true(got == 0);
}

/* A fresh, unlinked temporary file's descriptor. */
static int
tmp_fd(void)
{
	char path[] = "/tmp/mamori-test-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	return fd;
}

/*
 * Run cmd_diagnosis with args (NULL-terminated, "diagnosis" first), stdin
 * from the file at in_path when not NULL, stdout and stderr captured.
 */
static void
run(struct run *r, const char *in_path, const char *const *args)
{
	int out_fd = tmp_fd(), err_fd = tmp_fd(), save_out, save_err;
	int save_in = -1, in_fd, argc = 0;
	char *argv[16];

	while (args[argc] != NULL && argc < 15) {
		argv[argc] = (char *)args[argc];
		argc++;
	}
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	save_out = dup(1);
	save_err = dup(2);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	if (in_path != NULL) {
		save_in = dup(0);
		in_fd = open(in_path, O_RDONLY);
		dup2(in_fd, 0);
		close(in_fd);
		clearerr(stdin);
	}
	r->rc = cmd_diagnosis(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(save_out, 1);
	dup2(save_err, 2);
	close(save_out);
	close(save_err);
	if (save_in >= 0) {
		dup2(save_in, 0);
		close(save_in);
		clearerr(stdin);
	}
	buf_init(&r->out, 0);
	buf_init(&r->err, 0);
	slurp(out_fd, &r->out);
	slurp(err_fd, &r->err);
	close(out_fd);
	close(err_fd);
}

static void
run_free(struct run *r)
{
	buf_free(&r->out);
	buf_free(&r->err);
}

/* Run `diagnosis score FILE [extra]` on a temporary file holding csv. */
static void
run_score(struct run *r, const char *csv, size_t n, const char *extra1,
    const char *extra2, char **path_out)
{
	char *path = tmp_file(csv, n);
	const char *args[] = { "diagnosis", "score", path, extra1, extra2,
	    NULL };

	run(r, NULL, args);
	if (path_out != NULL)
		*path_out = path;
	else {
		unlink(path);
		free(path);
	}
}

static void
test_cmd_diagnosis_help(void **state)
{
	static const char *const a1[] = { "diagnosis", "--help", NULL };
	static const char *const a2[] = { "diagnosis", "-h", NULL };
	static const char *const a3[] = { "diagnosis", "score", "--help",
	    NULL };
	static const char *const a4[] = { "diagnosis", "score", "x.csv", "-h",
	    NULL };
	struct run r;

	run(&r, NULL, a1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(strncmp(buf_cstr(&r.out), "usage: mamori diagnosis ",
	    24), 0);
	assert_int_equal(r.err.n, 0);
	run_free(&r);
	run(&r, NULL, a2);
	assert_int_equal(r.rc, 0);
	assert_true(r.out.n > 0);
	run_free(&r);
	run(&r, NULL, a3);
	assert_int_equal(r.rc, 0);
	assert_int_equal(strncmp(buf_cstr(&r.out),
	    "usage: mamori diagnosis score FILE.csv", 38), 0);
	assert_int_equal(r.err.n, 0);
	run_free(&r);
	run(&r, NULL, a4);
	assert_int_equal(r.rc, 0);
	assert_true(r.out.n > 0);
	run_free(&r);
}

static void
test_cmd_diagnosis_bad_usage(void **state)
{
	static const char *const cases[][6] = {
		{ "diagnosis", NULL },
		{ "diagnosis", "frobnicate", NULL },
		{ "diagnosis", "score", NULL },
		{ "diagnosis", "score", "a.csv", "b.csv", NULL },
		{ "diagnosis", "score", "a.csv", "--verbose", NULL },
		{ "diagnosis", "score", "a.csv", "--format", NULL },
		{ "diagnosis", "score", "a.csv", "--format", "xml", NULL },
		{ "diagnosis", "score", "a.csv", "--format=yaml", NULL },
	};
	struct run r;
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		run(&r, NULL, cases[k]);
		assert_int_equal(r.rc, 2);
		assert_int_equal(r.out.n, 0);
		assert_true(r.err.n > 0);
		run_free(&r);
	}
}

static void
test_cmd_diagnosis_missing_file(void **state)
{
	static const char *const args[] = { "diagnosis", "score",
	    "/nonexistent/answers.csv", NULL };
	struct run r;

	run(&r, NULL, args);
	assert_int_equal(r.rc, 1);
	assert_int_equal(r.out.n, 0);
	assert_string_equal(buf_cstr(&r.err), "mamori diagnosis: cannot open "
	    "/nonexistent/answers.csv: No such file or directory\n");
	run_free(&r);
}

static void
test_cmd_diagnosis_directory(void **state)
{
	static const char *const args[] = { "diagnosis", "score", "/tmp",
	    NULL };
	struct run r;

	run(&r, NULL, args);
	assert_int_equal(r.rc, 1);
	assert_int_equal(r.out.n, 0);
	assert_true(r.err.n > 0);
	run_free(&r);
}

static void
test_cmd_diagnosis_score_json(void **state)
{
	struct run r;

	run_score(&r, seed_csv, sizeof(seed_csv) - 1, "--format", "json",
	    NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(buf_cstr(&r.err), "");
	assert_string_equal(buf_cstr(&r.out), seed_json);
	run_free(&r);
	run_score(&r, seed_csv, sizeof(seed_csv) - 1, "--format=json", NULL,
	    NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(buf_cstr(&r.out), seed_json);
	run_free(&r);
}

static void
test_cmd_diagnosis_score_text(void **state)
{
	struct run r;

	run_score(&r, seed_csv, sizeof(seed_csv) - 1, NULL, NULL, NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(buf_cstr(&r.err), "");
	assert_string_equal(buf_cstr(&r.out), seed_text);
	run_free(&r);
}

static void
test_cmd_diagnosis_score_stdin(void **state)
{
	static const char *const args[] = { "diagnosis", "score", "--format",
	    "json", "-", NULL };
	char *path = tmp_file(seed_csv, sizeof(seed_csv) - 1);
	struct run r;

	run(&r, path, args);
	assert_int_equal(r.rc, 0);
	assert_string_equal(buf_cstr(&r.out), seed_json);
	run_free(&r);
	unlink(path);
	free(path);
}

static void
test_cmd_diagnosis_score_bad_file(void **state)
{
	static const char bad[] = HDR
	    "a,executive,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4\n"
	    "b,boss,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,maybe\n"
	    "\n"
	    "c,manager,4,4\n"
	    "d,employee,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,\n";
	struct run r;
	struct buf want = BUF_INIT;
	char *path;

	run_score(&r, bad, sizeof(bad) - 1, "--format", "json", &path);
	assert_int_equal(r.rc, 2);
	assert_int_equal(r.out.n, 0);
	buf_printf(&want,
	    "%s:3:2: role \"boss\" is not executive, manager or employee\n"
	    "%s:3:27: q25: \"maybe\" is not an answer (4, 2, 0, -1 or yes, "
	    "partly, no, unknown)\n"
	    "%s:5:5: expected 27 fields (name, role, q1..q25), found 4\n"
	    "%s:6:27: q25: answer is empty\n", path, path, path, path);
	assert_string_equal(buf_cstr(&r.err), buf_cstr(&want));
	run_free(&r);
	buf_free(&want);
	unlink(path);
	free(path);
}

static void
test_cmd_diagnosis_score_bad_stdin(void **state)
{
	static const char *const args[] = { "diagnosis", "score", "-", NULL };
	char *path = tmp_file("", 0);
	struct run r;

	run(&r, path, args);
	assert_int_equal(r.rc, 2);
	assert_int_equal(r.out.n, 0);
	assert_string_equal(buf_cstr(&r.err), "<stdin>:1:1: file is empty: "
	    "expected the header name,role,q1,...,q25\n");
	run_free(&r);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_diagnosis_help),
		cmocka_unit_test(test_cmd_diagnosis_bad_usage),
		cmocka_unit_test(test_cmd_diagnosis_missing_file),
		cmocka_unit_test(test_cmd_diagnosis_directory),
		cmocka_unit_test(test_cmd_diagnosis_score_json),
		cmocka_unit_test(test_cmd_diagnosis_score_text),
		cmocka_unit_test(test_cmd_diagnosis_score_stdin),
		cmocka_unit_test(test_cmd_diagnosis_score_bad_file),
		cmocka_unit_test(test_cmd_diagnosis_score_bad_stdin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
