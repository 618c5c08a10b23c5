#!/bin/sh
# Messages in the user's language (po/, gettext).
#  - golden cases under tests/i18n/ (run by tests/run.sh): under
#    LANG=zh_CN.UTF-8 a missing file, a bad option and a rejected row are
#    told in Chinese, with the sq-NAME: FILE:LINE: prefix unchanged.
# They need the build's catalog (BUILD/locale, made by msgfmt) and a UTF-8
# locale (zh_CN.UTF-8, or glibc's C.UTF-8); without either they say SKIP.
# Usage: sh tests/i18n.t.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqi18n.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# -- Chinese golden cases -------------------------------------------------
mo=$build/locale/zh_CN/LC_MESSAGES/shequ.mo
if [ ! -f "$mo" ]; then
	echo "SKIP i18n golden: no $mo (msgfmt missing when it was built? Debian: apt-get install gettext)"
elif ! locale -a 2>/dev/null | grep -qiE '^(zh_CN|C)\.utf-?8$'; then
	echo "SKIP i18n golden: no UTF-8 locale (Debian: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
else
	SQ_CASES=$top/tests/i18n sh "$top/tests/run.sh" "$build" >"$tmp/golden" 2>&1
	grep -v '^golden: ' "$tmp/golden"
	set -- $(sed -n 's/^golden: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$tmp/golden")
	if [ $# = 2 ]; then
		pass=$((pass + $1)) fail=$((fail + $2))
	else
		echo "FAIL i18n golden: the runner did not finish"; fail=$((fail + 1))
	fi
fi

echo "i18n: $pass passed, $fail failed"
[ $fail = 0 ]
