#!/bin/sh
# The man pages' EXAMPLES run (issue #18): every `.Bd -literal' block and
# every `.Dl' line under `.Sh EXAMPLES' of man/man1/*.1 and man/man7/*.7,
# on the bundled sample community, as a reader would type them.
#   commands  In a block where some lines start with `$ ', only those are
#             commands and the lines after one are what it prints; in any
#             other block every line is a command.  A line ending in `\'
#             or `|' goes on on the next.  mdoc escapes are turned back
#             (\e \- \& \(aq ...).  A crontab line (five schedule fields
#             first) runs as its command, `\%' as `%'.  /srv/shequ, the
#             installation of the examples, is the scratch folder, and
#             $(date +%F) the sample's day, 2022-04-10.
#   files     Each page runs in its own copy of a folder prepared once from
#             share/examples/sample and the files the examples name, made
#             from it by the programs (households.csv by sq-ingest, 下载.xlsx
#             by sq-cat -o xlsx, flags.csv by sq-flag, pairs by sq-care,
#             greeting logs by tools/gen-care, a shequ-daily out/ folder,
#             sampling logs by awk from the households) or taken from
#             tests/examples/ (points, closures, thresholds, couriers).
#   passes    A command passes when it exits 0 or 1 (1: data problems, the
#             sample is messy on purpose) and says nothing of usage; when the
#             page shows what it prints, stdout and stderr must be that,
#             line for line, where a line `...' stands for any lines and a
#             line ending in `...' for any end of line.
#   skips     A command that needs what is not here (jq, a CVRPLIB
#             instance of ../shared/cvrplib) says SKIP and why.
#             An example piped into jq must print something: a filter on a
#             field that is gone prints nothing and exits 0.
#   time      sq-rounds' -t budget is cut to 1 second: the example's plan is
#             not checked, only that it runs.
# SQ_EX_DEBUG=1 shows each command's status and the start of its stderr.
# Usage: sh tests/examples.t.sh [BUILD_DIR].
# Last line: "examples: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqex.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C TZ=UTC SHEQU_DATADIR=$top/share
PATH=$tmp/bin:$build/bin:$build/tools:$PATH
export LC_ALL TZ SHEQU_DATADIR PATH
unset SHEQU_LANG SHEQU_CONF
pass=0 fail=0
S=$top/share/examples/sample
day=2022-04-10
mkdir -p "$tmp/bin"
# shequ-daily beside the programs, as `make install` puts it
ln -s "$top/share/shequ-daily" "$tmp/bin/shequ-daily"

if command -v bash >/dev/null 2>&1; then
	sh_run="bash -o pipefail"
else
	echo "SKIP examples: no bash"
	echo "examples: 0 passed, 0 failed"
	exit 0
fi

