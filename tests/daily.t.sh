#!/bin/sh
# shequ-daily day after day, run by the README's own cron line (its
# $(date +%F) answered by the test's day) over the sample community:
#  streak   three good days one at a time (04-08, 04-09, 04-10) give the
#           streaks of the three days' exports read at once (the issue's
#           48 households silent two days, 54 three);
#  five     five days: a good one, one with no check-in export, a good one,
#           one whose export is empty, one whose export is not a table.
#           Each day's exit status, which section its bulletin shows or
#           names as missing (never another day's figures), the streaks of
#           the good day after the missing one (the same as sq-flag over
#           the two exports), every step's summary line in the log;
#  keep     a rerun of a good day whose check-ins are gone: exit 2, the
#           good folder unchanged, the failed run beside it; a rerun of an
#           earlier day leaves the later day's state alone; lists and
#           sheets of a corrected rerun replace the old ones whole;
#  names    exports named as committees name them (花名册.csv,
#           每日健康打卡_20220410.csv, an .xlsx), found by their headers;
#           lists = xlsx in community.conf; --help, --dry-run.
# Usage: sh tests/daily.t.sh BUILD_DIR.  Last line: "daily: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
PATH=$build/bin:$build/tools:$PATH
export LC_ALL TZ SHEQU_DATADIR PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqdaily.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL daily $1"; }
check() { # what, then a command that must succeed
	w=$1; shift
	if "$@"; then ok; else bad "$w"; fi
}
S=$top/share/examples/sample
daily="sh $top/share/shequ-daily"

# The README's cron line, the schedule cut off, /srv/shequ moved here and
# $(date +\%F) the test's day.
cron=$(sed -n 's/^[0-9*, ]* \* \* \*  *shequ-daily /shequ-daily /p' "$top/README.md" | head -n 1)
[ -n "$cron" ] || { bad "no cron line in README.md"; echo "daily: $pass passed, $fail failed"; exit 1; }
case $cron in *" -s "*) ok ;; *) bad "the README's cron line names no state folder (-s)" ;; esac
run_day() { # srv day -> exit status
	line=$(printf '%s\n' "$cron" | sed "s|/srv/shequ|$1|g; s|\\\\%|%|g; s|\$(date +%F)|$2|; s|^shequ-daily|$daily|")
	eval "$line"
}
streaks() { # flags.csv -> "N2 N3": households silent 2 and 3 days
	sq-cat -q -o json "$1" | jq -r 'select(.status == "unreported") | .missed_days' |
	    sort | uniq -c | awk '$2 == 2 { a = $1 } $2 == 3 { b = $1 } END { print a + 0, b + 0 }'
}
reference() { # day checkin files... -> flags.csv of the exports read at once
	d=$1; shift
	sq-ingest -q -O "$tmp/ref-hh.csv" "$S/roster.csv" 2>/dev/null
	sq-flag -q -d "$d" "$tmp/ref-hh.csv" "$@" >"$tmp/ref-flags.csv" 2>/dev/null
	echo "$tmp/ref-flags.csv"
}
today_of() { # srv date files...: today's folder holds these and the roster
	rm -rf "$1/today"; mkdir -p "$1/today"
	cp "$S/roster.csv" "$S/community.conf" "$S/sites.csv" "$1/today/"
	s=$1; shift 2
	for f in "$@"; do cp "$f" "$s/today/"; done
}

# ---- streak: three good days, one at a time ------------------------------
srv=$tmp/srv1
for d in 2022-04-08 2022-04-09 2022-04-10; do
	today_of "$srv" $d "$S/checkins-$d.csv"
	run_day "$srv" $d
	rc=$?
	check "streak $d: exit $rc, expected 1 (the sample's data problems)" [ $rc = 1 ]
