/*
 * address.h — household addresses to one stable ASCII key.
 *
 * THE KEY
 *   [Z<zone>-][L<lane>-]B<building>-U<unit>-R<room>
 *     B0012-U02-R0502            12号楼2单元502室, 12-2-502, １２－２－５０２
 *     B0012-U00-R0502            12幢502 (no unit: U00)
 *     L0123-B0005-U00-R1201      XX路123弄5号1201室
 *     L0123-B0005-U00-R0000      XX路123弄5号 (a whole house: R0000)
 *     Z02-B0012-U02-R0502        二期12号楼2单元502
 *     B0012A-U02-R0502  BA-U00-R1203  BA0012-U00-R0101   (12A, A座, A12)
 *     B0012-U02-R0502-1          12号楼2单元502-1 (a room let on its own)
 *     L0123-B0005-U00-R0002F     123弄5号2楼 (a floor of a lane house)
 *     L0123-B0005-U00-R0002FQL   123弄5号二楼前楼
 *   Each part is its tag letter, any leading letters of the value, the
 *   digits zero-padded (zone and unit to 2, lane, building and room to 4),
 *   then the rest of the value as it is.  Longer numbers are kept whole.
 *   Typed leading zeros are dropped first ("0502" is "502"); unit 0 is no
 *   unit.  Letters are upper case.  A plain byte sort (LC_ALL=C sort) is the
 *   natural order, building 2 before 10; a key holds only [0-9A-Z-].
 *   With a community the key is prefixed by "C", 8 lower-case hex digits of
 *   FNV-1a 32 over the community name folded (full-width to ASCII), with no
 *   white space left anywhere in it and ASCII letters in lower case, and
 *   "-": C1a2b3c4d-B0012-U02-R0502.  So "阳光小区", " 阳光 小区" and
 *   "阳光小区　" are one community; "阳光" and "阳光小区" are two.
 *
 * WHAT IS READ
 *   Numbers: ASCII or full-width digits, with one or two letters before or
 *   after (A12, 12A), a lone letter with a marker (A座, B区, Block A) or
 *   before a dash (A-1203), Chinese numerals followed by a marker (三单元,
 *   十二号楼, 五〇二室).  Markers after a number, spaces allowed between:
 *     弄  号院            lane (a 号院 compound counts as a lane)
 *     号楼 栋 幢 座 #      building
 *     号                  the building, or the room once a building or an
 *                         unmarked number comes first (5号楼502号,
 *                         12-2-502号); "XX路88号5号楼" reads 88 as the lane
 *     楼                  the building if it is the first number (12楼3门502,
 *                         12楼502), else a floor; but "12楼1203", where the
 *                         room begins with it, is floor 12: no building
 *     单元 门 号门         unit
 *     室 房 户 号房 号室    room; numbers after "502室" are notes
 *     层 F (5F)           floor: comes between unit and room, and is
 *                         dropped (the room says it) except in a lane house;
 *                         with a room of one or two digits it makes the
 *                         flat: 5楼2室 is 502, 18层3室 1803
 *     区 期 组             zone, phase, village group: the Z part
 *     支弄                sub-lane: dropped, house numbers are the lane's
 *   Traditional forms (號 樓 棟 單 門 層 區 組) read the same.  English
 *   words before a number: Building/Bldg/Block/Blk, Unit, Room/Rm/Flat/Apt,
 *   Lane, Floor/Fl; No. is ignored.
 *   Numbers without a marker fill the free places in order, around the
 *   marked ones and the floor:
 *     three: building, unit, room (12-2-502, 12.2.502, 12 2 502, 12/2/502)
 *     two:   building and room (12-502); after a building, unit and room
 *            (12栋2-502, 12#2-502); before a room, building and unit
 *     one:   the room after a building (12幢502, A座1203), the building
 *            after a lane (123弄5), the building before a unit.
 *   A sub-let room "502-1" (a dash and one or two digits after the flat)
 *   is the room "502-1" when a marker already placed building or unit
 *   (12号楼2单元502-1, 12栋2-502-1, 12-2-502室-1), and in "12-502-1" (no
 *   unit has three digits), and in "12-2-502-1" (four numbers, the flat
 *   of three digits or more); "502-1室", "502-1号" are the room "502-1".
 *   Ignored: text without numbers (province, city, road, community name:
 *   the community is its own column), anything in brackets （租户） [..]
 *   【..】 〔..〕 《..》 {..} (an unclosed one runs to the end), a number or
 *   marker that is part of a word or quantity (3号线, 八号桥, 三门路, 2人,
 *   88路, 两室一厅, 4月1日; after a space also 502 楼下/门口/房东/户主),
 *   numbers of 7 or more digits and mobile numbers typed in groups
 *   (138-0013-8000) when the rest is a full address.  Dashes of any width
 *   (- － — – ‐ ― ─ −), dots, slashes, commas, 、 and spaces separate.
 *
 *   A room is needed, except in a lane house (a lane or a 组, and no unit):
 *   "XX路123弄5号" is the whole house, R0000.  There a floor (2楼, 二层,
 *   底楼) and a lane-house room word (亭子间 灶披间 前/后/东/西厢房 厢房
 *   前/后客堂 客堂(间) 三/二层阁 阁楼 晒台 前楼 后楼 前间 后间, brackets
 *   included) make the room, as each is often a household of its own:
 *   2楼 "2F", 前楼 "QL", 二楼前楼 "2FQL", 亭子间 "TZJ".
 *
 * WHAT IS REJECTED (the static reason in *why)
 *   "empty address"; "address too long" (over 500 bytes once trimmed);
 *   "not valid UTF-8"; "no building or room number" (no number at all);
 *   "looks like a phone number, not an address" (13800138000,
 *   138 0013 8000, +86..., 021-64381234); "only one number: cannot tell
 *   building from room" (502); "no building number" (2单元502, 12楼1203);
 *   "no room number" (12号楼, 12号楼2单元5楼, XX路100号); "too many numbers
 *   to tell building, unit and room apart" (12-2-5-502, 12-2-5-1,
 *   502/503); "two building numbers" (and unit, room, lane, zone); "unit
 *   number too long (is it a room?)" (a unit of 3+ digits); "building
 *   number is 0" (and room, lane); "lane number after the building number",
 *   "zone number after the building number" (12-2-502 二期: a marker after
 *   the address would move the numbers before it).
 */
