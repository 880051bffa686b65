/*
 * Unit tests of render/mime.c: the headers of a message, RFC 2047
 * subjects (whole characters per encoded-word, lines within 76 octets),
 * base64 parts in lines of 76, CRLF everywhere, and header values with a
 * line break refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "base/buf.h"
#include "render/mime.h"

/* Every line of s ends in CRLF, holds no bare CR or LF, and is at most
 * max octets long. */
static void
check_lines(const char *s, size_t max)
{
	const char *p = s, *e;

	while (*p != '\0') {
		e = strstr(p, "\r\n");
		assert_non_null(e);
		assert_true((size_t)(e - p) <= max);
		assert_null(memchr(p, '\n', (size_t)(e - p)));
		assert_null(memchr(p, '\r', (size_t)(e - p)));
		p = e + 2;
	}
}

/* The bytes of base64 text b64 (n characters), into out. */
static size_t
unbase64(const char *b64, size_t n, unsigned char *out, size_t cap)
{
	size_t got = 0;

	assert_int_equal(sodium_base642bin(out, cap, b64, n, "\r\n", &got,
	    NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	return got;
}

static void
test_mime_base64_lines_vectors(void **state)
{
	struct buf b = BUF_INIT;
	char in[58];

	mime_base64_lines(&b, "foobar", 6);
	assert_string_equal(buf_cstr(&b), "Zm9vYmFy\r\n");
	buf_reset(&b);
	mime_base64_lines(&b, "fo", 2);
	assert_string_equal(buf_cstr(&b), "Zm8=\r\n");
	buf_reset(&b);
	memset(in, 'a', sizeof(in));
	mime_base64_lines(&b, in, 57);		/* exactly one full line */
	assert_int_equal(b.n, 76 + 2);
	buf_reset(&b);
	mime_base64_lines(&b, in, 58);		/* one more byte: two lines */
	assert_int_equal(b.n, 76 + 2 + 4 + 2);
	check_lines(buf_cstr(&b), MIME_LINE_MAX);
	buf_free(&b);
}

static void
test_mime_header_words_ascii_stays_plain(void **state)
{
	struct buf b = BUF_INIT;

	mime_header_words(&b, "Subject", "Your invitation to mamori");
	assert_string_equal(buf_cstr(&b),
	    "Subject: Your invitation to mamori\r\n");
	buf_free(&b);
}

static void
test_mime_header_words_encodes_whole_characters(void **state)
{
	/* 40 characters of three bytes each: several encoded-words */
	const char *subj = "セキュリティ診断への回答のお願い：テスト工業株式会社"
	    "の情報セキュリティ担当の皆さまへ";
	struct buf b = BUF_INIT, joined = BUF_INIT;
	const char *p;
	int words = 0;

	mime_header_words(&b, "Subject", subj);
	check_lines(buf_cstr(&b), MIME_LINE_MAX);
	assert_true(strncmp(buf_cstr(&b), "Subject: =?UTF-8?B?", 19) == 0);
	for (p = buf_cstr(&b); (p = strstr(p, "=?UTF-8?B?")) != NULL;) {
		const char *e = strstr(p + 10, "?=");
		unsigned char raw[128];
		size_t n;

		assert_non_null(e);
		n = unbase64(p + 10, (size_t)(e - p - 10), raw, sizeof(raw));
		/* each word decodes to whole UTF-8 characters */
		assert_true(n > 0 && (raw[0] & 0xc0) != 0x80);
		buf_add(&joined, raw, n);
		words++;
		p = e + 2;
	}
	assert_true(words >= 2);
	assert_string_equal(buf_cstr(&joined), subj);
	/* a folded header continues with a space */
	assert_non_null(strstr(buf_cstr(&b), "?=\r\n =?UTF-8?B?"));
	buf_free(&b);
	buf_free(&joined);
}

static const struct mime_msg sample = {
	.from = "mamori <noreply@example.jp>",
	.to = "aoki@example.jp",
	.subject = "回答のお願い",
	.text = "一行目\n\n" "https://mamori.example.jp/r/12.abcdefghijklmnopqrstuv\n",
	.html = "<!DOCTYPE html>\n<p>一行目</p>\n",
	.message_id = "<mamori.12.1700000000@example.jp>",
	.date = 1700000000,		/* Tue, 14 Nov 2023 22:13:20 UTC */
	.unsub_url = "https://mamori.example.jp/mail/off/round_remind.r12.x",
	.boundary = "=_mamori_12_1700000000",
};

static void
test_mime_build_headers_and_parts(void **state)
{
	struct buf b = BUF_INIT;
	const char *s, *body, *p;
	unsigned char raw[512];
	size_t n;

	assert_int_equal(mime_build(&b, &sample), 0);
	s = buf_cstr(&b);
	check_lines(s, MIME_LINE_MAX);
	assert_true(strncmp(s, "From: mamori <noreply@example.jp>\r\n"
	    "To: aoki@example.jp\r\nSubject: =?UTF-8?B?", 60) == 0);
	assert_non_null(strstr(s, "\r\nDate: Tue, 14 Nov 2023 22:13:20 +0000\r\n"));
	assert_non_null(strstr(s, "\r\nMessage-ID: "
	    "<mamori.12.1700000000@example.jp>\r\n"));
	assert_non_null(strstr(s, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(s, "\r\nList-Unsubscribe: <https://mamori."
	    "example.jp/mail/off/round_remind.r12.x>\r\n"));
	assert_null(strstr(s, "List-Unsubscribe-Post"));
	assert_non_null(strstr(s, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"=_mamori_12_1700000000\"\r\n\r\n"));
	body = strstr(s, "\r\n\r\n");
	assert_non_null(body);
	/* the plain part first, then the HTML, then the end */
	p = strstr(body, "--=_mamori_12_1700000000\r\nContent-Type: "
	    "text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: "
	    "base64\r\n\r\n");
	assert_non_null(p);
	p = strchr(p, '\n');
	p = strstr(p, "\r\n\r\n") + 4;
	n = unbase64(p, (size_t)(strstr(p, "--=_") - p), raw, sizeof(raw));
	raw[n] = '\0';
	assert_string_equal((char *)raw, "一行目\r\n\r\nhttps://mamori.example.jp/"
	    "r/12.abcdefghijklmnopqrstuv\r\n");
	p = strstr(p, "--=_mamori_12_1700000000\r\nContent-Type: text/html; "
	    "charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	assert_non_null(p);
	p = strstr(p, "\r\n\r\n") + 4;
	n = unbase64(p, (size_t)(strstr(p, "--=_") - p), raw, sizeof(raw));
	raw[n] = '\0';
	assert_string_equal((char *)raw, "<!DOCTYPE html>\r\n<p>一行目</p>\r\n");
	assert_non_null(strstr(p, "--=_mamori_12_1700000000--\r\n"));
	buf_free(&b);
}

static void
test_mime_build_refuses_line_breaks_in_headers(void **state)
{
	struct buf b = BUF_INIT;
	struct mime_msg m = sample;

	m.to = "aoki@example.jp\r\nBcc: everyone@example.jp";
	assert_int_equal(mime_build(&b, &m), -1);
	m = sample;
	m.subject = "件名\nBcc: everyone@example.jp";
	assert_int_equal(mime_build(&b, &m), -1);
	m = sample;
	m.unsub_url = "https://x/\r\nX: y";
	assert_int_equal(mime_build(&b, &m), -1);
	m = sample;
	m.text = "\xff\xfe not UTF-8";
	assert_int_equal(mime_build(&b, &m), -1);
	assert_int_equal(b.n, 0);
	/* no unsubscribe URL: no such header */
	m = sample;
	m.unsub_url = NULL;
	assert_int_equal(mime_build(&b, &m), 0);
	assert_null(strstr(buf_cstr(&b), "List-Unsubscribe"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mime_base64_lines_vectors),
		cmocka_unit_test(test_mime_header_words_ascii_stays_plain),
		cmocka_unit_test(test_mime_header_words_encodes_whole_characters),
		cmocka_unit_test(test_mime_build_headers_and_parts),
		cmocka_unit_test(test_mime_build_refuses_line_breaks_in_headers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
