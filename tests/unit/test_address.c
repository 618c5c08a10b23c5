/*
 * test_address.c — the address parser and the text helpers under it.
 *
 * The table holds what people really type into a roster, each with the key
 * it must give, or "!" and (part of) the reason it must be rejected with.
 */
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "text.h"
#include "unit.h"

#define S(lit)	lit, sizeof(lit) - 1	/* a literal and its length */

struct acase {
	const char	*in;
	const char	*want;	/* key, or "!reason" */
};

static const struct acase cases[] = {
	/* the standard forms */
	{ "12号楼2单元502室", "B0012-U02-R0502" },
	{ "12号楼2单元502", "B0012-U02-R0502" },
	{ "12栋2单元502", "B0012-U02-R0502" },
	{ "12栋2单元502室", "B0012-U02-R0502" },
	{ "12幢2单元502室", "B0012-U02-R0502" },
	{ "12座2单元502室", "B0012-U02-R0502" },
	{ "12号2单元502", "B0012-U02-R0502" },
	{ "12号2单元502室", "B0012-U02-R0502" },
	{ "12号楼2单元502号", "B0012-U02-R0502" },
	{ "12号楼2单元502房", "B0012-U02-R0502" },
	{ "12号楼2单元502号房", "B0012-U02-R0502" },
	{ "12号楼2单元502户", "B0012-U02-R0502" },
	{ "12栋502房间", "B0012-U00-R0502" },
	{ "12幢502", "B0012-U00-R0502" },
	{ "12幢502室", "B0012-U00-R0502" },
	{ "12栋502", "B0012-U00-R0502" },
	{ "12号楼502", "B0012-U00-R0502" },
	{ "12号楼502室", "B0012-U00-R0502" },
	{ "12号502室", "B0012-U00-R0502" },
	{ "12号 502室", "B0012-U00-R0502" },
	{ "12号502", "B0012-U00-R0502" },
	{ "5号楼1单元101", "B0005-U01-R0101" },
	{ "5号楼1单元101室", "B0005-U01-R0101" },
	{ "1栋101", "B0001-U00-R0101" },
	{ "2号楼3单元1101", "B0002-U03-R1101" },
	{ "100号楼10单元2501室", "B0100-U10-R2501" },
	{ "12345号楼1单元101", "B12345-U01-R0101" },
	{ "12号楼2单元10101室", "B0012-U02-R10101" },
	/* dashes, dots, slashes, commas, spaces */
	{ "12-2-502", "B0012-U02-R0502" },
	{ "12-502", "B0012-U00-R0502" },
	{ "1-1-101", "B0001-U01-R0101" },
	{ "1-101", "B0001-U00-R0101" },
	{ "12-2-502室", "B0012-U02-R0502" },
	{ "12-502室", "B0012-U00-R0502" },
	{ "12－2－502", "B0012-U02-R0502" },
	{ "12—2—502", "B0012-U02-R0502" },
	{ "12–2–502", "B0012-U02-R0502" },
	{ "12‐2‐502", "B0012-U02-R0502" },
	{ "12―2―502", "B0012-U02-R0502" },
	{ "12─2─502", "B0012-U02-R0502" },
	{ "12−2−502", "B0012-U02-R0502" },
	{ "12﹣2﹣502", "B0012-U02-R0502" },
	{ "12--2--502", "B0012-U02-R0502" },
	{ "12.2.502", "B0012-U02-R0502" },
	{ "12/2/502", "B0012-U02-R0502" },
	{ "12,2,502", "B0012-U02-R0502" },
	{ "12，2，502", "B0012-U02-R0502" },
	{ "12、2、502", "B0012-U02-R0502" },
	{ "12_2_502", "B0012-U02-R0502" },
	{ "12 2 502", "B0012-U02-R0502" },
	{ "12　2　502", "B0012-U02-R0502" },
	{ "  12 - 2 - 502 ", "B0012-U02-R0502" },
	{ "\t12-2-502\r\n", "B0012-U02-R0502" },
	{ "12号楼-2-502", "B0012-U02-R0502" },
	{ "12号楼-2单元-502室", "B0012-U02-R0502" },
	{ "12号楼2-502", "B0012-U02-R0502" },
	{ "12号楼 2 502室", "B0012-U02-R0502" },
	{ "12 2单元502", "B0012-U02-R0502" },
	{ "12 号 楼 2 单 元 502", "B0012-U02-R0502" },
	{ "12号楼 二 单元 502", "B0012-U02-R0502" },
	{ "12号楼2单元-502", "B0012-U02-R0502" },
	{ "12栋2-502", "B0012-U02-R0502" },
	{ "12栋2-502室", "B0012-U02-R0502" },
	{ "12幢2-502", "B0012-U02-R0502" },
	{ "12 502室", "B0012-U00-R0502" },
	/* # for building */
	{ "12#2-502", "B0012-U02-R0502" },
	{ "12#502", "B0012-U00-R0502" },
	{ "12#2单元502", "B0012-U02-R0502" },
	{ "12＃2-502", "B0012-U02-R0502" },
	{ "12 # 502", "B0012-U00-R0502" },
	{ "12#楼2单元502", "B0012-U02-R0502" },
	{ "12栋#502", "B0012-U00-R0502" },
	/* full width */
	{ "１２－２－５０２", "B0012-U02-R0502" },
	{ "１２号楼２单元５０２室", "B0012-U02-R0502" },
	{ "５号楼１单元１０１", "B0005-U01-R0101" },
	{ "１２＃５０２", "B0012-U00-R0502" },
	{ "Ａ座１２０３", "BA-U00-R1203" },
	{ "１２．２．５０２", "B0012-U02-R0502" },
	/* stray spaces */
	{ "12 号楼 2 单元 502", "B0012-U02-R0502" },
	{ "12 号楼 2 单元 502 室", "B0012-U02-R0502" },
	{ " 12号楼  2单元  502室 ", "B0012-U02-R0502" },
	{ "12号楼　2单元　502室", "B0012-U02-R0502" },
	{ "　12号楼2单元502室　", "B0012-U02-R0502" },
	{ "\xc2\xa0" "12-2-502" "\xc2\xa0", "B0012-U02-R0502" },
	{ "12 栋 502", "B0012-U00-R0502" },
	/* leading zeros */
	{ "12号楼2单元0502", "B0012-U02-R0502" },
	{ "012-02-0502", "B0012-U02-R0502" },
	{ "0012号楼02单元0502室", "B0012-U02-R0502" },
	{ "12-0-502", "B0012-U00-R0502" },
	/* 门 as unit, 楼 as building or floor */
	{ "12号楼2门502", "B0012-U02-R0502" },
	{ "3号楼2门502", "B0003-U02-R0502" },
	{ "12楼3门502", "B0012-U03-R0502" },
	{ "12楼3门502号", "B0012-U03-R0502" },
	{ "12号楼2号门502", "B0012-U02-R0502" },
	{ "12楼502", "B0012-U00-R0502" },
	{ "12号楼2单元5楼502", "B0012-U02-R0502" },
	/* a floor and the flat on it: flat 502, as rosters number it */
	{ "12号楼2单元5楼2室", "B0012-U02-R0502" },
	{ "12号楼5楼2室", "B0012-U00-R0502" },
	{ "12号楼18楼3室", "B0012-U00-R1803" },
	{ "12号楼2单元5层02室", "B0012-U02-R0502" },
	{ "12号楼2单元五楼二室", "B0012-U02-R0502" },
	{ "12号楼2单元5F2室", "B0012-U02-R0502" },
	{ "12栋5楼12室", "B0012-U00-R0512" },
	{ "88弄3号12楼1室", "L0088-B0003-U00-R1201" },
	{ "12号楼2单元5楼502-1", "B0012-U02-R0502-1" },
	{ "12号楼2单元5层502", "B0012-U02-R0502" },
	{ "12号楼2单元5层502室", "B0012-U02-R0502" },
	{ "12号楼2单元5F502", "B0012-U02-R0502" },
	{ "12号楼2单元5F 502", "B0012-U02-R0502" },
	{ "12号楼2单元五楼502", "B0012-U02-R0502" },
	{ "12号楼2单元十一层1101", "B0012-U02-R1101" },
	{ "A座12楼1203", "BA-U00-R1203" },
	{ "A座12层1203", "BA-U00-R1203" },
	{ "12-2-5楼-502", "B0012-U02-R0502" },
	{ "3楼502", "B0003-U00-R0502" },
	{ "5楼1203", "B0005-U00-R1203" },
	{ "12楼1203", "!no building number" },
	{ "5楼502室", "!no building number" },
	{ "12楼3门1203", "B0012-U03-R1203" },
	/* letters */
	{ "A座1203", "BA-U00-R1203" },
	{ "A座1203室", "BA-U00-R1203" },
	{ "a座1203", "BA-U00-R1203" },
	{ "B座1203", "BB-U00-R1203" },
	{ "A栋1203", "BA-U00-R1203" },
	{ "A幢2单元1203", "BA-U02-R1203" },
	{ "A号楼1203", "BA-U00-R1203" },
	{ "A-1203", "BA-U00-R1203" },
	{ "A#1203", "BA-U00-R1203" },
	{ "12A栋2单元502", "B0012A-U02-R0502" },
	{ "12a号楼2单元502", "B0012A-U02-R0502" },
	{ "12A-2-502", "B0012A-U02-R0502" },
	{ "A12栋502", "BA0012-U00-R0502" },
	{ "12栋2单元502A", "B0012-U02-R0502A" },
	{ "12栋2单元502a室", "B0012-U02-R0502A" },
	{ "12栋B单元502", "B0012-UB-R0502" },
	{ "Ａ座１２层１２０３", "BA-U00-R1203" },
	/* Chinese numerals */
	{ "3号楼三单元201室", "B0003-U03-R0201" },
	{ "十二号楼2单元502", "B0012-U02-R0502" },
	{ "十二栋二单元五〇二室", "B0012-U02-R0502" },
	{ "十二栋二单元五零二室", "B0012-U02-R0502" },
	{ "五号楼一单元一〇一室", "B0005-U01-R0101" },
	{ "二十一号楼3单元1101", "B0021-U03-R1101" },
	{ "一号楼一单元101", "B0001-U01-R0101" },
	{ "两号楼2单元502", "B0002-U02-R0502" },
	{ "十号楼二门502", "B0010-U02-R0502" },
	{ "一百零一号楼2单元502", "B0101-U02-R0502" },
	{ "三栋二单元1201", "B0003-U02-R1201" },
	{ "3号楼三单元二〇一", "!no room number" },
	/* lanes and whole houses */
	{ "XX路123弄5号1201室", "L0123-B0005-U00-R1201" },
	{ "XX路123弄5号", "L0123-B0005-U00-R0000" },
	{ "123弄5号1201", "L0123-B0005-U00-R1201" },
	{ "123弄5号1201室", "L0123-B0005-U00-R1201" },
	{ "123弄5号", "L0123-B0005-U00-R0000" },
	{ "123弄5", "L0123-B0005-U00-R0000" },
	{ "123弄 5号", "L0123-B0005-U00-R0000" },
	{ "123弄5-1201", "L0123-B0005-U00-R1201" },
	{ "123弄5号-1201", "L0123-B0005-U00-R1201" },
	{ "123弄5号楼1201室", "L0123-B0005-U00-R1201" },
	{ "123弄5号2单元1201", "L0123-B0005-U02-R1201" },
	{ "张杨路1500弄12号601室", "L1500-B0012-U00-R0601" },
	{ "XX路100弄10支弄5号301室", "L0100-B0005-U00-R0301" },
	{ "XX路100弄10支弄5号", "L0100-B0005-U00-R0000" },
	{ "上海市XX区XX路123弄5号1201室", "L0123-B0005-U00-R1201" },
	{ "上海市浦东新区张杨路123弄5号1201室", "L0123-B0005-U00-R1201" },
	{ "三门路123弄5号", "L0123-B0005-U00-R0000" },
	{ "三门路123弄5号201室", "L0123-B0005-U00-R0201" },
	{ "123弄5号2楼", "L0123-B0005-U00-R0002F" },
	{ "123弄5号二楼", "L0123-B0005-U00-R0002F" },
	{ "123弄5号3层", "L0123-B0005-U00-R0003F" },
	{ "123弄5号底楼", "L0123-B0005-U00-R0001F" },
	{ "123弄5号亭子间", "L0123-B0005-U00-RTZJ" },
	{ "123弄5号前楼", "L0123-B0005-U00-RQL" },
	{ "123弄5号后楼", "L0123-B0005-U00-RHL" },
	{ "123弄5号3楼前楼", "L0123-B0005-U00-R0003FQL" },
	{ "123弄5号二楼后客堂", "L0123-B0005-U00-R0002FHKT" },
	{ "123弄5号三层阁", "L0123-B0005-U00-RSCG" },
	{ "123弄5号灶披间", "L0123-B0005-U00-RZPJ" },
	{ "123弄5号前厢房", "L0123-B0005-U00-RQXF" },
	{ "123弄5号后厢房", "L0123-B0005-U00-RHXF" },
	{ "123弄5号东厢房", "L0123-B0005-U00-RDXF" },
	{ "123弄5号西厢房", "L0123-B0005-U00-RXXF" },
	{ "123弄5号厢房", "L0123-B0005-U00-RXF" },
	{ "123弄5号前客堂", "L0123-B0005-U00-RQKT" },
	{ "123弄5号客堂间", "L0123-B0005-U00-RKT" },
	{ "123弄5号客堂", "L0123-B0005-U00-RKT" },
	{ "123弄5号二层阁", "L0123-B0005-U00-RECG" },
	{ "123弄5号阁楼", "L0123-B0005-U00-RGL" },
	{ "123弄5号晒台", "L0123-B0005-U00-RST" },
	{ "123弄5号前间", "L0123-B0005-U00-RQJ" },
	{ "123弄5号2楼后间", "L0123-B0005-U00-R0002FHJ" },
	{ "123弄5号 二楼 (后楼)", "L0123-B0005-U00-R0002FHL" },
	{ "123弄5号(前楼)", "L0123-B0005-U00-RQL" },
	{ "123弄5号（亭子间）", "L0123-B0005-U00-RTZJ" },
	{ "123弄5号201室前楼", "L0123-B0005-U00-R0201" },
	{ "123弄5号（租户）", "L0123-B0005-U00-R0000" },
	/* street numbers and compounds */
	{ "XX路88号5号楼502室", "L0088-B0005-U00-R0502" },
	{ "XX路88号阳光小区5号楼2单元502", "L0088-B0005-U02-R0502" },
	{ "XX路88号502室", "B0088-U00-R0502" },
	{ "北京市朝阳区XX路12号院3号楼2门502", "L0012-B0003-U02-R0502" },
	{ "12号院3号楼2单元502", "L0012-B0003-U02-R0502" },
	{ "XX村3组12号", "Z03-B0012-U00-R0000" },
	/* zones and phases */
	{ "二期12号楼2单元502", "Z02-B0012-U02-R0502" },
	{ "阳光小区二期12号楼2单元502室", "Z02-B0012-U02-R0502" },
	{ "2期12-2-502", "Z02-B0012-U02-R0502" },
	{ "A区3栋1单元101", "ZA-B0003-U01-R0101" },
	{ "东区3栋1单元101", "B0003-U01-R0101" },
	{ "3区3栋101", "Z03-B0003-U00-R0101" },
	/* community and address prefixes, which the parser ignores */
	{ "阳光小区12号楼2单元502室", "B0012-U02-R0502" },
	{ "阳光小区 12-2-502", "B0012-U02-R0502" },
	{ "阳光社区12栋2单元502", "B0012-U02-R0502" },
	{ "上海市浦东新区阳光小区12号楼2单元502室", "B0012-U02-R0502" },
	{ "北京市海淀区XX小区3号楼2门502", "B0003-U02-R0502" },
	{ "阳光新村三村12号502室", "B0012-U00-R0502" },
	{ "8号桥小区5号楼101", "B0005-U00-R0101" },
	{ "地铁1号线旁阳光苑5号楼101", "B0005-U00-R0101" },
	{ "88路车站旁5栋101", "B0005-U00-R0101" },
	{ "第12栋2单元502", "B0012-U02-R0502" },
	{ "地址：12-2-502", "B0012-U02-R0502" },
	{ "住址:12号楼2单元502室", "B0012-U02-R0502" },
	/* notes */
	{ "12-2-502（租户）", "B0012-U02-R0502" },
	{ "12-2-502(租户)", "B0012-U02-R0502" },
	{ "12号楼2单元502室（独居老人）", "B0012-U02-R0502" },
	{ "12号楼2单元502室【已隔离】", "B0012-U02-R0502" },
	{ "12号楼2单元502室[空置]", "B0012-U02-R0502" },
	{ "12号楼2单元502室〔2人〕", "B0012-U02-R0502" },
	{ "12-2-502{租}", "B0012-U02-R0502" },
	{ "12-2-502《备注》", "B0012-U02-R0502" },
	{ "12-2-502 4月1日", "B0012-U02-R0502" },
	{ "12号楼(东)2单元502", "B0012-U02-R0502" },
	{ "12-2-502（2022年4月1日入住）", "B0012-U02-R0502" },
	{ "12-2-502（租户", "B0012-U02-R0502" },
	{ "12-2-502 2人", "B0012-U02-R0502" },
	{ "12号楼2单元502室 共3人", "B0012-U02-R0502" },
	{ "12号楼2单元502两室一厅", "B0012-U02-R0502" },
	{ "12号楼2单元502 3室2厅", "B0012-U02-R0502" },
	{ "12-2-502 张三", "B0012-U02-R0502" },
	{ "12号楼2单元502室 年龄80", "B0012-U02-R0502" },
	{ "12-2-502室 80岁", "B0012-U02-R0502" },
	{ "12-2-502号", "B0012-U02-R0502" },
	{ "12-502号", "B0012-U00-R0502" },
	{ "12号楼2单元502 年龄80", "!too many numbers" },
	{ "12-2-502 楼下", "B0012-U02-R0502" },
	{ "12号楼2单元502 门口", "B0012-U02-R0502" },
	{ "12-2-502 房东张三", "B0012-U02-R0502" },
	{ "12-2-502 户主", "B0012-U02-R0502" },
	{ "12-2-502 室内", "B0012-U02-R0502" },
	{ "12号楼楼长", "!no room number" },
	{ "12-2-502 楼", "!no room number" },
	{ "12-2-502 栋", "!too many numbers" },
	{ "12-2-502 单元", "!too many numbers" },
	{ "12-2-502 弄", "!lane number after the building" },
	{ "12号楼2单元502 二期", "!zone number after the building" },
	{ "12-2 5层 502", "B0012-U02-R0502" },
	{ "5层 12-2-502", "!too many numbers" },
	{ "12号楼2单元502室 电话13800138000", "B0012-U02-R0502" },
	{ "12号楼2单元502室 电话：138-0013-8000", "B0012-U02-R0502" },
	{ "12-2-502 138 0013 8000", "B0012-U02-R0502" },
	/* traditional characters */
	{ "12號樓2單元502室", "B0012-U02-R0502" },
	{ "12棟2單元502", "B0012-U02-R0502" },
	{ "12號樓2門502", "B0012-U02-R0502" },
	{ "12號樓2單元5層502", "B0012-U02-R0502" },
	/* English */
	{ "Bldg 12 Unit 2 Room 502", "B0012-U02-R0502" },
	{ "Room 502, Unit 2, Building 12", "B0012-U02-R0502" },
	{ "Bldg. 12, Rm. 502", "B0012-U00-R0502" },
	{ "Block A Unit 2 Room 502", "BA-U02-R0502" },
	{ "Rm502 Bldg12", "B0012-U00-R0502" },
	{ "No.12-2-502", "B0012-U02-R0502" },
	{ "Flat 502, Block 12", "B0012-U00-R0502" },
	{ "Bldg 12 Unit 2 Fl 5 Rm 502", "B0012-U02-R0502" },
	{ "Lane 123 No. 5 Room 1201", "L0123-B0005-U00-R1201" },
	/* sub-let rooms */
	{ "12号楼2单元502-1", "B0012-U02-R0502-1" },
	{ "12栋2-502-1", "B0012-U02-R0502-1" },
	{ "12#2-502-2", "B0012-U02-R0502-2" },
	{ "12-502-1", "B0012-U00-R0502-1" },
	{ "12号楼502-1", "B0012-U00-R0502-1" },
	{ "A座1203-1", "BA-U00-R1203-1" },
	{ "123弄5号1201-1", "L0123-B0005-U00-R1201-1" },
	{ "12栋2单元502室-1", "B0012-U02-R0502-1" },
	{ "12-2-502室-1", "B0012-U02-R0502-1" },
	/* four numbers, the flat of three digits: its sub-let room */
	{ "12-2-502-1", "B0012-U02-R0502-1" },
	{ "12/2/502-1", "B0012-U02-R0502-1" },
	{ "１２－２－５０２－１", "B0012-U02-R0502-1" },
	/* the marker after the sub-let part */
	{ "12号楼2单元502-1室", "B0012-U02-R0502-1" },
	{ "12幢2单元502-2号", "B0012-U02-R0502-2" },
	{ "十二号楼二单元502-1室", "B0012-U02-R0502-1" },
	{ "12号楼502-1室", "B0012-U00-R0502-1" },
	{ "12号楼2单元502-12", "B0012-U02-R0502-12" },
	{ "12号楼2单元502室 1", "B0012-U02-R0502" },
	{ "12号楼2单元502-123", "!too many numbers" },
	/* rejected */
	{ "", "!empty address" },
	{ "   ", "!empty address" },
	{ "　", "!empty address" },
	{ "阳光小区", "!no building or room number" },
	{ "无", "!no building or room number" },
	{ "不详", "!no building or room number" },
	{ "XX路", "!no building or room number" },
	{ "-", "!no building or room number" },
	{ "12号楼", "!no room number" },
	{ "12栋", "!no room number" },
	{ "12号楼2单元", "!no room number" },
	{ "12号楼2单元5楼", "!no room number" },
	{ "12号楼2单元5F", "!no room number" },
	{ "12号", "!no room number" },
	{ "XX路100号", "!no room number" },
	{ "123弄5号2单元", "!no room number" },
	{ "2单元502", "!no building number" },
	{ "2单元502室", "!no building number" },
	{ "502室", "!no building number" },
	{ "12层1203", "!no building number" },
	{ "123弄", "!no building number" },
	{ "XX村3组", "!no building number" },
	{ "502", "!only one number" },
	{ "12", "!only one number" },
	{ "13800138000", "!phone number" },
	{ "138-0013-8000", "!phone number" },
	{ "138 0013 8000", "!phone number" },
	{ "+86 138 0013 8000", "!phone number" },
	{ "+8613800138000", "!phone number" },
	{ "021-64381234", "!phone number" },
	{ "(021)64381234", "!phone number" },
	{ "电话13800138000", "!phone number" },
	{ "12-2-5-502", "!too many numbers" },
	{ "12-2-5-1", "!too many numbers" },
	{ "1-2-3-4-5", "!too many numbers" },
	{ "12号楼2单元502/503", "!too many numbers" },
	{ "2-502 12栋", "!too many numbers" },
	{ "1 2 3 4 5 6 7 8 9 10 11 12 13", "!too many numbers" },
	{ "12号楼13号楼502", "!two building numbers" },
	{ "12栋2单元3单元502", "!two unit numbers" },
	{ "12号楼2单元502室、503室", "!two room numbers" },
	/* a room let in parts has one part number: not 5502-1-1 (fuzz) */
	{ "100-1-5502-1室-1室1-1", "!two room numbers" },
	{ "12号楼502-1室-2室", "!two room numbers" },
	{ "1弄2弄3号", "!two lane numbers" },
	{ "一期二期3栋101", "!two zone numbers" },
	{ "12号楼502-3-1", "!unit number too long" },
	{ "12栋1201单元5室", "!unit number too long" },
	{ "0-2-502", "!building number is 0" },
	{ "0号楼502", "!building number is 0" },
	{ "12-2-0", "!room number is 0" },
	{ "0弄5号", "!lane number is 0" },
	{ "5F502", "!no building number" },
	{ "\xff" "12-2-502", "!not valid UTF-8" },
	{ "12号楼\xe5\x8f", "!not valid UTF-8" },
};

