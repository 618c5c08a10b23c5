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
#           lists = xlsx in community.conf; --help, --dry-run;
#  waves    a testing day of gen-waves (its truth: who was missed):
#           waves.conf, testing points, door and closure lists, three
#           sampling logs (by header and by name): the 核酸 section, the
#           missed list = the truth, one 漏采 list per grid worker, a
#           notice per building; a corrected rerun replaces the lists whole;
#           a testing-only day with an empty log: exit 2, both named;
#  care     the sample's carers: pairs kept in the state folder and taken
#           (-k) the next day, the greetings against gen-care's truth with
#           the day before's streaks, care hours in sq-match's time bank,
#           an earlier day's rerun leaves the later state alone, an empty
#           greeting log said (exit 2);
#  gone     a household whose roster row is rejected one day keeps its
#           silent days (a warning said); one the roster's 迁出日期 says
#           has left is no longer followed up, its history closed;
#  plan     the delivery plan kept in the state folder: a rerun of the day
#           from the same orders, sites and roster hands out the plan
#           already made (not planned again, its summary in the log);
#           changed orders plan again; a failed rerun leaves the kept plan
#           and the good run alone; another day's plan is its own; the
#           orders gone, a rerun publishes no plan (no 今日计划…趟 left);
#  roster   a 0-byte roster export: exit 2, said; the last good roster
#           (state/households/) is used, never replaced by an empty one,
#           sq-flag counts today's check-ins with it, the earlier day's
#           folder unchanged; no roster ever received: exit 2, the
#           bulletin says so (今日未收到花名册), no figure;
#  undated  a check-in export whose name has no date (打卡.csv): its rows
#           count for the day they carry, the day from the folder's name.
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
check "names: --help makes no folder (no mkdir error)" sh -c "! grep -q 'mkdir:' '$tmp/help'"
check "names: shequ-daily(1) is there" [ -s "$top/man/man1/shequ-daily.1" ]
v=$($daily --version 2>&1); rc=$?
check "names: --version exits 0 with the toolkit's version" [ "$rc $v" = "0 shequ-daily (shequ) $(sq-cat --version | sed 's/.* //')" ]
$daily -n -s "$srv/state2" "$srv/today" "$srv/dry" >"$tmp/dry" 2>&1; rc=$?
check "names: --dry-run exits 0, writes nothing" [ $rc = 0 ] && [ ! -e "$srv/dry" ] && [ ! -e "$srv/state2" ]
check "names: --dry-run says what it takes" grep -q '^roster: .*花名册.xlsx' "$tmp/dry"

# ---- waves: a testing day, with its plan and its sampling logs ----------
# A community of gen-waves (its truth: who was missed): the roster as an
# export (no hh column), the testing points and the door and closure lists,
# waves.conf, three sampling logs (one found by its header, two by their
# names: they have no testing point column), and every household's check-in.
srv=$tmp/srvw
log=$srv/daily.log
gen-waves -n 1500 -s 5 -o "$tmp/gw" >/dev/null 2>&1 || bad "waves: gen-waves failed"
G=$tmp/gw
waves_day() { # srv date: today's folder of the testing day
	rm -rf "$1/today"; mkdir -p "$1/today"
	cut -d, -f2- "$G/households.csv" >"$1/today/花名册.csv"
	cp "$G/sites.csv" "$G/points.csv" "$G/door.csv" "$G/closed.csv" "$1/today/"
	printf 'start = 07:30\n' >"$1/today/waves.conf"
	awk -F, -v d="$2" 'NR == 1 { print "提交时间,小区,地址,姓名,体温,是否有症状" }
	    NR > 1 { printf "%s 6:%02d,%s,%s-%s-%s,%s,36.%d,否\n", d, NR % 60, $2, $3, $4, $5, $6, NR % 9 }' \
	    "$G/households.csv" >"$1/today/checkins-$2.csv"
}
hh_of() { # a table -> its hh column, sorted (one-unit buildings: unit 1)
	sq-cat -q -o json "$@" | jq -r '.hh // .["户号"]' | sed 's/-U00-/-U01-/' | sort
}
waves_day "$srv" 2022-04-10
cp "$G/log-01.csv" "$srv/today/"
cp "$G/log-02.csv" "$srv/today/采样-02.csv"
cp "$G/log-door.csv" "$srv/today/sampling-door.csv"
run_day "$srv" 2022-04-10; rc=$?
o=$srv/out/2022-04-10
check "waves: a testing day exits 0 (got $rc)" [ $rc = 0 ]
check "waves: the bulletin has the 核酸 section" grep -q '^■ 核酸检测' "$o/bulletin.txt"
check "waves: the bulletin gives the plan's hours" grep -q '^今日07:30起逐栋下楼采样' "$o/bulletin.txt"
check "waves: the bulletin gives the sampling rate" grep -q '^应采[0-9]*户，全户已采' "$o/bulletin.txt"
check "waves: the check-ins are there too" grep -q '^全小区1500户，已报平安' "$o/bulletin.txt"
check "waves: the json has the section" [ "$(jq -r '.waves.households' "$o/bulletin.json")" != null ]
for f in log-01.csv 采样-02.csv sampling-door.csv; do
	check "waves: $f taken for a sampling log" grep -q "took .*/$f for a sampling log" "$log"
