#!/bin/sh
# sq-flag on a district no rule was tuned on (issue 14): tools/gen-district
# at N households (seed 9, which no test uses), the check-ins with their
# addresses as residents type them, beside the same job done by gawk (a
# two-file hash join) and sqlite3 (import + LEFT JOIN), both on keys given
# to them (checkins-keyed.csv: each check-in with its 档案号), as an
# export with an id column would have.  Then the same district with 10% of
# the check-ins from flats not in the roster, for sq-flag: the unknown ones
# cost a nearest-household search each.  Every time in one run, best wall
# time of 3; the ratios at the end.
# Usage: sh bench/district.sh [N]   (default 1000000)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
out=$top/bench/out
mkdir -p "$out"
export SHEQU_DATADIR=$top/share LC_ALL=C
bin=$top/build/bin
for u in 0 0.1; do
	d=$out/district-$n-u$u
	if [ ! -f "$d/checkins.csv" ]; then
		echo "generating $n households (unknown $u)..." >&2
		"$top/build/tools/gen-district" -n "$n" -s 9 -u "$u" -k -o "$d" >&2
	fi
	[ -f "$d/households.csv" ] ||
		"$bin/sq-ingest" -q "$d/roster-split.csv" >"$d/households.csv"
done
clean=$out/district-$n-u0
unk=$out/district-$n-u0.1
echo "input: $(($(wc -l <"$clean/households.csv") - 1)) households," \
    "$(($(wc -l <"$clean/checkins.csv") - 1)) check-ins (clean)," \
    "$(($(wc -l <"$unk/checkins.csv") - 1)) (10% unknown)"

measure_w=20
. "$top/bench/measure.sh"

# the roster's 档案号 and the day's highest reading by 档案号: who did not
# report, who had a fever (the temperature cell may end in ℃ or 度)
cat >"$out/district.awk" <<'AWK'
BEGIN { FS = ","; OFS = "," }
NR == FNR { if (FNR > 1 && $1 == "2022-04-10" && (!($2 in t) || $4 + 0 > t[$2])) t[$2] = $4 + 0; next }
$1 !~ /^D[0-9]/ { next }
{ if (!($1 in t)) print $1, "unreported"; else if (t[$1] >= 37.3) print $1, "fever", t[$1] }
AWK
# the roster without its title line, for sqlite3's .import
grep -v '街道居民花名册' "$clean/roster-split.csv" >"$out/district-roster.csv"
cat >"$out/district.sql" <<SQL
.mode csv
.import $out/district-roster.csv households
.import $clean/checkins-keyed.csv checkins
SELECT h."档案号",
  CASE WHEN c.t IS NULL THEN 'unreported' ELSE 'fever' END AS status, c.t
FROM households h
LEFT JOIN (SELECT "档案号" AS id, MAX(CAST(temperature AS REAL)) AS t FROM checkins
           WHERE date = '2022-04-10' GROUP BY "档案号") c ON c.id = h."档案号"
WHERE c.t IS NULL OR c.t >= 37.3;
SQL

echo "tool                 wall (best of 3)  CPU      peak RSS"
measure sq_flag "$bin/sq-flag" -q -d 2022-04-10 "$clean/households.csv" "$clean/checkins.csv"
measure sq_flag_unknown "$bin/sq-flag" -q -d 2022-04-10 "$unk/households.csv" "$unk/checkins.csv"
if command -v gawk >/dev/null; then
	measure gawk gawk -f "$out/district.awk" "$clean/checkins-keyed.csv" "$clean/roster-split.csv"
else echo "gawk: skipped, not installed"; fi
if command -v sqlite3 >/dev/null; then
	measure sqlite3 sh -c "sqlite3 :memory: < '$out/district.sql'"
else echo "sqlite3: skipped, not installed"; fi
for t in gawk sqlite3; do
	eval "v=\${time_$t:-}"
	[ -n "$v" ] && printf 'sq-flag (raw addresses) is %.1fx faster than %s (given keys)\n' \
	    "$(echo "$v / $time_sq_flag" | bc -l)" "$t"
done
printf 'with 10%% unknown check-ins sq-flag takes %.2fx its clean time\n' \
    "$(echo "$time_sq_flag_unknown / $time_sq_flag" | bc -l)"
