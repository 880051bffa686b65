/*
 * content: the content packs under content/ (questionnaires, choices,
 * interface texts), loaded and validated once at start-up into plain
 * structs.  Every text exists in every language; a pack that breaks a rule
 * stops start-up with FILE:LINE:COLUMN.  After content_load() everything
 * is read-only and may be shared by all threads.
 */
#ifndef MAMORI_CONTENT_H
#define MAMORI_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "model/appi.h"
#include "model/asset.h"
#include "model/bcp.h"
#include "model/diag.h"
#include "model/estimate.h"
#include "model/exercise.h"
#include "model/incident.h"
#include "model/plan.h"
#include "model/policy.h"
#include "model/register.h"
#include "model/risk.h"
#include "model/readiness.h"
#include "model/sme.h"

enum lang {
	LANG_JA,
	LANG_EN,
	LANG__MAX
};

/* One text in every language.  t points into the loaded tree; h is the
 * same text already escaped for HTML element content (by esc_html, once,
 * at load), for pages that write many texts. */
struct tr {
	const char	*t[LANG__MAX];
	const char	*h[LANG__MAX];
};

/* A list of texts, the same length in every language; h as in struct tr. */
struct trlist {
	size_t		  n;
	const char	**t[LANG__MAX];
	const char	**h[LANG__MAX];
};

struct diag_item_text {
	struct tr	 shrt;		/* short label for charts */
	struct tr	 question;
	struct tr	 why;
	struct trlist	 measures;	/* 2–4 inexpensive measures */
	struct trlist	 checkpoints;	/* deep-dive questions; items 1–5 only */
};

struct diag_pack {
	struct tr		title;
	struct tr		intro;
	struct tr		answer_label[DIAG_ANSWER__MAX];	/* [DIAG_NONE] empty */
	struct tr		answer_hint[DIAG_ANSWER__MAX];
	struct tr		band_label[DIAG_BAND__MAX];
	struct tr		band_advice[DIAG_BAND__MAX];
	struct tr		part_title[DIAG_PARTS];
	struct tr		part_summary[DIAG_PARTS];
	struct diag_item_text	item[DIAG_ITEMS];
};

/* The largest head count an employee band or the API takes. */
#define CONTENT_HEADCOUNT_MAX	1000000L

/* One choice of a closed list (industry, band, prefecture). */
struct choice {
	const char	*key;
	struct tr	 label;
	/* Employee bands only: the head counts min…max (max 0: open, the
	 * last band).  The loader checks that the bands tile 1… without
	 * gap or overlap. */
	long		 min, max;
};

struct choices {
	size_t		 n;
	struct choice	*v;
};

enum dep_class {
	DEP_MATSU,	/* cannot work by hand when systems stop */
	DEP_TAKE,	/* can fall back to manual work if data survive */
	DEP_UME,	/* one PC; would improvise */
	DEP__MAX
};

enum dep_question {
	DEPQ_MANY_SYSTEMS,
	DEPQ_MANUAL_FALLBACK,
	DEPQ_OTHERS_DEPEND,
	DEPQ__MAX
};

struct org_pack {
	struct choices	 industries;	/* JSIC divisions A–T */
	struct choices	 employees;
	struct choices	 capital;
	struct choices	 prefectures;
	struct {
		const char	*key;
		struct tr	 text, help;
	} depq[DEPQ__MAX];
	struct {
		const char	*key;
		struct tr	 label, description;
		struct trlist	 measures;
	} dep[DEP__MAX];
};

struct sa_pack {
	struct {
		const char	*key;
		int		 item;	/* diagnosis item, 1-based (= sa_item + 1) */
		struct tr	 title, why;
		struct trlist	 howto;
	} p[SA__MAX];
	struct tr	 official;	/* who runs the scheme, its site as text */
	struct tr	 rule;		/* when a principle is contradicted */
	struct tr	 mapping;	/* the principle ↔ item mapping is ours */
};

/* The basic policy's template: the text a new policy starts from, in
 * every language; "{company}" stands for the company name. */
struct policy_pack {
	struct tr	 title;
	struct {
		const char	*key;
		struct tr	 label, text;
	}		 scope[PS__MAX];
	struct tr	 preamble;
	struct {
		const char	*key;
		struct tr	 title, text;
	}		 c[PC__MAX];
	struct tr	 closing;
	struct {
		const char	*key;
		struct tr	 label, help;
	}		 field[PF__MAX];
};

