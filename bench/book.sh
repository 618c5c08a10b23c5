#!/bin/sh
# bench/book.sh — reading a big .xlsx: sq-cat against csvkit's in2csv (the
# tool a csvkit user runs on a workbook), side by side, and writing one
# with sq-cat -o xlsx.
#
#   sh bench/book.sh            (make bench-book)
#
# tools/mkbook makes a roster of SQ_BENCH_BOOK_ROWS (default 1,000,000)
# households with libxlsxwriter, shared strings as Excel writes them:
# 楼号, 单元 (number), 室, 户主, 联系电话 (a number), 人口, 登记日期 (a date),
# 备注; its own seed (SQ_BENCH_BOOK_SEED, default 7), no test uses it.
# Each reader converts it to CSV into a file under `/usr/bin/time`; the best
# wall time of SQ_BENCH_RUNS runs (default 3; in2csv runs once, it is slow)
# is kept with its CPU time (user + system: on a shared machine the wall
# time waits for other work) and the largest resident set size.  The two
# CSVs are then compared: the same bytes, or the values that differ counted
# by column.  See bench/README.
set -u
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$top" || exit 2
export LC_ALL=C
B=${B:-build}
N=${SQ_BENCH_BOOK_ROWS:-1000000}
SEED=${SQ_BENCH_BOOK_SEED:-7}
RUNS=${SQ_BENCH_RUNS:-3}
NICE=${SQ_BENCH_NICE:-10}
out=bench/out/book-$N
mkdir -p "$out" || exit 2
make -s B="$B" all >/dev/null || { echo "bench: the build failed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time)" >&2; exit 2; }

book=$out/roster.xlsx
if [ ! -f "$book" ] || [ tools/mkbook.c -nt "$book" ]; then
	echo "making $book ($N rows, seed $SEED) ..."
	"$B/tools/mkbook" -r "$N" -s "$SEED" "$book" || exit 2
fi
echo "workbook: $book, $(wc -c <"$book") bytes"

# run NAME RUNS command...: best wall, its CPU, the largest RSS
run() {
	name=$1 n=$2
	shift 2
	best= cpu= rss=0
	i=0
	while [ $i -lt "$n" ]; do
		nice -n "$NICE" /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" \
		    >"$out/$name.csv" 2>"$out/$name.err" || {
			echo "$name: failed: $(tail -2 "$out/$name.err")"; return 1; }
		read -r w u s m <"$out/time"
		c=$(echo "$u + $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$w < $best" | bc)" = 1 ]; then
			best=$w cpu=$c
		fi
		[ "$m" -gt "$rss" ] && rss=$m
		i=$((i + 1))
	done
	printf '%-10s wall %8.2f s   cpu %8.2f s   max RSS %8d KB\n' "$name" \
	    "$best" "$cpu" "$rss"
	eval "${name}_wall=$best ${name}_cpu=$cpu"
}

run sqcat "$RUNS" "$B/bin/sq-cat" "$book" || exit 1
if command -v in2csv >/dev/null 2>&1; then
	run in2csv 1 in2csv "$book" || exit 1
	printf 'in2csv / sq-cat: wall %.1fx, cpu %.1fx\n' \
	    "$(echo "$in2csv_wall / $sqcat_wall" | bc -l)" \
	    "$(echo "$in2csv_cpu / $sqcat_cpu" | bc -l)"
	a=$(wc -l <"$out/sqcat.csv") b=$(wc -l <"$out/in2csv.csv")
	echo "rows: sq-cat $a lines, in2csv $b lines"
	if cmp -s "$out/sqcat.csv" "$out/in2csv.csv"; then
		echo "the two CSVs are the same, byte for byte"
	else
		# the values that differ, by column (values hold no tab here)
		paste "$out/sqcat.csv" "$out/in2csv.csv" | head -n 100000 |
		    awk -F '\t' 'NR == 1 { split($1, h, ",") }
		    { n = split($1, x, ","); split($2, y, ",")
		      for (i = 1; i <= n; i++) if (x[i] != y[i]) { d[i]++; ex[i] = x[i] " / " y[i] } }
		    END { for (i in d) printf "  column %s differs in %d of the first 100000 rows, e.g. %s\n", h[i], d[i], ex[i] }'
	fi
else
	echo "in2csv: skipped (apt-get install csvkit)"
fi

# writing: the CSV back as a workbook
run write "$RUNS" "$B/bin/sq-cat" -o xlsx -O "$out/written.xlsx" "$out/sqcat.csv" || exit 1
echo "written: $out/written.xlsx, $(wc -c <"$out/written.xlsx") bytes"
