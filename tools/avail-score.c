/*
 * avail-score — how much of gen-avail's output match/avail reads right.
 *
 *   avail-score [-v] [-k] SHIFTS [FILE]
 *	Reads text,kind,truth rows (gen-avail), parses each text as sq-match
 *	does (the named shifts of SHIFTS, dates in 2022), expands it over the
 *	reference week 2022-04-11..17 and compares with the truth.  Prints
 *	one line:
 *	    avail: N texts: R read right, W read wrong, F refused; of the M
 *	    that give no time, X refused, Y read
 *	(-k: a line per kind first; -v: every text not read right, with what
 *	was read).  Exit 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "avail.h"
#include "diag.h"
#include "opts.h"
#include "reader.h"
#include "shifts.h"
#include "text.h"
#include "value.h"

struct kind {
	char	*name;
	long	 n, right, wrong, refused;
};

static struct kind *kinds;
static size_t nkinds;

static struct kind *
kind_get(const char *name)
{
	for (size_t i = 0; i < nkinds; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	kinds = sq_xrealloc(kinds, (nkinds + 1) * sizeof(*kinds));
	memset(&kinds[nkinds], 0, sizeof(*kinds));
	kinds[nkinds].name = sq_xstrdup(name);
	return &kinds[nkinds++];
}

int
main(int argc, char **argv)
{
	int verbose = 0, per_kind = 0, ch;
	struct sq_shifts S = { NULL, 0, NULL, 0 };

	sq_start(argc, argv);
	while ((ch = getopt(argc, argv, "vk")) != -1)
		switch (ch) {
		case 'v': verbose = 1; break;
		case 'k': per_kind = 1; break;
		default:
			fprintf(stderr, "usage: avail-score [-v] [-k] SHIFTS "
			    "[FILE]\n");
			return 2;
		}
	argc -= optind;
	argv += optind;
	if (argc < 1 || sq_shifts_load(&S, argv[0]) < 0)
		return 2;
	/* the period words beside the shifts: share/match/periods.conf */
	char *pp = sq_xstrdup(argv[0]), *slash = strrchr(pp, '/');
	char *ppath = sq_xmalloc(strlen(pp) + 16);
	if (slash)
		slash[1] = '\0';
	sprintf(ppath, "%s%s", slash ? pp : "", "periods.conf");
	int pr = sq_periods_load(&S, ppath);
	free(pp);
	free(ppath);
	if (pr < 0)
		return 2;
	struct sq_reader_opts ro;
	memset(&ro, 0, sizeof(ro));
	struct sq_reader *r = sq_reader_open(argc > 1 ? argv[1] : "-", &ro);
	if (r == NULL)
		return 2;
	long ct = sq_reader_col(r, "text"), ck = sq_reader_col(r, "kind"),
	    cu = sq_reader_col(r, "truth");
	long d0 = sq_date_days("2022-04-11");
	long n = 0, right = 0, wrong = 0, refused = 0, none = 0, none_ok = 0;
	struct sq_rec rec;
	char got[16384];

	sq_rec_init(&rec);
	while (sq_reader_next(r, &rec) > 0) {
		size_t tl, kl, ul;
		const char *t = sq_rec_cell(&rec, ct, &tl);
		const char *k = sq_rec_cell(&rec, ck, &kl);
		const char *u = sq_rec_cell(&rec, cu, &ul);
		char *folded = sq_fold_lower(t, tl), *kn = sq_xstrndup(k, kl);
		struct sq_avail a = { NULL, 0 };
		size_t bad;
		const char *why;
		int rc = sq_avail_parse(folded, 2022, &S, &a, &bad, &why);
		int no_time = ul == 6 && memcmp(u, "refuse", 6) == 0;

		got[0] = '\0';
		if (rc == 0 && a.n > 0) {
			long *w;
			size_t m = sq_avail_expand(&a, d0, d0 + 6, &w), o = 0;
			for (size_t i = 0; i < m && o < sizeof(got); i++)
				o += (size_t)snprintf(got + o, sizeof(got) - o,
				    "%s%ld-%ld", i ? " " : "", w[2 * i] -
				    d0 * SQ_DAYMIN, w[2 * i + 1] - d0 * SQ_DAYMIN);
			free(w);
		}
		int read = rc == 0 && a.n > 0;
		if (no_time) {
			none++;
			none_ok += !read;
			if (read && verbose)
				printf("ACCEPTED\t%s\t%s\n", folded, got);
		} else {
			struct kind *K = per_kind ? kind_get(kn) : NULL;
			n++;
			if (K)
				K->n++;
			if (!read) {
				refused++;
				if (K)
					K->refused++;
				if (verbose)
					printf("REFUSED\t%s\t%s\t%s\n", kn,
					    folded, rc < 0 ? why : "no time");
			} else if (strlen(got) == ul && memcmp(got, u, ul) == 0) {
				right++;
				if (K)
					K->right++;
			} else {
				wrong++;
				if (K)
					K->wrong++;
				if (verbose)
					printf("WRONG\t%s\t%s\tgot %s\twant %.*s\n",
					    kn, folded, got, (int)ul, u);
			}
		}
		sq_avail_free(&a);
		free(folded);
		free(kn);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	for (size_t i = 0; i < nkinds; i++) {
		printf("kind %-28s %5ld: %5ld right, %4ld wrong, %4ld refused\n",
		    kinds[i].name, kinds[i].n, kinds[i].right, kinds[i].wrong,
		    kinds[i].refused);
		free(kinds[i].name);
	}
	free(kinds);
	printf("avail: %ld texts: %ld read right (%.1f%%), %ld read wrong "
	    "(%.1f%%), %ld refused; of the %ld that give no time, %ld "
	    "refused, %ld read\n", n, right, n ? 100.0 * right / n : 0, wrong,
	    n ? 100.0 * wrong / n : 0, refused, none, none_ok, none - none_ok);
	sq_shifts_free(&S);
	return 0;
}