static void
test_table(void)
{
	struct sq_addr a;
	const char *why;
	char key[SQ_ADDR_KEYMAX], got[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct acase *c = &cases[i];

		why = NULL;
		if (sq_addr_parse(c->in, strlen(c->in), &a, &why) == 0) {
			sq_addr_key(&a, key, sizeof(key));
			CHECK_STR_CTX(key, c->want, c->in);
			continue;
		}
		snprintf(got, sizeof(got), "!%s", why ? why : "(null)");
		if (c->want[0] == '!' && why != NULL &&
		    strstr(why, c->want + 1) != NULL)
			CHECK_STR_CTX(c->want, c->want, c->in);
		else
			CHECK_STR_CTX(got, c->want, c->in);
	}
}

/* The parts, and that a failure leaves *a zeroed. */
static void
test_parts(void)
{
	struct sq_addr a;
	const char *why = NULL;

	CHECK_INT(sq_addr_parse(S("A12栋2单元502-1"), &a, &why), 0);
	CHECK_STR(a.building, "A12");
	CHECK_STR(a.unit, "2");
	CHECK_STR(a.room, "502-1");
	CHECK_STR(a.lane, "");
	CHECK_STR(a.zone, "");
	CHECK_INT(sq_addr_parse(S("二期XX路123弄5号"), &a, &why), 0);
	CHECK_STR(a.zone, "2");
	CHECK_STR(a.lane, "123");
	CHECK_STR(a.building, "5");
	CHECK_STR(a.unit, "");
	CHECK_STR(a.room, "");
	CHECK_INT(sq_addr_parse(S("12号楼"), &a, &why), -1);
	CHECK_STR(a.building, "");
	CHECK_STR(why, "no room number");
	/* length is honoured: no NUL needed, the rest not read */
	CHECK_INT(sq_addr_parse("12-2-502-9", 8, &a, &why), 0);
	CHECK_STR(a.room, "502");
	/* a NULL why is allowed */
	CHECK_INT(sq_addr_parse("", 0, &a, NULL), -1);
}

