/*
 * category: the six organisation categories (SEEDFACTS §7.4): how far a
 * company uses IT in its business against how it handles security.  The
 * six categories are the seeds'; the two plain questions, their answers
 * and which answers give which category are ours (docs/user/reference.md).
 * Pure; the texts live in content/i18n/ui.yaml (cat.*).
 */
#ifndef MAMORI_MODEL_CATEGORY_H
#define MAMORI_MODEL_CATEGORY_H

/* Question 1: how far IT is used. */
enum cat_it {
	CAT_IT_NONE,		/* no IT in the business */
	CAT_IT_DAILY,		/* for everyday work only */
	CAT_IT_STRATEGIC,	/* part of how the business grows */
	CAT_IT__MAX
};

/* Question 2: how security is handled. */
enum cat_sec {
	CAT_SEC_UNAWARE,	/* not sure what is needed, or no means */
	CAT_SEC_LAGGING,	/* known to be needed, behind the IT use */
	CAT_SEC_BALANCED,	/* in step with the IT use */
	CAT_SEC_STRICT,		/* so tight it holds IT use back */
	CAT_SEC__MAX
};

/* The six categories, in the seeds' order (number = value + 1). */
enum cat {
	CAT_IDEAL,		/* 1 */
	CAT_MORE_ACTIVE,	/* 2 */
	CAT_WASTED,		/* 3: over-cautious */
	CAT_DANGER_PUSH,	/* 4: IT pushed without measures */
	CAT_DANGER_UNAWARE,	/* 5: need not understood, or no means */
	CAT_NO_IT,		/* 6: out of scope */
	CAT__MAX
};

/* The category of the answers; sec may be -1 (unanswered) only when it
 * is CAT_IT_NONE.  -1 when the answers do not decide it. */
int		 cat_of(int it, int sec);
/* Stable keys ("none" "daily" "strategic"; "unaware" "lagging"
 * "balanced" "strict"; "1"…"6" are the categories' numbers) and back
 * (-1 when unknown or NULL). */
const char	*cat_it_key(enum cat_it v);
const char	*cat_sec_key(enum cat_sec v);
int		 cat_it_from_key(const char *s);
int		 cat_sec_from_key(const char *s);

#endif
