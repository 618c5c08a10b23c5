/*
 * greet.c — days without a greeting, and urgency (see greet.h).
 */
#include "greet.h"

void
sq_greet_init(struct sq_greet *g, int32_t since, int32_t last,
    uint64_t last_alarms)
{
	g->since = since;
	g->last = last;
	g->last_alarms = last == SQ_GREET_NODAY ? 0 : last_alarms;
	g->entries = 0;
	g->today = 0;
	g->alarms = 0;
	g->failed = 0;
}

void
sq_greet_seen(struct sq_greet *g, int32_t today, int32_t day, int greeted,
    uint64_t alarms)
{
	if (day > today)
		return;
	if (day == today) {
		g->entries++;
		if (greeted) {
			g->today = 1;
			g->alarms |= alarms;
		} else
			g->failed |= alarms;
		return;
	}
	if (!greeted)
		return;		/* the days without one say enough */
	if (g->last == SQ_GREET_NODAY || day > g->last) {
		g->last = day;
		g->last_alarms = alarms;
	} else if (day == g->last)
		g->last_alarms |= alarms;
	/* a household greeted before it was known to be followed was
	   followed then */
	if (g->since != SQ_GREET_NODAY && day < g->since)
		g->since = day;
}

int32_t
sq_greet_missed(const struct sq_greet *g, int32_t today)
{
	if (g->today)
		return 0;
	if (g->last != SQ_GREET_NODAY && g->last < today)
		return today - g->last;
	if (g->since != SQ_GREET_NODAY && g->since <= today)
		return today - g->since + 1;
	return 1;
}

enum sq_greet_status
sq_greet_status(const struct sq_greet *g, int32_t today, int32_t urgent_after)
{
	int32_t missed = sq_greet_missed(g, today);

	if (sq_greet_alarms(g) != 0 || (urgent_after > 0 && missed >= urgent_after))
		return SQ_GREET_URGENT;
	return missed > 0 ? SQ_GREET_NOT_GREETED : SQ_GREET_GREETED;
}

uint64_t
sq_greet_alarms(const struct sq_greet *g)
{
	return g->today ? g->alarms : g->failed | g->last_alarms;
}
