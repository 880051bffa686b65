/*
 * bcp: the rules of IT business continuity (issue 13).
 *
 * From the seeds (SEEDFACTS §4): business importance × system
 * dependency, each 1–3, gives a recovery priority S–D by a fixed matrix;
 * three example tables turn a priority into a target recovery time;
 * "3-2-1" asks for three copies in all, on two kinds of media, one of
 * them both offline and off-site; recovery runs in two stages, a
 * provisional one (steps 0–4) and a permanent one (steps 1–7).
 *
 * Ours (the seeds give no such rule): the organisation's own RTO table,
 * the warnings — data a restore would lose against what the processes
 * can re-enter, a restore never tested or tested more than a year ago,
 * a restore test or the provisional steps slower than the tightest RTO —
 * and how each is worded.
 *
 * Model only: numbers in, numbers out.  The texts are in
 * content/bcp.yaml.
 */
#ifndef MAMORI_MODEL_BCP_H
#define MAMORI_MODEL_BCP_H

#include <stdbool.h>
#include <stdint.h>

#define BCP_LEVELS	3	/* importance and dependency: 1 low … 3 high */

enum bcp_priority {
	BCP_S,
	BCP_A,
	BCP_B,
	BCP_C,
	BCP_D,
	BCP_PRIORITY__MAX
};

/* Where an organisation's RTO table comes from. */
enum bcp_preset {
	BCP_EX1,	/* the seeds' three example columns */
	BCP_EX2,
	BCP_EX3,
	BCP_OWN,	/* the organisation's own table */
	BCP_PRESET__MAX
};

/* The five layers to recover, top to bottom (the seeds number them from
 * the building up: people is the fifth). */
enum bcp_layer {
	BCP_PEOPLE,
	BCP_SOFTWARE,
	BCP_HARDWARE,
	BCP_INFRA,
	BCP_BUILDING,
	BCP_LAYER__MAX
};

/* Kinds of backup media (issue 13: a set of them per system). */
enum bcp_media {
	BCP_INTERNAL,
	BCP_EXTERNAL_DISK,
	BCP_NAS,
	BCP_TAPE,
	BCP_OPTICAL,
	BCP_USB,
	BCP_CLOUD,
	BCP_MEDIA__MAX
};

enum bcp_restore {		/* the result of a restore test */
	BCP_RESTORE_OK,
	BCP_RESTORE_PARTIAL,
	BCP_RESTORE_FAILED,
	BCP_RESTORE__MAX
};

/* What was damaged, per the owners-and-contacts table. */
enum bcp_target {
	BCP_T_POWER,		/* power and air conditioning */
	BCP_T_HARDWARE,
	BCP_T_SOFTWARE,
	BCP_T_NETWORK,		/* network devices */
	BCP_T_LINES,		/* line services */
	BCP_T_CLOUD_BACKUP,
	BCP_T_CUSTOMERS,
	BCP_T_EMPLOYEES,
	BCP_T_OTHER,
	BCP_TARGET__MAX
};

#define BCP_PROVISIONAL_STEPS	5	/* steps 0–4 */
#define BCP_PERMANENT_STEPS	7	/* steps 1–7 */

/* An RTO table: hours per priority, -1 where there is none (D in every
 * preset of the seeds). */
struct bcp_rto {
	int	 hours[BCP_PRIORITY__MAX];
};

/* What an organisation set for its business processes: where its RTO
 * table comes from, and its own table (hours per priority, -1: none). */
struct bcp_settings {
	enum bcp_preset	 preset;
	struct bcp_rto	 own;
};

#define BCP_HOURS_MAX	8760	/* a year: the most an RTO may say */

/* The preset keys "ex1", "ex2", "ex3", "own". */
const char	*bcp_preset_key(enum bcp_preset p);
/* The preset of key, or -1. */
int		 bcp_preset_of(const char *key);
/* s from a stored body ({"preset": "ex2", "own": {"s": 4, …}}); what
 * it lacks or does not read is the default (ex1, own all -1).  Never
 * fails. */
void		 bcp_settings_read(const char *json, struct bcp_settings *s);
/* The hours of priority p under s: -1 where there are none. */
int		 bcp_rto_hours(const struct bcp_settings *s,
		    enum bcp_priority p);

/* The priority of importance and dependency 1…3 (BCP_D when out of
 * range: nothing to recover first). */
enum bcp_priority bcp_priority_of(int importance, int dependency);

/* One of the seeds' three example tables (BCP_EX1…BCP_EX3). */
const struct bcp_rto *bcp_preset_rto(enum bcp_preset p);

/* What 3-2-1 finds missing, as flags. */
enum bcp_321_missing {
	BCP_MISS_COPIES = 1 << 0,	/* fewer than 3 copies in all */
	BCP_MISS_MEDIA = 1 << 1,	/* fewer than 2 kinds of media */
	BCP_MISS_OFFLINE_OFFSITE = 1 << 2,	/* no copy both offline and
						   off-site */
};

/* A system's backups as the register keeps them. */
struct bcp_backup {
	int		 copies;	/* in all, production included */
	unsigned	 media;		/* 1 << enum bcp_media */
	int		 offline, offsite, offline_offsite;	/* copies */
};

/* The 3-2-1 flags of b (0: it passes). */
unsigned	 bcp_rule_321(const struct bcp_backup *b);
/* The kinds of media in a set. */
int		 bcp_media_count(unsigned media);

/* Warnings about one system (flags, ours). */
enum bcp_warn {
	BCP_W_NEVER_TESTED = 1 << 0,	/* no restore test recorded */
	BCP_W_TEST_OLD = 1 << 1,	/* last test more than a year ago */
	BCP_W_TEST_FAILED = 1 << 2,	/* the last test did not restore all */
	BCP_W_TEST_SLOW = 1 << 3,	/* the test took longer than the
					   tightest RTO */
	BCP_W_LOSS = 1 << 4,		/* a restore loses more hours of
					   data than the processes can
					   re-enter */
	BCP_W_STEPS_SLOW = 1 << 5,	/* the provisional steps take longer
					   than the tightest RTO */
	BCP_W_NO_BACKUP = 1 << 6,	/* no copy besides production */
};

/* What the warnings of one system are computed from. */
struct bcp_sys_state {
	struct bcp_backup backup;
	int		 frequency_hours;	/* 0: not said */
	int64_t		 last_test;	/* Unix time of the day, 0: never */
	enum bcp_restore test_result;
	int		 test_minutes;	/* 0: not said */
	int		 rto_hours;	/* the tightest of its processes, -1:
					   none has one */
	int		 reentry_hours;	/* the least its processes can
					   re-enter by hand, -1: not said */
	int		 steps_minutes;	/* the provisional steps' sum, 0:
					   none estimated */
};

/* The warning flags of s at time now (Unix seconds). */
unsigned	 bcp_warnings(const struct bcp_sys_state *s, int64_t now);
/* By how many minutes the provisional steps miss the tightest RTO (0:
 * they do not, or there is none to miss). */
int		 bcp_steps_miss(const struct bcp_sys_state *s);

#endif
