#!/bin/sh
# privacy.t.sh — nothing in public text lets anyone find a household.
#  canaries  names, phones, ID numbers, car plates and flats planted in every
#            input of the daily job (roster, check-ins, volunteers, requests,
#            posts, orders, sites, couriers, stock, notices, settings) of
#            generated communities, and in the inputs of sq-report's 核酸
#            and 关爱 sections (sampling logs, testing points, door and
#            closure lists; the pairs' greeting log): none
#            reaches any
#            bulletin format, nor summary.json or topics.json (the inputs of
#            sq-report), except the one notice line the config allows, which
#            the log names; each planted notice and setting is named in the
#            log by its line.
# Usage: sh tests/privacy.t.sh BUILD_DIR.  Last line: "privacy: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
PATH=$build/bin:$build/tools:$PATH
export PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqprivacy.XXXXXX") || exit 2
trap '[ -n "$SQ_KEEP" ] || rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL privacy $1"; }

# ---- canaries -------------------------------------------------------------
for seed in 5 17; do
	day=$tmp/day$seed out=$tmp/out$seed
	gen-community -n 300 -s $seed -o "$day" >/dev/null 2>&1 ||
		{ bad "seed $seed: gen-community failed"; continue; }
	# residents of the roster, by the generator's own names
	r1=$(sed -n 5p "$day/roster.csv" | cut -d, -f4)
	r2=$(sed -n 9p "$day/roster.csv" | cut -d, -f4)
	v1=$(sed -n 3p "$day/volunteers.csv" | cut -d, -f2)
	printf '9001,阳光小区,99号楼1单元101室,金丝雀甲,13912340001,2,否,否,否,否,否,雀网格,身份证110101199003071234\n' >>"$day/roster.csv"
	printf '2022-04-10 08:00:00,阳光小区,99号楼1单元101室,金丝雀甲,38.6,是 电话13912340007\n' >>"$day/checkins-2022-04-10.csv"
	printf 'V999,金丝雀丙,13912340003,5,护士,全天,24,是,志愿者\n' >>"$day/volunteers.csv"
	{
		echo '编号,登记时间,地址,诉求内容'
		for k in 1 2 3; do
			echo "Q$k,2022-04-10 08:0$k,3-1-101,${r1}阿姨降压药没了 电话1391234010$k 请帮忙"
			echo "W$k,2022-04-10 09:0$k,3-1-102,${r2}家停水了 3栋50$k"
			echo "P$k,2022-04-10 10:0$k,3-1-103,车位被沪A1234$k占了 身份证11010119900307123$k"
			echo "N$k,2022-04-10 11:0$k,3-1-104,我是金丝雀甲 今天几点做核酸 13912340020"
			echo "S$k,2022-04-10 12:0$k,3-1-105,志愿者${v1}什么时候来 邮箱jsq$k@example.com"
		done
	} >"$day/requests.csv"
	# the committee's own words too: a post and a stock item
	sed -n 2p "$day/posts.csv" | sed "s/^[^,]*,/门岗值守（${v1}13912340040）,/" >>"$day/posts.csv"
	# the orders with the recipient's name, phone, plate and ID (as shop
	# exports have them), the sites with the person in charge, a courier
	# table with names, phones and plates (SHEQU_COURIERS)
	awk -F, -v OFS=, -v r2="$r2" 'NR == 1 { print $0, "收件人", "电话", "备注"; next }
	    { printf "%s,%s,1391234060%d,车牌沪C6060%d 身份证11010119900307606%d\n", $0,
	      (NR % 2 ? r2 : "金丝雀丁"), NR % 10, NR % 10, NR % 10 }' "$day/orders.csv" >"$tmp/o.csv" &&
	    mv "$tmp/o.csv" "$day/orders.csv"
	awk -F, -v OFS=, 'NR == 1 { print $0, "负责人", "联系电话"; next }
	    { print $0, "金丝雀戊", "13912340070" }' "$day/sites.csv" >"$tmp/s.csv" &&
	    mv "$tmp/s.csv" "$day/sites.csv"
	printf 'courier,电话,车牌,capacity\n金丝雀己,13912340080,沪D80801,30\n%s,13912340081,沪D80802,30\n' "$v1" >"$tmp/couriers$seed.csv"
	printf 'item,date,in,out,unit\n口罩（组长王秀兰13912340050）,2022-04-08,100,,个\n口罩（组长王秀兰13912340050）,2022-04-10,,10,个\n' >"$day/stock.csv"
	cat >"$day/community.conf" <<-EOF
	name = 阳光小区
	committee = 阳光社区居委会 主任王秀兰 13912340030
	hotline = 021-5410 0000
	allow = notices.txt:5
	EOF
	cat >"$day/notices.txt" <<-EOF
	notice: 明天7:00-11:00全员核酸，1号楼至10号楼先下楼，热线021-54100000。
	notice: 99号楼1单元101室金丝雀甲确诊，身份证110101199003071234，电话13912340001。
	notice: 请${r1}阿姨家属联系居委会；车牌沪B54321的车主请挪车。
	q: 药怎么配？
	a: 社区医生张医生值班电话13912340099，可代配药。
	EOF
	SHEQU_COURIERS=$tmp/couriers$seed.csv sh "$top/share/shequ-daily" "$day" "$out" >/dev/null 2>"$tmp/log$seed"
	rc=$?
	if [ $rc -le 1 ] && [ -f "$out/bulletin.html" ] && [ -f "$out/bulletin.txt" ] &&
	    [ -f "$out/bulletin.json" ] && [ -f "$out/bulletin.md" ] &&
	    [ -f "$out/topics.json" ]; then ok; else
		bad "seed $seed: shequ-daily exit $rc, outputs missing"; sed 5q "$tmp/log$seed"; continue; fi
	# every name (residents, grid workers, volunteers, check-ins), phone,
	# ID number and plate of the inputs
	{
		sq-cat -q -o json "$day/roster.csv" "$day/volunteers.csv" 2>/dev/null |
		    jq -r '.["户主姓名"], .["姓名"], .["联系电话"], .["电话"], .["网格员"] // empty' 2>/dev/null
		sq-cat -q -o json "$day"/checkins-*.csv 2>/dev/null | jq -r '.["姓名"] // empty'
		echo 金丝雀甲; echo 金丝雀丙; echo 王秀兰
		echo 110101199003071234; echo 13912340001; echo 13912340007
		echo 13912340003; echo 13912340020; echo 13912340030
		echo 13912340040; echo 13912340050
		echo 13912340101; echo 13912340102; echo 13912340103
		echo 沪A12341; echo 沪B54321; echo 110101199003071231
		echo 3栋501; echo jsq1@example.com; echo 99号楼1单元101室
		echo 金丝雀丁; echo 金丝雀戊; echo 金丝雀己; echo 13912340070
		echo 13912340080; echo 13912340081; echo 沪D80801; echo 沪D80802
		for k in 0 1 2 3 4 5 6 7 8 9; do
			echo 1391234060$k; echo 沪C6060$k; echo 11010119900307606$k
		done
	} | sed 's/^ *//; s/ *$//' | grep -v '^$' | grep -v '^null$' | sort -u >"$tmp/secrets"
	nsec=$(wc -l <"$tmp/secrets")
	if [ "$nsec" -gt 300 ]; then ok; else bad "seed $seed: only $nsec secrets extracted"; fi
	sed 's/[^0-9]//g' "$tmp/secrets" | grep -E '^[0-9]{7,}$' | sort -u >"$tmp/digits"
	pub="$out/bulletin.txt $out/bulletin.md $out/bulletin.html $out/bulletin.json $out/summary.json $out/topics.json"
	leaks=$(cat $pub | grep -F -o -f "$tmp/secrets" | sort -u | head -5)
	dleaks=$(cat $pub | tr -cd '0-9\n' | grep -F -o -f "$tmp/digits" | sort -u | head -5)
	if [ -z "$leaks$dleaks" ]; then ok; else
		bad "seed $seed: personal data published: $leaks $dleaks"; fi
	# the repeated questions are there, masked
	if jq -e '[.repeated[].text] | any(test("某阿姨降压药没了 电话\\* 请帮忙"))' "$out/topics.json" >/dev/null &&
	    grep -q '某阿姨降压药没了' "$out/bulletin.txt"; then ok; else
		bad "seed $seed: the masked repeated question is missing"; jq -c .repeated "$out/topics.json"; fi
	# the allowed line is published, and warned about (the daily job runs
	# sq-report -q: warnings are for a run by hand); the others are named
	sq-report -f text -P "$out/households.csv" "$out" -c "$day/community.conf" \
	    -n "$day/notices.txt" >/dev/null 2>"$tmp/warn$seed"
	if grep -F -q 13912340099 "$out/bulletin.txt" &&
	    grep -q 'notices.txt:5: a phone number (139\*\*\*\*\*\*99) kept as written' "$tmp/warn$seed"; then ok; else
		bad "seed $seed: the allowed notice line"; fi
	for l in notices.txt:2 notices.txt:3 community.conf:2; do
		if grep -q "$l: .*masked in the bulletin" "$tmp/log$seed"; then ok; else
			bad "seed $seed: no message for $l"; fi
	done
	# the committee's hotline and the times are published as written
	if grep -F -q '021-54100000' "$out/bulletin.txt" && grep -F -q '7:00-11:00' "$out/bulletin.txt" &&
	    grep -F -q '021-5410 0000' "$out/bulletin.txt"; then ok; else
		bad "seed $seed: the hotline or the times were masked"; fi
