#!/bin/sh
# Golden CLI tests: one directory per case under tests/cases/.
#   cmd     one shell line, run inside a scratch copy of the case dir
#   expout  expected stdout (byte for byte; required: a case without it
#           fails, so a forgotten golden never passes on empty output)
#   experr  expected stderr (byte for byte; missing = must be empty)
#   rc      expected exit status (missing = 0)
#
# Every command's status counts, not only the last one's: cmd runs under
# `bash -e -o pipefail` (bash is in every Debian install; without it,
# `sh -e`, and a pipeline's status is its last command's).  So the first
# command that fails, anywhere in a list or a pipeline, ends the case with
# its status, and the case fails unless that was the expected end.  A
# command that is meant to fail mid-case says so, and its status becomes
# part of the golden output:
#	sq-x bad.csv || echo "exit $?"; cat rejects.csv
# (`if`, `!`, `&&` and `||` are exempt from -e, as in any shell script).
#
# PATH starts with the build's bin/, LC_ALL=C, TZ=UTC, SHEQU_DATADIR=share/.
# The runner only reads the cases; SQ_REGEN=1 (`make golden`) is the one
# way to write there: it rewrites expout/experr/rc from the actual run, for
# review with git diff.  Usage: sh tests/run.sh [BUILD_DIR] [CASE...]
# The last line is "golden: N passed, N failed".  SQ_CASES=DIR reads the
# cases from DIR instead (tests/messages.t.sh: cases that need a catalog).
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$top/$build ;; esac
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share SQ_SHARED=$top/../shared
PATH=$build/bin:$build/tools:$PATH
export LC_ALL TZ SHEQU_DATADIR SQ_SHARED PATH
if command -v bash >/dev/null 2>&1; then
	casesh="bash -e -o pipefail"
else
	casesh="sh -e"
	echo "NOTE golden: no bash; a pipeline's status is its last command's"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqtest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
casedir=${SQ_CASES:-$top/tests/cases}
if [ $# -gt 0 ]; then cases=$*; else cases=$(ls "$casedir"); fi
for name in $cases; do
	dir=$casedir/$name
	if [ ! -f "$dir/cmd" ]; then
		# a directory named on the command line must be a case
		[ $# -gt 0 ] && { echo "FAIL $name: no such case"; fail=$((fail + 1)); }
		continue
	fi
	work=$tmp/$name
	rm -rf "$work"; cp -R "$dir" "$work"
	( cd "$work" && $casesh ./cmd >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc" )
	if [ -n "$SQ_REGEN" ]; then
		cp "$tmp/out" "$dir/expout"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/experr"; else rm -f "$dir/experr"; fi
		if [ "$(cat "$tmp/rc")" != 0 ]; then cp "$tmp/rc" "$dir/rc"; else rm -f "$dir/rc"; fi
	fi
	ok=1
	if [ ! -f "$dir/expout" ]; then
		ok=0; echo "FAIL $name: no expout (make golden writes it, for review)"
	elif ! cmp -s "$dir/expout" "$tmp/out"; then
		ok=0; echo "FAIL $name: stdout differs"; diff -u "$dir/expout" "$tmp/out" | head -40
	fi
	if [ -f "$dir/experr" ]; then experr=$dir/experr; else experr=/dev/null; fi
	if ! cmp -s "$experr" "$tmp/err"; then
		ok=0; echo "FAIL $name: stderr differs"; diff -u "$experr" "$tmp/err" | head -40
	fi
	want=0; [ -f "$dir/rc" ] && want=$(cat "$dir/rc")
	got=$(cat "$tmp/rc")
	if [ "$want" != "$got" ]; then
		ok=0; echo "FAIL $name: exit status $got, expected $want"
		echo "  (cmd runs under set -e: a command that fails mid-case ends it;" \
		    "write an expected failure as: cmd || echo \"exit \$?\")"
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
