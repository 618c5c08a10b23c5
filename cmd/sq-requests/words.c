/*
 * words.c — the words and times people write: a status, an event
 * (assigned, 已派单 ...), a time 'YYYY-MM-DD HH:MM' in minutes.
 */
#include <errno.h>

#include "lines.h"
#include "requests.h"

const char *const status_names[NSTATUS] = {
	"new", "assigned", "responded", "solved", "closed", "reopened",
};

/* "YYYY-MM-DD HH:MM" (and the forms sq_date_parse/sq_time_parse read). */
long
parse_when(const char *p, size_t len, int year, const char **why)
{
	char ymd[11], hm[6];

	if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
		return NO_TIME;
	if (sq_time_parse(p, len, hm, why) != SQ_VAL_OK) {
		*why = "no time of day; write it as 2022-04-10 08:30";
		return NO_TIME;
	}
	return (long)sq_date_days(ymd) * 1440 + atoi(hm) * 60 + atoi(hm + 3);
}

void
fmt_when(long t, char out[17])
{
	char ymd[11];
	long d = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	long m = t - d * 1440;

	char buf[48];

	sq_date_from_days((int)d, ymd);
	snprintf(buf, sizeof(buf), "%s %02d:%02d", ymd, (int)(m / 60),
	    (int)(m % 60));
	snprintf(out, 17, "%.16s", buf);
}

int
year_of(long t)
{
	char out[17];

	fmt_when(t, out);
	return atoi(out);
}

int
word_is(const char *p, size_t len, const char *w)
{
	char buf[64];
	size_t n;

	if (len >= sizeof(buf))
		return 0;
	n = sq_classify_fold(p, len, buf, sizeof(buf));
	return strlen(w) == n && memcmp(buf, w, n) == 0;
}

/* the meanings of events.txt, in the order of enum event, then EV_NEW */
static const char *const meanings[] = {
	"assigned", "responded", "solved", "feedback", "closed", "reopened",
	"new",
};

static int
meaning_of(const char *p, size_t len)
{
	for (int i = 0; i < (int)(sizeof(meanings) / sizeof(meanings[0])); i++)
		if (strlen(meanings[i]) == len && memcmp(meanings[i], p, len) == 0)
			return i;
	return -1;
}

static void
add_word(struct state *s, const char *w, size_t len, int ev, size_t *cap)
{
	char buf[64];
	size_t n = sq_classify_fold(w, len, buf, sizeof(buf));

	if (s->nevwords == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		s->evwords = sq_xrealloc(s->evwords, *cap * sizeof(*s->evwords));
	}
	s->evwords[s->nevwords].word = sq_xstrndup(buf, n);
	s->evwords[s->nevwords].len = n;
	s->evwords[s->nevwords++].ev = ev;
}

/*
 * share/requests/events.txt: "MEANING: word word ...".  -1 with a message
 * naming the file and line when it cannot be read or says what it cannot.
 */
int
load_event_words(struct state *s)
{
	char *path = sq_datafile(&s->c, "requests/events.txt");
	struct sq_lines l;
	size_t cap = 0, n;
	char *p;
	int bad = 0;

	if (sq_lines_open(&l, path) < 0) {
		sq_error("%s: %s (the words for a request's status and events; "
		    "see --datadir)", path, strerror(errno));
		free(path);
		return -1;
	}
	while ((p = sq_lines_next(&l, &n)) != NULL) {
		char *colon = memchr(p, ':', n);
		size_t ml = colon ? (size_t)(colon - p) : 0;
		while (ml && (p[ml - 1] == ' ' || p[ml - 1] == '\t'))
			ml--;
		int ev = colon ? meaning_of(p, ml) : -1;
		if (ev < 0) {
			sq_problem(path, l.no, "'%.*s' is not 'MEANING: word ...' "
			    "with MEANING one of new, assigned, responded, solved, "
			    "feedback, closed, reopened", (int)(n > 40 ? 40 : n), p);
			bad = 1;
			continue;
		}
		for (char *w = colon + 1, *end = p + n; w < end;) {
			while (w < end && (*w == ' ' || *w == '\t'))
				w++;
			char *e = w;
			while (e < end && *e != ' ' && *e != '\t')
				e++;
			if (e - w >= 64) {
				sq_problem(path, l.no, "'%.*s' is too long for a "
				    "status word", (int)(e - w), w);
				bad = 1;
			} else if (e > w)
				add_word(s, w, (size_t)(e - w), ev, &cap);
			w = e;
		}
	}
	sq_lines_close(&l);
	free(path);
	return bad ? -1 : 0;
}

/* the meaning of a whole cell, folded: an event, EV_NEW, or -1 */
static int
meaning_of_cell(const struct state *s, const char *p, size_t len)
{
	char buf[64];
	size_t n;

	if (len >= sizeof(buf))
		return -1;
	n = sq_classify_fold(p, len, buf, sizeof(buf));
	for (size_t i = 0; i < s->nevwords; i++)
		if (s->evwords[i].len == n && memcmp(s->evwords[i].word, buf,
		    n) == 0)
			return s->evwords[i].ev;
	return -1;
}

int
event_of(const struct state *s, const char *p, size_t len)
{
	int ev = meaning_of_cell(s, p, len);

	return ev == EV_NEW ? -1 : ev;
}

int
is_new_word(const struct state *s, const char *p, size_t len)
{
	return meaning_of_cell(s, p, len) == EV_NEW;
}

long
now_default(void)
{
	char ymd[11];
	int minute;
	int days = sq_date_today(ymd, &minute);

	return (long)days * 1440 + minute;
}
