/*
 * scrub.c — personal data in what the committee wrote: masked before it is
 * published, unless --allow keeps the line.
 */
#include "report.h"

/* ---- personal data in what the committee wrote ------------------------ */

/* -A FILE:LINE, or -A LINE for the notices: that line is kept as written. */
static int
allowed(const struct report *R, const char *path, long line)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	for (size_t i = 0; i < R->nallow; i++) {
		const char *a = R->allow[i], *colon = strrchr(a, ':');
		const char *num = colon ? colon + 1 : a;
		if (strtol(num, NULL, 10) != line)
			continue;
		if (colon == NULL) {
			if (R->notices &&
			    strcmp(path, input_name(R->notices)) == 0)
				return 1;
			continue;
		}
		size_t fl = (size_t)(colon - a);
		if ((strlen(path) == fl && memcmp(path, a, fl) == 0) ||
		    (strlen(base) == fl && memcmp(base, a, fl) == 0))
			return 1;
	}
	return 0;
}

/*
 * A line of the notices or a setting, as the bulletin shows it: each name,
 * phone, ID number, plate or flat found is masked and named in a message
 * (a data problem: it was about to be published), unless --allow keeps
 * the line, which a warning says.  malloc'd.
 */
char *
scrub(struct report *R, const char *path, long line, const char *what,
    const char *s, size_t n, size_t *outlen)
{
	struct sq_mask_hit *h;
	size_t nh;
	char *out = sq_mask_text(R->mask, 0, s, n, outlen, &h, &nh);
	int keep = nh && allowed(R, path, line);

	for (size_t i = 0; i < nh; i++) {
		char pv[64];
		sq_mask_preview(s + h[i].off, h[i].len, h[i].kind, pv,
		    sizeof(pv));
		if (keep)
			sq_warn(path, line, "%s%s%s (%s) kept as written "
			    "(--allow)", what, *what ? ": " : "",
			    sq_mask_kind_name(h[i].kind), pv);
		else
			sq_problem(path, line, "%s%s%s (%s) masked in the "
			    "bulletin; remove it, or --allow %s:%ld to publish "
			    "it", what, *what ? ": " : "",
			    sq_mask_kind_name(h[i].kind), pv,
			    strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
			    line);
	}
	free(h);
	if (keep) {
		free(out);
		out = sq_xstrndup(s, n);
		if (outlen)
			*outlen = n;
	}
	return out;
}

json_t *
scrub_json(struct report *R, const char *path, long line, const char *what,
    const char *s)
{
	if (s == NULL)
		return json_string("");
	char *m = scrub(R, path, line, what, s, strlen(s), NULL);
	json_t *j = json_string(m);
	free(m);
	return j;
}

/* The roster and the volunteers (-P): their names are masked too. */
int
load_mask(struct report *R)
{
	char *path = sq_datafile(&R->c, "mask.txt");
	struct sq_reader_opts o = R->c.in;

	R->mask = sq_mask_load(path);
	free(path);
	if (R->mask == NULL)
		return -1;
	o.aliases = R->aliases;
	o.canonical = 1;
	for (size_t i = 0; i < R->npeople; i++)
		if (sq_mask_add_table(R->mask, R->people[i], &o) < 0)
			return -1;
	/* the committee's hotline is for publishing */
	if (R->hotline)
		sq_mask_keep(R->mask, R->hotline, strlen(R->hotline));
	return 0;
}