/*
 * The registers' packs (content/registers/).  Closed sets whose keys the
 * code relies on (media, personal data, C/I/A, threat groups, review
 * statuses, plan scales) have fixed keys in a fixed order, checked at
 * load, and are indexed by the enums of model/asset.h and below; the
 * business categories and
 * the threats are open lists with unique keys.
 */

/* One asset of the starter list, with the values we suggest. */
struct asset_starter {
	const char		*key;
	struct tr		 name, description;
	const struct choice	*category;	/* into assets_pack.categories */
	enum asset_media	 media;
	enum asset_personal	 personal;
	int			 cia[CIA__MAX];	/* 1…CIA_LEVELS */
};

struct assets_pack {
	struct choices	 categories;
	struct choice	 media[MEDIA__MAX];
	struct choice	 personal[PERSONAL__MAX];
	struct {
		const char	*key;
		struct tr	 label, question;
		struct tr	 level[CIA_LEVELS];	/* [0] is level 1 */
	}		 cia[CIA__MAX];
	struct tr	 importance_rule;
	size_t		 n_starters;
	struct asset_starter *starters;
};

enum threat_group {
	TG_PHYSICAL,
	TG_TECHNICAL,
	TG_HUMAN,
	TG_ORGANISATION,	/* IPA's top-10 list of the pack's as_of */
	TG__MAX
};

#define THREAT_ITEMS_MAX	8

struct threat {
	const char		*key;
	enum threat_group	 group;
	int			 rank;	/* top-10 place (organisation), else 0 */
	struct tr		 label, explain;
	/* The diagnosis items (1…DIAG_ITEMS) that guard against it. */
	size_t			 n_items;
	int			 items[THREAT_ITEMS_MAX];
	bool			 ours;	/* the item mapping is mamori's */
};

struct threats_pack {
	int		 as_of;		/* year of the top-10 list */
	struct choice	 group[TG__MAX];
	size_t		 n;
	struct threat	*v;
};

/* The risk analysis's texts (content/registers/risks.yaml). */
struct risks_pack {
	struct tr	 threat_question, vuln_question;
	struct tr	 threat_level[RISK_LEVELS];	/* [0] is level 1 */
	struct tr	 vuln_level[RISK_LEVELS];
	struct choice	 band[RISK_BAND__MAX];
	struct tr	 band_meaning[RISK_BAND__MAX];
	struct choice	 treatment[TREAT__MAX];
	struct tr	 rule_likelihood, rule_value, rule_bands;
};

enum reg_area {
	REG_ORGANISATIONAL,
	REG_HUMAN,
	REG_ASSETS,
	REG_ACCESS,
	REG_PHYSICAL,
	REG_IT_USE,
	REG_IT_OPS,
	REG_DEVELOPMENT,
	REG_OUTSOURCING,
	REG_INCIDENT_BCM,
	REG_MYNUMBER,		/* area 11 of the 3rd edition */
	REG_TELEWORK,		/* area 11 of the 2024 revision */
	REG_AREA__MAX
};

enum reg_status {
	RS_NEW,
	RS_REVISED,
	RS_KEEP,
	RS_NOT_NEEDED,
	RS_UNDECIDED,
	RS__MAX
};

struct reg_pack {
	struct {
		const char	*key;
		int		 number;	/* the area's number in its edition */
		struct tr	 label, purpose;
		size_t		 n_items;
		int		 items[DIAG_ITEMS];	/* ours, SEEDFACTS §9.14 */
	}		 area[REG_AREA__MAX];
	struct choice	 status[RS__MAX];
	struct tr	 mapping;	/* says the item mapping is ours */
};

struct plan_pack {
	struct choice	 area[PLAN_AREA__MAX];
	struct choice	 level[PLAN_LEVEL__MAX];
	struct choice	 difficulty[PLAN_DIFFICULTY__MAX];
	struct choice	 decision[PLAN_DECISION__MAX];
	struct choice	 status[PLAN_STATUS__MAX];
	struct choice	 priority[PLAN_PRIORITY__MAX];
	struct tr	 priority_rule;	/* says the rule is ours */
	/* The area each diagnosis item (0-based) belongs to: ours */
	enum plan_area	 item_area[DIAG_ITEMS];
};