static const char *
key_of_parts(const char *b, const char *u, const char *r, char *key,
    size_t ksz)
{
	struct sq_addr a;
	const char *why;

	if (sq_addr_from_parts(b, u, r, &a, &why) != 0) {
		snprintf(key, ksz, "!%s", why);
		return key;
	}
	sq_addr_key(&a, key, ksz);
	return key;
}

static void
test_from_parts(void)
{
	static const struct {
		const char *b, *u, *r, *want;
	} pc[] = {
		{ "12号楼", "2单元", "502室", "B0012-U02-R0502" },
		{ "12", "2", "502", "B0012-U02-R0502" },
		{ "12栋", "2", "502", "B0012-U02-R0502" },
		{ "１２", "２", "５０２", "B0012-U02-R0502" },
		{ "12#", "二单元", "五〇二", "!no room number" },
		{ "12#", "二单元", "五〇二室", "B0012-U02-R0502" },
		{ "十二号楼", "2门", "0502", "B0012-U02-R0502" },
		{ "12", NULL, "502", "B0012-U00-R0502" },
		{ "12", "", "502", "B0012-U00-R0502" },
		{ "12", " ", "502", "B0012-U00-R0502" },
		{ "A座", NULL, "1203", "BA-U00-R1203" },
		{ "12A", "1", "101", "B0012A-U01-R0101" },
		{ "12", "2", "502-1", "B0012-U02-R0502-1" },
		{ "12", NULL, "502-1", "B0012-U00-R0502-1" },
		{ "12", "2", "502-1室", "B0012-U02-R0502-1" },
		{ "12", "2单元", "502-1号", "B0012-U02-R0502-1" },
		{ "12", NULL, "2-502", "B0012-U02-R0502" },
		{ "12", NULL, "2单元502室", "B0012-U02-R0502" },
		{ "12", "2", "5楼502", "B0012-U02-R0502" },
		{ "12号", "2", "502号", "B0012-U02-R0502" },
		{ "123弄5号", NULL, "1201", "L0123-B0005-U00-R1201" },
		{ "阳光小区12号楼", "2单元", "502室", "B0012-U02-R0502" },
		{ "12号楼2单元502室", NULL, NULL, "B0012-U02-R0502" },
		{ "12-2-502", "", "", "B0012-U02-R0502" },
		{ "123弄5号", NULL, NULL, "L0123-B0005-U00-R0000" },
		{ "12", NULL, NULL, "!only one number" },
		{ NULL, NULL, NULL, "!empty address" },
		{ "", "", "", "!empty address" },
		{ NULL, "2", "502", "!no building number" },
		{ "12", "2", NULL, "!no room number" },
		{ "12", "2", "", "!no room number" },
		{ "12", "2", "13800138000", "!no room number" },
		{ "12", "2", "502", "B0012-U02-R0502" },
		{ "12", "502", "1", "!unit number too long" },
		{ "12", "2", "0", "!room number is 0" },
		{ "12", "2", "502\xff", "!not valid UTF-8" },
	};
	char key[SQ_ADDR_KEYMAX + 64];
	size_t i;

	for (i = 0; i < sizeof(pc) / sizeof(pc[0]); i++) {
		char ctx[160];
		const char *got;

		snprintf(ctx, sizeof(ctx), "%s | %s | %s", pc[i].b ? pc[i].b :
		    "NULL", pc[i].u ? pc[i].u : "NULL", pc[i].r ? pc[i].r :
		    "NULL");
		got = key_of_parts(pc[i].b, pc[i].u, pc[i].r, key,
		    sizeof(key));
		if (pc[i].want[0] == '!' && got[0] == '!' &&
		    strstr(got, pc[i].want + 1) != NULL)
			got = pc[i].want;
		CHECK_STR_CTX(got, pc[i].want, ctx);
	}
}

