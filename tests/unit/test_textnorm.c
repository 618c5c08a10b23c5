/*
 * test_textnorm.c — the request normalization (rules/textnorm.c) and the
 * naive Bayes engine (rules/nbayes.c): tables, whole-word pinyin, the
 * longest form first, all-or-nothing loads, and a model that is the same
 * bytes after a write and a load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nbayes.h"
#include "textnorm.h"
#include "unit.h"

static char got[1024];

static const char *
norm(const struct sq_textnorm *t, const char *s)
{
	size_t n;
	char *o = sq_textnorm(t, s, strlen(s), &n);

	snprintf(got, sizeof(got), "%s", o);
	free(o);
	return got;
}

int
main(void)
{
	if (unit_scratch("test_textnorm") == NULL)
		return 2;
	struct sq_textnorm *t = sq_textnorm_new();
	CHECK(sq_textnorm_load_chars(t, unit_file("s.txt", "# c\n藥醫 药医\n幾點 几点\n")) == 0);
	CHECK(sq_textnorm_load_words(t, unit_file("w.txt", "核算 核酸\nhs 核酸\n核酸ma 核酸码\n")) == 0);
	CHECK_STR(norm(t, "藥店  幾點"), "药店 几点");
	CHECK_STR(norm(t, "核算幾點"), "核酸几点");
	CHECK_STR(norm(t, "ＨＳ几点"), "核酸几点");
	CHECK_STR(norm(t, "hospital"), "hospital");	/* whole words only */
	CHECK_STR(norm(t, "hs"), "核酸");
	CHECK_STR(norm(t, "核酸MA打不开"), "核酸码打不开");	/* the longest */
	CHECK_STR(norm(NULL, "  Ａ  b "), "a b");
	/* a bad line: nothing of that file is added */
	CHECK(sq_textnorm_load_words(t, unit_file("bad.txt", "米 饭\nonly\n")) < 0);
	CHECK_STR(norm(t, "米"), "米");
	CHECK(sq_textnorm_load_chars(t, unit_file("bad2.txt", "藥醫 药\n")) < 0);
	/* a FROM given again takes its new TO */
	CHECK(sq_textnorm_load_words(t, unit_file("w2.txt", "hs 核酸检测\n")) == 0);
	CHECK_STR(norm(t, "hs"), "核酸检测");
	/* invalid UTF-8 and NUL pass through without a crash */
	{
		size_t n;
		char *o = sq_textnorm(t, "\xff\x00\xe8", 3, &n);
		CHECK_INT(n, 3);
		free(o);
	}
	sq_textnorm_free(t);

	/* naive Bayes, then the linear model: each learns, and the written
	   model reads back predicting the same to the bit */
	for (int lin = 0; lin < 2; lin++) {
		static const char *const tasks[] = { "category", "urgent" };
		struct sq_nbayes *m = sq_nbayes_new(2, tasks, 0.3, 1);
		if (lin)
			sq_nbayes_linear(m, 20, 2);
		static const struct { const char *text, *cat; int urgent; } docs[] = {
			{ "没米了", "necessities", 0 }, { "家里没菜了", "necessities", 0 },
			{ "买米买菜", "necessities", 0 }, { "胸口疼", "medical", 1 },
			{ "买药", "medical", 0 }, { "发烧39度", "medical", 1 },
		};
		sq_nbayes_class(m, 1, "false");
		sq_nbayes_class(m, 1, "true");
		for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
			size_t cls[2] = { sq_nbayes_class(m, 0, docs[i].cat),
			    (size_t)docs[i].urgent };
			sq_nbayes_add(m, docs[i].text, strlen(docs[i].text), cls);
		}
		sq_nbayes_finish(m);
		double p[2];
		size_t c = sq_nbayes_predict(m, 0, "米没了", strlen("米没了"), p);
		CHECK_STR(sq_nbayes_classname(m, 0, c), "necessities");
		CHECK(p[0] + p[1] > 0.999 && p[0] + p[1] < 1.001);
		c = sq_nbayes_predict(m, 0, "药", 3, NULL);
		CHECK_STR(sq_nbayes_classname(m, 0, c), "medical");
		char path[300];
		snprintf(path, sizeof(path), "%s/model%d.txt", unit_scratch_dir(), lin);
		FILE *f = fopen(path, "w");
		CHECK(f && sq_nbayes_write(m, f) == 0);
		fclose(f);
		struct sq_nbayes *l = sq_nbayes_load(path);
		CHECK(l != NULL);
		if (l) {
			double q[2];
			c = sq_nbayes_predict(l, 0, "米没了", strlen("米没了"), q);
			CHECK_STR(sq_nbayes_classname(l, 0, c), "necessities");
			CHECK(q[0] == p[0] && q[1] == p[1]);
			CHECK_INT(sq_nbayes_nfeatures(l), sq_nbayes_nfeatures(m));
			CHECK_INT(sq_nbayes_task(l, "urgent"), 1);
			sq_nbayes_free(l);
		}
		CHECK(sq_nbayes_load(unit_file("bad.model", "shequ-nbayes 1\nf\tx\t1\n")) == NULL);
		CHECK(sq_nbayes_load(unit_file("bad2.model", "hello\n")) == NULL);
		sq_nbayes_free(m);
	}
	CHECK(sq_nbayes_load(unit_file("bad3.model", "shequ-nbayes 1\nlinear 5 1 1000\n"
	    "task c a b\nw\tx\t1\n")) == NULL);	/* one weight, two classes */
	unit_scratch_done();
	UNIT_DONE();
}
