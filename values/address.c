/*
 * address.c — household address parser; address.h says what it accepts.
 *
 * Two steps.  The lexer reads the folded text once, left to right, and keeps
 * only the numbers, each with the marker typed after it (号楼, 单元, 室...).
 * resolve() then places them: a marked number where its marker says, the
 * unmarked ones by their order around the marked ones.  No heap, no locale:
 * the text is folded into a stack buffer, at most MAXITEMS numbers are kept.
 */
#include <stdint.h>
#include <string.h>

#include "address.h"
#include "diag.h"
#include "hmap.h"
#include "text.h"

#define MAXITEMS	12
#define MAXLEN		500	/* longer is not an address, and fits the buffer */
#define MAXDIG		6	/* 7 digits and more: a phone number */
#define NONE		((size_t)-1)

#define TOO_MANY	"too many numbers to tell building, unit and room apart"
#define PHONE		_("looks like a phone number, not an address")

enum kind {
	K_BARE,		/* no marker: placed by order */
	K_LANE,		/* 弄 号院 */
	K_HAO,		/* 号: the building, or the room after one */
	K_BLDG,		/* 号楼 栋 幢 座 # */
	K_LOU,		/* 楼: the building if first, else a floor */
	K_UNIT,		/* 单元 门 号门 */
	K_ROOM,		/* 室 房 户 号房 号室 */
	K_FLOOR,	/* 层 F */
	K_ZONE,		/* 区 期 */
	K_GROUP,	/* 组: a village group, a zone that has houses */
	K_SKIP,		/* 支弄: the house number does not need it */
	K_NAME		/* part of a name or a quantity: 3号线, 2人 */
};

enum { B, U, R };	/* ranks, in the order they are written */

struct item {
	char		 v[16];	/* [A-Z]{0,2}[0-9]{0,6}[A-Z]{0,2}, or "502-1" */
	unsigned char	 kind;
	unsigned char	 joined;	/* typed "<previous>-<this>" */
	unsigned char	 near;		/* one '-' or ' ' after the previous */
	unsigned char	 sdig;		/* digits without leading zeros */
	unsigned char	 tdig;		/* digits as typed */
	unsigned char	 alpha;		/* has letters */
	char		 first;		/* first digit typed */
};

/* Rooms of a Shanghai lane house, each often its own household. */
struct roomword {
	const char	*s;
	unsigned char	 len;
	char		 code[4];
	char		 floor;
};

#define RW(s, code, floor)	{ s, sizeof(s) - 1, code, floor }
static const struct roomword roomwords[] = {	/* longest first */
	RW("亭子间", "TZJ", 0), RW("灶披间", "ZPJ", 0),
	RW("前厢房", "QXF", 0), RW("后厢房", "HXF", 0),
	RW("东厢房", "DXF", 0), RW("西厢房", "XXF", 0),
	RW("厢房", "XF", 0),
	RW("前客堂", "QKT", 0), RW("后客堂", "HKT", 0),
	RW("客堂间", "KT", 0), RW("客堂", "KT", 0),
	RW("三层阁", "SCG", 0), RW("二层阁", "ECG", 0),
	RW("阁楼", "GL", 0), RW("晒台", "ST", 0),
	RW("前楼", "QL", 0), RW("后楼", "HL", 0),
	RW("前间", "QJ", 0), RW("后间", "HJ", 0),
	RW("底楼", "", 1),
};
#undef RW

struct scan {
	struct item	 it[MAXITEMS];
	int		 n;
	int		 overflow;	/* more numbers than MAXITEMS */
	int		 longnum;	/* a 7+ digit number was set aside */
	const struct roomword *word;
};

struct lex {
	const unsigned char *p;
	size_t		 n, i;
	size_t		 prev_end;	/* end of the last number and marker */
	int		 pending;	/* kind from "Room", "Bldg"...; -1 none */
	struct scan	*sc;
};

/*
 * Characters that, right after a number or its marker, make it part of a
 * name, a quantity or a word: roads, places, people, time, money, the
 * layout of a flat (两室一厅), 楼下 门口 房东 户主 楼长 弄堂.  Sorted:
 * 上下个中主乡人位個元内分医卫厂厅口名园園场坊城堂堡場塘外天宅
 * 寺小屆届屯山岁巷年庄店廠廳斤日时時月村桥橋次歲江河泾浜涇港湖
 * 湾灣点營班站米級線级线苑莊营街衛路車车道鄉醫里鎮镇长點
 */
static const uint16_t namecp[] = {
	0x4E0A, 0x4E0B, 0x4E2A, 0x4E2D, 0x4E3B, 0x4E61, 0x4EBA, 0x4F4D,
	0x500B, 0x5143, 0x5185, 0x5206, 0x533B, 0x536B, 0x5382, 0x5385,
	0x53E3, 0x540D, 0x56ED, 0x5712, 0x573A, 0x574A, 0x57CE, 0x5802,
	0x5821, 0x5834, 0x5858, 0x5916, 0x5929, 0x5B85, 0x5BFA, 0x5C0F,
	0x5C46, 0x5C4A, 0x5C6F, 0x5C71, 0x5C81, 0x5DF7, 0x5E74, 0x5E84,
	0x5E97, 0x5EE0, 0x5EF3, 0x65A4, 0x65E5, 0x65F6, 0x6642, 0x6708,
	0x6751, 0x6865, 0x6A4B, 0x6B21, 0x6B72, 0x6C5F, 0x6CB3, 0x6CFE,
	0x6D5C, 0x6D87, 0x6E2F, 0x6E56, 0x6E7E, 0x7063, 0x70B9, 0x71DF,
	0x73ED, 0x7AD9, 0x7C73, 0x7D1A, 0x7DDA, 0x7EA7, 0x7EBF, 0x82D1,
	0x838A, 0x8425, 0x8857, 0x885B, 0x8DEF, 0x8ECA, 0x8F66, 0x9053,
	0x9109, 0x91AB, 0x91CC, 0x93AE, 0x9547, 0x957F, 0x9EDE,
};