/* 楼栋 (and 单元, 房号) beside a 门牌 or 地址 cell holding the rest */
static void
test_from_cells(void)
{
	static const struct {
		const char *b, *u, *r, *rest, *want;
	} cc[] = {
		{ "12", NULL, NULL, "2单元502", "B0012-U02-R0502" },
		{ "12号楼", NULL, NULL, "2-502", "B0012-U02-R0502" },
		{ "12栋", NULL, NULL, "2单元502室", "B0012-U02-R0502" },
		{ "12", NULL, NULL, "2单元502号", "B0012-U02-R0502" },
		{ "12", NULL, NULL, "502室", "B0012-U00-R0502" },
		{ "12", NULL, NULL, "502", "B0012-U00-R0502" },
		{ "12", NULL, NULL, "1单元502", "B0012-U01-R0502" },
		{ "十二号楼", NULL, NULL, "101室", "B0012-U00-R0101" },
		{ "１２", NULL, NULL, "２－５０２", "B0012-U02-R0502" },
		{ "12", "2", NULL, "502", "B0012-U02-R0502" },
		{ "123弄5号", NULL, NULL, "前楼", "L0123-B0005-U00-RQL" },
		{ "长乐路123弄5号", NULL, NULL, "亭子间", "L0123-B0005-U00-RTZJ" },
		{ "88弄3号", NULL, NULL, "1201室", "L0088-B0003-U00-R1201" },
		{ "123弄", NULL, NULL, "5号前楼", "L0123-B0005-U00-RQL" },
		/* the rest a whole address, naming the same building */
		{ "12", NULL, NULL, "12号楼2单元502室", "B0012-U02-R0502" },
		{ "12号楼", NULL, NULL, "12-2-502", "B0012-U02-R0502" },
		{ NULL, NULL, NULL, "12-2-502", "B0012-U02-R0502" },
		{ "12", NULL, NULL, NULL, "!only one number" },
		{ "12", NULL, NULL, " ", "!only one number" },
		/* another building: the rest is pieces, and too many */
		{ "13", NULL, NULL, "12-2-502", "!too many numbers" },
		{ "12", NULL, NULL, "2单元", "!no room number" },
		{ "3栋", NULL, NULL, "3-201", "B0003-U03-R0201" },
		{ "12", NULL, NULL, "13800138000", "!no room number" },
	};

	for (size_t i = 0; i < sizeof(cc) / sizeof(cc[0]); i++) {
		char ctx[200], key[SQ_ADDR_KEYMAX + 64];
		struct sq_addr a;
		const char *why, *got = key;

		snprintf(ctx, sizeof(ctx), "%s | %s | %s | %s", cc[i].b ? cc[i].b :
		    "NULL", cc[i].u ? cc[i].u : "NULL", cc[i].r ? cc[i].r :
		    "NULL", cc[i].rest ? cc[i].rest : "NULL");
		if (sq_addr_from_cells(cc[i].b, cc[i].u, cc[i].r, cc[i].rest, &a,
		    &why) != 0)
			snprintf(key, sizeof(key), "!%s", why);
		else
			sq_addr_key(&a, key, sizeof(key));
		if (cc[i].want[0] == '!' && key[0] == '!' &&
		    strstr(key, cc[i].want + 1) != NULL)
			got = cc[i].want;
		CHECK_STR_CTX(got, cc[i].want, ctx);
	}
}