/*
 * IT business continuity (content/bcp.yaml, issue 13).  Fixed keys in
 * the order of the enums of model/bcp.h; the assumed incidents are an
 * open list with unique keys.  Which texts restate the seeds and which
 * rules are ours is said by the *_rule texts, shown on the pages.
 */
struct bcp_incident {
	const char	*key;
	struct tr	 label;
	struct tr	 why;		/* an example of why a company assumes it */
	unsigned	 layers;	/* 1 << enum bcp_layer it usually hits */
	char		 layer_keys[64];	/* the same as keys in layer
						   order, joined by "," */
};

struct bcp_pack {
	struct tr	 importance_q, dependency_q;	/* the form's questions */
	struct tr	 importance_level[BCP_LEVELS];	/* [0] is level 1 */
	struct tr	 dependency_level[BCP_LEVELS];
	struct choice	 priority[BCP_PRIORITY__MAX];	/* s a b c d */
	struct tr	 priority_meaning[BCP_PRIORITY__MAX];
	struct {
		const char	*key;		/* ex1 ex2 ex3 own */
		struct tr	 label;
		/* ex1…ex3: the seeds' table; -1 where none (D) */
		struct bcp_rto	 rto;
		/* what the table says for each priority ("3時間以内"…);
		 * own: what a priority with no hours says */
		struct tr	 rto_label[BCP_PRIORITY__MAX];
	}		 preset[BCP_PRESET__MAX];
	struct tr	 reentry_q;	/* processes: hours of data re-entered */
	struct tr	 needs_q;	/* the IT a process needs (SEEDFACTS §4.2) */
	struct choice	 layer[BCP_LAYER__MAX];
	struct tr	 layer_client[BCP_LAYER__MAX], layer_server[BCP_LAYER__MAX];
	struct choice	 media[BCP_MEDIA__MAX];
	struct choice	 restore[BCP_RESTORE__MAX];
	/* 3-2-1: what each missing part means, in plain words */
	struct tr	 miss_copies, miss_media, miss_offline_offsite;
	struct tr	 rule_321;	/* the rule, said once */
	/* the warnings of model/bcp.h, in flag order (ours) */
	struct tr	 warn[7];
	struct choice	 target[BCP_TARGET__MAX];
	struct tr	 target_owner[BCP_TARGET__MAX];	/* who usually owns it */
	struct tr	 target_contacts[BCP_TARGET__MAX];	/* whom to call */
	struct {
		struct tr	 label, explain;
	}		 provisional[BCP_PROVISIONAL_STEPS],	/* steps 0–4 */
			 permanent[BCP_PERMANENT_STEPS];	/* steps 1–7 */
	size_t		 n_incidents;
	struct bcp_incident *incidents;
	struct {
		struct tr	 label, explain;
	}		 maintenance[5];	/* the five recurring activities */
	/* example measures per dependency class (SEEDFACTS §4.1), each one
	 * line a plan row can start from */
	struct trlist	 class_examples[DEP__MAX];
	struct tr	 rule_matrix, rule_presets, rule_ours;
};

/*
 * Tabletop exercises (content/exercises/, one .yaml file a scenario, in
 * the order of their file names).  Every text may name the company's own
 * data through the placeholders of model/exercise.h ("{s_processes}"),
 * checked at load; the closing question is the interface text
 * exercise.closing, the same for every scenario.
 */
struct exercise_inject {
	struct tr	 at;		/* when: "1日目（月）9:00" */
	struct tr	 what;		/* what happens */
	size_t		 nq;		/* EXERCISE_QUESTIONS_MIN…MAX */
	struct tr	 q[EXERCISE_QUESTIONS_MAX];
};

struct exercise_scenario {
	const char	*key;		/* the file's name without .yaml */
	const char	*incident;	/* a key of bcp.yaml's incidents */
	struct tr	 title, summary;
	struct tr	 setting;	/* the company as the story assumes it */
	size_t		 ninjects;	/* EXERCISE_INJECTS_MIN…MAX */
	struct exercise_inject inject[EXERCISE_INJECTS_MAX];
};

