#!/bin/sh
# Fault injection and resource bounds: what happens when the disk is full,
# the reader of our output goes away, a read fails, the output cannot be
# put in place, the process is killed mid-write, memory runs out, a field
# is too big, or the input is built to be slow.  Every case asserts the
# exit status, that the message says what happened (never a crash: no
# status from a signal other than SIGPIPE, no sanitizer report), and that
# nothing already there was lost.
#
# Usage: sh tests/faults.t.sh [BUILD_DIR].  The big inputs (100 MB field,
# 1,000,000 columns, ...) run only with SQ_EXPENSIVE=1; the cheap versions
# of the same cases always run.  The last line is "faults: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
PATH=$build/bin:$PATH
export LC_ALL TZ SHEQU_DATADIR PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqfaults.XXXXXX") || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -s err ] && head -5 err; }
skip() { echo "SKIP $1"; }
# run CMD...: status in $rc, stdout in out, stderr in err (bounded in time)
run() { timeout "${SQ_FAULT_TIMEOUT:-120}" "$@" >out 2>err; rc=$?; }
# no sanitizer report, no crash
clean() { ! grep -qE 'Sanitizer|runtime error|Segmentation|Aborted' err && [ "$rc" -lt 124 ]; }

# Is this an ASan build?  (ulimit -v and ASan's shadow memory do not mix.)
asan=0
grep -q __asan_init "$build/bin/sq-cat" 2>/dev/null && asan=1

rows() {	# N rows of a small roster
	awk -v n="$1" 'BEGIN { print "hh,name,phone";
	    for (i = 1; i <= n; i++) printf "B%04d-U01-R%04d,name %d,1380013%04d\n", i % 97, i, i, i % 10000 }'
}
rows 200000 >big.csv
rows 3 >small.csv

# ---- disk full -------------------------------------------------------------
# A full device of our own where we may make one: a writer that renames over
# its --output path must never get the real /dev/full (it did, once).
devfull=/dev/full
[ "$(id -u)" = 0 ] && mknod full c 1 7 2>/dev/null && devfull=$tmp/full
for fmt in csv json json-array; do
	run sh -c "sq-cat -o $fmt big.csv >$devfull"
	if [ $rc = 2 ] && grep -q 'stdout: write error: No space left on device' err && clean; then
		ok "/dev/full ($fmt): exit 2, says write error"
	else no "/dev/full ($fmt): rc=$rc"; fi
done
run sh -c "sq-cat -R $devfull -M 20 big.csv >/dev/null"
if [ $rc = 2 ] && grep -q "$devfull: write error: No space left" err && clean &&
    [ -c "$devfull" ]; then
	ok "--rejects on a full device: exit 2, named, the device left a device"
else no "--rejects on a full device: rc=$rc"; fi
run sq-cat -O "$devfull" big.csv
if [ $rc = 2 ] && grep -q "$devfull: write error: No space left" err && [ -c "$devfull" ]; then
	ok "--output on a full device: exit 2, the device left a device"
else no "--output on a full device: rc=$rc"; fi
mkfifo out.fifo
cat out.fifo >got &
run sq-cat -O out.fifo small.csv
wait
if [ $rc = 0 ] && [ -p out.fifo ] && cmp -s got small.csv && [ -z "$(ls | grep 'out.fifo.tmp')" ]; then
	ok "--output to a FIFO: written through it, not renamed over it"
else no "--output to a FIFO: rc=$rc"; fi

# ---- closed pipe: quiet, SIGPIPE semantics ------------------------------------
for fmt in csv json; do
	( sq-cat -o $fmt big.csv 2>err; echo $? >rc.pipe ) | head -1 >out
	rc=$(cat rc.pipe)
	if [ "$rc" = 141 ] && [ ! -s err ] && [ "$(wc -l <out)" = 1 ]; then
		ok "| head -1 ($fmt): killed by SIGPIPE (141), nothing on stderr"
	else no "| head -1 ($fmt): status $rc, stderr $(wc -c <err) bytes"; fi
done

# ---- read error ----------------------------------------------------------------
mkdir adir
run sq-cat adir
if [ $rc = 2 ] && grep -q 'adir: read error: Is a directory' err && clean; then
	ok "read error: exit 2, says read error"
