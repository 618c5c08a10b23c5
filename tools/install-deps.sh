#!/bin/sh
# Install what shequ needs on Debian/Ubuntu (run as root): a C compiler,
# make, pkg-config, libcsv, jansson, mandoc (man page lint) and the tools the
# test suite and benchmarks compare against.  Does nothing that is already
# there, so it is safe to run again.
#
#   install-deps.sh [--browser]
#
# --browser (or SQ_WITH_BROWSER=1) adds headless Chromium and the Noto CJK
# fonts (about 200 MB) for the test that opens the bulletin in a browser;
# CI passes it, `make deps` does not, and the test says SKIP without them.
set -eu
browser=${SQ_WITH_BROWSER:-0}
[ "${1:-}" = --browser ] && browser=1
need=""
# glibc's iconv (GB18030, UTF-16) comes with libc6 itself.
# libclang-rt-14-dev: libFuzzer for clang 14 (Debian 12's clang), for the
# fuzz harnesses that make check runs briefly (fuzz/README).
# Workbooks (issue #22): libzip-dev and libexpat1-dev read .xlsx,
# libfreexl-dev .xls, libxlsxwriter-dev writes .xlsx; python3-openpyxl and
# python3-xlwt make the workbooks tests/workbook.t.sh reads, csvkit's
# in2csv is what bench/book.sh compares against.
# gettext: msgfmt compiles po/zh_CN.po (without it the programs build and
# speak English), xgettext and msgcmp let tests/messages.t.sh check the catalog;
# locales: the zh_CN.UTF-8 locale generated below, for the Chinese messages.
for pkg in gcc clang libclang-rt-14-dev make pkg-config libcsv-dev \
    libjansson-dev mandoc gawk jq bc libzip-dev libexpat1-dev \
    libfreexl-dev libxlsxwriter-dev python3-openpyxl python3-xlwt csvkit \
    gettext locales; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
		need="$need $pkg"
done
if [ "$browser" = 1 ]; then
	for pkg in chromium fonts-noto-cjk; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
			need="$need $pkg"
	done
fi
if [ -n "$need" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: need root to apt-get install:$need" >&2
		exit 2
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $need
fi
# A Chinese user's locale (LANG=zh_CN.UTF-8), if not generated yet.  The
# programs speak Chinese without it too (through C.UTF-8), but a real
# locale is what users have; the tests run under either.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	if [ "$(id -u)" = 0 ] && command -v localedef >/dev/null 2>&1; then
		localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 ||
			echo "install-deps: could not generate zh_CN.UTF-8" >&2
	else
		echo "install-deps: no zh_CN.UTF-8 locale (as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)" >&2
	fi
fi
