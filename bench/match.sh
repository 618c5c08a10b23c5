#!/bin/sh
# Benchmark sq-match on a generated district: 5,000 volunteers and 500
# post-shifts a day for 7 days (3,500 post-shifts).  Prints the seconds the
# plan took (best of 3, wall clock) and filled/bound.  Not a test: run it by
# hand or with `make bench`, under nice on a shared machine:
#	nice -n 10 sh bench/match.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
export SHEQU_DATADIR LC_ALL TZ
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqbench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
"$build/tools/gen-match" district -v 5000 -d 7 -s 1 "$tmp" || exit 2
best=
for run in 1 2 3; do
	start=$(date +%s.%N)
	"$build/bin/sq-match" -u "$tmp/unfilled.csv" -w "$tmp/hours.csv" \
	    "$tmp/volunteers.csv" "$tmp/posts.csv" >"$tmp/plan.csv" 2>"$tmp/err" || { cat "$tmp/err"; exit 2; }
	end=$(date +%s.%N)
	t=$(echo "$end $start" | awk '{printf "%.3f", $1 - $2}')
	if [ -z "$best" ] || [ "$(echo "$t $best" | awk '{print ($1 < $2)}')" = 1 ]; then best=$t; fi
done
summary=$(grep 'seats in' "$tmp/err")
filled=$(echo "$summary" | sed 's/.*: \([0-9]*\) filled.*/\1/')
bound=$(echo "$summary" | sed 's/.*upper bound \([0-9]*\).*/\1/')
seats=$(echo "$summary" | sed 's/^sq-match: \([0-9]*\) seats.*/\1/')
"$build/bin/sq-match" -q -c "$tmp/plan.csv" "$tmp/volunteers.csv" "$tmp/posts.csv" >"$tmp/viol.csv"
echo "sq-match: 5000 volunteers x 3500 post-shifts ($seats seats): ${best} s (best of 3)"
echo "filled/bound: $filled/$bound ($(echo "$filled $bound" | awk '{printf "%.1f", 100 * $1 / $2}')%), --check: $(($(wc -l <"$tmp/viol.csv") - 1)) violations"
