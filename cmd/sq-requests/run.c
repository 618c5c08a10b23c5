/*
 * run.c — the day's run, once the options are read: the rules, the
 * categories and the masker loaded, the events read, the requests streamed
 * to the output, then the queue, the overdue list and the topics.
 */
#include "requests.h"

int
run(struct state *s, const char *file)
{
	int failed = 0;

	if (s->now == NO_TIME)
		s->now = now_default();
	s->nowday = (int)(s->now / 1440);

	/* the queue and the overdue list are for the staff: their language */
	if ((s->queue_path || s->overdue_path) && (s->words = sq_words_open(
	    sq_datadir(&s->c), "requests", sq_lang(&s->c))) == NULL)
		return SQ_EXIT_USAGE;
	s->c.tables = "requests";
	if ((s->aliases = sq_load_aliases(&s->c)) == NULL)
		return SQ_EXIT_USAGE;
	s->c.in.aliases = s->aliases;
	s->c.in.canonical = 1;
	s->triage = sq_triage_load(sq_datadir(&s->c), s->rules_path, NULL);
	int bad = s->triage == NULL;
	if (s->triage)
		s->rules = sq_triage_rules(s->triage);
	sq_hmap_init(&s->index, req_key, s);
	if (bad || load_categories(s) < 0 || load_event_words(s) < 0) {
		free_state(s);
		return SQ_EXIT_USAGE;
	}
	s->urgent_label = sq_classify_find(s->rules, "urgent");
	char *mpath = sq_datafile(&s->c, "mask.txt");
	s->mask = sq_mask_load(mpath);
	free(mpath);
	for (size_t i = 0; s->mask && i < s->npeople; i++)
		if (sq_mask_add_table(s->mask, s->people[i], &s->c.in) < 0) {
			sq_mask_free(s->mask);
			s->mask = NULL;
		}
	if (s->mask == NULL) {
		free_state(s);
		return SQ_EXIT_USAGE;
	}

	if ((s->rj = sq_rejects_open(s->c.rejects)) == NULL) {
		free_state(s);
		return SQ_EXIT_USAGE;
	}
	struct sq_reader *r = sq_reader_open(file, &s->c.in);
	if (r == NULL || (s->events_path && read_events(s) < 0)) {
		if (r)
			sq_reader_close(r);
		sq_rejects_abort(s->rj);
		free_state(s);
		return SQ_EXIT_USAGE;
	}
	sq_rejects_table(s->rj, "requests", sq_reader_rawheader(r));
	struct sq_writer *w = sq_writer_open(s->c.output, &s->c.out);
	if (w == NULL) {
		sq_reader_close(r);
		sq_rejects_abort(s->rj);
		free_state(s);
		return SQ_EXIT_USAGE;
	}
	/* --strict: a problem in the events stops before the requests */
	int stopped = s->c.strict && sq_diag_status();
	if (!stopped && read_requests(s, r, w) < 0)
		failed = 1;
	else if (s->c.strict && sq_diag_status())
		stopped = 1;
	sq_reader_close(r);

	/* stopped early, the requests not read are not unknown */
	if (!failed && !stopped)
		reject_unknown_events(s);
	long evrej = sq_rejects_table_count(s->rj, "events");

	if (failed || stopped) {
		sq_writer_abort(w);
		/* --strict keeps the rejects, as every program: they say
		   what to fix */
		if (failed)
			sq_rejects_abort(s->rj);
		else if (sq_rejects_close(s->rj) < 0)
			failed = 1;
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
	} else {
		if (sq_writer_close(w) < 0)
			failed = 1;
		if (!failed && s->queue_path && write_list(s, s->queue_path, 0) < 0)
			failed = 1;
		if (!failed && s->overdue_path &&
		    write_list(s, s->overdue_path, 1) < 0)
			failed = 1;
		if (!failed && s->topics_path && write_topics(s) < 0)
			failed = 1;
		if (sq_rejects_close(s->rj) < 0)
			failed = 1;
	}
	if (s->texts_skipped)
		sq_note("%ld texts of the day beyond --max-texts %ld were "
		    "counted but not grouped", s->texts_skipped, s->max_texts);
	if (!stopped)	/* nothing was written: no count to check */
		sq_note("%ld requests read: %ld written (%ld open, %ld "
		    "urgent, %ld overdue), %ld rejected; %ld events read: "
		    "%ld applied, %ld ignored, %ld rejected, %ld requests "
		    "unknown", s->rows, s->written, s->nopenreq, s->urgent,
		    s->overdue, s->rows - s->written, s->ev_rows, s->ev_applied,
		    s->ev_ignored, evrej, s->ev_unknown);
	free_state(s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
