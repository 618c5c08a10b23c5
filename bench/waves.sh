#!/bin/sh
# sq-waves on a generated testing day of 30,000 households (tools/gen-waves
# -n 30000 -c 3 -s 11: 3 communities, 21 points, 22 logs of about 100,000
# rows), side by side with what a data volunteer would write instead:
#   the plan:        python3 bench/waves_plan.py (csv module; nearest point,
#                    a slot per unit, no balancing) -- and its makespan;
#   the missed list: gawk -f bench/waves-missed.awk (the generator's
#                    address forms only), checked to give the same list.
# Best wall time of 3 runs, its CPU time, the largest RSS.
# Usage: sh bench/waves.sh [N]        (make all first)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-30000}
out=$top/bench/out/waves-$n
export SHEQU_DATADIR=$top/share LC_ALL=C
W=$top/build/bin/sq-waves
[ -x "$W" ] || { echo "bench: build first (make)" >&2; exit 2; }
if [ ! -f "$out/households.csv" ]; then
	echo "generating $n households and their testing day..." >&2
	mkdir -p "$top/bench/out" && "$top/build/tools/gen-waves" -n "$n" -c 3 -s 11 \
	    -o "$out" || exit 2
fi
logs=$(ls "$out"/log-*.csv)
rows=0
for f in $logs; do rows=$((rows + $(wc -l <"$f") - 1)); done
echo "input: $n households, $(echo $logs | wc -w) logs of $rows rows in all"

measure() {	# name, command...
	name=$1; shift
	best=""
	for run in 1 2 3; do
		/usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" \
		    >"$out/$name.out" 2>"$out/$name.err"
		t=$(cut -d' ' -f1 "$out/time.txt")
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then
			best=$t
			rss=$(cut -d' ' -f2 "$out/time.txt")
			cpu=$(awk '{ print $3 + $4 }' "$out/time.txt")
		fi
	done
	printf '%-22s %7.2f s %7.2f s CPU %5d MB\n' "$name" "$best" "$cpu" \
	    "$((rss / 1024))"
	eval "time_$name=$best cpu_$name=$cpu"
}

cd "$out" || exit 2
measure sq_waves_plan "$W" -q -d 2022-04-10 -p sites.csv -P points.csv \
    -e door.csv -c closed.csv -T 12 -Y plan.json households.csv
measure python3_plan python3 "$top/bench/waves_plan.py" .
measure sq_waves_missed "$W" -q -d 2022-04-10 -s log-door.csv \
    households.csv $(ls log-[0-9]*.csv)
measure gawk_missed gawk -v day=2022-04-10 -f "$top/bench/waves-missed.awk" \
    households.csv $logs

awk -F, 'NR > 1 && $7 != "unknown_household" { print $1 "," $7 }' \
    sq_waves_missed.out | sort >missed.sq
sort gawk_missed.out >missed.awk
if cmp -s missed.sq missed.awk; then
	echo "check: the gawk missed list is sq-waves' ($(wc -l <missed.sq) households)"
else
	echo "check: THE MISSED LISTS DIFFER (the comparison is not fair)"
fi
sq=$(jq -r '.plan.minutes' plan.json 2>/dev/null)
ideal=$(jq -r '.plan.ideal_minutes' plan.json 2>/dev/null)
py=$(sed -n 's/^makespan \([0-9]*\) min$/\1/p' python3_plan.err)
echo "plan: sq-waves calls everyone in $sq min (ideal $ideal); the python3 baseline in $py min"
awk -v a="$time_python3_plan" -v b="$time_sq_waves_plan" \
    -v c="$time_gawk_missed" -v d="$time_sq_waves_missed" -v n="$n" 'BEGIN {
	r1 = b > 0 ? a / b : 0
	r2 = d > 0 ? c / d : 0
	printf "ratios (wall): python3 plan / sq-waves plan %.1fx; gawk missed / sq-waves missed %.1fx\n", r1, r2
	ok = (b < 1 && d < 1) ? "met" : "NOT MET"
	printf "target: sq-waves under a second for %s households: plan %.2f s, missed %.2f s: %s\n", n, b, d, ok
}'
