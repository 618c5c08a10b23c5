#!/bin/sh
# disclosure.t.sh — attack the bulletin's figures as a reader would
# (tools/dc-check: every linear relation the bulletin states, the
# buildings' households as public facts, the range of every figure not
# shown exactly) and fail if a count of households is pinned to 1..t-1.
#  naive     the bulletin as it was before disclosure control (exact
#            coverage beside the follow-up, "<3" beside the totals): the
#            checker finds the issue's building 1 (43 flats, 95%, follow-up
#            3: one ill household) and the one-building "<3" beside "1";
#  demo      the daily job on the bundled sample: nothing pinned;
#  generated communities of 1, 2 and 60 buildings, many with tiny counts
#            (10 or 4 households a building), thresholds 3 and 5: nothing
#            pinned, and every "<t" figure of the JSON is also a band in the
#            text, Markdown and HTML (no exact small count anywhere);
#  care      sq-care's summary in the bulletin (counts of the vulnerable):
#            a naive one is caught; the bulletin's pins nothing.
# Usage: sh tests/disclosure.t.sh BUILD_DIR.  Last line:
# "disclosure: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
PATH=$build/bin:$build/tools:$PATH
export PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqdisclose.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL disclosure $1"; }

# ---- naive ---------------------------------------------------------------
cat >"$tmp/sizes.csv" <<EOF
building,households
1,43
2,24
EOF
cat >"$tmp/naive.json" <<EOF
{"threshold": 3,
 "checkin": {"households": 67, "reported": 63, "coverage": 94, "fever": 0,
  "symptoms": 1, "bad_reading": 0, "unreported": 4, "follow_up": 5},
 "buildings": [{"building": "1", "coverage": 95, "follow_up": 3},
  {"building": "2", "coverage": 92, "follow_up": "<3"}]}
EOF
dc-check -H "$tmp/sizes.csv" "$tmp/naive.json" >"$tmp/naive.out" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q '^PINNED building 1: households ill: 1 to 1' "$tmp/naive.out" &&
    grep -q '^PINNED building 2: follow-up: 2 to 2' "$tmp/naive.out"; then ok; else
	bad "naive: dc-check exit $rc, did not find building 1"; cat "$tmp/naive.out"; fi
printf 'building,households\n1,6\n' >"$tmp/one.csv"
cat >"$tmp/one.json" <<EOF
{"threshold": 3, "checkin": {"households": 6, "fever": 1, "symptoms": "<3",
 "bad_reading": "<3", "unreported": "<3", "follow_up": "<3"},
 "buildings": [{"building": "1", "follow_up": "<3"}]}
EOF
if ! dc-check -H "$tmp/one.csv" "$tmp/one.json" >"$tmp/one.out" 2>&1 &&
    grep -q 'PINNED building 1: households with fever: 1 to 1' "$tmp/one.out"; then ok; else
	bad "naive: a one-building '<3' beside 发热1户 passed"; cat "$tmp/one.out"; fi
if dc-check "$tmp/one.json" >/dev/null 2>&1; [ $? = 2 ]; then ok; else
	bad "naive: dc-check without public facts is not a usage error"; fi

# ---- the bulletin of a day's folder: checked, and small counts banded ---
check() {	# name out-dir
	if dc-check -s "$2/summary.json" "$2/bulletin.json" >"$tmp/check.out" 2>&1; then ok; else
		bad "$1: figures pinned"; grep -v '^dc-check:' "$tmp/check.out" | head -5; fi
	# no exact number below t for a building or a count of ill households
	t=$(jq -r .threshold "$2/bulletin.json")
	small=$(jq -r --argjson t "$t" '[.buildings[] | select((.follow_up | type) == "number" and .follow_up < $t) | .building] +
	    [.checkin | .fever, .symptoms, .bad_reading, .follow_up | select(type == "number" and . < $t)] | .[]' "$2/bulletin.json")
	if [ -z "$small" ]; then ok; else bad "$1: counts below $t shown: $small"; fi
	# what the JSON bands is banded in the post too
	b=$(jq -r '.checkin.bad_reading' "$2/bulletin.json")
	case $b in
	'<'*) if grep -F -q "读数待核${b}户" "$2/bulletin.txt"; then ok; else
		bad "$1: the text post does not show bad readings as $b"; fi ;;
	esac
}

sh "$top/share/shequ-daily" "$top/share/examples/sample" "$tmp/demo" >/dev/null 2>&1
if [ -f "$tmp/demo/bulletin.json" ]; then check demo "$tmp/demo"; else bad "demo: no bulletin"; fi

# ---- generated communities ----------------------------------------------
# households buildings seed threshold: one building, two, sixty (of 10 and of
# 4 households: many tiny counts)
for spec in "40 1 1 3" "25 1 2 5" "80 2 3 3" "30 2 4 3" "600 60 5 3" "240 60 6 3" "600 60 7 5"; do
	set -- $spec
	name="n=$1 b=$2 seed=$3 t=$4"
	d=$tmp/g$1-$2-$3
	mkdir -p "$d"
	gen-community -n "$1" -b "$2" -s "$3" -o "$d/in" >/dev/null 2>&1 ||
		{ bad "$name: gen-community failed"; continue; }
	printf 'name = 阳光小区\nthreshold = %s\n' "$4" >"$d/in/community.conf"
	sh "$top/share/shequ-daily" "$d/in" "$d/out" >/dev/null 2>"$d/log"
	if [ -f "$d/out/bulletin.json" ]; then check "$name" "$d/out"; else
		bad "$name: no bulletin"; sed 3q "$d/log"; fi
