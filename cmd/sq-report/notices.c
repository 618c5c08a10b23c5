/*
 * notices.c — the committee's notices and answers.
 */
#include "report.h"

/* "notice: ...", "q: ...", "a: ..." (or 通知/公告, 问, 答), continued by
   indented lines; '#' comments (lib/notices.c).  Each line is scrubbed
   before it is parsed. */
int
load_notices(struct report *R, const char *file)
{
	const char *path = input_name(file);
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	struct sq_buf b;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long no = 0;

	if (f == NULL) {
		sq_error("%s: %s", path, strerror(errno));
		return -1;
	}
	sq_buf_init(&b);
	while ((got = getline(&line, &cap, f)) != -1) {
		size_t n = (size_t)got, ml;
		no++;
		if (line[0] == '#' || n == 0) {
			sq_buf_add(&b, line, n);
			continue;
		}
		int nl = line[n - 1] == '\n';
		char *m = scrub(R, path, no, "", line, n - nl, &ml);
		sq_buf_add(&b, m, ml);
		if (nl)
			sq_buf_addc(&b, '\n');
		free(m);
	}
	int err = ferror(f);
	free(line);
	if (f != stdin)
		fclose(f);
	if (err) {
		sq_error("%s: read error", path);
		sq_buf_free(&b);
		return -1;
	}
	json_t *o = sq_notices_parse(path, b.s ? b.s : "", b.len, NULL, NULL);
	sq_buf_free(&b);

	if (o == NULL)
		return -1;
	json_object_set(R->data, "notices", json_object_get(o, "notices"));
	json_object_set(R->data, "faq", json_object_get(o, "faq"));
	json_decref(o);
	return 0;
}