static void
test_key(void)
{
	struct sq_addr a;
	char key[SQ_ADDR_KEYMAX], small[8];
	const char *why;
	size_t n;

	memset(&a, 0, sizeof(a));
	strcpy(a.building, "12");
	strcpy(a.unit, "2");
	strcpy(a.room, "502");
	n = sq_addr_key(&a, key, sizeof(key));
	CHECK_STR(key, "B0012-U02-R0502");
	CHECK_INT(n, 15);
	/* truncated like snprintf: the full length comes back */
	CHECK_INT(sq_addr_key(&a, small, sizeof(small)), 15);
	CHECK_STR(small, "B0012-U");
	CHECK_INT(sq_addr_key(&a, NULL, 0), 15);
	/* the byte order is the natural order */
	{
		static const char *order[] = { "2-1-101", "2-1-1101",
		    "2-2-101", "10-1-101", "12A-1-101", "100-1-101",
		    "A座101", "B座101" };
		char prev[SQ_ADDR_KEYMAX] = "";
		size_t i;

		for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
			CHECK_INT(sq_addr_parse(order[i], strlen(order[i]),
			    &a, &why), 0);
			sq_addr_key(&a, key, sizeof(key));
			CHECK(strcmp(prev, key) < 0);
			strcpy(prev, key);
		}
	}
	/* the longest parts still fit SQ_ADDR_KEYMAX with a community */
	memset(&a, 0, sizeof(a));
	strcpy(a.zone, "AB999999CD");
	strcpy(a.lane, "AB999999CD");
	strcpy(a.building, "AB999999CD");
	strcpy(a.unit, "AB99CD");
	strcpy(a.room, "AB999999CD-99");
	n = sq_addr_key_community("x", 1, &a, key, sizeof(key));
	CHECK(n < SQ_ADDR_KEYMAX);
	CHECK_INT(strlen(key), n);
}

static void
test_community(void)
{
	struct sq_addr a;
	const char *why;
	char k1[SQ_ADDR_KEYMAX], k2[SQ_ADDR_KEYMAX];
	static const char *same[] = { "阳光小区", " 阳光小区 ", "阳光 小区",
	    "　阳光小区　", "阳光\xc2\xa0小区", "阳光小区\t" };
	static const char *same2[] = { "ABC花园", "abc花园", "ＡＢＣ花园",
	    "A B C 花园" };
	size_t i;
	uint32_t h;

	CHECK_INT(sq_addr_parse("12-2-502", 8, &a, &why), 0);
	sq_addr_key_community(same[0], strlen(same[0]), &a, k1, sizeof(k1));
	CHECK_INT(strlen(k1), 10 + 15);
	CHECK(k1[0] == 'C' && k1[9] == '-');
	CHECK_STR(k1 + 10, "B0012-U02-R0502");
	/* the hash is FNV-1a over the UTF-8 bytes, written as it is */
	h = sq_fnv1a32("阳光小区", strlen("阳光小区"), SQ_FNV1A32_INIT);
	snprintf(k2, sizeof(k2), "C%08x-B0012-U02-R0502", (unsigned)h);
	CHECK_STR(k1, k2);
	for (i = 1; i < sizeof(same) / sizeof(same[0]); i++) {
		sq_addr_key_community(same[i], strlen(same[i]), &a, k2,
		    sizeof(k2));
		CHECK_STR_CTX(k2, k1, same[i]);
	}
	sq_addr_key_community(same2[0], strlen(same2[0]), &a, k1, sizeof(k1));
	for (i = 1; i < sizeof(same2) / sizeof(same2[0]); i++) {
		sq_addr_key_community(same2[i], strlen(same2[i]), &a, k2,
		    sizeof(k2));
		CHECK_STR_CTX(k2, k1, same2[i]);
	}
	/* other communities, other keys */
	sq_addr_key_community("月亮小区", strlen("月亮小区"), &a, k2,
	    sizeof(k2));
	CHECK(strcmp(k1, k2) != 0);
	/* no community: the plain key */
	CHECK_INT(sq_addr_key_community(NULL, 0, &a, k2, sizeof(k2)), 15);
	CHECK_STR(k2, "B0012-U02-R0502");
	sq_addr_key_community("  　", 5, &a, k2, sizeof(k2));
	CHECK_STR(k2, "B0012-U02-R0502");
	/*
	 * the per-thread cache of communities: 5,000 names (more than its
	 * 2 x 2048 places) in a scrambled order, three times over, names
	 * that share a set pushing each other out: every prefix as computed
	 */
	{
		long bad = 0;
		unsigned x = 12345;

		for (int round = 0; round < 3 * 5000; round++) {
			char name[32];
			int k;

			x = x * 1103515245u + 12345u;
			k = (int)(x >> 8) % (round < 5000 ? 700 : 5000);
			snprintf(name, sizeof(name), "社区%d村", k);
			h = sq_fnv1a32(name, strlen(name), SQ_FNV1A32_INIT);
			snprintf(k2, sizeof(k2), "C%08x-B0012-U02-R0502",
			    (unsigned)h);
			sq_addr_key_community(name, strlen(name), &a, k1,
			    sizeof(k1));
			bad += strcmp(k1, k2) != 0;
		}
		CHECK_INT(bad, 0);
	}
	/* FNV-1a test vectors */
	CHECK_INT(sq_fnv1a32("", 0, SQ_FNV1A32_INIT), 0x811c9dc5u);
	CHECK_INT(sq_fnv1a32("a", 1, SQ_FNV1A32_INIT), 0xe40c292cu);
	CHECK_INT(sq_fnv1a32("foobar", 6, SQ_FNV1A32_INIT), 0xbf9cf968u);
}

