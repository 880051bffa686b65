/*
 * mail: what mamori sends and the thread that sends it.  Mail is off
 * until smtp-url is set (mail_on); then a message is composed in its
 * reader's language from the interface texts (mail.* in
 * content/i18n/ui.yaml), queued in the database inside the write that
 * causes it (model/mailq.h), and sent by the worker of whichever node
 * claims it.  Nothing here runs on a request's behalf but composing and
 * queueing: sending never blocks a page.
 */
#ifndef MAMORI_MAIL_MAIL_H
#define MAMORI_MAIL_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "base/arena.h"
#include "db/db.h"
#include "model/mailq.h"

/* Facts listed in a message, label: value. */
#define MAIL_FACTS_MAX	6

/* What a message says, before it is put in words. */
struct mail_what {
	enum mail_kind	 kind;
	enum lang	 lang;
	const char	*to;		/* the address */
	const char	*subject_tail;	/* after the kind's subject, or NULL */
	const char	*facts[MAIL_FACTS_MAX][2];	/* label, value;
					   the labels are ui keys; NULL ends */
	const char	*intro_key;	/* ui key of the first paragraph; NULL:
					   "mail.<kind>.intro" */
	const char	*base;		/* site URL for links, no slash */
	const char	*url;		/* the link to act on, or NULL */
	/* who the unsubscribe link speaks for (optional kinds only) */
	enum mailq_who	 who;
	int64_t		 who_id;
	const char	*dedupe;	/* NULL: none */
};

/* Whether this instance sends mail (smtp-url set). */
bool	mail_on(const struct app *a);

/*
 * Compose w in w->lang and queue it on c, inside the caller's
 * transaction if it has one, at now.  Returns what mailq_enqueue
 * returns (DB_DONE: turned off by its address, or queued before).
 * Strings are made in ar.  With mail off, DB_DONE and nothing queued.
 */
int	mail_queue(const struct app *a, struct db_conn *c, struct arena *ar,
	    const struct mail_what *w, int64_t now);
/* The subject, plain text and HTML of w (in ar): what mail_queue
 * stores.  Exposed for tests. */
void	mail_compose(const struct app *a, struct arena *ar,
	    const struct mail_what *w, const char **subject,
	    const char **text, const char **html, const char **unsub_url);

/*
 * Queue a reminder to every respondent of round (of org) who gave an
 * address and has not finished; dedupe_tag makes each once ("manual-
 * DAY", "auto").  *n (OUT) counts the messages queued.  DB_OK or < 0.
 */
int	mail_round_remind(const struct app *a, struct db_conn *c,
	    struct arena *ar, const char *base, int64_t round, int64_t org,
	    enum lang lang, const char *dedupe_tag, int64_t now, long *n);

/* Wake this node's worker: something was queued (thread-safe; a no-op
 * when there is no worker). */
void	mail_wake(const struct app *a);

/*
 * Start this node's worker thread (serve only; nothing when mail is
 * off).  It keeps the pointer a; mail_stop() ends it before a goes.
 * 0, or -1 with one line in err (the password file unreadable, the
 * sender missing).
 */
int	mail_start(struct app *a, char *err, size_t errlen);
void	mail_stop(struct app *a);

#endif