else no "read error: rc=$rc"; fi
run sq-cat small.csv adir
if [ $rc = 2 ] && grep -q 'read error' err && [ "$(wc -l <out)" = 4 ] && clean; then
	ok "read error in the second file: the first is written, exit 2"
else no "read error in the second file: rc=$rc"; fi
run sq-cat no-such-file.csv
if [ $rc = 2 ] && grep -q 'no-such-file.csv: cannot open: No such file' err; then
	ok "missing input: exit 2"
else no "missing input: rc=$rc"; fi

# ---- output that cannot be written ---------------------------------------------
run sq-cat -O no-such-dir/out.csv small.csv
if [ $rc = 2 ] && grep -q 'no-such-dir/out.csv: cannot write here' err && [ ! -e no-such-dir ]; then
	ok "--output in a missing directory: exit 2, nothing made"
else no "--output in a missing directory: rc=$rc"; fi
run sq-cat -O /proc/sq-out.csv small.csv	# not writable, even for root
if [ $rc = 2 ] && grep -q 'cannot write here' err; then
	ok "--output in a directory that is not writable: exit 2"
else no "--output in a directory that is not writable: rc=$rc"; fi
mkdir ro && chmod 555 ro
if [ "$(id -u)" = 0 ]; then
	skip "--output in a read-only directory: root writes there anyway (the /proc case above stands in)"
else
	run sq-cat -O ro/out.csv small.csv
	if [ $rc = 2 ] && grep -q 'ro/out.csv: cannot write here: Permission denied' err && [ -z "$(ls ro)" ]; then
		ok "--output in a read-only directory: exit 2, nothing made"
	else no "--output in a read-only directory: rc=$rc"; fi
fi
run sq-cat -R /proc/sq-rej.csv small.csv
if [ $rc = 2 ] && grep -q 'sq-rej.csv' err && [ ! -s out ]; then
	ok "--rejects not writable: exit 2 before any output"
else no "--rejects not writable: rc=$rc"; fi

# ---- atomic --output --------------------------------------------------------------
echo "yesterday's good file" >keep.csv
cp keep.csv keep.orig
run sq-cat -O keep.csv small.csv adir
if [ $rc = 2 ] && cmp -s keep.csv keep.orig && [ -z "$(ls | grep 'keep.csv.tmp')" ]; then
	ok "--output on a failed run: the old file stays, no temporary left"
else no "--output on a failed run: rc=$rc"; fi
run sh -c 'sq-cat -O keep.csv big.csv >/dev/full'
if [ $rc = 0 ] && [ "$(wc -l <keep.csv)" = 200001 ]; then
	ok "--output: a good run replaces the file"
else no "--output: a good run: rc=$rc"; fi
cp keep.orig keep.csv
# kill -9 in the middle of writing: the input is a FIFO we keep open, so
# sq-cat has written part of its output (more than one buffer) and waits.
mkfifo in.fifo
sq-cat -O keep.csv in.fifo 2>err &
pid=$!
exec 3>in.fifo
cat big.csv >&3
i=0
while [ $i -lt 50 ]; do
	t=$(ls | grep 'keep.csv.tmp' | head -1)
	[ -n "$t" ] && [ "$(wc -c <"$t")" -gt 0 ] && break
	sleep 0.1; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
exec 3>&-
if [ -n "$t" ] && cmp -s keep.csv keep.orig; then
	ok "kill -9 mid-write ($(wc -c <"$t") bytes in $t): the old file is intact"
else no "kill -9 mid-write: temporary '$t', old file changed?"; fi
rm -f keep.csv.tmp.*

# ---- memory limits ---------------------------------------------------------------
awk 'BEGIN { printf "a,b\n\"" ; for (i = 0; i < 400000; i++) printf "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "\",1" }' >field20m.csv
awk 'BEGIN { printf "{\"a\":\""; for (i = 0; i < 400000; i++) printf "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "\"}" }' >field20m.json
if [ $asan = 1 ]; then
	skip "ulimit -v: ASan reserves terabytes of shadow memory; run on the plain build"
else
	for f in field20m.csv field20m.json; do
		run sh -c "ulimit -v 60000; exec sq-cat -M 100M $f"
		if [ $rc = 2 ] && grep -q 'out of memory.*raise the memory limit' err && clean; then
			ok "ulimit -v with $f: exit 2, says out of memory"
		else no "ulimit -v with $f: rc=$rc"; fi
	done
fi

