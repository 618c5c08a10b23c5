#!/bin/sh
# The whole suite for one build: unit tests, golden CLI cases, conformance
# and property checks.  Each part prints "...: N passed, N failed"; this sums
# them into the closing line "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
log=$(mktemp "${TMPDIR:-/tmp}/sqall.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT INT TERM
status=0
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	( cd "$top" && SHEQU_DATADIR=$top/share "$t" ) >"$log.one" 2>&1
	rc=$?
	cat "$log.one" >>"$log"
	tail -n 1 "$log.one" | sed "s|^|$(basename "$t"): |"
	[ $rc = 0 ] || { status=1; grep -E 'FAIL' "$log.one" | head -20; }
done
rm -f "$log.one"
for part in "$top"/tests/run.sh "$top"/tests/[a-z]*.t.sh; do
	[ -f "$part" ] || continue
	sh "$part" "$build" >"$log.one" 2>&1 || status=1
	cat "$log.one" >>"$log"
	grep -E '^(FAIL|SKIP)' "$log.one" | head -30
	grep -E '^[-a-z ]*: ?[0-9]+ passed, [0-9]+ failed' "$log.one" | tail -n 1
done
rm -f "$log.one"
p=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | awk '{p+=$1} END {print p+0}')
f=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | awk '{f+=$3} END {print f+0}')
echo "$p passed, $f failed"
[ "$f" = 0 ] && [ $status = 0 ]
