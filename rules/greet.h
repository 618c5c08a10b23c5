/*
 * greet.h — whose daily greeting (每日一问候) did not happen, for how many
 * days in a row, and who is urgent.
 *
 * One struct sq_greet per household, filled by the caller from what it
 * knows: the day the household came into care (since), the last day it was
 * greeted before the day checked (from a state file or from earlier days
 * of the log: sq_greet_seen() keeps the latest), and what today's entries
 * of the log said.  Days are as sq_date_days() counts them.
 *
 *	missed	0 when greeted today; else the days in a row without a
 *		greeting up to and including today: today - last when a
 *		greeting is known, else today - since + 1 (since: the first
 *		day followed: pairing, the state, the log's first day).
 *	status	URGENT when an alarming word was in today's notes, or in
 *		the notes of the last day greeted and nobody has greeted
 *		the household since, or missed reached urgent_after (0:
 *		never by days alone); else NOT_GREETED when missed > 0,
 *		else GREETED.
 * The entries may come in any order: the answer is the same.
 * An entry that reached nobody ("联系不上": the caller passes greeted 0)
 * is not a greeting; its alarm counts until someone reaches the household
 * that day.
 */
#ifndef SQ_GREET_H
#define SQ_GREET_H

#include <stdint.h>

#define SQ_GREET_NODAY	INT32_MIN

enum sq_greet_status {
	SQ_GREET_URGENT = 0,
	SQ_GREET_NOT_GREETED,
	SQ_GREET_GREETED,
	SQ_GREET_NSTATUS
};

struct sq_greet {
	int32_t	 since;		/* first day followed, or SQ_GREET_NODAY */
	int32_t	 last;		/* last day greeted before today, or NODAY */
	uint64_t last_alarms;	/* labels in the notes of that day */
	int32_t	 entries;	/* today's entries in the log */
	uint8_t	 today;		/* greeted today */
	uint64_t alarms;	/* labels in today's notes that reached it */
	uint64_t failed;	/* and in those of attempts that did not */
};

void	 sq_greet_init(struct sq_greet *, int32_t since, int32_t last,
	    uint64_t last_alarms);
/*
 * An entry of the log for day (greeted: it reached the household).  Days
 * after today are the caller's to count and leave out; earlier ones only
 * move last.
 */
void	 sq_greet_seen(struct sq_greet *, int32_t today, int32_t day,
	    int greeted, uint64_t alarms);
/* Days in a row without a greeting, up to today (0: greeted today). */
int32_t	 sq_greet_missed(const struct sq_greet *, int32_t today);
enum sq_greet_status sq_greet_status(const struct sq_greet *, int32_t today,
	    int32_t urgent_after);
/* The alarms that count today: today's, or the last day's when not
   greeted since. */
uint64_t sq_greet_alarms(const struct sq_greet *);

#endif
