#!/bin/sh
# Run the libFuzzer harnesses built into build-fuzz/bin/.
#   sh fuzz/run.sh SECONDS [HARNESS...]
# Each harness runs for SECONDS (one at a time, nice'd: the machine is
# shared) on its corpus in build-fuzz/corpus/NAME, seeded from the tests
# (string tables of the unit tests, the golden cases' inputs, share/) and
# from ../shared/conformance/, which is read in place, never copied.  The
# regression inputs in tests/fuzz-regress/NAME/ are replayed first.
# Findings land in build-fuzz/findings/NAME/, logs in build-fuzz/log/.
# A run of 10 seconds or less (the smoke run of make check) uses a fresh
# corpus in build-fuzz/smoke/NAME, seeds only.  SECONDS=0 only replays the
# seeds and regression inputs.  The last line is "fuzz: N passed, N failed".
# SQ_FUZZ_FLAGS adds libFuzzer flags (e.g. -jobs=2 -workers=2).
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
fb=$top/build-fuzz
conf=$top/../shared/conformance
if [ $# -gt 0 ]; then names=$*; else
	names=$(cd "$fb/bin" 2>/dev/null && ls fuzz_* 2>/dev/null)
fi
pass=0 fail=0

# string literals of a unit test, one seed file each
literals() {
	mkdir -p "$2"
	grep -o '"[^"\\]*"' "$1" | sed 's/^"//; s/"$//' | sort -u |
	awk -v dir="$2" '{ f = sprintf("%s/lit%05d", dir, NR);
	    printf "%s", $0 > f; close(f) }'
}

