#!/bin/sh
# bench/run.sh — time sq-cat and sq-ingest against their peers on a
# generated district roster (1,000,000 households), in one run.
#
#   sq-cat     vs  mlr --icsv --ocsv cat, a python3 csv round-trip, cat
#   sq-ingest  vs  a gawk script doing the same normalization
#
# Each contender reads the roster and writes to /dev/null under
# `/usr/bin/time -v`; the best wall time of SQ_BENCH_RUNS runs is kept, and
# the largest "Maximum resident set size" of those runs.  See bench/README.
#
# Environment: SQ_BENCH_N (households, default 1000000), SQ_BENCH_RUNS
# (default 3), SQ_BENCH_NICE (niceness, default 10), B (build directory,
# default build).  POSIX sh; run by `make bench`.

set -u
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$top" || exit 2
export LC_ALL=C
B=${B:-build}
N=${SQ_BENCH_N:-1000000}
RUNS=${SQ_BENCH_RUNS:-3}
NICE=${SQ_BENCH_NICE:-10}
SEED=1
C=$((N / 5000))			# 5,000 households a community
[ "$C" -ge 1 ] || C=1
GEN=$B/tools/gen-community
SQCAT=$B/bin/sq-cat
SQINGEST=$B/bin/sq-ingest
export SHEQU_DATADIR="$top/share"

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqbench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# ---- build if needed ---------------------------------------------------
if ! make -s B="$B" all >/dev/null 2>"$tmp/make.log"; then
	say "bench: make failed (see below); using the programs already built"
	sed -n 1,5p "$tmp/make.log"
fi
[ -x "$GEN" ] || die "$GEN is not built"
[ -x "$SQCAT" ] || die "$SQCAT is not built"

# ---- timing tools ------------------------------------------------------
timer=
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	timer=gnutime
elif command -v hyperfine >/dev/null 2>&1; then
	timer=hyperfine
	say "note: GNU time (/usr/bin/time -v) not installed: timing with" \
	    "hyperfine, no memory figures"
else
	die "skipped: neither GNU time (/usr/bin/time -v) nor hyperfine installed"
fi
case $(date +%N 2>/dev/null) in
[0-9]*) clock=ns ;;
*) clock= ;;
esac

# ---- the roster --------------------------------------------------------
dir=bench/out/district-$N
roster=$dir/roster.csv
# reused while the command and the generator's source are the same
gencmd="$GEN --households $N --communities $C --seed $SEED --roster-only --out $dir"
stamp="$gencmd; tools/gen-community $(cat tools/gen-community.c tools/gen-community/*.[ch] | cksum)"
if [ -s "$roster" ] && [ -f "$dir/generated-by" ] &&
    [ "$(cat "$dir/generated-by")" = "$stamp" ]; then
	say "roster: reusing $roster"
else
	say "roster: generating $N households in $C communit$([ "$C" = 1 ] && echo y || echo ies) ..."
	mkdir -p "$dir" || exit 2
	rm -f "$dir/generated-by"
	nice -n "$NICE" "$GEN" --households "$N" --communities "$C" \
	    --seed "$SEED" --roster-only --out "$dir" || die "gen-community failed"
	printf '%s\n' "$stamp" >"$dir/generated-by"
fi
bytes=$(wc -c <"$roster" | tr -d ' ')
rows=$(($(wc -l <"$roster") - 1))
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# ---- measuring ---------------------------------------------------------
now() {
	if [ -n "$clock" ]; then date +%s.%N; else echo 0; fi
}

