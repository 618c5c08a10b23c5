#!/bin/sh
# privacy.t.sh — nothing in public text lets anyone find a household.
#  canaries  names, phones, ID numbers, car plates and flats planted in every
#            input of the daily job (roster, check-ins, volunteers, requests,
#            posts, stock, notices, settings) of generated communities: none
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
	sh "$top/share/shequ-daily" "$day" "$out" >/dev/null 2>"$tmp/log$seed"
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

echo "privacy: $pass passed, $fail failed"
[ $fail = 0 ]
