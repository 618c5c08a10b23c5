/*
 * output.c — the flags table, and one follow-up list per grid worker.
 */
#include "state.h"

void
labels_codes(struct labels *L)
{
	for (int k = 0; k < NSTATUS; k++)
		L->status[k] = status_names[k];
	for (int k = 0; k < NFLAGS; k++)
		L->flag[k] = flag_names[k];
	L->sep = ";";
	for (size_t i = 0; i < NOUT; i++)
		L->col[i] = out_cols[i];
}

void
labels_words(struct labels *L, const struct sq_words *W)
{
	for (int k = 0; k < NSTATUS; k++)
		L->status[k] = sq_words_label(W, "status", status_names[k]);
	for (int k = 0; k < NFLAGS; k++)
		L->flag[k] = sq_words_label(W, "vulnerable", flag_names[k]);
	L->sep = sq_words_get(W, "vulnerable.sep");
	for (size_t i = 0; i < NOUT; i++)
		L->col[i] = sq_words_label(W, "col", out_cols[i]);
}

void
put_header(struct sq_writer *w, const struct labels *L)
{
	struct sq_rec names;

	sq_rec_init(&names);
	for (size_t i = 0; i < NOUT; i++)
		sq_rec_push(&names, L->col[i], strlen(L->col[i]));
	sq_writer_header(w, &names);
	sq_rec_free(&names);
}

/* snprintf was a tenth of the output's time (see state.h) */
const char *
decimal(long n, char buf[DECIMAL_MAX], int tenths)
{
	char *p = buf + DECIMAL_MAX - 1;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	*p = '\0';
	if (tenths) {
		*--p = (char)('0' + u % 10);
		*--p = '.';
		u /= 10;
	}
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	return p;
}

void
put_row(struct state *s, struct sq_writer *w, const struct flagrow *f,
    const struct labels *L)
{
	const struct household *h = f->h;
	char mbuf[DECIMAL_MAX], pbuf[DECIMAL_MAX], tbuf[DECIMAL_MAX], vuln[400];
	const char *v[NOUT], *temp = "";
	size_t len[NOUT];

	/* the lengths as the strings are made: strlen was a fifth of this */
	vuln[0] = '\0';
	size_t vl = 0;
	if (h) {
		for (int k = 0; k < NFLAGS; k++)
			if (h->vuln >> k & 1) {
				snprintf(vuln + vl, sizeof(vuln) - vl, "%s%s",
				    vl ? L->sep : "", L->flag[k]);
				vl += strlen(vuln + vl);
			}
		if (h->temp10 != NO_TEMP)
			temp = decimal(h->temp10, tbuf, 1);
	} else if (f->temp10 != NO_TEMP)
		temp = decimal(f->temp10, tbuf, 1);
	const char *missed = decimal(f->missed, mbuf, 0);
	const char *prio = decimal((long)f->tier, pbuf, 0);
	const char *str[NSTR];
	size_t sl[NSTR];
	if (h) {
		/* the household's strings, one after another */
		const char *p = h->text;
		for (int k = 0; k < NSTR; k++) {
			str[k] = p;
			sl[k] = strlen(p);
			p += sl[k] + 1;
		}
	}
	v[0] = f->key;
	len[0] = h ? sl[S_KEY] : strlen(f->key);
	v[1] = h ? str[S_BUILDING] : f->building;
	v[2] = h ? str[S_UNIT] : f->unit;
	v[3] = h ? str[S_ROOM] : f->room;
	if (h) {
		len[1] = sl[S_BUILDING];
		len[2] = sl[S_UNIT];
		len[3] = sl[S_ROOM];
	} else
		for (int k = 1; k <= 3; k++)
			len[k] = strlen(v[k]);
	v[4] = s->names[f->grid];
	len[4] = strlen(v[4]);
	v[5] = h ? str[S_PHONE] : "";
	len[5] = h ? sl[S_PHONE] : 0;
	v[6] = L->status[h ? h->status : f->status];
	len[6] = strlen(v[6]);
	v[7] = f->reason;
	len[7] = strlen(v[7]);
	v[8] = h ? missed : "";
	len[8] = h ? (size_t)(mbuf + DECIMAL_MAX - 1 - missed) : 0;
	v[9] = vuln;
	len[9] = vl;
	v[10] = prio;
	len[10] = (size_t)(pbuf + DECIMAL_MAX - 1 - prio);
	v[11] = s->names[f->community];
	len[11] = strlen(v[11]);
	v[12] = h ? str[S_NAME] : f->name;
	len[12] = h ? sl[S_NAME] : strlen(f->name);
	v[13] = temp;
	len[13] = *temp ? (size_t)(tbuf + DECIMAL_MAX - 1 - temp) : 0;
	sq_writer_fields(w, v, len, NOUT);
}

