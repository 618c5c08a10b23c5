/*
 * magic.c — what a file is by its first bytes (see magic.h).
 */
#define _GNU_SOURCE	/* tee(2): look at a pipe's first bytes */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "magic.h"

/*
 * The first bytes of a pipe, left in it: tee(2) copies them to a pipe of
 * our own without consuming them.  It hands out what is there, so a writer
 * that has sent fewer bytes yet is waited for — until it closes its end
 * (POLLHUP), when what is there is all there is.
 */
static size_t
peek_pipe(int fd, unsigned char *b, size_t want)
{
#ifdef __linux__
	int p[2];
	ssize_t n = 0;

	if (pipe(p) < 0)
		return 0;
	for (;;) {
		n = tee(fd, p[1], want, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (size_t)n >= want)
			break;
		struct pollfd pf = { fd, POLLIN, 0 };
		if (poll(&pf, 1, 0) == 1 && (pf.revents & POLLHUP))
			break;		/* the writer is gone: that is all */
		/* fewer bytes than asked: drain our copy, wait, ask again */
		if (read(p[0], b, (size_t)n) != n)
			break;
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	if (n > 0 && read(p[0], b, (size_t)n) != n)
		n = 0;
	close(p[0]);
	close(p[1]);
	return n > 0 ? (size_t)n : 0;
#else
	(void)fd, (void)b, (void)want;
	return 0;
#endif
}

ssize_t
sq_magic_peek(const char *path, unsigned char *b, size_t want)
{
	struct stat st;
	ssize_t n = 0;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = pread(fd, b, want, 0);	/* stdin's offset stays */
	else if (fd == 0 && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		n = (ssize_t)peek_pipe(fd, b, want);
	if (fd != 0)
		close(fd);
	return n < 0 ? 0 : n;
}

/* b starts with lit (case as given) after leading white space and a BOM */
static int
starts(const unsigned char *b, size_t n, const char *lit, int nocase)
{
	size_t i = 0, l = strlen(lit);

	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
	    b[i] == '\n'))
		i++;
	return i + l <= n && (nocase ? strncasecmp((const char *)b + i, lit,
	    l) : memcmp(b + i, lit, l)) == 0;
}

static int
has(const unsigned char *b, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	for (size_t i = 0; i + l <= n; i++)
		if (strncasecmp((const char *)b + i, lit, l) == 0)
			return 1;
	return 0;
}

#define EXPORT	"export the table from the program that made it as CSV or " \
	".xlsx (Excel, WPS: 另存为)"
#define IMAGE	"a picture of a table cannot be read; type it into a sheet, " \
	"or ask for the file it was made from"
#define PACKED	"unpack it first and give the table inside"

static const struct sq_magic
    pdf = { "a PDF document", EXPORT "; a PDF's tables open in WPS as a "
	"sheet (PDF转Excel)" },
    png = { "a PNG image", IMAGE },
    jpeg = { "a JPEG image (a photo or a screenshot)", IMAGE },
    gif = { "a GIF image", IMAGE },
    bmp = { "a BMP image", IMAGE },
    webp = { "a WebP image", IMAGE },
    heic = { "a HEIC photo (from a phone)", IMAGE },
    tiff = { "a TIFF image (a scan)", IMAGE },
    video = { "a video", IMAGE },
    gzip = { "a gzip archive", PACKED " (gunzip)" },
    sevenz = { "a 7-Zip archive", PACKED " (7z x)" },
    rar = { "a RAR archive", PACKED " (unrar x)" },
    bzip2 = { "a bzip2 archive", PACKED " (bunzip2)" },
    xz = { "an xz archive", PACKED " (unxz)" },
    elf = { "a program, not a file of data", "give the table's file" },
    rtf = { "an RTF document (Word, WordPad)", "copy the table into a "
	"sheet and save it as CSV or .xlsx" },
    xml2003 = { "an Excel 2003 XML spreadsheet", "open it in Excel or WPS "
	"and save it as .xlsx (工作簿) or CSV" },
    html = { "a web page (an 'Excel' export of a web system is often one)",
	"open it in Excel or WPS and save it as .xlsx (工作簿) or CSV" },
    mht = { "a saved web archive (.mht)", "open it in Excel or WPS and "
	"save it as .xlsx (工作簿) or CSV" },
    ods = { "an OpenDocument spreadsheet (.ods)", "save it as .xlsx in "
	"WPS, LibreOffice or Excel" };

const struct sq_magic *
sq_magic_of(const unsigned char *b, size_t n)
{
#define AT(off, lit)	(n >= (off) + sizeof(lit) - 1 && \
	memcmp(b + (off), lit, sizeof(lit) - 1) == 0)
	if (AT(0, "%PDF-"))
		return &pdf;
	if (AT(0, "\x89PNG\r\n\x1a\n"))
		return &png;
	if (AT(0, "\xFF\xD8\xFF"))
		return &jpeg;
	if (AT(0, "GIF87a") || AT(0, "GIF89a"))
		return &gif;
	/* "BM" and four reserved zero bytes: no CSV has NULs there */
	if (AT(0, "BM") && AT(6, "\0\0\0\0"))
		return &bmp;
	if (AT(0, "RIFF") && AT(8, "WEBP"))
		return &webp;
	if (AT(4, "ftypheic") || AT(4, "ftypheix") || AT(4, "ftypmif1") ||
	    AT(4, "ftyphevc"))
		return &heic;
	if (AT(4, "ftyp"))
		return &video;
	if (AT(0, "II*\0") || AT(0, "MM\0*"))
		return &tiff;
	if (AT(0, "\x1F\x8B"))
		return &gzip;
	if (AT(0, "7z\xBC\xAF\x27\x1C"))
		return &sevenz;
	if (AT(0, "Rar!\x1A\x07"))
		return &rar;
	if (AT(0, "BZh") && AT(4, "1AY&SY"))
		return &bzip2;
	if (AT(0, "\xFD" "7zXZ\0"))
		return &xz;
	if (AT(0, "\x7F" "ELF"))
		return &elf;
	/* a zip whose first part says it is an OpenDocument spreadsheet */
	if (AT(0, "PK\3\4") && AT(30, "mimetypeapplication/vnd.oasis."
	    "opendocument.spreadsheet"))
		return &ods;
	if (starts(b, n, "{\\rtf", 0))
		return &rtf;
	if (starts(b, n, "<?xml", 1) &&
	    has(b, n, "urn:schemas-microsoft-com:office:spreadsheet"))
		return &xml2003;
	if (starts(b, n, "<!doctype html", 1) || starts(b, n, "<html", 1) ||
	    starts(b, n, "<table", 1) || (starts(b, n, "<", 0) &&
	    has(b, n, "<html")))
		return &html;
	if (starts(b, n, "MIME-Version:", 1))
		return &mht;
	return NULL;
#undef AT
}
