#!/bin/sh
# check-shape.sh — the house's shape (issue #18), checked beside the layers:
#  - no source file (.c, .h) over 1,500 lines;
#  - no program's main (cmd/NAME.c) over 80 lines: a main is its options;
#  - docs/ARCHITECTURE.md names every module of every layer and every
#    program, so the one-page drawing matches the tree.
# Usage: sh tools/check-shape.sh LAYER...   (as the Makefile's LAYERS).
# Exit 1 with each problem said, FILE: what.  A file on the debt list below
# is said as a NOTE, not an error (its owner is splitting it); take it off
# the list when it fits.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
[ $# -gt 0 ] || { echo "usage: sh tools/check-shape.sh LAYER..." >&2; exit 2; }
max_lines=1500
max_main=80
# known debt: files another engineer is splitting this session (none now:
# the list stays, for the next file that must grow before it is split)
debt=''

bad='' notes=''
say() {
	for d in $debt; do
		if [ "$d" = "$1" ]; then
			notes=$(printf '%s\n%s: %s (on the debt list)' "$notes" "$1" "$2")
			return
		fi
	done
	bad=$(printf '%s\n%s: %s' "$bad" "$1" "$2")
}

files=$(for d in "$@" cmd cmd/* tools tools/* tests/unit fuzz; do
		[ -d "$d" ] && ls "$d"/*.c "$d"/*.h 2>/dev/null
	done | sort -u)
for f in $files; do
	n=$(wc -l <"$f")
	[ "$n" -gt $max_lines ] && say "$f" "$n lines, more than $max_lines: split it by responsibility (moves as moves)"
done

for f in cmd/*.c; do
	n=$(awk '/^main\(/ { s = NR } s && /^}/ { print NR - s + 1; exit }' "$f")
	[ -n "$n" ] && [ "$n" -gt $max_main ] && say "$f" "main is $n lines, more than $max_main: a main is its options, its tables and its engine calls"
done

# every module (a .c of a layer) and every program named in the drawing
doc=docs/ARCHITECTURE.md
drawing=$(awk '/^```/ { f = !f; next } f' "$doc")
for l in "$@"; do
	for f in "$l"/*.c; do
		[ -f "$f" ] || continue
		m=$(basename "$f" .c)
		printf '%s\n' "$drawing" | grep -qw -- "$m" || bad=$(printf '%s\n%s: %s' "$bad" "$f" "not named in $doc's drawing: add '$m' to its layer's line")
	done
done
for f in cmd/*.c; do
	m=$(basename "$f" .c)
	printf '%s\n' "$drawing" | grep -qw -- "$m" || bad=$(printf '%s\n%s: %s' "$bad" "$f" "not named in $doc's drawing: add '$m' to the programs")
done

notes=$(printf '%s\n' "$notes" | sed '/^$/d')
bad=$(printf '%s\n' "$bad" | sed '/^$/d')
[ -n "$notes" ] && printf '%s\n' "$notes" | sed 's/^/check-shape: NOTE /'
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/check-shape: /' >&2
	echo "check-shape: $(printf '%s\n' "$bad" | wc -l) problem(s) with the house's shape (issue #18)" >&2
	exit 1
fi
largest=$(for f in $files; do printf '%s %s\n' "$(wc -l <"$f")" "$f"; done | sort -n | tail -1)
longest=$(for f in cmd/*.c; do awk -v f="$f" '/^main\(/ { s = NR } s && /^}/ { print NR - s + 1, f; exit }' "$f"; done | sort -n | tail -1)
echo "check-shape: largest source ${largest#* } (${largest%% *} lines), longest main ${longest#* } (${longest%% *} lines), every module named in $doc"