seeds() {
	s=$fb/seeds/$1
	[ -d "$s" ] && { echo "$s"; return; }
	mkdir -p "$s"
	case $1 in
	fuzz_address) literals "$top/tests/unit/test_address.c" "$s" ;;
	fuzz_value) literals "$top/tests/unit/test_value.c" "$s" ;;
	fuzz_header|fuzz_keywords)
		cp "$top"/share/*.txt "$s"/ 2>/dev/null
		for f in "$top"/tests/cases/*/*.csv "$top"/share/examples/sample/*.csv; do
			[ -f "$f" ] || continue
			head -c 2000 "$f" >"$s/$(basename "$(dirname "$f")")-$(basename "$f")"
		done ;;
	fuzz_match)
		cp "$top/share/skills.txt" "$s/"
		for f in "$top"/tests/cases/sq-match*/*.csv; do
			[ -f "$f" ] || continue
			tr ',' '\n' <"$f" | sort -u | awk -v d="$s" \
			    -v b="$(basename "$(dirname "$f")")" \
			    '{ g = sprintf("%s/%s-%d", d, b, NR); printf "\377%s", $0 > g; close(g) }'
		done
		# the availability forms of the unit test, as cells
		grep -o '"[^"\\]*"' "$top/tests/unit/test_avail.c" | sed 's/^"//; s/"$//' |
		    sort -u | awk -v d="$s" '{ g = sprintf("%s/avail-%d", d, NR);
		    printf "\377%s", $0 > g; close(g) }' ;;
	fuzz_classify)
		r=$top/share/requests/rules.txt
		cp "$r" "$s/"
		# each rule line after the negation words, with a text
		grep -v '^#' "$r" | grep -v '^$' | awk -v d="$s" \
		    -v neg="$(grep '^negate:' "$r")" '{ f = sprintf("%s/line%03d", d, NR);
		    printf "%s\n%s\n\377没有发烧 胸痛 Chest  Pain 买药\n", neg, $0 > f; close(f) }'
		# the first rules with the texts of the golden cases and the sample
		for f in "$top"/tests/cases/sq-requests*/*.csv \
		    "$top"/share/examples/sample/requests.csv "$top"/tests/data/requests*.csv; do
			[ -f "$f" ] || continue
			{ grep -v '^#' "$r" | grep -v '^$' | head -n 20; printf '\377'
			  head -c 2000 "$f"; } >"$s/$(basename "$(dirname "$f")")-$(basename "$f" .csv)"
		done ;;
	fuzz_template)
		# each bulletin alone (the harness's own data), and with the
		# report's data as sq-report -f json prints it, on one line
		ctx=$top/tests/cases/sq-report-json/expout
		for f in "$top"/share/report/*/bulletin.*; do
			b=$s/$(basename "$(dirname "$f")")-$(basename "$f")
			cp "$f" "$b"
			{ cat "$f"; printf '\377'; sed 's/^ *//' "$ctx" | tr -d '\n'; } >"$b-data"
		done ;;
	fuzz_kvconf)
		# the first byte picks the flags: 3 sq-report's, 4 sq-rounds'
		for f in "$top"/share/report/*/words.conf "$top"/tests/cases/*/*.conf; do
			[ -f "$f" ] || continue
			{ printf '\003'; cat "$f"; } >"$s/$(basename "$(dirname "$f")")-$(basename "$f")"
		done
		{ printf '\004'; cat "$top/share/rounds.conf"; } >"$s/rounds.conf"
		{ printf '\007'; cat "$top/share/rounds.conf"; } >"$s/rounds.conf-all" ;;
	fuzz_categories)
		c=$top/share/requests/categories.txt
		cp "$c" "$s/"
		{ cat "$c"; printf '\377'; grep -v '^#' "$top/share/requests/rules.txt" |
		    grep -v '^$' | head -n 20; } >"$s/categories-rules"
		grep -v '^#' "$c" >"$s/categories-bare" ;;
	fuzz_units)
		# the shipped rules and the golden cases', with questions
		for f in "$top/share/stock/units.txt" "$top"/tests/cases/sq-stock*/*units*; do
			[ -f "$f" ] || continue
			b=$s/$(basename "$(dirname "$f")")-$(basename "$f")
			cp "$f" "$b"
			{ cat "$f"; printf '\377口罩 箱 个'; } >"$b-q1"
			{ cat "$f"; printf '\377大米 袋 斤'; } >"$b-q2"
		done ;;
	fuzz_mask)
		# the shipped rules, a few names, each line of the unit test's
		# texts and of the golden cases' requests and notices
		for f in "$top"/tests/cases/sq-requests*/requests.csv \
		    "$top"/tests/cases/*/notices*.txt "$top"/share/examples/sample/requests.csv; do
			[ -f "$f" ] || continue
			{ cat "$top/share/mask.txt"; printf '\377张伟丹\n李秀英\n\377'
			  head -c 1500 "$f"; } >"$s/$(basename "$(dirname "$f")")-$(basename "$f")"
		done
		literals "$top/tests/unit/test_mask.c" "$s/lit"
		for f in "$s"/lit/*; do
			{ cat "$top/share/mask.txt"; printf '\377\377'; cat "$f"; } >"$s/$(basename "$f")"
		done
		rm -rf "$s/lit" ;;
	fuzz_publish)
		# the report's data as sq-report -f json prints it, made raw
		# again by hand: each building's parts under _raw
		for f in "$top"/tests/cases/sq-report*/summary*.json "$top"/tests/cases/sq-report*/*.json; do
			[ -f "$f" ] || continue
			jq -c '{checkin: (.total // .checkin), buildings: [(.buildings // [])[] | {building, _raw: .}]}' "$f" 2>/dev/null |
			    head -c 3000 | { printf '\002'; cat; } >"$s/$(basename "$(dirname "$f")")-$(basename "$f")"
		done ;;
	fuzz_notices)
		# the golden cases' notices files and the sample's
		for f in "$top"/tests/cases/*/notices*.txt "$top"/share/examples/*/notices*.txt; do
			[ -f "$f" ] || continue
			cp "$f" "$s/$(basename "$(dirname "$f")")-$(basename "$f")"
		done ;;
	fuzz_tsplib)
		for f in "$top"/tests/cases/*/*.vrp; do
			cp "$f" "$s/$(basename "$(dirname "$f")").vrp"
		done ;;
	fuzz_xlsx)
		# the golden cases' workbooks, whole (mode 1) and as their parts
		# (mode 0: sheet, strings, styles, workbook, rels, root rels)
		py=$(command -v /usr/bin/python3 || command -v python3)
		for f in "$top"/tests/cases/*/book.txt; do
			[ -f "$f" ] || continue
			b=$s/$(basename "$(dirname "$f")")
			"$top/build/tools/mkbook" "$f" "$b.xlsx" 2>/dev/null || continue
			{ printf '\001'; cat "$b.xlsx"; } >"$b-raw"
			{ printf '\003'; cat "$b.xlsx"; } >"$b-raw-fill"
			[ -n "$py" ] && "$py" "$top/fuzz/xlsx_parts.py" "$b.xlsx" "$b-parts" 2>/dev/null
			rm -f "$b.xlsx"
		done
		printf '\000' >"$s/defaults"
		printf '\002' >"$s/defaults-fill" ;;
	fuzz_reader|fuzz_json)
		for f in "$top"/tests/cases/sq-*/*; do
			case $f in */cmd|*/expout|*/experr|*/rc) continue ;; esac
			[ -f "$f" ] && [ "$(wc -c <"$f")" -lt 100000 ] || continue
			cp "$f" "$s/$(basename "$(dirname "$f")")-$(basename "$f")"
		done ;;
	esac
	echo "$s"
}

