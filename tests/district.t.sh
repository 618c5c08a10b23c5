#!/bin/sh
# Identity on a district no rule was tuned on (issue 14): tools/gen-district
# writes five communities (walk-ups with flats let room by room, high-rises,
# one-unit point towers, a lane compound of towers, lane houses), the same
# households in three rosters (split columns, 楼栋 + 门牌, one 地址 column)
# and a day of check-ins, the forms of address dealt so that every shape
# meets every pair (roster form, check-in form).  Its own seeds, not the
# goldens'.  For each seed:
#   - the three rosters give the same key set, every row a household;
#   - every pair of forms of every shape is in the data (the test tests);
#   - sq-flag --all on each roster gives every household the generator's
#     status (fever, symptoms, ok, unreported), each household once;
#   - every check-in joins: the check-ins from flats not in the roster, and
#     only they, are unknown; a fever among them is still counted a fever;
#   - the check-ins add up: rows = today + merged + unknown, and merged is
#     the generator's second copies.
# Usage: sh tests/district.t.sh BUILD_DIR.  SQ_DISTRICT_N: households a seed
# (default 16000).  Last line: "district: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C
n=${SQ_DISTRICT_N:-16000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqdistrict.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {	# seed, ok|bad, what
	if [ "$2" = ok ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL district seed $1: $3"; fi
}
# field NAME JSON: a number of the summary's "checkins" or "total" object
field() {
	tr -d ' \n' <"$2" | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2
}

for spec in "20221 0.01 0" "77 0.1 0" "4242 0.02 0.03"; do
	set -- $spec
	seed=$1 unknown=$2 amb=$3
	d=$tmp/d$seed
	"$build/tools/gen-district" -n "$n" -c 5 -s "$seed" -u "$unknown" \
	    -a "$amb" -o "$d" 2>/dev/null || { check $seed bad "gen-district failed"; continue; }

	# every shape meets every pair of forms (the generator's own promise)
	pairs=$(awk -F, 'NR > 1 && $3 == "household" { p[$5 "," $6 "," $7] = 1 }
	    END { n = 0; for (k in p) n++; print n }' "$d/truth-checkins.csv")
	# walk-up, high-rise, sub-let 11 x 16, tower 9 x 13, lane tower 5 x 8,
	# lane house 5 x 5
	if [ "$pairs" = 710 ]; then check $seed ok; else
		check $seed bad "$pairs pairs of forms in the data, not 710"; fi

	# the same key set from each roster, no row rejected
	for r in split door addr; do
		"$build/bin/sq-ingest" -q -R "$d/rej-$r.csv" "$d/roster-$r.csv" \
		    >"$d/hh-$r.csv" 2>"$d/err-$r"
		rc=$?
		rej=$(($(wc -l <"$d/rej-$r.csv") - 1))
		if [ $rc = 0 ] && [ $rej = 0 ]; then check $seed ok; else
			check $seed bad "sq-ingest roster-$r.csv: exit $rc, $rej rejected"
			head -3 "$d/rej-$r.csv"; fi
		# 档案号 -> key, the join back to the generator's ids
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "档案号") c = i; next }
		    { print $1 "," $c }' "$d/hh-$r.csv" | sort >"$d/keys-$r"
	done
	for r in door addr; do
		if cmp -s "$d/keys-split" "$d/keys-$r"; then check $seed ok; else
			check $seed bad "roster-split and roster-$r give other keys"
			diff "$d/keys-split" "$d/keys-$r" | head -6; fi
	done
	nhh=$(($(wc -l <"$d/truth-households.csv") - 1))
	got=$(wc -l <"$d/keys-split")
	if [ "$got" = "$nhh" ]; then check $seed ok; else
		check $seed bad "$got households keyed, the district has $nhh"; fi

	sort -t, -k2,2 "$d/keys-split" >"$d/byid"
	tail -n +2 "$d/truth-households.csv" | sort -t, -k1,1 >"$d/want"
	unk_truth=$(awk -F, '$3 == "unknown"' "$d/truth-checkins.csv" | wc -l)
	unkfever_truth=$(awk -F, '$3 == "unknown" && $4 == "fever"' "$d/truth-checkins.csv" | wc -l)
	rows=$(($(wc -l <"$d/checkins.csv") - 1))
	hhrows=$(awk -F, '$3 == "household" || $3 == "ambiguous"' "$d/truth-checkins.csv" | wc -l)
	reported=$(awk -F, '$2 != "unreported"' "$d/want" | wc -l)
	ambrows=$(awk -F, '$3 == "ambiguous"' "$d/truth-checkins.csv" | wc -l)
	ambfever=$(awk -F, '$3 == "ambiguous" && $4 == "fever"' "$d/truth-checkins.csv" | wc -l)
	for r in split door addr; do
		"$build/bin/sq-flag" -a -q -d 2022-04-10 -Y "$d/sum.json" \
		    "$d/hh-$r.csv" "$d/checkins.csv" >"$d/flags.csv" 2>"$d/err"
		rc=$?
		[ $rc = 0 ] || check $seed bad "sq-flag on roster-$r: exit $rc: $(head -2 "$d/err")"
		# each household once, with the generator's status
		awk -F, 'NR > 1 { print $1 "," $7 }' "$d/flags.csv" | sort -t, -k1,1 >"$d/st"
		join -t, -1 1 -2 1 "$d/keys-$r" "$d/st" | cut -d, -f2,3 |
		    sort -t, -k1,1 >"$d/got"
		if cmp -s "$d/want" "$d/got"; then check $seed ok; else
			check $seed bad "roster-$r: statuses differ from the truth (want, got):"
			diff "$d/want" "$d/got" | head -8; fi
		twice=$(join -t, "$d/keys-$r" "$d/st" | cut -d, -f1 | uniq -d | wc -l)
		if [ "$twice" = 0 ]; then check $seed ok; else
			check $seed bad "roster-$r: $twice households on two rows"; fi
		# every check-in of a household joined; the unknown ones are unknown
		u=$(field unknown_household "$d/sum.json")
		uf=$(field fever_unknown_address "$d/sum.json")
		today=$(field today "$d/sum.json")
		merged=$(field merged "$d/sum.json")
		rj=$(field rejected "$d/sum.json")
		# an ambiguous check-in is not taken: it counts as unknown, and
		# its fever as a fever
		if [ "$u" = $((unk_truth + ambrows)) ] &&
		    [ "$uf" = $((unkfever_truth + ambfever)) ] &&
		    [ "$rj" = 0 ]; then check $seed ok; else
			check $seed bad "roster-$r: unknown $u (truth $unk_truth + $ambrows ambiguous), fever among them $uf (truth $unkfever_truth + $ambfever), rejected $rj"; fi
		if [ "$today" = "$reported" ] && [ $((today + merged + u)) = "$rows" ] &&
		    [ $((today + merged)) = $((hhrows - ambrows)) ]; then check $seed ok; else
			check $seed bad "roster-$r: today $today (truth $reported), merged $merged, unknown $u; rows $rows, of households $hhrows"; fi
	done
done
echo "district: $pass passed, $fail failed"
[ $fail = 0 ]