struct exercise_pack {
	size_t			 n;
	struct exercise_scenario *v;
	void			**trees;	/* json_t roots kept alive, n */
};

/* What a company can bring to a desk (the seeds' three kinds of the
 * police's online desk, SEEDFACTS §8.4, used for every desk). */
enum desk_kind {
	DESK_REPORT,		/* report damage that has happened */
	DESK_ADVICE,		/* ask for advice */
	DESK_INFORMATION,	/* pass on information */
	DESK_KIND__MAX
};

/*
 * Outside desks (content/desks.yaml): an open list with unique keys,
 * dated by as_of; each entry says when it was last checked.
 */
struct desk {
	const char	*key;
	struct tr	 name;
	struct tr	 short_name;	/* for one cell of the card; NULLs
					   when the pack gives none */
	struct tr	 handles;	/* what the desk is for */
	struct tr	 reach;		/* how to reach it, in plain words */
	const char	*url;		/* an official https:// address, or "" */
	const char	*phone;		/* a number we are sure of, or "" */
	const char	*checked;	/* YYYY-MM-DD, not after as_of */
	/* issue 16 (src/content/reference.c): what a company can bring to
	 * the desk and about what */
	unsigned	 kinds;		/* 1 << enum desk_kind, at least one */
	struct trlist	 topics;	/* 1–8 short topics */
};

struct desks_pack {
	const char	*as_of;		/* YYYY-MM-DD */
	struct tr	 note;		/* the list is dated: check before use */
	size_t		 n;
	struct desk	*v;		/* in the pack's order */
};

/* The desk with this key, or NULL. */
const struct desk *desk_find(const struct desks_pack *dp, const char *key);

/*
 * Incident response (content/incidents.yaml, issue 14).  Fixed keys in
 * the order of the enums of model/incident.h.  Which texts restate the
 * seeds and which are ours is said in the pack's comments and by the
 * rule_* texts, shown on the pages.
 */
struct incident_step {
	const char		*key;	/* unique in its playbook; the first
					   is "start_log" */
	enum incident_phase	 phase;	/* never before the step above */
	enum incident_role	 role;	/* who does it */
	struct tr		 text;
};

#define INC_DEST_DESKS	3	/* desks a destination may point to */

/* The placeholders a notice template may use are the keys of
 * incident_field ("{company}"…); a level's report text takes only
 * "{responder}". */
struct incidents_pack {
	struct {
		const char	*key;		/* top lead first finder */
		struct tr	 label, duty;
	}		 role[INC_ROLE__MAX];
	struct {
		struct tr	 label, definition, example;
		enum incident_role responder;	/* the default: a structure
						   role (< INC_STRUCT_ROLES) */
		struct tr	 report;	/* "report at once to
						   {responder}…"; "" on level 0 */
	}		 level[INC_LEVELS];
	struct {
		const char		*key;
		struct tr		 label, explain;
		enum incident_playbook	 playbook;
	}		 kind[INC_KIND__MAX];
	struct choice	 status[INC_STATUS__MAX];
	struct choice	 phase[INC_PH__MAX];
	struct {
		const char		*key;
		struct tr		 label;
		size_t			 n_steps;
		struct incident_step	*steps;	/* in order */
		/* when the employee hands over to the administrator
		 * (malware only; n is 0 elsewhere) */
		struct trlist		 handover;
	}		 playbook[INC_PB__MAX];
	struct {
		const char	*key;
		struct tr	 question, hint;
	}		 lesson[INC_LESSONS];
	struct {
		const char	*key;
		struct tr	 label;
		struct trlist	 hints;		/* 2–4 short hints */
	}		 view[INC_V__MAX];
	struct {
		const char		*key;
		struct tr		 label;
		struct trlist		 cautions;	/* 1–4 */
		int			 ours;	/* not in the seeds' table */
		size_t			 n_desks;
		const struct desk	*desks[INC_DEST_DESKS];	/* into
							   content.desks */
	}		 dest[INC_D__MAX];
	struct {
		const char	*key;		/* customers partners */
		struct tr	 label, subject, body;	/* with {field}s */
	}		 notice[INC_N__MAX];
	struct choice	 field[INC_F__MAX];	/* what each field is */
	struct tr	 rule_levels, rule_playbooks, rule_destinations;
};

