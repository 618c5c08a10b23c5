/*
 * nbayes.c — see nbayes.h.  Features are interned in a string table; the
 * counts are a dense table, a row a feature and a column a class (of every
 * task, one after another).  A loaded model goes through the same
 * finishing step as a trained one, so both predict the same to the bit.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "nbayes.h"
#include "strtab.h"
#include "text.h"

#define NGRAM_MAX	3
#define NTASK_MAX	8

struct task {
	char	*name;
	char	**cls;
	long	*docs;
	size_t	 ncls, col;	/* col: its first column */
};

struct sq_nbayes {
	struct task task[NTASK_MAX];
	size_t	 ntasks, ncol;
	double	 alpha;
	long	 mindf, ndocs;
	struct sq_strtab feat;		/* id 0 is "", never a feature */
	uint32_t *count;		/* feat.n rows of ncol */
	size_t	 rows;			/* allocated */
	int	 finished;
	unsigned char *kept;
	double	*logp;			/* feat.n rows of ncol */
	double	*prior;			/* ncol */
	size_t	 nkept;
	/* the linear model (sq_nbayes_linear): weights in place of logp,
	   biases in place of prior; the texts kept for training */
	int	 epochs;
	double	 rate;
	uint32_t **doc;			/* each text's feature ids */
	size_t	*docn, *docpos, *doccls; /* ndocs; doccls NTASK_MAX a text */
	int	 linear;		/* logp and prior are weights */
	size_t	 docap;
};

struct sq_nbayes *
sq_nbayes_new(size_t ntasks, const char *const *tasks, double alpha,
    long mindf)
{
	struct sq_nbayes *m = sq_xcalloc(1, sizeof(*m));

	if (ntasks > NTASK_MAX)
		ntasks = NTASK_MAX;
	for (size_t t = 0; t < ntasks; t++)
		m->task[t].name = sq_xstrdup(tasks[t]);
	m->ntasks = ntasks;
	m->alpha = alpha;
	m->mindf = mindf;
	sq_strtab_init(&m->feat);
	return m;
}

void
sq_nbayes_free(struct sq_nbayes *m)
{
	if (m == NULL)
		return;
	for (size_t t = 0; t < m->ntasks; t++) {
		for (size_t c = 0; c < m->task[t].ncls; c++)
			free(m->task[t].cls[c]);
		free(m->task[t].cls);
		free(m->task[t].docs);
		free(m->task[t].name);
	}
	sq_strtab_free(&m->feat);
	free(m->count);
	free(m->kept);
	free(m->logp);
	free(m->prior);
	for (long d = 0; m->doc && d < m->ndocs; d++)
		free(m->doc[d]);
	free(m->doc);
	free(m->docn);
	free(m->docpos);
	free(m->doccls);
	free(m);
}

void
sq_nbayes_linear(struct sq_nbayes *m, int epochs, double rate)
{
	m->epochs = epochs;
	m->rate = rate;
}

/* Make room for one more column after task t's classes. */
static void
add_column(struct sq_nbayes *m, size_t t)
{
	size_t at = m->task[t].col + m->task[t].ncls, nc = m->ncol + 1;
	uint32_t *c = sq_xcalloc(m->rows ? m->rows : 1, nc * sizeof(*c));

	for (size_t r = 0; r < m->rows; r++)
		for (size_t k = 0, o = 0; k < nc; k++)
			c[r * nc + k] = k == at ? 0 : m->count[r * m->ncol + o++];
	free(m->count);
	m->count = c;
	m->ncol = nc;
	for (size_t u = t + 1; u < m->ntasks; u++)
		m->task[u].col++;
}