static int
is_digit(unsigned c)
{
	return c - '0' < 10u;
}

static int
is_alpha(unsigned c)
{
	return (c | 0x20) - 'a' < 26u;
}

static char
upper(unsigned char c)
{
	return (char)(c >= 'a' && c <= 'z' ? c - 0x20 : c);
}

/* Code point at p[i] (the text is valid UTF-8), its length in *w. */
static int
cp_at(const unsigned char *p, size_t n, size_t i, size_t *w)
{
	size_t j = i;
	int c = sq_utf8_next(p, n, &j);

	*w = j - i;
	return c;
}

static int
is_name_at(const unsigned char *p, size_t n, size_t i)
{
	size_t w, lo = 0, hi = sizeof(namecp) / sizeof(namecp[0]);
	int c;

	if (i >= n || p[i] < 0x80)
		return 0;
	c = cp_at(p, n, i, &w);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (namecp[mid] == c)
			return 1;
		if (namecp[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* "两室一厅", "3室2厅": the size of a flat, not its number. */
static int
is_layout(const unsigned char *p, size_t n, size_t i)
{
	size_t w;
	int c;

	if (i < n && is_digit(p[i]))
		i++;
	else if (i < n && p[i] >= 0x80 && sq_cn_digit(cp_at(p, n, i, &w)) >= 0)
		i += w;
	else
		return 0;
	if (i >= n || p[i] < 0x80)
		return 0;
	c = cp_at(p, n, i, &w);
	return c == 0x5385 || c == 0x5EF3;	/* 厅 廳 */
}

static size_t
skip_spaces(const unsigned char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* The kind of 号 followed by c: 号楼, 号院, 号门, 号房, 号室, or 号 alone. */
static int
hao_kind(int c, size_t *two)
{
	*two = 1;
	switch (c) {
	case 0x697C: case 0x6A13:		/* 楼 樓 */
		return K_BLDG;
	case 0x9662:				/* 院 */
		return K_LANE;
	case 0x95E8: case 0x9580:		/* 门 門 */
		return K_UNIT;
	case 0x623F: case 0x5BA4:		/* 房 室 */
		return K_ROOM;
	}
	*two = 0;
	return K_HAO;
}

/* A marker at p[i]: returns its length and sets *kind, or returns 0. */
static size_t
marker(const unsigned char *p, size_t n, size_t i, int *kind)
{
	size_t w, w2 = 0, two = 0;
	int c, c2 = -1;

	if (i >= n)
		return 0;
	if (p[i] == '#') {
		*kind = K_BLDG;
		return 1;
	}
	if (p[i] < 0x80)
		return 0;
	c = cp_at(p, n, i, &w);
	if (i + w < n && p[i + w] >= 0x80)
		c2 = cp_at(p, n, i + w, &w2);
	switch (c) {
	case 0x53F7: case 0x865F:		/* 号 號 */
		*kind = hao_kind(c2, &two);
		break;
	case 0x680B: case 0x68DF: case 0x5E62: case 0x5EA7: /* 栋 棟 幢 座 */
		*kind = K_BLDG;
		break;
	case 0x697C: case 0x6A13:		/* 楼 樓 */
		*kind = K_LOU;
		break;
	case 0x5355: case 0x55AE:		/* 单 單: only 单元 */
		if (c2 != 0x5143)
			return 0;
		*kind = K_UNIT;
		two = 1;
		break;
	case 0x95E8: case 0x9580:		/* 门 門 */
		*kind = K_UNIT;
		break;
	case 0x5BA4: case 0x623F: case 0x6237:	/* 室 房 户 */
		*kind = K_ROOM;
		break;
	case 0x5C42: case 0x5C64:		/* 层 層 */
		*kind = K_FLOOR;
		break;
	case 0x5F04:				/* 弄 */
		*kind = K_LANE;
		break;
	case 0x652F:				/* 支弄 */
		if (c2 != 0x5F04)
			return 0;
		*kind = K_SKIP;
		two = 1;
		break;
	case 0x533A: case 0x5340: case 0x671F:	/* 区 區 期 */
		*kind = K_ZONE;
		break;
	case 0x7EC4: case 0x7D44:		/* 组 組 */
		*kind = K_GROUP;
		break;
	default:
		return 0;
	}
	return two ? w + w2 : w;
}

/*
 * What the number ending at p[end] is: its marker, K_NAME, or K_BARE (or
 * the pending English word's kind).  *next is where lexing goes on.
 */
static int
classify(struct lex *lx, size_t end, size_t *next, int use_pending)
{
	size_t m = skip_spaces(lx->p, lx->n, end), ml;
	int kind;

	if ((ml = marker(lx->p, lx->n, m, &kind)) > 0) {
		*next = m + ml;
		if (!is_name_at(lx->p, lx->n, m + ml) &&
		    !(kind == K_ROOM && is_layout(lx->p, lx->n, m + ml)))
			return kind;
		if (m == end)
			return K_NAME;		/* 3号线, 三门路 */
		/* "502 门口": the word is a note, the number stands */
	}
	*next = end;
	if (is_name_at(lx->p, lx->n, end))
		return K_NAME;
	return use_pending && lx->pending >= 0 ? lx->pending : K_BARE;
}

static void
add_item(struct lex *lx, const char *v, size_t vlen, int kind, size_t start,
    size_t end, size_t tdig, char first)
{
	struct scan *sc = lx->sc;
	struct item *it;
	size_t k;

	lx->pending = -1;
	if (kind == K_NAME || kind == K_SKIP)
		return;
	if (sc->n == MAXITEMS) {
		sc->overflow = 1;
		return;
	}
	it = &sc->it[sc->n++];
	memset(it, 0, sizeof(*it));
	memcpy(it->v, v, vlen);
	it->kind = (unsigned char)kind;
	if (lx->prev_end != NONE && start == lx->prev_end + 1) {
		it->joined = lx->p[lx->prev_end] == '-';
		it->near = it->joined || lx->p[lx->prev_end] == ' ';
	}
	it->tdig = (unsigned char)tdig;
	it->first = first;
	for (k = 0; k < vlen; k++) {
		if (is_digit((unsigned char)v[k]))
			it->sdig++;
		else
			it->alpha = 1;
	}
	lx->prev_end = end;
}

/* English words before a number; -2: a word that changes nothing. */
static int
english(const unsigned char *p, size_t l)
{
	static const struct {
		const char *w;
		int kind;
	} words[] = {
		{ "building", K_BLDG }, { "bldg", K_BLDG }, { "block", K_BLDG },
		{ "blk", K_BLDG }, { "unit", K_UNIT }, { "room", K_ROOM },
		{ "rm", K_ROOM }, { "flat", K_ROOM }, { "apt", K_ROOM },
		{ "lane", K_LANE }, { "floor", K_FLOOR }, { "fl", K_FLOOR },
		{ "no", -2 }, { "nr", -2 }, { "num", -2 }, { "number", -2 },
	};
	size_t k, j;

	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		if (strlen(words[k].w) != l)
			continue;
		for (j = 0; j < l; j++)
			if ((p[j] | 0x20) != words[k].w[j])
				break;
		if (j == l)
			return words[k].kind;
	}
	return -1;
}

/* A lone letter is a number only as "A座", "Block A" or "A-1203". */
static int
lex_letter(struct lex *lx, size_t i)
{
	const unsigned char *p = lx->p;
	size_t next;
	int kind = classify(lx, i + 1, &next, 1);
	char v = upper(p[i]);

	if (kind == K_NAME)
		return 0;
	if (kind == K_BARE && !(i + 2 < lx->n && p[i + 1] == '-' &&
	    is_digit(p[i + 2])))
		return 0;
	add_item(lx, &v, 1, kind, i, next, 0, 0);
	lx->i = next;
	return 1;
}

/*
 * The canonical value of letters p[a..b), digits p[b..c), letters
 * p[c..e): upper case, no leading zeros ("0502" is "502", "00" is "0").
 */
static size_t
value(const unsigned char *p, size_t a, size_t b, size_t c, size_t e,
    char *v)
{
	size_t vl = 0, k;

	for (k = a; k < b; k++)
		v[vl++] = upper(p[k]);
	while (b + 1 < c && p[b] == '0')
		b++;
	for (k = b; k < c; k++)
		v[vl++] = (char)p[k];
	for (k = c; k < e; k++)
		v[vl++] = upper(p[k]);
	return vl;
}

/* Letters and digits: "12", "12A", "A12", "5F", or a word. */
static void
lex_ascii(struct lex *lx)
{
	const unsigned char *p = lx->p;
	size_t n = lx->n, i = lx->i, l = 0, d, s = 0, next, vl, f = 0;
	char v[16];
	int kind;

	while (i + l < n && is_alpha(p[i + l]))
		l++;
	if (l > 0 && (kind = english(p + i, l)) != -1) {
		if (kind >= 0)
			lx->pending = kind;	/* "Room 502", "Rm502" */
		lx->i = i + l;
		return;
	}
	if (l > 0 && (l > 2 || i + l == n || !is_digit(p[i + l]))) {
		if (l == 1 && lex_letter(lx, i))
			return;
		lx->pending = -1;
		lx->i = i + l;
		return;
	}
	for (d = i + l; d < n && is_digit(p[d]); d++)
		;
	while (d + s < n && is_alpha(p[d + s]))
		s++;
	if (s > 2)
		s = 0;		/* "12Room": the word is read next */
	if (d - (i + l) > MAXDIG) {
		lx->sc->longnum = 1;
		lx->pending = -1;
		lx->i = d + s;
		return;
	}
	if (s == 1 && l == 0 && (p[d] | 0x20) == 'f') {
		f = 1;		/* "5F": a floor, unless a marker follows */
		s = 0;
	}
	vl = value(p, i, i + l, d, d + s, v);
	kind = classify(lx, d + s + f, &next, 1);
	if (f && (kind == K_BARE || kind == lx->pending))
		kind = K_FLOOR;
	add_item(lx, v, vl, kind, i, next, d - (i + l),
	    d > i + l ? (char)p[i + l] : 0);
	lx->i = next;
}

static const struct roomword *
roomword_at(const unsigned char *p, size_t n, size_t i)
{
	const struct roomword *rw;
	size_t k;

	for (k = 0; k < sizeof(roomwords) / sizeof(roomwords[0]); k++) {
		rw = &roomwords[k];
		if ((unsigned char)rw->s[2] == p[i + 2] &&
		    (unsigned char)rw->s[1] == p[i + 1] &&
		    rw->len <= n - i && memcmp(rw->s, p + i, rw->len) == 0)
			return rw;
	}
	return NULL;
}

/* Whether c begins a room word: keep in step with roomwords[]. */
static int
roomword_first(int c)
{
	switch (c) {
	case 0x4EAD: case 0x7076: case 0x524D: case 0x540E: /* 亭 灶 前 后 */
	case 0x4E1C: case 0x897F: case 0x53A2: case 0x5BA2: /* 东 西 厢 客 */
	case 0x4E09: case 0x4E8C: case 0x9601: case 0x6652: /* 三 二 阁 晒 */
	case 0x5E95:					    /* 底 */
		return 1;
	}
	return 0;
}

/*
 * A lane-house room word at p[i], whose first code point is c: remember
 * the first one seen and return its length, or return 0.
 */
static size_t
lex_roomword(struct lex *lx, size_t i, int c)
{
	const struct roomword *rw;

	if (!roomword_first(c) || lx->n - i < 6 ||
	    (rw = roomword_at(lx->p, lx->n, i)) == NULL)
		return 0;
	if (lx->sc->word == NULL)
		lx->sc->word = rw;
	return rw->len;
}

static int
is_open(int c)
{
	return c == '(' || c == '[' || c == '{' || c == 0x3010 ||
	    c == 0x3014 || c == 0x300A;	/* 【 〔 《 */
}

static int
is_close(int c)
{
	return c == ')' || c == ']' || c == '}' || c == 0x3011 ||
	    c == 0x3015 || c == 0x300B;	/* 】 〕 》 */
}

/* A note in brackets: only lane-house room words count in it. */
static void
lex_bracket(struct lex *lx)
{
	size_t i = lx->i, w, l;
	int depth = 0, c;

	do {
		c = cp_at(lx->p, lx->n, i, &w);
		if ((l = lex_roomword(lx, i, c)) > 0) {
			i += l;
			continue;
		}
		if (is_open(c))
			depth++;
		else if (is_close(c))
			depth--;
		i += w;
	} while (i < lx->n && depth > 0);
	lx->i = i;
	lx->pending = -1;
}

/* v in decimal; returns the length.  v <= 999999. */
static size_t
decimal(long v, char *buf)
{
	char tmp[16];
	size_t l = 0, k;

	do {
		tmp[l++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (k = 0; k < l; k++)
		buf[k] = tmp[l - 1 - k];
	return l;
}

/* Chinese text: a numeral with a marker, a room word, or nothing. */
static void
lex_cjk(struct lex *lx)
{
	size_t i = lx->i, w, used, next, l;
	long v;
	int c, kind;
	char buf[16];

	c = cp_at(lx->p, lx->n, i, &w);
	if (is_open(c)) {
		lex_bracket(lx);
		return;
	}
	lx->pending = -1;
	if ((l = lex_roomword(lx, i, c)) > 0) {
		lx->i = i + l;
		return;
	}
	lx->i = i + w;
	if (sq_cn_digit(c) < 0 && c != 0x5341 && c != 0x767E && c != 0x5343)
		return;				/* not a numeral, nor 十 百 千 */
	/* 三单元, 十二号楼; without a marker it is text: 五角场 */
	v = sq_cn_number((const char *)lx->p + i, lx->n - i, &used);
	lx->i = i + used;
	kind = classify(lx, i + used, &next, 0);
	if (kind == K_BARE || kind == K_NAME)
		return;
	lx->i = next;
	if (v > 999999)
		lx->sc->longnum = 1;
	else {
		l = decimal(v, buf);
		add_item(lx, buf, l, kind, i, next, l, buf[0]);
	}
}

static void
lex(struct lex *lx)
{
	unsigned char c;

	while (lx->i < lx->n) {
		c = lx->p[lx->i];
		if (is_digit(c) || is_alpha(c))
			lex_ascii(lx);
		else if (c >= 0x80)
			lex_cjk(lx);
		else if (is_open(c))
			lex_bracket(lx);
		else
			lx->i++;	/* a separator: - . / , : # space */
	}
}

/* Fold s and add its numbers to sc. */
static const char *
scan(const char *s, size_t len, struct scan *sc)
{
	char buf[MAXLEN + 1];
	struct lex lx;

	len = sq_trim(&s, len);
	if (len == 0)
		return _("empty address");
	if (len > MAXLEN)
		return _("address too long");
	if (!sq_utf8_valid((const unsigned char *)s, len, NULL))
		return _("not valid UTF-8");
	lx.n = sq_fold(s, len, buf, sizeof(buf));
	lx.p = (const unsigned char *)buf;
	lx.i = 0;
	lx.prev_end = NONE;
	lx.pending = -1;
	lx.sc = sc;
	lex(&lx);
	return NULL;
}

/* "138-0013-8000", "+86 138 0013 8000", "021 6438 1234": all digits. */
static int
phone_like(const struct scan *sc)
{
	int k, tot = 0;

	for (k = 0; k < sc->n; k++) {
		if (sc->it[k].kind != K_BARE || sc->it[k].alpha)
			return 0;
		tot += sc->it[k].tdig;
	}
	if (sc->n == 0)
		return 0;
	switch (sc->it[0].first) {
	case '1':
		return tot == 11;
	case '0':
		return tot >= 10 && tot <= 12;
	case '8':
		return tot == 13 && strncmp(sc->it[0].v, "86", 2) == 0;
	}
	return 0;
}

/*
 * A mobile number typed in groups after the address, "138-0013-8000" or
 * "138 0013 8000": set it aside like an unbroken one.
 */
static void
drop_split_phones(struct scan *sc)
{
	struct item *it = sc->it;
	int s, e, tot;

	for (s = 0; s + 1 < sc->n; s++) {
		if (it[s].kind != K_BARE || it[s].tdig != 3 ||
		    it[s].first != '1')
			continue;
		for (tot = 3, e = s + 1; e < sc->n && e <= s + 2; e++) {
			if (it[e].kind != K_BARE || !it[e].near || it[e].alpha)
				break;
			if ((tot += it[e].tdig) == 11) {
				memmove(it + s, it + e + 1, (size_t)(sc->n - e -
				    1) * sizeof(*it));
				sc->n -= e + 1 - s;
				sc->longnum = 1;
				s--;
				break;
			}
		}
	}
}

/*
 * Join "502" "-1" into the room "502-1".  Once: a room let in parts has
 * one part number ("502-1-1" would be a key no column gives back).
 */
static int
join_subroom(struct item *a, const struct item *b)
{
	size_t la = strlen(a->v), lb = strlen(b->v);

	if (!b->joined || b->alpha || b->tdig > 2 || a->sdig == 0 ||
	    la + 1 + lb >= sizeof(a->v) || memchr(a->v, '-', la) != NULL)
		return 0;
	a->v[la] = '-';
	memcpy(a->v + la + 1, b->v, lb + 1);
	return 1;
}

struct places {
	int	 slot[3];	/* item of building, unit, room; -1 none */
	int	 lane, zone, floor;
	int	 hao_b;		/* the building came from a bare 号 */
	int	 marked;	/* some number had a marker */
};

/* Marked numbers go where their marker says. */
static const char *
place_marked(struct item *it, int n, struct places *pl)
{
	int i, bare = 0;

	for (i = 0; i < n; i++) {
		int *s = pl->slot;

		if (it[i].kind != K_BARE)
			pl->marked = 1;
		switch (it[i].kind) {
		case K_BARE:
			bare = 1;
			break;
		case K_LANE:
			if (pl->lane >= 0)
				return _("two lane numbers");
			pl->lane = i;
			break;
		case K_ZONE:
		case K_GROUP:
			if (pl->zone >= 0)
				return _("two zone numbers (区/期/组)");
			pl->zone = i;
			break;
		case K_BLDG:
			if (s[B] >= 0) {
				if (!pl->hao_b || pl->lane >= 0)
					return _("two building numbers");
				pl->lane = s[B];	/* XX路88号5号楼 */
			}
			s[B] = i;
			pl->hao_b = 0;
			break;
		case K_HAO:
			if (s[B] < 0 && !bare) {
				s[B] = i;
				pl->hao_b = 1;
			} else if (s[R] < 0)
				s[R] = i;	/* 5号楼502号, 12-2-502号 */
			else
				return _("two room numbers");
			break;
		case K_LOU:
			if (s[B] < 0 && s[U] < 0 && s[R] < 0 && !bare)
				s[B] = i;		/* 12楼3门502 */
			else if (pl->floor < 0)
				pl->floor = i;
			break;
		case K_UNIT:
			if (s[U] >= 0)
				return _("two unit numbers");
			s[U] = i;
			break;
		case K_ROOM:
			if (s[R] >= 0)
				return _("two room numbers");
			s[R] = i;
			break;
		case K_FLOOR:
			if (pl->floor < 0)
				pl->floor = i;
			break;
		}
	}
	return NULL;
}

/*
 * Unmarked numbers g[0..k-1], all between the marked ranks lo and hi, take
 * the free ranks between in order.  Building and room are needed, the unit
 * is not, so with one number short the unit is the one left out.
 */
static const char *
place_group(struct item *it, int *g, int k, int lo, int hi,
    struct places *pl, const int *anchor, int longnum)
{
	int av[3], na = 0, r, anchored, house;

	for (r = lo + 1; r < hi; r++)
		if (pl->slot[r] < 0)
			av[na++] = r;
	anchored = anchor[B] >= 0 || anchor[U] >= 0;
	house = pl->lane >= 0 || (pl->zone >= 0 &&
	    it[pl->zone].kind == K_GROUP);
	/*
	 * 12号楼2单元502-1, 12栋2-502-1: a sub-let room of flat 502; with
	 * no marker too when the flat has three digits (12-2-502-1)
	 */
	if (k == na + 1 && na > 0 && av[na - 1] == R && (anchored ||
	    (k >= 2 && it[g[k - 2]].sdig >= 3 && !it[g[k - 2]].alpha)) &&
	    join_subroom(&it[g[k - 2]], &it[g[k - 1]]))
		k--;
	/* 12-502-1, 12号楼502-1: no unit has three digits */
	else if (k >= 2 && k == na && na >= 2 && av[na - 2] == U &&
	    it[g[k - 2]].sdig >= 3 && !it[g[k - 2]].alpha &&
	    join_subroom(&it[g[k - 2]], &it[g[k - 1]]))
		k--;
	for (r = 0; k < na && r < na; r++)
		if (av[r] == U) {
			memmove(av + r, av + r + 1, (size_t)(na - r - 1) *
			    sizeof(av[0]));
			na--;
		}
	if (k < na) {			/* one number, building or room */
		if (!house && pl->marked)
			return _("no building number");
		if (!house)
			return longnum ? PHONE :
			    _("only one number: cannot tell building from room");
		na = 1;			/* 123弄5: the house */
	}
	if (k > na)
		return TOO_MANY;
	for (r = 0; r < k; r++)
		pl->slot[av[r]] = g[r];
	return NULL;
}

/* Unmarked numbers, group by group between the marked ones. */
static const char *
place_bare(struct item *it, int n, struct places *pl, int longnum)
{
	int anchor[3], g[MAXITEMS], k, i, r, lo, hi;
	const char *why;

	memcpy(anchor, pl->slot, sizeof(anchor));
	for (i = 0; i < n; ) {
		if (it[i].kind != K_BARE) {
			i++;
			continue;
		}
		lo = -1;
		hi = 3;
		for (r = 0; r < 3; r++) {
			if (anchor[r] >= 0 && anchor[r] < i)
				lo = r;
			if (anchor[r] > i && hi == 3)
				hi = r;
		}
		/* a floor comes after building and unit, before the room */
		if (pl->floor > i && hi > R)
			hi = R;
		if (pl->floor >= 0 && pl->floor < i && lo < U)
			lo = U;
		/* the group runs until the next marked number */
		for (k = 0; i < n; i++) {
			if (i == anchor[B] || i == anchor[U] ||
			    i == anchor[R] || i == pl->floor)
				break;
			if (it[i].kind == K_BARE)
				g[k++] = i;
		}
		/* after "502室" the address is over ("502室 年龄80"), but
		 * for a sub-let room "502室-1" */
		if (lo == R && hi == 3 && it[anchor[R]].kind == K_ROOM) {
			join_subroom(&it[anchor[R]], &it[g[0]]);
			continue;
		}
		if ((why = place_group(it, g, k, lo, hi, pl, anchor,
		    longnum)) != NULL)
			return why;
	}
	return NULL;
}

static void
copy(char *dst, size_t dsz, const char *src)
{
	size_t l = strlen(src);

	if (l >= dsz)
		l = dsz - 1;
	memcpy(dst, src, l);
	dst[l] = '\0';
}

static int
is_zero(const char *v)
{
	return v[0] == '0' && v[1] == '\0';
}

/*
 * A lane house with no room: the floor f (or NULL) and the room word rw (or
 * NULL) are the room: "2F", "QL", "2FQL".
 */
static void
house_room(const char *f, const struct roomword *rw, char *room, size_t sz)
{
	char r[16];
	size_t l = 0;

	if (f == NULL && rw != NULL && rw->floor)
		f = "1";			/* 底楼 */
	if (f != NULL && strlen(f) <= 6) {
		l = strlen(f);
		memcpy(r, f, l);
		r[l++] = 'F';
	}
	if (rw != NULL) {
		memcpy(r + l, rw->code, strlen(rw->code));
		l += strlen(rw->code);
	}
	r[l] = '\0';
	copy(room, sz, r);
}

/*
 * "12楼1203": 12 is the floor of room 1203, not a building.  楼 reads as a
 * building only when the room does not begin with it ("12楼502") or a unit
 * is given ("12楼3门1203").
 */
static int
lou_is_floor(const struct item *it, const int *s)
{
	const char *b, *r;
	size_t lb, lr;

	if (s[B] < 0 || it[s[B]].kind != K_LOU || s[U] >= 0 || s[R] < 0)
		return 0;
	b = it[s[B]].v;
	r = it[s[R]].v;
	lb = strlen(b);
	lr = strspn(r, "0123456789");
	return !it[s[B]].alpha && lr == lb + 2 && strncmp(b, r, lb) == 0;
}

/*
 * "5楼2室", "18层3室", "5F2": the floor and the flat on it, which is flat
 * 502, 1803 as the roster numbers it.  Only a room of one or two digits,
 * without letters or a sub-let part, after a floor of at most three.
 */
static int
floor_room(const struct item *it, const struct places *pl, char *room,
    size_t sz)
{
	const struct item *f, *r;

	if (pl->floor < 0 || pl->slot[R] < pl->floor)
		return 0;
	f = &it[pl->floor];
	r = &it[pl->slot[R]];
	if (f->alpha || r->alpha || f->sdig == 0 || f->sdig > 3 ||
	    r->sdig == 0 || r->sdig > 2 || strchr(r->v, '-') != NULL ||
	    strlen(f->v) + 3 > sz)
		return 0;
	size_t fl = strlen(f->v), rl = strlen(r->v);
	memcpy(room, f->v, fl);
	if (rl == 1)
		room[fl++] = '0';
	memcpy(room + fl, r->v, rl + 1);
	return 1;
}

static const char *
fill(const struct scan *sc, const struct places *pl, struct sq_addr *a)
{
	const struct item *it = sc->it;
	const int *s = pl->slot;
	int house;

	if (s[B] < 0 || lou_is_floor(it, s))
		return sc->longnum && !pl->marked ? PHONE :
		    _("no building number");
	if (s[U] >= 0 && it[s[U]].sdig >= 3)
		return _("unit number too long (is it a room?)");
	house = s[U] < 0 && (pl->lane >= 0 ||
	    (pl->zone >= 0 && it[pl->zone].kind == K_GROUP));
	if (s[R] < 0 && !house)
		return sc->longnum && !pl->marked ? PHONE : _("no room number");
	if (is_zero(it[s[B]].v))
		return _("building number is 0");
	if (s[R] >= 0 && is_zero(it[s[R]].v))
		return _("room number is 0");
	if (pl->lane >= 0 && is_zero(it[pl->lane].v))
		return _("lane number is 0");
	/* "12-2-502 弄..." must not turn 502 into a lane and 2 into a room */
	if (pl->lane > s[B] || (s[R] >= 0 && pl->lane > s[R]))
		return _("lane number after the building number");
	if (pl->zone > s[B] || (s[R] >= 0 && pl->zone > s[R]))
		return _("zone number after the building number");
	copy(a->building, sizeof(a->building), it[s[B]].v);
	if (s[U] >= 0 && !is_zero(it[s[U]].v))
		copy(a->unit, sizeof(a->unit), it[s[U]].v);
	if (s[R] >= 0 && floor_room(it, pl, a->room, sizeof(a->room)))
		;
	else if (s[R] >= 0)
		copy(a->room, sizeof(a->room), it[s[R]].v);
	else
		house_room(pl->floor >= 0 ? it[pl->floor].v : NULL, sc->word,
		    a->room, sizeof(a->room));
	if (pl->lane >= 0)
		copy(a->lane, sizeof(a->lane), it[pl->lane].v);
	if (pl->zone >= 0)
		copy(a->zone, sizeof(a->zone), it[pl->zone].v);
	return NULL;
}

/*
 * "502-1室", "502-1号": the marker after the sub-let part marks the whole
 * room "502-1", not a room "1" after an unmarked 502.
 */
static void
join_marked_subrooms(struct scan *sc)
{
	struct item *it = sc->it;

	for (int i = 1; i < sc->n; i++) {
		if ((it[i].kind != K_ROOM && it[i].kind != K_HAO) ||
		    (it[i - 1].kind != K_BARE && it[i - 1].kind != K_ROOM) ||
		    it[i - 1].sdig < 3 || it[i - 1].alpha ||
		    !join_subroom(&it[i - 1], &it[i]))
			continue;
		it[i - 1].kind = K_ROOM;
		memmove(it + i, it + i + 1, (size_t)(sc->n - i - 1) *
		    sizeof(*it));
		sc->n--;
		i--;
	}
}

static const char *
resolve(struct scan *sc, struct sq_addr *a)
{
	struct places pl = { { -1, -1, -1 }, -1, -1, -1, 0, 0 };
	const char *why;

	if (sc->overflow)
		return TOO_MANY;
	if (sc->n == 0)
		return sc->longnum ? PHONE : _("no building or room number");
	if (phone_like(sc))
		return PHONE;
	drop_split_phones(sc);
	if (sc->n == 0)
		return PHONE;
	join_marked_subrooms(sc);
	if ((why = place_marked(sc->it, sc->n, &pl)) != NULL ||
	    (why = place_bare(sc->it, sc->n, &pl, sc->longnum)) != NULL)
		return why;
	return fill(sc, &pl, a);
}

static int
result(const char *why, struct sq_addr *a, const char **whyp)
{
	if (why == NULL)
		return 0;
	memset(a, 0, sizeof(*a));
	if (whyp != NULL)
		*whyp = why;
	return -1;
}

int
sq_addr_parse(const char *s, size_t len, struct sq_addr *a, const char **why)
{
	struct scan sc;
	const char *w;

	memset(a, 0, sizeof(*a));
	sc.n = sc.overflow = sc.longnum = 0;
	sc.word = NULL;
	if ((w = scan(s, len, &sc)) == NULL)
		w = resolve(&sc, a);
	return result(w, a, why);
}

/*
 * The numbers of the building, unit and room columns into sc: one
 * unmarked number is the column's, more are placed by order; a 号 outside
 * the building column marks the room.  *used: a bit per column with text.
 */
static const char *
scan_columns(const char *const col[3], struct scan *sc, int *used)
{
	static const int colkind[3] = { K_BLDG, K_UNIT, K_ROOM };
	const char *w;
	int c, k, first, nbare;

	*used = 0;
	for (c = 0; c < 3; c++) {
		const char *t = col[c];
		size_t l = t != NULL ? strlen(t) : 0;

		if (l == 0 || sq_trim(&t, l) == 0)
			continue;
		*used |= 1 << c;
		first = sc->n;
		if ((w = scan(col[c], strlen(col[c]), sc)) != NULL)
			return w;
		for (nbare = 0, k = first; k < sc->n; k++)
			nbare += sc->it[k].kind == K_BARE;
		for (k = first; k < sc->n; k++)
			if ((sc->it[k].kind == K_BARE && nbare == 1) ||
			    (sc->it[k].kind == K_HAO && c != B))
				sc->it[k].kind = (unsigned char)colkind[c];
	}
	return NULL;
}

static void
scan_init(struct scan *sc)
{
	sc->n = sc->overflow = sc->longnum = 0;
	sc->word = NULL;
}

int
sq_addr_from_parts(const char *building, const char *unit, const char *room,
    struct sq_addr *a, const char **why)
{
	const char *col[3] = { building, unit, room }, *w;
	struct scan sc;
	int used;

	memset(a, 0, sizeof(*a));
	scan_init(&sc);
	w = scan_columns(col, &sc, &used);
	if (w == NULL && used == 0)
		w = _("empty address");
	else if (w == NULL && used == 1 << B)	/* the whole address in one */
		return sq_addr_parse(building, strlen(building), a, why);
	else if (w == NULL)
		w = resolve(&sc, a);
	return result(w, a, why);
}

/*
 * Does the address whole, read from the rest cell alone, name the building
 * (and lane) the columns name, if they name one?
 */
static int
same_building(const struct scan *cols, const struct sq_addr *whole)
{
	struct places pl = { { -1, -1, -1 }, -1, -1, -1, 0, 0 };
	struct item it[MAXITEMS];

	memcpy(it, cols->it, sizeof(it));
	if (place_marked(it, cols->n, &pl) != NULL)
		return 0;
	if (pl.slot[B] >= 0 && strcmp(it[pl.slot[B]].v, whole->building) != 0)
		return 0;
	if (pl.lane >= 0 && strcmp(it[pl.lane].v, whole->lane) != 0)
		return 0;
	return 1;
}

int
sq_addr_from_cells(const char *building, const char *unit, const char *room,
    const char *rest, struct sq_addr *a, const char **why)
{
	const char *col[3] = { building, unit, room }, *w, *t = rest;
	size_t rl = rest != NULL ? strlen(rest) : 0;
	struct sq_addr whole;
	struct scan sc;
	int used;

	if (rl == 0 || sq_trim(&t, rl) == 0)
		return sq_addr_from_parts(building, unit, room, a, why);
	memset(a, 0, sizeof(*a));
	scan_init(&sc);
	if ((w = scan_columns(col, &sc, &used)) != NULL)
		return result(w, a, why);
	if (used == 0)
		return sq_addr_parse(rest, rl, a, why);
	/* pieces of one address: the columns, then the rest as typed */
	struct scan cols = sc;
	if ((w = scan(rest, rl, &sc)) == NULL)
		w = resolve(&sc, a);
	if (w == NULL)
		return 0;
	/* else a whole address beside a building column that says the same */
	if (sq_addr_parse(rest, rl, &whole, NULL) == 0 &&
	    same_building(&cols, &whole)) {
		*a = whole;
		return 0;
	}
	return result(w, a, why);
}

/* A fixed buffer filled like snprintf: count everything, write what fits. */
struct out {
	char	*s;
	size_t	 sz, n;
};

static void
put(struct out *o, char c)
{
	if (o->n + 1 < o->sz)
		o->s[o->n] = c;
	o->n++;
}

/* "B" + letters + digits padded to width + the rest: B0012A, BA, R0502-1 */
static void
put_part(struct out *o, char tag, const char *v, int width)
{
	size_t d = 0, k;
	const char *v0 = v;

	put(o, tag);
	while (is_alpha((unsigned char)*v))
		put(o, *v++);
	while (is_digit((unsigned char)v[d]))
		d++;
	if (d > 0 || *v0 == '\0')	/* "" pads too: U00, R0000 */
		for (k = d; k < (size_t)width; k++)
			put(o, '0');
	while (*v != '\0')
		put(o, *v++);
}

static void
put_end(struct out *o)
{
	if (o->sz > 0)
		o->s[o->n < o->sz ? o->n : o->sz - 1] = '\0';
}

static void
put_key(struct out *o, const struct sq_addr *a)
{
	if (a->zone[0] != '\0') {
		put_part(o, 'Z', a->zone, 2);
		put(o, '-');
	}
	if (a->lane[0] != '\0') {
		put_part(o, 'L', a->lane, 4);
		put(o, '-');
	}
	put_part(o, 'B', a->building, 4);
	put(o, '-');
	put_part(o, 'U', a->unit, 2);
	put(o, '-');
	put_part(o, 'R', a->room, 4);
}

size_t
sq_addr_key(const struct sq_addr *a, char *out, size_t outsz)
{
	struct out o = { out, outsz, 0 };

	put_key(&o, a);
	put_end(&o);
	return o.n;
}

/* The community's hash as the key prefix says it; 0 if it has none. */
static int
community_hash(const char *community, size_t clen, uint32_t *hp)
{
	uint32_t h = SQ_FNV1A32_INIT;
	size_t i = 0, n;
	int any = 0;
	char f[4];

	while (community != NULL && i < clen) {
		n = sq_fold_next(community, clen, &i, f);
		if (n == 1 && (f[0] == ' ' || (f[0] >= '\t' && f[0] <= '\r')))
			continue;	/* "阳光 小区" is "阳光小区" */
		if (n == 1 && f[0] >= 'A' && f[0] <= 'Z')
			f[0] = (char)(f[0] + 0x20);
		h = sq_fnv1a32(f, n, h);
		any = 1;
	}
	*hp = h;
	return any;
}

/*
 * The communities a thread keyed last: a district has a few hundred (the
 * 1M bench 667: with 512 slots about 4 rows in 10 folded a name again), and
 * folding one's name was a third of making a check-in's key.  Per thread,
 * so that two reading threads never share it; a cell longer than a slot
 * is folded each time.
 */
enum { NCOMM = 2048, COMM_BYTES = 62 };
static _Thread_local struct {
	uint32_t h;
	unsigned char len, any;		/* len 0: empty */
	char	 s[COMM_BYTES];
} comm_seen[NCOMM];

static int
community_hash_cached(const char *community, size_t clen, uint32_t *hp)
{
	if (community == NULL || clen == 0 || clen > COMM_BYTES)
		return community_hash(community, clen, hp);
	uint32_t slot = sq_hash(community, clen) % NCOMM;
	if (comm_seen[slot].len == clen &&
	    memcmp(comm_seen[slot].s, community, clen) == 0) {
		*hp = comm_seen[slot].h;
		return comm_seen[slot].any;
	}
	int any = community_hash(community, clen, hp);
	comm_seen[slot].len = (unsigned char)clen;
	comm_seen[slot].any = (unsigned char)any;
	comm_seen[slot].h = *hp;
	memcpy(comm_seen[slot].s, community, clen);
	return any;
}

size_t
sq_addr_key_community(const char *community, size_t clen,
    const struct sq_addr *a, char *out, size_t outsz)
{
	static const char hex[] = "0123456789abcdef";
	struct out o = { out, outsz, 0 };
	uint32_t h;
	size_t k;
	int any = community_hash_cached(community, clen, &h);

	if (any) {
		put(&o, 'C');
		for (k = 0; k < 8; k++)
			put(&o, hex[(h >> (28 - 4 * k)) & 0xF]);
		put(&o, '-');
	}
	put_key(&o, a);
	put_end(&o);
	return o.n;
}
