#!/bin/sh
# Property check for sq-flag on generated data with known truth: a roster
# of N households, check-ins from a random subset (some twice, some with a
# fever, some with symptoms, some bad readings, some from unknown rooms).
# sq-flag --all must find exactly the true status of every household, and
# the check-ins must add up.  Several seeds.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqflag.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {
	if [ "$2" = ok ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL flag seed $1: $3"; fi
}
for seed in 1 2 3 4 5 6 7 8; do
	rm -f "$tmp"/*.csv
	awk -v seed=$seed -v dir="$tmp" 'BEGIN {
		srand(seed); n = 400 + int(rand() * 400)
		hh = dir "/hh.csv"; ci = dir "/ci.csv"; truth = dir "/truth.csv"
		print "hh,community,building,unit,room,name,phone,members,elderly_alone,chronic,disabled,pregnant,infant,grid" > hh
		print "提交时间,地址,姓名,体温,是否有症状" > ci
		for (i = 0; i < n; i++) {
			b = 1 + int(i / 40); u = 1 + int((i % 40) / 20); r = 101 + (i % 20)
			key = sprintf("B%04d-U%02d-R%04d", b, u, r)
			print key ",," b "," u "," r ",p" i ",1380000" sprintf("%04d", i) ",2," (rand() < 0.1 ? "true" : "") ",,,,,g" (b % 3) >> hh
			x = rand()
			if (x < 0.15) { st = "unreported"; }
			else {
				y = rand()
				if (y < 0.05) { st = "fever"; t = sprintf("%.1f", 37.3 + rand() * 2) }
				else if (y < 0.10) { st = "symptoms"; t = "36.6" }
				else if (y < 0.13) { st = "bad_reading"; t = "98.6" }
				else { st = "ok"; t = sprintf("%.1f", 35.8 + rand() * 1.4) }
				sym = st == "symptoms" ? "咳嗽" : "否"
				form = int(rand() * 3)
				addr = form == 0 ? b "-" u "-" r : form == 1 ? b "号楼" u "单元" r "室" : b "栋" u "单元" r
				print "2022-04-10 08:" sprintf("%02d", i % 60) "," addr ",p" i "," t "," sym >> ci
				if (rand() < 0.1)	# a second, normal check-in the same day
					print "2022-04-10 19:00," addr ",p" i ",36.5,否" >> ci
			}
			print key "," st >> truth
		}
		for (k = 0; k < 5; k++)	# rooms that do not exist
			print "2022-04-10 09:00,1-1-" (901 + k) ",x,36.5,否" >> ci
	}'
	sort "$tmp/truth.csv" >"$tmp/want"
	sq_out=$("$build/bin/sq-flag" --all -q -d 2022-04-10 "$tmp/hh.csv" "$tmp/ci.csv" 2>"$tmp/err")
	printf '%s\n' "$sq_out" | awk -F, 'NR > 1 && $7 != "unknown_household" { print $1 "," $7 }' | sort >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then check $seed ok; else
		check $seed bad "statuses differ"; diff "$tmp/want" "$tmp/got" | head -5; fi
	unk=$(printf '%s\n' "$sq_out" | grep -c ',unknown_household,')
	if [ "$unk" = 5 ]; then check $seed ok; else check $seed bad "unknown households: $unk, not 5"; fi
	# check-ins add up: rows read = today + merged + unknown + rejected
	rows=$(($(wc -l <"$tmp/ci.csv") - 1))
	"$build/bin/sq-flag" -d 2022-04-10 -Y "$tmp/sum.json" "$tmp/hh.csv" "$tmp/ci.csv" >/dev/null 2>&1
	sum=$(tr -d ' \n' <"$tmp/sum.json" | sed 's/.*"checkins":{//' | awk -F'[:,}]' '{
		for (i = 1; i < NF; i += 2) v[$i] = $(i + 1)
		print v["\"rows\""], v["\"today\""] + v["\"merged\""] + v["\"unknown_household\""] + v["\"rejected\""] + v["\"earlier_days\""] + v["\"earlier_unknown\""] + v["\"later_days\""] }')
	set -- $sum
	if [ "$1" = "$rows" ] && [ "$2" = "$rows" ]; then check $seed ok; else
		check $seed bad "check-ins do not add up: $sum (rows $rows)"; fi
done
echo "flag: $pass passed, $fail failed"
[ $fail = 0 ]
