#!/bin/sh
# Sheets as people write them: on random instances (tools/gen-match small)
# the posts table written four ways — dated start and end, a date column
# with times alone, a date with a shift column of ranges, and a date with
# named shifts (a --shifts file) — gives the same plan and the same empty
# seats.  Then availability as volunteers write it (tools/gen-avail, seeds
# of its own) is read right (tools/avail-score): at most 1% read wrong,
# and no text that gives no time is read as one.
# Usage: sh tests/posts.t.sh BUILD_DIR [COUNT]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
count=${2:-60}
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
export LC_ALL TZ SHEQU_DATADIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqposts.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
i=1
while [ $i -le $count ]; do
	d=$tmp/$i
	mkdir -p "$d"
	line=$("$build/tools/gen-match" small $((i + 5000)) "$d") ||
	    { echo "FAIL $i: generator"; fail=$((fail + 1)); i=$((i + 1)); continue; }
	args=$(echo "$line" | sed 's/^OPT [0-9]* ARGS //')
	p=$d/posts.csv
	# post,team,skill,start,end,headcount,needs_training
	awk -F, 'NR == 1 { print "post,team,skill,date,start,end,headcount,needs_training"; next }
	    { split($4, a, " "); split($5, b, " ");
	      print $1 "," $2 "," $3 "," a[1] "," a[2] "," b[2] "," $6 "," $7 }' "$p" >"$d/times.csv"
	awk -F, 'NR == 1 { print "post,team,skill,date,shift,headcount,needs_training"; next }
	    { split($4, a, " "); split($5, b, " ");
	      print $1 "," $2 "," $3 "," a[1] "," a[2] "-" b[2] "," $6 "," $7 }' "$p" >"$d/ranges.csv"
	awk -F, 'NR > 1 { split($4, a, " "); split($5, b, " "); k = a[2] "-" b[2];
	      if (!(k in n)) { n[k] = ++m; print "班" m " = " k } }' "$p" >"$d/shifts.conf"
	awk -F, 'NR == FNR { split($0, f, " = "); name[f[2]] = f[1]; next }
	    FNR == 1 { print "post,team,skill,date,shift,headcount,needs_training"; next }
	    { split($4, a, " "); split($5, b, " ");
	      print $1 "," $2 "," $3 "," a[1] "," name[a[2] "-" b[2]] "," $6 "," $7 }' \
	    "$d/shifts.conf" "$p" >"$d/named.csv"
	ok=1
	for form in posts times ranges named; do
		# shellcheck disable=SC2086
		"$build/bin/sq-match" -q $args -f "$d/shifts.conf" -u "$d/u-$form.csv" \
		    "$d/volunteers.csv" "$d/$form.csv" >"$d/plan-$form.csv" 2>"$d/err-$form"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "FAIL $i: sq-match exit $rc on $form"; cat "$d/err-$form"; ok=0
		fi
		if [ $form != posts ] && { ! cmp -s "$d/plan-posts.csv" "$d/plan-$form.csv" ||
		    ! cmp -s "$d/u-posts.csv" "$d/u-$form.csv"; }; then
			echo "FAIL $i: the $form form gives another plan ($args)"
			diff "$d/plan-posts.csv" "$d/plan-$form.csv" | head -5; ok=0
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	i=$((i + 1))
done

# availability: seeds 11-14 (the figures in the notes use others)
for seed in 11 12 13 14; do
	out=$("$build/tools/gen-avail" -s $seed -n 500 |
	    "$build/tools/avail-score" "$top/share/match/shifts.conf") ||
	    { echo "FAIL avail seed $seed: exit $?"; fail=$((fail + 1)); continue; }
	echo "$out" | awk -v s=$seed '/^avail:/ {
	    n = $2; wrong = $8; read = $(NF - 1);
	    if (wrong * 100 > n || read > 0) { print "FAIL avail seed " s ": " $0; exit 1 } }' ||
	    { fail=$((fail + 1)); continue; }
	pass=$((pass + 1))
done
echo "posts: $pass passed, $fail failed"
[ $fail = 0 ]
