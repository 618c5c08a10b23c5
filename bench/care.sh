#!/bin/sh
# sq-care at district scale: about 30,000 households that need a carer.
#
# Two districts from tools/gen-care (seed 7, about 2 volunteers a building):
#   district  80 communities of 3,600 households (288,000; ~30,000 in care)
#   one       one community of 288,000 households in ~3,500 buildings (the
#             hub of solve/care: arcs to the nearest buildings only)
# Pairing, best wall time of 3 (python_nx: 1), CPU, peak RSS, and the quality of
# the pairs (how many paired, how many with a carer of their own building,
# of their grid):
#   sq_care      build/bin/sq-care -p sites households volunteers
#   gawk_greedy  bench/care-greedy.awk: same building first, then anyone of
#                the community, first come first served (carers-plain.csv:
#                the carers' buildings as numbers, which gawk can read)
#   python_nx    bench/care_flow.py: networkx max_flow_min_cost per
#                community on the whole household x carer graph, costs 0/1
#                (same building or not); skipped without networkx, and on
#                the one-community district (hours)
# Greetings on a day's log (tools/gen-care log, ~90% greeted):
#   sq_care_greet  sq-care -g log pairs (the log names whom by address or
#                  name, as people type it)
#   gawk/sqlite3/mlr  the households of the pairs with no reached entry in
#                  keys.csv (the same entries with the household key: the
#                  peers cannot read addresses), the least that gives the
#                  same set of households
# Not a test: run it by hand, under nice on a shared machine:
#	nice -n 10 sh bench/care.sh [BUILD_DIR]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
out=$top/bench/out/care
mkdir -p "$out"
care=$build/bin/sq-care
gen=$build/tools/gen-care
[ -x "$care" ] && [ -x "$gen" ] || { echo "bench/care.sh: build first (make)"; exit 2; }

measure() {	# name, output file, command...
	name=$1; file=$2; shift 2
	best=""; rss=0; cpu=0
	# a peer that takes minutes runs once
	runs="1 2 3"; [ "$name" = python_nx ] && runs=1
	for run in $runs; do
		/usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" >"$file" 2>"$out/$name.err" ||
		    { echo "$name: failed"; tail -3 "$out/$name.err"; return 1; }
		t=$(cut -d' ' -f1 "$out/time.txt"); m=$(cut -d' ' -f2 "$out/time.txt")
		c=$(awk '{ print $3 + $4 }' "$out/time.txt")
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; rss=$m; cpu=$c; fi
	done
	printf '%-15s %7.2f s %7.2f s CPU %6d MB' "$name" "$best" "$cpu" "$((rss / 1024))"
	eval "time_$name=$best"
}

# paired, same building, same grid: columns of sq-care's pairs, or of a
# peer's hh,vid,tier
quality_care() {
	awk -F, 'NR > 1 { n++ } NR > 1 && $10 != "" { p++ } NR > 1 && $14 == "building" { b++ }
	    NR > 1 && $14 == "grid" { g++ }
	    END { printf "   %d of %d paired, %d same building, %d same grid\n", p, n, b, g }' "$1"
}
quality_peer() {
	awk -F, 'NR > 1 { n++ } NR > 1 && $2 != "" { p++ } NR > 1 && $3 == "building" { b++ }
	    END { printf "   %d of %d paired, %d same building\n", p, n, b }' "$1"
}

