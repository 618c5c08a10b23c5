#!/bin/sh
# The request triage (rules/triage.h through sq-requests) on labelled data:
#  - the model file is deterministic: retrained from the training split it
#    is the same bytes as share/requests/model.txt;
#  - the training split, 10-fold cross-validated (sq-train -k 10): the
#    figures printed; urgent recall 100% there is asserted only with
#    SQ_REQUESTS_CV_STRICT=1 (the issue's bar is on unseen requests);
#  - the held-out test split tests/data/requests/test.csv (never tuned on;
#    skipped with a message when absent): the figures are printed, and the
#    acceptance of issue #17 (accuracy >= 90%, urgent recall 100%, false
#    alarms < 10%) is asserted.  SQ_REQUESTS_STRICT=0 asserts only the
#    floors (FLOOR_* below, in tenths of a percent) and prints a figure
#    below the bar as NOT MET: for trying a model out, never for main.
# The last line is "requests: N passed, N failed".
# Usage: sh tests/requests.t.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqreq.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
d=$top/tests/data/requests
corpus="$d/train.csv $d/tuned.csv"
for f in train-b train-c train-d train-e; do [ -f "$d/$f.csv" ] && corpus="$corpus $d/$f.csv"; done
# the floors, in tenths of a percent: the bar itself.  The test split
# measured 90.6% accuracy (852/940), urgent recall 100% (162/162), false
# alarms 6.3% (49/778) on 7 December at 12:03 UTC, session 29 (issue #17's
# note; its one look): every figure meets the bar, so it is asserted
FLOOR_ACC=900 FLOOR_RECALL=1000 FLOOR_FALSE=100
STRICT=${SQ_REQUESTS_STRICT:-1}
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL requests: $*"; }

# deterministic model
if "$build/tools/sq-train" -D "$top/share" $corpus >"$tmp/model.txt" &&
    cmp -s "$tmp/model.txt" "$top/share/requests/model.txt"; then ok; else
	ko "retrained model differs from share/requests/model.txt (run make retrain)"; fi
# the same, files in the other order
rev=; for f in $corpus; do rev="$f $rev"; done
# shellcheck disable=SC2086
"$build/tools/sq-train" -D "$top/share" $rev | cmp -s - "$tmp/model.txt" &&
    ok || ko "the model depends on the order of the corpus files"

# cross-validation
"$build/tools/sq-train" -D "$top/share" -k 10 $corpus >"$tmp/cv" || ko "sq-train -k failed"
sed 's/^/  /' "$tmp/cv"
if grep -q 'urgent recall 100.0%' "$tmp/cv"; then ok
elif [ "${SQ_REQUESTS_CV_STRICT:-0}" = 1 ]; then ko "cross-validated urgent recall below 100%"
else echo "requests: NOT MET in cross-validation: urgent recall 100%"; ok; fi

# the held-out test split
evaluate() {	# FILE: figures of sq-requests on it
	sed '1s/.*/text,want_category,want_urgent/' "$1" |
	    "$build/bin/sq-requests" -q -o json -n '2022-04-10 18:00' >"$tmp/out.json" ||
	    { ko "sq-requests exited $? on $1"; return 1; }
	sed 's/.*"category":"\([^"]*\)".*"urgent":"\([^"]*\)".*"review":"\([^"]*\)".*"want_category":"\([^"]*\)","want_urgent":"\([^"]*\)".*/\1	\4	\2	\5	\3/' \
	    "$tmp/out.json" >"$tmp/pairs"
	awk -F'\t' '
		{ n++; if ($1 == $2) ok++; if ($5 == "true") rv++
		  if ($4 == "true") { u++; if ($3 == "true") ur++ }
		  else { nu++; if ($3 == "true") fp++ } }
		END {
			printf "requests: %s: %d texts, category accuracy %.1f%% (%d/%d), %d marked review, urgent recall %.1f%% (%d/%d), false alarms %.1f%% (%d/%d)\n",
			    "'"$(basename "$1")"'", n, n ? 100 * ok / n : 0, ok, n, rv, u ? 100 * ur / u : 0, ur, u, nu ? 100 * fp / nu : 0, fp, nu
			print n + 0, ok + 0, u + 0, ur + 0, nu + 0, fp + 0 > "'"$tmp/nums"'"
		}' "$tmp/pairs"
}
bar() {	# what, holds (0/1), the floor's name, holds (0/1)
	if [ "$2" = 1 ]; then ok
	elif [ "$STRICT" != 0 ]; then ko "test split: $1"
	elif [ "$4" = 1 ]; then echo "requests: NOT MET on the test split: $1 (above the floor $3)"; ok
	else ko "test split: $1, and below the floor $3 (a regression)"; fi
}
holds() { [ "$@" ] && echo 1 || echo 0; }
if [ -f "$d/test.csv" ]; then
	evaluate "$d/test.csv" && {
		read -r n okn u ur nu fp <"$tmp/nums"
		[ "$n" -ge 900 ] && ok || ko "test split has $n rows (at least 900)"
		bar "category accuracy >= 90%" "$(holds $((okn * 100)) -ge $((n * 90)))" \
		    "FLOOR_ACC=$FLOOR_ACC" "$(holds $((okn * 1000)) -ge $((n * FLOOR_ACC)))"
		bar "urgent recall 100%" "$(holds "$ur" = "$u")" \
		    "FLOOR_RECALL=$FLOOR_RECALL" "$(holds $((ur * 1000)) -ge $((u * FLOOR_RECALL)))"
		bar "false alarms < 10%" "$(holds $((fp * 100)) -lt $((nu * 10)))" \
		    "FLOOR_FALSE=$FLOOR_FALSE" "$(holds $((fp * 1000)) -lt $((nu * FLOOR_FALSE)))"
	}
else
	echo "SKIP requests: no tests/data/requests/test.csv (the held-out split)"
fi
echo "requests: $pass passed, $fail failed"
[ $fail = 0 ]
