/*
 * incident: the closed sets of incident response (issue 14), as the
 * content packs content/incidents.yaml, content/appi.yaml and
 * content/intake.yaml name them, each pack listing its keys in the
 * order of these enums (the loader checks it).
 *
 * From the seeds (SEEDFACTS §5): the three roles of the response
 * structure, four incident levels 0–3 (their definitions are ours),
 * the phases of a playbook, the destinations of disclosure, the seven
 * lessons-learned questions, the four improvement viewpoints, the
 * intake questionnaire's groups and the seven things to have ready
 * before calling a desk.  From the law (APPI as amended, in force
 * 2022-04-01): the reasons a personal-data breach must be reported and
 * the items of the report.  Ours: the finder as a role of a step, the
 * kinds and statuses of an incident, the playbooks' keys, the police and
 * the Commission as destinations, and the incident fields that fill
 * templates and the report.
 *
 * Model only: the texts are in the packs; incident.c holds the few
 * rules of the incident's page that are not the register's (the
 * report clock's countdown, the source of plan rows made from lessons).
 */
#ifndef MAMORI_MODEL_INCIDENT_H
#define MAMORI_MODEL_INCIDENT_H

#include "base/arena.h"
#include "model/appi.h"

#define INC_LEVELS	4	/* incident levels 0 … 3 */

/* Who does a step.  TOP, LEAD and FIRST are the response structure,
 * chosen from members or contacts; FINDER is whoever noticed the
 * incident (the incident's found_by). */
enum incident_role {
	INC_ROLE_TOP,		/* 最高責任者 */
	INC_ROLE_LEAD,		/* 対応責任者 */
	INC_ROLE_FIRST,		/* 一次対応者 */
	INC_ROLE_FINDER,	/* 発見者 */
	INC_ROLE__MAX
};

#define INC_STRUCT_ROLES	3	/* the roles a level may name */

enum incident_kind {
	INC_LEAK,		/* information leaked, stolen or lost */
	INC_TAMPER_OUTAGE,	/* tampering, loss, destruction, outage */
	INC_MALWARE,
	INC_FRAUD,		/* business e-mail compromise, payment fraud */
	INC_OTHER,
	INC_KIND__MAX
};

enum incident_status {
	INC_OPEN,
	INC_CONTAINED,
	INC_RECOVERED,
	INC_CLOSED,
	INC_STATUS__MAX
};

/* The playbooks; each kind names one (fraud has its own, other the
 * generic one). */
enum incident_playbook {
	INC_PB_LEAK,
	INC_PB_TAMPER_OUTAGE,
	INC_PB_MALWARE,
	INC_PB_FRAUD,
	INC_PB_GENERIC,
	INC_PB__MAX
};

/* The phases of a playbook, in the order they come (SEEDFACTS §5.3). */
enum incident_phase {
	INC_PH_DETECT,
	INC_PH_TRIAGE,
	INC_PH_CONTACT,		/* emergency contact and announcement */
	INC_PH_PRESERVE,	/* keep the state as it is */
	INC_PH_INVESTIGATE,
	INC_PH_RESPOND,		/* early recovery, continuity */
	INC_PH_FIX,		/* permanent fix, prevent recurrence */
	INC_PH_PUBLISH,
	INC_PH_NORMAL,		/* back to normal operation */
	INC_PH__MAX
};

#define INC_LESSONS	7	/* the lessons-learned questions */

enum incident_view {		/* improvement viewpoints */
	INC_V_PREVENTION,
	INC_V_DETECTION,
	INC_V_RESPONSE,
	INC_V_RECOVERY,
	INC_V__MAX
};

/* Where to disclose or report: the seeds' five, then two of ours. */
enum incident_dest {
	INC_D_MINISTRY,		/* the supervising ministry */
	INC_D_CYBER,		/* IPA and JPCERT/CC */
	INC_D_PRESS,
	INC_D_CUSTOMERS,
	INC_D_PARTNERS,		/* business partners and peers */
	INC_D_POLICE,		/* ours: cyber-crime desk */
	INC_D_PPC,		/* ours: the Personal Information
				   Protection Commission */
	INC_D__MAX
};

#define INC_D_SEEDS	5	/* the first five are the seeds' */

enum incident_notice {		/* draft notices */
	INC_N_CUSTOMERS,
	INC_N_PARTNERS,
	INC_N__MAX
};