for shape in district one; do
	d=$out/$shape
	mkdir -p "$d"
	case $shape in
	district) "$gen" district -N -s 7 -c 80 -n 3600 -v 2 "$d" ;;
	one) "$gen" district -N -s 7 -c 1 -n 288000 -v 2 "$d" ;;
	esac || exit 2
	need=$(grep -c '^NEED' "$d/truth.txt")
	echo "$shape: $(($(wc -l <"$d/households.csv") - 1)) households, $need need care," \
	    "$(($(wc -l <"$d/carers-plain.csv") - 1)) carers"
	echo "tool            wall (best of 3)  CPU      peak RSS"
	measure sq_care "$d/pairs.csv" "$care" -q -d 2022-04-10 -p "$d/sites.csv" \
	    "$d/households.csv" "$d/volunteers.csv" && quality_care "$d/pairs.csv"
	if command -v gawk >/dev/null; then
		measure gawk_greedy "$d/greedy.csv" gawk -f "$top/bench/care-greedy.awk" \
		    "$d/carers-plain.csv" "$d/households.csv" && quality_peer "$d/greedy.csv"
	else echo "gawk_greedy: skipped, gawk not installed"; fi
	if [ "$shape" = one ]; then
		echo "python_nx: skipped on one community (the whole graph is too big)"
	elif python3 -c 'import networkx' 2>/dev/null; then
		measure python_nx "$d/nx.csv" python3 "$top/bench/care_flow.py" \
		    "$d/carers-plain.csv" "$d/households.csv" && quality_peer "$d/nx.csv"
	else echo "python_nx: skipped, no python3 with networkx"; fi
	for t in gawk_greedy python_nx; do
		eval "v=\${time_$t:-}"
		[ -n "$v" ] && printf '   sq-care is %.1fx faster than %s\n' "$(echo "$v / $time_sq_care" | bc -l)" "$t"
		eval "time_$t="
	done

	# a day of greetings
	"$gen" log -s 7 -D 1 -d 2022-04-10 "$d/pairs.csv" "$d" || exit 2
	log=$d/log-2022-04-10.csv keys=$d/keys-2022-04-10.csv
	echo "greetings: $(($(wc -l <"$log") - 1)) log rows"
	measure sq_care_greet "$d/greet.csv" "$care" -q -g "$log" -d 2022-04-10 "$d/pairs.csv" &&
	    echo "   $(($(wc -l <"$d/greet.csv") - 1)) to follow up"
	cat >"$d/greet.awk" <<'AWK'
BEGIN { FS = ","; OFS = "," }
FNR == 1 { next }
NR == FNR { if ($3 == "1") reached[$1] = 1; next }
!($1 in reached) { print $1, $10, $8 }
AWK
	if command -v gawk >/dev/null; then
		measure gawk "$d/gawk.csv" gawk -f "$d/greet.awk" "$keys" "$d/pairs.csv" &&
		    echo "   $(wc -l <"$d/gawk.csv") not greeted"
	fi
	if command -v sqlite3 >/dev/null; then
		cat >"$d/greet.sql" <<SQL
.mode csv
.import $d/pairs.csv pairs
.import $keys keys
SELECT hh, vid, grid FROM pairs
WHERE hh NOT IN (SELECT hh FROM keys WHERE reached = '1') ORDER BY hh;
SQL
		measure sqlite3 "$d/sqlite.csv" sh -c "sqlite3 :memory: < '$d/greet.sql'" &&
		    echo "   $(wc -l <"$d/sqlite.csv") not greeted"
	fi
	if command -v mlr >/dev/null; then
		measure mlr "$d/mlr.csv" sh -c "mlr --icsv --ocsv filter '\$reached == 1' '$keys' > '$d/reached.csv' &&
		    mlr --icsv --ocsv join --np --ur -j hh -f '$d/reached.csv' then cut -f hh,vid,grid '$d/pairs.csv'" &&
		    echo "   $(($(wc -l <"$d/mlr.csv") - 1)) not greeted"
	fi
	for t in gawk sqlite3 mlr; do
		eval "v=\${time_$t:-}"
		[ -n "$v" ] && printf '   sq-care -g is %.1fx faster than %s\n' "$(echo "$v / $time_sq_care_greet" | bc -l)" "$t"
		eval "time_$t="
	done

	# streaks at this scale: four days, day by day with the state file,
	# each day's households to follow up (status, days in a row, alarm)
	# against the generator's truth
	mkdir -p "$d/days"
	"$gen" log -s 8 -D 4 "$d/pairs.csv" "$d/days" || exit 2
	rm -f "$d/days/state.csv"
	same=0 days=0
	for day in 2022-04-10 2022-04-11 2022-04-12 2022-04-13; do
		"$care" -q -g "$d/days/log-$day.csv" -d "$day" -s "$d/days/state.csv" \
		    "$d/pairs.csv" >"$d/days/g.csv" 2>/dev/null || { echo "streaks: sq-care failed on $day"; break; }
		awk -F, 'NR > 1 { print $1 "," $13 "," $15 "," $14 }' "$d/days/g.csv" | sort >"$d/days/got"
		awk -F, 'NR > 1 && $2 != "greeted"' "$d/days/truth-$day.csv" | sort >"$d/days/want"
		days=$((days + 1))
		cmp -s "$d/days/got" "$d/days/want" && same=$((same + 1))
		n=$(wc -l <"$d/days/want")
	done
	echo "check: streaks over $days days: $same days equal the truth ($n households to follow up on the last)"
done
