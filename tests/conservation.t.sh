#!/bin/sh
# Conservation of rows, on generated data with injected defects.
#
# An awk generator writes a CSV of good rows (plain, quoted with commas,
# doubled quotes and line breaks, Chinese, formula-looking cells) mixed with
# rows it knows are bad: stray quotes, short rows, long rows, NUL bytes,
# invalid UTF-8, unterminated quotes; and with lines that are skipped and
# counted: blank lines, blank rows (",,,"), a repeated header.  It records
# the good rows as sq-cat must write them and the lines of the bad ones.
# Then for each seed:
#   rows read = written + rejected; written = good rows; rejected = bad
#   rows; skips as injected; every good row byte-exact, in order; the
#   --rejects file names exactly the injected lines; exit status 1;
#   the same input gives the same bytes twice.
# Usage: sh tests/conservation.t.sh BUILD_DIR.  Last line:
# "conservation: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
PATH=$build/bin:$PATH
export LC_ALL TZ SHEQU_DATADIR PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqcons.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

check() {	# check NAME CONDITION-STATUS DETAIL
	if [ "$2" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL conservation seed $seed: $1${3:+: $3}"
	fi
}

# gen SEED ROWS: in.csv (with \001 for NUL, \002 for 0xFF, fixed by tr),
# want.csv, badlines, counts ("good bad blank headers")
gen() {
	awk -v seed="$1" -v rows="$2" -v dir="$tmp" '
	function out(s) { printf "%s\n", s > (dir "/raw.csv"); line++ }
	function good(s) { out(s); print s > (dir "/want.csv"); ngood++ }
	function bad(s) { out(s); print line > (dir "/badlines"); nbad++ }
	function plain() { return "row" i }
	BEGIN {
		srand(seed)
		hdr = "id,name,phone,note"
		out(hdr); print hdr > (dir "/want.csv")
		good("0,张三,13800138000,first row decides: UTF-8")
		for (i = 1; i <= rows; i++) {
			r = rand()
			if (r < 0.40)
				good(i ",name" i ",138" sprintf("%08d", i) "," plain())
			else if (r < 0.45)
				good(i ",\"Wang, Wu\",139,\"say \"\"hi\"\"\"")
			else if (r < 0.50) {
				# a quoted field over lines: one record, two lines
				good(i ",\"two\nlines\",+86 139,=SUM(A1)")
				line++
			} else if (r < 0.55)
				good(i ",李四,@x,-1")
			else if (r < 0.60)
				bad(i ",st\"ray,139,x")
			else if (r < 0.65)
				bad(i ",short")
			else if (r < 0.70)
				bad(i ",a,b,c,extra")
			else if (r < 0.74)
				bad(i ",nul\001byte,139,x")
			else if (r < 0.78)
				bad(i ",bad\002utf8,139,x")
			else if (r < 0.82) {
				# an unterminated quote, then a plain row that
				# must not be swallowed
				bad(i ",\"never closed,139,x")
				good(i "b,after,139," plain())
			} else if (r < 0.86) {
				out(""); nblank++
			} else if (r < 0.90) {
				out(",,,"); nblank++
			} else if (r < 0.92) {
				out(hdr); nhdr++
			} else
				good(i ",\"" plain() "\"\"q\",0021,\"a,b\"")
		}
		print ngood, nbad, nblank, nhdr > (dir "/counts")
	}'
	tr '\001\002' '\000\377' <"$tmp/raw.csv" >"$tmp/in.csv"
	: >>"$tmp/badlines"
}

for seed in 1 2 3 4; do
	rm -f "$tmp"/*
	gen $seed 1500
	read ngood nbad nblank nhdr <"$tmp/counts"
	(cd "$tmp" && sq-cat -R rej.csv in.csv >out.csv 2>err.txt)
	rc=$?
	check "exit status 1 (rows were rejected)" "$([ $rc = 1 ]; echo $?)" "got $rc"
	sum=$(grep 'rows read:' "$tmp/err.txt")
	set -- $(echo "$sum" | sed -n 's/.*: \([0-9]*\) rows* read: \([0-9]*\) written, \([0-9]*\) rejected (skipped: \([0-9]*\) blank, \([0-9]*\) title, \([0-9]*\) repeated header).*/\1 \2 \3 \4 \5 \6/p')
	if [ $# != 6 ]; then
		check "summary line on stderr" 1 "$sum"
		continue
	fi
	read_=$1 written=$2 rejected=$3 blank=$4 titles=$5 headers=$6
	check "read = written + rejected" "$([ $read_ = $((written + rejected)) ]; echo $?)" "$sum"
	check "written = $ngood good rows" "$([ $written = $ngood ]; echo $?)" "$sum"
	check "rejected = $nbad bad rows" "$([ $rejected = $nbad ]; echo $?)" "$sum"
	check "blank = $nblank, repeated headers = $nhdr, titles = 0" \
	    "$([ $blank = $nblank ] && [ $headers = $nhdr ] && [ $titles = 0 ]; echo $?)" "$sum"
	cmp -s "$tmp/want.csv" "$tmp/out.csv"
	check "good rows byte-exact, in order" $? "$(diff "$tmp/want.csv" "$tmp/out.csv" | head -5)"
	grep -ao ',in\.csv,[0-9]*,' "$tmp/rej.csv" | tr -dc '0-9\n' >"$tmp/rejlines"
	cmp -s "$tmp/badlines" "$tmp/rejlines"
	check "--rejects names exactly the injected lines" $? "$(diff "$tmp/badlines" "$tmp/rejlines" | head -5)"
	(cd "$tmp" && sq-cat -q in.csv 2>/dev/null | cmp -s - out.csv)
	check "deterministic" $?
	# the same rows through NDJSON and back: nothing changes
	(cd "$tmp" && sq-cat -q -o json out.csv | sq-cat -q >back.csv)
	cmp -s "$tmp/out.csv" "$tmp/back.csv"
	check "CSV -> NDJSON -> CSV round trip" $? "$(diff "$tmp/out.csv" "$tmp/back.csv" | head -5)"
done
echo "conservation: $pass passed, $fail failed"
[ $fail = 0 ]
