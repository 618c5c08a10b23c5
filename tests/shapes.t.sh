#!/bin/sh
# No crash on any table shape: every program, on its own inputs cut down.
#
# Each golden case (tests/cases/*) says how a program is called and with
# which files; this runs its command again on other shapes of its CSV
# inputs: every file empty (0 bytes), every file a header only, and random
# cuts, each file on its own: 0, 1 or 2 of its rows under a random subset
# of its columns (sometimes none of them, sometimes an empty file).  A
# program added later is covered by its golden cases, with no change here.
# Then every program meets the tiny tables of the before-stop probe
# (../shared/hooks/before-stop) alone and with a second file.
#
# Every sq-* program (and shequ-daily) is called through a wrapper that
# records how it ended: a run fails when a program dies by a signal,
# exits with a status other than 0, 1 or 2 (a sanitizer's report exits
# 86 here), takes more than 20 s, or exits 2 without a word on stderr.
# Outputs are not compared: the goldens do that for the real shapes.
#
# Usage: sh tests/shapes.t.sh BUILD_DIR [CASE...].  SQ_SEED changes the
# cuts (default 1; a failure names its seed and variant); SQ_SHAPES sets
# the random cuts a case (default 3).  Last line: "shapes: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$top/$build ;; esac
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share SQ_SHARED=$top/../shared
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
export LC_ALL TZ SHEQU_DATADIR SQ_SHARED ASAN_OPTIONS UBSAN_OPTIONS
seed=${SQ_SEED:-1}
nrand=${SQ_SHAPES:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqshapes.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

# The wrappers: one per program, first on PATH, each appending
# "NAME STATUS" to $SQ_SHAPES_LOG when the program ended badly.
mkdir "$tmp/shim"
for p in "$build"/bin/* "$top"/share/shequ-daily; do
	[ -x "$p" ] || [ "${p##*/}" = shequ-daily ] || continue
	n=${p##*/}
	run=$p
	[ "$n" = shequ-daily ] && run="sh $p"
	cat >"$tmp/shim/$n" <<EOF
#!/bin/sh
err=\$(mktemp "$tmp/err.XXXXXX")
$run "\$@" 2>"\$err"
rc=\$?
cat "\$err" >&2
case \$rc in
0|1) ;;
2) [ -s "\$err" ] || echo "$n exit 2 with nothing on stderr" >>"\$SQ_SHAPES_LOG" ;;
*) echo "$n exit \$rc" >>"\$SQ_SHAPES_LOG"
   grep -m 3 -E 'Sanitizer|runtime error' "\$err" >>"\$SQ_SHAPES_LOG" ;;
esac
rm -f "\$err"
exit \$rc
EOF
	chmod +x "$tmp/shim/$n"
done
PATH=$tmp/shim:$build/bin:$build/tools:$PATH
export PATH

# cut SEED ROWS KEEP < in > out: the header and the first ROWS records,
# each column kept with probability KEEP (1: all).  Records and fields are
# read as CSV (quotes over commas and lines); a tab-separated file when
# the first line has tabs and no comma.
cut_table() {
	awk -v seed="$1" -v rows="$2" -v keep="$3" '
	function split_fields(rec, f,    n, i, c, q, cur) {
		n = 0; q = 0; cur = ""
		for (i = 1; i <= length(rec); i++) {
			c = substr(rec, i, 1)
			if (c == "\"") q = !q
			if (c == sep && !q) { f[++n] = cur; cur = ""; continue }
			cur = cur c
		}
		f[++n] = cur
		return n
	}
	function emit(rec,    f, n, i, o, first) {
		n = split_fields(rec, f)
		o = ""; first = 1
		for (i = 1; i <= n; i++)
			if (kept[i]) { o = o (first ? "" : sep) f[i]; first = 0 }
		print o
	}
	BEGIN { srand(seed); nrec = 0; pend = "" }
	{
		pend = pend (pend == "" ? "" : "\n") $0
		if (gsub(/"/, "\"", pend) % 2) next	# a quoted line break
		rec = pend; pend = ""
		if (nrec == 0) {
			sep = (index(rec, "\t") && !index(rec, ",")) ? "\t" : ","
			n = split_fields(rec, hf)
			any = 0
			for (i = 1; i <= n; i++) {
				kept[i] = keep >= 1 || rand() < keep
				any += kept[i]
			}
			if (!any) kept[int(rand() * n) + 1] = 1
		}
		if (nrec > rows) exit
		emit(rec)
		nrec++
	}'
}