/*
 * The personal-data breach report (content/appi.yaml): the rule of the
 * law as data, so that an amendment is a change of this file.  The
 * numbers are checked at load (days > 0, from ≤ to, final ≥ to).
 */
struct appi_pack {
	struct tr	 law, authority;	/* names */
	const char	*in_force;	/* YYYY-MM-DD: the amendment's date */
	struct tr	 articles;	/* where the rule is written */
	struct {
		const char	*key;	/* sensitive financial malicious
					   over_1000 */
		struct tr	 label, explain;
	}		 reason[INC_R__MAX];
	long		 threshold;	/* over_1000: more people than this */
	struct tr	 exempt;	/* strong encryption: no report */
	struct {
		struct tr	 label, when;
		int		 from, to;	/* days after the day of
						   awareness */
	}		 preliminary;
	struct {
		struct tr	 label, when;
		int		 days;		/* within, counting the day of
						   awareness as day 1 */
		int		 days_malicious;	/* when malicious is a
							   reason */
	}		 final;
	int		 aware_day;	/* the number the day of awareness has
					   when counting (1) */
	struct tr	 notify_people;	/* the people concerned are told */
	struct {
		const char		*key;
		struct tr		 label;
		size_t			 n_fields;
		enum incident_field	 fields[4];	/* what fills it */
	}		 item[INC_AI__MAX];
	const struct desk *desk;	/* where to report, into content.desks */
	struct tr	 rule_law, rule_ours, rule_not_filed;
	struct appi_rule rule;		/* the numbers above, for the model */
};

/*
 * The intake questionnaire (content/intake.yaml; 問診票): the header,
 * 22 questions in five groups, the seven things to have ready before
 * calling a desk.  Answer forms are the closed set incident_form.
 */
struct intake_option {
	const char	*key;		/* unique in its list */
	struct tr	 label;
	int		 text;		/* asks for words too ("other: …") */
};

/* A follow-up asked when the question is answered yes. */
struct intake_sub {
	const char		*key;	/* unique in its question */
	struct tr		 label;
	enum incident_form	 form;	/* text, number, choice or multi */
	size_t			 n_options;
	struct intake_option	*options;	/* choice and multi only */
};

struct intake_question {
	int			 n;	/* 1…INC_QUESTIONS */
	const char		*key;	/* unique */
	enum incident_intake_group group;
	struct tr		 text;
	struct tr		 hint;	/* "" when none */
	enum incident_form	 form;	/* yes/no, yes/no/unsure, multi or
					   text */
	size_t			 n_options;
	struct intake_option	*options;	/* multi only */
	size_t			 n_subs;
	struct intake_sub	*subs;	/* yes/no forms only */
	/* asked only when the earlier question when_q was answered
	 * when_a; when_q 0: always asked */
	int			 when_q;
	enum incident_answer	 when_a;
};

struct intake_pack {
	struct tr	 title, intro;
	struct {
		const char	*key;
		struct tr	 label, hint;
		struct tr	 unit;		/* numbers only; "" for text */
	}		 header[INC_H__MAX];
	struct {
		const char	*key;
		struct tr	 label, purpose, who;	/* who answers */
		int		 first, last;	/* question numbers */
	}		 group[INC_G__MAX];
	struct intake_question q[INC_QUESTIONS];	/* [0] is question 1 */
	struct choice	 answer[INC_A__MAX];	/* yes no unsure */
	struct choice	 form[INC_FORM__MAX];	/* how each form is named */
	struct tr	 precall_title;
	struct {
		const char	*key;
		struct tr	 label, hint;
	}		 precall[INC_P__MAX];
	struct tr	 source;	/* whose questionnaire this follows */
};

/*
 * The advisor's hearing sheet and confidentiality pledge (issue 15;
 * content/hearing.yaml and content/pledge.yaml, loaded by
 * content/hearing.c).  The sheet is an open list of sections, each an
 * open list of items; an item's key is unique in the whole sheet (the
 * database and the API name an item by it).  The pledge's texts may
 * name "{company}" and "{advisor}", nothing else (checked at load).
 */
#define HEARING_SECTIONS_MAX	12
#define HEARING_SECTION_ITEMS_MAX 20
#define PLEDGE_UNDERTAKINGS	5

