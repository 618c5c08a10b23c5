/*
 * mask.h — personal data out of free text, before it is counted or
 * published: names, phone numbers, ID numbers, car plates, flats.
 *
 * What a name looks like is data, share/mask.txt: surnames, honorifics
 * (李阿姨, 李秀英阿姨, 张先生), the words before a surname (老王, 小李) and
 * before a name (我是张伟), the characters that end a name, and words that
 * look like a name but are not (小时, 小程序).  The names of the people
 * themselves come from the caller (the roster, the volunteers) through
 * sq_mask_add_name.
 *
 * Found, in a text folded as sq_fold does (full-width digits and letters
 * count as ASCII):
 *	SQ_MASK_NAME	a known name; a surname (and one or two characters)
 *			before an honorific; a surname after 老/小/阿; a name
 *			after 我是/我叫/联系人... or after a title (主任王秀兰)
 *	SQ_MASK_PHONE	seven digits or more, in groups of three or more
 *			(138 0013 8000, 021-64381234, +86 13800138000)
 *	SQ_MASK_ID	an ID card number: 17 digits and a digit or X, or 15
 *	SQ_MASK_PLATE	a car plate: 沪A12345, 沪A·D12345
 *	SQ_MASK_ROOM	a flat: 502室, 2单元502, 3栋502, 12号楼2单元502,
 *			12-2-502, 12-502
 *	SQ_MASK_EMAIL	name@host.domain
 *	SQ_MASK_NUMBER	with SQ_MASK_DIGITS only: any other number of three
 *			digits or more, or digits before an address mark (12号楼)
 * A date (2022-04-10), a time (7:00-11:00) or a short number (4月11日,
 * 3号楼) is none of these.
 *
 * The masked text is the original with each hit replaced: a whole name by
 * 某某, a name before an honorific or after 老/小 by 某 (某阿姨, 老某), every
 * other hit by '*'.  The rest of the text is kept byte for byte (not
 * folded).  Best effort, by design on the side of masking too much: a
 * person still reads a bulletin before it is posted.
 *
 * The rules are read-only once loaded: one sq_mask serves any number of
 * texts, and two never share state.
 */
#ifndef SQ_MASK_H
#define SQ_MASK_H

#include <stddef.h>

enum sq_mask_kind {
	SQ_MASK_NAME	= 1 << 0,
	SQ_MASK_PHONE	= 1 << 1,
	SQ_MASK_ID	= 1 << 2,
	SQ_MASK_PLATE	= 1 << 3,
	SQ_MASK_ROOM	= 1 << 4,
	SQ_MASK_EMAIL	= 1 << 5,
	SQ_MASK_NUMBER	= 1 << 6,
};

/* Flags of sq_mask_text. */
enum {
	/* also every number of 3+ digits and digits before an address mark
	   (a resident's message: "12号楼还没发" names a small group) */
	SQ_MASK_DIGITS	= 1 << 0,
};

/* A hit, in bytes of the text given, and what the masked text has there. */
struct sq_mask_hit {
	size_t	 off, len;
	int	 kind;
	const char *with;	/* "*", "某" or "某某" */
};

struct sq_mask;

#define SQ_MASK_NAMEMAX	16

/* The rules of path (share/mask.txt).  NULL with "PATH: why" printed. */
struct sq_mask *sq_mask_load(const char *path);
/* The same from text in memory; name is for messages. */
struct sq_mask *sq_mask_parse(const char *name, const char *text, size_t len);
void	 sq_mask_free(struct sq_mask *);

/*
 * A person's name, masked wherever it is written.  Spaces inside are
 * dropped ("张  伟" is 张伟); a name of one character, or without a letter
 * or CJK character, is ignored (it would mask words, not people), and so
 * is one of more than SQ_MASK_NAMEMAX characters (not a name).
 */
void	 sq_mask_add_name(struct sq_mask *, const char *s, size_t len);
/*
 * Every name of a table (the roster, the volunteers, the check-ins): its
 * column "name" under the aliases of o (which should ask for canonical
 * names).  The names added, or -1 when the file cannot be read (printed);
 * a table without a name column is a data problem of the file (0).
 */
struct sq_reader_opts;
long	 sq_mask_add_table(struct sq_mask *, const char *path,
	    const struct sq_reader_opts *o);
/* Names known so far. */
size_t	 sq_mask_names(const struct sq_mask *);
/*
 * A number that is public and never masked (the committee's hotline): a
 * phone hit with the same digits, or ending in them, is not a hit.
 */
void	 sq_mask_keep(struct sq_mask *, const char *s, size_t len);

/*
 * The text masked: malloc'd and NUL-terminated, its length in *outlen when
 * outlen is not NULL.  With hits not NULL, *hits gets a malloc'd array of
 * the *nhits hits (in order, never overlapping), or NULL when there are
 * none.
 */
char	*sq_mask_text(const struct sq_mask *, int flags, const char *s,
	    size_t len, size_t *outlen, struct sq_mask_hit **hits,
	    size_t *nhits);

/* "a name", "a phone number" ... for messages. */
const char *sq_mask_kind_name(int kind);

/*
 * A hit shown without giving it away, for a message: a name's first
 * character, a long number's first three digits and last two, a flat's or
 * a plate's other characters, '*' for the rest ("李**", "138******00",
 * "*号楼*单元***室").  Into out (NUL-terminated, cut to outsz).
 */
void	 sq_mask_preview(const char *s, size_t len, int kind, char *out,
	    size_t outsz);

#endif
