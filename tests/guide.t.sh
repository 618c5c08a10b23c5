#!/bin/sh
# The Chinese guide (README.zh-CN.md) is true: README.md links it, it links
# every man page, every shell block marked <!-- guide-test --> runs, in
# order, on the bundled sample as a new user would (HOME a scratch folder,
# LANG=zh_CN.UTF-8, the installed share/shequ being this tree's share/),
# and the round sheet it shows (<!-- guide-sheet -->) is the one the
# sample gives.  Usage: sh tests/guide.t.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
guide=$top/README.zh-CN.md
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL guide: $*"; fail=$((fail + 1)); }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqguide.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

[ -f "$guide" ] && ok || no "no README.zh-CN.md"
grep -q '(README.zh-CN.md)' "$top/README.md" && ok || no "README.md does not link README.zh-CN.md"
for m in "$top"/man/man1/*.1 "$top"/man/man7/*.7; do
	rel=${m#"$top"/}
	grep -qF "($rel)" "$guide" && ok || no "does not link $rel"
done

# the marked blocks, one file each, in order
awk -v dir="$tmp" '
	/^<!-- guide-test -->$/ { want = 1; next }
	want && /^```sh$/ { n++; f = sprintf("%s/block%02d.sh", dir, n); inb = 1; want = 0; next }
	inb && /^```$/ { inb = 0; close(f); next }
	inb { print > f; next }
	{ want = 0 }' "$guide"
home=$tmp/home
mkdir -p "$home" "$tmp/bin"
# as `make install` puts it: shequ-daily beside the programs
ln -s "$top/share/shequ-daily" "$tmp/bin/shequ-daily"
for b in "$tmp"/block*.sh; do
	[ -f "$b" ] || { no "no block marked <!-- guide-test -->"; break; }
	sed "s|/usr/local/share/shequ|$top/share|g" "$b" >"$b.run"
	if (cd "$home" && env -u LC_ALL -u LANGUAGE HOME="$home" LANG=zh_CN.UTF-8 \
	    PATH="$build/bin:$tmp/bin:$PATH" SHEQU_DATADIR="$top/share" \
	    sh -e "$b.run") >"$b.out" 2>&1; then
		ok
	else
		no "block $(basename "$b" .sh) failed:"; sed 's/^/    /' "$b" | head -5
		tail -5 "$b.out" | sed 's/^/  > /'
	fi
done

# the sheet shown is the sheet made
awk '/^<!-- guide-sheet -->$/ { want = 1; next }
	want && /^```$/ { if (inb) exit; inb = 1; next }
	inb { print }' "$guide" >"$tmp/sheet.shown"
made="$home/社区/输出/sheets/round-01.txt"
if [ ! -f "$made" ]; then
	no "the guide's daily run made no $made"
elif cmp -s "$tmp/sheet.shown" "$made"; then
	ok
else
	no "the sheet in README.zh-CN.md is not what the sample gives now; put $build's round-01.txt there:"
	diff "$tmp/sheet.shown" "$made" | head -10
fi
echo "guide: $pass passed, $fail failed"
[ $fail = 0 ]
