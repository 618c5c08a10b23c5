#!/bin/sh
# The request classifier on a labelled set: tests/data/requests/tuned.csv
# (text, category, urgent), texts written for the test before the rules.
# Accuracy of the category must stay at or above 90%, and every urgent text
# must be marked urgent (recall 100%).  Prints both; the last line is
# "requests: N passed, N failed".  Usage: sh tests/requests.t.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqreq.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
# the labels must not be read as a person's category: rename them
sed '1s/.*/text,want_category,want_urgent/' "$top/tests/data/requests/tuned.csv" |
    "$build/bin/sq-requests" -q -o json -n '2022-04-10 18:00' >"$tmp/out.json"
rc=$?
if [ $rc = 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL requests: sq-requests exited $rc"; fi
# NDJSON, every value a string: pick the fields with jq when there is one
if command -v jq >/dev/null 2>&1; then
	jq -r '[.category, .want_category, .urgent, .want_urgent] | @tsv' \
	    "$tmp/out.json" >"$tmp/pairs"
else
	sed 's/.*"category":"\([^"]*\)".*"urgent":"\([^"]*\)".*"want_category":"\([^"]*\)","want_urgent":"\([^"]*\)".*/\1	\3	\2	\4/' \
	    "$tmp/out.json" >"$tmp/pairs"
fi
awk -F'\t' -v tmp="$tmp" '
	{ n++; if ($1 == $2) ok++; else print "  miss: " $2 " -> " $1 > (tmp "/miss")
	  if ($4 == "true") { u++; if ($3 == "true") ur++ }
	  else if ($3 == "true") fp++ }
	END {
		printf "requests: %d texts, category accuracy %.1f%% (%d/%d), urgent recall %.1f%% (%d/%d), %d false urgent\n",
		    n, n ? 100 * ok / n : 0, ok, n, u ? 100 * ur / u : 0, ur, u, fp
		print n, ok, u, ur > (tmp "/nums")
	}' "$tmp/pairs"
read n ok u ur <"$tmp/nums"
if [ "$n" -ge 300 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL requests: only $n labelled texts (at least 300)"; fi
if [ $((ok * 100)) -ge $((n * 90)) ] && [ "$n" -gt 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL requests: accuracy below 90%"; cat "$tmp/miss"; fi
if [ "$ur" = "$u" ] && [ "$u" -gt 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL requests: urgent recall below 100%"; fi
# deterministic: the same bytes twice
sed '1s/.*/text,want_category,want_urgent/' "$top/tests/data/requests/tuned.csv" |
    "$build/bin/sq-requests" -q -o json -n '2022-04-10 18:00' | cmp -s - "$tmp/out.json"
if [ $? = 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL requests: output differs between two runs"; fi
echo "requests: $pass passed, $fail failed"
[ $fail = 0 ]