/* Every parse of the same bytes gives the same key. */
static void
test_stable(void)
{
	struct sq_addr a;
	const char *why;
	char k1[SQ_ADDR_KEYMAX], k2[SQ_ADDR_KEYMAX];
	static const char *same[] = { "12号楼2单元502室", "12栋2单元502",
	    "12-2-502", "１２－２－５０２", "12 号楼 2 单元 502", "12号2单元502",
	    "12#2-502", "12栋2-502", "12-2-502室", "12.2.502",
	    "阳光小区12号楼2单元502室", "12号楼2门502", "12号楼2单元5楼502",
	    "十二号楼二单元五〇二室", "12-2-502（租户）", "012-02-0502",
	    "12號樓2單元502室", "Bldg 12 Unit 2 Room 502", "12楼2门502" };
	size_t i;

	CHECK_INT(sq_addr_parse(same[0], strlen(same[0]), &a, &why), 0);
	sq_addr_key(&a, k1, sizeof(k1));
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		CHECK_INT(sq_addr_parse(same[i], strlen(same[i]), &a, &why), 0);
		sq_addr_key(&a, k2, sizeof(k2));
		CHECK_STR_CTX(k2, k1, same[i]);
	}
}

static void
test_long_input(void)
{
	char buf[700];
	struct sq_addr a;
	const char *why = NULL;

	memset(buf, ' ', sizeof(buf));
	memcpy(buf + 300, "12-2-502", 8);
	/* trimmed first: long only in padding is fine */
	CHECK_INT(sq_addr_parse(buf, sizeof(buf), &a, &why), 0);
	memset(buf, 'x', sizeof(buf));
	memcpy(buf, "12-2-502", 8);
	CHECK_INT(sq_addr_parse(buf, sizeof(buf), &a, &why), -1);
	CHECK_STR(why, "address too long");
}

/* ---- text.c ---------------------------------------------------------- */

static const char *
fold(const char *in, char *out, size_t outsz)
{
	sq_fold(in, strlen(in), out, outsz);
	return out;
}

static void
test_fold(void)
{
	char out[128], buf[32];
	size_t n;

	CHECK_STR(fold("１２－２－５０２", out, sizeof(out)), "12-2-502");
	CHECK_STR(fold("！～", out, sizeof(out)), "!~");
	CHECK_STR(fold("ＡＢＣａｂｃ＃（）：，", out, sizeof(out)),
	    "ABCabc#():,");
	CHECK_STR(fold("a　b\xc2\xa0" "c", out, sizeof(out)), "a b c");
	CHECK_STR(fold("1—2–3‐4―5─6−7﹣8﹘9‑0‒", out, sizeof(out)),
	    "1-2-3-4-5-6-7-8-9-0-");
	/* not dashes */
	CHECK_STR(fold("〜~・。、", out, sizeof(out)), "〜~・。、");
	/* others untouched, including 𠮷 and broken bytes */
	CHECK_STR(fold("阳光小区𠮷", out, sizeof(out)), "阳光小区𠮷");
	CHECK_STR(fold("a\xff\xef\xbc" "b", out, sizeof(out)),
	    "a\xff\xef\xbc" "b");
	CHECK_STR(fold("\xef\xbc\x92\xef\xbc", out, sizeof(out)),
	    "2\xef\xbc");
	CHECK_STR(fold("", out, sizeof(out)), "");
	/* the count, in place, exact room */
	strcpy(buf, "１２３");
	n = sq_fold(buf, strlen(buf), buf, sizeof(buf));
	CHECK_INT(n, 3);
	CHECK_STR(buf, "123");
	n = sq_fold("１２", 6, out, 6);
	CHECK_INT(n, 2);
	CHECK(memcmp(out, "12", 3) == 0);
	/* too little room: whole characters only */
	memset(out, '#', sizeof(out));
	n = sq_fold("ab阳光", 8, out, 4);
	CHECK_INT(n, 2);
	CHECK(out[2] == '\0');
	n = sq_fold("abc", 3, out, 3);
	CHECK_INT(n, 3);
	/* one character at a time */
	{
		size_t i = 0;
		char f[4];
		const char *s = "Ａ阳";

		CHECK_INT(sq_fold_next(s, strlen(s), &i, f), 1);
		CHECK(f[0] == 'A');
		CHECK_INT(i, 3);
		CHECK_INT(sq_fold_next(s, strlen(s), &i, f), 3);
		CHECK(memcmp(f, "阳", 3) == 0);
		CHECK_INT(i, 6);
	}
}