#ifndef SQ_ADDRESS_H
#define SQ_ADDRESS_H

#include <stddef.h>

/*
 * Canonical parts, as shown in a roster's building/unit/room columns:
 * letters, digits without leading zeros, letters ("12", "A12", "12A", "A");
 * a room may also be "502-1", "2F", "2FQL", "TZJ".  "" if none.
 */
struct sq_addr {
	char	zone[16];	/* 区/期/组: "2", "A"; "" if none */
	char	lane[16];	/* 弄 (or street 号, 号院): "123" */
	char	building[16];	/* "12", "12A", "A", "A12" */
	char	unit[8];	/* "2"; "" if none (also for 0) */
	char	room[16];	/* "502", "502-1", "2F", "QL"; "" = whole house */
};

/* Enough for any key, with the community prefix and the NUL. */
#define SQ_ADDR_KEYMAX	96

/*
 * Parse one address (UTF-8, need not be NUL-terminated).  Returns 0 and
 * fills *a, or -1 with *why (if why is not NULL) set to a short static
 * English reason (see above); *a is then zeroed.  No heap, no locale, no
 * state: the same bytes always give the same result.
 */
int	sq_addr_parse(const char *s, size_t len, struct sq_addr *a,
	    const char **why);

/*
 * The same from separate columns (NUL-terminated; NULL, "" or blank if
 * absent): building "12号楼", "12", "A座" or "123弄5号"; unit "2单元", "2门"
 * or "2"; room "502室", "502", "0502" or "502-1"; full-width digits and
 * Chinese numerals with a marker as above.  A column's one unmarked number
 * is that column's; a marked number goes where its marker says ("2单元502"
 * in the room column); several unmarked numbers in one column are placed
 * by order as in an address ("2-502" in the room column is unit 2, room
 * 502).  If only the building column has anything, it is parsed as a whole
 * address ("12-2-502" typed into one column).
 */
int	sq_addr_from_parts(const char *building, const char *unit,
	    const char *room, struct sq_addr *a, const char **why);

/*
 * The same with a fourth cell, the rest of the address beside the
 * columns: a 门牌 or 地址 column next to 楼栋 ("2单元502", "2-502",
 * "502室", "前楼").  Its numbers follow the columns' and are placed by
 * order as in an address (12 + "2-502" is unit 2, room 502).  If that
 * cannot be read, but the rest is a whole address by itself that names
 * the building the columns name (or they name none), it is taken alone:
 * 楼号 12 beside 地址 "12号楼2单元502室".  rest NULL or blank:
 * sq_addr_from_parts().
 */
int	sq_addr_from_cells(const char *building, const char *unit,
	    const char *room, const char *rest, struct sq_addr *a,
	    const char **why);

/*
 * Write the key into out (NUL-terminated, truncated if outsz is too small;
 * SQ_ADDR_KEYMAX always suffices) and return its full length, like
 * snprintf.
 */
size_t	sq_addr_key(const struct sq_addr *a, char *out, size_t outsz);

/*
 * The key with the community prefix "Cxxxxxxxx-".  A community that is NULL
 * or only white space gives the plain key.
 */
size_t	sq_addr_key_community(const char *community, size_t clen,
	    const struct sq_addr *a, char *out, size_t outsz);

#endif /* SQ_ADDRESS_H */
