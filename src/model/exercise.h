/*
 * exercise: the rules of a tabletop exercise (issue 13) — the closed set
 * of placeholders a scenario's texts may use to speak of the company's
 * own data ("{s_processes}", "{rto_s}"…), how a text is checked and
 * filled with them, the answers a group gives to each question of each
 * inject (kept as one JSON object in the exercises register), and the
 * follow-ups written one a line.
 *
 * The scenarios themselves are content packs (content/exercises/); which
 * value each placeholder takes for an organisation, and what it says when
 * the organisation has none, is report/exercise_doc.c's.  Model only:
 * texts in, texts out; every function here is pure and thread-safe.
 */
#ifndef MAMORI_MODEL_EXERCISE_H
#define MAMORI_MODEL_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

/* How big a scenario may be (the loader checks; the answers' keys too). */
#define EXERCISE_INJECTS_MIN	3
#define EXERCISE_INJECTS_MAX	8
#define EXERCISE_QUESTIONS_MIN	2
#define EXERCISE_QUESTIONS_MAX	4
/* The most characters one answer keeps. */
#define EXERCISE_ANSWER_MAX	2000

/*
 * The placeholders, a closed set: "{key}" in a scenario's text.  The
 * contact placeholders follow enum bcp_target's order (a test checks the
 * keys against content/bcp.yaml's targets).
 */
enum exercise_ph {
	EXPH_COMPANY,		/* the organisation's name */
	EXPH_S_PROCESSES,	/* its processes of priority S, by name */
	EXPH_A_PROCESSES,	/* … of priority A */
	EXPH_RTO_S,		/* the target recovery time of S, "4 hours" */
	EXPH_RTO_A,		/* … of A */
	EXPH_S_WORKAROUNDS,	/* how the S processes run by hand */
	EXPH_BACKUP_SYSTEMS,	/* systems with their 3-2-1 state */
	EXPH_OFFLINE_SYSTEMS,	/* systems with a copy both offline and
				   off-site */
	EXPH_UNTESTED_SYSTEMS,	/* systems whose restore was never tested,
				   failed, or was tested over a year ago */
	EXPH_CONTACTS_POWER,	/* owner and whom to call, per target */
	EXPH_CONTACTS_HARDWARE,
	EXPH_CONTACTS_SOFTWARE,
	EXPH_CONTACTS_NETWORK,
	EXPH_CONTACTS_LINES,
	EXPH_CONTACTS_CLOUD_BACKUP,
	EXPH_CONTACTS_CUSTOMERS,
	EXPH_CONTACTS_EMPLOYEES,
	EXPH_CONTACTS_OTHER,
	EXPH__MAX
};

/* "company", "s_processes"… (NULL out of range). */
const char	*exercise_ph_key(enum exercise_ph ph);
/* The placeholder spelled s[0..n) (without braces), or -1. */
int		 exercise_ph_of(const char *s, size_t n);

/*
 * Check that every brace of text opens a known placeholder "{key}" and
 * every placeholder closes.  0, or -1 with *at the offset of the first
 * wrong brace and *len the length of what it spells (up to the closing
 * brace, or 1).
 */
int		 exercise_ph_check(const char *text, size_t *at, size_t *len);

/*
 * text with each "{key}" replaced by value[key] (NULL: the placeholder is
 * left as it is, which exercise_ph_check would have refused).  The
 * result is in ar.
 */
const char	*exercise_fill(const char *text,
		    const char *const value[EXPH__MAX], struct arena *ar);

/* The status of an exercise, in the order of its key set. */
enum exercise_status {
	EXS_PLANNED,
	EXS_RUNNING,
	EXS_DONE,
	EXS__MAX
};

/* "planned", "running", "done". */
const char	*exercise_status_key(enum exercise_status s);

/*
 * The answers of one exercise: text[i][q] for question q of inject i,
 * both 0-based, NULL when none.  Stored as a JSON object whose keys are
 * "I.Q", 1-based ({"1.2": "…"}), in that order.  Why JSON and not a
 * text with markers: an answer may hold any text at all, line breaks and
 * anything that looks like a marker included, and the API hands the
 * object to programs as it is.
 */
struct exercise_answers {
	const char	*text[EXERCISE_INJECTS_MAX][EXERCISE_QUESTIONS_MAX];
};

/*
 * Read stored answers (NULL or "": none).  0, or -1 when json is not an
 * object whose every key is "I.Q" within the bounds above and every
 * value a string of at most EXERCISE_ANSWER_MAX characters (a is then
 * what was read up to the fault).  Strings in ar.
 */
int		 exercise_answers_read(const char *json,
		    struct exercise_answers *a, struct arena *ar);
/* The answers as stored, appended to out: "{}" when there are none. */
void		 exercise_answers_write(const struct exercise_answers *a,
		    struct buf *out);
/* How many questions have an answer. */
size_t		 exercise_answers_count(const struct exercise_answers *a);

/*
 * The lines of a text written one item a line (follow-ups, decisions,
 * participants): trimmed of blanks (U+3000 too) and of a leading bullet
 * ("- ", "* ", "・", "•"), empty lines dropped.  *out (in ar) holds
 * them; returns how many.
 */
size_t		 exercise_lines(const char *text, struct arena *ar,
		    const char ***out);

/* A plan row's "source" for exercise id: "exercise:ID", in ar. */
const char	*exercise_source(long long id, struct arena *ar);

#endif