# measure ID STDIN CMD...: run RUNS times; sets wall_ID cpu_ID rss_ID, or
# fail_ID with the reason.
measure() {
	id=$1 input=$2
	shift 2
	best='' cpu='' rss=0 i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		[ -n "$input" ] || input=/dev/null
		if [ "$timer" = hyperfine ]; then
			hyperfine --runs 1 --style none --export-csv "$tmp/hf" \
			    --output null "$* <'$input'" >/dev/null 2>"$tmp/err"
			rc=$?
			w=$(awk -F, 'NR == 2 { print $2 }' "$tmp/hf")
			c=$(awk -F, 'NR == 2 { print $7 + $8 }' "$tmp/hf")
			r=0
		else
			t0=$(now)
			nice -n "$NICE" /usr/bin/time -v -o "$tmp/time" "$@" \
			    <"$input" >/dev/null 2>"$tmp/err"
			rc=$?
			t1=$(now)
			w=$(awk -v t0="$t0" -v t1="$t1" -v ns="$clock" '
			    /Elapsed \(wall clock\)/ {
				n = split($NF, p, ":"); e = 0
				for (k = 1; k <= n; k++) e = e * 60 + p[k]
			    }
			    END { printf "%.3f", ns != "" ? t1 - t0 : e }' \
			    "$tmp/time")
			c=$(awk -F': ' '/User time|System time/ { s += $2 }
			    END { printf "%.2f", s }' "$tmp/time")
			r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
			    "$tmp/time")
		fi
		if [ "$rc" -gt 1 ] || { [ "$rc" = 1 ] && [ "$id" != sqingest ]; }; then
			# shellcheck disable=SC2034 # used through eval
			msg="exit $rc: $(head -n 2 "$tmp/err" | cut -c 1-100 | tr '\n' ' ')"
			eval "fail_$id=\$msg"
			return
		fi
		if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			# shellcheck disable=SC2034 # used through eval
			best=$w cpu=$c
		fi
		[ "${r:-0}" -gt "$rss" ] && rss=$r
	done
	eval "wall_$id=\$best cpu_$id=\$cpu rss_$id=\$rss"
}

skip() {
	eval "skip_$1=\"\$2\""
	say "skipped: $2"
}

have() { command -v "$1" >/dev/null 2>&1; }

say "input: $roster, $rows households, $mb MB"
say "each tool: best of $RUNS runs, output to /dev/null, nice -n $NICE"
say ""

# ---- same job? check each pair on the first 20,000 rows ----------------
head -n 20001 "$roster" >"$tmp/head.csv"
check() {	# check LABEL EXPECTED-FILE CMD...  (output compared with cmp)
	label=$1 expect=$2
	shift 2
	if "$@" >"$tmp/out.csv" 2>/dev/null && cmp -s "$tmp/out.csv" "$expect"; then
		say "check: $label: same output"
	else
		say "check: $label: OUTPUT DIFFERS (see bench/README)"
	fi
}
check "sq-cat = input" "$tmp/head.csv" "$SQCAT" "$tmp/head.csv"
have mlr && check "mlr cat = input" "$tmp/head.csv" mlr --icsv --ocsv cat "$tmp/head.csv"
# shellcheck disable=SC2016 # $1 is for the inner sh
have python3 && check "python3 round-trip = input" "$tmp/head.csv" \
    sh -c 'python3 bench/csv_roundtrip.py <"$1"' sh "$tmp/head.csv"
if [ -x "$SQINGEST" ] && have gawk; then
	"$SQINGEST" -q "$tmp/head.csv" >"$tmp/ingest.csv" 2>/dev/null
	check "gawk ingest.awk = sq-ingest" "$tmp/ingest.csv" \
	    gawk -f bench/ingest.awk "$tmp/head.csv"
fi
say ""

# ---- the runs ----------------------------------------------------------
measure cat "" cat "$roster"
measure sqcat "" "$SQCAT" "$roster"
if have mlr; then measure mlr "" mlr --icsv --ocsv cat "$roster"
else skip mlr "mlr not installed"; fi
if have python3; then measure py "$roster" python3 bench/csv_roundtrip.py
else skip py "python3 not installed"; fi
if [ -x "$SQINGEST" ]; then measure sqingest "" "$SQINGEST" -q "$roster"
else skip sqingest "$SQINGEST not built yet"; fi
if have gawk; then measure gawk "" gawk -f bench/ingest.awk "$roster"
else skip gawk "gawk not installed"; fi
have hyperfine || say "note: hyperfine not installed (not needed: GNU time is used)"

# ---- the table ---------------------------------------------------------
get() { eval "printf '%s' \"\${$1_$2:-}\""; }

row() {	# row ID NAME TASK REF
	id=$1 name=$2 task=$3 ref=$4
	f=$(get fail "$id") s=$(get skip "$id")
	if [ -n "$s" ]; then
		printf '%-10s %-22s %s\n' "$name" "$task" "skipped ($s)"
		return
	fi
	if [ -n "$f" ]; then
		printf '%-10s %-22s %s\n' "$name" "$task" "failed: $f"
		return
	fi
	w=$(get wall "$id") c=$(get cpu "$id") r=$(get rss "$id")
	rw=$(get wall "$ref") rc=$(get cpu "$ref")
	awk -v n="$name" -v t="$task" -v w="$w" -v c="$c" -v r="$r" \
	    -v b="$bytes" -v rw="$rw" -v rc="$rc" -v ref="$ref" -v id="$id" \
	    -v tm="$timer" '
	function ratio(x, y) {
		if (id == ref) return "1.00"
		if (y == "" || y <= 0) return "-"
		return sprintf("%.2f", x / y)
	}
	BEGIN {
		mbs = w > 0 ? sprintf("%.0f", b / 1e6 / w) : "-"
		rss = tm == "hyperfine" ? "-" : sprintf("%.1f", r / 1024)
		printf "%-10s %-22s %8.3f %8.2f %8s %8s %8s %8s\n", n, t, w, c,
		    mbs, rss, ratio(w, rw), ratio(c, rc)
	}'
}

say ""
printf '%-10s %-22s %8s %8s %8s %8s %8s %8s\n' tool task "wall s" "cpu s" \
    "MB/s" "RSS MiB" "x wall" "x cpu"
row cat cat "floor (CSV->CSV)" sqcat
row sqcat sq-cat "CSV->CSV" sqcat
row mlr mlr "CSV->CSV" sqcat
row py python3 "CSV->CSV (csv module)" sqcat
row sqingest sq-ingest "roster->households" sqingest
row gawk gawk "roster->households" sqingest
say "(x wall, x cpu: the tool's wall or cpu time over sq-cat's, or over"
say " sq-ingest's for roster->households; above 1: the sq- program is faster)"

# ---- targets -----------------------------------------------------------
target() {	# target LABEL ID REF MIN-RATIO (judged on wall time)
	w=$(get wall "$2") rw=$(get wall "$3")
	c=$(get cpu "$2") rc=$(get cpu "$3")
	if [ -z "$w" ] || [ -z "$rw" ]; then
		printf '  %-40s %s\n' "$1" "not measured"
		return
	fi
	awk -v l="$1" -v w="$w" -v rw="$rw" -v c="$c" -v rc="$rc" -v m="$4" '
	BEGIN {
		x = rw > 0 ? w / rw : 0
		y = rc > 0 ? sprintf("%.1fx", c / rc) : "-"
		printf "  %-40s %6.1fx  %-8s (cpu time: %s)\n", l, x,
		    x >= m ? "met" : "NOT MET", y
	}'
}
memtarget() {	# memtarget LABEL ID MAX-MiB
	r=$(get rss "$2")
	if [ -z "$r" ] || [ "$timer" = hyperfine ]; then
		printf '  %-40s %s\n' "$1" "not measured"
		return
	fi
	awk -v l="$1" -v r="$r" -v m="$3" 'BEGIN {
		printf "  %-40s %6.1f MiB  %s\n", l, r / 1024, r / 1024 < m ? "met" : "NOT MET"
	}'
}
say ""
say "targets:"
target "sq-cat >= 10x faster than mlr" mlr sqcat 10
target "sq-cat >= 4x faster than python3 csv" py sqcat 4
memtarget "sq-cat peak RSS < 20 MiB" sqcat 20
target "sq-ingest >= 5x faster than gawk" gawk sqingest 5
memtarget "sq-ingest peak RSS < 150 MiB" sqingest 150
