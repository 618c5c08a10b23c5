#!/bin/sh
# Property check for sq-waves on generated communities (tools/gen-waves,
# its own seed and shapes) of 3,000 and 30,000 households:
#   the plan: every person called exactly once (each household in one row
#     of its unit and floor, or in one door round by its room), no point
#     sent more people in any minute than its desks sample, the last slot
#     within 15% of the ideal makespan (people / (desks x rate)) plus 10
#     minutes, a door team in one place at a time, the same plan twice,
#     and the NDJSON form read by jq;
#   the missed list: exactly the generator's missed and partial households,
#     its unknown addresses exactly the log rows not in the roster, and the
#     log rows adding up in the summary.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
W=$build/bin/sq-waves
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqwaves.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {	# check LABEL ok|bad [why]
	if [ "$2" = ok ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL waves $1: $3"; fi
}

# every person once: households.csv, door.csv, closed.csv against plan.csv
called_once() {
	awk -F, '
	FILENAME ~ /door.csv$/ { if (FNR > 1) door[$1] = 1; next }
	FILENAME ~ /closed.csv$/ { if (FNR > 1) { b = $1; sub(/号楼/, "", b); closed[$2 "|" b] = 1 }; next }
	FILENAME ~ /households.csv$/ {
		if (FNR == 1) next
		m = $8 == "" ? 1 : $8 + 0
		if (m == 0) next
		n++; key[n] = $1; comm[n] = $2; bld[n] = $3; unit[n] = $4
		room[n] = $5; floor[n] = int($5 / 100); people[n] = m
		isdoor[n] = ($1 in door) || $11 == "true" || $15 == "true" || ((comm[n] "|" $3) in closed)
		next
	}
	FNR == 1 { next }
	{	# plan: building,unit,start,end,households,people,point,door,floors,rooms,slot,team,date,community
		r++; rb[r] = $14 "|" $1 "|" $2; rhh[r] = $5; rp[r] = $6; rdoor[r] = $8 == "true"
		if ($9 == "") { lo[r] = 0; hi[r] = 9999 }
		else { k = split($9, f, "-"); lo[r] = f[1]; hi[r] = k > 1 ? f[2] : f[1] }
		if (rdoor[r]) { k = split($10, rm, ";"); for (j = 1; j <= k; j++) droom[rb[r] "|" rm[j]]++; rrooms[r] = k }
		else { q = ++nq[rb[r]]; qrow[rb[r], q] = r }
	}
	END {
		bad = 0
		for (i = 1; i <= n; i++) {
			u = comm[i] "|" bld[i] "|" unit[i]
			if (isdoor[i]) {
				c = droom[u "|" room[i]] + 0
				if (c != 1) { if (bad++ < 5) print "door household " key[i] " in " c " rounds"; continue }
				dh[u] += 1; dp[u] += people[i]
				continue
			}
			hit = 0
			for (q = 1; q <= nq[u]; q++) {
				x = qrow[u, q]
				if (floor[i] >= lo[x] && floor[i] <= hi[x]) { hit++; got = x }
			}
			if (hit != 1) { if (bad++ < 5) print "household " key[i] " in " hit " call rows"; continue }
			sh[got]++; sp[got] += people[i]
		}
		for (x = 1; x <= r; x++) {
			if (rdoor[x]) { th[rb[x]] += rhh[x]; tp[rb[x]] += rp[x]; if (rrooms[x] != rhh[x]) { bad++; print "door row " x ": rooms and households differ" }; continue }
			if (sh[x] != rhh[x] || sp[x] != rp[x]) { if (bad++ < 5) print "row " x ": " rhh[x] " households, " rp[x] " people; the roster says " sh[x] + 0 ", " sp[x] + 0 }
		}
		for (u in dh) if (th[u] != dh[u] || tp[u] != dp[u]) { if (bad++ < 5) print "door rows of " u " do not add up" }
		exit bad > 0
	}' "$1/door.csv" "$1/closed.csv" "$1/households.csv" "$2"
}

# the desks' rate at every minute, the makespan, the door teams
timing() {
	awk -F, -v day="$3" '
	function minute(d, t) { return (d == day ? 0 : 1440) + substr(t, 1, 2) * 60 + substr(t, 4, 2) }
	FILENAME ~ /points.csv$/ { if (FNR > 1) { per[$1] = $4 * $5; total += $4 * $5 }; next }
	FNR == 1 { next }
	{
		s = minute($13, $3); e = minute($13, $4)
		if (e < s) e += 1440
		if ($8 == "true") {
			t = $12
			if (s < tend[t]) { bad++; print "door team " t " in two places at " $3 }
			tend[t] = e; next
		}
		if (!($7 in per)) { bad++; print "no point " $7; next }
		if (e <= s) { bad++; print "empty slot " $3 "-" $4 }
		for (m = s; m < e; m++) load[$7, m] += $6 / (e - s)
		people += $6
		if (first == "" || s < first) first = s
		if (e > last) last = e
	}
	END {
		for (k in load) {
			split(k, p, SUBSEP)
			if (load[k] > per[p[1]] / 60 + 1e-9) { if (bad++ < 5) printf "point %s at minute %d: %.2f people, desks take %.2f\n", p[1], p[2], load[k], per[p[1]] / 60 }
		}
		ideal = people * 60 / total
		span = last - first
		if (span > ideal * 1.15 + 10) { bad++; printf "makespan %d min, ideal %.1f\n", span, ideal }
		printf "%d people, makespan %d min, ideal %.1f (+%.1f%%)\n", people, span, ideal, 100 * (span - ideal) / ideal > "/dev/stderr"
		exit bad > 0
	}' "$1/points.csv" "$2"
}

run() {	# run N COMMUNITIES SEED TEAMS
	n=$1 c=$2 seed=$3 teams=$4 d=$tmp/w$n-$seed
	label="n=$n seed=$seed"
	rm -rf "$d"
	"$build/tools/gen-waves" -n "$n" -c "$c" -s "$seed" -o "$d" || { check "$label" bad "gen-waves failed"; return; }
	set -- -q -d 2022-04-10 -T "$teams" -p "$d/sites.csv" -P "$d/points.csv" \
	    -e "$d/door.csv" -c "$d/closed.csv" "$d/households.csv"
	"$W" "$@" >"$d/plan.csv" 2>"$d/err" || { check "$label" bad "plan: exit $?: $(head -3 "$d/err")"; return; }
	if msg=$(called_once "$d" "$d/plan.csv"); then check "$label once" ok; else
		check "$label once" bad "$msg"; fi
	if msg=$(timing "$d" "$d/plan.csv" 2022-04-10 2>"$d/timing"); then check "$label rate" ok; else
		check "$label rate" bad "$msg"; fi
	sed "s/^/    $label: /" "$d/timing"
	"$W" "$@" >"$d/plan2.csv" 2>/dev/null
	if cmp -s "$d/plan.csv" "$d/plan2.csv"; then check "$label same" ok; else
		check "$label same" bad "a second run gave another plan"; fi
	if command -v jq >/dev/null 2>&1; then
		rows=$(($(wc -l <"$d/plan.csv") - 1))
		j=$("$W" -o json "$@" 2>/dev/null | jq -s 'length')
		door=$("$W" -o json "$@" 2>/dev/null | jq -r 'select(.door == "true") | .rooms' | wc -l)
		want=$(grep -c ',true,' "$d/plan.csv")
		if [ "$j" = "$rows" ] && [ "$door" = "$want" ]; then check "$label jq" ok; else
			check "$label jq" bad "jq read $j rows ($rows in CSV), $door door rows ($want)"; fi
	else
		echo "SKIP waves $label jq: jq not installed"
	fi
	# who was missed
	"$W" -q -d 2022-04-10 -Y "$d/sum.json" -s "$d/log-door.csv" "$d/households.csv" \
	    "$d"/log-[0-9]*.csv >"$d/missed.csv" 2>"$d/err" || { check "$label missed" bad "exit $?: $(head -3 "$d/err")"; return; }
	awk -F, 'NR > 1 && $7 != "unknown_household" { print $1 "," $7 }' "$d/missed.csv" | sort >"$d/got"
	sed 1d "$d/truth-missed.csv" | sort >"$d/want"
	if cmp -s "$d/want" "$d/got"; then check "$label missed" ok; else
		check "$label missed" bad "$(diff "$d/want" "$d/got" | head -5 | tr '\n' ' ')"; fi
	awk -F, 'NR > 1 && $7 == "unknown_household" { print $13 }' "$d/missed.csv" | sort >"$d/got"
	sed 1d "$d/truth-unknown.csv" | cut -d, -f2 | sort >"$d/want"
	if cmp -s "$d/want" "$d/got"; then check "$label unknown" ok; else
		check "$label unknown" bad "$(diff "$d/want" "$d/got" | head -5 | tr '\n' ' ')"; fi
	rows=0
	for f in "$d"/log-*.csv; do rows=$((rows + $(wc -l <"$f") - 1)); done
	sum=$(jq -r '.logs | "\(.rows) \(.households_rows + .unknown_household + .other_days + .rejected)"' "$d/sum.json" 2>/dev/null)
	if [ "$sum" = "$rows $rows" ]; then check "$label log rows" ok; else
		check "$label log rows" bad "summary says '$sum', the logs have $rows rows"; fi
}

run 3000 1 1 2
run 3000 2 7 3
run 3000 1 2022 2
run 30000 3 11 12
echo "waves: $pass passed, $fail failed"
[ $fail = 0 ]
