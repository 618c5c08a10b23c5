#!/bin/sh
# Conservation for sq-ingest on generated rosters with injected defects:
# N good households, D duplicate rows (same address, another form), B rows
# with an address that cannot be read, Q rows with a stray quote, a totals
# row and a repeated header.  sq-ingest must write exactly N households,
# merge exactly D rows and reject exactly B + Q + 1 rows (the totals row),
# say so on stderr (rows read = written + merged + rejected), and put every
# rejected row in the rejects file with its line.  Several seeds.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqingest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {
	if [ "$2" = "$3" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL ingest seed $1: $4: got $2, want $3"; fi
}
for seed in 1 2 3 4 5; do
	rm -f "$tmp"/*
	awk -v seed=$seed -v dir="$tmp" 'BEGIN {
		srand(seed); n = 300 + int(rand() * 300)
		f = dir "/roster.csv"
		print "小区,地址,户主姓名,联系电话,家庭人数,慢性病,网格员" > f
		d = 0; b = 0; q = 0
		for (i = 0; i < n; i++) {
			bl = 1 + int(i / 40); u = 1 + int((i % 40) / 20); r = 101 + (i % 20)
			form = int(rand() * 3)
			addr = form == 0 ? bl "-" u "-" r : form == 1 ? bl "号楼" u "单元" r "室" : bl "栋" u "单元" r
			print "阳光小区," addr ",p" i ",1380000" sprintf("%04d", i) ",3,否,g" bl > f
			x = rand()
			if (x < 0.05) { print "阳光小区," bl "-" u "-" r ",p" i ",,3,是,g" bl > f; d++ }
			else if (x < 0.08) { print "阳光小区,某某路,x" i ",13800000000,2,否,g1" > f; b++ }
			else if (x < 0.10) { print "阳光小区,9-9-9" i ",a\"b,13800000000,2,否,g1" > f; q++ }
			if (i == int(n / 2))
				print "小区,地址,户主姓名,联系电话,家庭人数,慢性病,网格员" > f
		}
		print "合计,,," n ",,," > f
		print n, d, b + q + 1 > (dir "/truth")
	}'
	set -- $(cat "$tmp/truth")
	n=$1 d=$2 r=$3
	"$build/bin/sq-ingest" -R "$tmp/rej.csv" "$tmp/roster.csv" >"$tmp/out.csv" 2>"$tmp/err"
	got_n=$(($(wc -l <"$tmp/out.csv") - 1))
	check $seed "$got_n" "$n" "households written"
	summary=$(grep ' rows read: ' "$tmp/err")
	set -- $(echo "$summary" | sed 's/[^0-9 ]//g')
	check $seed "$1" "$((n + d + r))" "rows read in '$summary'"
	check $seed "$2 $3 $4" "$n $d $r" "written merged rejected in '$summary'"
	check $seed "$(($(wc -l <"$tmp/rej.csv") - 1))" "$r" "rows in the rejects file"
done
echo "ingest: $pass passed, $fail failed"
[ $fail = 0 ]