size_t
sq_nbayes_class(struct sq_nbayes *m, size_t t, const char *name)
{
	struct task *k = &m->task[t];

	for (size_t c = 0; c < k->ncls; c++)
		if (strcmp(k->cls[c], name) == 0)
			return c;
	add_column(m, t);
	k->cls = sq_xrealloc(k->cls, (k->ncls + 1) * sizeof(*k->cls));
	k->docs = sq_xrealloc(k->docs, (k->ncls + 1) * sizeof(*k->docs));
	k->cls[k->ncls] = sq_xstrdup(name);
	k->docs[k->ncls] = 0;
	return k->ncls++;
}

/* ---- features --------------------------------------------------------- */

static int
boundary_cp(int cp)
{
	if (cp < 0)
		return 1;
	if (cp < 0x80)
		return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'));
	return cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF65) || cp >= 0x1F000;
}

/*
 * The text as units (a character, a run of digits as "0", a boundary " "),
 * into u with the start of each unit in off[]; returns the units.  off
 * needs len + 3 places.
 */
static size_t
units(const char *text, size_t len, char *u, size_t *off)
{
	size_t nu = 0, o = 0, i = 0;
	int last = 0;		/* 1 boundary, 2 digits, 0 other */

	off[nu++] = o;
	u[o++] = ' ';
	last = 1;
	while (i < len) {
		size_t at = i;
		int cp = sq_utf8_next((const unsigned char *)text, len, &i);
		if (cp >= '0' && cp <= '9') {
			if (last != 2) {
				off[nu++] = o;
				u[o++] = '0';
			}
			last = 2;
		} else if (boundary_cp(cp)) {
			if (last != 1) {
				off[nu++] = o;
				u[o++] = ' ';
			}
			last = 1;
		} else {
			off[nu++] = o;
			for (size_t k = at; k < i; k++)
				u[o++] = (char)(text[k] >= 'A' && text[k] <= 'Z' ?
				    text[k] + 32 : text[k]);
			last = 0;
		}
	}
	if (last != 1) {
		off[nu++] = o;
		u[o++] = ' ';
	}
	off[nu] = o;
	return nu;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/*
 * The distinct features of a text as ids of m->feat, sorted, into *ids
 * (malloc'd); with add, new features are interned, else unknown ones are
 * left out.
 */
static size_t
features(struct sq_nbayes *m, const char *text, size_t len, int add,
    uint32_t **ids, size_t *npos)
{
	char *u = sq_xmalloc(len + 3);
	size_t *off = sq_xmalloc((len + 3) * sizeof(*off));
	size_t nu = units(text, len, u, off), nf = 0;

	*npos = 0;
	uint32_t *f = sq_xmalloc((NGRAM_MAX * nu + 1) * sizeof(*f));

	for (size_t k = 0; k < nu; k++)
		for (size_t n = 1; n <= NGRAM_MAX && k + n <= nu; n++) {
			const char *s = u + off[k];
			size_t sl = off[k + n] - off[k];
			if (n == 1 && s[0] == ' ')
				continue;
			(*npos)++;
			if (add) {
				f[nf++] = sq_strtab_id(&m->feat, s, sl);
				continue;
			}
			long id = sq_strtab_find(&m->feat, s, sl);
			if (id > 0 && m->kept[id])
				f[nf++] = (uint32_t)id;
		}
	free(u);
	free(off);
	qsort(f, nf, sizeof(*f), cmp_u32);
	size_t w = 0;
	for (size_t i = 0; i < nf; i++)
		if (w == 0 || f[w - 1] != f[i])
			f[w++] = f[i];
	*ids = f;
	return w;
}

void
sq_nbayes_add(struct sq_nbayes *m, const char *text, size_t len,
    const size_t *cls)
{
	uint32_t *ids;
	size_t npos, n = features(m, text, len, 1, &ids, &npos);

	if (m->feat.n > m->rows) {
		size_t r = m->rows ? m->rows : 1024;
		while (r < m->feat.n)
			r *= 2;
		m->count = sq_xrealloc(m->count, r * (m->ncol ? m->ncol : 1) *
		    sizeof(*m->count));
		memset(m->count + m->rows * m->ncol, 0, (r - m->rows) *
		    m->ncol * sizeof(*m->count));
		m->rows = r;
	}
	for (size_t t = 0; t < m->ntasks; t++) {
		size_t col = m->task[t].col + cls[t];
		m->task[t].docs[cls[t]]++;
		for (size_t i = 0; i < n; i++)
			m->count[(size_t)ids[i] * m->ncol + col]++;
	}
	if (m->epochs > 0) {
		if ((size_t)m->ndocs == m->docap) {
			m->docap = m->docap ? 2 * m->docap : 256;
			m->doc = sq_xrealloc(m->doc, m->docap * sizeof(*m->doc));
			m->docn = sq_xrealloc(m->docn, m->docap * sizeof(*m->docn));
			m->docpos = sq_xrealloc(m->docpos, m->docap *
			    sizeof(*m->docpos));
			m->doccls = sq_xrealloc(m->doccls, m->docap * NTASK_MAX *
			    sizeof(*m->doccls));
		}
		m->doc[m->ndocs] = ids;
		m->docn[m->ndocs] = n;
		m->docpos[m->ndocs] = npos;
		for (size_t t = 0; t < m->ntasks; t++)
			m->doccls[(size_t)m->ndocs * NTASK_MAX + t] = cls[t];
		m->ndocs++;
		return;
	}
	m->ndocs++;
	free(ids);
}

/* ---- the probabilities ------------------------------------------------ */

static void
compute(struct sq_nbayes *m)
{
	size_t nf = m->feat.n, nc = m->ncol;

	m->kept = sq_xcalloc(nf ? nf : 1, 1);
	m->nkept = 0;
	for (size_t f = 1; f < nf; f++) {
		long df = 0;
		/* every text has one class of task 0: its columns sum to df */
		for (size_t c = 0; m->ntasks && c < m->task[0].ncls; c++)
			df += m->count[f * nc + m->task[0].col + c];
		if (df >= m->mindf) {
			m->kept[f] = 1;
			m->nkept++;
		}
	}
	double *total = sq_xcalloc(nc ? nc : 1, sizeof(double));
	for (size_t f = 1; f < nf; f++)
		if (m->kept[f])
			for (size_t c = 0; c < nc; c++)
				total[c] += m->count[f * nc + c];
	m->logp = sq_xcalloc((nf ? nf : 1) * (nc ? nc : 1), sizeof(double));
	m->prior = sq_xcalloc(nc ? nc : 1, sizeof(double));
	double a = m->alpha, v = (double)m->nkept;
	for (size_t t = 0; t < m->ntasks; t++) {
		const struct task *k = &m->task[t];
		for (size_t c = 0; c < k->ncls; c++) {
			size_t col = k->col + c;
			double den = log(total[col] + a * v);
			m->prior[col] = log(((double)k->docs[c] + a) /
			    ((double)m->ndocs + a * (double)k->ncls));
			for (size_t f = 1; f < nf; f++)
				if (m->kept[f])
					m->logp[f * nc + col] =
					    log((double)m->count[f * nc + col] + a)
					    - den;
		}
	}
	free(total);
	m->finished = 1;
}

/*
 * The linear model: multinomial logistic regression a task, by stochastic
 * gradient ascent of the log-likelihood, rate fixed, the weights averaged
 * over every step (which regularizes, and makes the result depend little
 * on the order).  A text's features are worth 1/sqrt(its n-grams).  The
 * order of the texts is the order they were added, shuffled each epoch by
 * a fixed generator: the same texts in the same order, the same weights;
 * the weights are rounded to 1/LIN_SCALE, as the file keeps them.
 */
#define LIN_SCALE	1000.0

static double
lin_x(size_t npos)
{
	return npos ? 1 / sqrt((double)npos) : 1;
}

static double
quantize(double v)
{
	return (double)lround(v * LIN_SCALE) / LIN_SCALE;
}

static void
train_linear(struct sq_nbayes *m)
{
	size_t nf = m->feat.n ? m->feat.n : 1, nc = m->ncol ? m->ncol : 1;
	size_t nd = (size_t)m->ndocs;
	double *w = sq_xcalloc(nf * nc, sizeof(double));
	double *u = sq_xcalloc(nf * nc, sizeof(double));
	double *b = sq_xcalloc(nc, sizeof(double)), *ub = sq_xcalloc(nc,
	    sizeof(double)), *p = sq_xcalloc(nc, sizeof(double));
	size_t *order = sq_xmalloc((nd ? nd : 1) * sizeof(*order));
	uint32_t st = 20220410u;
	double step = 1;

	for (size_t d = 0; d < nd; d++) {
		size_t n = 0;
		for (size_t i = 0; i < m->docn[d]; i++)
			if (m->kept[m->doc[d][i]])
				m->doc[d][n++] = m->doc[d][i];
		m->docn[d] = n;	/* the features that are learnt */
		order[d] = d;
	}
	for (int e = 0; e < m->epochs; e++) {
		for (size_t j = nd; j > 1; j--) {
			st = st * 1103515245u + 12345u;
			size_t r = (size_t)((st >> 8) % j), x = order[j - 1];
			order[j - 1] = order[r];
			order[r] = x;
		}
		for (size_t j = 0; j < nd; j++, step++) {
			size_t d = order[j];
			const uint32_t *f = m->doc[d];
			double x = lin_x(m->docpos[d]);
			for (size_t t = 0; t < m->ntasks; t++) {
				const struct task *k = &m->task[t];
				double mx = -1e300, z = 0;
				for (size_t c = 0; c < k->ncls; c++) {
					size_t col = k->col + c;
					double v = 0;
					for (size_t i = 0; i < m->docn[d]; i++)
						v += w[(size_t)f[i] * nc + col];
					p[c] = b[col] + x * v;
					if (p[c] > mx)
						mx = p[c];
				}
				for (size_t c = 0; c < k->ncls; c++)
					z += p[c] = exp(p[c] - mx);
				size_t y = m->doccls[d * NTASK_MAX + t];
				for (size_t c = 0; c < k->ncls; c++) {
					size_t col = k->col + c;
					double g = m->rate * ((c == y) - p[c] / z);
					b[col] += g;
					ub[col] += step * g;
					for (size_t i = 0; i < m->docn[d]; i++) {
						size_t o = (size_t)f[i] * nc + col;
						w[o] += g * x;
						u[o] += step * g * x;
					}
				}
			}
		}
	}
	/* the average of the weights over the steps, as the file keeps it */
	m->nkept = 0;
	for (size_t f = 1; f < m->feat.n; f++) {
		int any = 0;
		for (size_t c = 0; c < m->ncol; c++) {
			size_t o = f * nc + c;
			m->logp[o] = m->kept[f] ? quantize(w[o] - u[o] / step) : 0;
			any |= m->logp[o] != 0;
		}
		m->kept[f] = (unsigned char)any;
		m->nkept += (size_t)any;
	}
	for (size_t c = 0; c < m->ncol; c++)
		m->prior[c] = quantize(b[c] - ub[c] / step);
	m->linear = 1;
	free(w);
	free(u);
	free(b);
	free(ub);
	free(p);
	free(order);
}

void
sq_nbayes_finish(struct sq_nbayes *m)
{
	if (!m->finished) {
		compute(m);
		if (m->epochs > 0)
			train_linear(m);
	}
}

size_t
sq_nbayes_predict(const struct sq_nbayes *m, size_t t, const char *text,
    size_t len, double *post)
{
	const struct task *k = &m->task[t];
	uint32_t *ids;
	size_t npos, n = features((struct sq_nbayes *)m, text, len, 0, &ids,
	    &npos);
	double *s = sq_xcalloc(k->ncls ? k->ncls : 1, sizeof(double));
	size_t best = 0;
	double x = m->linear ? lin_x(npos) : 1;

	for (size_t c = 0; c < k->ncls; c++) {
		size_t col = k->col + c;
		double v = 0;
		for (size_t i = 0; i < n; i++)
			v += m->logp[(size_t)ids[i] * m->ncol + col];
		s[c] = v = m->prior[col] + x * v;
		if (v > s[best])
			best = c;
	}
	if (post) {
		/* n features are not n independent votes: naive Bayes is
		   tempered by sqrt(n), else every posterior is 1.00 and no
		   confidence means much; the linear model's are its own */
		double z = 0, temp = n > 1 && !m->linear ? sqrt((double)n) : 1;
		for (size_t c = 0; c < k->ncls; c++)
			z += post[c] = exp((s[c] - s[best]) / temp);
		for (size_t c = 0; c < k->ncls; c++)
			post[c] /= z;
	}
	free(s);
	free(ids);
	return best;
}

/* ---- the file --------------------------------------------------------- */

static const struct sq_nbayes *sort_model;

static int
by_text(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct sq_strtab *t = &sort_model->feat;
	size_t lx = t->len[x], ly = t->len[y];
	int c = memcmp(t->s[x], t->s[y], lx < ly ? lx : ly);

	return c ? c : (lx > ly) - (lx < ly);
}

int
sq_nbayes_write(const struct sq_nbayes *m, FILE *out)
{
	fprintf(out, "shequ-nbayes 1\nngrams 1 %d\nalpha %.6g\nmindf %ld\n",
	    NGRAM_MAX, m->alpha, m->mindf);
	if (m->linear)
		fprintf(out, "linear %d %.6g %.0f\n", m->epochs, m->rate,
		    LIN_SCALE);
	for (size_t t = 0; t < m->ntasks; t++) {
		const struct task *k = &m->task[t];
		fprintf(out, "task %s", k->name);
		for (size_t c = 0; c < k->ncls; c++)
			fprintf(out, " %s", k->cls[c]);
		fprintf(out, "\ndocs %s", k->name);
		for (size_t c = 0; c < k->ncls; c++)
			fprintf(out, " %ld", k->docs[c]);
		fputc('\n', out);
	}
	if (m->linear) {
		fputs("bias\t", out);
		for (size_t c = 0; c < m->ncol; c++)
			fprintf(out, c ? " %ld" : "%ld",
			    lround(m->prior[c] * LIN_SCALE));
		fputc('\n', out);
	}
	uint32_t *ids = sq_xmalloc((m->nkept + 1) * sizeof(*ids));
	size_t n = 0;
	for (size_t f = 1; f < m->feat.n; f++)
		if (m->kept[f])
			ids[n++] = (uint32_t)f;
	sort_model = m;
	qsort(ids, n, sizeof(*ids), by_text);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%s\t%s\t", m->linear ? "w" : "f",
		    m->feat.s[ids[i]]);
		for (size_t c = 0; c < m->ncol; c++)
			if (m->linear)
				fprintf(out, c ? " %ld" : "%ld", lround(m->logp[
				    (size_t)ids[i] * m->ncol + c] * LIN_SCALE));
			else
				fprintf(out, c ? " %u" : "%u",
				    m->count[(size_t)ids[i] * m->ncol + c]);
		fputc('\n', out);
	}
	free(ids);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* Split s at single spaces into at most max words; the count. */
