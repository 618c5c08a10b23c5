/*
 * test_keywords.c — labels found in free text (rules/keywords.c), on the
 * shipped files and on small ones written here.
 *
 * 1. Every keyword of share/vulnerable.txt and share/symptoms.txt, alone,
 *    matches its own label; after a negation word ("无", "没有", "not ") it
 *    does not, unless another keyword of the label is still in the text.
 * 2. A table of cells as people type them, with the labels they must give.
 * 3. Files that must be refused, and a label given twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "keywords.h"
#include "text.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* label names of the bits set, joined by '+', or "-" */
static const char *
labels(const struct sq_keywords *k, uint64_t m, char *out, size_t outsz)
{
	out[0] = '\0';
	for (size_t i = 0; i < sq_keywords_nlabels(k) && i < 64; i++)
		if (m >> i & 1) {
			if (out[0])
				strncat(out, "+", outsz - strlen(out) - 1);
			strncat(out, sq_keywords_label(k, i), outsz - strlen(out) - 1);
		}
	if (out[0] == '\0')
		snprintf(out, outsz, "-");
	return out;
}

static uint64_t
match(const struct sq_keywords *k, const char *text)
{
	return sq_keywords_match(k, text, strlen(text));
}

/* 1: each keyword of the file alone, and negated */
static void
each_keyword(const char *path)
{
	struct sq_keywords *k = sq_keywords_load(path);
	FILE *f = fopen(path, "r");
	char line[4096];

	if (!CHECK(k != NULL && f != NULL)) {
		if (f)
			fclose(f);
		sq_keywords_free(k);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		if (line[0] == '#' || colon == NULL)
			continue;
		*colon = '\0';
		const char *p = line;
		size_t n = sq_trim(&p, strlen(p));
		char label[64];
		snprintf(label, sizeof(label), "%.*s", (int)n, p);
		long li = sq_keywords_find(k, label);
		if (!CHECK(li >= 0))
			continue;
		char *save = NULL;
		for (char *kw = strtok_r(colon + 1, ",\n", &save); kw;
		    kw = strtok_r(NULL, ",\n", &save)) {
			const char *w = kw;
			size_t wl = sq_trim(&w, strlen(w));
			char text[256];
			snprintf(text, sizeof(text), "%.*s", (int)wl, w);
			CHECK_STR_CTX(match(k, text) >> li & 1 ? "yes" : "no",
			    "yes", text);
			/* negated: "无独居"; skip words that hold another keyword
			   of the label after the negation ("无症状" in none) */
			char neg[300];
			snprintf(neg, sizeof(neg), "%s%s",
			    (unsigned char)text[0] < 0x80 ? "not " : "没有", text);
			if (strncmp(text, "无", 3) != 0 && strncmp(text, "没", 3) != 0 &&
			    strncmp(text, "no", 2) != 0 && strchr(text, ' ') == NULL &&
			    strcmp(label, "none") != 0)
				CHECK_STR_CTX(match(k, neg) >> li & 1 ? "yes" : "no",
				    "no", neg);
		}
	}
	fclose(f);
	sq_keywords_free(k);
}

static char *
write_file(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/sqkw.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return NULL;
	}
	close(fd);
	return path;
}

int
main(void)
{
	static const struct {
		const char *file, *text, *want;
	} cells[] = {
		/* vulnerable.txt: the 重点人群 cell */
		{ "share/vulnerable.txt", "独居老人", "elderly_alone" },
		{ "share/vulnerable.txt", "空巢，高血压", "elderly_alone+chronic" },
		{ "share/vulnerable.txt", "糖尿病、坐轮椅", "chronic+disabled" },
		{ "share/vulnerable.txt", "无慢性病", "-" },
		{ "share/vulnerable.txt", "无基础病，独居", "elderly_alone" },
		{ "share/vulnerable.txt", "孕妇（7个月）", "pregnant" },
		{ "share/vulnerable.txt", "家有新生儿", "infant" },
		{ "share/vulnerable.txt", "Lives Alone", "elderly_alone" },
		{ "share/vulnerable.txt", "ＣＨＲＯＮＩＣ", "chronic" },
		{ "share/vulnerable.txt", "not pregnant", "-" },
		{ "share/vulnerable.txt", "", "-" },
		{ "share/vulnerable.txt", "一切正常", "-" },
		/* symptoms.txt: the symptoms cell of a check-in */
		{ "share/symptoms.txt", "发烧", "symptom" },
		{ "share/symptoms.txt", "咳嗽，乏力", "symptom" },
		{ "share/symptoms.txt", "没有发烧", "-" },
		{ "share/symptoms.txt", "正常", "none" },
		{ "share/symptoms.txt", "无症状", "none" },
		{ "share/symptoms.txt", "以上都没有", "none" },
		{ "share/symptoms.txt", "Sore Throat", "symptom" },
		{ "share/symptoms.txt", "ＦＥＶＥＲ", "symptom" },
		{ "share/symptoms.txt", "头痛 但正常", "symptom+none" },
		{ "share/symptoms.txt", "no fever", "-" },
		{ "share/symptoms.txt", "抗原阳性", "symptom" },
	};
	char got[256];

	sq_diag_init("test_keywords");
	each_keyword("share/vulnerable.txt");
	each_keyword("share/symptoms.txt");

	for (size_t i = 0; i < NELEM(cells); i++) {
		struct sq_keywords *k = sq_keywords_load(cells[i].file);
		if (!CHECK(k != NULL))
			continue;
		CHECK_STR_CTX(labels(k, match(k, cells[i].text), got,
		    sizeof(got)), cells[i].want, cells[i].text);
		sq_keywords_free(k);
	}

	/* 3. refused: no colon; a file that is not there */
	sq_diag_quiet(1);
	char *p = write_file("# a comment\nchronic: 高血压\njust words\n");
	CHECK(p != NULL && sq_keywords_load(p) == NULL);
	if (p)
		unlink(p);
	CHECK(sq_keywords_load("/nonexistent/keywords.txt") == NULL);

	/* a label twice adds its keywords; labels keep file order */
	p = write_file("\xef\xbb\xbf# user rules\nb: 乙\na: 甲, alpha\nb: beta\n");
	struct sq_keywords *k = p ? sq_keywords_load(p) : NULL;
	if (p)
		unlink(p);
	if (CHECK(k != NULL)) {
		CHECK_INT(sq_keywords_nlabels(k), 2);
		CHECK_INT(sq_keywords_find(k, "a"), 1);
		CHECK_INT(sq_keywords_find(k, "c"), -1);
		CHECK(sq_keywords_label(k, 2) == NULL);
		CHECK_STR(labels(k, match(k, "BETA 甲"), got, sizeof(got)), "b+a");
		CHECK_STR(labels(k, match(k, "乙"), got, sizeof(got)), "b");
		CHECK_STR(labels(k, match(k, "没有乙"), got, sizeof(got)), "-");
		/* a NUL byte in the cell does not hide the negation after it */
		static const char nul[] = "x\0没有乙";
		CHECK_STR(labels(k, sq_keywords_match(k, nul, sizeof(nul) - 1),
		    got, sizeof(got)), "-");
		static const char nul2[] = "x\0乙";
		CHECK_STR(labels(k, sq_keywords_match(k, nul2, sizeof(nul2) - 1),
		    got, sizeof(got)), "b");
		sq_keywords_free(k);
	}
	UNIT_DONE();
}