/* What of an incident fills a notice template ("{key}") or an item of
 * the personal-data report. */
enum incident_field {
	INC_F_COMPANY,		/* the organisation's name */
	INC_F_KIND,		/* the kind's label */
	INC_F_LEVEL,
	INC_F_DETECTED_DATE,
	INC_F_AWARE_DATE,
	INC_F_SUMMARY,
	INC_F_DATA_ITEMS,	/* which personal data were concerned */
	INC_F_PEOPLE,		/* how many people */
	INC_F_CAUSE,
	INC_F_SECONDARY,	/* secondary damage, or its risk */
	INC_F_MEASURES,		/* what the company has done */
	INC_F_PEOPLE_RESPONSE,	/* what it does for the people concerned */
	INC_F_PUBLICATION,	/* whether and how it was made public */
	INC_F_PREVENTION,	/* recurrence prevention */
	INC_F_CONTACT,		/* where to ask */
	INC_F_NOTES,		/* anything else worth knowing */
	INC_F_TODAY,		/* the date of the draft */
	INC_F__MAX
};

/* Why a personal-data breach must be reported (APPI). */
enum incident_appi_reason {
	INC_R_SENSITIVE,	/* 要配慮個人情報 */
	INC_R_FINANCIAL,	/* possible financial damage */
	INC_R_MALICIOUS,	/* possibly done with wrongful intent */
	INC_R_OVER_1000,	/* more people than the threshold */
	INC_R__MAX
};

/* The items the report to the Commission asks for. */
enum incident_appi_item {
	INC_AI_SUMMARY,
	INC_AI_DATA_ITEMS,
	INC_AI_PEOPLE,
	INC_AI_CAUSE,
	INC_AI_SECONDARY,
	INC_AI_PEOPLE_RESPONSE,
	INC_AI_PUBLICATION,
	INC_AI_PREVENTION,
	INC_AI_OTHER,
	INC_AI__MAX
};

/* The intake questionnaire (問診票). */
enum incident_intake_header {
	INC_H_ENQUIRER,
	INC_H_COMPANY,
	INC_H_EMPLOYEES,	/* numbers from here on */
	INC_H_TERMINALS,
	INC_H_SITES,
	INC_H__MAX
};

enum incident_intake_group {
	INC_G_CIRCUMSTANCES,	/* questions 1–5 */
	INC_G_SYMPTOMS,		/* 6–10 */
	INC_G_MANAGEMENT,	/* 11–14 */
	INC_G_ORGANISATION,	/* 15–19 */
	INC_G_BASICS,		/* 20–22 */
	INC_G__MAX
};

#define INC_QUESTIONS	22

/* How a question or a follow-up is answered. */
enum incident_form {
	INC_FORM_YES_NO,
	INC_FORM_YES_NO_UNSURE,
	INC_FORM_MULTI,		/* any of the options */
	INC_FORM_CHOICE,	/* one of the options */
	INC_FORM_TEXT,
	INC_FORM_NUMBER,
	INC_FORM__MAX
};

enum incident_answer {		/* of the yes/no forms */
	INC_A_YES,
	INC_A_NO,
	INC_A_UNSURE,
	INC_A__MAX
};

/* The seven things to have ready before calling a desk. */
enum incident_precall {
	INC_P_DEVICE,
	INC_P_OS,
	INC_P_SECURITY_SOFTWARE,
	INC_P_CLOUD,
	INC_P_EVENTS,
	INC_P_GROUNDS,
	INC_P_OTHER_DESKS,
	INC_P__MAX
};

/*
 * Where the report deadlines stand on day today (Japan days): for each,
 * the whole days from today to it — more than 0: that many left, 0: it
 * is today, below 0: overdue by that many.  The preliminary report is
 * due within a window: opens is the days to its first day, left to its
 * last.  Meaningful only when due->reasons is not 0.
 */
struct incident_clock {
	long	 prelim_opens;	/* to the window's first day */
	long	 prelim_left;	/* to its last day */
	long	 final_left;	/* to the final report's day */
};

void		 incident_clock(const struct appi_due *due,
		    struct appi_day today, struct incident_clock *out);
/* The "source" of a plan row made from the lessons of incident id:
 * "incident:ID" (in ar). */
const char	*incident_source(long long id, struct arena *ar);

#endif