done

# ---- care (sq-care's summary, sq-report -g): counts of the vulnerable --
# naive: 5 in care, 4 greeted shown exactly beside "<3" to greet: 1
printf 'building,households\n' >"$tmp/none.csv"
cat >"$tmp/care-naive.json" <<EOF
{"threshold": 3, "care": {"households": 5, "paired": 5, "unpaired": "<3",
 "greetings": true, "greeted": 4, "follow_up": "<3", "urgent": "<3",
 "rate": 80, "rate_text": "80%"}}
EOF
if ! dc-check -H "$tmp/none.csv" "$tmp/care-naive.json" >"$tmp/care.out" 2>&1 &&
    grep -q '^PINNED care: follow_up: 1 to 1' "$tmp/care.out"; then ok; else
	bad "care naive: 5 in care, 4 greeted, '<3' to greet passed"; cat "$tmp/care.out"; fi
# the bulletin's care section, tiny counts: households paired greeted urgent
printf 'name = 阳光小区\n' >"$tmp/care.conf"
for spec in "4 3 2 1" "5 5 4 1" "3 2 1 0" "12 11 10 2" "7 6 5 5" "2 2 1 1" "40 39 38 1"; do
	set -- $spec
	printf '{"date": "2022-04-10", "care": {"households": %d, "paired": %d, "unpaired": %d, "greeted": %d, "not_greeted": %d, "urgent": %d, "missed_2_days_or_more": 0, "alarm": {"fall": %d}}}\n' \
	    "$1" "$2" $(($1 - $2)) "$3" $(($1 - $3)) "$4" "$4" >"$tmp/care.json"
	if sq-report -f json -d 2022-04-10 -c "$tmp/care.conf" -g "$tmp/care.json" >"$tmp/care-b.json" 2>"$tmp/care.err" &&
	    dc-check -H "$tmp/none.csv" "$tmp/care-b.json" >"$tmp/care.out" 2>&1; then ok; else
		bad "care $spec: pinned or failed"; cat "$tmp/care.err" "$tmp/care.out"; fi
	if jq -e '.care | has("alarm") or has("not_greeted")' "$tmp/care-b.json" >/dev/null; then
		bad "care $spec: the alarms or not_greeted are published"; else ok; fi
done

# ---- waves (sq-waves' summary, sq-report -T): households not sampled ----
# naive: a building of 40 at 98% beside "<3" still to sample: 1
cat >"$tmp/waves-naive.json" <<EOF
{"threshold": 3, "waves": {"households": 40, "follow_up": "<3", "missed": "<3",
 "partial": "<3", "rate": 98, "rate_text": "98%", "buildings": [{"building": "1",
 "households": 40, "follow_up": "<3", "rate": 98, "rate_text": "98%"}]}}
EOF
if ! dc-check -H "$tmp/none.csv" "$tmp/waves-naive.json" >"$tmp/waves.out" 2>&1 &&
    grep -q '^PINNED waves: building 1: still to sample: 1 to 1' "$tmp/waves.out"; then ok; else
	bad "waves naive: 40 households at 98%, '<3' to sample passed"; cat "$tmp/waves.out"; fi
# the bulletin's waves section, tiny counts: households,missed,partial a building
for spec in "40,1,0 30,0,0" "40,0,1 30,1,1 12,0,0" "5,2,0 6,0,0 7,1,0" "2,1,0" \
    "100,0,1 100,1,0 100,3,0" "3,1,1 4,0,0" "60,2,0 60,0,2 60,1,1 60,4,0"; do
	awk -v spec="$spec" 'BEGIN {
		n = split(spec, b, " ")
		printf "{\"date\": \"2022-04-10\", \"buildings\": ["
		for (i = 1; i <= n; i++) {
			split(b[i], f, ",")
			printf "%s{\"building\": \"%d\", \"households\": %d, \"sampled\": %d, \"partial\": %d, \"missed\": %d}", (i > 1 ? ", " : ""), i, f[1], f[1] - f[2] - f[3], f[3], f[2]
		}
		print "]}"
	}' >"$tmp/waves.json"
	if sq-report -f json -d 2022-04-10 -T "$tmp/waves.json" >"$tmp/waves-b.json" 2>"$tmp/waves.err" &&
	    dc-check -H "$tmp/none.csv" "$tmp/waves-b.json" >"$tmp/waves.out" 2>&1; then ok; else
		bad "waves $spec: pinned or failed"; cat "$tmp/waves.err" "$tmp/waves.out"; fi
	if jq -e '[.waves.buildings[] | has("missed") or has("partial")] | any' "$tmp/waves-b.json" >/dev/null; then
		bad "waves $spec: a building's missed or partial is published"; else ok; fi
done

echo "disclosure: $pass passed, $fail failed"
[ $fail = 0 ]
