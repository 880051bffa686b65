#include "mail/smtp.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

int
smtp_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

struct smtp_src {
	const char	*p;
	size_t		 left;
};

static size_t
smtp_read(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct smtp_src *s = arg;
	size_t n = size * nmemb;

	if (n > s->left)
		n = s->left;
	memcpy(buf, s->p, n);
	s->p += n;
	s->left -= n;
	return n;
}

int
smtp_send(const struct smtp_conf *sc, const char *to, const char *msg,
    size_t n, char *err, size_t errlen)
{
	char ebuf[CURL_ERROR_SIZE], rcpt[512];
	struct curl_slist *rl = NULL;
	struct smtp_src src = { msg, n };
	long code = 0;
	CURL *h;
	CURLcode cc;
	int rc;

	if ((h = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "cannot start libcurl");
		return SMTP_E_TEMP;
	}
	ebuf[0] = '\0';
	snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	rl = curl_slist_append(rl, rcpt);
	curl_easy_setopt(h, CURLOPT_URL, sc->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, sc->from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rl);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(h, CURLOPT_READDATA, &src);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)n);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)SMTP_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (sc->starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (sc->user != NULL && sc->user[0] != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, sc->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, sc->password != NULL ?
		    sc->password : "");
	}
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (cc == CURLE_OK)
		rc = SMTP_OK;
	else {
		/* a 5xx reply refuses for good; anything else may pass
		 * later (the server down, busy, a 4xx, a timeout) */
		rc = code >= 500 && code < 600 ? SMTP_E_PERM : SMTP_E_TEMP;
		snprintf(err, errlen, "%s%s%s (SMTP %ld)",
		    curl_easy_strerror(cc), ebuf[0] ? ": " : "", ebuf, code);
	}
	curl_slist_free_all(rl);
	curl_easy_cleanup(h);
	return rc;
}
