#!/bin/sh
# sq-flag on a district of 1,000,000 households and a day of check-ins,
# side by side with the same job in sqlite3 (import + LEFT JOIN), gawk
# (two-file hash join) and Miller (join --np --ul, then filter).
# Each tool reads the same two CSV files and writes the households that did
# not report or had a fever (>= 37.3).  sq-flag and gawk run again on the
# check-ins shuffled, as a form's export comes (in the order people sent
# them): the roster's order lets the cache guess, real exports do not.
# Usage: sh bench/flag.sh [N]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
out=$top/bench/out
mkdir -p "$out"
export SHEQU_DATADIR=$top/share LC_ALL=C
bin=$top/build/bin
hh=$out/flag-households-$n.csv
ci=$out/flag-checkins-$n.csv
if [ ! -f "$hh" ] || [ ! -f "$ci" ]; then
	echo "generating $n households and their check-ins..." >&2
	awk -v n="$n" -v hh="$hh" -v ci="$ci" 'BEGIN {
		srand(7)
		print "hh,community,building,unit,room,name,phone,members,elderly_alone,chronic,disabled,pregnant,infant,grid" > hh
		print "date,hh,name,temperature,symptoms,time" > ci
		for (i = 0; i < n; i++) {
			c = int(i / 5000); b = 1 + int((i % 5000) / 100); u = 1 + int((i % 100) / 50); r = 101 + i % 50
			key = sprintf("C%08x-B%04d-U%02d-R%04d", c, b, u, r)
			printf "%s,c%d,%d,%d,%d,p%d,1%010d,3,%s,,,,,g%d\n", key, c, b, u, r, i, i, (i % 31 == 0 ? "true" : ""), b % 10 > hh
			if (rand() < 0.9)
				printf "2022-04-10,%s,p%d,%.1f,否,08:%02d\n", key, i, (rand() < 0.005 ? 38.2 : 36.5), i % 60 > ci
		}
	}'
fi
# real exports come in the order people sent them, not the roster's
shuf=$out/flag-checkins-$n-shuffled.csv
if [ ! -f "$shuf" ]; then
	{ head -1 "$ci"; tail -n +2 "$ci" | awk 'BEGIN { srand(11) } { print rand() "\t" $0 }' |
	    sort -k1,1 | cut -f2-; } >"$shuf"
fi
mb=$(( ( $(wc -c <"$hh") + $(wc -c <"$ci") ) / 1048576 ))
echo "input: $(($(wc -l <"$hh") - 1)) households, $(($(wc -l <"$ci") - 1)) check-ins, $mb MB"

. "$top/bench/measure.sh"

cat >"$out/flag.sql" <<SQL
.mode csv
.import $hh households
.import $ci checkins
SELECT h.hh, h.grid,
  CASE WHEN c.t IS NULL THEN 'unreported' ELSE 'fever' END AS status, c.t
FROM households h
LEFT JOIN (SELECT hh, MAX(CAST(temperature AS REAL)) AS t FROM checkins
           WHERE date = '2022-04-10' GROUP BY hh) c ON c.hh = h.hh
WHERE c.t IS NULL OR c.t >= 37.3
ORDER BY h.grid, h.hh;
SQL
cat >"$out/flag.awk" <<'AWK'
BEGIN { FS = ","; OFS = "," }
FNR == 1 { next }
NR == FNR { if ($1 == "2022-04-10" && (!($2 in t) || $4 + 0 > t[$2])) t[$2] = $4 + 0; next }
{ if (!($1 in t)) print $1, $14, "unreported"; else if (t[$1] >= 37.3) print $1, $14, "fever", t[$1] }
AWK

echo "tool                wall (best of 3)  CPU      peak RSS"
measure sq_flag "$bin/sq-flag" -q -d 2022-04-10 "$hh" "$ci"
measure sq_flag_shuffled "$bin/sq-flag" -q -d 2022-04-10 "$hh" "$shuf"
if command -v sqlite3 >/dev/null; then
	measure sqlite3 sh -c "sqlite3 :memory: < '$out/flag.sql'"
else echo "sqlite3: skipped, not installed"; fi
if command -v gawk >/dev/null; then
	measure gawk gawk -f "$out/flag.awk" "$ci" "$hh"
else echo "gawk: skipped, not installed"; fi
if command -v gawk >/dev/null; then
	measure gawk_shuffled gawk -f "$out/flag.awk" "$shuf" "$hh"
fi
if command -v mlr >/dev/null; then
	measure mlr mlr --icsv --ocsv join --ur -j hh -f "$ci" then filter 'is_absent($temperature) || $temperature >= 37.3' "$hh"
else echo "mlr: skipped, not installed"; fi
for t in sqlite3 gawk mlr; do
	eval "v=\${time_$t:-}"
	[ -n "$v" ] && printf 'sq-flag is %.1fx faster than %s\n' "$(echo "$v / $time_sq_flag" | bc -l)" "$t"
done
if [ -n "${time_gawk_shuffled:-}" ]; then
	printf 'check-ins in random order: sq-flag is %.1fx faster than gawk\n' \
	    "$(echo "$time_gawk_shuffled / $time_sq_flag_shuffled" | bc -l)"
fi
