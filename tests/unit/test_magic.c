/*
 * test_magic.c — what a file is by its first bytes (lib/magic.c): the
 * files people pass by mistake are named, tables never are.
 */
#include <string.h>

#include "magic.h"
#include "unit.h"

static const char *
what(const char *b, size_t n)
{
	const struct sq_magic *m = sq_magic_of((const unsigned char *)b, n);

	return m ? m->what : "table";
}

#define W(lit)	what(lit, sizeof(lit) - 1)

int
main(void)
{
	CHECK(strstr(W("%PDF-1.7\n"), "PDF") != NULL);
	CHECK(strstr(W("\x89PNG\r\n\x1a\n\0\0"), "PNG") != NULL);
	CHECK(strstr(W("\xFF\xD8\xFF\xE1"), "JPEG") != NULL);
	CHECK(strstr(W("GIF89a\x01\0"), "GIF") != NULL);
	CHECK(strstr(W("BM\x36\0\0\0\0\0\0\0"), "BMP") != NULL);
	CHECK(strstr(W("RIFF\0\0\0\0WEBPVP8 "), "WebP") != NULL);
	CHECK(strstr(W("\0\0\0\x18" "ftypheic"), "HEIC") != NULL);
	CHECK(strstr(W("\0\0\0\x18" "ftypisom"), "video") != NULL);
	CHECK(strstr(W("II*\0\x08\0"), "TIFF") != NULL);
	CHECK(strstr(W("\x1F\x8B\x08\0"), "gzip") != NULL);
	CHECK(strstr(W("7z\xBC\xAF\x27\x1C\0"), "7-Zip") != NULL);
	CHECK(strstr(W("Rar!\x1A\x07\x01"), "RAR") != NULL);
	CHECK(strstr(W("BZh91AY&SY"), "bzip2") != NULL);
	CHECK(strstr(W("\xFD" "7zXZ\0\0"), "xz") != NULL);
	CHECK(strstr(W("\x7F" "ELF\x02"), "program") != NULL);
	CHECK(strstr(W("{\\rtf1\\ansi"), "RTF") != NULL);
	CHECK(strstr(W("\xEF\xBB\xBF<?xml version=\"1.0\"?><Workbook "
	    "xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"),
	    "2003") != NULL);
	CHECK(strstr(W("  <!DOCTYPE html><html>"), "web page") != NULL);
	CHECK(strstr(W("<HTML><body><table>"), "web page") != NULL);
	CHECK(strstr(W("<table border=1><tr>"), "web page") != NULL);
	CHECK(strstr(W("<meta charset=utf-8><html>"), "web page") != NULL);
	CHECK(strstr(W("MIME-Version: 1.0\r\n"), ".mht") != NULL);
	CHECK(strstr(W("PK\3\4\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	    "\0\0\x08\0\0\0mimetypeapplication/vnd.oasis.opendocument."
	    "spreadsheet"), ".ods") != NULL);

	/* tables, and what only looks like the start of something */
	CHECK_STR(W("name,phone\n"), "table");
	CHECK_STR(W("BMI,体重\n1,2\n"), "table");
	CHECK_STR(W("BZh,x\n"), "table");
	CHECK_STR(W("GIF,x\n"), "table");
	CHECK_STR(W("II,x\n"), "table");
	CHECK_STR(W("\xEF\xBB\xBF姓名,电话\r\n"), "table");
	CHECK_STR(W("[{\"a\":1}]"), "table");
	CHECK_STR(W("{\"a\":\"{\\\\rtf\"}"), "table");
	CHECK_STR(W("<b>,x\n1,2\n"), "table");
	CHECK_STR(W("<?xml version=\"1.0\"?><data/>"), "table");
	CHECK_STR(W("PK\3\4\x14\0"), "table");	/* a workbook: bookread's */
	CHECK_STR(W("\xD0\xCF\x11\xE0"), "table");
	CHECK_STR(W("MIME,x\n"), "table");
	CHECK_STR(W(""), "table");
	UNIT_DONE();
}
