/*
 * risk: the risk analysis's rules (issue 12 §3).  Likelihood from the
 * threat's level and the vulnerability, by the conversion IPA's public
 * risk analysis sheet uses; the risk value as importance × likelihood
 * (the sources' formula); the bands of the value, which are mamori's own
 * (content/registers/risks.yaml says so on the page).
 */
#ifndef MAMORI_MODEL_RISK_H
#define MAMORI_MODEL_RISK_H

#include <stddef.h>

#include "model/diag.h"

#define RISK_LEVELS	3	/* threat, vulnerability, likelihood: 1…3 */

enum risk_band {
	RISK_LOW,	/* value 1–2: acceptable */
	RISK_MID,	/* 3–4: accept while watched, improve in the plan */
	RISK_HIGH,	/* 6–9: not acceptable, reduce soon */
	RISK_BAND__MAX
};

enum risk_treatment {
	TREAT_REDUCE,
	TREAT_AVOID,
	TREAT_TRANSFER,
	TREAT_ACCEPT,	/* ours: the sources name the first three */
	TREAT__MAX
};

/* Likelihood 1…3 of a threat level and a vulnerability (each 1…3): 3 for
 * (3, 3), 2 for (3, 2) and (2, 3), 1 for every other pair; 0 when either
 * is out of range. */
int		risk_likelihood(int threat, int vulnerability);
/* The band of a risk value 1…9 (importance × likelihood). */
enum risk_band	risk_band_of(int value);

/*
 * The vulnerability a closed diagnosis suggests for a threat guarded by
 * the diagnosis items items[0..n) (1-based): each item counts as in place
 * when its mean over the respondents is 4 points (everyone answered
 * "implemented"), partly in place from 2 points, missing below; the
 * vulnerability is 1 when every item is in place, 2 when the weakest is
 * partly in place, 3 when one is missing.  0 when n is 0 or the round
 * counted no respondent.  Our rule (the sources tie no diagnosis item to
 * a threat).
 */
int		risk_vulnerability(const struct diag_result *res,
		    const int *items, size_t n);

#endif
