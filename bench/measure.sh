# measure NAME COMMAND... — sourced by the bench scripts that time a
# command three times: the best wall time, with its CPU time and peak RSS,
# and the rows it wrote (its output is kept in $out/NAME.out).  Sets
# time_NAME to the best wall time, for the ratios.  $measure_w is the width
# of the name column (default 17).
measure() {
	name=$1; shift
	best=""; rss=""
	for run in 1 2 3; do
		/usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" >"$out/$name.out" 2>/dev/null
		t=$(cut -d' ' -f1 "$out/time.txt"); m=$(cut -d' ' -f2 "$out/time.txt")
		c=$(awk '{ print $3 + $4 }' "$out/time.txt")
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; rss=$m; cpu=$c; fi
	done
	printf "%-${measure_w:-17}s %8.2f s %8.2f s CPU %6d MB %8d rows out\n" "$name" "$best" "$cpu" "$((rss / 1024))" "$(($(wc -l <"$out/$name.out") - 1))"
	eval "time_$name=$best"
}
