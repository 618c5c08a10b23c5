#!/bin/sh
# Messages in the user's language (po/, gettext).
#  - golden cases under tests/i18n/ (run by tests/run.sh): under
#    LANG=zh_CN.UTF-8 a missing file, a bad option and a rejected row are
#    told in Chinese, with the sq-NAME: FILE:LINE: prefix unchanged.
#    They need the build's catalog (BUILD/locale, made by msgfmt) and a
#    UTF-8 locale (zh_CN.UTF-8, or glibc's C.UTF-8), else they say SKIP.
#  - the catalog: every message the sources give (xgettext with the
#    keywords of po/keywords, as `make po`) has a Chinese translation in
#    po/zh_CN.po, none fuzzy, none left in English, and msgfmt --check
#    finds each translation's %-conversions those of its English.
# A new message: `make po`, then write its msgstr in po/zh_CN.po.
# Usage: sh tests/messages.t.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqmsg.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# -- Chinese golden cases -------------------------------------------------
mo=$build/locale/zh_CN/LC_MESSAGES/shequ.mo
if [ ! -f "$mo" ]; then
	echo "SKIP messages golden: no $mo (msgfmt missing when it was built? Debian: apt-get install gettext)"
elif ! locale -a 2>/dev/null | grep -qiE '^(zh_CN|C)\.utf-?8$'; then
	echo "SKIP messages golden: no UTF-8 locale (Debian: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
else
	SQ_CASES=$top/tests/i18n sh "$top/tests/run.sh" "$build" >"$tmp/golden" 2>&1
	grep -v '^golden: ' "$tmp/golden"
	set -- $(sed -n 's/^golden: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$tmp/golden")
	if [ $# = 2 ]; then
		pass=$((pass + $1)) fail=$((fail + $2))
	else
		echo "FAIL messages golden: the runner did not finish"; fail=$((fail + 1))
	fi
fi

# -- every message has its Chinese ----------------------------------------
po=$top/po/zh_CN.po
if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgcmp >/dev/null 2>&1; then
	echo "SKIP messages catalog: no xgettext/msgcmp (Debian: apt-get install gettext)"
else
	( cd "$top" && xgettext --from-code=UTF-8 --language=C -k \
	    $(sed 's/^/--keyword=/' po/keywords) -o "$tmp/shequ.pot" $(make -s --no-print-directory print-po-src) )
	if msgcmp "$po" "$tmp/shequ.pot" >"$tmp/cmp" 2>&1; then
		pass=$((pass + 1))
	else
		n=$(grep -c 'this message is used but not defined' "$tmp/cmp")
		echo "FAIL messages catalog: $n message(s) without a zh_CN translation (make po, then translate them in po/zh_CN.po):"
		# the msgid at each line msgcmp names in the template
		sed -n 's/^[^:]*shequ\.pot:\([0-9]*\): this message is used but not defined.*/\1/p' "$tmp/cmp" |
		    head -20 | while read -r n; do
			awk -v n="$n" 'NR < n && /^msgid/ { m = "" } NR < n { m = m $0 }
			    NR == n { print "  " m; exit }' "$tmp/shequ.pot"
		    done
		fail=$((fail + 1))
	fi
	if msgattrib --only-fuzzy --no-obsolete "$po" | grep -q '^msgid '; then
		echo "FAIL messages catalog: fuzzy translations in po/zh_CN.po (msgattrib --only-fuzzy): check each and remove its '#, fuzzy'"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	# a msgstr with English words in it and not one Chinese character
	english=$(msgattrib --translated --no-obsolete --no-wrap "$po" |
	    LC_ALL=C awk '/^msgstr/ { s = $0; sub(/^msgstr(\[0\])? /, "", s)
		if (s ~ /[A-Za-z][a-z][a-z][a-z]/ && s !~ /[^\001-\177]/) print s }')
	if [ -n "$english" ]; then
		echo "FAIL messages catalog: left in English:"; printf '%s\n' "$english" | head -10
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	if msgfmt --check -o /dev/null "$po" 2>"$tmp/fmt"; then
		pass=$((pass + 1))
	else
		echo "FAIL messages catalog: msgfmt --check:"; head -10 "$tmp/fmt"; fail=$((fail + 1))
	fi
fi

echo "messages: $pass passed, $fail failed"
[ $fail = 0 ]