/* A file name a person can read: the grid worker's name, made safe. */
static void
list_name(const char *grid, const char *date, const char *suffix, char *out,
    size_t outsz)
{
	char safe[128];
	size_t o = 0;

	if (*grid == '\0')
		grid = "未分配网格";
	for (const char *p = grid; *p && o + 1 < sizeof(safe); p++) {
		int bad = *p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    (o == 0 && *p == '.');
		safe[o++] = bad ? '_' : *p;
	}
	safe[o] = '\0';
	snprintf(out, outsz, "%s-待跟进-%s.%s", safe, date, suffix);
}

static int
used_name(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return 1;
	return 0;
}

int
write_split(struct state *s, struct flagrow **rows, size_t n)
{
	char path[4096], name[256];
	char **written = NULL;
	size_t nwritten = 0;

	if (sq_make_dir(s->split_dir) < 0)
		return -1;
	/* lists are for people: Chinese headers, a BOM for Excel and WPS,
	   no formula in a name or a reason */
	struct sq_writer_opts wo = sq_person_opts(&s->c);
	/* or workbooks, where phones and rooms stay text and fever is red */
	wo.format = s->split_xlsx ? SQ_OUT_XLSX : SQ_OUT_CSV;
	wo.bom = 1;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && rows[j]->grid == rows[i]->grid)
			j++;
		const char *ext = s->split_xlsx ? "xlsx" : "csv";
		list_name(s->names[rows[i]->grid], s->date, ext, name,
		    sizeof(name));
		/* two grid names that make one file name (王芳/李明 and
		   王芳_李明) get two files: -2, -3 ... on the later ones */
		for (int dup = 2; used_name(written, nwritten, name); dup++) {
			list_name(s->names[rows[i]->grid], s->date, ext, name,
			    sizeof(name));
			size_t l = strlen(name) - strlen(ext) - 1;
			snprintf(name + l, sizeof(name) - l, "-%d.%s", dup, ext);
		}
		written = sq_xrealloc(written, (nwritten + 1) * sizeof(char *));
		written[nwritten++] = sq_arena_strndup(&s->arena, name,
		    strlen(name));
		snprintf(path, sizeof(path), "%s/%s", s->split_dir, name);
		struct sq_writer *w = sq_writer_open(path, &wo);
		if (w == NULL) {
			free(written);
			return -1;
		}
		put_header(w, &s->person);
		for (size_t k = i; k < j; k++)
			if (rows[k]->tier < 10)
				put_row(s, w, rows[k], &s->person);
		if (sq_writer_close(w) < 0) {
			free(written);
			return -1;
		}
		i = j;
	}
	/* a list of an earlier run (a grid worker since renamed, yesterday's
	   date) must not stay beside today's: the set is today's alone */
	DIR *d = opendir(s->split_dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strstr(e->d_name, "-待跟进-") == NULL ||
		    used_name(written, nwritten, e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", s->split_dir, e->d_name);
		if (unlink(path) == 0)
			sq_note("%s: an earlier run's list, removed", path);
	}
	if (d)
		closedir(d);
	free(written);
	return 0;
}