struct hearing_item {
	const char	*key;		/* unique in the sheet */
	size_t		 section;	/* index into hearing_pack.sections */
	struct tr	 label;
	struct tr	 hint;		/* what to ask */
};

struct hearing_section {
	const char	*key;
	struct tr	 title;
	size_t		 first;		/* its items: items[first..first+n) */
	size_t		 n;
};

struct hearing_pack {
	struct tr		 title, intro;
	struct tr		 column_item, column_result;	/* the two columns */
	struct tr		 obtain_title;
	struct trlist		 obtain;	/* material to ask for */
	size_t			 n_sections;
	struct hearing_section	*sections;	/* in the sheet's order */
	size_t			 n_items;
	struct hearing_item	*items;		/* every item, section by
						   section */
	void			*tree;		/* json_t root kept alive */
};

struct pledge_pack {
	struct tr	 title;
	struct tr	 to;		/* "{company} 御中" */
	struct tr	 copy;		/* the copy to the programme office */
	struct tr	 intro;		/* with {advisor} and {company} */
	struct trlist	 undertakings;	/* PLEDGE_UNDERTAKINGS of them */
	struct tr	 date_label, name_label, seal_label;
	void		*tree;		/* json_t root kept alive */
};

/* The item with this key, or NULL. */
const struct hearing_item *hearing_item_find(const struct hearing_pack *hp,
		    const char *key);

/*
 * Programme templates (content/programmes/, one .yaml file a template, in
 * the order of their file names; src/content/programme.c): the visits of
 * an advisor's coaching programme, each with its aim, what the company
 * and the advisor prepare before it, its agenda with minutes and the
 * deliverables it produces.  A visit's gap is the span in days before it
 * (for the first, the preparation; for the others, since the previous
 * visit); default_gap plans the next visit's date.
 */
#define PROGRAMME_VISITS_MAX	8	/* visits in a template */
#define PROGRAMME_AGENDA_MAX	12	/* agenda points in a visit */
#define PROGRAMME_DELIVERABLES_MAX 16	/* deliverables in a template */
#define PROGRAMME_GAP_MAX	90	/* longest gap, days */

struct programme_point {
	const char	*key;		/* unique in its visit */
	int		 minutes;	/* 5…240 */
	int		 at;		/* start, minutes after midnight */
	struct tr	 title;
};

struct programme_visit {
	struct tr	 title, aim;
	int		 gap_min, gap_max;	/* days, see above */
	int		 start;		/* minutes after midnight */
	int		 end;		/* start plus every point's minutes */
	struct trlist	 company_prep, advisor_prep;
	size_t		 npoints;
	struct programme_point point[PROGRAMME_AGENDA_MAX];
	size_t		 ndeliv;
	int		 deliv[PROGRAMME_DELIVERABLES_MAX];	/* indexes into
							   the template's */
};

struct programme_deliverable {
	const char	*key;		/* unique in the template */
	struct tr	 label;
	int		 visit;		/* 1-based: the visit producing it */
};

struct programme {
	const char	*key;		/* the file's name without .yaml */
	struct tr	 title, summary;
	int		 default_gap;	/* days, 1…PROGRAMME_GAP_MAX */
	size_t		 nvisits;	/* 1…PROGRAMME_VISITS_MAX */
	struct programme_visit visit[PROGRAMME_VISITS_MAX];
	size_t		 ndeliv;
	struct programme_deliverable deliv[PROGRAMME_DELIVERABLES_MAX];
};

struct programme_pack {
	size_t			 n;
	struct programme	*v;
	void			**trees;	/* json_t roots kept alive, n */
};

/*
 * The reference (issue 16; src/content/reference.c).
 *
 * IPA's yearly top-10 threats to organisations, one file a year under
 * content/threats/ (YEAR.yaml), each threat linked to the diagnosis
 * items and the risk catalogue's threats that address it (links checked
 * at load).  Only the year, the ranks and the names come from the list;
 * the texts are ours.
 */
#define TOP10_N		10	/* threats a year */
#define TOP10_ITEMS_MAX	8	/* diagnosis items a threat links to */
#define TOP10_RISKS_MAX	4	/* catalogue threats a threat links to */
#define TOP10_YEARS_MAX	40	/* year files */

