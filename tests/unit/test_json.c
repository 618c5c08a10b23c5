/*
 * test_json.c — the JSON record reader: sq_json_parse() against
 * JSONTestSuite, and sq_json_next() on NDJSON, concatenated pretty-printed
 * objects and arrays, with the line each record starts on.
 *
 * JSONTestSuite (../shared/conformance/json/JSONTestSuite/test_parsing, read
 * at run time; skipped with a message when absent): every y_ file must
 * parse, every n_ file must be rejected, i_ files are reported, not
 * asserted.  A file where we knowingly differ is listed, with the reason, in
 * tests/conformance-deviations.txt as "parse:FILE | what we do | why"; a
 * listed file that conforms after all fails the run, so the list stays true.
 * Run from the top of the tree (run-all.sh does).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "jsonread.h"
#include "source.h"
#include "unit.h"

#define SUITE	"conformance/json/JSONTestSuite/test_parsing"
#define DEVS	"tests/conformance-deviations.txt"

static char **devs;
static size_t ndevs;

/* The ids ("parse:y_x.json") of the deviations file, up to the first '|'. */
static void
load_deviations(void)
{
	FILE *fp = fopen(DEVS, "r");
	char line[1024];

	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp)) {
		char *bar = strchr(line, '|');
		if (line[0] == '#' || bar == NULL)
			continue;
		while (bar > line && (bar[-1] == ' ' || bar[-1] == '\t'))
			bar--;
		*bar = '\0';
		devs = realloc(devs, (ndevs + 1) * sizeof(*devs));
		devs[ndevs++] = strdup(line);
	}
	fclose(fp);
}