# ---- the field-size limit ----------------------------------------------------------
{ echo "a,b"; echo "1,2"; awk 'BEGIN { printf "3,"; for (i = 0; i < 200; i++) printf "y"; print "" }'; echo "4,5"; } >long.csv
run sq-cat -M 100 long.csv
if [ $rc = 1 ] && grep -q 'long.csv:3: line longer than 100 bytes (the limit; raise it with --max-field)' err &&
    [ "$(cat out)" = "$(printf 'a,b\n1,2\n4,5')" ]; then
	ok "--max-field 100: the long row rejected by line, the others kept"
else no "--max-field 100: rc=$rc"; fi
{ echo "a,b"; printf '1,"'; awk 'BEGIN { for (i = 0; i < 30; i++) print "zzzzzzzzzz" }'; echo '",2'; echo "3,4"; } >quoted.csv
run sq-cat -M 100 quoted.csv
if [ $rc = 1 ] && grep -q 'quoted.csv:2: unterminated quote' err && grep -q '^3,4$' out && clean; then
	ok "--max-field 100 on a quoted field over many lines: rejected, the rows after it kept"
else no "--max-field 100 on a quoted multi-line field: rc=$rc"; fi
{ echo '{"a":"1"}'; echo '{"a":'; awk 'BEGIN { for (i = 0; i < 30; i++) print "\"zzzzzzzzzz\" +" }'; echo '}'; echo '{"a":"3"}'; } >long.json
run sq-cat -M 100 long.json
if [ $rc = 1 ] && grep -q 'long.json:2: object larger than the limit (--max-field)' err &&
    grep -q '^3$' out && clean; then
	ok "--max-field 100 on a JSON object over many lines: rejected, the next kept"
else no "--max-field on JSON: rc=$rc"; fi
run sq-cat -M 12x small.csv
if [ $rc = 2 ] && grep -q 'max-field' err; then
	ok "--max-field with a bad size: usage error"
else no "--max-field 12x: rc=$rc"; fi

# ---- pathological inputs: bounded time and memory -------------------------------
# (cheap sizes here; SQ_EXPENSIVE=1 for the sizes of the issue)
if [ -n "$SQ_EXPENSIVE" ]; then
	big=1 ncols=1000000 fieldmb=100 linemb=10 depth=1000000 nbad=1000000
else
	big=0 ncols=100000 fieldmb=2 linemb=1 depth=100000 nbad=100000
fi
T=${SQ_FAULT_BOUND:-60}	# seconds any of them may take, ASan included

awk -v n=$ncols 'BEGIN { for (r = 0; r < 2; r++) { for (i = 1; i <= n; i++)
    printf "%s%s%d", (i > 1 ? "," : ""), (r ? "" : "c"), i; print "" } }' >cols.csv
SQ_FAULT_TIMEOUT=$T run sq-cat cols.csv
if [ $rc = 0 ] && cmp -s out cols.csv; then
	ok "$ncols columns: copied in under ${T}s"
else no "$ncols columns: rc=$rc (124 = too slow)"; fi

awk -v n=$ncols 'BEGIN { for (r = 0; r < 2; r++) { for (i = 1; i <= n; i++)
    printf "%s%s", (i > 1 ? "," : ""), (r ? i : "a"); print "" } }' >dups.csv
SQ_FAULT_TIMEOUT=$T run sq-cat -o json dups.csv
if [ $rc = 0 ] && grep -q "column $ncols 'a' repeats an earlier column; named it 'a_$ncols'" err ||
    { [ $rc = 0 ] && grep -q 'more messages not shown' err && grep -q "\"a_$ncols\":\"$ncols\"" out; }; then
	ok "$ncols columns all named 'a': renamed a_2 .. a_$ncols in under ${T}s"
else no "$ncols duplicate names: rc=$rc (124 = too slow)"; fi

awk -v n=$ncols 'BEGIN { printf "{"; for (i = 1; i <= n; i++) printf "%s\"a\":\"%d\"", (i > 1 ? "," : ""), i; print "}"; print "{\"b\":\"1\"}" }' >dupkeys.json
SQ_FAULT_TIMEOUT=$T run sq-cat dupkeys.json
if [ $rc = 1 ] && grep -q 'dupkeys.json:1: invalid JSON: duplicate object key' err && grep -q '^1$' out && clean; then
	ok "$ncols duplicate JSON keys: the object rejected, the next one read"
