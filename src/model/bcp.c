/*
 * bcp: recovery priority, RTO tables, 3-2-1 and the warnings about a
 * system's backups (see bcp.h for which rules are the seeds' and which
 * are ours).
 */
#include <jansson.h>
#include <stddef.h>
#include <string.h>

#include "model/bcp.h"

/* [dependency - 1][importance - 1], SEEDFACTS §4.3. */
static const enum bcp_priority matrix[BCP_LEVELS][BCP_LEVELS] = {
	{ BCP_D, BCP_C, BCP_B },	/* dependency low */
	{ BCP_C, BCP_B, BCP_A },	/* dependency mid */
	{ BCP_B, BCP_A, BCP_S },	/* dependency high */
};

/* SEEDFACTS §4.4: hours per priority S, A, B, C, D. */
static const struct bcp_rto presets[BCP_OWN] = {
	[BCP_EX1] = { { 0, 12, 24, 72, -1 } },
	[BCP_EX2] = { { 3, 6, 24, 72, -1 } },
	[BCP_EX3] = { { 17, 24, 72, 168, -1 } },
};

#define DAY	((int64_t)24 * 60 * 60)
/* A restore test older than this is stale (ours). */
#define TEST_MAX_AGE	(366 * DAY)

enum bcp_priority
bcp_priority_of(int importance, int dependency)
{
	if (importance < 1 || importance > BCP_LEVELS || dependency < 1 ||
	    dependency > BCP_LEVELS)
		return BCP_D;
	return matrix[dependency - 1][importance - 1];
}

const struct bcp_rto *
bcp_preset_rto(enum bcp_preset p)
{
	return (int)p >= 0 && p < BCP_OWN ? &presets[p] : NULL;
}

int
bcp_media_count(unsigned media)
{
	int n = 0;

	for (media &= (1u << BCP_MEDIA__MAX) - 1; media != 0; media &= media - 1)
		n++;
	return n;
}

unsigned
bcp_rule_321(const struct bcp_backup *b)
{
	unsigned miss = 0;

	if (b->copies < 3)
		miss |= BCP_MISS_COPIES;
	if (bcp_media_count(b->media) < 2)
		miss |= BCP_MISS_MEDIA;
	if (b->offline_offsite < 1)
		miss |= BCP_MISS_OFFLINE_OFFSITE;
	return miss;
}

int
bcp_steps_miss(const struct bcp_sys_state *s)
{
	if (s->rto_hours < 0 || s->steps_minutes <= 0 ||
	    s->steps_minutes <= s->rto_hours * 60)
		return 0;
	return s->steps_minutes - s->rto_hours * 60;
}

unsigned
bcp_warnings(const struct bcp_sys_state *s, int64_t now)
{
	unsigned w = 0;

	if (s->backup.copies < 2)
		w |= BCP_W_NO_BACKUP;
	if (s->last_test <= 0)
		w |= BCP_W_NEVER_TESTED;
	else {
		if (now - s->last_test > TEST_MAX_AGE)
			w |= BCP_W_TEST_OLD;
		if (s->test_result != BCP_RESTORE_OK)
			w |= BCP_W_TEST_FAILED;
		if (s->rto_hours >= 0 && s->test_minutes > 0 &&
		    s->test_minutes > s->rto_hours * 60)
			w |= BCP_W_TEST_SLOW;
	}
	if (s->frequency_hours > 0 && s->reentry_hours >= 0 &&
	    s->frequency_hours > s->reentry_hours)
		w |= BCP_W_LOSS;
	if (bcp_steps_miss(s) > 0)
		w |= BCP_W_STEPS_SLOW;
	return w;
}

static const char *const preset_keys[BCP_PRESET__MAX] = {
	"ex1", "ex2", "ex3", "own",
};
static const char *const prio_keys[BCP_PRIORITY__MAX] = {
	"s", "a", "b", "c", "d",
};

const char *
bcp_preset_key(enum bcp_preset p)
{
	return (int)p >= 0 && p < BCP_PRESET__MAX ? preset_keys[p] : "";
}

int
bcp_preset_of(const char *key)
{
	int p;

	for (p = 0; key != NULL && p < BCP_PRESET__MAX; p++)
		if (strcmp(key, preset_keys[p]) == 0)
			return p;
	return -1;
}

void
bcp_settings_read(const char *body, struct bcp_settings *s)
{
	json_error_t err;
	json_t *o = body != NULL ? json_loads(body, 0, &err) : NULL;
	json_t *own, *h;
	int p;

	s->preset = BCP_EX1;
	for (p = 0; p < BCP_PRIORITY__MAX; p++)
		s->own.hours[p] = -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return;
	}
	if ((p = bcp_preset_of(json_string_value(json_object_get(o,
	    "preset")))) >= 0)
		s->preset = (enum bcp_preset)p;
	if (json_is_object(own = json_object_get(o, "own")))
		for (p = 0; p < BCP_PRIORITY__MAX; p++)
			if (json_is_integer(h = json_object_get(own,
			    prio_keys[p])) && json_integer_value(h) >= 0 &&
			    json_integer_value(h) <= BCP_HOURS_MAX)
				s->own.hours[p] = (int)json_integer_value(h);
	json_decref(o);
}

int
bcp_rto_hours(const struct bcp_settings *s, enum bcp_priority p)
{
	const struct bcp_rto *t = s->preset == BCP_OWN ? &s->own :
	    bcp_preset_rto(s->preset);

	return t != NULL && (int)p >= 0 && p < BCP_PRIORITY__MAX ?
	    t->hours[p] : -1;
}
