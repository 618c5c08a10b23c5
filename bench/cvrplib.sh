#!/bin/sh
# Benchmark sq-rounds on the CVRPLIB instances in ../shared/cvrplib: the gap
# of each plan to the best-known cost (BKS.csv), and the mean gap per set.
#
#   sh bench/cvrplib.sh [BUILD_DIR] [SET...]      (default: build, A B P X)
#
# A, B and P run with --time 1 and --vehicles k (the k in the name: their
# best-known costs assume k routes); X runs with --time 10 and a free fleet.
# TIME_ABP, TIME_X and SEED override.  Gap = 100 * (cost - bks) / bks.
# The cost is the one sq-rounds reports on stderr (CVRPLIB rounding), which
# it has checked against the plan (every customer once, capacities).
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$top/$build ;; esac
sets=${*:-A B P X}
data=${SQ_SHARED:-$top/../shared}/cvrplib
bin=$build/bin/sq-rounds
if [ ! -f "$data/BKS.csv" ]; then
	echo "SKIP cvrplib: no instances in $data (see ../shared/cvrplib)"
	exit 0
fi
[ -x "$bin" ] || { echo "no $bin: run make first" >&2; exit 2; }
seed=${SEED:-1}
res=$(mktemp "${TMPDIR:-/tmp}/sqbench.XXXXXX") || exit 2
trap 'rm -f "$res"' EXIT INT TERM
printf '%-4s %-14s %5s %8s %8s %7s %6s\n' set instance n cost bks gap% secs
for set in $sets; do
	for f in "$data/$set"/*.vrp; do
		[ -f "$f" ] || continue
		name=$(basename "$f" .vrp)
		line=$(grep "^$name," "$data/BKS.csv")
		[ -n "$line" ] || continue
		bks=$(echo "$line" | cut -d, -f4)
		n=$(echo "$line" | cut -d, -f2)
		if [ "$set" = X ]; then
			opts="--time ${TIME_X:-10}"
		else
			opts="--time ${TIME_ABP:-1} --vehicles ${name##*-k}"
		fi
		t0=$(date +%s.%N)
		cost=$("$bin" --seed "$seed" $opts --tsplib "$f" 2>&1 >/dev/null |
		    sed -n 's/.* cost \([0-9]*\) .*/\1/p')
		t1=$(date +%s.%N)
		[ -n "$cost" ] || cost=NA
		echo "$set $name $n $cost $bks $t0 $t1" |
		    awk '{ gap = $4 == "NA" ? "NA" : sprintf("%.3f", 100 * ($4 - $5) / $5)
			   printf "%-4s %-14s %5d %8s %8d %7s %6.2f\n", $1, $2, $3, $4, $5, gap, $7 - $6 }' |
		    tee -a "$res"
	done
done
echo
awk '{ if ($6 == "NA") { na[$1]++; next }
       s[$1] += $6; t[$1] += $7; c[$1]++ }
     END { for (k in c) printf "set %s: %d instances, mean gap %.3f%%, mean time %.2f s%s\n",
		k, c[k], s[k] / c[k], t[k] / c[k], na[k] ? sprintf(", %d failed", na[k]) : "" }' "$res" | sort
