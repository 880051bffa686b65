/*
 * plan: the action plan's rules (issue 12 §4): the closed scales of the
 * programme's one-sheet plan form (areas; urgency and importance
 * high/mid/low; difficulty easy/mid/hard), the decision and tracking
 * values, which are ours, and the priority, which is ours too: high or
 * easy 3, mid 2, low or hard 1, summed over urgency, importance and
 * difficulty; 8–9 is A, 6–7 B, 3–5 C.
 */
#ifndef MAMORI_MODEL_PLAN_H
#define MAMORI_MODEL_PLAN_H

enum plan_area {
	PLAN_ORGANISATIONAL,
	PLAN_HUMAN,
	PLAN_TECHNICAL,
	PLAN_PHYSICAL,
	PLAN_AREA__MAX
};

enum plan_level {		/* urgency and importance */
	PLAN_HIGH,
	PLAN_MID,
	PLAN_LOW,
	PLAN_LEVEL__MAX
};

enum plan_difficulty {
	PLAN_EASY,
	PLAN_MEDIUM,
	PLAN_HARD,
	PLAN_DIFFICULTY__MAX
};

enum plan_decision {
	PLAN_YES,
	PLAN_NO,
	PLAN_PENDING,
	PLAN_DECISION__MAX
};

enum plan_status {
	PLAN_TODO,
	PLAN_DOING,
	PLAN_DONE,
	PLAN_DROPPED,
	PLAN_STATUS__MAX
};

enum plan_priority {
	PLAN_A,		/* 8–9 points: do first */
	PLAN_B,		/* 6–7 */
	PLAN_C,		/* 3–5 */
	PLAN_PRIORITY__MAX
};

/* Deadlines more than this many months ahead are refused. */
#define PLAN_MONTHS_MAX	24

/* Points 3…9 of a row's urgency, importance and difficulty (0 when one
 * is out of range). */
int		   plan_points(enum plan_level urgency, enum plan_level importance,
		    enum plan_difficulty difficulty);
/* The priority of points 3…9. */
enum plan_priority plan_priority_of(int points);

#endif
