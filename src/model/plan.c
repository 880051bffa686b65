#include "model/plan.h"

int
plan_points(enum plan_level urgency, enum plan_level importance,
    enum plan_difficulty difficulty)
{
	if ((unsigned)urgency >= PLAN_LEVEL__MAX ||
	    (unsigned)importance >= PLAN_LEVEL__MAX ||
	    (unsigned)difficulty >= PLAN_DIFFICULTY__MAX)
		return 0;
	/* high and easy come first in their scales: 3 points */
	return (3 - (int)urgency) + (3 - (int)importance) +
	    (3 - (int)difficulty);
}

enum plan_priority
plan_priority_of(int points)
{
	return points >= 8 ? PLAN_A : points >= 6 ? PLAN_B : PLAN_C;
}