else no "$ncols duplicate JSON keys: rc=$rc"; fi

awk -v n=$ncols 'BEGIN { printf "{"; for (i = 1; i <= n; i++) printf "%s\"k%d\":\"%d\"", (i > 1 ? "," : ""), i, i; print "}";
    printf "{"; for (i = n; i >= 1; i--) printf "%s\"k%d\":\"%d\"", (i < n ? "," : ""), i, i; print "}" }' >keys.json
SQ_FAULT_TIMEOUT=$T run sq-cat keys.json
if [ $rc = 0 ] && [ "$(sed -n 2p out)" = "$(sed -n 3p out)" ]; then
	ok "$ncols JSON keys, then in reverse order: same record, in under ${T}s"
else no "$ncols JSON keys in reverse: rc=$rc (124 = too slow)"; fi

awk -v d=$depth 'BEGIN { printf "{\"a\":"; for (i = 0; i < d; i++) printf "["; for (i = 0; i < d; i++) printf "]"; print "}"; print "{\"a\":\"ok\"}" }' >deep.json
SQ_FAULT_TIMEOUT=$T run sq-cat deep.json
if [ $rc = 1 ] && grep -q 'deep.json:1: invalid JSON: maximum parsing depth reached' err && grep -q '^ok$' out && clean; then
	ok "JSON nested $depth deep: rejected with a reason, the next object read"
else no "JSON nested $depth deep: rc=$rc"; fi

awk -v n=$nbad 'BEGIN { print "["; for (i = 0; i < n; i++) print "1,"; print "{\"a\":\"x\"}]" }' >badfirst.json
SQ_FAULT_TIMEOUT=$T run sq-cat -q badfirst.json
if [ $rc = 1 ] && [ "$(cat out)" = "$(printf 'a\nx')" ] && grep -q "$((nbad - 20)) more messages not shown" err; then
	ok "$nbad bad elements before the first JSON object: all rejected in under ${T}s"
else no "$nbad bad elements before the first object: rc=$rc (124 = too slow)"; fi

awk -v m=$fieldmb 'BEGIN { s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    printf "a,b\n\"" ; for (i = 0; i < m * 10000; i++) printf "%s", s; print "\",1"; print "2,3" }' >bigfield.csv
SQ_FAULT_TIMEOUT=$T run sq-cat -M $((fieldmb / 2))M bigfield.csv
if [ $rc = 1 ] && grep -q 'bigfield.csv:2: line longer than' err && grep -q '^2,3$' out && clean; then
	ok "a ${fieldmb} MB field over the limit: rejected by line, the next row kept"
else no "a ${fieldmb} MB field over the limit: rc=$rc"; fi
SQ_FAULT_TIMEOUT=$T run sq-cat -M $((fieldmb * 2))M -o json bigfield.csv
if [ $rc = 0 ] && [ "$(wc -c <out)" -gt $((fieldmb * 1000000)) ] && clean; then
	ok "a ${fieldmb} MB field under a raised limit: copied whole"
else no "a ${fieldmb} MB field under a raised limit: rc=$rc"; fi

awk -v m=$linemb 'BEGIN { print "a,b"; print "1,2"; for (i = 0; i < m * 100000; i++) printf "zzzzzzzzzz" }' >nonl.csv
SQ_FAULT_TIMEOUT=$T run sq-cat --ragged nonl.csv
if [ $rc = 0 ] && [ "$(wc -c <out)" -gt $((linemb * 1000000)) ] && clean; then
	ok "a ${linemb} MB line with no newline at the end: read as the last row"
else no "a ${linemb} MB line with no newline: rc=$rc"; fi

# a header row of 1,000,000 empty names (column_N), and a row of 1,000,000
# commas without quotes (the plain fast path)
awk -v n=$ncols 'BEGIN { for (r = 0; r < 2; r++) { for (i = 1; i < n; i++) printf ","; print r ? "y" : "x" } }' >empties.csv
SQ_FAULT_TIMEOUT=$T run sq-cat -o json empties.csv
if [ $rc = 0 ] && grep -q "\"column_$((ncols - 1))\":\"\"" out && clean; then
	ok "$ncols columns with empty names: named column_N in under ${T}s"
else no "$ncols empty names: rc=$rc"; fi

echo "faults: $pass passed, $fail failed"
[ $fail = 0 ]
