/*
 * smtp: hands one message to an SMTP server through libcurl, the only
 * includer of curl.h.  Blocking (at most SMTP_TIMEOUT seconds): call
 * from the mail worker, never from a request.  Thread-safe once
 * smtp_global_init() has run.
 */
#ifndef MAMORI_MAIL_SMTP_H
#define MAMORI_MAIL_SMTP_H

#include <stddef.h>

#define SMTP_TIMEOUT	60	/* seconds one delivery may take */

/* Where and how to send (strings are borrowed). */
struct smtp_conf {
	const char	*url;		/* smtp://host:port or smtps://… */
	const char	*user;		/* "" or NULL: no login */
	const char	*password;
	const char	*from;		/* envelope sender: the bare address */
	int		 starttls;	/* require STARTTLS on smtp:// */
};

enum smtp_rc {
	SMTP_OK = 0,
	SMTP_E_TEMP = -1,	/* try again later (down, 4xx, timeout) */
	SMTP_E_PERM = -2,	/* the server refused for good (5xx) */
};

/* Once per process, before any thread sends.  0 or -1. */
int	smtp_global_init(void);
/*
 * Send msg (n bytes, CRLF lines, headers included) to the address to.
 * Returns an enum smtp_rc; on error one line in err.
 */
int	smtp_send(const struct smtp_conf *sc, const char *to, const char *msg,
	    size_t n, char *err, size_t errlen);

#endif