struct top10_threat {
	int			 rank;		/* 1…TOP10_N */
	struct tr		 name;		/* the list's name */
	struct tr		 about;		/* what it is (ours) */
	struct tr		 todo;		/* what to do first (ours) */
	size_t			 n_items;
	int			 items[TOP10_ITEMS_MAX];	/* 1…DIAG_ITEMS */
	size_t			 n_risks;
	const struct threat	*risks[TOP10_RISKS_MAX];	/* into
							   content.threats */
};

struct top10_year {
	int			 year;		/* the file's name */
	const char		*published;	/* YYYY-MM-DD or "" */
	const char		*as_of;		/* YYYY-MM-DD: last checked */
	struct tr		 source;	/* the list's name */
	struct top10_threat	 t[TOP10_N];	/* by rank */
};

struct top10_pack {
	size_t			 n;		/* at least one year */
	struct top10_year	*v;		/* latest year first */
	void			**trees;	/* json_t roots kept alive, n */
};

/* The year's list, or NULL. */
const struct top10_year *top10_find(const struct top10_pack *tp, int year);

/*
 * The SME Basic Act's table (content/sme.yaml): the limits of its four
 * groups (facts of the law), the group(s) of each industry of org.yaml
 * and the yen each capital band covers (ours).
 */
struct sme_industry {
	const char	*key;		/* an org.yaml industry key */
	unsigned	 groups;	/* 1 << enum sme_group; 0: none */
};

struct sme_band {
	const char	*key;		/* an org.yaml capital band key */
	bool		 none;		/* no capital (judged by staff only) */
	struct sme_range yen;		/* the capital it covers */
};

struct sme_pack {
	const char		*as_of;		/* YYYY-MM-DD */
	struct tr		 law;		/* where the table is written */
	struct {
		const char	*key;
		struct tr	 label;
	}			 group[SME_GROUP__MAX];
	struct sme_limits	 lim[SME_GROUP__MAX];
	size_t			 n_industries;
	struct sme_industry	*industries;	/* every industry of org.yaml */
	size_t			 n_bands;
	struct sme_band		*bands;		/* every capital band */
	void			*tree;		/* json_t root kept alive */
};

/* The groups of industry key (0 when it is in none or unknown). */
unsigned	 sme_pack_groups(const struct sme_pack *sp, const char *industry);
/* The capital band with key, or NULL. */
const struct sme_band *sme_pack_band(const struct sme_pack *sp,
		    const char *key);

/*
 * The damage and cost estimate (issue 16; content/damage.yaml, loaded by
 * content/damage.c): the damage categories, the scenario presets with
 * their rules (model/estimate.h) and the seeds' lines each reproduces at
 * its own inputs (checked at load), and reference unit costs with their
 * source and year.  The scaling rules are mamori's own (ours says so).
 */
#define DAMAGE_SOURCES_MAX	4
#define DAMAGE_UNITS_MAX	16
#define DAMAGE_PRESETS_MAX	8

struct damage_source {
	const char	*key;
	struct tr	 name;		/* who published it, and what */
	int		 year;
};

/* A reference unit cost: min…max yen (equal when one figure). */
struct damage_unit {
	const char		*key;
	enum estimate_cat	 cat;
	size_t			 source;	/* index into src[] */
	long long		 min, max;
	struct tr		 label;
};

struct damage_preset {
	struct estimate_preset	 p;	/* key, inputs, rules */
	size_t			 source;	/* the example's source */
	struct tr		 title, summary;
	struct tr		 how[EST_CAT__MAX];	/* per rule, in p's
							   order: the rule
							   in words */
	long long		 seed_total;	/* the example's total */
};

struct damage_pack {
	const char		*as_of;		/* YYYY-MM-DD */
	struct tr		 ours;	/* the seeds' part, and ours */
	struct tr		 cat_label[EST_CAT__MAX];
	struct tr		 cat_help[EST_CAT__MAX];
	struct tr		 in_label[EST_IN__MAX];
	size_t			 nsrc;
	struct damage_source	 src[DAMAGE_SOURCES_MAX];
	size_t			 nunits;
	struct damage_unit	 unit[DAMAGE_UNITS_MAX];
	size_t			 npresets;
	struct damage_preset	 preset[DAMAGE_PRESETS_MAX];
	void			*tree;	/* json_t root kept alive */
};