done
got=$(streaks "$srv/out/2022-04-10/flags.csv")
want=$(streaks "$(reference 2022-04-10 "$S"/checkins-2022-04-0[89].csv "$S/checkins-2022-04-10.csv")")
check "streak: day by day '$got', all at once '$want'" [ "$got" = "$want" ]
check "streak: 48 silent two days and 54 three, got '$got'" [ "$got" = "48 54" ]
check "streak: one snapshot a day in state/flag" \
    [ "$(ls "$srv/state/flag" | tr '\n' ' ')" = "2022-04-08.csv 2022-04-09.csv 2022-04-10.csv " ]

# ---- five: a good day, no check-ins, a good day, empty, not a table ------
srv=$tmp/srv5
log=$srv/daily.log
mkdir -p "$srv"
today_of "$srv" 2022-04-08 "$S/checkins-2022-04-08.csv"; run_day "$srv" 2022-04-08; rc1=$?
today_of "$srv" 2022-04-09; run_day "$srv" 2022-04-09; rc2=$?
today_of "$srv" 2022-04-10 "$S/checkins-2022-04-10.csv"; run_day "$srv" 2022-04-10; rc3=$?
today_of "$srv" 2022-04-11
head -n 1 "$S/checkins-2022-04-10.csv" >"$srv/today/checkins-2022-04-11.csv"
run_day "$srv" 2022-04-11; rc4=$?
today_of "$srv" 2022-04-12
printf '\211PNG\r\n\032\n\0\0\0\rIHDR garbage' >"$srv/today/每日健康打卡_20220412.csv"
run_day "$srv" 2022-04-12; rc5=$?
check "five: exits $rc1 $rc2 $rc3 $rc4 $rc5, expected 1 2 1 2 2" [ "$rc1 $rc2 $rc3 $rc4 $rc5" = "1 2 1 2 2" ]
o=$srv/out
for d in 2022-04-08 2022-04-10; do
	check "five $d: the check-in figures" grep -q '^全小区[0-9]*户，已报平安' "$o/$d/bulletin.txt"
	check "five $d: a complete run" [ ! -f "$o/$d/.incomplete" ]
done
for d in 2022-04-09:今日未收到打卡数据 2022-04-11:打卡表是空的 2022-04-12:打卡表无法读取; do
	b=$o/${d%%:*}/bulletin.txt
	check "five ${d%%:*}: the bulletin says ${d#*:}" grep -q "${d#*:}" "$b"
	check "five ${d%%:*}: no check-in figure from another day" sh -c "! grep -q '已报平安' '$b'"
	check "five ${d%%:*}: the bulletin is of its day" grep -q "$(echo "${d%%:*}" | awk -F- '{ printf "%d年%d月%d日", $1, $2, $3 }')" "$b"
	check "five ${d%%:*}: no lists, no summary" [ ! -e "$o/${d%%:*}/lists" ] && [ ! -e "$o/${d%%:*}/summary.json" ]
	check "five ${d%%:*}: the json names the missing section" \
	    [ "$(jq -r '.absent[0].section' "$o/${d%%:*}/bulletin.json")" = checkin ]
done
got=$(streaks "$o/2022-04-10/flags.csv")
want=$(streaks "$(reference 2022-04-10 "$S/checkins-2022-04-08.csv" "$S/checkins-2022-04-10.csv")")
check "five: streaks of 04-10 after a day without data '$got', the exports at once '$want'" [ "$got" = "$want" ]
check "five: no snapshot for a day without check-ins" \
    [ "$(ls "$srv/state/flag" | tr '\n' ' ')" = "2022-04-08.csv 2022-04-10.csv " ]
n=$(grep -c '^sq-ingest: 3006 rows read' "$log")
check "five: sq-ingest's summary line in the log each day ($n of 5)" [ "$n" = 5 ]
n=$(grep -c '^sq-flag: 2995 households' "$log")
check "five: sq-flag's summary line in the log each day with check-ins ($n of 2)" [ "$n" = 2 ]
check "five: the log says which file was taken" grep -q 'took .*每日健康打卡\|每日健康打卡_20220412.csv: check-ins, but it cannot be read' "$log"

