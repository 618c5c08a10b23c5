/*
 * addrlex.c — the address lexer: a cell folded into a stack buffer and read
 * once, left to right, keeping only the numbers, each with the marker typed
 * after it (号楼, 单元, 室...) and what lies around it.  address.c places
 * them; address.h says what is read.
 */
#include <stdint.h>
#include <string.h>

#include "addrlex.h"
#include "diag.h"
#include "text.h"

#define MAXLEN		500	/* longer is not an address, and fits the buffer */
#define MAXDIG		6	/* 7 digits and more: a phone number */
#define NONE		((size_t)-1)

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

static char
upper(unsigned char c)
{
	return (char)(c >= 'a' && c <= 'z' ? c - 0x20 : c);
}

/*
 * Code point at p[i] (the text is valid UTF-8), its length in *w.  A
 * Chinese character is three bytes: decoded here, the rest by the library.
 */
static inline int
cp_at(const unsigned char *p, size_t n, size_t i, size_t *w)
{
	size_t j = i;
	int c;

	if (p[i] >= 0xE0 && p[i] < 0xF0 && n - i >= 3) {
		*w = 3;
		return (p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 |
		    (p[i + 2] & 0x3F);
	}
	c = sq_utf8_next(p, n, &j);
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
	int c;

	if (i >= n)
		return 0;
	if (p[i] == '#') {
		*kind = K_BLDG;
		return 1;
	}
	if (p[i] < 0x80)
		return 0;
	c = cp_at(p, n, i, &w);
	/* the character after it, for 号楼, 单元, 支弄 (only they look) */
#define C2()	(i + w < n && p[i + w] >= 0x80 ? cp_at(p, n, i + w, &w2) : -1)
	switch (c) {
	case 0x53F7: case 0x865F:		/* 号 號 */
		*kind = hao_kind(C2(), &two);
		break;
	case 0x680B: case 0x68DF: case 0x5E62: case 0x5EA7: /* 栋 棟 幢 座 */
		*kind = K_BLDG;
		break;
	case 0x697C: case 0x6A13:		/* 楼 樓 */
		*kind = K_LOU;
		break;
	case 0x5355: case 0x55AE:		/* 单 單: only 单元 */
		if (C2() != 0x5143)
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
		if (C2() != 0x5F04)
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
#undef C2
	return two ? w + w2 : w;
}

/*
 * What the number ending at p[end] is: its marker, K_NAME, or K_BARE (or
 * the pending English word's kind).  *next is where lexing goes on.
 */
static inline int
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

/*
 * A new item of the kind, for the value at p[start..end): NULL when the
 * kind makes none (a name, a word skipped) or the cell has too many.  Its
 * value, digits and first byte are the caller's to fill.
 */
static inline struct item *
new_item(struct lex *lx, int kind, size_t start, size_t end)
{
	struct scan *sc = lx->sc;
	struct item *it;

	lx->pending = -1;
	if (kind == K_NAME || kind == K_SKIP)
		return NULL;
	if (sc->n == MAXITEMS) {
		sc->overflow = 1;
		return NULL;
	}
	it = &sc->it[sc->n++];
	memset(it, 0, sizeof(*it));
	it->kind = (unsigned char)kind;
	if (lx->prev_end != NONE && start == lx->prev_end + 1) {
		it->joined = lx->p[lx->prev_end] == '-';
		it->near = it->joined || lx->p[lx->prev_end] == ' ';
	}
	lx->prev_end = end;
	return it;
}

static void
add_item(struct lex *lx, const char *v, size_t vlen, int kind, size_t start,
    size_t end, size_t tdig, char first)
{
	struct item *it = new_item(lx, kind, start, end);

	if (it == NULL)
		return;
	memcpy(it->v, v, vlen);
	it->tdig = (unsigned char)tdig;
	it->first = first;
	for (size_t k = 0; k < vlen; k++) {
		if (is_digit((unsigned char)v[k]))
			it->sdig++;
		else
			it->alpha = 1;
	}
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

/*
 * THE FAST PATH.  Most cells are typed in a few shapes (12号楼2单元502室,
 * 12-2-502, XX路123弄5号 前楼): ASCII, and Chinese characters of three
 * bytes that fold does not change.  Trimmed (as the full lexer trims
 * first), such a cell is valid UTF-8 and folds to itself, so it is lexed in
 * place, and a number of digits alone (the usual item) is read by
 * lex_number(), which is lex_ascii() + classify() + add_item() for that
 * case.  The items are the full lexer's: test_addrfast checks it over
 * generated shapes.
 */

/*
 * Whether the trimmed s needs no fold and no UTF-8 check: ASCII, and
 * three-byte characters U+3001..U+9FFF (lead E3..E9: none is folded or a
 * surrogate) but U+3000 (folded to a space).  The ends are checked again:
 * nothing to trim.  FOLD: a byte fold may change came first (full-width
 * forms, dashes), the cell is to be folded and looked at again.
 */
#define FOLD	2
static inline int
fast_ok(const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (n == 0 || n > MAXLEN || (p[0] <= ' ' || p[n - 1] <= ' '))
		return 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		unsigned c1, c2;

		if (p[i] - 0xE3u > 0xE9u - 0xE3u || n - i < 3)
			/* １２－５０２, 12—502: fold may change it */
			return p[i] == 0xEF || p[i] == 0xE2 || p[i] == 0xC2 ?
			    FOLD : 0;
		c1 = p[i + 1] ^ 0x80u;	/* continuation bytes: 0..0x3F */
		c2 = p[i + 2] ^ 0x80u;
		if ((c1 | c2) > 0x3F || (p[i] == 0xE3 && (c1 | c2) == 0))
			return 0;
		i += 3;
	}
	return 1;
}

/*
 * Digits p[lx->i..d) with no letter after them: lex_ascii() for that
 * case, without its value() and digit count (all digits: sdig is the
 * value's length).
 */
static void
lex_number(struct lex *lx, size_t d)
{
	const unsigned char *p = lx->p;
	size_t i = lx->i, m, next, vl;
	struct item *it;

	if (d - i > MAXDIG) {
		lx->sc->longnum = 1;
		lx->pending = -1;
		lx->i = d;
		return;
	}
	int kind = classify(lx, d, &next, 1);
	lx->i = next;
	if ((it = new_item(lx, kind, i, next)) == NULL)
		return;
	for (m = i; m + 1 < d && p[m] == '0'; m++)
		;
	for (vl = 0; m < d; m++)	/* at most MAXDIG: no memcpy call */
		it->v[vl++] = (char)p[m];
	it->tdig = (unsigned char)(d - i);
	it->first = (char)p[i];
	it->sdig = (unsigned char)vl;
}

/* lex() on a cell fast_ok() took */
static void
lex_fast(struct lex *lx)
{
	const unsigned char *p = lx->p;
	size_t n = lx->n, d;
	unsigned char c;

	while (lx->i < n) {
		c = p[lx->i];
		if (is_digit(c)) {
			for (d = lx->i + 1; d < n && is_digit(p[d]); d++)
				;
			if (d < n && is_alpha(p[d]))
				lex_ascii(lx);		/* 12A, 5F, 12Room */
			else
				lex_number(lx, d);
		} else if (is_alpha(c))
			lex_ascii(lx);
		else if (c >= 0x80)
			lex_cjk(lx);
		else if (is_open(c))
			lex_bracket(lx);
		else
			lx->i++;
	}
}

int
sq_addr_scan_fast(const char *s, size_t len, struct scan *sc)
{
	const unsigned char *u = (const unsigned char *)s;
	struct lex lx;

	/* only an end that may be white space is trimmed: "新闸路 88弄 5号 " */
	if (len > 0 && (u[0] <= ' ' || u[0] == 0xC2 || u[0] == 0xE3 ||
	    u[len - 1] <= ' ' || u[len - 1] == 0xA0 || u[len - 1] == 0x80))
		len = sq_trim(&s, len);
	char buf[MAXLEN + 1];
	int ok = fast_ok((const unsigned char *)s, len);

	/*
	 * Folded as the full lexer folds it, a cell the same test takes is
	 * lexed like one typed that way: its bytes are ASCII and whole
	 * three-byte characters fold never makes (it only makes ASCII), each
	 * copied from the cell as it was, so the cell was valid UTF-8 too.
	 */
	if (ok == FOLD && len <= MAXLEN) {
		len = sq_fold(s, len, buf, sizeof(buf));
		s = buf;
		ok = fast_ok((const unsigned char *)s, len);
	}
	if (ok != 1)
		return 0;
	lx.p = (const unsigned char *)s;
	lx.n = len;
	lx.i = 0;
	lx.prev_end = NONE;
	lx.pending = -1;
	lx.sc = sc;
	lex_fast(&lx);
	return 1;
}

const char *
sq_addr_scan(const char *s, size_t len, struct scan *sc)
{
	return sq_addr_scan_fast(s, len, sc) ? NULL :
	    sq_addr_scan_full(s, len, sc);
}

const char *
sq_addr_scan_full(const char *s, size_t len, struct scan *sc)
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