static int
is_deviation(const char *id)
{
	for (size_t i = 0; i < ndevs; i++)
		if (strcmp(devs[i], id) == 0)
			return 1;
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap ? 2 * cap : 8192;
			buf = realloc(buf, cap);
		}
		r = fread(buf + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	*len = n;
	return buf;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* JSONTestSuite through sq_json_parse. */
static void
suite(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	long known = 0, i_acc = 0, i_rej = 0;

	if (d == NULL) {
		printf("SKIP JSONTestSuite: %s not found\n", dir);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strdup(e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char path[1400], id[600], err[256];
		size_t len;
		char *buf;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(id, sizeof(id), "parse:%s", names[i]);
		if ((buf = slurp(path, &len)) == NULL) {
			CHECK_STR_CTX("cannot read", "", path);
			continue;
		}
		json_t *v = sq_json_parse(buf, len, err, sizeof(err));
		int ok = v != NULL;
		json_decref(v);
		free(buf);
		if (names[i][0] == 'i') {
			*(ok ? &i_acc : &i_rej) += 1;
			continue;
		}
		int want = names[i][0] == 'y';
		if (names[i][0] != 'y' && names[i][0] != 'n')
			continue;
		if (is_deviation(id)) {
			/* known: it must still differ, or leave the list */
			if (ok != want)
				known++;
			else
				CHECK_STR_CTX("conforms now",
				    "listed in " DEVS, id);
			continue;
		}
		if (ok != want)
			fprintf(stderr, "FAIL %s: %s\n", id, ok ? "accepted" :
			    err);
		CHECK(ok == want);
	}
	printf("JSONTestSuite: %zu files, %ld known deviations; i_ files: "
	    "%ld accepted, %ld rejected\n", n, known, i_acc, i_rej);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* What sq_json_parse must do whatever the suite says. */
static void
parse_table(void)
{
	static const struct { const char *text; int ok; } t[] = {
		{ "{\"a\":\"1\"}", 1 },
		{ "{\"a\":\"1\",\"a\":\"2\"}", 0 },	/* duplicate key */
		{ "{\"a\":12345678901234567890}", 0 },	/* > 64 bits */
		{ "{\"a\":9223372036854775807}", 1 },
		{ "{\"a\":\"\xff\"}", 0 },		/* invalid UTF-8 */
		{ "{\"a\":\"\xed\xa0\x80\"}", 0 },	/* a surrogate */
		{ "{\"a\":\"\\u0000\"}", 0 },		/* NUL */
		{ "{\"a\":\"\\ud800\"}", 0 },		/* lone surrogate */
		{ "{\"a\":\"\xe5\xbc\xa0\xf0\xa0\xae\xb7\"}", 1 },
		{ "{\"a\":1}x", 0 },
		{ "{\"a\":\"x\ny\"}", 0 },		/* raw line break */
		{ "[1,2]", 1 },
		{ "", 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		json_t *v = sq_json_parse(t[i].text, strlen(t[i].text), NULL, 0);
		if (!CHECK((v != NULL) == t[i].ok))
			fprintf(stderr, "  input: %s\n", t[i].text);
		json_decref(v);
	}
}

/*
 * Read TEXT through a source and sq_json_next; describe each record as
 * "LINE:ok:{json}" or "LINE:bad:raw text|why" one per line, into out.
 */
static void
read_all(const char *text, char *out, size_t outsz)
{
	char path[] = "/tmp/test_json.XXXXXX";
	int fd = mkstemp(path);
	size_t o = 0;

	out[0] = '\0';
	if (!CHECK(fd >= 0))
		return;
	if (!CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text))) {
		close(fd);
		unlink(path);
		return;
	}
	close(fd);
	struct sq_source *src = sq_source_open(path, SQ_ENC_AUTO, 0);
	if (!CHECK(src != NULL)) {
		unlink(path);
		return;
	}
	struct sq_json *j = sq_json_new(src, 1 << 20);
	struct sq_rec rec;
	json_t *obj;
	int st;

	sq_rec_init(&rec);
	while ((st = sq_json_next(j, &obj, &rec)) > 0 && o + 1 < outsz) {
		if (st == SQ_READ_OK) {
			char *s = json_dumps(obj, JSON_COMPACT);
			o += (size_t)snprintf(out + o, outsz - o, "%ld:ok:%s\n",
			    rec.line, s ? s : "?");
			free(s);
			json_decref(obj);
		} else
			o += (size_t)snprintf(out + o, outsz - o, "%ld:bad:%s|%s\n",
			    rec.line, rec.nf ? sq_rec_get(&rec, 0) : "",
			    rec.err ? rec.err : "?");
	}
	CHECK(st == SQ_READ_EOF);
	sq_rec_free(&rec);
	sq_json_free(j);
	sq_source_close(src);
	unlink(path);
}

static void
reader_table(void)
{
	static const struct { const char *in, *want; } t[] = {
		/* NDJSON, blank lines between */
		{ "{\"a\":\"1\"}\n\n{\"a\":\"2\"}\n",
		  "1:ok:{\"a\":\"1\"}\n3:ok:{\"a\":\"2\"}\n" },
		/* jq's pretty output: concatenated objects over lines */
		{ "{\n  \"a\": 1,\n  \"b\": \"}\"\n}\n{\n  \"a\": 2\n}\n",
		  "1:ok:{\"a\":\"1\",\"b\":\"}\"}\n5:ok:{\"a\":\"2\"}\n" },
		/* an array, one object a line and several on one */
		{ "[\n{\"a\":\"1\"},\n{\"a\":\"2\"},{\"a\":\"3\"}\n]\n",
		  "2:ok:{\"a\":\"1\"}\n3:ok:{\"a\":\"2\"}\n3:ok:{\"a\":\"3\"}\n" },
		/* duplicate keys: that record only; numbers of any size pass
		   as their source digits (a record's values are text) */
		{ "{\"a\":\"1\",\"a\":\"2\"}\n{\"a\":1e400}\n"
		  "{\"a\":99999999999999999999}\n{\"a\":\"ok\"}\n",
		  "1:bad:{\"a\":\"1\",\"a\":\"2\"}|invalid JSON: duplicate "
		  "object key near '\"a\"' (line 1, column 12)\n"
		  "2:ok:{\"a\":\"1e400\"}\n"
		  "3:ok:{\"a\":\"99999999999999999999\"}\n"
		  "4:ok:{\"a\":\"ok\"}\n" },
		/* an unterminated string does not swallow the next record */
		{ "{\"a\":\"x}\n{\"a\":\"y\"}\n",
		  "1:bad:{\"a\":\"x}|unterminated string (a JSON string cannot "
		  "span lines)\n2:ok:{\"a\":\"y\"}\n" },
		/* an object never closed before the next one starts */
		{ "{\"a\":\"x\",\n{\"a\":\"y\"}\n",
		  "1:bad:{\"a\":\"x\",|the object opened here is not closed "
		  "before the next one\n2:ok:{\"a\":\"y\"}\n" },
		/* not objects */
		{ "[1]\n", "1:bad:1|not a JSON object (each record must be "
		  "{...})\n" },
		/* a bad element in an array is that element only */
		{ "[{\"a\":\"1\"},[2,3],\"x,]\",{\"a\":\"4\"}]\n",
		  "1:ok:{\"a\":\"1\"}\n1:bad:[2,3]|not a JSON object (each "
		  "record must be {...})\n1:bad:\"x,]\"|not a JSON object "
		  "(each record must be {...})\n1:ok:{\"a\":\"4\"}\n" },
		{ "\"s\"\n{\"a\":\"1\"}\n", "1:bad:\"s\"|not a JSON object "
		  "(each record must be {...})\n2:ok:{\"a\":\"1\"}\n" },
		/* invalid UTF-8 after UTF-8: that line only */
		{ "{\"a\":\"\xe5\xbc\xa0\"}\n{\"a\":\"\xff\"}\n{\"a\":\"2\"}\n",
		  "1:ok:{\"a\":\"\xe5\xbc\xa0\"}\n2:bad:{\"a\":\"\xff\"}\n|not "
		  "valid UTF-8 (byte 0xFF at byte 7); if the file is GBK, read "
		  "it with --encoding gb18030\n3:ok:{\"a\":\"2\"}\n" },
		/* the object opened never closes */
		{ "{\"a\":\n", "1:bad:{\"a\":|the object opened here never "
		  "closes\n" },
		{ "", "" },
	};
	char got[4096];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		read_all(t[i].in, got, sizeof(got));
		CHECK_STR_CTX(got, t[i].want, t[i].in);
	}
}

int
main(void)
{
	const char *shared = getenv("SQ_SHARED");
	char dir[1024];

	if (shared == NULL || *shared == '\0')
		shared = "../shared";
	snprintf(dir, sizeof(dir), "%s/" SUITE, shared);
	load_deviations();
	parse_table();
	reader_table();
	if (access(shared, F_OK) != 0)
		printf("SKIP JSONTestSuite: %s not found\n", shared);
	else
		suite(dir);
	for (size_t i = 0; i < ndevs; i++)
		free(devs[i]);
	free(devs);
	UNIT_DONE();
}
