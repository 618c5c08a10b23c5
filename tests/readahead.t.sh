#!/bin/sh
# The reader's read-ahead thread (lib/reader.c) must not change anything a
# user sees: the same records, the same messages in the same order, the
# same exit status and counts.  1. Every golden case again with the thread
# on for any file (SHEQU_READAHEAD=1).  2. Big generated files (past the
# 256 KB where it starts by itself) with problems all through them, read
# with and without it.  3. Stopping early (--strict, a closed pipe) ends
# the thread: no hang, no leak (the ASan run checks).
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C
bin=$build/bin
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqahead.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {	# name, ok|why
	if [ "$2" = ok ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL readahead $1: $2"; fi
}

# 1. the golden cases, each file read by a second thread
SHEQU_READAHEAD=1 sh "$top/tests/run.sh" "$build" >"$tmp/golden" 2>&1
grep -E '^FAIL' "$tmp/golden" | head -10
g=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$tmp/golden" | tail -1)
case $g in
*" 0 failed") check golden ok ;;
*) check golden "golden cases differ with the thread: $g" ;;
esac

# 2. a big file: blank lines, a repeated header, short and long rows, a
#    totals row, a line that is not UTF-8, a NUL byte, quoted newlines
awk 'BEGIN {
	print "hh,name,phone,note"
	for (i = 0; i < 30000; i++) {
		if (i % 997 == 5) print ""
		else if (i % 4999 == 7) print "hh,name,phone,note"
		else if (i % 1499 == 3) print "X" i ",short"
		else if (i % 2003 == 9) print "X" i ",a,b,c,d"
		else if (i % 7919 == 11) print "合计," i
		else if (i % 3001 == 13) printf "X%d,\377\376,1,bad\n", i
		else if (i % 5003 == 17) printf "X%d,nul\0here,1,x\n", i
		else if (i % 211 == 19) printf "X%d,\"two\nlines\",1,\"a \"\"q\"\"\"\n", i
		else printf "X%d,名字%d,1380000%04d,备注\n", i, i, i % 10000
	}
}' >"$tmp/big.csv"
size=$(wc -c <"$tmp/big.csv")
[ "$size" -gt 300000 ] && check size ok || check size "only $size bytes"
for args in "" "--strict" "-q" "-o json" "--ragged"; do
	# shellcheck disable=SC2086
	SHEQU_READAHEAD=0 "$bin/sq-cat" $args "$tmp/big.csv" >"$tmp/o0" 2>"$tmp/e0"
	r0=$?
	# shellcheck disable=SC2086
	"$bin/sq-cat" $args "$tmp/big.csv" >"$tmp/o1" 2>"$tmp/e1"
	r1=$?
	if [ $r0 != $r1 ]; then check "sq-cat $args" "exit $r1, not $r0"
	elif ! cmp -s "$tmp/o0" "$tmp/o1"; then check "sq-cat $args" "output differs"
	elif ! cmp -s "$tmp/e0" "$tmp/e1"; then check "sq-cat $args" "messages differ"
	else check "sq-cat $args" ok; fi
done
# the rejects file: every rejected row, in order, with its reason
SHEQU_READAHEAD=0 "$bin/sq-cat" -R "$tmp/r0.csv" "$tmp/big.csv" >/dev/null 2>&1
"$bin/sq-cat" -R "$tmp/r1.csv" "$tmp/big.csv" >/dev/null 2>&1
if cmp -s "$tmp/r0.csv" "$tmp/r1.csv" && [ "$(wc -l <"$tmp/r1.csv")" -gt 50 ]
then check rejects ok; else check rejects "the rejects files differ"; fi

# under ulimit -v the file is read in one thread (a second one's stack and
# malloc arena count against the limit): sq-cat still streams in 30 MB
if grep -q -e __asan_init -e __tsan_init "$bin/sq-cat" 2>/dev/null; then
	echo "SKIP readahead ulimit -v: the sanitizers reserve terabytes of shadow memory"
else
	"$bin/sq-cat" "$tmp/big.csv" >"$tmp/o0" 2>/dev/null
	sh -c "ulimit -v 30000; exec \"$bin/sq-cat\" \"$tmp/big.csv\"" >"$tmp/o1" 2>"$tmp/e1"
	if cmp -s "$tmp/o0" "$tmp/o1"; then check "ulimit -v" ok
	else check "ulimit -v" "$(head -c 200 "$tmp/e1")"; fi
fi

# 3. stopping early: the reader is closed while the thread is ahead
timeout 20 sh -c "\"$bin/sq-cat\" \"$tmp/big.csv\" 2>/dev/null | head -n 1" >"$tmp/head" 2>&1
rc=$?
[ $rc = 0 ] && [ "$(cat "$tmp/head")" = "hh,name,phone,note" ] &&
    check "closed pipe" ok || check "closed pipe" "exit $rc: $(head -c 200 "$tmp/head")"
awk 'BEGIN { print "hh,community,building,unit,room,name,phone,grid"
	for (i = 0; i < 20000; i++) printf "B%05d-R%04d,c,%d,1,%d,p%d,1380000%04d,g%d\n", i, 101, i, 101, i, i % 10000, i % 5 }' >"$tmp/hh.csv"
awk 'BEGIN { print "date,hh,temperature,symptoms"
	for (i = 0; i < 20000; i++) printf "2022-04-10,B%05d-R0101,%s,否\n", i, i == 15000 ? "98.6" : "36.5" }' >"$tmp/ci.csv"
timeout 20 "$bin/sq-flag" --strict -d 2022-04-10 "$tmp/hh.csv" "$tmp/ci.csv" >"$tmp/o1" 2>"$tmp/e1"
r1=$?
SHEQU_READAHEAD=0 "$bin/sq-flag" --strict -d 2022-04-10 "$tmp/hh.csv" "$tmp/ci.csv" >"$tmp/o0" 2>"$tmp/e0"
r0=$?
if [ $r1 = $r0 ] && [ $r1 = 1 ] && cmp -s "$tmp/e0" "$tmp/e1" && cmp -s "$tmp/o0" "$tmp/o1"
then check "sq-flag --strict" ok
else check "sq-flag --strict" "exit $r1 (without the thread $r0)"; fi
# 4. sq-flag makes the check-ins' keys on the reading thread
#    (sq_reader_prepare): a district's raw addresses, 10% unknown, the same
#    flags, messages and summary with the thread and without it
"$build/tools/gen-district" -n 20000 -s 31 -u 0.1 -o "$tmp/d" >/dev/null 2>&1
"$bin/sq-ingest" -q "$tmp/d/roster-split.csv" >"$tmp/d/hh.csv" 2>/dev/null
for t in 0 1; do
	SHEQU_READAHEAD=$t "$bin/sq-flag" -d 2022-04-10 -Y "$tmp/y$t.json" \
	    "$tmp/d/hh.csv" "$tmp/d/checkins.csv" >"$tmp/f$t" 2>"$tmp/g$t"
	echo $? >>"$tmp/g$t"
done
if cmp -s "$tmp/f0" "$tmp/f1" && cmp -s "$tmp/g0" "$tmp/g1" &&
    cmp -s "$tmp/y0.json" "$tmp/y1.json" && [ "$(wc -l <"$tmp/f1")" -gt 1000 ]
then check "sq-flag district" ok
else check "sq-flag district" "flags, messages or summary differ with the thread"; fi
echo "readahead: $pass passed, $fail failed"
[ $fail = 0 ]