static size_t
words(char *s, char **w, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		w[n++] = s;
		char *sp = strchr(s, ' ');
		if (sp == NULL)
			break;
		*sp = '\0';
		s = sp + 1;
	}
	return n;
}

/* The counts a class of p, signed thousandths, into v[ncol]; NULL or why. */
static const char *
weights(const struct sq_nbayes *m, const char *p, double *v)
{
	for (size_t c = 0; c < m->ncol; c++) {
		char *end;
		errno = 0;
		long x = strtol(p, &end, 10);
		if (end == p || errno || (*end != ' ' && *end != '\0') ||
		    (*end == '\0' && c + 1 < m->ncol))
			return "a weight line needs one integer a class";
		v[c] = (double)x / LIN_SCALE;
		p = *end ? end + 1 : end;
	}
	return *p ? "more weights than classes" : NULL;
}

/* A "bias" or "w" line of a linear model; NULL, or what is wrong. */
static const char *
linear_line(struct sq_nbayes *m, char *line)
{
	if (m->ncol == 0)
		return "weights before any task";
	if (line[0] == 'b') {
		if (m->prior == NULL)
			m->prior = sq_xcalloc(m->ncol, sizeof(double));
		return weights(m, line + 5, m->prior);
	}
	char *tab = strchr(line + 2, '\t');
	if (tab == NULL || tab == line + 2)
		return "a weight line is w, TAB, the n-gram, TAB, the weights";
	uint32_t id = sq_strtab_id(&m->feat, line + 2, (size_t)(tab - line - 2));
	if (id + 1 < m->feat.n || id == 0)
		return "a feature given twice";
	if (m->feat.n > m->rows) {
		size_t r = m->rows ? 2 * m->rows : 4096;
		m->logp = sq_xrealloc(m->logp, r * m->ncol * sizeof(*m->logp));
		memset(m->logp + m->rows * m->ncol, 0, (r - m->rows) * m->ncol *
		    sizeof(*m->logp));
		m->rows = r;
	}
	return weights(m, tab + 1, m->logp + (size_t)id * m->ncol);
}

