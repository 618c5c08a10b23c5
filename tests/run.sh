#!/bin/sh
# Golden CLI tests: one directory per case under tests/cases/.
#   cmd     one shell line, run by sh inside a scratch copy of the case dir
#   expout  expected stdout (byte for byte)
#   experr  expected stderr (byte for byte; missing = must be empty)
#   rc      expected exit status (missing = 0)
# PATH starts with the build's bin/, LC_ALL=C, TZ=UTC, SHEQU_DATADIR=share/.
# SQ_REGEN=1 rewrites expout/experr/rc from the actual run, for review with
# git diff.  Usage: sh tests/run.sh [BUILD_DIR] [CASE...]
# The last line is "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$top/$build ;; esac
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share SQ_SHARED=$top/../shared
PATH=$build/bin:$build/tools:$PATH
export LC_ALL TZ SHEQU_DATADIR SQ_SHARED PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqtest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
if [ $# -gt 0 ]; then cases=$*; else cases=$(ls "$top/tests/cases"); fi
for name in $cases; do
	dir=$top/tests/cases/$name
	[ -f "$dir/cmd" ] || continue
	work=$tmp/$name
	rm -rf "$work"; cp -R "$dir" "$work"
	( cd "$work" && sh ./cmd >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc" )
	if [ -n "$SQ_REGEN" ]; then
		cp "$tmp/out" "$dir/expout"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/experr"; else rm -f "$dir/experr"; fi
		if [ "$(cat "$tmp/rc")" != 0 ]; then cp "$tmp/rc" "$dir/rc"; else rm -f "$dir/rc"; fi
	fi
	ok=1
	[ -f "$dir/expout" ] || : >"$dir/expout"
	if ! cmp -s "$dir/expout" "$tmp/out"; then
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
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