done
check "waves: points.csv taken for the testing points" grep -q 'took .*points.csv for the testing points' "$log"
check "waves: the roster is not a sampling log's" grep -q 'took .*花名册.csv for the roster (1500 rows)' "$log"
n=$(grep -c '^sq-waves: 1500 households, [0-9]* people; called' "$log")
check "waves: the plan's summary line in the log ($n)" [ "$n" = 1 ]
n=$(grep -c '^sq-waves: [0-9]* households: [0-9]* sampled' "$log")
check "waves: the missed list's summary line in the log ($n)" [ "$n" = 1 ]
tail -n +2 "$G/truth-missed.csv" | cut -d, -f1 | sort >"$tmp/want-missed"
sq-cat -q -o json "$o/missed.csv" | jq -r 'select(.status != "unknown_household") | .hh' |
    sed 's/-U00-/-U01-/' | sort >"$tmp/got-missed"
check "waves: the missed list is the generator's truth ($(wc -l <"$tmp/got-missed") of $(wc -l <"$tmp/want-missed"))" \
    cmp -s "$tmp/got-missed" "$tmp/want-missed"
grids=$(sq-cat -q -o json "$o/missed.csv" | jq -r '.grid' | sort -u | wc -l)
n=$(ls "$o/lists" | grep -c -- '-漏采-2022-04-10\.csv$')
check "waves: one 漏采 list per grid worker ($n lists, $grids grid workers)" [ "$n" = "$grids" ] && [ "$n" -gt 1 ]
hh_of "$o/missed.csv" >"$tmp/a"; hh_of "$o/lists/"*-漏采-* >"$tmp/b"
check "waves: the lists hold every row of the missed list" cmp -s "$tmp/a" "$tmp/b"
for f in "$o/lists/"*-漏采-*; do
	g=${f##*/}; g=${g%%-漏采-*}
	m=$(sq-cat -q -o json "$f" | jq -r '.grid // .["网格员"]' | sort -u | tr '\n' ' ')
	[ "$m" = "$g " ] || bad "waves: $f holds the households of '$m'"
done
b=$(sq-cat -q -o json "$o/waves-plan.csv" | jq -r '.building' | sort -u | wc -l)
n=$(ls "$o/notices" | wc -l)
check "waves: one 楼组长 notice per building called ($n of $b)" [ "$n" = "$b" ] && [ "$n" -gt 1 ]
# a corrected set: one log less; the lists are the new ones, whole
touch "$o/lists/网格9-漏采-2022-04-09.csv"
rm "$srv/today/log-01.csv"
run_day "$srv" 2022-04-10; rc=$?
check "waves: the rerun exits 0 (got $rc)" [ $rc = 0 ]
check "waves: no list of the earlier run stays" [ ! -e "$o/lists/网格9-漏采-2022-04-09.csv" ]
hh_of "$o/missed.csv" >"$tmp/a2"; hh_of "$o/lists/"*-漏采-* >"$tmp/b2"
check "waves: the rerun's lists are its missed list ($(wc -l <"$tmp/a2") rows, $(wc -l <"$tmp/a") before)" \
    cmp -s "$tmp/a2" "$tmp/b2" && [ "$(wc -l <"$tmp/a2")" -gt "$(wc -l <"$tmp/a")" ]
# a testing-only day: the plan and an empty sampling log, no check-ins
waves_day "$srv" 2022-04-11
rm "$srv/today/checkins-2022-04-11.csv" "$srv/today/points.csv"
head -n 1 "$G/log-01.csv" >"$srv/today/采样-01.csv"
run_day "$srv" 2022-04-11; rc=$?
o=$srv/out/2022-04-11
check "waves: a testing-only day exits 2, the check-ins missing (got $rc)" [ $rc = 2 ]
check "waves: the testing-only day has its bulletin" [ -f "$o/bulletin-2022-04-11.txt" ]
check "waves: it says the check-ins are missing" grep -q 今日未收到打卡数据 "$o/bulletin.txt"
check "waves: it gives the plan" grep -q '^今日07:30起逐栋下楼采样' "$o/bulletin.txt"
check "waves: it says the sampling log is empty" grep -q 今日收到的采样记录是空的 "$o/bulletin.txt"
check "waves: no rate from another day" sh -c "! grep -q '全户已采' '$o/bulletin.txt'" && [ ! -e "$o/waves.json" ]
check "waves: the json names the missing section" \
    [ "$(jq -r '[.absent[].section] | join(" ")' "$o/bulletin.json")" = "checkin waves" ]
check "waves: the plan from waves.conf alone" [ -s "$o/waves-plan.csv" ]

# ---- care: the pairs kept from day to day, the greetings -----------------
# The sample's volunteers and households in care: 04-09 pairs them; the
# greeting logs of 04-09 and 04-10 (gen-care, from those pairs) are then
# dropped in; 04-10 keeps 04-09's pairs (-k from the state folder), checks
# the greetings with 04-09's streaks and adds the hours to sq-match's.
srv=$tmp/srvc
log=$srv/daily.log
care_day() { # srv date greeting-log...
	today_of "$1" "$2" "$S/checkins-$2.csv" "$S/volunteers.csv" "$S/posts.csv"
	s=$1 d=$2; shift 2
	for f in "$@"; do cp "$f" "$s/today/问候-$d.csv"; done
}
care_day "$srv" 2022-04-09
run_day "$srv" 2022-04-09; rc=$?
check "care: 04-09 exits 1 (got $rc)" [ $rc = 1 ]
check "care: the pairs kept in the state folder" cmp -s "$srv/out/2022-04-09/pairs.csv" "$srv/state/care/2022-04-09.csv"
check "care: sq-care's summary line in the log" grep -q '^sq-care: 2995 household rows read: 282 need a carer' "$log"
mkdir -p "$tmp/gc"
gen-care log -s 3 -D 2 -d 2022-04-09 "$srv/state/care/2022-04-09.csv" "$tmp/gc" >/dev/null 2>&1 ||
    bad "care: gen-care log failed"
care_day "$srv" 2022-04-09 "$tmp/gc/log-2022-04-09.csv"
run_day "$srv" 2022-04-09; rc=$?
check "care: 04-09 with its greetings exits 1 (got $rc)" [ $rc = 1 ]
check "care: the rerun pairs the same" cmp -s "$srv/out/2022-04-09/pairs.csv" "$srv/state/care/2022-04-09.csv"
care_day "$srv" 2022-04-10 "$tmp/gc/log-2022-04-10.csv"
run_day "$srv" 2022-04-10; rc=$?
o=$srv/out/2022-04-10
check "care: 04-10 exits 1 (got $rc)" [ $rc = 1 ]
check "care: 04-10 keeps 04-09's pairs" grep -q '^sq-care: kept 282 pairs of 282 rows in .*/state/care/2022-04-09.csv' "$log"
awk -F, 'NR > 1 { print $1 "," $13 "," $15 "," $14 }' "$o/greetings.csv" | sort >"$tmp/got-g"
awk -F, 'NR > 1 && $2 != "greeted"' "$tmp/gc/truth-2022-04-10.csv" | sort >"$tmp/want-g"
check "care: who was not greeted, and for how many days, is the truth ($(wc -l <"$tmp/want-g"))" \
    cmp -s "$tmp/got-g" "$tmp/want-g"
check "care: the bulletin has the care section" grep -q '^今日已问候[0-9]*户' "$o/bulletin.txt"
check "care: the care hours in sq-match's time bank" \
    [ "$(sq-cat -q -o json "$o/hours.csv" | jq -s '[.[] | .care_hours | tonumber] | add > 0')" = true ]
check "care: the greeting lists beside the follow-up lists" \
    sh -c "ls '$o/lists/' | grep -q '^未问候-' && ls '$o/lists/' | grep -q -- '-待跟进-'"
check "care: the greeting streaks kept" [ -s "$srv/state/greet/2022-04-10.csv" ]
cp "$srv/state/care/2022-04-10.csv" "$tmp/care-10"; cp "$srv/state/greet/2022-04-10.csv" "$tmp/greet-10"
care_day "$srv" 2022-04-09 "$tmp/gc/log-2022-04-09.csv"
run_day "$srv" 2022-04-09
check "care: rerunning 04-09 leaves 04-10's pairs and streaks alone" \
    cmp -s "$tmp/care-10" "$srv/state/care/2022-04-10.csv" && cmp -s "$tmp/greet-10" "$srv/state/greet/2022-04-10.csv"
# an empty greeting log: said, not another day's figures
care_day "$srv" 2022-04-10
rm "$srv/today/checkins-2022-04-10.csv"
sed 's|2022/4/10|2022/4/11|' "$S/checkins-2022-04-10.csv" >"$srv/today/checkins-2022-04-11.csv"
head -n 1 "$tmp/gc/log-2022-04-10.csv" >"$srv/today/问候-2022-04-11.csv"
run_day "$srv" 2022-04-11; rc=$?
check "care: an empty greeting log exits 2 (got $rc)" [ $rc = 2 ]
check "care: the check-ins of that day are there" grep -q '^全小区[0-9]*户，已报平安' "$srv/out/2022-04-11/bulletin.txt"
check "care: the bulletin says the greeting log is empty" grep -q 今日收到的问候记录是空的 "$srv/out/2022-04-11/bulletin.txt"

# ---- gone: a household missing for a day, one that has left ------------
# Two households silent all three days: on 04-09 the first one's roster
# row has no address (rejected), the second is marked 迁出 from 04-09.
srv=$tmp/srvg
log=$srv/daily.log
ref=$(reference 2022-04-10 "$S"/checkins-2022-04-0[89].csv "$S/checkins-2022-04-10.csv")
sq-cat -q -o json "$ref" | jq -r 'select(.missed_days == "3") | .hh' | head -n 2 >"$tmp/silent"
away=$(sed -n 1p "$tmp/silent") left=$(sed -n 2p "$tmp/silent")
no_of() { sq-cat -q -o json "$tmp/ref-hh.csv" | jq -r --arg h "$1" 'select(.hh == $h) | .["序号"]'; }
na=$(no_of "$away") nl=$(no_of "$left")
iconv -f GB18030 -t UTF-8 "$S/roster.csv" >"$tmp/roster-utf8.csv"
roster_of() { # day -> today/roster.csv of that day
	awk -F, -v OFS=, -v d="$1" -v na="$na" -v nl="$nl" '
	    NR == 2 { $0 = $0 ",迁出日期" }
	    NR > 2 { if ($1 == na && d == "2022-04-09") $3 = ""
		$0 = $0 "," ($1 == nl && d >= "2022-04-09" ? "2022-04-09" : "") }
	    { print }' "$tmp/roster-utf8.csv" >"$srv/today/roster.csv"
}
for d in 2022-04-08 2022-04-09 2022-04-10; do
	today_of "$srv" $d "$S/checkins-$d.csv"
	roster_of $d
	run_day "$srv" $d
done
f10=$srv/out/2022-04-10/flags.csv
m=$(sq-cat -q -o json "$f10" | jq -r --arg h "$away" 'select(.hh == $h) | .missed_days')
check "gone: the household rejected on 04-09 keeps its silent days ($away: $m, want 3)" [ "$m" = 3 ]
check "gone: the warning said on 04-09" grep -q "1 household of the state not in today's roster: its history kept" "$log"
check "gone: the household that left is not followed up ($left)" sh -c "! grep -q '^$left,' '$f10'"
check "gone: its history closed in the state" sh -c "! grep -q '^$left,' '$srv/state/flag/2022-04-10.csv'"
check "gone: the log says so" grep -q '^sq-flag: .*1 household of the state gone (the roster.s gone column): its history closed' "$log"
check "gone: the roster's count without it" grep -q '^sq-flag: 2994 households, ' "$log"

# ---- plan: the plan already handed out stays -----------------------------
srv=$tmp/srvp
log=$srv/daily.log
kept=$srv/state/rounds/2022-04-10
o=$srv/out/2022-04-10
runs() { grep -c '^shequ-daily: run: sq-rounds' "$log"; }
today_of "$srv" 2022-04-10 "$S/checkins-2022-04-10.csv" "$S/orders.csv"
run_day "$srv" 2022-04-10; rc=$?
check "plan: a day with orders exits 1 (got $rc)" [ $rc = 1 ]
check "plan: the plan kept in state/rounds/2022-04-10" \
    cmp -s "$o/rounds.csv" "$kept/rounds.csv" && diff -r "$o/sheets" "$kept/sheets" >/dev/null
check "plan: with what it was made from" grep -q '^orders ' "$kept/.key"
# a plan made by an earlier version of the program (a rerun would plan
# otherwise): the sheet handed out is the one the rerun publishes
echo '# 已发给送货志愿者' >>"$kept/sheets/round-01.txt"
cp "$kept/rounds.csv" "$tmp/plan-10"
run_day "$srv" 2022-04-10; rc=$?
check "plan: the rerun exits 1 as the first run (got $rc)" [ $rc = 1 ]
check "plan: the rerun is not planned again ($(runs) runs of sq-rounds)" [ "$(runs)" = 1 ]
check "plan: the rerun says it kept the plan" grep -q 'those of the plan already made for 2022-04-10: kept it' "$log"
check "plan: the rerun hands out the kept sheets" grep -q 已发给送货志愿者 "$o/sheets/round-01.txt"
check "plan: the rerun's rounds are the kept ones" cmp -s "$o/rounds.csv" "$tmp/plan-10"
n=$(grep -c '^sq-rounds: 367 orders, 617 parcels' "$log")
check "plan: sq-rounds' summary line in the log of both runs ($n of 2)" [ "$n" = 2 ]
# an order cancelled: planned again, and kept in its place
sed '$d' "$S/orders.csv" >"$srv/today/orders.csv"
run_day "$srv" 2022-04-10; rc=$?
check "plan: changed orders exit 1 (got $rc)" [ $rc = 1 ]
check "plan: changed orders are planned again ($(runs) runs)" [ "$(runs)" = 2 ]
check "plan: the log says the orders changed" grep -q 'changed since the plan made for 2022-04-10' "$log"
check "plan: the new plan has the orders left ($(sed 1d "$o/rounds.csv" | wc -l))" \
    [ "$(sed 1d "$o/rounds.csv" | wc -l)" = 366 ] && ! grep -q 已发给送货志愿者 "$o/sheets/round-01.txt"
check "plan: the new plan is the one kept" cmp -s "$o/rounds.csv" "$kept/rounds.csv"
# a failed rerun (the check-ins gone) from the first orders: the good run
# and its plan stay, nothing of the failed run's plan is kept
cp -R "$kept" "$tmp/kept-10"
today_of "$srv" 2022-04-10 "$S/orders.csv"
run_day "$srv" 2022-04-10; rc=$?
check "plan: a failed rerun exits 2 (got $rc)" [ $rc = 2 ]
check "plan: the good run's plan is kept in the state" diff -r "$tmp/kept-10" "$kept"
check "plan: the good run stays" [ "$(sed 1d "$o/rounds.csv" | wc -l)" = 366 ]
# another day: a plan of its own, the later day's left alone
today_of "$srv" 2022-04-09 "$S/checkins-2022-04-09.csv" "$S/orders.csv"
run_day "$srv" 2022-04-09; rc=$?
check "plan: 04-09 exits 1 (got $rc)" [ $rc = 1 ]
check "plan: 04-09 has a plan of its own" [ -s "$srv/state/rounds/2022-04-09/rounds.csv" ]
check "plan: 04-09 leaves 04-10's plan alone" diff -r "$tmp/kept-10" "$kept"

# the orders gone (none today): the rerun has no plan, the bulletin none
today_of "$srv" 2022-04-10 "$S/checkins-2022-04-10.csv"
run_day "$srv" 2022-04-10; rc=$?
check "plan: a rerun without orders exits 1 (got $rc)" [ $rc = 1 ]
check "plan: a rerun without orders has no rounds" [ ! -e "$o/rounds.csv" ] && [ ! -e "$o/sheets" ]
check "plan: a rerun without orders publishes no plan" sh -c "! grep -q '今日计划' '$o/bulletin.txt'"
check "plan: the orders' rejects in a file of their own" [ -f "$kept/rounds-rejects-orders.csv" ]

# ---- roster: an empty roster export, none at all ---------------------------
srv=$tmp/srvr
log=$srv/daily.log
today_of "$srv" 2022-04-09 "$S/checkins-2022-04-09.csv"
run_day "$srv" 2022-04-09; rc=$?
check "roster: a good day exits 1 (got $rc)" [ $rc = 1 ]
cp -R "$srv/out/2022-04-09" "$tmp/good-09"
cp "$srv/state/households/2022-04-09.csv" "$tmp/hh-09"
today_of "$srv" 2022-04-10 "$S/checkins-2022-04-10.csv"
: >"$srv/today/roster.csv"
run_day "$srv" 2022-04-10; rc=$?
o=$srv/out/2022-04-10
check "roster: a 0-byte roster exits 2 (got $rc)" [ $rc = 2 ]
check "roster: the log says the roster is empty" grep -q 'roster.csv: the roster, but it has no rows' "$log"
check "roster: the last good roster is used" grep -q 'using the roster of 2022-04-09 from' "$log"
check "roster: the kept roster is not replaced" cmp -s "$tmp/hh-09" "$srv/state/households/2022-04-09.csv"
check "roster: no empty roster kept for the day" sh -c "[ ! -e '$srv/state/households/2022-04-10.csv' ] || [ \$(wc -l <'$srv/state/households/2022-04-10.csv') -gt 1 ]"
check "roster: sq-flag counts today's check-ins with it" grep -q '^sq-flag: 2995 households, 2724 reported on 2022-04-10' "$log"
check "roster: the bulletin gives today's figure" grep -q '已报平安2724户' "$o/bulletin.txt"
check "roster: the bulletin says the roster is not today's" grep -q 今日未收到新的花名册 "$o/bulletin.txt"
check "roster: the json names the old roster" \
    sh -c "jq -e '.absent[] | select(.section == \"roster\" and .reason == \"old_roster\")' '$o/bulletin.json' >/dev/null"
check "roster: the earlier day's folder is unchanged" diff -r "$tmp/good-09" "$srv/out/2022-04-09"
srv=$tmp/srvr0
rm -rf "$srv/today"; mkdir -p "$srv/today"
cp "$S/community.conf" "$S/sites.csv" "$S/checkins-2022-04-10.csv" "$srv/today/"
run_day "$srv" 2022-04-10; rc=$?
o=$srv/out/2022-04-10
check "roster: none ever received exits 2 (got $rc)" [ $rc = 2 ]
check "roster: the bulletin says no roster came" grep -q 今日未收到花名册 "$o/bulletin.txt"
check "roster: no check-in figure without it" sh -c "! grep -q '已报平安' '$o/bulletin.txt'"
check "roster: the json names the missing section" \
    sh -c "jq -e '.absent[] | select(.section == \"checkin\")' '$o/bulletin.json' >/dev/null"

# ---- undated: a check-in export whose name has no date ---------------------
srv=$tmp/srvu
log=$srv/daily.log
today_of "$srv" 2022-04-10
cp "$S/checkins-2022-04-10.csv" "$srv/today/打卡.csv"
run_day "$srv" 2022-04-10; rc=$?
check "undated: exits 1 as a good day (got $rc)" [ $rc = 1 ]
check "undated: taken for the check-ins" grep -q 'took .*打卡.csv for check-ins' "$log"
check "undated: its rows count for their day" grep -q '^sq-flag: 2995 households, 2724 reported on 2022-04-10' "$log"
check "undated: the lists are written" sh -c "ls '$srv/out/2022-04-10/lists/' | grep -q 待跟进-2022-04-10"

echo "daily: $pass passed, $fail failed"
[ $fail = 0 ]
