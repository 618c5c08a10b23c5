/*
 * publish.h — the bulletin's figures through disclosure control, before any
 * template, chart or JSON output sees them.
 *
 * sq-report gathers each section's true numbers into its data (the JSON the
 * templates see) and calls sq_publish() once.  Each section is declared to
 * render/disclose.c — its cells, which are public, hidden, shown or
 * protected, the relations a reader knows between them, what it costs to
 * coarsen each — and the values shown are written back in place of the
 * true ones: a number, or a string for a band ("<3", "3-4", "90-95%"),
 * or null for a figure not shown.  Nothing true that is not shown is left
 * in the data.
 *
 * A section is a function of the table below (publish.c); adding one is
 * declaring its cells and relations there, not writing new protection.
 * What each section reads and writes is in /work/team/notes/
 * disclosure-api.md and sq-report(1).
 *
 *   checkin, buildings  the check-in summary: per building its households
 *	(public), unreported, fever, symptoms, bad readings (hidden; fever,
 *	symptoms, bad readings and their sum protected), follow-up (shown,
 *	protected below the threshold), coverage (a rate); the totals.
 *	buildings[i]._raw holds the parts; buildings[i].heat is written, the
 *	class of the follow-up map (0 below t, 1 from t, 2 from 2t, 3 from
 *	4t, -1 not known), from what is shown.
 *   requests  the day's count, each category's (sensitive categories:
 *	protected, shown only from the threshold), the repeated questions'
 *	(each at most its category's); top is rebuilt in the order of the
 *	counts shown, so the order tells nothing more.
 *   deliveries  urgent and door-delivery orders (the vulnerable): shown
 *	from the threshold, each at most the orders.
 *   care  sq-care's summary: the households in care, paired and unpaired,
 *	and (when "greetings" is true) greeted today, still to greet, urgent
 *	(an alarm, or days of silence) and the rate greeted: every count shown from the threshold only and
 *	protected, the parts adding up; the alarms by kind are dropped.
 *   waves  sq-waves' summary of the sampling (核酸): per building its
 *	households (public), those not sampled in full (missed + partial:
 *	"follow_up", shown from the threshold, protected) and the rate
 *	sampled in full; the community's households, follow_up, missed,
 *	partial and rate; a building's missed and partial are dropped.
 */
#ifndef SQ_PUBLISH_H
#define SQ_PUBLISH_H

#include <jansson.h>

struct sq_publish_opts {
	long	 threshold;	/* t: the smallest count shown */
	long	 top;		/* request categories in requests.top */
};

struct sq_publish_stats {
	long	 shown;		/* figures declared as shown */
	long	 primary;	/* shown as <t */
	long	 coarsened;	/* steps of complementary suppression */
	long	 hidden_all;	/* sections that had to hide everything */
};

/* 0, or -1 when a section's declaration is wrong (printed): publish nothing. */
int	 sq_publish(json_t *data, const struct sq_publish_opts *,
	    struct sq_publish_stats *);

#endif
