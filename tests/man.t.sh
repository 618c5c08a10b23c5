#!/bin/sh
# Man pages: every page in man/man1 and man/man7 passes
# `mandoc -Tlint -Wwarning` with no output at all, and every program under
# cmd/ has its page man/man1/PROGRAM.1 (their EXAMPLES run in
# tests/examples.t.sh).  Last line: "man: N passed, N failed".
# Usage: sh tests/man.t.sh [BUILD_DIR] (the build dir is not needed).
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
if ! command -v mandoc >/dev/null 2>&1; then
	echo "SKIP man: mandoc not found"
	echo "man: 0 passed, 0 failed"
	exit 0
fi
for page in "$top"/man/man1/*.1 "$top"/man/man7/*.7; do
	[ -f "$page" ] || continue
	name=${page#"$top"/}
	out=$(cd "$top" && mandoc -Tlint -Wwarning "$name" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: mandoc -Tlint -Wwarning:"
		echo "$out" | head -20
	fi
done
for src in "$top"/cmd/*.c; do
	[ -f "$src" ] || continue
	prog=$(basename "$src" .c)
	if [ -f "$top/man/man1/$prog.1" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $prog: no man page man/man1/$prog.1"
	fi
done
if [ ! -f "$top/man/man7/shequ.7" ]; then
	fail=$((fail + 1))
	echo "FAIL shequ(7): no man page man/man7/shequ.7 (the shared conventions)"
else
	pass=$((pass + 1))
fi
echo "man: $pass passed, $fail failed"
[ $fail = 0 ]