static const char *
trim(const char *s)
{
	static char out[64];
	size_t n = sq_trim(&s, strlen(s));

	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* The spaces sq_trim takes off, at the start of s[0..n) / at its end. */
static size_t
ref_space(const unsigned char *s, size_t n, int at_end)
{
	static const char *const sp[] = { " ", "\t", "\n", "\v", "\f", "\r",
		"\xc2\xa0", "\xe3\x80\x80" };

	for (size_t k = 0; k < sizeof(sp) / sizeof(sp[0]); k++) {
		size_t l = strlen(sp[k]);

		if (l <= n && memcmp(at_end ? s + n - l : s, sp[k], l) == 0)
			return l;
	}
	return 0;
}

/*
 * sq_trim over every string of up to 4 bytes from the bytes spaces are
 * made of and their neighbours, against a plain reference: its shortcut
 * (no space can begin or end with this byte) must change nothing.
 */
static void
test_trim_bytes(void)
{
	static const unsigned char b[] = { ' ', '\t', '\r', 0x01, 'a', 0xC2,
		0xA0, 0xE3, 0x80, 0xE5, 0xAE, 0xA4, 0xFF };
	const size_t nb = sizeof(b);
	unsigned char s[4];
	long bad = 0;

	for (size_t len = 0; len <= 4; len++) {
		size_t total = 1;

		for (size_t k = 0; k < len; k++)
			total *= nb;
		for (size_t x = 0; x < total; x++) {
			size_t y = x, lo = 0, hi = len, w;
			const char *t = (const char *)s;

			for (size_t k = 0; k < len; k++, y /= nb)
				s[k] = b[y % nb];
			while (lo < hi && (w = ref_space(s + lo, hi - lo, 0)) > 0)
				lo += w;
			while (hi > lo && (w = ref_space(s + lo, hi - lo, 1)) > 0)
				hi -= w;
			size_t n = sq_trim(&t, len);
			if (n != hi - lo || t != (const char *)s + lo)
				bad++;
		}
	}
	CHECK_INT(bad, 0);
}

static void
test_trim(void)
{
	CHECK_STR(trim("  abc  "), "abc");
	CHECK_STR(trim("\t\r\n\v\fabc\n"), "abc");
	CHECK_STR(trim("　阳光　"), "阳光");
	CHECK_STR(trim("\xc2\xa0" "a b" "\xc2\xa0"), "a b");
	CHECK_STR(trim(" 　\xc2\xa0 x\xc2\xa0　 "), "x");
	CHECK_STR(trim("   "), "");
	CHECK_STR(trim("　　"), "");
	CHECK_STR(trim(""), "");
	CHECK_STR(trim("a"), "a");
	CHECK_STR(trim("阳　光"), "阳　光");
	/* not spaces: a lone 0xA0, 0x80 0x80 without E3 */
	CHECK_STR(trim("\xa0" "a"), "\xa0" "a");
	CHECK_STR(trim("a\x80\x80"), "a\x80\x80");
	{
		const char *s = "  ab  ";
		size_t n = sq_trim(&s, 6);

		CHECK_INT(n, 2);
		CHECK(s[0] == 'a');
	}
	test_trim_bytes();
}

static int
valid(const char *s, size_t len, size_t *bad)
{
	*bad = (size_t)-1;
	return sq_utf8_valid((const unsigned char *)s, len, bad);
}

static void
test_utf8_valid(void)
{
	static const struct {
		const char *s;
		size_t len;
		int ok;
		size_t bad;
	} v[] = {
		{ "", 0, 1, 0 },
		{ "hello, world", 12, 1, 0 },
		{ "abcdefghijklmnopqrstuvwxyz0123456789", 36, 1, 0 },
		{ "阳光小区", 12, 1, 0 },
		{ "\xc2\x80", 2, 1, 0 },		/* U+0080 */
		{ "\xdf\xbf", 2, 1, 0 },		/* U+07FF */
		{ "\xe0\xa0\x80", 3, 1, 0 },		/* U+0800 */
		{ "\xed\x9f\xbf", 3, 1, 0 },		/* U+D7FF */
		{ "\xee\x80\x80", 3, 1, 0 },		/* U+E000 */
		{ "\xef\xbf\xbf", 3, 1, 0 },		/* U+FFFF */
		{ "\xef\xbb\xbf" "a", 4, 1, 0 },	/* BOM is valid */
		{ "\xf0\x90\x80\x80", 4, 1, 0 },	/* U+10000 */
		{ "\xf0\xa0\xae\xb7", 4, 1, 0 },	/* 𠮷 U+20BB7 */
		{ "\xf4\x8f\xbf\xbf", 4, 1, 0 },	/* U+10FFFF */
		{ "12345678阳光12345678𠮷", 27, 1, 0 },
		{ "a\0b", 3, 1, 0 },			/* NUL is ASCII */
		/* invalid */
		{ "\x80", 1, 0, 0 },			/* lone continuation */
		{ "abcdefgh\xbf", 9, 0, 8 },
		{ "\xc0\x80", 2, 0, 0 },		/* overlong NUL */
		{ "\xc1\xbf", 2, 0, 0 },		/* overlong */
		{ "\xe0\x80\x80", 3, 0, 0 },		/* overlong */
		{ "\xe0\x9f\xbf", 3, 0, 0 },		/* overlong U+07FF */
		{ "\xf0\x80\x80\x80", 4, 0, 0 },	/* overlong */
		{ "\xf0\x8f\xbf\xbf", 4, 0, 0 },	/* overlong U+FFFF */
		{ "\xed\xa0\x80", 3, 0, 0 },		/* U+D800 */
		{ "\xed\xbf\xbf", 3, 0, 0 },		/* U+DFFF */
		{ "\xed\xa0\xbd\xed\xb8\x80", 6, 0, 0 },	/* CESU-8 */
		{ "\xf4\x90\x80\x80", 4, 0, 0 },	/* U+110000 */
		{ "\xf5\x80\x80\x80", 4, 0, 0 },
		{ "\xf8\x88\x80\x80\x80", 5, 0, 0 },	/* 5-byte form */
		{ "\xfe", 1, 0, 0 },
		{ "\xff", 1, 0, 0 },
		{ "a\xc2", 2, 0, 1 },			/* truncated */
		{ "ab\xe9\x98", 4, 0, 2 },		/* truncated 阳 */
		{ "\xf0\xa0\xae", 3, 0, 0 },		/* truncated 𠮷 */
		{ "\xe9\x98\xb3\xe5\x85", 5, 0, 3 },
		{ "\xe9" "a" "\xb3", 3, 0, 0 },	/* ASCII inside */
		{ "\xc2\xc2\x80", 3, 0, 0 },
		{ "12345678\xe9\x98\xb3" "12345678\xff", 20, 0, 19 },
		{ "\xf0\xa0\xae\xb7\xb7", 5, 0, 4 },	/* extra continuation */
	};
	size_t i, bad;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char ctx[32];
		int ok = valid(v[i].s, v[i].len, &bad);

		snprintf(ctx, sizeof(ctx), "utf8 case %zu", i);
		if (!CHECK_INT(ok, v[i].ok))
			fprintf(stderr, "  (%s)\n", ctx);
		else if (!ok && !CHECK_INT(bad, v[i].bad))
			fprintf(stderr, "  (%s)\n", ctx);
	}
	/* a NULL bad_at is allowed */
	CHECK(sq_utf8_valid((const unsigned char *)"\xff", 1, NULL) == 0);

	/*
	 * Lines long enough for the 16-byte fast path: CJK and ASCII mixed,
	 * one character made wrong at each place in turn (a stray byte, a
	 * truncated sequence, a lone continuation, a surrogate), at every
	 * offset against the blocks: the error is named where it starts.
	 */
	static const char *const piece[] = { "阳", "光", "1", "2", "-", "小",
	    "区", "a", ",", "号", "楼", "室", "\xc2\xa9", "\xf0\xa0\xae\xb7" };
	static const char *const wrong[] = { "\xff", ("\xe9\x98" "a"), "\x98",
	    "\xed\xa0\x80", "\xc0\x80" };
	size_t npiece = sizeof(piece) / sizeof(piece[0]);
	for (size_t len = 20; len < 40; len++)
		for (size_t at = 0; at < len; at++)
			for (size_t w = 0; w < sizeof(wrong) / sizeof(wrong[0]); w++) {
				char buf[256];
				size_t o = 0, want = 0;
				for (size_t k = 0; k < len; k++) {
					/* mostly CJK, as a check-in is */
					const char *c = piece[(k * 7 + len) % npiece];
					if (k == at) {
						want = o;
						c = wrong[w];
					}
					size_t n = strlen(c);
					memcpy(buf + o, c, n);
					o += n;
				}
				int ok = valid(buf, o, &bad);
				if (!CHECK(!ok && bad == want))
					fprintf(stderr, "  (len %zu at %zu wrong %zu: "
					    "ok %d bad %zu, not %zu)\n", len, at,
					    w, ok, bad, want);
				/* and the line without it is valid */
				if (at == 0 && w == 0) {
					size_t o2 = 0;
					for (size_t k = 0; k < len; k++) {
						const char *c = piece[(k * 7 + len) %
						    npiece];
						memcpy(buf + o2, c, strlen(c));
						o2 += strlen(c);
					}
					CHECK(valid(buf, o2, &bad) == 1);
				}
			}
}

static void
test_utf8_next(void)
{
	const unsigned char *s = (const unsigned char *)
	    "a\xc2\xa9阳\xf0\xa0\xae\xb7\xff\xe9\x98";
	size_t len = strlen((const char *)s), i = 0;

	CHECK_INT(sq_utf8_next(s, len, &i), 'a');
	CHECK_INT(i, 1);
	CHECK_INT(sq_utf8_next(s, len, &i), 0xA9);
	CHECK_INT(i, 3);
	CHECK_INT(sq_utf8_next(s, len, &i), 0x9633);	/* 阳 */
	CHECK_INT(i, 6);
	CHECK_INT(sq_utf8_next(s, len, &i), 0x20BB7);	/* 𠮷 */
	CHECK_INT(i, 10);
	CHECK_INT(sq_utf8_next(s, len, &i), -1);	/* 0xff */
	CHECK_INT(i, 11);
	CHECK_INT(sq_utf8_next(s, len, &i), -1);	/* truncated */
	CHECK_INT(i, 12);
	CHECK_INT(sq_utf8_next(s, len, &i), -1);	/* its continuation */
	CHECK_INT(i, 13);
	CHECK_INT(i, len);
	i = 0;
	CHECK_INT(sq_utf8_next((const unsigned char *)"\xed\xa0\x80", 3, &i),
	    -1);
	CHECK_INT(i, 1);
	i = 0;
	CHECK_INT(sq_utf8_next((const unsigned char *)"\xf4\x8f\xbf\xbf", 4,
	    &i), 0x10FFFF);
	CHECK_INT(i, 4);
}

