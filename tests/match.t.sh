#!/bin/sh
# sq-match against an independent exhaustive solver: on small random
# instances (tools/gen-match small) the plan fills exactly as many seats as
# the best possible plan, every plan passes --check, and the same input
# gives the same plan.  Usage: sh tests/match.t.sh BUILD_DIR [COUNT]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
count=${2:-250}
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
export LC_ALL TZ SHEQU_DATADIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqmatch.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
i=1
while [ $i -le $count ]; do
	d=$tmp/$i
	mkdir -p "$d"
	line=$("$build/tools/gen-match" small $i "$d") || { echo "FAIL $i: generator"; fail=$((fail + 1)); i=$((i + 1)); continue; }
	opt=$(echo "$line" | awk '{print $2}')
	args=$(echo "$line" | sed 's/^OPT [0-9]* ARGS //')
	ok=1
	# shellcheck disable=SC2086
	"$build/bin/sq-match" -q $args "$d/volunteers.csv" "$d/posts.csv" >"$d/plan.csv" 2>"$d/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL $i: sq-match exit $rc"; cat "$d/err"; ok=0
	fi
	got=$(($(wc -l <"$d/plan.csv") - 1))
	if [ "$got" != "$opt" ]; then
		echo "FAIL $i: filled $got, the optimum is $opt ($args)"; ok=0
	fi
	# shellcheck disable=SC2086
	"$build/bin/sq-match" -q $args -c "$d/plan.csv" "$d/volunteers.csv" "$d/posts.csv" >"$d/viol.csv" 2>"$d/err2"
	if [ $? -ne 0 ] || [ "$(wc -l <"$d/viol.csv")" != 1 ]; then
		echo "FAIL $i: the plan does not pass --check"; head -5 "$d/viol.csv" "$d/err2"; ok=0
	fi
	if [ $((i % 10)) = 0 ]; then
		# shellcheck disable=SC2086
		"$build/bin/sq-match" -q $args "$d/volunteers.csv" "$d/posts.csv" >"$d/plan2.csv" 2>/dev/null
		cmp -s "$d/plan.csv" "$d/plan2.csv" || { echo "FAIL $i: not deterministic"; ok=0; }
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); rm -rf "$d"; else fail=$((fail + 1)); fi
	i=$((i + 1))
done
echo "match: $pass passed, $fail failed"
[ $fail = 0 ]