done

# ---- sampling logs, testing points, greetings (sq-waves, sq-care) -------
# not steps of the daily job yet: their summaries (waves.json,
# waves-plan.json, care.json) are inputs of sq-report, made here as the
# committee makes them, with names, phones, IDs and plates planted.
w=$tmp/waves c=$tmp/care b=$tmp/wc
mkdir -p "$c" "$b"
if gen-waves -n 400 -c 1 -s 3 -o "$w" >/dev/null 2>&1 && gen-care district -s 1 -m 3 "$c" >/dev/null 2>&1; then
	wr=$(sed -n 7p "$w/households.csv" | cut -d, -f6)
	cr=$(sed -n 7p "$c/households.csv" | cut -d, -f6)
	printf '2022-04-10 09:00:00,%s 电话13912340090,晴川小区1号楼1单元101,1号采样点 金丝雀庚13912340091\n' "$wr" >>"$w/log-01.csv"
	printf '2022-04-10 09:01:00,金丝雀庚,晴川小区1号楼1单元102 身份证110101199003079090,1号采样点\n' >>"$w/log-01.csv"
	awk -F, -v OFS=, 'NR == 1 { print $0, "负责人", "电话"; next }
	    { print $0, "金丝雀辛", "13912340092" }' "$w/points.csv" >"$w/p.csv" && mv "$w/p.csv" "$w/points.csv"
	# a point named by where it is: a resident's door, with a phone
	printf '%s家楼下（13912340095）,40,10,2,120,金丝雀辛,13912340092\n' "$wr" >>"$w/points.csv"
	printf 'Cc3d61560-B0001-U01-R0101,行动不便 金丝雀壬 13912340093 车牌沪E90931\n' >>"$w/door.csv"
	printf '楼号,小区,说明\n4号楼,晴川小区,封控 金丝雀壬确诊 身份证110101199003079093\n' >"$w/closed.csv"
	sq-waves -q -d 2022-04-10 -p "$w/sites.csv" -P "$w/points.csv" -e "$w/door.csv" \
	    -c "$w/closed.csv" -Y "$b/waves-plan.json" "$w/households.csv" >/dev/null 2>&1
	sq-waves -q -d 2022-04-10 -Y "$b/waves.json" -s "$w/log-door.csv" "$w/households.csv" \
	    "$w"/log-[0-9]*.csv >/dev/null 2>&1
	sq-care -q -d 2022-04-10 -m 3 -p "$c/sites.csv" -O "$c/pairs.csv" \
	    "$c/households.csv" "$c/volunteers.csv" 2>/dev/null
	gen-care log -s 1 -D 1 "$c/pairs.csv" "$c" >/dev/null 2>&1
	g=$c/log-2022-04-10.csv
	printf '阳光小区,金丝雀癸 13912340094,%s,2022-04-10 08:00,电话,%s说摔倒了 身份证110101199003079094 车牌沪F90941\n' "$cr" "$cr" >>"$g"
	sq-care -q -g "$g" -d 2022-04-10 -Y "$b/care.json" "$c/pairs.csv" >/dev/null 2>&1
	if [ -s "$b/waves.json" ] && [ -s "$b/waves-plan.json" ] && [ -s "$b/care.json" ]; then ok; else
		bad "waves/care: a summary is missing"; ls -l "$b"; fi
	printf 'name = 阳光小区\n' >"$b/community.conf"
	for f in text:txt markdown:md html:html json:json; do
		sq-report -f "${f%%:*}" -d 2022-04-10 -P "$w/households.csv" -P "$c/households.csv" \
		    -P "$c/volunteers.csv" -O "$b/bulletin.${f#*:}" "$b" 2>>"$b/err"
		[ $? -le 1 ] ||
		    bad "waves/care: sq-report -f ${f%%:*} exit $?"
	done
	if grep -q '核酸' "$b/bulletin.txt" && jq -e '.care and .waves' "$b/bulletin.json" >/dev/null; then ok; else
		bad "waves/care: the bulletin has no 核酸 or care section"; cat "$b/err"; fi
	if jq -e '[.waves.plan.points[].point] | any(test("^某+家楼下（\\*）$"))' "$b/bulletin.json" >/dev/null &&
	    grep -q 'waves-plan.json: testing point: a phone number (139\*\*\*\*\*\*95) masked' "$b/err"; then ok; else
		bad "waves/care: the testing point named by a resident's door is not masked, or not said"
		jq -c .waves.plan.points "$b/bulletin.json"; sed 3q "$b/err"; fi
	{
		sq-cat -q -o json "$w/households.csv" "$c/households.csv" "$c/volunteers.csv" \
		    "$w"/log-*.csv "$g" 2>/dev/null |
		    jq -r '.name, .grid, .["姓名"], .["电话"], .["问候人"], .phone // empty' 2>/dev/null
		echo 金丝雀庚; echo 金丝雀辛; echo 金丝雀壬; echo 金丝雀癸; echo 沪E90931; echo 沪F90941
		for k in 0 1 2 3 4 5; do echo 1391234009$k; echo 11010119900307909$k; done
	} | sed 's/^ *//; s/ *$//' | grep -v '^$' | grep -v '^null$' | sort -u >"$tmp/wsecrets"
	nsec=$(wc -l <"$tmp/wsecrets")
	if [ "$nsec" -gt 300 ]; then ok; else bad "waves/care: only $nsec secrets extracted"; fi
	sed 's/[^0-9]//g' "$tmp/wsecrets" | grep -E '^[0-9]{7,}$' | sort -u >"$tmp/wdigits"
	pub="$b/bulletin.txt $b/bulletin.md $b/bulletin.html $b/bulletin.json"
	leaks=$(cat $pub | grep -F -o -f "$tmp/wsecrets" | sort -u | head -5)
	dleaks=$(cat $pub | tr -cd '0-9\n' | grep -F -o -f "$tmp/wdigits" | sort -u | head -5)
	if [ -z "$leaks$dleaks" ]; then ok; else
		bad "waves/care: personal data published: $leaks $dleaks"; fi
else
	bad "waves/care: the generators failed"
fi

echo "privacy: $pass passed, $fail failed"
[ $fail = 0 ]
