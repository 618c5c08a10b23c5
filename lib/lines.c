/*
 * lines.c — a rules file's lines (see lines.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lines.h"
#include "text.h"

int
sq_lines_open(struct sq_lines *l, const char *path)
{
	memset(l, 0, sizeof(*l));
	l->path = path;
	if ((l->f = fopen(path, "r")) == NULL)
		return -1;
	return 0;
}

char *
sq_lines_next(struct sq_lines *l, size_t *len)
{
	ssize_t got;

	while (l->f && (got = getline(&l->buf, &l->cap, l->f)) != -1) {
		const char *p = l->buf;
		/* a NUL ends the line, as fgets and strlen would have it:
		   what follows could not be said as a C string anyway */
		size_t n = strnlen(p, (size_t)got);
		l->no++;
		if (l->no == 1 && sq_starts_bom(p, n)) {
			p += 3;
			n -= 3;
		}
		n = sq_trim(&p, n);
		if (n == 0 || *p == '#')
			continue;
		char *s = l->buf + (p - l->buf);
		s[n] = '\0';
		*len = n;
		return s;
	}
	return NULL;
}

void
sq_lines_close(struct sq_lines *l)
{
	if (l->f)
		fclose(l->f);
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

int
sq_lines_section(const char *p, size_t len, const char **name, size_t *nlen)
{
	if (len < 2 || p[0] != '[' || p[len - 1] != ']')
		return 0;
	*name = p + 1;
	*nlen = len - 2;
	return 1;
}

int
sq_lines_section_of(const char *p, size_t len, const char *const *names,
    int n)
{
	const char *name;
	size_t nl;

	if (!sq_lines_section(p, len, &name, &nl))
		return -1;
	for (int k = 0; k < n; k++)
		if (nl == strlen(names[k]) && memcmp(name, names[k], nl) == 0)
			return k;
	return -1;
}
