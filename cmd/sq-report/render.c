/*
 * render.c — the bulletin through its templates (share/report/LANG), and the
 * date and missing sections it says.
 */
#include "report.h"

/* ---- rendering ------------------------------------------------------- */

struct loader {
	struct report *R;
	const char *lang;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sq_buf b;
	char tmp[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	sq_buf_init(&b);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		sq_buf_add(&b, tmp, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		sq_buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return sq_buf_take(&b);
}

/* share/report/LANG/NAME, else share/report/NAME */
static char *
load_partial(void *ctx, const char *name, char **path, char *err,
    size_t errsz)
{
	struct loader *L = ctx;
	const char *dd = sq_datadir(&L->R->c);

	if (strchr(name, '/') || name[0] == '.') {
		snprintf(err, errsz, "'%s': a template is named without a "
		    "directory", name);
		return NULL;
	}
	for (int k = 0; k < 2; k++) {
		char *p = k == 0 ? xasprintf("%s/report/%s/%s", dd, L->lang, name) :
		    xasprintf("%s/report/%s", dd, name);
		char *text = slurp(p, NULL);
		if (text) {
			*path = p;
			return text;
		}
		free(p);
	}
	snprintf(err, errsz, "no template '%s' in %s/report/%s or %s/report",
	    name, dd, L->lang, dd);
	return NULL;
}

static void
esc_html(struct sq_buf *b, const char *s, size_t n)
{
	sq_buf_html(b, s, n);
}

static void
esc_md(struct sq_buf *b, const char *s, size_t n)
{
	sq_buf_markdown(b, s, n);
}

/* The text as the reader sees it: drop control characters, keep lines. */
static void
esc_text(struct sq_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t')
			sq_buf_addc(b, (char)c);
	}
}

static size_t
chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

int
render(struct report *R, json_t *ctx, struct sq_buf *out)
{
	struct loader L = { R, R->lang };
	struct sq_tpl_env env = { NULL, "svg.", load_partial, &L };
	static const char *const tname[] = { "bulletin.txt", "bulletin.md",
	    "bulletin.html" };
	char err[1024], *path = NULL;

	env.escape = R->fmt == F_HTML ? esc_html : R->fmt == F_MARKDOWN ?
	    esc_md : esc_text;
	char *text = load_partial(&L, tname[R->fmt], &path, err, sizeof(err));
	if (text == NULL) {
		sq_error("%s", err);
		return -1;
	}
	struct sq_tpl *t = sq_tpl_parse(text, strlen(text), path, err,
	    sizeof(err));
	free(text);
	free(path);
	if (t == NULL) {
		sq_error("%s", err);
		return -1;
	}
	int rc = sq_tpl_render(t, ctx, &env, out, err, sizeof(err));
	if (rc < 0)
		sq_error("%s", err);
	else if (R->fmt == F_TEXT && chars(out->s, out->len) >
	    (size_t)R->max_chars) {
		/* too long for a group post: the short form, then cut */
		json_object_set_new(ctx, "brief", json_true());
		out->len = 0;
		rc = sq_tpl_render(t, ctx, &env, out, err, sizeof(err));
		if (rc < 0)
			sq_error("%s", err);
		size_t full = chars(out->s, out->len);
		if (rc == 0 && full > (size_t)R->max_chars) {
			const char *more = word(R, "more");
			size_t room = (size_t)R->max_chars - chars(more,
			    strlen(more)) - 1, k = 0, cut = 0;
			for (size_t i = 0; i < out->len; i++) {
				if (((unsigned char)out->s[i] & 0xc0) != 0x80)
					k++;
				if (k > room)
					break;
				if (out->s[i] == '\n' && (cut == 0 ||
				    (i > 0 && out->s[i - 1] == '\n')))
					cut = i + 1;	/* a paragraph's end */
			}
			out->len = cut;
			sq_buf_adds(out, more);
			sq_buf_addc(out, '\n');
			sq_warn(NULL, 0, "the text post had %zu characters; "
			    "cut to %zu (--max-chars %ld)", full,
			    chars(out->s, out->len), R->max_chars);
		}
	}
	sq_tpl_free(t);
	return rc;
}

/*
 * --absent SECTION=REASON: a section the day's job could not make, said
 * in the bulletin as "■ 健康打卡 / 今日未收到打卡数据" (the words
 * section_SECTION and absent_REASON of words.conf), never left to vanish.
 */
int
set_absent(struct report *R)
{
	json_t *a = json_array();

	for (size_t i = 0; i < R->nabsent; i++) {
		const char *eq = strchr(R->absent[i], '=');
		char key[96];
		snprintf(key, sizeof(key), "section_%.*s",
		    (int)(eq - R->absent[i]), R->absent[i]);
		const char *title = word(R, key);
		char why[96];
		snprintf(why, sizeof(why), "absent_%s", eq + 1);
		const char *text = word(R, why);
		if (!*title || !*text) {
			sq_error("--absent %s: the words.conf of '%s' has no %s",
			    R->absent[i], R->lang, !*title ? key : why);
			json_decref(a);
			return -1;
		}
		json_t *o = json_object();
		json_object_set_new(o, "section", json_stringn(R->absent[i],
		    (size_t)(eq - R->absent[i])));
		json_object_set_new(o, "reason", json_string(eq + 1));
		json_object_set_new(o, "title", json_string(title));
		json_object_set_new(o, "text", json_string(text));
		json_array_append_new(a, o);
	}
	if (json_array_size(a))
		json_object_set_new(R->data, "absent", a);
	else
		json_decref(a);
	return 0;
}

void
set_date(struct report *R)
{
	int days = sq_date_days(R->date);
	json_t *d = R->data;
	char *wd = sq_xstrdup(word(R, "weekdays")), *p = wd, *names[7] = { 0 };
	int k = 0;

	for (char *s; k < 7 && (s = strsep(&p, ",")) != NULL; k++)
		names[k] = s;
	json_object_set_new(d, "date", json_string(R->date));
	json_object_set_new(d, "year", json_integer(atoi(R->date)));
	json_object_set_new(d, "month", json_integer(atoi(R->date + 5)));
	json_object_set_new(d, "day", json_integer(atoi(R->date + 8)));
	int w = ((days % 7) + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */
	json_object_set_new(d, "weekday", json_string(names[w] ? names[w] : ""));
	free(wd);
}