struct sq_nbayes *
sq_nbayes_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		sq_error("%s: cannot read the model: %s (make it with "
		    "sq-train, see sq-requests(1))", path, strerror(errno));
		return NULL;
	}
	struct sq_nbayes *m = sq_nbayes_new(0, NULL, 0.1, 1);
	char *line = NULL, *w[256];
	size_t cap = 0;
	long lineno = 0;
	const char *why = NULL;
	ssize_t got;
	int header = 0;

	while (why == NULL && (got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		if (lineno == 1) {
			if (strcmp(line, "shequ-nbayes 1") != 0)
				why = "not a shequ-nbayes 1 model";
			header = 1;
			continue;
		}
		if (m->linear && (strncmp(line, "w\t", 2) == 0 ||
		    strncmp(line, "bias\t", 5) == 0)) {
			why = linear_line(m, line);
			continue;
		}
		if (strncmp(line, "f\t", 2) == 0) {
			char *tab = strchr(line + 2, '\t');
			if (tab == NULL || tab == line + 2) {
				why = "a feature line is f, TAB, the n-gram, "
				    "TAB, the counts";
				break;
			}
			if (m->ncol == 0) {
				why = "a feature before any task";
				break;
			}
			uint32_t id = sq_strtab_id(&m->feat, line + 2,
			    (size_t)(tab - line - 2));
			if (id + 1 < m->feat.n || id == 0) {
				why = "a feature given twice";
				break;
			}
			if (m->feat.n > m->rows) {
				size_t r = m->rows ? 2 * m->rows : 4096;
				m->count = sq_xrealloc(m->count, r * m->ncol *
				    sizeof(*m->count));
				memset(m->count + m->rows * m->ncol, 0,
				    (r - m->rows) * m->ncol * sizeof(*m->count));
				m->rows = r;
			}
			char *p = tab + 1;
			for (size_t c = 0; c < m->ncol && why == NULL; c++) {
				char *end;
				errno = 0;
				unsigned long v = strtoul(p, &end, 10);
				if (end == p || errno || v > UINT32_MAX ||
				    (*end != ' ' && *end != '\0') ||
				    (*end == '\0' && c + 1 < m->ncol))
					why = "a feature needs one count a class";
				m->count[(size_t)id * m->ncol + c] = (uint32_t)v;
				p = *end ? end + 1 : end;
			}
			if (why == NULL && *p)
				why = "more counts than classes";
			continue;
		}
		size_t n = words(line, w, 256);
		if (n == 0 || line[0] == '#')
			continue;
		if (strcmp(w[0], "ngrams") == 0) {
			if (n != 3 || strcmp(w[1], "1") != 0 ||
			    atoi(w[2]) != NGRAM_MAX)
				why = "this build reads n-grams of 1 to 3";
		} else if (strcmp(w[0], "alpha") == 0 && n == 2) {
			m->alpha = strtod(w[1], NULL);
			if (!(m->alpha > 0 && m->alpha <= 100))
				why = "alpha is a number above 0";
		} else if (strcmp(w[0], "mindf") == 0 && n == 2) {
			m->mindf = atol(w[1]);
		} else if (strcmp(w[0], "linear") == 0 && n == 4) {
			m->linear = 1;
			m->epochs = atoi(w[1]);
			m->rate = strtod(w[2], NULL);
			if (strtod(w[3], NULL) != LIN_SCALE)
				why = "this build reads weights in thousandths";
		} else if (strcmp(w[0], "task") == 0 && n >= 3) {
			if (m->feat.n > 1 || m->ntasks == NTASK_MAX) {
				why = "tasks come before the features, 8 at most";
				break;
			}
			m->task[m->ntasks].name = sq_xstrdup(w[1]);
			m->task[m->ntasks].col = m->ncol;
			m->ntasks++;
			for (size_t c = 2; c < n; c++)
				sq_nbayes_class(m, m->ntasks - 1, w[c]);
		} else if (strcmp(w[0], "docs") == 0 && n >= 2) {
			long t = sq_nbayes_task(m, w[1]);
			if (t < 0 || n - 2 != m->task[t].ncls) {
				why = "docs names a task and gives a count a class";
				break;
			}
			long sum = 0;
			for (size_t c = 2; c < n; c++)
				sum += m->task[t].docs[c - 2] = atol(w[c]);
			m->ndocs = sum;
		} else
			why = "unknown line (expected ngrams, alpha, mindf, "
			    "task, docs or f)";
	}
	free(line);
	if (why == NULL && ferror(f))
		why = strerror(errno);
	fclose(f);
	if (why == NULL && (!header || m->ntasks == 0))
		why = "no task: is this a model written by sq-train?";
	if (why) {
		sq_error("%s:%ld: %s", path, lineno, why);
		sq_nbayes_free(m);
		return NULL;
	}
	m->mindf = 1;		/* what was written was kept */
	if (m->linear) {
		m->kept = sq_xmalloc(m->feat.n);
		memset(m->kept, 1, m->feat.n);
		m->kept[0] = 0;
		m->nkept = m->feat.n - 1;
		if (m->logp == NULL)
			m->logp = sq_xcalloc(m->ncol ? m->ncol : 1,
			    sizeof(double));
		if (m->prior == NULL)
			m->prior = sq_xcalloc(m->ncol ? m->ncol : 1,
			    sizeof(double));
		m->finished = 1;
	} else
		compute(m);
	return m;
}

size_t
sq_nbayes_ntasks(const struct sq_nbayes *m)
{
	return m->ntasks;
}

long
sq_nbayes_task(const struct sq_nbayes *m, const char *name)
{
	for (size_t t = 0; t < m->ntasks; t++)
		if (strcmp(m->task[t].name, name) == 0)
			return (long)t;
	return -1;
}

size_t
sq_nbayes_nclasses(const struct sq_nbayes *m, size_t t)
{
	return m->task[t].ncls;
}

const char *
sq_nbayes_classname(const struct sq_nbayes *m, size_t t, size_t i)
{
	return m->task[t].cls[i];
}

long
sq_nbayes_find(const struct sq_nbayes *m, size_t t, const char *name)
{
	for (size_t c = 0; c < m->task[t].ncls; c++)
		if (strcmp(m->task[t].cls[c], name) == 0)
			return (long)c;
	return -1;
}

size_t
sq_nbayes_nfeatures(const struct sq_nbayes *m)
{
	return m->nkept;
}