/* The preset with key, or NULL (damage.c). */
const struct damage_preset *damage_preset_find(const struct damage_pack *dp,
		    const char *key);

struct content {
	void		*trees[15];	/* json_t roots kept alive */
	struct arena	 esc;		/* the escaped copies (struct tr h) */
	struct diag_pack diag;
	struct org_pack	 org;
	struct sa_pack	 sa;
	struct policy_pack policy;
	struct assets_pack assets;
	struct threats_pack threats;
	struct reg_pack regs;
	struct plan_pack plan;
	struct risks_pack risks;
	struct bcp_pack	 bcp;
	struct exercise_pack exercises;
	struct desks_pack desks;
	struct incidents_pack incidents;
	struct appi_pack appi;
	struct intake_pack intake;
	struct hearing_pack hearing;
	struct pledge_pack pledge;
	struct programme_pack programmes;
	struct top10_pack top10;	/* issue 16: content/threats/ */
	struct sme_pack	 sme;		/* issue 16: content/sme.yaml */
	struct damage_pack damage;	/* content/damage.yaml (damage.c) */
	/* the key sets of the registers' enum fields, from the packs above */
	struct register_env regenv;
	size_t		 n_ui;
	struct ui_entry {
		const char	*key;
		struct tr	 text;
	}		*ui;	/* sorted by key */
};

/*
 * Load content/diagnosis/self25.yaml, content/org.yaml,
 * content/security_action.yaml, content/policy.yaml, the five packs of
 * content/registers/ (assets, threats, regulations, plan, risks),
 * content/bcp.yaml, content/desks.yaml, content/incidents.yaml,
 * content/appi.yaml, content/intake.yaml, content/hearing.yaml,
 * content/pledge.yaml, content/damage.yaml, content/i18n/ui.yaml, the
 * scenarios of content/exercises/, the programme templates of
 * content/programmes/ (every .yaml there), the top-10 threats of
 * content/threats/ and content/sme.yaml under dir.
 * Returns 0, or -1 with one "FILE:LINE:COLUMN: message" line in err;
 * content_free() in both cases.
 */
int		 content_load(struct content *c, const char *dir, char *err,
		    size_t errlen);
void		 content_free(struct content *c);
/* Interface text for key in lang; the key itself when absent (a test
 * checks that every key the code uses exists). */
const char	*content_ui(const struct content *c, enum lang l,
		    const char *key);
/* content_ui() with "{1}" and "{2}" replaced by the numbers a and b
 * (translations never act as printf formats); the result is in ar. */
const char	*content_ui_n(const struct content *c, enum lang l,
		    const char *key, long a, long b, struct arena *ar);
/* text with "{1}" and "{2}" replaced by a and b, the same way (for pack
 * texts such as bcp_pack.warn); the result is in ar. */
const char	*content_fill_n(const char *text, long a, long b,
		    struct arena *ar);
/* True when key is in the interface catalogue. */
int		 content_ui_has(const struct content *c, const char *key);
/* The choice with this key, or NULL. */
const struct choice *choices_find(const struct choices *cs, const char *key);
/* The employee band containing head count n, or NULL when n is below 1,
 * above CONTENT_HEADCOUNT_MAX or (a pack without bands) in none. */
const struct choice *choices_band(const struct choices *cs, long n);
/* Class from the three answers (SPEC §8 via the org pack's rule). */
enum dep_class	 dep_class_of(int many_systems, int manual_fallback,
		    int others_depend);
/* The scenario with this key, or NULL. */
/* The programme template with key, or NULL (programme.c). */
const struct programme *programme_find(const struct content *c,
	    const char *key);
/* The index of deliverable key in p, or -1. */
int	programme_deliv(const struct programme *p, const char *key);
const struct exercise_scenario *exercise_find(const struct content *c,
		    const char *key);
/* The threat with this key, or NULL. */
const struct threat *threat_find(const struct threats_pack *tp,
		    const char *key);
/* The index of key in a fixed set of n choices (media, personal, a plan
 * scale…), or -1. */
int		 choice_index(const struct choice *v, size_t n, const char *key);
/* "ja"/"en" and back (-1 when unknown). */
const char	*lang_key(enum lang l);
int		 lang_from_key(const char *s);

#endif