# ---- the folder every page starts from ----------------------------------
T=$tmp/sample
mkdir -p "$T"
cp "$S"/* "$T"/
cp "$top"/tests/examples/* "$T"/
setup() { # one step of the preparation; its messages go to a log
	if ! (cd "$T" && eval "$1") >>"$tmp/setup.log" 2>&1; then
		echo "FAIL examples: setup: $1"; tail -5 "$tmp/setup.log"
		fail=$((fail + 1))
	fi
}
ok01() { "$@"; [ $? -le 1 ]; }  # data problems are the sample's
setup 'ok01 sq-ingest -q -O households.csv roster.csv'
setup 'cp roster.csv 花名册.csv && cp residents.csv 人口.csv'
setup 'cp checkins-2022-04-10.csv 打卡-0410.csv'
setup 'mkdir -p inbox && cp checkins-2022-04-10.csv inbox/'
setup 'mkdir -p today && cp "$S"/* today/'
setup 'ok01 sq-flag -q -d 2022-04-10 -Y summary.json -O flags.csv households.csv checkins-2022-04-10.csv'
setup 'ok01 sq-cat -q -o xlsx -O 花名册.xlsx roster.csv && mv 花名册.xlsx 下载.xlsx'
setup 'ok01 sq-cat -q -o json -O export.json roster.csv'
setup 'ok01 sq-cat -q -O week1.csv checkins-2022-04-08.csv && ok01 sq-cat -q -O week2.csv checkins-2022-04-09.csv'
setup 'ok01 sq-care -q -d 2022-04-09 -p sites.csv households.csv volunteers.csv >pairs-0409.csv'
setup 'ok01 sq-care -q -d 2022-04-10 -p sites.csv households.csv volunteers.csv >pairs.csv'
setup 'mkdir -p greet && gen-care log -s 1 -D 2 -d 2022-04-09 pairs.csv greet && cp greet/log-2022-04-10.csv 问候-0410.csv && cp greet/log-all.csv log.csv && rm -rf greet'
setup 'ok01 sq-match -q volunteers.csv posts.csv >plan-by-hand.csv'
# the sampling logs of two points: who was sampled, as people type it
# (every seventh household missed, the address as 12-2-1102)
sampled() {
	awk -F, -v OFS=, 'NR == 1 || NR % 7 == 0 { next }
	{ f = ($3 % 2) ? "东门" : "西门"
	  if (!(f in seen)) { print "姓名", "地址", "采样时间", "采样点" >(f ".csv"); seen[f] = 1 }
	  print $6, $3 "-" $4 "-" $5, "2022-04-10 08:" sprintf("%02d", NR % 60), f >(f ".csv") }' households.csv
}
setup sampled
# the day's output folder sq-report reads
setup 'ok01 sh "$top/share/shequ-daily" . out'
cvrp=$top/../shared/cvrplib/X/X-n101-k25.vrp
[ -f "$cvrp" ] && cp "$cvrp" "$T/"

# ---- the examples --------------------------------------------------------
# blocks: one file a command, NNN.sh, with NNN.want when the page shows
# its output; the list: page, NNN
mkdir -p "$tmp/ex"
awk -v dir="$tmp/ex" '
function unescape(s,   out, c, i, n, t) {
	out = ""; n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c != "\\" || i == n) { out = out c; continue }
		c = substr(s, ++i, 1)
		if (c == "e") out = out "\\"
		else if (c == "-" || c == "." || c == " ") out = out c
		else if (c == "&") ;
		else if (c == "(") {
			t = substr(s, i + 1, 2); i += 2
			if (t == "aq") out = out "\047"
			else if (t == "dq") out = out "\""
			else if (t == "ga") out = out "`"
			else if (t == "ti") out = out "~"
			else if (t == "ha") out = out "^"
			else if (t == "rs") out = out "\\"
			else out = out "\\(" t
		} else out = out "\\" c
	}
	return out
}
function emit(c,   f, k) {
	if (c ~ /^[0-9*,\/-]+[ \t]+[0-9*,\/-]+[ \t]+[0-9*,\/-]+[ \t]+[0-9*,\/-]+[ \t]+[0-9*,\/-]+[ \t]+/) {
		for (k = 0; k < 5; k++) sub(/^[0-9*,\/-]+[ \t]+/, "", c)
		gsub(/\\%/, "%", c)
	}
	f = sprintf("%s/%03d", dir, ++n)
	print c > (f ".sh"); close(f ".sh")
	printf "%s\t%03d\n", page, n
	pending = f
}
FNR == 1 { page = FILENAME; sub(/.*\//, "", page); ex = 0; inb = 0 }
/^\.Sh / { ex = ($0 ~ /^\.Sh EXAMPLES/); next }
!ex { next }
/^\.Bd -literal/ { inb = 1; nl = 0; nw = 0; next }
inb && /^\.Ed/ { inb = 0; flush(); next }
inb { L[++nl] = unescape($0); next }
/^\.Dl / { s = $0; sub(/^\.Dl /, "", s); nl = 1; L[1] = unescape(s); flush(); next }
# a block: its commands, and the lines the page shows after a command
# (written to its NNN.want)
function flush(   i, dollar, cmd, more, line) {
	pending = ""
	dollar = 0
	for (i = 1; i <= nl; i++) if (L[i] ~ /^\$ /) dollar = 1
	more = 0; cmd = ""
	for (i = 1; i <= nl; i++) {
		line = L[i]
		if (more) {
			sub(/^[ \t]+/, "", line); cmd = cmd " " line
		} else if (!dollar || line ~ /^\$ /) {
			if (cmd != "") emit(cmd)
			cmd = line; sub(/^\$ /, "", cmd); sub(/^[ \t]+/, "", cmd)
		} else {
			if (cmd != "") { emit(cmd); cmd = "" }
			if (pending == "") { print "FAIL examples: " page ": output shown before any command" > "/dev/stderr"; continue }
			print line > (pending ".want")
			continue
		}
		more = 0
		if (cmd ~ /\\$/) { sub(/[ \t]*\\$/, "", cmd); more = 1 }
		else if (cmd ~ /(\||&&)[ \t]*$/) more = 1
	}
	if (cmd != "") emit(cmd)
	if (pending != "") close(pending ".want")
	nl = 0
}
' "$top"/man/man1/*.1 "$top"/man/man7/*.7 >"$tmp/list" 2>"$tmp/awk.err"
[ -s "$tmp/awk.err" ] && { cat "$tmp/awk.err"; fail=$((fail + 1)); }

# does the output (file $1) show as the page says (file $2)?
shows() {
	awk 'FNR == NR { want[++nw] = $0; next } { got[++ng] = $0 }
	END {
		g = 1
		for (w = 1; w <= nw; w++) {
			p = want[w]
			if (p == "...") {
				if (w == nw) { g = ng + 1; break }
				# as few lines as it takes to reach the next shown one
				while (g <= ng && !match1(want[w + 1], got[g])) g++
				continue
			}
			if (g > ng || !match1(p, got[g])) {
				printf "  shown line %d: %s\n  printed:      %s\n", w, p, (g > ng ? "(nothing more)" : got[g])
				exit 1
			}
			g++
		}
		if (g <= ng) { printf "  printed more: %s\n", got[g]; exit 1 }
	}
	function match1(p, s) {
		if (p ~ /\.\.\.$/) { p = substr(p, 1, length(p) - 3); return substr(s, 1, length(p)) == p }
		return p == s
	}' "$2" "$1"
}

page_done=
while IFS='	' read -r page n; do
	w=$tmp/run/$page
	if [ "$page_done" != "$page" ]; then
		rm -rf "$w"; mkdir -p "$tmp/run"; cp -R "$T" "$w"
		page_done=$page
	fi
	cmd=$(sed -e "s|/srv/shequ|$w|g" -e "s|\$(date +%F)|$day|g" "$tmp/ex/$n.sh")
	case $cmd in sq-rounds*" -t "*)
		cmd=$(printf '%s\n' "$cmd" | sed 's/ -t [0-9][0-9]*/ -t 1/') ;;
	esac
	what="$page: $(head -c 70 "$tmp/ex/$n.sh")"
	case $cmd in *jq*)
		command -v jq >/dev/null 2>&1 ||
		    { echo "SKIP $what: jq is not installed"; continue; } ;;
	esac
	case $cmd in *X-n101-k25.vrp*)
		[ -f "$w/X-n101-k25.vrp" ] ||
		    { echo "SKIP $what: no $cvrp"; continue; } ;;
	esac
	printf '%s\n' "$cmd" >"$tmp/cmd"
	(cd "$w" && $sh_run "$tmp/cmd") >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	[ -n "$SQ_EX_DEBUG" ] && { echo "== $page $n: exit $rc: $cmd"; head -c 600 "$tmp/err"; echo; }
	why=
	if [ $rc -gt 1 ]; then
		why="exit $rc"
	elif grep -qiE '^usage:|unknown option|invalid option|requires an argument|unrecognized option' "$tmp/err"; then
		why="a usage error"
	elif case $cmd in *"| jq "*|*"|jq "*) [ ! -s "$tmp/out" ] ;; *) false ;; esac; then
		why="jq printed nothing (a field or a format the page names is gone?)"
	elif [ -f "$tmp/ex/$n.want" ]; then
		cat "$tmp/out" "$tmp/err" >"$tmp/both"
		shows "$tmp/both" "$tmp/ex/$n.want" >"$tmp/diff" || why="not what the page shows"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $what: $why"
		echo "  ran: $cmd"
		[ -s "$tmp/diff" ] && cat "$tmp/diff"
		[ "$why" != "not what the page shows" ] && head -5 "$tmp/err" | sed 's/^/  /'
		rm -f "$tmp/diff"
	fi
done <"$tmp/list"
[ -s "$tmp/list" ] || { echo "FAIL examples: no example found in man/"; fail=$((fail + 1)); }
echo "examples: $pass passed, $fail failed"
[ $fail = 0 ]