# ---- keep: a failed rerun, an earlier day rerun, a corrected rerun -------
cp -R "$o/2022-04-10" "$tmp/good"
today_of "$srv" 2022-04-10
run_day "$srv" 2022-04-10; rc=$?
check "keep: a rerun without check-ins exits 2 (got $rc)" [ $rc = 2 ]
check "keep: the good run of 04-10 is unchanged" diff -r "$tmp/good" "$o/2022-04-10"
check "keep: the failed run is beside it" grep -q 今日未收到打卡数据 "$o/2022-04-10.failed/bulletin.txt"
cp "$srv/state/flag/2022-04-10.csv" "$tmp/state-10"
today_of "$srv" 2022-04-08 "$S/checkins-2022-04-08.csv"; run_day "$srv" 2022-04-08
check "keep: rerunning 04-08 leaves the state of 04-10 alone" cmp -s "$tmp/state-10" "$srv/state/flag/2022-04-10.csv"
# a corrected export: a grid worker renamed; the old list must go
today_of "$srv" 2022-04-10 "$S/checkins-2022-04-10.csv"
run_day "$srv" 2022-04-10; rc=$?
check "keep: the corrected rerun replaces the failed one (exit $rc)" [ $rc = 1 ] && [ ! -e "$o/2022-04-10.failed" ]
touch "$o/2022-04-10/lists/网格9-待跟进-2022-04-09.csv"
run_day "$srv" 2022-04-10
check "keep: no list of an earlier run stays in lists/" [ ! -e "$o/2022-04-10/lists/网格9-待跟进-2022-04-09.csv" ]

# ---- names: exports as committees name them -----------------------------
srv=$tmp/srvn
mkdir -p "$srv/today"
sq-cat -q -O "$srv/today/花名册.xlsx" -o xlsx "$S/roster.csv" 2>/dev/null
cp "$S/checkins-2022-04-10.csv" "$srv/today/每日健康打卡_20220410.csv"
cp "$S/checkins-2022-04-09.csv" "$srv/today/每日健康打卡_20220409.csv"
printf 'name = 阳光小区\nlists = xlsx\n' >"$srv/today/community.conf"
$daily -s "$srv/state" "$srv/today" "$srv/out" 2>"$srv/log"; rc=$?
check "names: exit $rc, expected 1" [ $rc = 1 ]
check "names: the day from the check-ins' names" [ -f "$srv/out/bulletin-2022-04-10.txt" ]
check "names: 花名册.xlsx taken for the roster" grep -q 'took .*花名册.xlsx for the roster' "$srv/log"
check "names: lists = xlsx writes the lists as .xlsx" sh -c "ls '$srv/out/lists/'*.xlsx >/dev/null 2>&1"
check "names: 04-09's export is history, not today" grep -q '^sq-flag: 2995 households, 2724 reported on 2022-04-10' "$srv/log"
$daily --help >"$tmp/help" 2>&1; rc=$?
check "names: --help exits 0 and shows the usage" [ $rc = 0 ] && grep -q '^usage: shequ-daily' "$tmp/help"
v=$($daily --version 2>&1); rc=$?
check "names: --version exits 0 with the toolkit's version" [ "$rc $v" = "0 shequ-daily (shequ) $(sq-cat --version | sed 's/.* //')" ]
$daily -n -s "$srv/state2" "$srv/today" "$srv/dry" >"$tmp/dry" 2>&1; rc=$?
check "names: --dry-run exits 0, writes nothing" [ $rc = 0 ] && [ ! -e "$srv/dry" ] && [ ! -e "$srv/state2" ]
check "names: --dry-run says what it takes" grep -q '^roster: .*花名册.xlsx' "$tmp/dry"

echo "daily: $pass passed, $fail failed"
[ $fail = 0 ]