# the table readers are slow on big inputs; bugs show on small ones
maxlen() {
	case $1 in
	fuzz_reader|fuzz_json|fuzz_xlsx) echo 8192 ;;
	fuzz_template) echo 16384 ;;	# a bulletin and the report's data
	*) echo 4096 ;;
	esac
}

extra_dirs() {
	case $1 in
	fuzz_reader) [ -d "$conf/csv" ] && echo "$conf/csv" ;;
	fuzz_json) [ -d "$conf/json" ] && echo "$conf/json" ;;
	esac
}

for n in $names; do
	bin=$fb/bin/$n
	[ -x "$bin" ] || { echo "FAIL $n: not built"; fail=$((fail + 1)); continue; }
	corpus=$fb/corpus/$n findings=$fb/findings/$n
	log=$fb/log/$n-${secs}s.log
	# a short run (make check's smoke run) starts from the seeds alone,
	# in a corpus of its own: the same work every time, and no clash
	# with a long run going on
	if [ "$secs" -le 10 ]; then
		corpus=$fb/smoke/$n
		rm -rf "$corpus"
	fi
	mkdir -p "$corpus" "$findings" "$fb/log"
	reg=$top/tests/fuzz-regress/$n
	ok=1
	# 1. regression inputs (each a crash once): must all pass now
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		"$bin" -runs=1 "$reg"/* >"$log" 2>&1 || {
			ok=0; echo "FAIL $n: a regression input fails again"
			tail -30 "$log"; }
	fi
	# 2. the fuzzing itself (the seeds are loaded first, so SECONDS=0
	#    still runs every seed once)
	if [ $ok = 1 ]; then
		if [ "$secs" -gt 0 ]; then t="-max_total_time=$secs"; else t="-runs=0"; fi
		# the smoke run of make check fuzzes from a fixed seed, so that a
		# red check is the same finding on the next run
		[ "$secs" -le 10 ] && t="$t -seed=1"
		# shellcheck disable=SC2046,SC2086
		nice -n 10 "$bin" $t -timeout=10 -rss_limit_mb=2048 \
		    -max_len=$(maxlen "$n") -print_final_stats=1 -close_fd_mask=3 \
		    -artifact_prefix="$findings/" $SQ_FUZZ_FLAGS \
		    "$corpus" "$(seeds "$n")" $(extra_dirs "$n") >"$log" 2>&1 || {
			ok=0; echo "FAIL $n: see $log"
			grep -aE 'ERROR|invariant|round trip|SUMMARY|Test unit written' "$log" | head -10; }
	fi
	execs=$(grep -aEo 'number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
	echo "$n: ${execs:-0} executions in ${secs}s, corpus $(ls "$corpus" | wc -l)"
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail = 0 ]
