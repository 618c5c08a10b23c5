#!/bin/sh
# sq-care on generated districts (tools/gen-care; the shapes vary with the
# seed), against what the generator knows:
#   pairs      every household that needs care is in the pairs exactly
#              once; no carer over its cap; as many paired, and as many
#              paired with a carer of their own building, as the optimum
#              of an independent min-cost flow over the whole graph; the
#              same input gives the same bytes; with --keep and one
#              volunteer gone, only that volunteer's households change.
#   greetings  on a generated log of 4 days, day by day with the state
#              file, and at once from the whole log: the status, the days
#              in a row without a greeting and the alarms of every
#              household equal the truth worked out by the generator.
# Usage: sh tests/care.t.sh BUILD_DIR [COUNT]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
count=${2:-24}
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
export LC_ALL TZ SHEQU_DATADIR
care=$build/bin/sq-care
gen=$build/tools/gen-care
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqcare.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
days="2022-04-10 2022-04-11 2022-04-12 2022-04-13"

# hh,vid of a pairs table (the writer quotes nothing these tables hold)
hv() { awk -F, 'NR > 1 { print $1 "," $10 }' "$1" | sort; }
# hh,status,missed_days,alarm of a greetings table
got() { awk -F, 'NR > 1 { print $1 "," $13 "," $15 "," $14 }' "$1" | sort; }

i=1
while [ $i -le $count ]; do
	d=$tmp/$i
	mkdir -p "$d"
	ok=1
	max=$((2 + i % 4))
	if ! "$gen" district -s "$i" -m "$max" "$d"; then
		echo "FAIL $i: generator"; fail=$((fail + 1)); i=$((i + 1)); continue
	fi
	"$care" -q -d 2022-04-10 -m "$max" -p "$d/sites.csv" \
	    "$d/households.csv" "$d/volunteers.csv" >"$d/pairs.csv" 2>"$d/err"
	rc=$?
	[ $rc = 0 ] || { echo "FAIL $i: sq-care exit $rc"; head -5 "$d/err"; ok=0; }
	# every household that needs care, exactly once
	grep '^NEED ' "$d/truth.txt" | cut -d' ' -f2 | sort >"$d/need"
	awk -F, 'NR > 1 { print $1 }' "$d/pairs.csv" | sort >"$d/have"
	if ! cmp -s "$d/need" "$d/have"; then
		echo "FAIL $i: the pairs are not every household that needs care, once"
		diff "$d/need" "$d/have" | head -5; ok=0
	fi
	# caps
	over=$(awk -F, 'FNR == NR { if ($1 == "CAP") cap[$2] = $3; next }
	    FNR > 1 && $10 != "" { n[$10]++ }
	    END { for (v in n) if (!(v in cap) || n[v] > cap[v]) print v, n[v], cap[v] }' \
	    FS=' ' "$d/truth.txt" FS=, "$d/pairs.csv")
	[ -z "$over" ] || { echo "FAIL $i: over the cap: $over"; ok=0; }
	# the optimum
	want=$(sed -n 's/^OPT paired \([0-9]*\) building \([0-9]*\)$/\1 \2/p' "$d/truth.txt")
	have=$(awk -F, 'NR > 1 && $10 != "" { p++ } NR > 1 && $14 == "building" { b++ }
	    END { print p + 0, b + 0 }' "$d/pairs.csv")
	[ "$want" = "$have" ] || { echo "FAIL $i: paired, same building: $have; the optimum is $want"; ok=0; }
	# the same bytes again
	"$care" -q -d 2022-04-10 -m "$max" -p "$d/sites.csv" \
	    "$d/households.csv" "$d/volunteers.csv" >"$d/pairs2.csv" 2>/dev/null
	cmp -s "$d/pairs.csv" "$d/pairs2.csv" || { echo "FAIL $i: not deterministic"; ok=0; }
	# --keep, one volunteer gone: only their households change
	gone=$(awk -F, 'NR > 1 && $10 != "" { print $10 }' "$d/pairs.csv" | sort | uniq -c |
	    sort -k1,1nr -k2 | awk 'NR == 1 { print $2 }')
	if [ -n "$gone" ]; then
		awk -F, -v v="$gone" '$1 != v' "$d/volunteers.csv" >"$d/vol-1.csv"
		"$care" -q -d 2022-04-11 -m "$max" -p "$d/sites.csv" -k "$d/pairs.csv" \
		    "$d/households.csv" "$d/vol-1.csv" >"$d/pairs-1.csv" 2>/dev/null
		hv "$d/pairs.csv" >"$d/hv0"
		hv "$d/pairs-1.csv" >"$d/hv1"
		changed=$(join -t, "$d/hv0" "$d/hv1" | awk -F, '$2 != $3 { print $1 "," $2 }')
		theirs=$(awk -F, -v v="$gone" '$2 == v' "$d/hv0")
		[ "$changed" = "$theirs" ] || { echo "FAIL $i: --keep without $gone changed others' households"; ok=0; }
		left=$(awk -F, -v v="$gone" '$2 == v' "$d/hv1")
		[ -z "$left" ] || { echo "FAIL $i: $gone is gone but still a carer"; ok=0; }
		st=$(awk -F, 'NR > 1 && $16 == "kept" { k++ } END { print k + 0 }' "$d/pairs-1.csv")
		want_kept=$(awk -F, -v v="$gone" '$2 != "" && $2 != v' "$d/hv0" | wc -l)
		[ "$st" = "$want_kept" ] || { echo "FAIL $i: $st kept, expected $want_kept"; ok=0; }
	fi
	# greetings, every third district (they take longer)
	if [ $((i % 3)) = 1 ]; then
		"$gen" log -s "$i" -D 4 "$d/pairs.csv" "$d" || { echo "FAIL $i: log generator"; ok=0; }
		for day in $days; do
			"$care" -q -g "$d/log-$day.csv" -d "$day" -s "$d/state.csv" -a \
			    "$d/pairs.csv" >"$d/g-$day.csv" 2>"$d/gerr"
			rc=$?
			[ $rc = 0 ] || { echo "FAIL $i $day: sq-care -g exit $rc"; head -3 "$d/gerr"; ok=0; }
			got "$d/g-$day.csv" >"$d/got"
			tail -n +2 "$d/truth-$day.csv" | sort >"$d/want"
			cmp -s "$d/want" "$d/got" || { echo "FAIL $i $day: greetings differ from the truth"; diff "$d/want" "$d/got" | head -6; ok=0; }
		done
		"$care" -q -g "$d/log-all.csv" -d 2022-04-13 -a "$d/pairs.csv" >"$d/g-all.csv" 2>/dev/null
		got "$d/g-all.csv" >"$d/got"
		cmp -s "$d/want" "$d/got" || { echo "FAIL $i: greetings from the whole log differ from the truth"; diff "$d/want" "$d/got" | head -6; ok=0; }
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); rm -rf "$d"; else fail=$((fail + 1)); fi
	i=$((i + 1))
done
echo "care: $pass passed, $fail failed"
[ $fail = 0 ]
