/*
 * test_mask.c — rules/mask.c through its header: what is masked in free text
 * and, as much, what is left alone (dates, times, counts, words).
 */
#include <stdlib.h>
#include <string.h>

#include "mask.h"
#include "unit.h"

static const char rules[] =
    "[surnames]\n王 李 张 陈 于 和 程 金 欧阳 关 方\n"
    "[honorifics]\n阿姨 老师 先生 医生 总 老太\n"
    "[before]\n老 小\n"
    "[intro]\n我是 我叫 联系人\n"
    "[stop]\n的 给 和 于 向 家\n"
    "[not-names]\n小时 小程序 老师\n"
    "[plates]\n沪 京\n";

struct tcase {
	int flags;
	const char *in, *out;
};

int
main(void)
{
	struct sq_mask *m = sq_mask_parse("rules", rules, strlen(rules));
	static const struct tcase cases[] = {
		/* names: known, honorifics, 老/小, after an intro */
		{ 0, "李秀英阿姨降压药没了", "某阿姨降压药没了" },
		{ 0, "王阿姨家降压药没了", "某阿姨家降压药没了" },
		{ 0, "帮李秀英阿姨买药", "帮某阿姨买药" },
		{ 0, "关于王阿姨的事", "关于某阿姨的事" },
		{ 0, "于阿姨来电", "某阿姨来电" },
		{ 0, "我和阿姨说了", "我和阿姨说了" },
		{ 0, "欧阳娜娜老师", "某老师" },
		{ 0, "老李家降压药没了", "老某家降压药没了" },
		{ 0, "小程序打不开，24小时都不行", "小程序打不开，24小时都不行" },
		{ 0, "请联系老师", "请联系老师" },
		{ 0, "我是张伟 电梯坏了", "我是某某 电梯坏了" },
		{ 0, "联系人：陈小明", "联系人：某某" },
		{ 0, "张伟丹说停水了", "某某说停水了" },
		{ 0, "居民张 伟丹说", "居民张 伟丹说" },
		{ 0, "Li Wei and Wei", "Li Wei and Wei" },
		/* numbers */
		{ 0, "电话13812345678请回电", "电话*请回电" },
		{ 0, "电话 138 1234 5678", "电话 *" },
		{ 0, "+86 138-1234-5678", "*" },
		{ 0, "座机021-64381234", "座机*" },
		{ 0, "热线021-5410 0000", "热线021-5410 0000" },
		{ 0, "拨54100000", "拨54100000" },
		{ 0, "身份证110101199001011234", "身份证*" },
		{ 0, "身份证11010119900101123X号", "身份证*号" },
		/* a number right after a masked one starts a word: nothing shows once the first is gone */
		{ 0, "11010119900101123X110101900101123", "**" },
		{ 0, "老证110101900101123", "老证*" },
		{ 0, "车牌沪A12345，京A·D12345", "车牌*，*" },
		{ 0, "沪ABC", "沪ABC" },
		{ 0, "3栋502漏水", "*漏水" },
		{ 0, "12号楼2单元502室发热", "*发热" },
		{ 0, "12-2-502和12-502", "*和*" },
		{ 0, "５号楼１２０１室", "*" },
		{ 0, "502室，2室1厅", "*，2室1厅" },
		{ 0, "mail a.b@qq.com now", "mail * now" },
		/* not personal */
		{ 0, "2022-04-10 7:00-11:00 核酸，1号楼至10号楼", "2022-04-10 7:00-11:00 核酸，1号楼至10号楼" },
		{ 0, "4月11日（周一）全员，共2995户", "4月11日（周一）全员，共2995户" },
		{ 0, "", "" },
		/* a resident's message: every number */
		{ SQ_MASK_DIGITS, "保供物资什么时候发到12号楼", "保供物资什么时候发到*号楼" },
		{ SQ_MASK_DIGITS, "今天几点做核酸?", "今天几点做核酸?" },
		{ SQ_MASK_DIGITS, "等了200分钟，3点还没来", "等了*分钟，3点还没来" },
		{ SQ_MASK_DIGITS, "我是李娜 8-1-302 电梯坏了 13900002222",
		    "我是某某 * 电梯坏了 *" },
	};
	sq_mask_add_name(m, "张伟丹", strlen("张伟丹"));
	sq_mask_add_name(m, "张伟丹", strlen("张伟丹"));
	sq_mask_add_name(m, "李", strlen("李"));	/* one character: no */
	sq_mask_add_name(m, "Wei", 3);			/* too short: no */
	sq_mask_add_name(m, "  ", 2);
	CHECK_INT(sq_mask_names(m), 1);
	sq_mask_keep(m, "021-5410 0000", strlen("021-5410 0000"));
	sq_mask_keep(m, "12", 2);			/* too short to keep */
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = sq_mask_text(m, cases[i].flags, cases[i].in,
		    strlen(cases[i].in), NULL, NULL, NULL);
		CHECK_STR_CTX(got, cases[i].out, cases[i].in);
		free(got);
	}

	/* hits: where, what, and a preview that gives nothing away */
	const char *t = "王阿姨 13812345678 沪A12345";
	struct sq_mask_hit *h;
	size_t nh, ol;
	char *got = sq_mask_text(m, 0, t, strlen(t), &ol, &h, &nh);
	CHECK_STR(got, "某阿姨 * *");
	CHECK_INT(ol, strlen("某阿姨 * *"));
	if (CHECK_INT(nh, 3)) {
		CHECK_INT(h[0].off, 0);
		CHECK_INT(h[0].len, 3);
		CHECK_INT(h[0].kind, SQ_MASK_NAME);
		CHECK_INT(h[1].kind, SQ_MASK_PHONE);
		CHECK_INT(h[2].kind, SQ_MASK_PLATE);
		char pv[64];
		sq_mask_preview(t + h[1].off, h[1].len, h[1].kind, pv, sizeof(pv));
		CHECK_STR(pv, "138******78");
		sq_mask_preview("李秀英", strlen("李秀英"), SQ_MASK_NAME, pv,
		    sizeof(pv));
		CHECK_STR(pv, "李**");
		sq_mask_preview("李秀英", strlen("李秀英"), SQ_MASK_NAME, pv, 5);
		CHECK_STR(pv, "");
		CHECK_STR(sq_mask_kind_name(h[2].kind), "a car plate");
	}
	free(h);
	free(got);
	got = sq_mask_text(m, 0, "no hit", 6, NULL, &h, &nh);
	CHECK(h == NULL && nh == 0);
	free(got);
	/* a name just before a phone: the phone starts a word once the name
	   is masked, so the masked text has nothing left to mask */
	sq_mask_add_name(m, "王X", strlen("王X"));
	got = sq_mask_text(m, 0, "联系王X13812345678", strlen("联系王X13812345678"),
	    NULL, &h, &nh);
	CHECK(strstr(got, "1381234") == NULL);
	CHECK(nh == 2 && h[0].kind == SQ_MASK_NAME && h[1].kind == SQ_MASK_PHONE);
	free(h);
	free(got);
	/* bytes that are not UTF-8 pass as they are */
	got = sq_mask_text(m, 0, "\xff\xfe 1", 4, NULL, NULL, NULL);
	CHECK_STR(got, "\xff\xfe 1");
	free(got);
	sq_mask_free(m);

	/* the shipped rules load */
	const char *dd = getenv("SHEQU_DATADIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/mask.txt", dd ? dd : "share");
	m = sq_mask_load(path);
	if (CHECK(m != NULL)) {
		static const struct tcase shipped[] = {
			{ 0, "李秀英阿姨 施工 社区医生 小区",
			    "某阿姨 施工 社区医生 小区" },
			{ 0, "主任王秀兰 13912340030", "主任某某 *" },
			{ 0, "网格员李娜，逐户联系", "网格员某某，逐户联系" },
			/* a given name may have two characters: on the side
			   of masking too much */
			{ 0, "网格员李娜逐户联系", "网格员某某户联系" },
			{ 0, "主任高度重视，医生和护士上门", "主任高度重视，医生和护士上门" },
			{ 0, "书记向居民说明", "书记向居民说明" },
			{ 0, "请各位阿姨、叔叔下楼", "请各位阿姨、叔叔下楼" },
			{ 0, "小程序每24小时更新", "小程序每24小时更新" },
			{ 0, "老张和小王", "老某和小某" },
		};
		for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]);
		    i++) {
			got = sq_mask_text(m, 0, shipped[i].in,
			    strlen(shipped[i].in), NULL, NULL, NULL);
			CHECK_STR_CTX(got, shipped[i].out, shipped[i].in);
			free(got);
		}
		sq_mask_free(m);
	}
	UNIT_DONE();
}