static void
test_utf8_cut(void)
{
	const char *s = "ab阳光小区";	/* 2 ASCII bytes, then 3 per character */
	size_t len = strlen(s);

	CHECK_INT(sq_utf8_cut(s, len, len), len);	/* fits: whole */
	CHECK_INT(sq_utf8_cut(s, len, 100), len);
	CHECK_INT(sq_utf8_cut(s, len, 2), 2);		/* on a boundary */
	CHECK_INT(sq_utf8_cut(s, len, 5), 5);
	CHECK_INT(sq_utf8_cut(s, len, 3), 2);		/* inside 阳: before it */
	CHECK_INT(sq_utf8_cut(s, len, 4), 2);
	CHECK_INT(sq_utf8_cut(s, len, 7), 5);
	CHECK_INT(sq_utf8_cut(s, len, 0), 0);
	CHECK_INT(sq_utf8_cut("阳", 3, 1), 0);		/* nothing whole fits */
	CHECK_INT(sq_utf8_cut("", 0, 0), 0);
}

static long
cn(const char *s, size_t *used)
{
	return sq_cn_number(s, strlen(s), used);
}

static void
test_cn(void)
{
	static const struct {
		const char *s;
		long v;
	} v[] = {
		{ "〇", 0 }, { "零", 0 }, { "一", 1 }, { "幺", 1 }, { "二", 2 },
		{ "两", 2 }, { "三", 3 }, { "四", 4 }, { "五", 5 }, { "六", 6 },
		{ "七", 7 }, { "八", 8 }, { "九", 9 }, { "十", 10 },
		{ "十一", 11 }, { "十二", 12 }, { "二十", 20 }, { "二十一", 21 },
		{ "九十九", 99 }, { "一百", 100 }, { "一百零一", 101 },
		{ "一百一", 110 }, { "一百一十", 110 }, { "一百二十三", 123 },
		{ "两百", 200 }, { "一千", 1000 }, { "两千", 2000 },
		{ "一千零五十", 1050 }, { "一千二百", 1200 },
		{ "五〇二", 502 }, { "五零二", 502 }, { "一二〇一", 1201 },
		{ "幺零幺", 101 }, { "二二", 22 },
	};
	size_t i, used;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (!CHECK_INT(cn(v[i].s, &used), v[i].v))
			fprintf(stderr, "  (%s)\n", v[i].s);
		CHECK_INT(used, strlen(v[i].s));
	}
	CHECK_INT(cn("十二号楼", &used), 12);
	CHECK_INT(used, strlen("十二"));
	CHECK_INT(cn("号楼", &used), -1);
	CHECK_INT(used, 0);
	CHECK_INT(cn("12", &used), -1);
	CHECK_INT(cn("", &used), -1);
	/* at most 9 characters */
	CHECK_INT(cn("一二三四五六七八九一二", &used), 123456789);
	CHECK_INT(used, 27);
	CHECK_INT(sq_cn_digit(0x4E09), 3);
	CHECK_INT(sq_cn_digit('3'), -1);
	CHECK_INT(sq_cn_digit(0x5341), -1);	/* 十 is not a digit */
}

/* The key written again, apart, as address.h says it: what to check against. */
struct refout {
	char	*s;
	size_t	 sz, n;
};

static void
ref_put(struct refout *o, char c)
{
	if (o->n + 1 < o->sz)
		o->s[o->n] = c;
	o->n++;
}

static void
ref_part(struct refout *o, char tag, const char *v, int width)
{
	size_t d = 0;
	const char *v0 = v;

	ref_put(o, tag);
	while ((unsigned)((*v | 0x20) - 'a') < 26u)
		ref_put(o, *v++);
	while ((unsigned)(v[d] - '0') < 10u)
		d++;
	if (d > 0 || *v0 == '\0')
		for (size_t k = d; k < (size_t)width; k++)
			ref_put(o, '0');
	while (*v != '\0')
		ref_put(o, *v++);
}

static size_t
ref_key(const struct sq_addr *a, const char *prefix, char *out, size_t sz)
{
	struct refout o = { out, sz, 0 };

	for (const char *p = prefix; *p; p++)
		ref_put(&o, *p);
	if (a->zone[0]) {
		ref_part(&o, 'Z', a->zone, 2);
		ref_put(&o, '-');
	}
	if (a->lane[0]) {
		ref_part(&o, 'L', a->lane, 4);
		ref_put(&o, '-');
	}
	ref_part(&o, 'B', a->building, 4);
	ref_put(&o, '-');
	ref_part(&o, 'U', a->unit, 2);
	ref_put(&o, '-');
	ref_part(&o, 'R', a->room, 4);
	if (sz > 0)
		o.s[o.n < sz ? o.n : sz - 1] = '\0';
	return o.n;
}

/*
 * sq_addr_key and sq_addr_key_community as that second writer: every
 * value shape in every part (empty, letters, digits short and long,
 * letters around digits, sub-rooms, 15 bytes, the longest), every size of
 * output from none to more than enough.
 */
static void
test_key_writer(void)
{
	static const char *const vals[] = {
		"", "0", "2", "12", "502", "1203", "12345", "123456", "A", "AB",
		"A12", "12A", "AB12CD", "502-1", "2F", "2FQL", "TZJ", "QL",
		"0502", "1-2", "ABCDEFGHIJKLMNO", "123456789012345", "A1B2",
	};
	enum { NV = sizeof(vals) / sizeof(vals[0]) };
	char got[SQ_ADDR_KEYMAX + 40], want[SQ_ADDR_KEYMAX + 40];
	long bad = 0, runs = 0;
	struct sq_addr a;

	/* "C" + the community's hash: what the community key must begin with */
	char pre[16];
	memset(&a, 0, sizeof(a));
	sq_addr_key_community("阳光小区", strlen("阳光小区"), &a, got, sizeof(got));
	memcpy(pre, got, 10);
	pre[10] = '\0';
	CHECK(pre[0] == 'C' && pre[9] == '-');
	for (size_t i = 0; i < 40000; i++) {
		size_t r = i * 2654435761u;
		memset(&a, 0, sizeof(a));
		snprintf(a.zone, sizeof(a.zone), "%s", i % 3 ? "" : vals[r % NV]);
		snprintf(a.lane, sizeof(a.lane), "%s", i % 2 ? "" : vals[(r >> 5) % NV]);
		snprintf(a.building, sizeof(a.building), "%s", vals[(r >> 10) % NV]);
		snprintf(a.unit, sizeof(a.unit), "%s", vals[(r >> 15) % NV]);
		snprintf(a.room, sizeof(a.room), "%s", vals[(r >> 20) % NV]);
		size_t sz = i % 7 == 0 ? i / 7 % (SQ_ADDR_KEYMAX + 30) : sizeof(got);
		memset(got, 'x', sizeof(got));
		memset(want, 'x', sizeof(want));
		size_t n = sq_addr_key(&a, got, sz), m = ref_key(&a, "", want, sz);
		bad += n != m || memcmp(got, want, sizeof(got)) != 0;
		memset(got, 'x', sizeof(got));
		memset(want, 'x', sizeof(want));
		n = sq_addr_key_community("阳光小区", strlen("阳光小区"), &a, got, sz);
		m = ref_key(&a, pre, want, sz);
		bad += n != m || memcmp(got, want, sizeof(got)) != 0;
		runs += 2;
	}
	CHECK_INT(bad, 0);
	CHECK(runs == 80000);
	/* the longest: every part 15 bytes, and a community (its length) */
	memset(&a, 'A', sizeof(a));
	a.zone[15] = a.lane[15] = a.building[15] = a.room[15] = '\0';
	a.unit[7] = '\0';
	CHECK_INT(sq_addr_key_community("x", 1, &a, got, sizeof(got)),
	    ref_key(&a, "C00000000-", want, sizeof(want)));
}

int
main(void)
{
	test_table();
	test_parts();
	test_from_parts();
	test_from_cells();
	test_key();
	test_key_writer();
	test_community();
	test_stable();
	test_long_input();
	test_fold();
	test_trim();
	test_utf8_valid();
	test_utf8_next();
	test_utf8_cut();
	test_cn();
	UNIT_DONE();
}