# run_variant CASE VARIANT: the case again in a scratch copy, its CSV
# inputs cut by make_inputs; a failure is told with what was run.
run_variant() {
	name=$1 variant=$2
	work=$tmp/work
	rm -rf "$work"; cp -R "$top/tests/cases/$name" "$work"
	rm -f "$work/expout" "$work/experr" "$work/rc"
	make_inputs "$work" "$variant" || return 0
	SQ_SHAPES_LOG=$tmp/log
	export SQ_SHAPES_LOG
	: >"$SQ_SHAPES_LOG"
	( cd "$work" && timeout 20 sh ./cmd </dev/null >/dev/null 2>"$tmp/caseerr" )
	rc=$?
	[ $rc = 124 ] && echo "timed out after 20 s" >>"$SQ_SHAPES_LOG"
	if [ -s "$SQ_SHAPES_LOG" ]; then
		fail=$((fail + 1))
		echo "FAIL shapes $name ($variant, SQ_SEED=$seed): $(cat "$work/cmd")"
		sed 's/^/    /' "$SQ_SHAPES_LOG" | head -8
		for f in $(csv_inputs "$work"); do
			echo "    --- $f ($(wc -c <"$work/$f") bytes):"
			head -c 300 "$work/$f" | head -n 3 | sed 's/^/    /'
		done
	else
		pass=$((pass + 1))
	fi
}

csv_inputs() {
	( cd "$1" && ls | grep -E '\.(csv|tsv)$' )
}

# make_inputs DIR VARIANT: empty | header | cut-N (random, per file)
make_inputs() {
	files=$(csv_inputs "$1")
	[ -n "$files" ] || return 1
	i=0
	for f in $files; do
		i=$((i + 1))
		p=$1/$f
		case $2 in
		empty)	: >"$p" ;;
		header)	cut_table 1 0 1 <"$p" >"$p.cut" && mv "$p.cut" "$p" ;;
		cut-*)
			# one number from the seed, the case, the variant, the file
			r=$(printf '%s %s %s %s' "$seed" "$name" "$2" "$f" | cksum | cut -d' ' -f1)
			rows=$((r % 3))
			case $((r / 3 % 4)) in
			0) keep=0.3 ;; 1) keep=0.6 ;; 2) keep=0.9 ;; 3) keep=1 ;;
			esac
			if [ $((r / 12 % 8)) = 0 ]; then
				: >"$p"
			else
				cut_table "$r" "$rows" "$keep" <"$p" >"$p.cut" && mv "$p.cut" "$p"
			fi ;;
		esac
	done
	return 0
}

if [ $# -gt 0 ]; then cases=$*; else cases=$(ls "$top/tests/cases"); fi
for name in $cases; do
	[ -f "$top/tests/cases/$name/cmd" ] || continue
	[ -n "$(csv_inputs "$top/tests/cases/$name")" ] || continue
	run_variant "$name" empty
	run_variant "$name" header
	k=1
	while [ $k -le "$nrand" ]; do
		run_variant "$name" "cut-$k"
		k=$((k + 1))
	done
done

# The before-stop probe's tables, every program alone and with a second.
t=$tmp/tiny; mkdir "$t"
printf 'hh,building,unit,room,name\nB0003-U02-R0502,3,2,502,A\nB0003-U02-R0503,3,2,503,B\n' >"$t/hh.csv"
printf 'hh,building,unit,room,name\n' >"$t/hh0.csv"
: >"$t/empty.csv"
printf 'name,address,phone\nA,1-1-101,13800138000\nB,1-1-102,13800138001\nC,1-1-103,13800138002\n' >"$t/roster.csv"
printf 'time,address,temperature\n2022-04-10 07:01,3-2-505,39.5\n' >"$t/c.csv"
for p in "$build"/bin/*; do
	[ -x "$p" ] || continue
	n=${p##*/}
	SQ_SHAPES_LOG=$tmp/log
	export SQ_SHAPES_LOG
	for f in hh hh0 empty roster c; do
		for second in "" c.csv; do
			: >"$SQ_SHAPES_LOG"
			( cd "$t" && timeout 20 "$n" $f.csv $second </dev/null >/dev/null 2>&1 )
			[ $? = 124 ] && echo "timed out after 20 s" >>"$SQ_SHAPES_LOG"
			if [ -s "$SQ_SHAPES_LOG" ]; then
				fail=$((fail + 1))
				echo "FAIL shapes $n $f.csv $second"
				sed 's/^/    /' "$SQ_SHAPES_LOG" | head -8
			else
				pass=$((pass + 1))
			fi
		done
	done
done
echo "shapes: $pass passed, $fail failed"
[ $fail = 0 ]
